"""The quiz screen in a real pseudo-terminal (pexpect): every statement whole at 60 columns,
and plain terminals (`--plain`, TERM=dumb, TERM unset) sent no escape sequence at all, from
the first question to the saved result, nor by `report`, `compare` and `history`."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pexpect
import pytest

from closeness_quiz.content.bank import load_bank
from tests.conftest import env_for_subprocess
from tests.helpers import past_the_plan
from tests.vt import Screen, answered_lines, statement_in

pytestmark = pytest.mark.terminal

BANK = load_bank()
STATEMENTS = [q.text for q in BANK.questions]
PRIVATE = [q.text for q in BANK.safety]
# Boxes, blocks, bullets and fancy punctuation (quotes, dashes, ellipsis, prompt marks).
DRAWING = set("╭╮╰╯│─┌┐└┘█░▁▂▃▄▅▆▇•·“”…»\u2018\u2019\u2013\u203a")


def spawn(home: Path, args: list[str], *, width: int = 60, term: str | None = "xterm-256color"):
    env = env_for_subprocess(home)
    del env["COLUMNS"]  # the program asks the terminal how wide it is
    if term is None:
        env.pop("TERM", None)
    else:
        env["TERM"] = term
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, width),
    )
    child.logfile_read = io.StringIO()
    return child


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.logfile_read.getvalue()[-2000:]
    return str(child.logfile_read.getvalue())


def test_every_statement_is_whole_at_60_columns(quiz_home: Path) -> None:
    child = spawn(quiz_home, ["take", "--no-save"])
    for number in range(1, len(STATEMENTS) + 1):
        child.expect_exact(f"Statement {number} of {len(STATEMENTS)}")
        child.expect_exact("s skip)")  # the whole prompt is drawn
        child.send(str(number % 5 + 1) + "\r")
    for number in range(1, len(PRIVATE) + 1):
        child.expect_exact(f"Private question {number} of {len(PRIVATE)}")
        child.expect_exact("s skip)")
        child.send("1\r")
    given = {q.id: n % 5 for n, q in enumerate(BANK.questions, 1)}
    if BANK.soft_signal(given):  # a critical statement on the far side: offered to clear
        child.expect_exact("Clear this screen now")
        child.send("n\r")  # kept, to look at it
    screen = Screen(60).feed(finish(child))
    assert screen.cut == [], "something was drawn past the right edge"

    # The live prompt: each statement whole, under its progress line, no line too wide.
    for kinds, texts in (("Statement", STATEMENTS), ("Private question", PRIVATE)):
        for number, text in enumerate(texts, 1):
            progress = f"{kinds} {number} of {len(texts)}"
            found = [f for f in map(lambda fr: statement_in(fr, progress), screen.frames) if f]
            assert found, f"{progress} was never drawn whole"
            joined, lines = found[-1]
            assert joined == text, progress
            assert all(len(line) <= 60 for line in lines), progress

    # What stays: one clean line (or a few, hanging) per statement, none for private ones.
    final = screen.lines()
    assert max(len(line) for line in final) <= 60
    labels = [c.label for c in BANK.scale]
    expected = {n: f"{t} \u2014 {labels[n % 5]}" for n, t in enumerate(STATEMENTS, 1)}
    assert answered_lines(final) == expected
    flowing = " ".join(" ".join(final).split())
    assert not any(text in flowing for text in PRIVATE)


def answer_plainly(child: pexpect.spawn) -> None:
    """Answer a plain take so that every statement is keyed 3 ('Often', or 'Rarely' where
    agreeing means less closeness: every score 75.0), and 'Never' to every private question."""
    replies = ["2" if q.reverse else "4" for q in BANK.questions] + ["1"] * len(PRIVATE)
    for reply in replies:
        child.expect_exact("Your answer (")
        child.sendline(reply)
    past_the_plan(child, "Save your scores on this computer? [Y/n]")  # asked of everyone
    child.sendline("")


@pytest.mark.parametrize(
    ("args", "term"),
    [(["--plain"], "xterm-256color"), ([], "dumb"), ([], None)],
    ids=["--plain", "TERM=dumb", "TERM-unset"],
)
def test_plain_terminals_get_no_escape_sequences_from_first_question_to_saved_result(
    quiz_home: Path, args: list[str], term: str | None
) -> None:
    child = spawn(quiz_home, ["take", "--name", "Ash", *args], term=term)
    answer_plainly(child)
    log = finish(child)
    assert "\x1b" not in log
    assert not DRAWING & set(log), sorted(DRAWING & set(log))
    assert log.isascii()
    text = log.replace("\r\n", "\n")
    assert "Statement 1 of 39 - Communication" in text
    assert "- Communication: 75.0 out of 100, Strong" in text
    assert "- Overall: 75.0 out of 100, Strong" in text
    assert "Saved your result to" in text
    lines = text.splitlines()
    # The command to see it again stands whole on its own line, to be copied (as the resume
    # command does): the terminal may fold it, the program never breaks it.
    again = lines.index("See it again with:") + 1
    assert lines[again].startswith("  ") and "report" in lines[again]
    del lines[again]
    assert max(len(line) for line in lines) <= 60
    # One idea per line: every list item starts "- ", and what wraps hangs two spaces in.
    start = lines.index("Start here:")
    assert lines[start + 1].startswith("- ")
    (saved,) = [p for p in quiz_home.glob("*-ash.json")]
    assert saved.exists()


@pytest.mark.parametrize("term", ["dumb", None], ids=["TERM=dumb", "TERM-unset"])
def test_report_compare_and_history_send_no_escape_sequences_to_a_plain_terminal(
    quiz_home: Path, term: str | None
) -> None:
    for name in ("Ash", "Kai"):
        child = spawn(quiz_home, ["take", "--name", name, "--plain"])
        answer_plainly(child)
        finish(child)
    ash, kai = sorted(quiz_home.glob("*.json"))
    for args in (["report", str(ash)], ["compare", str(ash), str(kai)], ["history"]):
        log = finish(spawn(quiz_home, args, term=term))
        assert "\x1b" not in log, args
        assert not DRAWING & set(log), (args, sorted(DRAWING & set(log)))
        assert max(len(line) for line in log.splitlines()) <= 60, args
        assert "Overall" in log
