"""Numbered plain-text prompts: no cursor movement, no colour, one line to type per question.

Made for screen readers and simple terminals: every line starts at the left edge and is
whole (wrapped at word boundaries), punctuation is ASCII, nothing is redrawn or erased.
Reads a line at a time, so Ctrl-D ends like Ctrl-C."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from closeness_quiz.content.scale import AnswerError, Choice, parse_answer
from closeness_quiz.quiz.loop import Nav, Step
from closeness_quiz.render import display
from closeness_quiz.render.lines import text_width, wrap

# The arrow-key prompt erases each private question once answered; plain mode can't, so it says so.
NOTHING_ERASED = (
    "Plain mode erases nothing: these questions and your answers stay on this screen until "
    "you close the window or clear it."
)


def on_stream(stream: TextIO) -> tuple[Callable[[str], str], Callable[[str], None]]:
    """Read and write through `stream` (standard output, or standard error when the report
    is redirected to a file), reading the replies from standard input."""
    display.protect(stream)
    display.protect(sys.stdin)  # a reply the encoding can't read is an unclear reply, not a crash

    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    def read(prompt: str) -> str:
        stream.write(prompt)
        stream.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    return read, write


def make_ask(
    read: Callable[[str], str] | None = None,
    write: Callable[[str], None] | None = None,
    *,
    stream: TextIO | None = None,
) -> Callable[[Step], int | Nav]:
    screen = stream if stream is not None else sys.stdout
    if read is None or write is None:
        own_read, own_write = on_stream(screen)
        read, write = read or own_read, write or own_write
    glyphs = display.look(screen, plain=True).glyphs

    def say(text: str, indent: str = "") -> None:
        for line in wrap(glyphs.text(text), text_width() - len(indent)):
            write(indent + line)

    def ask(step: Step) -> int | Nav:
        if step.intro:
            write("")
            say(step.intro)
            if step.private:
                say(NOTHING_ERASED)
        write("")
        say(step.progress)
        say(step.text)
        listed = [c.label for c in step.choices]
        if step.not_applicable:
            listed.append(step.not_applicable)
        for index, text in enumerate(listed, 1):
            current = index <= len(step.choices) and step.choices[index - 1].value == step.current
            say(f"{index}. {text}{' (your answer)' if current else ''}", "  ")
        back = ", b to go back" if step.can_go_back else ""
        keep = ", Enter to keep your answer" if step.current is not None else ""
        options = f"1-{len(listed)}{keep}, s to skip{back}"
        # Typed numbers are positions in the list (1-5), labels are the choices' own words.
        numbered = [Choice(index, text) for index, text in enumerate(listed, 1)]
        while True:
            reply = read(f"Your answer ({options}): ").strip().casefold()
            try:
                position = parse_answer(reply, numbered)
            except AnswerError:
                pass
            else:
                if position > len(step.choices):
                    return Nav.NOT_APPLICABLE
                return step.choices[position - 1].value
            if reply in ("s", "skip"):
                return Nav.SKIP
            if reply in ("b", "back") and step.can_go_back:
                return Nav.BACK
            if reply == "" and step.current is not None:
                return step.current
            again = ", s to skip, or b to go back" if step.can_go_back else ", or s to skip"
            first = "This is the first statement: there is nothing to go back to. "
            first = first if reply in ("b", "back") and not step.can_go_back else ""
            say(f"{first}Please type a number from 1 to {len(listed)}{again}.")

    return ask
