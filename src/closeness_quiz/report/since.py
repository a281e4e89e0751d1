"""What changed since the same person's previous result, for the top of `report`.

For a result in the results folder (found by name, as the latest, or by its path there),
the previous result is the latest one in that folder with the same name (in any case),
taken before it, answered with the same question bank id: scores from two different
questionnaires are never set beside each other. A result without a name has no "previous"
one (two unnamed results may be two people), nor has a file from elsewhere (a partner's
result sent over): it is read as it is, and the folder is not looked at. Both are scored
afresh from their answers, as every view is."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.content.scoring import Scores, score
from closeness_quiz.errors import UserError
from closeness_quiz.record import Record
from closeness_quiz.store.results import BankAtHand, Result, read_result


class AreaChange(Record):
    id: str
    title: str
    change: float | None  # None where either result has no score for the area
    units: Units = PERCENT  # the area's, for the places and sign the change is shown with


class Since(Record):
    taken_at: str  # the previous result's time, as stored
    file: str  # its file name, as `report` takes it
    areas: tuple[AreaChange, ...]
    overall: float | None
    overall_units: Units = PERCENT


def previous(result: Result, bank_at_hand: BankAtHand, folder: Path) -> Result | None:
    """The same name's latest earlier result of the same bank; None if there is none (or the
    folder can't be read: the report itself is what was asked for)."""
    from closeness_quiz.store.lookup import scan
    from closeness_quiz.store.results import same_name

    if not (result.name or "").strip() or result.path is None:
        return None
    mine = result.path.resolve()
    if mine.parent != folder.resolve():
        return None
    try:
        entries = scan(folder)
    except UserError:
        return None
    when = result.taken_at.astimezone(UTC)
    earlier = [
        e
        for e in entries
        if same_name(e.name, result.name) and e.taken_at < when and e.path.resolve() != mine
    ]
    for entry in sorted(earlier, key=lambda e: e.taken_at, reverse=True):
        try:
            other = read_result(entry.path, bank_at_hand)
        except UserError:
            continue  # a damaged earlier file: look further back
        if other.bank_id == result.bank_id and other.kind == result.kind:  # never a check-in
            return other
    return None


def since(result: Result, before: Result, guidance: Guidance) -> Since:
    now, then = (score(r.bank, guidance, r.answers) for r in (result, before))

    def area(scores: Scores, cid: str) -> float | None:
        found = scores.categories.get(cid)
        return found.score if found is not None else None

    areas = []
    for c in result.bank.categories:
        units = result.bank.units_of(c.id)
        areas.append(
            AreaChange(c.id, c.title, units.change(area(now, c.id), area(then, c.id)), units)
        )
    overall_units = now.overall_units or PERCENT
    return Since(
        before.when,
        before.path.name if before.path is not None else "",
        tuple(areas),
        overall_units.change(now.overall, then.overall),
        overall_units,
    )


def since_line(change: Since) -> str:
    """'Since your last result (2026-11-20): Communication +5.0, Affection -2.5, Trust no
    change, Overall +3.1.' One line every format shows the same way."""

    def said(value: float, units: Units) -> str:
        return "no change" if value == 0 else units.signed(value)

    parts = [f"{a.title} {said(a.change, a.units)}" for a in change.areas if a.change is not None]
    if change.overall is not None:
        parts.append(f"Overall {said(change.overall, change.overall_units)}")
    head = f"Since your last result ({change.taken_at[:10]})"
    if not parts:
        return f"{head}: no area was scored both times, so there is no change to show."
    return f"{head}: {', '.join(parts)}."
