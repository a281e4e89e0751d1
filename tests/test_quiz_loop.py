"""The quiz loop with real questionary prompts, fed keystrokes through prompt_toolkit pipe input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from closeness_quiz.content.bank import Bank
from closeness_quiz.quiz import prompts
from closeness_quiz.quiz.loop import Nav, Outcome, Step, resume_point, run_quiz
from tests.helpers import small_bank

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return small_bank(tmp_path)  # 6 scored questions, then 2 private safety questions


def run_with_keys(bank: Bank, keys: str, **kwargs: object) -> Outcome:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return run_quiz(bank, prompts.ask, **kwargs)  # type: ignore[arg-type]


def test_numbers_and_arrow_keys_answer(bank: Bank) -> None:
    keys = "1\r" + DOWN * 3 + ENTER + "5\r" + "3\r" + "2\r" + "4\r" + "1\r" + "1\r"
    outcome = run_with_keys(bank, keys)
    assert outcome.answers == {
        "talk-1": 0,
        "talk-2": 3,
        "talk-3": 4,
        "talk-4": 2,
        "play-1": 1,
        "play-2": 3,
    }
    assert outcome.safety == {"safe-1": 0, "safe-2": 0}


def test_back_changes_the_previous_answer_and_skip_leaves_it_out(bank: Bank) -> None:
    # q1 Never, q2 Rarely, back to q2 -> Often, skip q3, then the rest.
    keys = "1\r" + "2\r" + "b\r" + "4\r" + "s\r" + "3\r3\r3\r" + "1\r1\r"
    outcome = run_with_keys(bank, keys)
    assert outcome.answers == {"talk-1": 0, "talk-2": 3, "talk-4": 2, "play-1": 2, "play-2": 2}
    assert "talk-3" not in outcome.answers


def test_going_back_highlights_the_earlier_answer(bank: Bank) -> None:
    # Answer q1 "Often", go back from q2, and just press Enter: the answer stays "Often".
    keys = "4\r" + "b\r" + ENTER + "3\r" * 5 + "1\r1\r"
    outcome = run_with_keys(bank, keys)
    assert outcome.answers["talk-1"] == 3


def test_ctrl_c_raises_keyboard_interrupt_with_answers_so_far_reported(bank: Bank) -> None:
    seen: list[dict[str, int]] = []
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(bank, "2\r" + "3\r" + CTRL_C, on_change=seen.append)
    assert seen[-1] == {"talk-1": 1, "talk-2": 2}


def test_safety_answers_are_kept_apart_and_never_reach_on_change(bank: Bank) -> None:
    seen: list[dict[str, int]] = []
    outcome = run_with_keys(bank, "3\r" * 6 + "5\r" + "1\r", on_change=seen.append)
    assert outcome.safety == {"safe-1": 4, "safe-2": 0}
    assert outcome.safety_signalled(bank)
    assert all(not ({"safe-1", "safe-2"} & set(change)) for change in seen)
    assert "safe-1" not in outcome.answers


def test_safety_signal_respects_signal_at(bank: Bank) -> None:
    # safe-2 signals from "Sometimes" (2) up; "Rarely" (1) does not.
    assert not Outcome(safety={"safe-1": 0, "safe-2": 1}).safety_signalled(bank)
    assert Outcome(safety={"safe-2": 2}).safety_signalled(bank)
    assert not Outcome(safety={}).safety_signalled(bank)


def test_resume_starts_after_the_last_answered_and_keeps_answers(bank: Bank) -> None:
    earlier = {"talk-1": 4, "talk-2": 0, "talk-3": 4}
    start, skipped = resume_point(bank, earlier)
    assert (start, skipped) == (3, [])
    outcome = run_with_keys(bank, "2\r" * 3 + "1\r1\r", answers=earlier, start=start)
    assert outcome.answers == {**earlier, "talk-4": 1, "play-1": 1, "play-2": 1}


def test_resume_goes_on_after_the_last_answered_not_at_a_skipped_one(bank: Bank) -> None:
    """Skipped 2, answered 3 and 4, stopped: resuming asks 5 next, never 3 and 4 again."""
    earlier = {"talk-1": 4, "talk-3": 1, "talk-4": 2}
    assert resume_point(bank, earlier) == (4, [2])
    assert resume_point(bank, {}) == (0, [])


def scripted(replies: list[int | Nav]) -> tuple[list[Step], object]:
    steps: list[Step] = []
    it: Iterator[int | Nav] = iter(replies)

    def ask(step: Step) -> int | Nav:
        steps.append(step)
        return next(it)

    return steps, ask


def test_steps_show_progress_category_and_private_intro(bank: Bank) -> None:
    steps, ask = scripted([2, 2, 2, 2, 2, 2, Nav.SKIP, Nav.SKIP])
    run_quiz(bank, ask)  # type: ignore[arg-type]
    assert steps[0].progress == "Statement 1 of 6 · Talk"
    assert not steps[0].can_go_back
    assert steps[4].progress == "Statement 5 of 6 · Play"
    assert steps[6].progress == "Private question 1 of 2"
    assert steps[6].private and steps[6].intro and "never saved" in steps[6].intro
    assert steps[7].private and steps[7].intro is None


def test_back_on_the_first_question_stays_there(bank: Bank) -> None:
    steps, ask = scripted([Nav.BACK, 1, 1, 1, 1, 1, 1, 0, 0])
    outcome = run_quiz(bank, ask)  # type: ignore[arg-type]
    assert steps[0].id == steps[1].id == "talk-1"
    assert len(outcome.answers) == 6
