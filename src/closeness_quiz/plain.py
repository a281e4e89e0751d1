"""Numbered plain-text prompts: no cursor movement, no colour, one line to type per question.

Made for screen readers and simple terminals; reads with input(), so Ctrl-D ends like Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable

from closeness_quiz.quiz import Nav, Step


def make_ask(
    read: Callable[[str], str] = input, write: Callable[[str], None] = print
) -> Callable[[Step], int | Nav]:
    def ask(step: Step) -> int | Nav:
        if step.intro:
            write("")
            write(step.intro)
        write("")
        write(f"Question {step.progress}")
        write(step.text)
        for index, choice in enumerate(step.choices, 1):
            marker = " (your answer)" if choice.value == step.current else ""
            write(f"  {index}. {choice.label}{marker}")
        options = f"1-{len(step.choices)}, s to skip" + (
            ", b to go back" if step.can_go_back else ""
        )
        while True:
            reply = read(f"Your answer ({options}): ").strip().casefold()
            if reply.isdigit() and 1 <= int(reply) <= len(step.choices):
                return step.choices[int(reply) - 1].value
            if reply in ("s", "skip"):
                return Nav.SKIP
            if reply in ("b", "back") and step.can_go_back:
                return Nav.BACK
            if reply == "" and step.current is not None:
                return step.current
            for choice in step.choices:
                if reply == choice.label.casefold():
                    return choice.value
            write(f"Please type a number from 1 to {len(step.choices)}, or s to skip.")

    return ask
