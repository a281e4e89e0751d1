"""The only module that imports questionary: one arrow-key prompt per question."""

from __future__ import annotations

from typing import Any

import questionary
from questionary import Choice as QChoice

from closeness_quiz.quiz import Nav, Step
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
INSTRUCTION = "(arrows or 1-5, then Enter · b back · s skip · Ctrl-C to stop)"


def build_question(step: Step, **kwargs: Any) -> Any:
    """The questionary select for one step (kwargs reach prompt_toolkit, e.g. input/output)."""
    choices: list[Any] = [
        QChoice(title=c.label, value=c.value, shortcut_key=str(index))
        for index, c in enumerate(step.choices, 1)
    ]
    choices.append(QChoice(title="Skip this question", value=Nav.SKIP.value, shortcut_key="s"))
    if step.can_go_back:
        choices.append(QChoice(title="Go back", value=Nav.BACK.value, shortcut_key="b"))
    default = next((c for c in choices if c.value == step.current), None)
    return questionary.select(
        f"{step.text}\n ",
        choices=choices,
        default=default,
        qmark="›",  # noqa: RUF001 - a gentle prompt mark, on purpose
        style=STYLE,
        use_shortcuts=True,
        use_arrow_keys=True,
        instruction=INSTRUCTION,
        **kwargs,
    )


def ask(step: Step) -> int | Nav:
    """Ask one question in the terminal. Ctrl-C raises KeyboardInterrupt (unsafe_ask)."""
    if step.intro:
        print(f"\n{step.intro}")
    print(f"\n{step.progress}")
    reply = build_question(step).unsafe_ask()
    if reply in (Nav.BACK.value, Nav.SKIP.value):
        return Nav(reply)
    return parse_answer(reply, step.choices, labels=False)
