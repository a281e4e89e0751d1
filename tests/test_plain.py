"""--plain: numbered prompts read line by line, no cursor movement or colour."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.quiz.loop import run_quiz
from closeness_quiz.quiz.plain import make_ask
from tests.helpers import small_bank


def run_plain(tmp_path: Path, lines: list[str]) -> tuple[dict[str, int], list[str]]:
    replies = iter(lines)
    shown: list[str] = []

    def read(prompt: str) -> str:
        shown.append(prompt)
        return next(replies)

    outcome = run_quiz(small_bank(tmp_path), make_ask(read=read, write=shown.append))
    return outcome.answers, shown


def test_plain_prompts_are_numbered_text(tmp_path: Path) -> None:
    answers, shown = run_plain(tmp_path, ["1", "5", "often", "s", "3", "b", "2", "2", "1", "1"])
    assert answers == {"talk-1": 0, "talk-2": 4, "talk-3": 3, "play-1": 1, "play-2": 1}
    text = "\n".join(shown)
    assert "Statement 1 of 6 - Talk" in text  # ASCII punctuation: nothing exotic to read out
    assert "  1. Never" in text and "  5. Almost always" in text
    assert "\x1b" not in text  # no escape codes: nothing for a screen reader to trip on


def test_plain_rejects_unclear_replies_and_asks_again(tmp_path: Path) -> None:
    answers, shown = run_plain(
        tmp_path, ["9", "maybe", "2", "b", "", "2", "2", "2", "2", "2", "1", "1"]
    )
    assert "Please type a number from 1 to 5, or s to skip." in shown
    assert answers["talk-1"] == 1  # Enter on a revisited question keeps the earlier answer
    assert "(your answer)" in "\n".join(shown)


def test_plain_mode_says_the_private_questions_stay_on_screen(tmp_path: Path) -> None:
    _, shown = run_plain(tmp_path, ["3"] * 6 + ["1", "1"])
    text = " ".join(" ".join(shown).split())
    private = text.index("The last few questions are private")
    assert text.index("Plain mode erases nothing") > private
    assert text.index("Plain mode erases nothing") < text.index("Private question 1 of 2")
