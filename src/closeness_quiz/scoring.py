"""Answers to scores: per category 0-100 (one decimal), null below half answered; overall mean."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from closeness_quiz.bank import Bank
from closeness_quiz.guidance import Guidance


class CategoryScore(NamedTuple):
    category: str
    score: float | None
    band: str | None
    answered: int
    total: int

    def as_json(self) -> dict[str, object]:
        return {
            "score": self.score,
            "band": self.band,
            "answered": self.answered,
            "total": self.total,
        }


class Scores(NamedTuple):
    categories: dict[str, CategoryScore]
    overall: float | None
    overall_band: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "scores": {cid: c.as_json() for cid, c in self.categories.items()},
            "overall": {"score": self.overall, "band": self.overall_band},
        }


def tenths_half_up(numerator: int, denominator: int) -> int:
    """numerator/denominator in tenths, halves rounded up, in exact integer arithmetic."""
    return (20 * numerator + denominator) // (2 * denominator)


def category_score(values: list[int], total: int) -> float | None:
    """Mean keyed value / 4 * 100, or None when fewer than half the questions were answered."""
    if not values or len(values) * 2 < total:
        return None
    return tenths_half_up(sum(values) * 100, len(values) * 4) / 10


def score(bank: Bank, guidance: Guidance, answers: Mapping[str, int]) -> Scores:
    """Score answers (question id -> scale value 0-4); ids not in the bank are ignored."""
    categories: dict[str, CategoryScore] = {}
    for category in bank.categories:
        questions = bank.questions_in(category.id)
        keyed = [q.keyed(answers[q.id]) for q in questions if q.id in answers]
        value = category_score(keyed, len(questions))
        band = guidance.band_for(value).id if value is not None else None
        categories[category.id] = CategoryScore(
            category.id, value, band, len(keyed), len(questions)
        )
    existing = [c.score for c in categories.values() if c.score is not None]
    overall = (
        # the mean of the category scores as shown (exact tenths), rounded the same way
        tenths_half_up(sum(round(s * 10) for s in existing), len(existing) * 10) / 10
        if existing
        else None
    )
    overall_band = guidance.band_for(overall).id if overall is not None else None
    return Scores(categories, overall, overall_band)
