"""Which plan is in force for a name, and whether its check-in is due: read from the plan
marks of that name's results (their plan and follow-up only). Light on purpose: `take` and
`report` ask it before anything else (for the one-line reminder), so it loads no view."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from closeness_quiz.checkin.plans import Followup, Plan
from closeness_quiz.errors import UserError
from closeness_quiz.record import Record

REMINDER = "A reminder: your check-in is due. Run: {command}"


def is_due(plan: Plan | None, today: date) -> bool:
    return plan is not None and plan.due <= today


class Mark(Record):
    """What one saved result says about plans, read without reading its questions."""

    path: Path
    name: str | None
    taken_at: datetime
    kind: str
    plan: Plan | None
    followup: Followup | None


def mark_of(path: Path, data: Any) -> Mark | None:
    """The plan-related part of a result's JSON; None where it can't be read as a result
    (the commands that read it in full say why)."""
    from closeness_quiz.checkin.plans import parse_followup, parse_kind, parse_plan
    from closeness_quiz.store.results import read_taken_at

    if not isinstance(data, dict):
        return None
    try:
        name = data.get("name")
        return Mark(
            path,
            name if isinstance(name, str) and name else None,
            read_taken_at(data.get("taken_at"), path),
            parse_kind(data.get("kind", "full"), path),
            parse_plan(data.get("plan"), path),
            parse_followup(data.get("followup"), path),
        )
    except UserError:
        return None


def plan_in_force(marks: Iterable[Mark]) -> Plan | None:
    """The plan of the latest result that says anything about plans: a check-in that dropped
    it (a follow-up, no new plan) ends it; a take with no plan chosen leaves it as it was."""
    latest: Mark | None = None
    for mark in marks:
        if (mark.plan or mark.followup) and (latest is None or mark.taken_at >= latest.taken_at):
            latest = mark
    return latest.plan if latest else None


def _may_speak_of_plans(text: str) -> bool:
    """Whether a result's JSON may hold a plan or a follow-up: it names one, or it has an
    escape (\\u) that could spell the key some other way."""
    return '"plan"' in text or '"followup"' in text or "\\u" in text


def marks_for(folder: Path, name: str | None, *, until: datetime | None = None) -> list[Mark]:
    """The plan marks of every result under `name` in the folder, oldest first (reads only the
    results with that name, newest first, stopping at the first that speaks of a plan, unless
    `until` asks for every one taken before then)."""
    from closeness_quiz.content.files import parse_json, read_text
    from closeness_quiz.store.lookup import scan
    from closeness_quiz.store.results import MAX_RESULT_BYTES, same_name

    marks: list[Mark] = []
    for entry in reversed(scan(folder)):
        if not same_name(entry.name, name):
            continue
        if until is not None and entry.taken_at >= until:
            continue
        try:
            text = read_text(entry.path, "result file", limit=MAX_RESULT_BYTES)
            if until is None and not _may_speak_of_plans(text):
                continue  # a person's many results without a plan: parsing each was slow
            mark = mark_of(entry.path, parse_json(text, entry.path))
        except UserError:
            continue
        if mark is None:
            continue
        marks.append(mark)
        if until is None and (mark.plan or mark.followup):
            break
    return sorted(marks, key=lambda m: m.taken_at)
