"""Partners: a comparison that knows whose behaviour a statement describes, and guesses of how
the other would answer, set beside what they really answered (perception)."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.compare import words as cmp
from closeness_quiz.compare.build import build_compare
from closeness_quiz.compare.perception import perceive, reading
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.quiz import prompts
from closeness_quiz.quiz.loop import guess_ids, run_quiz
from closeness_quiz.store.results import new_result
from tests.helpers import respected, small_bank, write
from tests.test_html_browser import print_pages, squash, write_html

BANK = load_bank()
GUIDANCE = load_guidance()
WHEN = datetime(2026, 11, 22, tzinfo=UTC)
runner = CliRunner()


# --- perception arithmetic ------------------------------------------------------------------


def test_a_reading_counts_exact_and_within_one_and_leaves_out_unanswered(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    guesses = {"talk-1": 3, "talk-2": 0, "talk-3": 2, "play-1": 4, "play-2": 1}
    answers = {"talk-1": 3, "talk-2": 1, "talk-3": 4, "play-1": 0}  # play-2 not answered
    found = reading(bank, guesses, answers, guesser="Alex", other="Sam")
    assert found is not None
    assert (found.guessed, found.exact, found.within_one, found.left_out) == (4, 1, 2, 1)
    assert [g.id for g in found.items] == ["play-1", "talk-3", "talk-2", "talk-1"]
    assert [g.gap for g in found.items] == [4, 2, 1, 0]
    talk, play = found.areas
    assert (talk.id, talk.guessed, talk.exact, talk.within_one) == ("talk", 3, 1, 2)
    assert (play.id, play.guessed, play.exact, play.within_one) == ("play", 1, 0, 0)
    assert [g.id for g in found.surprises] == ["play-1", "talk-3"]
    assert reading(bank, {}, answers, guesser="Alex", other="Sam") is None


def test_perception_goes_both_ways_and_builds_starters_from_surprises(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    a_answers, b_answers = {"talk-1": 4, "talk-3": 0}, {"talk-1": 0, "talk-3": 4}
    seen = perceive(bank, ("Alex", a_answers, {"talk-1": 4}), ("Sam", b_answers, {"talk-3": 4}))
    assert seen is not None and seen.a_about_b is not None and seen.b_about_a is not None
    assert seen.a_about_b.items[0].gap == 4 and seen.b_about_a.items[0].gap == 4
    assert 1 <= len(seen.starters) <= 2
    assert (
        seen.starters[0].startswith(("Alex:", "Sam:"))
        and "What is it like for you?" in (seen.starters[0])
    )
    assert perceive(bank, ("Alex", a_answers, {}), ("Sam", b_answers, {})) is None


# --- grouping by whose behaviour a statement describes --------------------------------------


def test_statements_are_grouped_by_whose_behaviour_they_describe() -> None:
    answers_a = {q.id: 4 for q in BANK.questions}
    answers_b = respected(BANK, {q.id: 0 for q in BANK.questions})
    view = build_compare(
        new_result(BANK, answers_a, name="Alex", taken_at=WHEN),
        new_result(BANK, answers_b, name="Sam", taken_at=WHEN),
        GUIDANCE,
    )
    sections = {s.heading: s for s in cmp.difference_sections(view)}
    about = {q.id: q.about for q in BANK.questions}
    groups = {
        cmp.HEAD_DIFFERENT: "us",
        cmp.HEAD_FEEL: "self",
        cmp.HEAD_EXPERIENCE: "partner",
    }
    for heading, kind in groups.items():
        shown = [b.main for b in sections[heading].bullets]
        expected = [q for q in BANK.questions if about[q.id] == kind and q.critical is None]
        assert len(shown) == min(len(expected), cmp.ITEMS_SHOWN)
        assert all(any(q.text in m for q in expected) for m in shown)
        more = len(expected) - cmp.ITEMS_SHOWN
        assert (f"And {more} more" in " ".join(sections[heading].after)) == (more > 0)
    assert "not a disagreement" in " ".join(sections[cmp.HEAD_FEEL].lines)
    # Paired statements: what Alex says of Sam beside what Sam says of themselves.
    pairs = sections[cmp.HEAD_PAIRS].bullets
    assert len(pairs) == 4  # two pairs in the default bank, both ways round
    first = pairs[0]
    assert first.main.startswith("Alex, of Sam:") and first.detail is not None
    assert first.detail.startswith("Sam, of themselves:")


def test_a_custom_bank_without_about_compares_everything_as_shared(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    assert {q.about for q in bank.questions} == {"us"}
    view = build_compare(
        new_result(bank, {q.id: 4 for q in bank.questions}, name="A", taken_at=WHEN),
        new_result(bank, {q.id: 0 for q in bank.questions}, name="B", taken_at=WHEN),
        GUIDANCE,
    )
    headings = [s.heading for s in cmp.difference_sections(view)]
    assert headings == [cmp.HEAD_DIFFERENT]


# --- through the CLI ------------------------------------------------------------------------

ALEX = respected(BANK, {q.id: (3 if i % 3 else 1) for i, q in enumerate(BANK.questions)})
SAM = respected(BANK, {q.id: (1 if i % 2 else 4) for i, q in enumerate(BANK.questions)})


def taken(tmp_path: Path, name: str, answers: dict[str, object]) -> Path:
    source = tmp_path / f"{name}.yaml"
    source.write_text(yaml.safe_dump(answers), encoding="utf-8")
    target = tmp_path / f"{name}.json"
    done = runner.invoke(app, ["take", "--answers", str(source), "-o", str(target), "-n", name])
    assert done.exit_code == 0, done.stderr
    return target


@pytest.fixture
def couple(tmp_path: Path) -> tuple[Path, Path]:
    short = guess_ids(BANK, "short")
    alex_guesses = {qid: SAM[qid] for qid in short[:4]} | {qid: 4 - SAM[qid] for qid in short[4:]}
    sam_guesses = {qid: ALEX[qid] for qid in short}
    return (
        taken(tmp_path, "Alex", {**ALEX, "guesses": alex_guesses}),
        taken(tmp_path, "Sam", {**SAM, "guesses": sam_guesses}),
    )


def test_guesses_are_kept_in_the_result(couple: tuple[Path, Path]) -> None:
    alex = json.loads(couple[0].read_text(encoding="utf-8"))
    assert len(alex["guesses"]) == 8 and set(alex["guesses"]) <= set(alex["answers"])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_compare_shows_perception_in_every_format(couple: tuple[Path, Path], fmt: str) -> None:
    done = runner.invoke(app, ["compare", *map(str, couple), "--format", fmt])
    assert done.exit_code == 0, done.stderr
    out = done.stdout
    if fmt == "json":
        data = json.loads(out)
        a_about_b, b_about_a = data["perception"]["a_about_b"], data["perception"]["b_about_a"]
        assert (a_about_b["guessed"], a_about_b["exact"]) == (8, 4)
        assert (b_about_a["guessed"], b_about_a["exact"]) == (8, 8)
        assert b_about_a["within_one"] == 8
        gaps = [i["gap"] for i in a_about_b["items"]]
        assert gaps == sorted(gaps, reverse=True)
        assert set(a_about_b["items"][0]) == {"id", "guess", "answer", "gap"}
        assert {i["about"] for i in data["items"]} <= {"self", "partner", "us"}
        return
    flat = squash(out.replace("\\", ""))
    assert "How well Alex reads Sam" in flat and "How well Sam reads Alex" in flat
    assert "Alex guessed how Sam would answer 8 statements: 4 exactly" in flat
    assert "Sam guessed how Alex would answer 8 statements: 8 exactly" in flat
    assert "Alex thought Sam would say" in flat and cmp.HEAD_SURPRISES in flat
    assert cmp.HEAD_SURPRISE_STARTERS in flat


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_compare_without_guesses_has_no_perception(tmp_path: Path, fmt: str) -> None:
    a, b = taken(tmp_path, "Alex", ALEX), taken(tmp_path, "Sam", SAM)
    done = runner.invoke(app, ["compare", str(a), str(b), "--format", fmt])
    assert done.exit_code == 0, done.stderr
    if fmt == "json":
        assert "perception" not in json.loads(done.stdout)
    else:
        assert "How well" not in done.stdout and cmp.HEAD_DIFFERENT in done.stdout


def test_guesses_on_statements_the_other_skipped_are_left_out_and_counted(
    tmp_path: Path,
) -> None:
    sam = {k: v for k, v in SAM.items() if k != "trust-14"}
    a = taken(tmp_path, "Alex", {**ALEX, "guesses": {"trust-14": 2, "trust-05": SAM["trust-05"]}})
    b = taken(tmp_path, "Sam", sam)
    data = json.loads(runner.invoke(app, ["compare", str(a), str(b), "-f", "json"]).stdout)
    assert data["perception"]["a_about_b"]["guessed"] == 1
    assert data["perception"]["a_about_b"]["left_out"] == 1
    assert data["perception"]["b_about_a"] is None
    text = squash(runner.invoke(app, ["compare", str(a), str(b)]).stdout)
    assert "1 guess on statements Sam did not answer" in text


@pytest.mark.parametrize(
    ("guesses", "problem"),
    [
        ({"safety-01": 2}, "private questions can't be guessed"),
        ({"no-such-id": 2}, "unknown question id"),
        ({"trust-14": 9}, "'9' is not an answer"),
        ("all of them", "should be a mapping"),
    ],
)
def test_bad_guesses_in_an_answers_file_exit_2(
    tmp_path: Path, guesses: object, problem: str
) -> None:
    source = write(tmp_path, "a.yaml", yaml.safe_dump({**ALEX, "guesses": guesses}))
    done = runner.invoke(app, ["take", "--answers", str(source), "--no-save"])
    assert done.exit_code == 2 and problem in done.stderr and str(source) in done.stderr


def test_compare_of_a_file_with_itself_is_exit_2(tmp_path: Path) -> None:
    a = taken(tmp_path, "Alex", ALEX)
    done = runner.invoke(app, ["compare", str(a), str(a)])
    assert done.exit_code == 2 and "same result twice" in done.stderr and str(a) in done.stderr


def test_two_results_with_the_same_name_compare_with_a_note(tmp_path: Path) -> None:
    first = taken(tmp_path, "Alex", ALEX)
    second = taken(tmp_path, "alex", SAM)
    done = runner.invoke(app, ["compare", str(first), str(second)])
    assert done.exit_code == 0, done.stderr
    assert "Both results carry the name Alex" in squash(done.stdout)
    assert "Alex (A)" in done.stdout and "alex (B)" in done.stdout


def test_a_name_with_a_space_after_it_is_the_same_name_in_compare_as_in_history(
    tmp_path: Path,
) -> None:
    """`history` and `report NAME` took "Alex " for Alex; `compare` didn't, and said nothing."""
    first = taken(tmp_path, "Alex", ALEX)
    second = taken(tmp_path, "Sam", SAM)
    data = json.loads(second.read_text(encoding="utf-8"))
    data["name"] = "Alex "
    second.write_text(json.dumps(data, indent=2), encoding="utf-8")
    done = runner.invoke(app, ["compare", str(first), str(second)])
    assert done.exit_code == 0, done.stderr
    assert "Both results carry the name Alex" in squash(done.stdout)


def test_take_guess_with_answers_points_to_the_file_format(tmp_path: Path) -> None:
    source = write(tmp_path, "a.yaml", yaml.safe_dump(ALEX))
    done = runner.invoke(app, ["take", "--answers", str(source), "--guess", "--no-save"])
    assert done.exit_code == 2 and "guesses:" in done.stderr


# --- take --guess with real prompts ---------------------------------------------------------


def test_take_guess_asks_after_the_answers_and_before_the_private_part(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    ids = guess_ids(bank, "short")
    assert len(ids) == 4  # two per area
    asked: list[str] = []

    def ask(step):  # type: ignore[no-untyped-def]
        asked.append(step.progress)
        return prompts.ask(step)

    # 6 answers; 4 guesses with back and skip (guess 2 changed to Often, guess 3 skipped);
    # then the 2 private questions.
    keys = "3\r" * 6 + "1\r" + "2\r" + "b\r" + "4\r" + "s\r" + "5\r" + "1\r1\r"
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        outcome = run_quiz(bank, ask, guesses=ids)
    assert outcome.guesses == {ids[0]: 0, ids[1]: 3, ids[3]: 4}
    assert asked[6] == "Guess 1 of 4 · Talk" and asked[-1] == "Private question 2 of 2"
    assert all(not p.startswith("Guess") for p in asked[:6] + asked[-2:])
    assert outcome.safety == {"safe-1": 0, "safe-2": 0}
    assert len(outcome.answers) == 6


def test_guesses_are_never_asked_for_private_questions() -> None:
    private = {q.id for q in BANK.safety}
    assert not private & set(guess_ids(BANK, "all"))
    # Every statement but the critical ones, which no comparison shows.
    critical = {q.id for q in BANK.questions if q.critical is not None}
    assert critical and not critical & set(guess_ids(BANK, "all") + guess_ids(BANK, "short"))
    assert len(guess_ids(BANK, "all")) == len(BANK.questions) - len(critical)


# --- printed -------------------------------------------------------------------------------


@pytest.mark.browser
def test_printed_comparison_has_the_perception_section(
    couple: tuple[Path, Path], tmp_path: Path
) -> None:
    page = write_html(tmp_path, "compare", *map(str, couple))
    printed = " ".join(print_pages(page, tmp_path, "a4"))
    assert "How well Alex reads Sam" in printed and "How well Sam reads Alex" in printed
    assert "Alex guessed how Sam would answer 8 statements: 4 exactly, and" in printed
    assert "The biggest surprises" in printed and "Alex thought Sam would say" in printed
    assert "Questions to ask each other" in printed


def test_guesses_are_kept_in_the_draft_and_resumed_after_ctrl_c(tmp_path: Path) -> None:
    from closeness_quiz.errors import Exit
    from closeness_quiz.quiz.loop import Nav, Step
    from closeness_quiz.quiz.session import DraftKeeper, Progress, Store, take

    bank = small_bank(tmp_path)
    store = Store(tmp_path / "home")
    ids = guess_ids(bank, "short")
    first: list[int | Nav | type[KeyboardInterrupt]] = [3] * 6 + [1, 2, KeyboardInterrupt]
    seen: list[str] = []

    def scripted(replies: list[int | Nav | type[KeyboardInterrupt]]):  # type: ignore[no-untyped-def]
        it = iter(replies)

        def ask(step: Step) -> int | Nav:
            seen.append(step.progress)
            reply = next(it)
            if reply is KeyboardInterrupt:
                raise KeyboardInterrupt
            return reply  # type: ignore[return-value]

        return ask

    notes: list[str] = []
    quiet = Progress(say=notes.append, note=notes.append, keep=notes.append)

    def draft_of(*, resume: bool, progress: Progress) -> AbstractContextManager[DraftKeeper]:
        return DraftKeeper.open(
            bank, store, None, resume=resume, discard=False, keep=True, progress=progress
        )

    with pytest.raises(Exit), draft_of(resume=False, progress=quiet) as keeper:
        take(bank, GUIDANCE, ask=scripted(first), keeper=keeper, guess=ids)
    # The session prints nothing itself: how to go on reaches the person through `progress`.
    assert len(notes) == 1 and "Nothing was lost" in notes[0] and "--resume" in notes[0]
    draft = json.loads(next(store.folder.glob("*.draft.json")).read_text(encoding="utf-8"))
    assert draft["guess_ids"] == ids and draft["guesses"] == {ids[0]: 1, ids[1]: 2}
    assert "safe-1" not in json.dumps(draft)

    seen.clear()
    said: list[str] = []
    progress = Progress(say=said.append, note=notes.append, keep=notes.append)
    with draft_of(resume=True, progress=progress) as keeper:
        done = take(bank, GUIDANCE, ask=scripted([0, 4, 0, 0]), keeper=keeper)
    assert done is not None
    assert seen[0] == "Guess 3 of 4 · Play" and "going on with your guesses" in said[0]
    assert done.result.guesses == {ids[0]: 1, ids[1]: 2, ids[2]: 0, ids[3]: 4}
