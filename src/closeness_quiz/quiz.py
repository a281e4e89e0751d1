"""The question loop: order, back, skip, resume. It asks through a callable, never a terminal."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from closeness_quiz.bank import Bank, Question, SafetyQuestion
from closeness_quiz.scale import Choice


class Nav(enum.Enum):
    BACK = "back"
    SKIP = "skip"


@dataclass(frozen=True)
class Step:
    """What one prompt shows: position, category, the statement, the choices, any earlier answer."""

    number: int
    total: int
    section: str
    id: str
    text: str
    choices: tuple[Choice, ...]
    current: int | None
    private: bool = False
    intro: str | None = None
    can_go_back: bool = True

    @property
    def progress(self) -> str:
        """'Statement 7 of 31 · Trust', or 'Private question 2 of 6': scored statements and
        private questions are counted apart, as the intro counts them."""
        if self.private:
            return f"Private question {self.number} of {self.total}"
        return f"Statement {self.number} of {self.total} · {self.section}"


Ask = Callable[[Step], "int | Nav"]

SAFETY_SECTION = "Private"
SAFETY_INTRO = (
    "The last few questions are private, for you only. Your answers to them are never "
    "saved, never put in any file and never shown in a comparison. Skip any you prefer not to answer."
)


@dataclass
class Outcome:
    answers: dict[str, int] = field(default_factory=dict)
    safety: dict[str, int] = field(default_factory=dict)

    def safety_signalled(self, bank: Bank) -> bool:
        return any(q.signals(self.safety.get(q.id)) for q in bank.safety)


def count_words(bank: Bank) -> str:
    """'31 statements and 6 private questions': how every message counts a bank."""
    scored = len(bank.questions)
    words = f"{scored} statement{'' if scored == 1 else 's'}"
    if bank.safety:
        private = len(bank.safety)
        words += f" and {private} private question{'' if private == 1 else 's'}"
    return words


def first_unanswered(bank: Bank, answers: Mapping[str, int]) -> int:
    """Where a resumed quiz starts: the first scored question without an answer."""
    for index, question in enumerate(bank.questions):
        if question.id not in answers:
            return index
    return len(bank.questions)


def run_quiz(
    bank: Bank,
    ask: Ask,
    *,
    answers: Mapping[str, int] | None = None,
    start: int = 0,
    on_change: Callable[[dict[str, int]], None] | None = None,
) -> Outcome:
    """Ask every scored question, then the private safety questions.

    `on_change` gets the scored answers after every change (for the draft); it never sees
    safety answers."""
    items: list[Question | SafetyQuestion] = [*bank.questions, *bank.safety]
    outcome = Outcome(answers=dict(answers or {}))
    titles = {c.id: c.title for c in bank.categories}
    index = max(0, min(start, len(items)))
    while index < len(items):
        item = items[index]
        private = isinstance(item, SafetyQuestion)
        store = outcome.safety if private else outcome.answers
        scored = len(bank.questions)
        step = Step(
            number=index + 1 - (scored if private else 0),
            total=len(bank.safety) if private else scored,
            section=SAFETY_SECTION if private else titles.get(item.category, item.category),  # type: ignore[union-attr]
            id=item.id,
            text=item.text,
            choices=bank.scale,
            current=store.get(item.id),
            private=private,
            intro=SAFETY_INTRO if private and index == len(bank.questions) else None,
            can_go_back=index > 0,
        )
        reply = ask(step)
        if reply is Nav.BACK:
            index = max(0, index - 1)
            continue
        if reply is Nav.SKIP:
            store.pop(item.id, None)
        else:
            store[item.id] = int(reply)
        if not private and on_change is not None:
            on_change(dict(outcome.answers))
        index += 1
    return outcome
