"""Numbered plain-text prompts: no cursor movement, no colour, one line to type per question.

Made for screen readers and simple terminals; reads with input(), so Ctrl-D ends like Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable

from closeness_quiz.quiz import Nav, Step
from closeness_quiz.render.lines import text_width, wrap
from closeness_quiz.scale import AnswerError, Choice, parse_answer


def make_ask(
    read: Callable[[str], str] = input, write: Callable[[str], None] = print
) -> Callable[[Step], int | Nav]:
    def say(text: str, indent: str = "") -> None:
        for line in wrap(text, text_width() - len(indent)):
            write(indent + line)

    def ask(step: Step) -> int | Nav:
        if step.intro:
            write("")
            say(step.intro)
        write("")
        write(step.progress)
        say(step.text)
        for index, choice in enumerate(step.choices, 1):
            marker = " (your answer)" if choice.value == step.current else ""
            say(f"{index}. {choice.label}{marker}", "  ")
        options = f"1-{len(step.choices)}, s to skip" + (
            ", b to go back" if step.can_go_back else ""
        )
        # Typed numbers are positions in the list (1-5), labels are the choices' own words.
        numbered = [Choice(index, c.label) for index, c in enumerate(step.choices, 1)]
        while True:
            reply = read(f"Your answer ({options}): ").strip().casefold()
            try:
                return step.choices[parse_answer(reply, numbered) - 1].value
            except AnswerError:
                pass
            if reply in ("s", "skip"):
                return Nav.SKIP
            if reply in ("b", "back") and step.can_go_back:
                return Nav.BACK
            if reply == "" and step.current is not None:
                return step.current
            write(f"Please type a number from 1 to {len(step.choices)}, or s to skip.")

    return ask
