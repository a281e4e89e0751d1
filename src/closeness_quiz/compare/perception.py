"""How well each partner reads the other: one partner's guesses of how the other would answer
for themselves, beside what the other really answered.

Pure: guesses, answers and the questions both can be compared on in; counts and the biggest
surprises out, on raw scale values, a gap counted in steps (choices) of the question's scale. A guess on a statement the other did not answer (or
that is not in both banks) is left out, and counted, so nothing is compared with nothing."""

from __future__ import annotations

from collections.abc import Mapping

from closeness_quiz.content.records import Bank
from closeness_quiz.content.scale import label
from closeness_quiz.record import Record

SURPRISES_SHOWN = 3
SURPRISE_AT = 2  # a guess this many steps from the answer (or more) is a surprise
WITHIN = 1  # "within one": a guess at most one step (one choice) from the answer


class Guess(Record):
    id: str
    category: str
    text: str
    guess: int
    answer: int
    guess_label: str
    answer_label: str
    gap: int


class AreaReading(Record):
    id: str
    title: str
    guessed: int
    exact: int
    within_one: int


class Reading(Record):
    """`guesser`'s guesses about `other`, who answered for themselves."""

    guesser: str
    other: str
    guessed: int
    exact: int
    within_one: int
    items: tuple[Guess, ...]  # largest gap first
    areas: tuple[AreaReading, ...]
    # guesses on statements the other did not answer, not in both banks, or held back (critical)
    left_out: int

    @property
    def surprises(self) -> tuple[Guess, ...]:
        return tuple(g for g in self.items if g.gap >= SURPRISE_AT)[:SURPRISES_SHOWN]


class Perception(Record):
    a_about_b: Reading | None
    b_about_a: Reading | None
    starters: tuple[str, ...]

    @property
    def readings(self) -> tuple[Reading, ...]:
        return tuple(r for r in (self.a_about_b, self.b_about_a) if r is not None)


def reading(
    bank: Bank,
    guesses: Mapping[str, int],
    answers: Mapping[str, int],
    *,
    guesser: str,
    other: str,
) -> Reading | None:
    """None when `guesser` made no guesses at all."""
    if not guesses:
        return None
    items: list[Guess] = []
    for question in bank.questions:
        if question.id in guesses and question.id in answers:
            guess, answer = guesses[question.id], answers[question.id]
            items.append(
                Guess(
                    question.id,
                    question.category,
                    question.text,
                    guess,
                    answer,
                    label(question.scale, guess),
                    label(question.scale, answer),
                    question.scale.steps(guess, answer),
                )
            )
    areas = []
    for category in bank.categories:
        here = [g for g in items if g.category == category.id]
        if here:
            areas.append(
                AreaReading(
                    category.id,
                    category.title,
                    len(here),
                    sum(g.gap == 0 for g in here),
                    sum(g.gap <= WITHIN for g in here),
                )
            )
    return Reading(
        guesser=guesser,
        other=other,
        guessed=len(items),
        exact=sum(g.gap == 0 for g in items),
        within_one=sum(g.gap <= WITHIN for g in items),
        items=tuple(sorted(items, key=lambda g: -g.gap)),
        areas=tuple(areas),
        left_out=len(guesses) - len(items),
    )


def surprise_line(reading: Reading, guess: Guess) -> str:
    """'Alex thought Sam would say Often; Sam said Rarely.'"""
    return (
        f"{reading.guesser} thought {reading.other} would say {guess.guess_label}; "
        f"{reading.other} said {guess.answer_label}."
    )


def starters(readings: tuple[Reading, ...], count: int = 2) -> tuple[str, ...]:
    """One or two conversation starters, each built from a surprise: the guesser asks about
    it, curious rather than correcting, so the surprise is something to learn from."""
    chosen: list[str] = []
    surprises = sorted(
        ((r, g) for r in readings for g in r.surprises), key=lambda pair: -pair[1].gap
    )
    asked: set[str] = set()
    for one, guess in surprises:
        if guess.id in asked or one.guesser in {c.split(":", 1)[0] for c in chosen}:
            continue
        asked.add(guess.id)
        statement = guess.text.rstrip(".!?")
        chosen.append(
            f"{one.guesser}: \u201cI guessed you would say {guess.guess_label.casefold()} to "
            f"\u2018{statement}\u2019, and you said {guess.answer_label.casefold()}. "
            "What is it like for you?\u201d"
        )
        if len(chosen) >= count:
            break
    return tuple(chosen)


def perceive(
    bank: Bank,
    a: tuple[str, Mapping[str, int], Mapping[str, int]],
    b: tuple[str, Mapping[str, int], Mapping[str, int]],
) -> Perception | None:
    """Each side as (label, answers, guesses). None when neither made any guess."""
    label_a, answers_a, guesses_a = a
    label_b, answers_b, guesses_b = b
    if not guesses_a and not guesses_b:
        return None
    a_about_b = reading(bank, guesses_a, answers_b, guesser=label_a, other=label_b)
    b_about_a = reading(bank, guesses_b, answers_a, guesser=label_b, other=label_a)
    found = tuple(r for r in (a_about_b, b_about_a) if r is not None)
    return Perception(a_about_b, b_about_a, starters(found))
