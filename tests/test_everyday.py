"""Everyday use (issue 26): what a newcomer stumbles on, outside a real terminal.

Answers files that list every problem with a hint, `take --output` that can't silently get
the wrong thing, `history --name` agreeing with `report`, the change since the last result,
`compare --all`, paired statements worded opposite ways, the C locale, output cut short,
and what the intro says `compare` will show. (The real-terminal ones are in
test_terminal_everyday.py.)"""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.commands.take import intro
from closeness_quiz.compare import words as cmp
from closeness_quiz.compare.build import build_compare
from closeness_quiz.compare.json_view import compare_json_text
from closeness_quiz.content.bank import load_bank, parse_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.quiz.loop import run_quiz
from closeness_quiz.quiz.plain import make_ask
from closeness_quiz.render import display, pager
from closeness_quiz.render.lines import wrap
from closeness_quiz.store.results import new_result
from tests.conftest import env_for_subprocess
from tests.helpers import SMALL_BANK, build_result, respected, small_bank, write_result

runner = CliRunner()
BANK = load_bank()
GUIDANCE = load_guidance()
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def save(folder: Path, answers: dict[str, int], *, name: str, when: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    scores = score(BANK, GUIDANCE, answers)
    data = build_result(BANK, answers, scores, name=name, taken_at=when)
    return write_result(folder / f"{when:%Y-%m-%d-%H%M}-{name.casefold()}.json", data)


def every(value: int) -> dict[str, int]:
    return {q.id: value for q in BANK.questions}


# --- 1. `b` on the first statement, in plain mode ------------------------------------------


def test_plain_b_on_the_first_statement_says_there_is_nothing_before_and_records_nothing(
    tmp_path: Path,
) -> None:
    replies = iter(["b", "", "s", *["3"] * 5, "1", "1"])
    shown: list[str] = []
    outcome = run_quiz(
        small_bank(tmp_path), make_ask(read=lambda p: next(replies), write=shown.append)
    )
    text = " ".join(" ".join(shown).split())
    assert "This is the first statement: there is nothing to go back to." in text
    assert "talk-1" not in outcome.answers  # b, Enter and s: never an answer


# --- 3. answers files: every problem, with a hint ------------------------------------------


def test_an_answers_file_reports_every_problem_with_hints(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "1: 3\ncommunication-1: 2\ncommunication-02: 9\ncommunication-03: maybe\n"
        "comunication-03: 1\ntrust-01: 2\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    err = " ".join(result.stderr.split())
    assert "has 6 problems" in err
    for line in (1, 2, 3, 4, 5, 6):
        assert f"a.yaml, line {line}:" in err
    first = BANK.questions_in(BANK.categories[0].id)[0].id
    assert "not the worksheet's number: number 1 on the worksheet is 'communication-01'" in err
    assert first == "communication-01"
    assert "'communication-1': unknown question id" in err
    assert "Did you mean 'communication-01'?" in err
    assert "Did you mean 'communication-03'?" in err  # a typo in the word, same number
    # trust-01 is not in the bank: no guess at another number (trust-12 is not it)
    trust = err[err.index("'trust-01'") :]
    assert "Did you mean" not in trust
    assert "bank validate" not in err


def test_worksheet_numbers_follow_the_worksheet_not_the_ids(tmp_path: Path) -> None:
    """Number 5 on the printed worksheet is the fifth statement printed, whatever its id."""
    from closeness_quiz.worksheet.build import build_worksheet

    sheet = build_worksheet(BANK, GUIDANCE)
    fifth = sheet.items[4]
    answers = tmp_path / "a.yaml"
    answers.write_text("5: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2
    assert f"number 5 on the worksheet is '{fifth.id}'" in " ".join(result.stderr.split())


def test_an_answers_file_with_many_problems_lists_the_first_20(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("".join(f"nope-{n}: 1\n" for n in range(25)), encoding="utf-8")
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2
    assert "has 25 problems" in result.stderr
    assert result.stderr.count("unknown question id") == 20
    assert "... and 5 more." in result.stderr and "bank validate" not in result.stderr


def test_guesses_get_the_same_hints(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("communication-01: 2\nguesses:\n  communication-3: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2
    assert "guesses.'communication-3'" in result.stderr
    assert "Did you mean 'communication-03'?" in result.stderr


# --- 4. take --output is the result, never a report ----------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"), [("r.html", "html"), ("r.HTM", "html"), ("r.md", "markdown")]
)
def test_take_output_with_a_report_extension_is_refused(
    tmp_path: Path, quiz_home: Path, name: str, fmt: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    target = tmp_path / name
    result = runner.invoke(
        app, ["take", "--answers", str(answers), "--format", fmt, "--output", str(target)]
    )
    assert result.exit_code == 2 and result.stdout == ""
    err = " ".join(result.stderr.split())
    assert "take --output is where the result is saved" in err
    assert f"--format {fmt} > {target}" in err
    assert f"report --format {fmt} --output {target}" in err
    assert not target.exists() and not quiz_home.exists()  # nothing saved, nothing written


def test_take_output_json_still_saves_the_result_there(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    target = tmp_path / "mine.json"
    result = runner.invoke(
        app, ["take", "--answers", str(answers), "--format", "html", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["format"] == "closeness-quiz/result"
    assert result.stdout.lstrip().casefold().startswith("<!doctype html>")


# --- 6. the change since the last result, at the top of `report` ---------------------------


def test_report_shows_the_change_since_that_names_previous_result(quiz_home: Path) -> None:
    save(quiz_home, every(2), name="Sam", when=WHEN)
    save(quiz_home, every(3), name="Robin", when=WHEN + timedelta(days=1))  # someone else
    save(quiz_home, every(3), name="sam", when=WHEN + timedelta(days=7))
    out = runner.invoke(app, ["report", "Sam"]).stdout
    lines = out.splitlines()
    since = " ".join(lines[2:4])
    assert lines[2].startswith("Since your last result (2026-11-20):")
    # every(3) against every(2): each normal item one step closer, each reverse one step
    # further; the deltas are the real ones, worked out from the answers.
    now, then = score(BANK, GUIDANCE, every(3)), score(BANK, GUIDANCE, every(2))
    for cat in BANK.categories:
        change = round(now.categories[cat.id].score - then.categories[cat.id].score, 1)  # type: ignore[operator]
        said = "no change" if change == 0 else f"{change:+.1f}"
        assert f"{cat.title} {said}" in since
    assert out.index("Since your last result") < out.index("Area")
    data = json.loads(runner.invoke(app, ["report", "Sam", "--format", "json"]).stdout)
    assert data["since"]["taken_at"].startswith("2026-11-20")
    assert data["since"]["file"] == "2026-11-20-1000-sam.json"
    for fmt in ("markdown", "html"):
        shown = runner.invoke(app, ["report", "Sam", "--format", fmt]).stdout
        assert "Since your last result (2026-11-20)" in shown


def test_the_change_since_is_shown_in_the_areas_own_units(quiz_home: Path) -> None:
    """A mean-scored instrument (ECR-S: means on 1-7, two places) shows its change with the
    two places its scores have, as history does, not one (a change of 0.04 was "no change")."""
    ecrs = load_bank(Path(__file__).parent / "data" / "instruments" / "ecrs.yaml")
    quiz_home.mkdir(parents=True)
    for day, value in ((0, 4), (7, 5)):
        answers = {q.id: value for q in ecrs.questions}
        answers["ecr-2"] = 4  # one anxiety item stays, one is reversed: (4 - 1) / 6
        data = build_result(
            ecrs,
            answers,
            score(ecrs, GUIDANCE, answers),
            name="Kim",
            taken_at=WHEN + timedelta(days=day),
        )
        write_result(quiz_home / f"kim-{day}.json", data)
    shown = " ".join(runner.invoke(app, ["report", "Kim"]).stdout.split())
    assert "(2026-11-20): Attachment anxiety +0.50, Attachment avoidance no change." in shown


def test_the_first_result_and_an_unnamed_one_show_no_change(quiz_home: Path) -> None:
    first = save(quiz_home, every(2), name="Sam", when=WHEN)
    save(quiz_home, every(3), name="Sam", when=WHEN + timedelta(days=7))
    out = runner.invoke(app, ["report", str(first)]).stdout  # the earlier one: nothing before
    assert "Since your last result" not in out
    assert "since" not in json.loads(
        runner.invoke(app, ["report", str(first), "--format", "json"]).stdout
    )


def test_a_file_from_elsewhere_is_shown_as_it_is(quiz_home: Path, tmp_path: Path) -> None:
    """A partner's result sent over, with a name there are results for here: no change
    line (the folder is not looked at for a file given by its path outside it)."""
    save(quiz_home, every(2), name="Sam", when=WHEN)
    sent = save(tmp_path / "sent", every(3), name="Sam", when=WHEN + timedelta(days=7))
    out = runner.invoke(app, ["report", str(sent)])
    assert out.exit_code == 0 and "Since your last result" not in out.stdout


def test_the_change_is_never_worked_out_across_two_banks(quiz_home: Path, tmp_path: Path) -> None:
    other = small_bank(tmp_path)
    folder = quiz_home
    folder.mkdir(parents=True)
    answers = {q.id: 4 for q in other.questions}
    data = build_result(
        other,
        answers,
        score(other, GUIDANCE, answers),
        name="Sam",
        taken_at=WHEN + timedelta(days=1),
    )
    write_result(folder / "other-bank-sam.json", data)
    out = runner.invoke(app, ["report", "Sam"])  # the small bank's result is the latest
    assert out.exit_code == 0, out.output
    assert "Since your last result" not in out.stdout
    save(folder, every(2), name="Sam", when=WHEN)  # the default bank, before
    newest = save(folder, every(3), name="Sam", when=WHEN + timedelta(days=2))
    shown = runner.invoke(app, ["report", str(newest)]).stdout
    assert "Since your last result (2026-11-20)" in shown  # skips the other bank's result


# --- 6. the pager: when it is used and when never ------------------------------------------


def test_no_pager_for_a_pipe_under_ci_or_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(pager.PAGER_ENV, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("CLOSENESS_QUIZ_PLAIN", raising=False)
    monkeypatch.setattr(display, "is_terminal", lambda stream: True)
    monkeypatch.setattr(display, "moves_cursor", lambda term: True)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager.command() == "less"
    monkeypatch.setenv("PAGER", "most")
    assert pager.command() == "most"
    monkeypatch.setenv(pager.PAGER_ENV, "more")
    assert pager.command() == "more"  # ours first, as GIT_PAGER is git's
    for off in ("", "cat"):
        monkeypatch.setenv(pager.PAGER_ENV, off)
        assert pager.command() is None
    monkeypatch.delenv(pager.PAGER_ENV)
    monkeypatch.setenv("CI", "true")
    assert pager.command() is None
    monkeypatch.delenv("CI")
    monkeypatch.setenv("CLOSENESS_QUIZ_PLAIN", "1")  # screen readers: never paged
    assert pager.command() is None
    monkeypatch.delenv("CLOSENESS_QUIZ_PLAIN")
    monkeypatch.setattr(display, "is_terminal", lambda stream: False)
    assert pager.command() is None


def test_a_report_taller_than_the_terminal_repeats_the_scores_before_the_notes() -> None:
    """After `take`, the score table is far up the scrollback: a report taller than the
    screen says the scores once more, in one line, before the closing notes (where to find
    help still ends it). A report that fits, or one not on a terminal, doesn't."""
    from rich.console import Console

    from closeness_quiz.render.terminal import render_report
    from closeness_quiz.report.view import build_report

    view = build_report(new_result(BANK, every(3), name="Sam", taken_at=WHEN), GUIDANCE)

    def shown(height: int, *, terminal: bool = True) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer, width=80, height=height, force_terminal=terminal, color_system=None
        )
        render_report(view, console)
        return " ".join(buffer.getvalue().split())

    tall = shown(24)
    assert "Your scores, from the top: Communication" in tall
    assert tall.index("from the top") < tall.index("Please keep in mind")
    assert tall.rstrip().endswith("call your local emergency number.")
    assert "from the top" not in shown(1000)
    assert "from the top" not in shown(24, terminal=False)


def test_short_output_is_printed_not_paged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "paged"
    pager.page("one\ntwo\n", f"cat > {log}", height=24)
    assert capsys.readouterr().out == "one\ntwo\n" and not log.exists()


# --- 7. paired statements worded opposite ways ---------------------------------------------


def test_a_reverse_keyed_statement_beside_a_normal_one_says_so() -> None:
    """'Go unnoticed - Almost always' beside 'I thank my partner - Almost always': the same
    word, opposite views; the pair says it is worded opposite ways and how far apart."""
    unnoticed, thanks = BANK.question("affection-02"), BANK.question("affection-08")
    assert unnoticed is not None and thanks is not None
    assert unnoticed.pair == thanks.id and unnoticed.reverse and not thanks.reverse
    view = build_compare(
        new_result(BANK, every(4), name="Alex", taken_at=WHEN),
        new_result(BANK, every(4), name="Sam", taken_at=WHEN),
        GUIDANCE,
    )
    bullets = {s.heading: s for s in cmp.difference_sections(view)}[cmp.HEAD_PAIRS].bullets
    (opposite,) = [b for b in bullets if "go unnoticed" in b.main and b.main.startswith("Alex")]
    assert opposite.detail is not None
    assert opposite.detail.endswith("Almost always (worded opposite ways: 4 steps apart)")
    shows = BANK.question("affection-13")  # "My partner shows me affection...", paired alike
    assert shows is not None and shows.pair is not None
    (same,) = [b for b in bullets if shows.text in b.main and b.main.startswith("Alex")]
    assert same.detail is not None and same.detail.endswith("(these answers agree)")
    assert "worded opposite" not in same.detail
    pairs = json.loads(compare_json_text(view))["pairs"]
    assert {p["partner_id"]: p["opposite"] for p in pairs} == {
        "affection-13": False,
        "affection-02": True,
    }


# --- 10. compare --all ---------------------------------------------------------------------


def test_compare_all_shows_every_statement_of_each_group(quiz_home: Path) -> None:
    a = save(quiz_home, every(4), name="Alex", when=WHEN)
    # Sam's "respects my no" answered close: a critical answer on the far side would hide
    # that area's statements (see test_private_life.py), which --all never brings back.
    b = save(quiz_home, respected(BANK, every(0)), name="Sam", when=WHEN + timedelta(hours=1))
    short = runner.invoke(app, ["compare", str(a), str(b), "--no-pager"]).stdout
    assert "more statements like these (compare --all shows every one)" in short
    for fmt in ("text", "markdown", "html"):
        full = runner.invoke(app, ["compare", str(a), str(b), "--all", "--format", fmt]).stdout
        assert "more statements like these" not in full, fmt
        shown = " ".join(html.unescape(full).replace("\\", "").split())
        for question in BANK.questions:
            if question.critical is None:  # a critical statement is never shown
                assert " ".join(question.text.split()) in shown, (fmt, question.id)
            else:
                assert " ".join(question.text.split()) not in shown, (fmt, question.id)


# --- 9. the C locale -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "c"),
    [
        ({"LANG": "C"}, True),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, True),
        ({"LANG": "en_GB.UTF-8", "LC_CTYPE": "POSIX"}, True),
        ({}, True),
        ({"LANG": "C.UTF-8"}, False),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "C"}, False),
    ],
)
def test_the_c_locale_is_read_from_the_environment(env: dict[str, str], c: bool) -> None:
    assert display.c_locale(env) is c


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL"])
def test_lang_c_gives_ascii_in_every_view(quiz_home: Path, variable: str) -> None:
    a = save(quiz_home, every(3), name="Zoë", when=WHEN)
    save(quiz_home, every(1), name="Sam", when=WHEN + timedelta(hours=1))
    env = env_for_subprocess(quiz_home)
    for key in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8"):
        env.pop(key, None)
    env[variable] = "C"
    for args in (["report", str(a)], ["compare", "Zoë", "Sam"], ["history"]):
        done = subprocess.run(
            [sys.executable, "-m", "closeness_quiz", *args], env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.isascii(), (
            args,
            sorted({c for c in done.stdout.decode() if ord(c) > 127}),
        )
        assert b"Zoe" in done.stdout and b"#" in done.stdout  # accents dropped, ASCII bars
    env[variable] = "C.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz", "report", str(a)], env=env, capture_output=True
    )
    assert "█".encode() in done.stdout  # a UTF-8 locale keeps the real glyphs


# --- 11. output cut short --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["history", "--format", "json"], ["history"], ["report", "--format", "json"], ["report"]],
)
def test_a_closed_pipe_ends_quietly(quiz_home: Path, args: list[str]) -> None:
    for n in range(3):
        save(quiz_home, every(n), name=f"P{n}", when=WHEN + timedelta(hours=n))
    read, write = os.pipe()
    os.close(read)  # the reader has gone before anything is written (`| head` that quit)
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz", *args],
        env=env_for_subprocess(quiz_home),
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write)
    assert done.stderr == ""
    assert done.returncode == 141  # as a program stopped by SIGPIPE, like git


def test_take_whose_reader_went_away_still_saves(quiz_home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    read, write = os.pipe()
    os.close(read)
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz", "take", "--answers", str(answers), "-n", "Jo"],
        env=env_for_subprocess(quiz_home),
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write)
    assert done.returncode == 141 and "internal error" not in done.stderr
    assert "Saved your result" in done.stderr and list(quiz_home.glob("*-jo.json"))


# --- 12. what compare will show, said before the first statement ---------------------------


def test_the_intro_says_what_a_partner_will_see_at_60_columns() -> None:
    text = intro(BANK, plain=False)
    said = (
        "If you later compare with your partner, they will see your scores and your "
        "answers to the statements, never the private questions."
    )
    assert said in " ".join(text.split())
    assert text.index("compare") < text.index("Use the arrow keys")
    assert all(len(line) <= 60 for line in wrap(text.replace("\n\n", " "), 60))
    no_private = parse_bank(SMALL_BANK.split("safety:")[0], Path("bank.yaml"))
    assert "private" not in intro(no_private, plain=True).split("compare", 1)[1].split(".")[0]


def test_a_scored_id_is_never_taken_for_a_private_one(tmp_path: Path) -> None:
    """'affection-01' (gone in version 3) gets no "did you mean 'safety-01'?"; a mistyped
    private id still gets its hint."""
    answers = tmp_path / "a.yaml"
    answers.write_text("affection-01: 3\nsaftey-01: 0\n", encoding="utf-8")
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    first = err[err.index("'affection-01'") : err.index("'saftey-01'")]
    assert "safety" not in first
    assert "Did you mean 'safety-01'?" in err[err.index("'saftey-01'") :]
