"""Tailored suggestions: the ones tied to a respondent's own weakest answers come first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from closeness_quiz.bank import Question
from closeness_quiz.guidance import Tip

WEAK_AT_MOST = 2  # a keyed value of "Sometimes" or less is a weak point worth addressing


class Chosen(NamedTuple):
    """A suggestion, with the answer that led to it (None when it is a general one)."""

    tip: Tip
    question: Question | None = None
    value: int | None = None


def ranked(questions: Sequence[Question], answers: Mapping[str, int]) -> list[Question]:
    """Answered questions, weakest keyed value first; ties keep the bank's order."""
    answered = [q for q in questions if q.id in answers]
    return sorted(answered, key=lambda q: q.keyed(answers[q.id]))


def strongest_and_weakest(
    questions: Sequence[Question], answers: Mapping[str, int]
) -> tuple[Question | None, Question | None]:
    order = ranked(questions, answers)
    if not order:
        return None, None
    weakest = order[0]
    strongest = max(order, key=lambda q: q.keyed(answers[q.id]))
    if strongest is weakest:
        return strongest, None
    return strongest, weakest


def choose(
    questions: Sequence[Question],
    answers: Mapping[str, int],
    tips: Sequence[Tip],
    *,
    count: int = 3,
    minimum: int = 2,
) -> list[Chosen]:
    """Pick `count` tips: first one per weak answer (weakest first), then more for those, then
    general ones until at least `minimum`. Two people with the same score but different weak
    points therefore get different suggestions."""
    weak = [q for q in ranked(questions, answers) if q.keyed(answers[q.id]) <= WEAK_AT_MOST]
    chosen: list[Chosen] = []
    used: set[str] = set()

    def take(tip: Tip, question: Question | None) -> None:
        used.add(tip.id)
        value = answers[question.id] if question is not None else None
        chosen.append(Chosen(tip, question, value))

    for per_item in (1, count):
        for question in weak:
            taken_here = 0
            for tip in tips:
                if len(chosen) >= count or taken_here >= per_item:
                    break
                if tip.id not in used and tip.addresses(question):
                    take(tip, question)
                    taken_here += 1
    fill = [t for t in tips if t.general] + [t for t in tips if not t.general]
    for tip in fill:
        if len(chosen) >= minimum:
            break
        if tip.id not in used:
            take(tip, None)
    return chosen
