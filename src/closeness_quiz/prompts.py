"""The only module that imports questionary: one arrow-key prompt per question.

Every text the prompt shows is wrapped at word boundaries to the terminal's width (measured
in cells), so no statement is ever cut at the edge. While a question is asked, the prompt is
live; once answered it is erased and one clean line stays in the scrollback: the statement
and the chosen answer. A private safety question leaves nothing at all, even after Ctrl-C."""

from __future__ import annotations

from typing import Any

import questionary
from questionary import Choice as QChoice

from closeness_quiz.quiz import Nav, Step
from closeness_quiz.render.lines import text_width, wrap
from closeness_quiz.scale import parse_answer

STYLE = questionary.Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("answer", "fg:ansicyan"),
        ("instruction", "fg:ansibrightblack"),
    ]
)


def keys_hint(step: Step) -> str:
    count = len(step.choices)
    back = " · b back" if step.can_go_back else ""
    return f"(arrows or 1-{count}, Enter{back} · s skip)"


def message(step: Step, cols: int) -> str:
    """Progress, then the statement, wrapped to `cols` (the prompt mark takes two cells)."""
    lines = [step.progress, *wrap(step.text, cols - 2)]
    hint = keys_hint(step)
    lines += wrap(hint, cols - 2)
    return "\n  ".join(lines)


def build_question(step: Step, **kwargs: Any) -> Any:
    """The questionary select for one step (kwargs reach prompt_toolkit, e.g. input/output)."""
    cols = text_width()
    choices: list[Any] = [
        QChoice(title=c.label, value=c.value, shortcut_key=str(index))
        for index, c in enumerate(step.choices, 1)
    ]
    choices.append(QChoice(title="Skip this question", value=Nav.SKIP.value, shortcut_key="s"))
    if step.can_go_back:
        choices.append(QChoice(title="Go back", value=Nav.BACK.value, shortcut_key="b"))
    default = next((c for c in choices if c.value == step.current), None)
    question = questionary.select(
        message(step, cols),
        choices=choices,
        default=default,
        qmark="›",  # noqa: RUF001 - a gentle prompt mark, on purpose
        style=STYLE,
        use_shortcuts=True,
        use_arrow_keys=True,
        instruction=" ",
        **kwargs,
    )
    # Leave no live prompt behind: `ask` prints the one line that should stay.
    question.application.erase_when_done = True
    return question


def answered_line(step: Step, reply: int | Nav, cols: int) -> str | None:
    """What stays on screen after a question: nothing for a private one or for going back."""
    if step.private or reply is Nav.BACK:
        return None
    answer = (
        "skipped" if reply is Nav.SKIP else next(c.label for c in step.choices if c.value == reply)
    )
    lines = wrap(f"{step.number}. {step.text} \u2014 {answer}", cols)
    return "\n".join(lines)


def ask(step: Step) -> int | Nav:
    """Ask one question in the terminal. Ctrl-C raises KeyboardInterrupt (unsafe_ask)."""
    cols = text_width()
    if step.intro:
        print("\n" + "\n".join(wrap(step.intro, cols)) + "\n")
    raw = build_question(step).unsafe_ask()
    reply = Nav(raw) if raw in (Nav.BACK.value, Nav.SKIP.value) else None
    value: int | Nav = reply if reply is not None else parse_answer(raw, step.choices, labels=False)
    line = answered_line(step, value, cols)
    if line is not None:
        print(line)
    return value
