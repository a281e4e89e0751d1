"""The question loop: order, back, skip, resume. It asks through a callable, never a terminal."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence

from closeness_quiz.content.bank import Bank, Question, SafetyQuestion
from closeness_quiz.content.scale import Choice
from closeness_quiz.record import Record

SHORTCUTS = 9  # choices 1 to 9 have a number key; a longer scale's others use the arrows


class Nav(enum.Enum):
    BACK = "back"
    SKIP = "skip"
    NOT_APPLICABLE = "not-applicable"  # the question's `not_applicable` choice: not answered


class Step(Record):
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
    guess: bool = False  # how the respondent thinks their partner would answer
    not_applicable: str | None = None  # a further choice that counts as not answered

    @property
    def progress(self) -> str:
        """'Statement 7 of 31 · Trust', 'Guess 2 of 8 · Trust' or 'Private question 2 of 6':
        statements, guesses and private questions are counted apart, as the intro counts them."""
        if self.private:
            return f"Private question {self.number} of {self.total}"
        kind = "Guess" if self.guess else "Statement"
        return f"{kind} {self.number} of {self.total} · {self.section}"


Ask = Callable[[Step], "int | Nav"]

SAFETY_SECTION = "Private"
SAFETY_INTRO = (
    "The last few questions are private, for you only. Your answers to them are never "
    "saved, never put in any file and never shown in a comparison. Skip any you prefer not to answer."
)


GUESS_INTRO = (
    "Now a few of the same statements again, as a guess: how do you think your partner "
    "would answer each one for themselves? When you compare results, you both see how well "
    "you read each other. Skip any you would rather not guess."
)
GUESS_PROMPT = "Your partner's answer, as you guess it: \u201c{text}\u201d"
GUESSES_PER_AREA = 2
ABOUT_ORDER = ("self", "us", "partner")  # the statements most worth guessing come first


def guess_ids(bank: Bank, which: str) -> list[str]:
    """The statements to guess: every one with 'all', else two per area (a statement about
    oneself first: how the partner feels is the thing least often asked). Never a critical
    statement: `compare` never shows one, so a guess at it would be asked for nothing."""
    if which == "all":
        return [q.id for q in bank.questions if q.critical is None]
    chosen: list[str] = []
    for category in bank.categories:
        here = [q for q in bank.questions_in(category.id) if q.critical is None]
        ranked = sorted(here, key=lambda q: ABOUT_ORDER.index(q.about))
        chosen += [q.id for q in ranked[:GUESSES_PER_AREA]]
    order = {q.id: i for i, q in enumerate(bank.questions)}
    return sorted(chosen, key=order.__getitem__)


class Outcome:
    """What the loop collected: scored answers, private answers (never written anywhere) and
    guesses at the partner's answers."""

    def __init__(
        self,
        answers: dict[str, int] | None = None,
        safety: dict[str, int] | None = None,
        guesses: dict[str, int] | None = None,
    ) -> None:
        self.answers = {} if answers is None else answers
        self.safety = {} if safety is None else safety
        self.guesses = {} if guesses is None else guesses

    def safety_signalled(self, bank: Bank) -> bool:
        return bank.safety_signalled(self.safety)


def count_words(bank: Bank) -> str:
    """'31 statements and 6 private questions': how every message counts a bank."""
    scored = len(bank.questions)
    words = f"{scored} statement{'' if scored == 1 else 's'}"
    if bank.safety:
        private = len(bank.safety)
        words += f" and {private} private question{'' if private == 1 else 's'}"
    return words


def resume_point(bank: Bank, answers: Mapping[str, int]) -> tuple[int, list[int]]:
    """Where a resumed quiz goes on: just after the last statement answered (its index), and
    the numbers of the statements before it left unanswered (skipped: not asked again, but
    named, so the person can go back to them)."""
    answered = [i for i, q in enumerate(bank.questions) if q.id in answers]
    start = answered[-1] + 1 if answered else 0
    return start, [i + 1 for i in range(start) if bank.questions[i].id not in answers]


def skipped_words(numbers: list[int]) -> str:
    """' You skipped statement 5; it stays skipped unless you go back to it.' (or statements
    2, 5 and 9; the first five of many)."""
    if not numbers:
        return ""
    shown = [str(n) for n in numbers[:5]]
    if len(numbers) > 5:
        listed = f"{', '.join(shown)} and {len(numbers) - 5} more"
    else:
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    one = len(numbers) == 1
    noun, stays, them = (
        ("statement", "it stays", "it") if one else ("statements", "they stay", "them")
    )
    return f" You skipped {noun} {listed}; {stays} skipped unless you go back to {them}."


def run_quiz(
    bank: Bank,
    ask: Ask,
    *,
    answers: Mapping[str, int] | None = None,
    start: int = 0,
    on_change: Callable[[dict[str, int]], None] | None = None,
    guesses: Sequence[str] = (),
    guessed: Mapping[str, int] | None = None,
    on_guess: Callable[[dict[str, int]], None] | None = None,
) -> Outcome:
    """Ask every scored question, then the guesses (the ids in `guesses`), then the private
    safety questions: guesses come before the private part, so whether they were made can
    never hint at what was answered there.

    `on_change` gets the scored answers after every change, and `on_guess` the guesses (for
    the draft); neither ever sees a safety answer."""
    by_id = {q.id: q for q in bank.questions}
    items: list[tuple[str, Question | SafetyQuestion]] = [
        *(("scored", q) for q in bank.questions),
        *(("guess", by_id[g]) for g in guesses if g in by_id),
        *(("private", q) for q in bank.safety),
    ]
    outcome = Outcome(answers=dict(answers or {}), guesses=dict(guessed or {}))
    stores = {"scored": outcome.answers, "guess": outcome.guesses, "private": outcome.safety}
    totals = {kind: sum(k == kind for k, _ in items) for kind in stores}
    firsts = {kind: next(i for i, (k, _) in enumerate(items) if k == kind) for kind, n in
              totals.items() if n}  # fmt: skip
    titles = {c.id: c.title for c in bank.categories}
    index = max(0, min(start, len(items)))
    while index < len(items):
        kind, item = items[index]
        store = stores[kind]
        category = item.category if isinstance(item, Question) else SAFETY_SECTION
        step = Step(
            number=index + 1 - firsts[kind],
            total=totals[kind],
            section=SAFETY_SECTION if kind == "private" else titles.get(category, category),
            id=item.id,
            text=GUESS_PROMPT.format(text=item.text) if kind == "guess" else item.text,
            choices=item.scale if isinstance(item, Question) else bank.scale,
            current=store.get(item.id),
            private=kind == "private",
            intro={"private": SAFETY_INTRO, "guess": GUESS_INTRO}.get(kind)
            if index == firsts[kind]
            else None,
            can_go_back=index > 0,
            guess=kind == "guess",
            not_applicable=item.not_applicable if isinstance(item, Question) else None,
        )
        reply = ask(step)
        if reply is Nav.BACK:
            index = max(0, index - 1)
            continue
        if reply in (Nav.SKIP, Nav.NOT_APPLICABLE):
            store.pop(item.id, None)
        else:
            store[item.id] = int(reply)
        if kind == "scored" and on_change is not None:
            on_change(dict(outcome.answers))
        if kind == "guess" and on_guess is not None:
            on_guess(dict(outcome.guesses))
        index += 1
    return outcome
