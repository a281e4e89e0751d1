"""`compare --format json`: the keys the contract promises (`a`, `b`, `categories`, `items`),
plus the overall scores, shared strengths, conversation starters and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from closeness_quiz.compare.perception import Perception, Reading
    from closeness_quiz.compare.view import AreaCompare, CompareView, ItemCompare, Side

JSON_FORMAT = "closeness-quiz/compare"
JSON_FORMAT_VERSION = 1


def _item_json(item: ItemCompare) -> dict[str, Any]:
    return {
        "id": item.id,
        "category": item.category,
        "text": item.text,
        "a": item.a,
        "b": item.b,
        "a_label": item.a_label,
        "b_label": item.b_label,
        "gap": item.gap,
        "about": item.about,
    }


def _area_json(area: AreaCompare) -> dict[str, Any]:
    return {
        "title": area.title,
        "a": area.a,
        "b": area.b,
        "gap": area.gap,
        "a_band": area.a_band,
        "b_band": area.b_band,
    }


def as_json(view: CompareView) -> dict[str, Any]:
    """`compare --format json`: the keys the contract promises, plus strengths and starters."""

    def side(s: Side) -> dict[str, Any]:
        return {
            "name": s.name,
            "label": s.label,
            "taken_at": s.taken_at,
            "bank": {"id": s.bank_id, "version": s.bank_version},
            "answered": s.answered,
        }

    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "a": side(view.a),
        "b": side(view.b),
        "categories": {c.id: _area_json(c) for c in view.categories},
        "overall": _area_json(view.overall),
        "compared_questions": view.compared_questions,
        "items": [_item_json(i) for i in view.items],
        "shared_strengths": {
            "categories": [c.id for c in view.strong_areas],
            "items": [_item_json(i) for i in view.strong_items],
        },
        "starters": [
            {
                "text": s.text,
                "strategy": s.strategy,
                "category": s.area.id,
                "question": s.item.id if s.item else None,
            }
            for s in view.starters
        ],
        "bank_note": view.bank_note,
        "not_diagnosis": next((n.text for n in view.notes if n.id == "not_diagnosis"), None),
        "counselling": next((n.text for n in view.notes if n.id == "counselling"), None),
        "notes": [n.id for n in view.notes],
        "pairs": [p._asdict() for p in view.pairs],
        "name_note": view.name_note,
        **({"perception": _perception(view.perception)} if view.perception else {}),
    }


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {
        "guesser": reading.guesser,
        "other": reading.other,
        "guessed": reading.guessed,
        "exact": reading.exact,
        "within_one": reading.within_one,
        "left_out": reading.left_out,
        "categories": {
            a.id: {"guessed": a.guessed, "exact": a.exact, "within_one": a.within_one}
            for a in reading.areas
        },
        "items": [
            {"id": g.id, "guess": g.guess, "answer": g.answer, "gap": g.gap} for g in reading.items
        ],
    }


def _perception(perception: Perception) -> dict[str, Any]:
    """How one partner's guesses matched the other's own answers, both ways (contract)."""
    return {
        "a_about_b": _reading(perception.a_about_b),
        "b_about_a": _reading(perception.b_about_a),
        "starters": list(perception.starters),
    }


def compare_json_text(view: CompareView) -> str:
    import json

    return json.dumps(as_json(view), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
