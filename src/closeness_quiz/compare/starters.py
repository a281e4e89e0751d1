"""Conversation starters for a comparison: first for the statements seen most differently,
then for the areas with the largest gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.content.bank import Bank, Question
from closeness_quiz.content.guidance import Guidance, Tip
from closeness_quiz.record import Record

if TYPE_CHECKING:
    from closeness_quiz.compare.view import AreaCompare, ItemCompare

MAX_STARTERS = 3
MIN_STARTERS = 2


class Starter(Record):
    """A starter, and the difference that led to it (a question, or else a whole area)."""

    tip: Tip
    area: AreaCompare
    item: ItemCompare | None


def _first_tip(tips: tuple[Tip, ...], used: set[str], questions: list[Question]) -> Tip | None:
    """The first unused starter addressing one of `questions` (in their order), else any unused
    general one, else any unused one."""
    for question in questions:
        for tip in tips:
            if tip.id not in used and tip.addresses(question):
                return tip
    return next((t for t in tips if t.id not in used and t.general), None) or next(
        (t for t in tips if t.id not in used), None
    )


def choose_starters(
    bank: Bank,
    guidance: Guidance,
    areas: dict[str, AreaCompare],
    both: list[ItemCompare],
    differing: list[ItemCompare],
    barred: tuple[set[str], set[str]] = (set(), set()),
) -> list[Starter]:
    """Two or three starters: first for the questions seen most differently (a starter that
    addresses that question's sign), then for the areas with the largest gaps.

    `barred` is (areas with no starter at all, statements answered on the far side): a
    starter whose `unless_weak` names one of those statements is never chosen, as with ideas."""
    chosen: list[Starter] = []
    used: dict[str, set[str]] = {}
    no_area, weak_ids = barred
    critical_ids = {q.id for q in bank.questions if q.critical is not None}  # never built on

    def tips_for(area_id: str) -> tuple[Tip, ...]:
        advice = guidance.categories.get(area_id)
        if area_id in no_area or advice is None:
            return ()
        return tuple(
            t
            for t in advice.starters
            if not t.unless_weak & weak_ids and not t.questions & critical_ids
        )

    for item in differing:
        if len(chosen) >= MAX_STARTERS:
            break
        question = bank.question(item.id)
        taken = used.setdefault(item.category, set())
        tip = next(
            (
                t
                for t in tips_for(item.category)
                if question is not None and t.id not in taken and t.addresses(question)
            ),
            None,
        )
        if tip is not None:
            taken.add(tip.id)
            chosen.append(Starter(tip, areas[item.category], item))

    ranked = sorted(
        areas.values(),
        key=lambda c: (
            -(c.gap if c.gap is not None else -1.0),
            (c.a or 0.0) + (c.b or 0.0),
        ),
    )
    for area in ranked:
        if len(chosen) >= MIN_STARTERS:
            break
        if any(s.area.id == area.id for s in chosen):
            continue
        in_area = sorted((i for i in both if i.category == area.id), key=lambda i: -i.gap)
        questions = [q for i in in_area if i.gap and (q := bank.question(i.id)) is not None]
        taken = used.setdefault(area.id, set())
        tip = _first_tip(tips_for(area.id), taken, questions)
        if tip is not None:
            taken.add(tip.id)
            chosen.append(Starter(tip, area, None))
    return chosen
