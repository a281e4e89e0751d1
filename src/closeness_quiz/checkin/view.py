"""The weekly check-in and the plan (pure): the bank's `checkin: true` statements as a bank of
their own, the plan in force for a name, whether it is due, and the check-in's report as one
view (the areas against that name's previous check-in, how the last plan went, at most one
idea) laid out as blocks that every format turns into text.

A check-in is never set beside a full take: its areas are scored from one or two statements
each, so only another check-in says what changed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from closeness_quiz.checkin.marks import marks_for
from closeness_quiz.checkin.plans import CHECKIN, Followup, Plan
from closeness_quiz.content.bank import Bank
from closeness_quiz.content.guidance import Guidance, Tip
from closeness_quiz.content.records import Units
from closeness_quiz.errors import UserError
from closeness_quiz.record import Record
from closeness_quiz.report.view import IdeaView, NoteView, ReportView
from closeness_quiz.store.results import BankAtHand, Result

PLAN_DAYS = 7  # a plan is looked back on a week after it was chosen
FOLLOWUP_WORDS = {"tried": "Tried it", "partly": "Partly", "not_yet": "Not yet"}
# Said whatever the answer: the point is the week, not a score.
FOLLOWUP_REPLIES = {
    "tried": "Good. Small steps like this are how closeness grows.",
    "partly": "Partly counts. Any small step is a step.",
    "not_yet": "That's all right: weeks get full. It can wait, or change.",
}
LOOKED_BACK = {
    "tried": "You tried it",
    "partly": "You partly tried it",
    "not_yet": "Not tried yet, and that's all right",
}


def checkin_bank(bank: Bank) -> Bank:
    """The bank a check-in asks: only its `checkin: true` statements, and only the areas they
    are in (each is scored from its own one or two statements). The private questions stay."""
    asked = tuple(q for q in bank.questions if q.checkin)
    if not asked:
        raise UserError(
            f"the question bank '{bank.id}' marks no statement 'checkin: true', so a check-in "
            "has nothing to ask.",
            path=bank.path,
            hint="Mark up to eight statements (at least one per area) with 'checkin: true'.",
        )
    areas = {q.category for q in asked}
    ids = {q.id for q in asked}
    # A pair whose other statement a check-in doesn't ask is no pair here: the check-in's
    # stored questions must read back as a bank of their own.
    asked = tuple(q if q.pair in ids or q.pair is None else q._replace(pair=None) for q in asked)
    return bank._replace(
        categories=tuple(c for c in bank.categories if c.id in areas), questions=asked
    )


def ideas(guidance: Guidance) -> dict[str, Tip]:
    """Every idea in the guidance by id (for a plan's own words)."""
    return {t.id: t for advice in guidance.categories.values() for t in advice.suggestions}


def new_plan(idea_id: str, now: datetime) -> Plan:
    return Plan(idea_id, now, (now + timedelta(days=PLAN_DAYS)).date())


class Area(Record):
    id: str
    title: str
    score: float
    before: float | None  # the same area at that name's previous check-in
    units: Units

    @property
    def change(self) -> float | None:
        if self.before is None:
            return None
        return round(self.score - self.before, self.units.decimals)


class CheckinView(Record):
    name: str | None
    taken_at: str
    since: str | None  # the date of the previous check-in, if any
    areas: tuple[Area, ...]
    followup: Followup | None
    followup_text: str | None  # the followed-up idea in its own words
    idea: IdeaView | None
    plan: Plan | None
    plan_text: str | None
    first: tuple[NoteView, ...]
    notes: tuple[NoteView, ...]


def idea_words(guidance: Guidance, idea_id: str) -> str:
    """An idea in its own words; an idea no longer in the guidance by its id."""
    tip = ideas(guidance).get(idea_id)
    return tip.text if tip is not None else f"the idea '{idea_id}'"


def shown_ideas(view: ReportView) -> list[IdeaView]:
    """Every idea a report shows, "Start here" first."""
    seen: dict[str, IdeaView] = {}
    for idea in (*view.focus, *(i for c in view.categories for i in c.ideas)):
        seen.setdefault(idea.id, idea)
    return list(seen.values())


def one_idea(report: ReportView, avoid: str | None = None) -> IdeaView | None:
    """The check-in's one idea: the first the full report would start with, other than the
    plan being changed."""
    for idea in (*report.focus, *(i for c in report.categories for i in c.all_ideas)):
        if idea.id != avoid:
            return idea
    return None


def build_checkin(
    result: Result,
    report: ReportView,
    guidance: Guidance,
    previous: Result | None,
    previous_scores: dict[str, float | None],
    *,
    avoid: str | None = None,
) -> CheckinView:
    """The check-in's report from its full report view (scores, notes, ideas for oneself
    where it is for oneself alone) and the previous check-in's scores."""
    areas = tuple(
        Area(c.id, c.title, c.score, previous_scores.get(c.id), c.units)
        for c in report.categories
        if c.score is not None
    )
    followup = result.followup
    return CheckinView(
        name=result.name,
        taken_at=result.when,
        since=previous.taken_at.date().isoformat() if previous is not None else None,
        areas=areas,
        followup=followup,
        followup_text=idea_words(guidance, followup.plan) if followup else None,
        idea=one_idea(report, avoid),
        plan=result.plan,
        plan_text=idea_words(guidance, result.plan.id) if result.plan else None,
        first=report.first,
        notes=report.notes,
    )


def with_plan(view: CheckinView, plan: Plan | None, guidance: Guidance) -> CheckinView:
    return view._replace(plan=plan, plan_text=idea_words(guidance, plan.id) if plan else None)


# Blocks: ("h", heading), ("p", paragraph), ("li", list item), ("note", title, text).
Block = tuple[str, ...]


def blocks(view: CheckinView) -> list[Block]:
    """The check-in's report as blocks, in the order every format shows them."""
    out: list[Block] = [("h", "Check-in" + (f": {view.name}" if view.name else ""))]
    out.append(("p", f"{view.taken_at[:10]}. Not a diagnosis: a moment's look at this week."))
    out += [("note", n.title, n.text) for n in view.first]
    if view.followup is not None and view.followup_text is not None:
        out.append(("h", "Last week's idea"))
        out.append(("li", view.followup_text))
        out.append(("p", f"{LOOKED_BACK[view.followup.answer]}."))
    out.append(("h", "This week" + (f", since {view.since}" if view.since else "")))
    if not view.areas:
        out.append(("p", "No area had enough answers for a score this time."))
    for area in view.areas:
        out.append(("li", f"{area.title}: {area.units.text(area.score)}{_change(area)}"))
    if view.since is None:
        out.append(("p", "Your first check-in: next week's will show what changed since this one."))
    if view.idea is not None and (view.plan is None or view.plan.id != view.idea.id):
        out.append(("h", "One idea"))
        out.append(("li", view.idea.text))
    if view.plan is not None and view.plan_text is not None:
        out.append(("h", "Your plan"))
        out.append(("li", view.plan_text))
        out.append(("p", f"Look back on it at your check-in from {view.plan.due.isoformat()}."))
    out += [("note", n.title, n.text) for n in view.notes]
    return out


def _change(area: Area) -> str:
    change = area.change
    if change is None:
        return ""
    if change == 0:
        return " (no change)"
    return f" ({'+' if change > 0 else '-'}{area.units.number(abs(change))})"


def checkin_json(view: CheckinView) -> dict[str, Any]:
    return {
        "format": "closeness-quiz/checkin",
        "format_version": 1,
        "kind": CHECKIN,
        "name": view.name,
        "taken_at": view.taken_at,
        "since": view.since,
        "scores": {
            a.id: {
                "score": a.score,
                "before": a.before,
                "change": a.change,
                "range": a.units.as_json(),
            }
            for a in view.areas
        },
        "followup": view.followup.as_json() if view.followup else None,
        "idea": {"id": view.idea.id, "text": view.idea.text} if view.idea else None,
        "plan": view.plan.as_json() if view.plan else None,
        "notes": [n.id for n in (*view.first, *view.notes)],
    }


def previous_checkin(folder: Path, result: Result, bank_at_hand: BankAtHand) -> Result | None:
    """The latest check-in under the same name and with the same bank before `result` (one
    that can't be read gives way to the one before)."""
    from closeness_quiz.store.results import read_result

    for mark in reversed(marks_for(folder, result.name, until=result.taken_at)):
        if mark.kind != CHECKIN or mark.path == result.path:
            continue
        try:
            earlier = read_result(mark.path, bank_at_hand)
        except UserError:
            continue
        if earlier.stored_bank.id == result.stored_bank.id:
            return earlier
    return None
