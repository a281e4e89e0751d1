"""`report --format json` and `take --format json`: the report as data (see the contract).

Built from the ReportView, which is worked out from the answers with the bank and guidance
in use: the scores stored in a result file never reach it. `ideas` holds every idea that
matches a weak answer (the text formats show at most two unless `--all`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from closeness_quiz.report.view import CategoryView, IdeaView, ReportView

JSON_FORMAT = "closeness-quiz/report"
JSON_FORMAT_VERSION = 1


def _idea(idea: IdeaView, *, area: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"id": idea.id}
    if area:
        data["category"] = idea.category
    data.update({"text": idea.text, "strategy": idea.strategy, "because": list(idea.because)})
    return data


def _category(cat: CategoryView) -> dict[str, Any]:
    return {
        "title": cat.title,
        "summary": cat.summary,
        "strengths": [s.id for s in cat.strengths],
        "hardest": [h.id for h in cat.hardest],
        "ideas": [_idea(i) for i in cat.all_ideas],
    }


def as_json(view: ReportView) -> dict[str, Any]:
    notes = [n.id for n in (*view.first, *view.notes)]
    since = view.since
    previous = (
        {
            "since": {
                "taken_at": since.taken_at,
                "file": since.file,
                "scores": {a.id: a.change for a in since.areas},
                "overall": since.overall,
            }
        }
        if since is not None
        else {}
    )
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "name": view.name,
        "taken_at": view.taken_at,
        "bank": {"id": view.bank_id, "version": view.bank_version},
        "answers": dict(view.answers),
        "scores": {
            c.id: {
                "score": c.score,
                "band": c.band,
                "answered": c.answered,
                "total": c.total,
                "range": c.units.as_json(),
            }
            for c in view.categories
        },
        "overall": None
        if view.overall_units is None
        else {
            "score": view.overall,
            "band": view.overall_band,
            "range": view.overall_units.as_json(),
        },
        "focus": [_idea(i, area=True) for i in view.focus],
        "categories": {c.id: _category(c) for c in view.categories},
        "notes": notes,
        **previous,
    }


def report_json_text(view: ReportView) -> str:
    # allow_nan=False: every number here is worked out afresh, and JSON has no NaN.
    return json.dumps(as_json(view), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
