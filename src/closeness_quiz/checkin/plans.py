"""A result's kind (a full take or a weekly check-in), the plan chosen after its report, and
how the last plan went: the records, written as JSON and read back with every field checked
(a problem names the file and the field)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError
from closeness_quiz.record import Record
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store.header import placed

FULL, CHECKIN = "full", "checkin"  # a result's `kind`: a whole take, or a weekly check-in
FOLLOWUP_ANSWERS = ("tried", "partly", "not_yet")


class Plan(Record):
    """The one idea the person chose to try, and when to look back at it."""

    id: str
    chosen_at: datetime
    due: date

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "chosen_at": self.chosen_at.isoformat(timespec="seconds"),
            "due": self.due.isoformat(),
        }


class Followup(Record):
    """How the last plan went, as the person said at their next check-in."""

    plan: str
    answer: str  # one of FOLLOWUP_ANSWERS

    def as_json(self) -> dict[str, str]:
        return {"plan": self.plan, "answer": self.answer}


def parse_kind(raw: Any, path: Path) -> str:
    if raw not in (FULL, CHECKIN):
        shown = f"'{clean_line(raw)[:40]}'" if isinstance(raw, str) else "not text"
        raise UserError(
            f"kind should be '{FULL}' or '{CHECKIN}' (it is {shown}).", path=path, where="kind"
        )
    return str(raw)


def _idea_id(raw: Any, path: Path, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 200:
        raise UserError("should be an idea's id (text).", path=path, where=where)
    return clean_line(raw)


def parse_plan(raw: Any, path: Path) -> Plan | None:
    """A plan as `Plan.as_json` writes it; anything else names the field that is off."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise UserError("should be an object with id, chosen_at and due.", path=path, where="plan")
    ident = _idea_id(raw.get("id"), path, "plan.id")
    chosen = raw.get("chosen_at")
    due = raw.get("due")
    try:
        if not isinstance(chosen, str):
            raise ValueError
        chosen_at = placed(chosen)
    except (ValueError, OverflowError, OSError):
        raise UserError(
            "should be a date and time as text.", path=path, where="plan.chosen_at"
        ) from None
    try:
        if not isinstance(due, str):
            raise ValueError
        due_date = date.fromisoformat(due)
    except ValueError:
        raise UserError(
            "should be a date as text (YYYY-MM-DD).", path=path, where="plan.due"
        ) from None
    return Plan(ident, chosen_at, due_date)


def parse_followup(raw: Any, path: Path) -> Followup | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise UserError("should be an object with plan and answer.", path=path, where="followup")
    ident = _idea_id(raw.get("plan"), path, "followup.plan")
    answer = raw.get("answer")
    if answer not in FOLLOWUP_ANSWERS:
        raise UserError(
            "should be " + ", ".join(FOLLOWUP_ANSWERS[:-1]) + f" or {FOLLOWUP_ANSWERS[-1]}.",
            path=path,
            where="followup.answer",
        )
    return Followup(ident, str(answer))
