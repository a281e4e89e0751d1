"""Whose behaviour a compared statement describes (the bank's `about`), and what follows:

- `us` (what we share): answered differently, it is *seen differently*;
- `self` (what I feel or do): each describes themselves, so a difference is an experience to
  understand, not a disagreement;
- `partner` (what my partner does): how each experiences the other; where the bank pairs it
  with a `self` statement, what one says of the other sits beside what the other says of
  themselves.

Pure: the shared bank, both labels and both answers in; groups and pairs out."""

from __future__ import annotations

from collections.abc import Mapping

from closeness_quiz.compare.view import ItemCompare, PairCompare
from closeness_quiz.content.records import Bank
from closeness_quiz.content.scale import label


def grouped(items: tuple[ItemCompare, ...], about: str) -> tuple[ItemCompare, ...]:
    return tuple(i for i in items if i.about == about)


def pairs(
    bank: Bank,
    a: tuple[str, Mapping[str, int]],
    b: tuple[str, Mapping[str, int]],
) -> tuple[PairCompare, ...]:
    """Both ways round, for every partner statement the bank pairs with a self statement and
    both partners answered the right side of."""
    out: list[PairCompare] = []
    for question in bank.questions:
        own = bank.question(question.pair) if question.pair else None
        if question.about != "partner" or own is None:
            continue
        for (says, said), (of, theirs) in ((a, b), (b, a)):
            if question.id in said and own.id in theirs:
                first, second = said[question.id], theirs[own.id]
                out.append(
                    PairCompare(
                        says,
                        of,
                        question.id,
                        question.text,
                        label(question.scale, first),
                        own.id,
                        own.text,
                        label(own.scale, second),
                        question.scale.steps(question.keyed(first), own.keyed(second)),
                        question.reverse != own.reverse,
                    )
                )
    return tuple(out)
