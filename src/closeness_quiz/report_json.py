"""`report --format json` and `take --format json`: the report as data (see the contract).

Built from the ReportView, which is worked out from the answers with the bank and guidance
in use: the scores stored in a result file never reach it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from closeness_quiz.report import CategoryView, ReportView

JSON_FORMAT = "closeness-quiz/report"
JSON_FORMAT_VERSION = 1


def _category(cat: CategoryView) -> dict[str, Any]:
    return {
        "title": cat.title,
        "score": cat.score,
        "band": cat.band,
        "answered": cat.answered,
        "total": cat.total,
        "summary": cat.summary,
        "strengths": [cat.strongest.id] if cat.strongest and cat.strongest.keyed >= 3 else [],
        "hardest": [cat.weakest.id] if cat.weakest else [],
        "ideas": [
            {
                "id": s.id,
                "text": s.text,
                "strategy": s.strategy,
                "because": [s.because.id] if s.because else [],
            }
            for s in cat.suggestions
        ],
    }


def as_json(view: ReportView) -> dict[str, Any]:
    notes = ["not_diagnosis"] + (["counselling"] if view.counselling else [])
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "name": view.name,
        "taken_at": view.taken_at,
        "bank": {"id": view.bank_id, "version": view.bank_version},
        "answers": dict(view.answers),
        "scores": {
            c.id: {"score": c.score, "band": c.band, "answered": c.answered, "total": c.total}
            for c in view.categories
        },
        "overall": {"score": view.overall, "band": view.overall_band},
        "categories": {c.id: _category(c) for c in view.categories},
        "notes": notes,
    }


def report_json_text(view: ReportView) -> str:
    # allow_nan=False: every number here is worked out afresh, and JSON has no NaN.
    return json.dumps(as_json(view), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
