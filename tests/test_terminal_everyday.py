"""Everyday use (issue 26) in a real pseudo-terminal (pexpect), where the defects were seen:
`b` on the first statement, resuming after a skip, the "See it again" line at 80 columns,
the intro at 60 columns, and the pager."""

from __future__ import annotations

import io
import shlex
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pytest

from closeness_quiz.commands.take import PLAN_INTRO
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from tests.conftest import env_for_subprocess
from tests.helpers import build_result, past_the_plan, write_result
from tests.vt import Screen, answered_lines

pytestmark = pytest.mark.terminal

BANK = load_bank()
SCORED = len(BANK.questions)
PRIVATE = len(BANK.safety)


def spawn(home: Path, *args: str, width: int = 80, height: int = 40, **env: str) -> pexpect.spawn:
    environment = env_for_subprocess(home)
    del environment["COLUMNS"]  # the program asks the terminal how wide it is
    environment.pop("CI", None)  # a person at a terminal, even when CI runs the tests
    environment.update(env)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", *args],
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(height, width),
    )
    child.logfile_read = io.StringIO()
    return child


def statement(child: pexpect.spawn, number: int) -> None:
    child.expect_exact(f"Statement {number} of {SCORED}")
    child.expect_exact("s skip)")  # the whole prompt is drawn


def ended(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.logfile_read.getvalue())


def test_b_then_enter_on_the_first_statement_records_nothing(quiz_home: Path) -> None:
    child = spawn(quiz_home, "take")
    statement(child, 1)
    child.send("b")
    child.expect_exact("there is nothing to go back to")
    child.send("\r")  # Enter out of habit: must not become "Never"
    child.send("s\r")  # then skip it
    statement(child, 2)
    child.sendcontrol("c")
    log = ended(child)
    assert child.exitstatus == 130
    assert "Stopped before any question was answered" in log
    assert not list(quiz_home.glob("*.draft.json"))


def test_b_then_a_number_on_the_first_statement_answers_it(quiz_home: Path) -> None:
    child = spawn(quiz_home, "take", "--name", "Bo")
    statement(child, 1)
    child.send("b")
    child.expect_exact("there is nothing to go back to")
    child.send("3\r")  # Sometimes
    statement(child, 2)
    child.sendcontrol("c")
    log = ended(child)
    assert "Your 1 answer is kept" in log
    shown = answered_lines(Screen(80).feed(log).lines())
    assert shown[1].endswith("\u2014 Sometimes") and BANK.questions[0].text[:30] in shown[1]
    assert "nothing to go back to" not in log[log.index("Statement 2 of") :]


def test_resume_after_a_skip_goes_on_after_the_last_answered_statement(quiz_home: Path) -> None:
    child = spawn(quiz_home, "take", "--name", "Kit")
    for number in range(1, 15):
        statement(child, number)
        child.send("s\r" if number == 5 else "4\r")
    statement(child, 15)
    child.sendcontrol("c")
    assert "13 answers are kept" in " ".join(ended(child).split())

    child = spawn(quiz_home, "take", "--resume", "--name", "Kit")
    statement(child, 15)
    asked = child.logfile_read.getvalue()
    said = " ".join(" ".join(Screen(80).feed(asked).lines()).split())
    assert f"13 of {SCORED} statements answered; going on from statement 15." in said
    assert "You skipped statement 5; it stays skipped unless you go back to it." in said
    assert "Statement 5 of" not in asked and "Statement 6 of" not in asked
    child.sendcontrol("c")
    ended(child)


def answer_everything(child: pexpect.spawn) -> None:
    for number in range(1, SCORED + 1):
        statement(child, number)
        child.send("4\r")
    for number in range(1, PRIVATE + 1):
        child.expect_exact(f"Private question {number} of {PRIVATE}")
        child.send("1\r")  # Never: no safety notice


@pytest.mark.parametrize("width", [60, 80])
def test_after_the_report_the_command_to_see_it_again_stands_whole(
    quiz_home: Path, width: int
) -> None:
    child = spawn(quiz_home, "take", "--name", "Kit", width=width, PAGER="cat > /dev/null; exit 9")
    child.expect_exact("about five minutes")
    answer_everything(child)
    past_the_plan(child, "Save your scores on this computer? [Y/n]")
    child.send("\r")
    child.expect_exact("See it again with:")
    log = ended(child)
    assert child.exitstatus == 0
    (saved,) = quiz_home.glob("*-kit.json")
    command = f"{sys.executable} -m closeness_quiz report {shlex.quote(str(saved))}"
    # Its own line, sent whole: the terminal may fold a long one, never the program.
    assert f"See it again with:\r\n  {command}\r\n" in log
    before = log[: log.index(f"Statement 1 of {SCORED}")]  # what is read before statement 1
    lines = Screen(width).feed(before).lines()
    assert max(len(line) for line in lines) <= width
    intro = " ".join(" ".join(lines).split())
    assert (
        "If you later compare with your partner, they will see your scores and your answers "
        "to the statements, never the private questions." in intro
    )
    assert "Overall" in log  # take's report is printed whole: never paged
    # The screen the report ends on (before the one-thing-to-try and save questions that
    # follow it): the scores once more, then where to find help; the score table itself is
    # far up in the scrollback. And the saved result's place at the very end.
    start = PLAN_INTRO[:16]  # "One thing to try": a line of its own even at 60 columns
    report_end = log[: log.index(start)] if start in log else log
    screen = Screen(width).feed(report_end).lines()[-40:]
    said = " ".join(" ".join(screen).split())
    assert "Your scores, from the top: Communication" in said and "Overall" in said
    assert said.index("from the top") < said.index("Where to find help")
    assert "Saved your result to" in log[log.index("Where to find help") :]


def save(home: Path, value: int, name: str, when: datetime) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    answers = {q.id: value for q in BANK.questions}
    data = build_result(
        BANK, answers, score(BANK, load_guidance(), answers), name=name, taken_at=when
    )
    return write_result(home / f"{when:%Y-%m-%d-%H%M}-{name.casefold()}.json", data)


def test_a_long_report_opens_in_less_at_its_top_and_quits_with_q(quiz_home: Path) -> None:
    when = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    save(quiz_home, 2, "Sam", when)
    save(quiz_home, 3, "Sam", when + timedelta(days=7))
    child = spawn(quiz_home, "report", "Sam", height=24, PAGER="less")
    child.expect_exact("Since your last result (2026-11-20)")
    child.expect_exact("\r\n:")  # less's prompt: the rest waits
    first = Screen(80).feed(child.logfile_read.getvalue()).lines()
    assert any(line.startswith("How close do we feel?") for line in first)
    assert not any("Where to find help" in line for line in first)
    child.send("q")
    ended(child)
    assert child.exitstatus == 0


def test_pager_no_pager_and_short_output(quiz_home: Path, tmp_path: Path) -> None:
    when = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    save(quiz_home, 2, "Sam", when)
    log = tmp_path / "paged.txt"
    recorder = f"cat > {shlex.quote(str(log))}"
    out = ended(spawn(quiz_home, "report", "Sam", height=24, PAGER=recorder))
    assert "How close do we feel?" in log.read_text() and "Overall" not in out
    log.unlink()
    out = ended(spawn(quiz_home, "report", "Sam", "--no-pager", height=24, PAGER=recorder))
    assert not log.exists() and "Where to find help" in out
    out = ended(spawn(quiz_home, "report", "Sam", height=24, PAGER=recorder, CI="1"))
    assert not log.exists() and "Where to find help" in out
    out = ended(spawn(quiz_home, "history", height=24, PAGER=recorder))  # one screen: printed
    assert not log.exists() and "Sam" in out
