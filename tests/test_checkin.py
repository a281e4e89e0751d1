"""The weekly check-in and the plan: three weeks with the dates given (CLOSENESS_QUIZ_NOW), the
follow-up, history by kind, the calendar file read back by the icalendar library, the
reminder on a terminal and never in a pipe, and a check-in after a signal."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from tests.conftest import env_for_subprocess

BANK = load_bank()
CHECKIN_IDS = [q.id for q in BANK.questions if q.checkin]
WEEK0 = "2026-12-01T20:00:00+00:00"
WEEK1 = "2026-12-08T20:00:00+00:00"
WEEK2 = "2026-12-15T20:00:00+00:00"
runner = CliRunner()


def low_take() -> dict[str, int]:
    """Every statement answered towards the far side ('Rarely', keyed 1) but no critical one
    low enough to make the report one for oneself alone."""
    answers = {q.id: (3 if q.reverse else 1) for q in BANK.questions}
    for q in BANK.questions:
        if q.critical is not None:
            answers[q.id] = 1 if q.reverse else 3
    return answers


def checkin_answers(value: int, **extra: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        q.id: (4 - value if q.reverse else value)
        for q in BANK.questions
        if q.checkin and q.critical is None
    }
    return {**answers, **extra}


def write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def cli(monkeypatch: pytest.MonkeyPatch, now: str, *args: str) -> Any:
    monkeypatch.setenv("CLOSENESS_QUIZ_NOW", now)
    done = runner.invoke(app, list(args))
    return done


def saved(home: Path) -> list[dict[str, Any]]:
    files = sorted(home.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def test_the_default_bank_marks_a_short_checkin_in_every_area() -> None:
    assert 5 <= len(CHECKIN_IDS) <= 8
    assert {q.category for q in BANK.questions if q.checkin} == {c.id for c in BANK.categories}


def test_three_weeks_take_plan_checkin_followup_new_plan_checkin(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = write(tmp_path, "full.yaml", low_take())
    shown = cli(monkeypatch, WEEK0, "take", "--answers", str(full), "--no-save", "-f", "json")
    assert shown.exit_code == 0, shown.output
    first_idea = json.loads(shown.stdout)["focus"][0]["id"]

    # Week 0: a full take, and a plan picked from the ideas it showed.
    took = cli(
        monkeypatch, WEEK0, "take", "-n", "Alex", "--answers", str(full), "--plan", first_idea
    )
    assert took.exit_code == 0, took.output
    [take] = saved(quiz_home)
    assert take["kind"] == "full"
    assert take["plan"] == {"id": first_idea, "chosen_at": WEEK0, "due": "2026-12-08"}

    # Week 1: the check-in asks about the plan; a new plan from its one idea.
    week1 = write(tmp_path, "week1.yaml", checkin_answers(1, plan_followup="partly"))
    looked = cli(
        monkeypatch, WEEK1, "checkin", "-n", "Alex", "--answers", str(week1), "--no-save",
        "-f", "json",
    )  # fmt: skip
    assert looked.exit_code == 0, looked.output
    view = json.loads(looked.stdout)
    assert view["kind"] == "checkin" and view["since"] is None  # never set beside the take
    assert view["followup"] == {"plan": first_idea, "answer": "partly"}
    second_idea = view["idea"]["id"]
    done = cli(
        monkeypatch, WEEK1, "checkin", "-n", "Alex", "--answers", str(week1), "--plan",
        second_idea,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "You partly tried it." in done.stdout
    assert "Your first check-in" in done.stdout
    checkin1 = saved(quiz_home)[-1]
    assert checkin1["kind"] == "checkin"
    assert checkin1["followup"] == {"plan": first_idea, "answer": "partly"}
    assert checkin1["plan"] == {"id": second_idea, "chosen_at": WEEK1, "due": "2026-12-15"}
    assert set(checkin1["answers"]) == set(checkin_answers(1))
    assert all(s["score"] is not None for s in checkin1["scores"].values())

    # Week 2: the follow-up is about the new plan, and the change is since week 1's check-in.
    week2 = write(tmp_path, "week2.yaml", checkin_answers(3, plan_followup="tried"))
    done = cli(monkeypatch, WEEK2, "checkin", "-n", "Alex", "--answers", str(week2))
    assert done.exit_code == 0, done.output
    assert "since 2026-12-08" in done.stdout and "You tried it." in done.stdout
    checkin2 = saved(quiz_home)[-1]
    assert checkin2["followup"] == {"plan": second_idea, "answer": "tried"}
    assert "plan" not in checkin2  # none chosen this time

    report = cli(monkeypatch, WEEK2, "report", "Alex", "-f", "json")
    assert report.exit_code == 0, report.output
    again = json.loads(report.stdout)
    assert again["since"] == "2026-12-08"
    changes = {a: s["change"] for a, s in again["scores"].items()}
    assert changes and all(c == 50.0 for c in changes.values()), changes  # Rarely -> Often

    history = cli(monkeypatch, WEEK2, "history", "-f", "json")
    assert history.exit_code == 0, history.output
    listed = json.loads(history.stdout)
    assert [r["kind"] for r in listed["results"]] == ["full", "checkin", "checkin"]
    assert listed["results"][0]["plan"]["id"] == first_idea
    assert listed["results"][1]["followup"] == {"plan": first_idea, "answer": "partly"}
    assert "followup" not in listed["results"][0] and "plan" not in listed["results"][2]
    assert listed["results"][1]["change"] is None  # the first check-in: nothing before it
    assert listed["results"][2]["change"]["since"] == WEEK1
    assert sorted((t["kind"], len(t["overall"])) for t in listed["trends"]) == [
        ("checkin", 2),
        ("full", 1),
    ]
    text = cli(monkeypatch, WEEK2, "history")
    assert "Alex (check-in)" in text.stdout and "Plans and how they went" in text.stdout
    from closeness_quiz.checkin.view import ideas
    from closeness_quiz.content.guidance import load_guidance

    words = ideas(load_guidance())[first_idea].text.split(". ")[0].rstrip(".")
    assert f"Chose to try: {words}." in " ".join(text.stdout.split())  # in the idea's words


def test_a_plan_the_report_did_not_show_is_refused(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = write(tmp_path, "full.yaml", low_take())
    done = cli(monkeypatch, WEEK0, "take", "--answers", str(full), "--plan", "no-such-idea")
    assert done.exit_code == 2
    assert "--plan 'no-such-idea' is not one of the ideas" in done.output
    assert "Traceback" not in done.output
    assert not list(quiz_home.glob("*.json"))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"communication-01": 2}, "'communication-01': is not one of the check-in statements"),
        (checkin_answers(2, plan_followup="sort of"), "plan_followup: should be tried, partly"),
        (checkin_answers(2, plan_followup="tried"), "there is no plan to follow up"),
    ],
)
def test_bad_checkin_answers_are_refused_with_the_file_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict[str, Any], says: str
) -> None:
    answers = write(tmp_path, "answers.yaml", data)
    done = cli(monkeypatch, WEEK1, "checkin", "--answers", str(answers))
    assert done.exit_code == 2, done.output
    assert str(answers) in done.output and says in " ".join(done.output.split())
    assert "Traceback" not in done.output


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("kind", "weekly", "kind"),
        ("plan", {"id": "x", "chosen_at": WEEK0, "due": "soon"}, "plan.due"),
        ("plan", ["x"], "plan"),
        ("followup", {"plan": "x", "answer": "maybe"}, "followup.answer"),
    ],
)
def test_a_result_with_a_mangled_plan_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: Any, says: str
) -> None:
    full = write(tmp_path, "full.yaml", low_take())
    target = tmp_path / "result.json"
    took = cli(monkeypatch, WEEK0, "take", "--answers", str(full), "-o", str(target))
    assert took.exit_code == 0, took.output
    data = json.loads(target.read_text(encoding="utf-8"))
    data[field] = value
    target.write_text(json.dumps(data), encoding="utf-8")
    done = cli(monkeypatch, WEEK0, "report", str(target))
    assert done.exit_code == 2
    assert str(target) in done.output and says in done.output
    assert "Traceback" not in done.output


def test_the_calendar_file_reads_back_as_one_weekly_event_with_an_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    icalendar = pytest.importorskip("icalendar")
    target = tmp_path / "weekly.ics"
    done = cli(monkeypatch, WEEK0, "checkin", "-n", "Alex", "--calendar", str(target))
    assert done.exit_code == 0, done.output
    raw = target.read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Check-in"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event.decoded("DTSTART").isoformat() == "2026-12-08T20:00:00"  # a week on, floating
    [alarm] = list(event.walk("VALARM"))
    assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == "Check-in"
    # Neither the program's purpose nor a name nor a partner, anywhere in the file.
    for word in (b"closeness", b"quiz", b"alex", b"partner", b"relationship"):
        assert word not in raw.lower()
    again = cli(monkeypatch, WEEK0, "checkin", "--calendar", str(target))
    assert again.exit_code == 0 and target.read_bytes() == raw  # never written over


@pytest.mark.parametrize("how", ["signal", "--solo"])
def test_a_checkin_after_a_signal_or_with_solo_reports_for_oneself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    signal_id = BANK.safety[0].id
    private = {signal_id: 4} if how == "signal" else {}
    answers = write(tmp_path, "answers.yaml", {**checkin_answers(1), **private})
    solo = ["--solo"] if how == "--solo" else []
    done = cli(
        monkeypatch, WEEK1, "checkin", "--answers", str(answers), "--no-save", "-f", "json", *solo
    )
    assert done.exit_code == 0, done.output
    view = json.loads(done.stdout)
    assert "individual_support" in view["notes"] and "safety" not in view["notes"]
    assert "counselling" not in view["notes"]
    assert signal_id not in done.stdout
    guidance = load_guidance()
    together = {t.id for c in guidance.categories.values() for t in c.suggestions if t.together}
    assert view["idea"] is None or view["idea"]["id"] not in together


def test_a_checkin_shown_again_escapes_its_name_in_every_format(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write(tmp_path, "answers.yaml", checkin_answers(2))
    name = "<b>Zo\u00eb</b> *x* [y](z)"
    done = cli(monkeypatch, WEEK1, "checkin", "--answers", str(answers), "-n", name)
    assert done.exit_code == 0, done.output
    [path] = quiz_home.glob("*.json")
    page = cli(monkeypatch, WEEK1, "report", str(path), "-f", "html")
    assert page.exit_code == 0 and "<b>Zo" not in page.stdout
    assert "&lt;b&gt;Zo\u00eb&lt;/b&gt;" in page.stdout
    markdown = cli(monkeypatch, WEEK1, "report", str(path), "-f", "markdown")
    assert "[y](z)" not in markdown.stdout and "\\*x\\*" in markdown.stdout
    data = json.loads(cli(monkeypatch, WEEK1, "report", str(path), "-f", "json").stdout)
    assert data["name"] == name and data["kind"] == "checkin"


def test_report_of_a_checkin_loads_no_prompt_library(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write(tmp_path, "answers.yaml", checkin_answers(2))
    assert cli(monkeypatch, WEEK1, "checkin", "--answers", str(answers)).exit_code == 0
    [path] = quiz_home.glob("*.json")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "closeness_quiz", "report", str(path)],
        capture_output=True, text=True, env=env_for_subprocess(quiz_home), timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "since" not in done.stdout or "This week" in done.stdout
    names = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "closeness_quiz.checkin.view" in names
    assert not {"questionary", "prompt_toolkit", "icalendar"} & names


# ---- in a real terminal ----------------------------------------------------------------


def spawn(home: Path, now: str, *args: str, **env: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", *args],
        env={**env_for_subprocess(home), "CLOSENESS_QUIZ_NOW": now, **env},
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
    )
    child.logfile_read = io.StringIO()
    return child


def planned(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Alex's take in week 0 with a plan; its idea's id."""
    full = write(tmp_path, "full.yaml", low_take())
    shown = cli(monkeypatch, WEEK0, "take", "--answers", str(full), "--no-save", "-f", "json")
    idea = str(json.loads(shown.stdout)["focus"][0]["id"])
    took = cli(monkeypatch, WEEK0, "take", "-n", "Alex", "--answers", str(full), "--plan", idea)
    assert took.exit_code == 0, took.output
    return idea


REMINDER = "your check-in is due"


@pytest.mark.terminal
def test_a_due_plan_is_one_line_on_a_terminal_and_never_in_a_pipe(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned(tmp_path, quiz_home, monkeypatch)
    early = spawn(quiz_home, "2026-12-07T20:00:00+00:00", "report", "Alex", "--no-pager")
    early.expect(pexpect.EOF)
    assert REMINDER not in early.logfile_read.getvalue()  # not due yet

    due = spawn(quiz_home, WEEK1, "report", "Alex", "--no-pager")
    due.expect(pexpect.EOF)
    assert due.logfile_read.getvalue().count(REMINDER) == 1

    off = spawn(quiz_home, WEEK1, "report", "Alex", "--no-pager", CLOSENESS_QUIZ_NO_REMINDER="1")
    off.expect(pexpect.EOF)
    assert REMINDER not in off.logfile_read.getvalue()

    env = {**env_for_subprocess(quiz_home), "CLOSENESS_QUIZ_NOW": WEEK1}
    for fmt in ("text", "json"):
        piped = subprocess.run(
            [sys.executable, "-m", "closeness_quiz", "report", "Alex", "-f", fmt],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert piped.returncode == 0, piped.stderr
        assert REMINDER not in piped.stdout + piped.stderr


def answer_checkin(child: pexpect.spawn, private: list[str]) -> None:
    for _ in CHECKIN_IDS:
        child.expect_exact("Statement")
        child.send("3\r")
    for reply in private:
        child.expect_exact("Private question")
        child.send(reply + "\r")


@pytest.mark.terminal
def test_a_checkin_in_the_terminal_asks_about_the_plan_first_and_keeps_it(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    idea = planned(tmp_path, quiz_home, monkeypatch)
    child = spawn(quiz_home, WEEK1, "checkin", "-n", "Alex")
    child.expect_exact(REMINDER)
    child.expect_exact("How did it go?")
    child.expect_exact("press Enter to skip:")
    child.send("3\r")  # not yet
    child.expect_exact("That's all right")
    child.expect_exact("press Enter to keep it:")
    child.send("\r")
    answer_checkin(child, ["1"] * len(BANK.safety))
    child.expect_exact("Your plan")
    child.expect_exact("Save your scores on this computer? [Y/n]")
    child.send("\r")
    child.expect_exact("Saved your result to")
    child.expect(pexpect.EOF)
    latest = saved(quiz_home)[-1]
    assert latest["kind"] == "checkin"
    assert latest["followup"] == {"plan": idea, "answer": "not_yet"}
    assert latest["plan"] == {"id": idea, "chosen_at": WEEK1, "due": "2026-12-15"}


@pytest.mark.terminal
@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM"])
def test_a_checkin_after_a_signal_leaves_nothing_when_the_terminal_closes(
    quiz_home: Path, how: str
) -> None:
    child = spawn(quiz_home, WEEK1, "checkin", "-n", "Sam")
    answer_checkin(child, ["4", *["1"] * (len(BANK.safety) - 1)])
    shown = child.logfile_read
    if child.expect_exact(["press Enter for none:", "Save your scores"]) == 0:
        child.send("\r")
    child.expect_exact("[y/N]")  # after a signal, the default is to keep nothing
    assert "Support for you" in shown.getvalue() or "support" in shown.getvalue().casefold()
    child.kill(getattr(signal, how))
    child.expect(pexpect.EOF)
    child.close()
    time.sleep(0.2)
    left = sorted(os.listdir(quiz_home)) if quiz_home.exists() else []
    assert [n for n in left if n.endswith(".json")] == [], left


def test_compare_never_sets_a_checkin_beside_a_full_take(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = write(tmp_path, "full.yaml", low_take())
    for name in ("Alex", "Sam"):
        took = cli(monkeypatch, WEEK0, "take", "-n", name, "--answers", str(full))
        assert took.exit_code == 0, took.output
    answers = write(tmp_path, "answers.yaml", checkin_answers(3))
    assert (
        cli(monkeypatch, WEEK1, "checkin", "-n", "Alex", "--answers", str(answers)).exit_code == 0
    )
    checkin = next(
        p for p in quiz_home.glob("*.json") if json.loads(p.read_text())["kind"] == "checkin"
    )
    sam = next(p for p in quiz_home.glob("*sam*.json"))

    by_name = cli(monkeypatch, WEEK1, "compare", "Alex", "Sam", "-f", "json")
    assert by_name.exit_code == 0, by_name.output  # Alex's latest full take, not the check-in
    assert json.loads(by_name.stdout)["a"]["taken_at"] == WEEK0

    mixed = cli(monkeypatch, WEEK1, "compare", str(checkin), str(sam))
    assert mixed.exit_code == 2
    assert f"{checkin} is a weekly check-in" in " ".join(mixed.output.split())
    assert "Traceback" not in mixed.output


def test_a_checkin_that_cant_be_saved_prints_its_answers_for_checkin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from closeness_quiz.checkin.plans import CHECKIN, Followup
    from closeness_quiz.checkin.view import checkin_bank
    from closeness_quiz.commands.saving import save_result
    from closeness_quiz.content.scoring import score
    from closeness_quiz.errors import Exit
    from closeness_quiz.store.results import new_result

    bank = checkin_bank(BANK)
    answers = {qid: 2 for qid in CHECKIN_IDS}
    result = new_result(bank, answers, name="Alex", taken_at=datetime.fromisoformat(WEEK1))
    result = result._replace(kind=CHECKIN, followup=Followup("small-openers", "partly"))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    with pytest.raises(Exit):
        save_result(
            result, score(bank, load_guidance(), answers), blocked / "r.json",
            answers_file=None, keeper=None,
        )  # fmt: skip
    err = capsys.readouterr().err
    assert "checkin --answers answers.yaml --name Alex" in err
    printed = yaml.safe_load(err[err.index("# Your answers") :])
    assert printed == {**answers, "plan_followup": "partly"}


def test_a_bank_with_no_checkin_statements_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import SMALL_BANK
    from tests.helpers import write as write_text

    bank = write_text(tmp_path, "bank.yaml", SMALL_BANK)
    done = cli(monkeypatch, WEEK1, "checkin", "--bank", str(bank))
    assert done.exit_code == 2
    assert str(bank) in done.output and "marks no statement 'checkin: true'" in done.output
    assert "Traceback" not in done.output


@pytest.mark.terminal
def test_ctrl_c_in_a_checkin_keeps_nothing(quiz_home: Path) -> None:
    child = spawn(quiz_home, WEEK1, "checkin", "-n", "Robin")
    child.expect_exact("Statement")
    child.send("3\r")
    child.expect_exact("Statement 2")
    child.sendcontrol("c")
    child.expect_exact("Stopped. Nothing of this check-in was kept.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    left = sorted(os.listdir(quiz_home)) if quiz_home.exists() else []
    assert left == []


@pytest.mark.parametrize("seed", range(40))
def test_a_plan_chosen_after_a_signal_tells_nothing_the_saved_answers_dont(seed: int) -> None:
    """The ideas offered as a plan after a signal (the report for oneself alone) are all ideas
    that a later `report --all` of the same saved answers shows anyone: a stored plan's id
    says nothing about the signal, which is never stored."""
    import random

    from closeness_quiz.checkin.view import shown_ideas
    from closeness_quiz.report.view import build_report
    from closeness_quiz.store.results import new_result

    rng = random.Random(seed)
    answers = {q.id: rng.randint(0, 4) for q in BANK.questions}
    result = new_result(BANK, answers, name=None, taken_at=datetime.fromisoformat(WEEK0))
    guidance = load_guidance()
    offered = {i.id for i in shown_ideas(build_report(result, guidance, notice=True))}
    later = build_report(result, guidance, show_all=True)
    anyone = {i.id for i in later.focus} | {i.id for c in later.categories for i in c.all_ideas}
    assert offered <= anyone


def test_a_checkin_reads_back_whatever_its_statements_pair_with(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in statement paired with one the check-in doesn't ask (the default bank's
    "My partner shows me affection" with "I show my partner affection") is saved without
    the pair, so the check-in reads back, is shown again and counts for the next one."""
    from closeness_quiz.checkin.view import checkin_bank

    paired = [q for q in BANK.questions if q.checkin and q.pair is not None]
    assert paired and not BANK.question(paired[0].pair).checkin  # type: ignore[union-attr]
    assert all(q.pair is None for q in checkin_bank(BANK).questions if q.id == paired[0].id)
    answers = write(tmp_path, "week.yaml", checkin_answers(2))
    done = cli(monkeypatch, WEEK1, "checkin", "-n", "Kim", "--answers", str(answers))
    assert done.exit_code == 0, done.output
    again = cli(monkeypatch, WEEK1, "report", "Kim", "-f", "json")
    assert again.exit_code == 0, again.output


def test_a_checkin_after_a_take_for_oneself_is_for_oneself_too(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check-in asks no critical statement; where the name's latest full take answered
    one on the far side, the check-in's report is for the person alone as well (the saved
    take already shows that answer to anyone who opens it: nothing new is told)."""
    take = low_take()
    take.update({q.id: (4 if q.reverse else 0) for q in BANK.questions if q.critical is not None})
    full = write(tmp_path, "full.yaml", take)
    assert cli(monkeypatch, WEEK0, "take", "-n", "Sam", "--answers", str(full)).exit_code == 0
    week = write(tmp_path, "week.yaml", checkin_answers(1))
    args = ("checkin", "--answers", str(week), "--no-save", "-f", "json")
    sams = json.loads(cli(monkeypatch, WEEK1, *args, "-n", "Sam").stdout)
    others = json.loads(cli(monkeypatch, WEEK1, *args, "-n", "Kim").stdout)
    assert "individual_support" in json.dumps(sams) and "counselling" not in json.dumps(sams)
    assert json.dumps(sams) != json.dumps(others)


def test_the_plan_in_force_is_found_behind_takes_without_one_and_however_its_key_is_spelled(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminder's search skips results that can't speak of a plan without parsing them;
    one whose JSON spells the key with an escape is still read."""
    from closeness_quiz.checkin.marks import marks_for, plan_in_force

    idea = planned(tmp_path, quiz_home, monkeypatch)
    full = write(tmp_path, "again.yaml", low_take())
    for day in ("2026-12-02T20:00:00+00:00", "2026-12-03T20:00:00+00:00"):
        took = cli(monkeypatch, day, "take", "-n", "Alex", "--answers", str(full))
        assert took.exit_code == 0, took.output
    plan = plan_in_force(marks_for(quiz_home, "Alex"))
    assert plan is not None and plan.id == idea
    (with_plan,) = [p for p in quiz_home.glob("*.json") if '"plan"' in p.read_text("utf-8")]
    with_plan.write_text(
        with_plan.read_text("utf-8").replace('"plan"', '"pl\\u0061n"'), encoding="utf-8"
    )
    plan = plan_in_force(marks_for(quiz_home, "Alex"))
    assert plan is not None and plan.id == idea


def test_a_checkin_is_set_against_the_one_before_even_when_neither_speaks_of_a_plan(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminder's look for a plan skips results that name none; the look for the
    previous check-in must not (it reads every check-in, plan or not)."""
    from closeness_quiz.checkin.view import previous_checkin
    from closeness_quiz.store.results import read_result

    for when, value in ((WEEK0, 1), (WEEK1, 3)):
        answers = write(tmp_path, f"c{value}.yaml", checkin_answers(value))
        done = cli(monkeypatch, when, "checkin", "--answers", str(answers), "-n", "Alex")
        assert done.exit_code == 0, done.output
    paths = sorted(quiz_home.glob("*.json"), key=lambda p: read_result(p).taken_at)
    assert not any('"plan"' in p.read_text("utf-8") for p in paths)
    earlier = previous_checkin(quiz_home, read_result(paths[1]), load_bank)
    assert earlier is not None and earlier.path == paths[0]
