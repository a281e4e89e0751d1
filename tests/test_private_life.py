"""Private for the whole life of a result: nothing a partner can see tells of a signal.

A critical statement ("My partner respects my no") answered on the far side makes every report
of that result one for the person alone, whenever it is shown; `compare` never shows a
critical statement, and where one was answered on the far side, it shows nothing statement by
statement in that area and points both partners to support for themselves. In a terminal,
every take ends with the same save question, and after a signal, closing the terminal there
leaves nothing behind; the screen is offered to be cleared."""

from __future__ import annotations

import html
import io
import json
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.commands.conversation import SAVE_WHY
from closeness_quiz.commands.take import PLAN_INTRO
from closeness_quiz.compare.build import build_compare
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.store.results import new_result
from tests.conftest import ROOT, env_for_subprocess
from tests.helpers import PLAN_PROMPT, SMALL_BANK, build_result, past_the_plan, write_result
from tests.test_safety import (
    LOW,
    NOTES,
    TIME,
    check_signalled_report,
    check_solo_report,
    squash,
)
from tests.tmux import Pane

BANK = load_bank()
GUIDANCE = load_guidance()
CRITICAL = [q for q in BANK.questions if q.critical is not None]
RESPECTS_NO = "trust-15"  # "My partner accepts it when I say no to sex."
RESPECT = "communication-11"  # "When we disagree, my partner speaks to me with respect."
HIDDEN = "trust"  # the area of RESPECTS_NO
HIDDEN_QUESTIONS = [q for q in BANK.questions if q.category == HIDDEN]
HIDDEN_STARTERS = [t.text for t in GUIDANCE.categories[HIDDEN].starters]
runner = CliRunner()


def close(value: int = 3) -> dict[str, int]:
    """Every statement answered `value` steps towards closeness."""
    return {q.id: (4 - value if q.reverse else value) for q in BANK.questions}


def save(folder: Path, name: str, answers: dict[str, int], **guesses: int) -> Path:
    result = new_result(
        BANK, answers, name=name, taken_at=datetime(2026, 12, 1, 20, tzinfo=UTC), guesses=guesses
    )
    data = build_result(
        BANK, answers, score(BANK, GUIDANCE, answers), name=name, taken_at=result.taken_at
    )
    if guesses:
        data["guesses"] = dict(guesses)
    return write_result(folder / f"{name.lower()}.json", data)


def readable(text: str, fmt: str) -> str:
    return squash(html.unescape(text.replace("<", " <")) if fmt == "html" else text)


def compare(tmp_path: Path, jordan: dict[str, int], robin: dict[str, int], fmt: str) -> str:
    a = save(tmp_path, "Jordan", jordan, **{"trust-07": 1, RESPECTS_NO: 0, "affection-03": 2})
    b = save(tmp_path, "Robin", robin)
    done = runner.invoke(app, ["compare", str(a), str(b), "--format", fmt])
    assert done.exit_code == 0, done.stderr
    return done.stdout


# --- compare ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_compare_never_shows_a_critical_statement(tmp_path: Path, fmt: str) -> None:
    """Seen differently by two steps, but not on the far side: still never shown."""
    jordan, robin = close(4), close(4)
    robin[RESPECT] = 2  # "Sometimes": two steps from Jordan's, above critical: 1
    robin["communication-03"] = 1  # a gap that is shown, so the group is there
    shown = readable(compare(tmp_path, jordan, robin, fmt), fmt)
    assert "communication-03" in shown if fmt == "json" else True
    for question in CRITICAL:
        assert squash(question.text) not in shown
        assert question.id not in shown
    # Support for each person ends every comparison, whatever either answered.
    assert (
        "individual_support" in shown
        if fmt == "json"
        else squash(NOTES.individual_support) in shown
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_critical_answer_on_the_far_side_hides_its_area(tmp_path: Path, fmt: str) -> None:
    """Robin answered "My partner accepts it when I say no to sex" Rarely. Jordan reads the
    comparison: the trust scores are there, but no trust statement, answer, guess or starter,
    and both are pointed to support for themselves (as every couple is)."""
    jordan, robin = close(3), close(1)
    robin[RESPECTS_NO] = 1
    robin[RESPECT] = 0
    out = compare(tmp_path, jordan, robin, fmt)
    shown = readable(out, fmt)
    assert "Trust" in shown  # the area's scores stay
    for question in HIDDEN_QUESTIONS + CRITICAL:
        assert squash(question.text) not in shown, question.id
    for starter in HIDDEN_STARTERS:
        assert squash(starter) not in shown
    if fmt == "json":
        data = json.loads(out)
        assert data["categories"][HIDDEN]["a"] is not None
        assert not [i for i in data["items"] if i["id"].startswith(HIDDEN)]
        assert not [i for i in data["perception"]["a_about_b"]["items"] if HIDDEN in i["id"]]
        assert "individual_support" in data["notes"]
    else:
        assert squash(NOTES.individual_support) in shown
        # Other areas keep their detail: what was hidden is only the one area.
        assert "Affection" in shown and any(
            squash(q.text) in shown for q in BANK.questions if q.category == "affection"
        )


def test_a_paired_critical_statement_never_shows_in_how_each_reads_the_other(
    tmp_path: Path,
) -> None:
    """A counsellor's bank pairs the critical "my partner speaks to me with respect" with a
    statement about oneself: the pair, which quotes both answers, is never shown."""
    text = (ROOT / "data" / "questions.yaml").read_text(encoding="utf-8")
    paired = text.replace(
        "    about: partner\n    reverse: false\n    critical: 1\n",
        "    about: partner\n    pair: communication-01\n    reverse: false\n    critical: 1\n",
        1,
    )
    assert paired != text
    bank_file = tmp_path / "paired.yaml"
    bank_file.write_text(paired, encoding="utf-8")
    bank = load_bank(bank_file)
    answers = {q.id: (4 - 2 if q.reverse else 2) for q in bank.questions}
    results = []
    for name, respect in (("Jordan", 4), ("Robin", 0)):
        mine = {**answers, RESPECT: respect}
        data = build_result(
            bank,
            mine,
            score(bank, GUIDANCE, mine),
            name=name,
            taken_at=datetime(2026, 12, 1, 20, tzinfo=UTC),
        )
        results.append(str(write_result(tmp_path / f"{name}.json", data)))
    for fmt in ("text", "json"):
        done = runner.invoke(app, ["compare", *results, "--bank", str(bank_file), "-f", fmt])
        assert done.exit_code == 0, done.stderr
        shown = squash(done.stdout)
        critical = bank.question(RESPECT)
        assert critical is not None and squash(critical.text) not in shown
        assert RESPECT not in shown


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_starter_opens_the_area_of_a_low_critical_answer_even_where_the_gap_is_largest(
    tmp_path: Path, fmt: str
) -> None:
    """Trust is where Jordan and Robin see things most differently, and Robin answered "my
    partner accepts my no" Rarely: no conversation starter leads Jordan into trust."""
    jordan, robin = close(3), close(3)
    for question in HIDDEN_QUESTIONS:
        robin[question.id] = 3 if question.reverse else 1
    robin[RESPECTS_NO] = 1
    shown = readable(compare(tmp_path, jordan, robin, fmt), fmt)
    assert ("starters" in shown) if fmt == "json" else True
    for starter in HIDDEN_STARTERS:
        assert squash(starter) not in shown


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_comparison_ends_the_same_whatever_either_answered(tmp_path: Path, fmt: str) -> None:
    """No note comes or goes with a critical answer: a partner reading the end of the
    comparison can't tell whether "respects my no" was answered Rarely or Often."""

    def ending(robin: dict[str, int]) -> object:
        out = compare(tmp_path, close(3), robin, fmt)
        for made in tmp_path.glob("*.json"):
            made.unlink()
        if fmt == "json":
            return json.loads(out)["notes"]
        return squash(out[out.index("Someone to talk to") :])

    low, calm = dict(close(3), **{RESPECTS_NO: 1}), dict(close(3), **{RESPECTS_NO: 4})
    assert ending(low) == ending(calm)


def test_the_same_couple_without_the_critical_answer_shows_trust(tmp_path: Path) -> None:
    """The control for the test above: the hiding is the critical answer's doing."""
    jordan, robin = close(3), close(1)
    robin[RESPECTS_NO] = robin[RESPECT] = 4  # answered close: nothing to hide
    data = json.loads(compare(tmp_path, jordan, robin, "json"))
    assert [i for i in data["items"] if i["id"].startswith(HIDDEN)]
    assert "counselling" in data["notes"]


def test_starters_honour_unless_weak() -> None:
    """A starter kept out where a statement it names in `unless_weak` is answered on the
    far side, by either partner, as ideas are in a report."""
    communication = GUIDANCE.categories["communication"]
    barred = communication._replace(
        starters=tuple(
            t._replace(unless_weak=frozenset({"communication-16"})) for t in communication.starters
        )
    )
    guidance = GUIDANCE._replace(categories={**GUIDANCE.categories, "communication": barred})
    jordan, robin = close(4), close(4)
    robin["communication-03"] = 0  # seen differently: its starter would come first
    when = datetime(2026, 12, 1, tzinfo=UTC)
    a = new_result(BANK, jordan, name="Jordan", taken_at=when)
    b_fine = new_result(BANK, robin, name="Robin", taken_at=when)
    assert any(s.area.id == "communication" for s in build_compare(a, b_fine, guidance).starters)
    far = close(0)["communication-16"]  # the far side of the statement unless_weak names
    weak = dict(robin, **{"communication-16": far})
    b_weak = new_result(BANK, weak, name="Robin", taken_at=when)
    view = build_compare(a, b_weak, guidance)
    assert not any(s.area.id == "communication" for s in view.starters)
    assert view.starters  # other areas still offer a start


# --- reports of a result with a critical answer -----------------------------------------------


def answers_file(tmp_path: Path, answers: dict[str, object]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_critical_answer_makes_take_and_every_later_report_for_oneself(
    tmp_path: Path, fmt: str
) -> None:
    """ "My partner respects my no" Rarely, the rest low: no couples counselling, now or
    whenever the saved result is shown again."""
    answers = dict(LOW, **{RESPECTS_NO: "Rarely"})
    saved = tmp_path / "kim.json"
    took = runner.invoke(
        app, ["take", "--answers", str(answers_file(tmp_path, answers)), "-o", str(saved),
              "--format", fmt],
    )  # fmt: skip
    again = runner.invoke(app, ["report", str(saved), "--format", fmt])
    assert took.exit_code == again.exit_code == 0, took.stderr + again.stderr
    for out in (took.stdout, again.stdout):
        if fmt == "json":
            assert json.loads(out)["notes"] == ["individual_support", "not_diagnosis", "resources"]
        else:
            check_solo_report(readable(out, fmt))
    # The result itself is like any other: the answer is there, nothing more.
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["answers"][RESPECTS_NO] == 1 and "solo" not in saved.read_text(encoding="utf-8")


def test_a_critical_answer_on_the_close_side_changes_nothing(tmp_path: Path) -> None:
    path = answers_file(tmp_path, LOW)  # LOW answers the critical statements close
    done = runner.invoke(app, ["take", "--answers", str(path), "--no-save", "-f", "json"])
    assert json.loads(done.stdout)["notes"] == ["counselling", "not_diagnosis", "resources"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_report_solo_is_open_to_anyone(tmp_path: Path, fmt: str) -> None:
    saved = tmp_path / "sam.json"
    runner.invoke(app, ["take", "--answers", str(answers_file(tmp_path, LOW)), "-o", str(saved)])
    alone = runner.invoke(app, ["report", str(saved), "--solo", "--format", fmt])
    usual = runner.invoke(app, ["report", str(saved), "--format", fmt])
    assert alone.exit_code == usual.exit_code == 0
    if fmt == "json":
        assert json.loads(alone.stdout)["notes"][0] == "individual_support"
        assert "counselling" in json.loads(usual.stdout)["notes"]
    else:
        check_solo_report(alone.stdout)
        assert squash(NOTES.counselling) in squash(usual.stdout)


# --- in a real terminal ------------------------------------------------------------------------


def keys_for(answers: dict[str, int]) -> list[str]:
    return [str(answers[q.id] + 1) for q in BANK.questions]


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir()) if home.exists() else []


def signalled_take_in_tmux(
    home: Path, *, width: int = 80, plain: bool = False, flags: str = ""
) -> Pane:
    """A take answered LOW with a first private answer that signals, left at the save question."""
    flags += " --plain" if plain else ""
    command = f"{sys.executable} -m closeness_quiz take --name Robin{flags}; echo EXIT=$?; sleep 60"
    pane = Pane(home, command, width=width, height=30)
    scored, private = len(BANK.questions), len(BANK.safety)
    for number, key in enumerate(keys_for(LOW), 1):
        if plain:
            pane.wait_for("Your answer", times=number)
        else:
            pane.wait_for(f"Statement {number} of {scored}")
        pane.keys(key, "Enter")
    for number in range(1, private + 1):
        if plain:
            pane.wait_for("Your answer", times=scored + number)
        else:
            pane.wait_for(f"Private question {number} of {private}")
        pane.keys("4" if number == 1 else "1", "Enter")
    pane.wait_for(PLAN_PROMPT)  # the plan question, asked of everyone alike
    pane.keys("Enter")
    pane.wait_for("Save your scores on this computer? [y/N]")
    return pane


@pytest.mark.terminal
def test_closing_the_terminal_at_the_save_question_leaves_nothing(quiz_home: Path) -> None:
    pane = signalled_take_in_tmux(quiz_home)
    try:
        assert [n for n in leftovers(quiz_home) if "draft" in n]  # the draft is there till now
        pane.close_window()  # SIGHUP, as when the window is closed
        for _ in range(100):
            if not leftovers(quiz_home):
                break
            time.sleep(0.1)
    finally:
        pane.kill()
    assert leftovers(quiz_home) == []  # no result, no draft, not even the draft's lock


def at_the_save_question(
    home: Path, name: str, answers: dict[str, int], private: list[str], default: str
) -> pexpect.spawn:
    """`take --name NAME` in a pseudo-terminal, the statements answered as `answers` and the
    private questions with `private` (then Never), left at the save question showing
    `default` ('[Y/n]' or '[y/N]')."""
    child = pexpect.spawn(
        sys.executable, ["-m", "closeness_quiz", "take", "--name", name],
        env=env_for_subprocess(home), encoding="utf-8", timeout=20, dimensions=(40, 100),
    )  # fmt: skip
    child.logfile_read = io.StringIO()
    for key in keys_for(answers):
        child.expect_exact("Statement")
        child.send(key + "\r")
    for number in range(len(BANK.safety)):
        child.expect_exact("Private question")
        child.send((private[number] if number < len(private) else "1") + "\r")
    past_the_plan(child, f"Save your scores on this computer? {default}")
    return child


@pytest.mark.terminal
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_sigterm_or_ctrl_c_at_the_save_question_leaves_nothing(quiz_home: Path, how: str) -> None:
    child = at_the_save_question(quiz_home, "Robin", LOW, ["4"], "[y/N]")
    assert [n for n in leftovers(quiz_home) if "draft" in n]
    if how == "SIGTERM":
        child.kill(signal.SIGTERM)
    else:
        child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus in (130, 143)
    assert "Traceback" not in child.logfile_read.getvalue()
    assert leftovers(quiz_home) == []


@pytest.mark.terminal
def test_a_critical_answer_on_the_far_side_asks_before_saving_too(quiz_home: Path) -> None:
    """No private answer signals, but "my partner accepts my no" answered Never: the same save
    question, whose default (Enter) keeps nothing, and the offer to clear the screen, as after
    a signal."""
    child = at_the_save_question(quiz_home, "Robin", {**close(3), RESPECTS_NO: 0}, [], "[y/N]")
    child.send("\r")
    child.expect_exact("Nothing was saved")
    child.expect_exact("Clear this screen now, so that none of this stays on it? [Y/n]")
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert leftovers(quiz_home) == []


@pytest.mark.terminal
def test_every_take_ends_with_the_same_save_question(quiz_home: Path) -> None:
    """A calm take is asked too, in the same words; Enter keeps the result."""
    child = at_the_save_question(quiz_home, "Sam", close(3), [], "[Y/n]")
    assert squash(SAVE_WHY) in squash(child.logfile_read.getvalue())
    child.send("\r")
    child.expect_exact("Saved your result to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len([n for n in leftovers(quiz_home) if n.endswith("-sam.json")]) == 1


@pytest.mark.terminal
def test_the_screen_is_cleared_after_a_signalled_report(quiz_home: Path) -> None:
    pane = signalled_take_in_tmux(quiz_home)
    try:
        before = pane.screen()
        check_signalled_report(before[before.index(NOTES.safety_title) : before.index(PLAN_INTRO)])
        pane.keys("Enter")  # don't save
        pane.wait_for("Clear this screen now, so that none of this stays on it? [Y/n]")
        pane.keys("Enter")  # clear: the default
        shown = pane.wait_for("EXIT=0")
    finally:
        pane.kill()
    flat = squash(shown)
    for gone in (NOTES.safety_title, "Overall", squash(BANK.questions[0].text), "1-800-799-7233"):
        assert gone not in flat
    assert [n for n in leftovers(quiz_home) if n.endswith(".json")] == []


@pytest.mark.terminal
def test_plain_mode_says_how_to_clear_the_screen(quiz_home: Path) -> None:
    pane = signalled_take_in_tmux(quiz_home, plain=True)
    try:
        pane.keys("Enter")
        shown = pane.wait_for("EXIT=0")
    finally:
        pane.kill()
    assert "To clear this screen, type clear and press Enter" in squash(shown)


@pytest.mark.terminal
def test_a_report_sent_to_a_file_after_a_signal_keeps_the_notice_on_the_terminal(
    quiz_home: Path, tmp_path: Path
) -> None:
    """`take > report.txt`: the notice is read on the terminal; the file is the solo report."""
    out = tmp_path / "report.txt"
    command = (
        f"{sys.executable} -m closeness_quiz take --name Robin > {out}; echo EXIT=$?; sleep 60"
    )
    pane = Pane(quiz_home, command, width=80, height=30)
    try:
        # Plain prompts, asked on the terminal (standard error), never erased.
        keys = [*keys_for(LOW), "4", *["1"] * (len(BANK.safety) - 1)]
        for number, key in enumerate(keys, 1):
            pane.wait_for("Your answer", times=number)
            pane.keys(key, "Enter")
        pane.wait_for(PLAN_PROMPT)
        pane.keys("Enter")
        pane.wait_for("Save your scores on this computer? [y/N]")
        pane.keys("Enter")
        shown = pane.wait_for("EXIT=0")
    finally:
        pane.kill()
    assert NOTES.safety_title in shown and "1-800-799-7233" in squash(shown)
    written = out.read_text(encoding="utf-8")
    assert NOTES.safety_title not in written and "1-800-799-7233" not in written
    check_solo_report(written)


def test_a_failed_save_after_a_signal_says_nothing_of_it(tmp_path: Path) -> None:
    """The error and the rescue hint are word for word those of any failed save."""

    def failed(extra: dict[str, object]) -> str:
        path = answers_file(tmp_path, {**LOW, **extra})
        target = tmp_path / "not-a-folder" / "result.json"
        (tmp_path / "not-a-folder").write_text("a file where the folder should be")
        done = runner.invoke(app, ["take", "--answers", str(path), "-o", str(target), "-f", "json"])
        (tmp_path / "not-a-folder").unlink()
        assert done.exit_code == 2
        return TIME.sub("DATE", done.stdout + done.stderr)

    signalled, calm = failed({"safety-01": 4}), failed({"safety-01": 0})
    assert "safety" not in signalled.casefold()
    assert signalled.split("closeness-quiz: error")[1] == calm.split("closeness-quiz: error")[1]


def report_notes_of_unmarked(path: Path, bank: Bank, answers: dict[str, int]) -> list[str]:
    """The notes `report` shows for a result saved the way results were before `critical`
    was stored with their questions."""
    data = build_result(
        bank, answers, score(bank, GUIDANCE, answers), name="Kim",
        taken_at=datetime(2026, 11, 20, tzinfo=UTC),
    )  # fmt: skip
    for question in data["questions"]:
        question.pop("critical", None)
    done = runner.invoke(app, ["report", str(write_result(path, data)), "-f", "json"])
    assert done.exit_code == 0, done.stderr
    notes: list[str] = json.loads(done.stdout)["notes"]
    return notes


def test_a_result_saved_before_the_marks_existed_is_guarded_too(tmp_path: Path) -> None:
    """Results written before `critical` was stored with their questions get today's marks
    for the statements they share word for word with the default bank."""
    notes = report_notes_of_unmarked(tmp_path / "old.json", BANK, dict(LOW, **{RESPECTS_NO: 1}))
    assert notes[0] == "individual_support"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("4", "not the number 4"),
        ("often", "not 'often'"),
        ("true", "not true"),
        ("1.0", "not the number 1.0"),
    ],
)
def test_bank_validate_explains_a_wrong_critical(tmp_path: Path, value: str, says: str) -> None:
    text = SMALL_BANK.replace(
        "{id: talk-3, category: talk, text: I feel heard., sign: not-heard}",
        f"{{id: talk-3, category: talk, text: I feel heard., sign: not-heard, critical: {value}}}",
    )
    assert text != SMALL_BANK
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "critical" in x)) + 1
    done = runner.invoke(app, ["bank", "validate", str(bank)])
    assert done.exit_code == 2
    assert f"line {line}" in done.stderr and "critical" in done.stderr and says in done.stderr
    assert "Traceback" not in done.stderr


def test_a_critical_mark_in_a_custom_bank_is_honoured(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(SMALL_BANK.replace("sign: not-heard}", "sign: not-heard, critical: 1}"))
    loaded = load_bank(bank)
    heard = loaded.question("talk-3")
    assert heard is not None and heard.critical == 1
    assert loaded.soft_signal({"talk-3": 1}) and not loaded.soft_signal({"talk-3": 2})


@pytest.mark.terminal
@pytest.mark.parametrize(("width", "height"), [(60, 11), (80, 10)])
def test_no_private_statement_stays_in_a_short_terminals_scrollback(
    quiz_home: Path, width: int, height: int
) -> None:
    """A prompt taller than the screen pushes its top lines into the scrollback, out of reach
    of erasing: there the private part ends by clearing the screen and scrollback, signal or
    not."""
    command = f"{sys.executable} -m closeness_quiz take --no-save; echo EXIT=$?; sleep 60"
    pane = Pane(quiz_home, command, width=width, height=height)
    scored, private = len(BANK.questions), len(BANK.safety)
    try:
        for number, key in enumerate(keys_for(close(3)), 1):
            pane.wait_for(f"Statement {number} of {scored}")
            pane.keys(key, "Enter")
        for number in range(1, private + 1):
            pane.wait_for(f"Private question {number} of {private}")
            pane.keys("1", "Enter")
        shown = pane.wait_for("EXIT=0")
    finally:
        pane.kill()
    flat = squash(shown)
    for question in BANK.safety:
        assert squash(question.text) not in flat, question.text
    assert "Private question" not in flat and "Overall" in flat


def test_a_copy_edited_to_drop_a_mark_still_hides_the_statement(tmp_path: Path) -> None:
    """Each result is judged by its own stored questions as well as the other's: deleting
    `critical` from one's own copy lets nothing through, in either order."""
    jordan = dict(close(3), **{RESPECT: 4})
    robin = dict(close(1), **{RESPECTS_NO: 1, RESPECT: 2})  # respect: 2 steps apart, not low
    a = save(tmp_path, "Jordan", jordan)
    data = json.loads(a.read_text(encoding="utf-8"))
    for question in data["questions"]:
        if question["id"] == RESPECT:  # one mark only (with none, today's are put back)
            del question["critical"]
    a.unlink()
    a = write_result(a, data)
    b = save(tmp_path, "Robin", robin)
    for first, second in ((a, b), (b, a)):
        done = runner.invoke(app, ["compare", str(first), str(second), "--all"])
        assert done.exit_code == 0, done.stderr
        text = squash(done.stdout)
        for question in CRITICAL:
            assert squash(question.text) not in text
        assert not any(squash(q.text) in text for q in HIDDEN_QUESTIONS)
        assert "Communication" in text and any(
            squash(q.text) in text for q in BANK.questions if q.category == "communication"
        )


def test_another_version_of_the_bank_can_not_let_a_low_critical_answer_through(
    tmp_path: Path,
) -> None:
    """A version-1 result beside a result with "respects my no" Rarely: the affection area
    still shows no statements (the area is judged by each result's own questions)."""
    from tests.conftest import ROOT

    v1_bank = load_bank(ROOT / "tests" / "data" / "questions-v1.yaml")
    v1 = tmp_path / "v1.yaml"
    v1.write_text(yaml.safe_dump({q.id: 1 for q in v1_bank.questions}), encoding="utf-8")
    old = tmp_path / "old.json"
    took = runner.invoke(
        app, ["take", "--answers", str(v1), "--bank", str(ROOT / "tests/data/questions-v1.yaml"),
              "-o", str(old), "-n", "Jordan"],
    )  # fmt: skip
    assert took.exit_code == 0, took.stderr
    robin = save(tmp_path, "Robin", dict(close(3), **{RESPECTS_NO: 1}))
    done = runner.invoke(app, ["compare", str(old), str(robin), "--all"])
    assert done.exit_code == 0, done.stderr
    text = squash(done.stdout)
    shared = [q for q in HIDDEN_QUESTIONS if v1_bank.question(q.id) is not None]
    assert shared and not any(squash(q.text) in text for q in shared)


@pytest.mark.terminal
def test_ctrl_c_at_the_clear_question_clears_too(quiz_home: Path) -> None:
    pane = signalled_take_in_tmux(quiz_home)
    try:
        pane.keys("Enter")  # don't save
        pane.wait_for("Clear this screen now")
        pane.keys("C-c")  # in a hurry: the screen is cleared all the same
        shown = pane.wait_for("EXIT=130")
    finally:
        pane.kill()
    flat = squash(shown)
    assert NOTES.safety_title not in flat and "Overall" not in flat
    assert leftovers(quiz_home) == []


@pytest.mark.terminal
def test_a_failed_save_after_a_signal_still_offers_to_clear(
    quiz_home: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    pane = signalled_take_in_tmux(quiz_home, flags=f" -o {blocker}/result.json")
    try:
        pane.keys("y", "Enter")  # save, please: it fails
        pane.wait_for("could not be saved")
        pane.wait_for("Clear this screen now")
        pane.keys("Enter")
        shown = pane.wait_for("EXIT=2")
    finally:
        pane.kill()
    assert NOTES.safety_title not in squash(shown)


def test_not_applicable_on_the_default_bank_counts_as_not_answered(tmp_path: Path) -> None:
    """ "Doesn't apply to us" on the consent statement is no answer, so no soft signal; and
    "This hasn't come up" on a conditional one leaves it out of the score."""
    answers: dict[str, object] = dict(
        LOW, **{RESPECTS_NO: "Doesn't apply to us", "communication-09": "This hasn't come up"}
    )
    path = answers_file(tmp_path, answers)
    done = runner.invoke(app, ["take", "--answers", str(path), "--no-save", "-f", "json"])
    assert done.exit_code == 0, done.stderr
    view = json.loads(done.stdout)
    assert RESPECTS_NO not in view["answers"] and "communication-09" not in view["answers"]
    assert view["notes"] == ["counselling", "not_diagnosis", "resources"]
    # the same statement answered Sometimes (at critical: 2) is a soft signal
    path = answers_file(tmp_path, dict(LOW, **{RESPECTS_NO: "Sometimes"}))
    done = runner.invoke(app, ["take", "--answers", str(path), "--no-save", "-f", "json"])
    assert json.loads(done.stdout)["notes"][0] == "individual_support"


def test_a_version_2_result_saved_before_the_marks_keeps_its_consent_guard(
    tmp_path: Path,
) -> None:
    """v3 moved "My partner respects my wishes about sex, including when I say no" to a
    reworded trust statement; a v2 result saved before marks were stored, with that
    statement on the far side, is still a report for oneself alone."""
    v2 = load_bank(Path(__file__).parent / "data" / "questions-v2.yaml", require_signs=True)
    low = {q.id: (4 if q.reverse else 0) for q in v2.questions}
    low["communication-11"] = 4  # the other critical statement, answered close
    for value, solo in ((1, True), (4, False)):
        answers = dict(low, **{"affection-11": value})
        notes = report_notes_of_unmarked(tmp_path / f"old-{value}.json", v2, answers)
        assert (notes[0] == "individual_support") is solo


def test_compare_scores_leave_the_critical_statements_out(tmp_path: Path) -> None:
    """Every other statement of an area can be on show (--all): an area score counting the
    critical one would let the partner work its answer out. So compare's scores never count
    it: two results differing only in that answer compare exactly alike."""

    def compared(jordans: int, robins: int) -> str:  # 2 or 4: never on the far side
        out = compare(
            tmp_path, dict(close(3), **{RESPECT: jordans}), dict(close(3), **{RESPECT: robins}),
            "json",
        )  # fmt: skip
        for made in tmp_path.glob("*.json"):
            made.unlink()
        return json.dumps(json.loads(out), sort_keys=True)

    assert compared(4, 2) == compared(4, 4) == compared(2, 4)
