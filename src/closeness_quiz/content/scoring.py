"""Answers to scores, in the bank's own units.

By default (the contract's "Scoring"): per category 0-100, one decimal, null below half
answered, overall the mean of the areas. A bank's `scoring:` can ask for a mean or a
(prorated) sum of the keyed values instead, another minimum of answered items, another
overall (a sum, or none) and its own published cut-offs (see "Any questionnaire")."""

from __future__ import annotations

from collections.abc import Mapping

from closeness_quiz.content.bank import Bank, Category, Question
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.records import PERCENT, Band, Units, band_for
from closeness_quiz.content.scale import DEFAULT_SCALE, Scale
from closeness_quiz.record import Record


class CategoryScore(Record):
    category: str
    score: float | None
    band: str | None
    answered: int
    total: int
    units: Units = PERCENT
    band_info: Band | None = None  # the band itself, from the bands it was scored with
    best: bool = False  # in the best of those bands (the lowest, where higher is worse)

    def as_json(self) -> dict[str, object]:
        return {
            "score": self.score,
            "band": self.band,
            "answered": self.answered,
            "total": self.total,
            "range": self.units.as_json(),
        }


class Scores(Record):
    categories: dict[str, CategoryScore]
    overall: float | None
    overall_band: str | None
    overall_units: Units | None = PERCENT  # None: the bank has no overall score
    overall_band_info: Band | None = None

    def overall_json(self) -> dict[str, object] | None:
        if self.overall_units is None:
            return None
        return {
            "score": self.overall,
            "band": self.overall_band,
            "range": self.overall_units.as_json(),
        }

    def as_json(self) -> dict[str, object]:
        return {
            "scores": {cid: c.as_json() for cid, c in self.categories.items()},
            "overall": self.overall_json(),
        }

    @property
    def counselling(self) -> bool:
        """Whether any area or the overall score is in a band marked `counselling`."""
        bands = [self.overall_band_info, *(c.band_info for c in self.categories.values())]
        return any(b is not None and b.counselling for b in bands)


def ratio_half_up(numerator: int, denominator: int, decimals: int) -> float:
    """numerator/denominator (denominator above 0) rounded to `decimals` places, halves up,
    exactly (no binary float drift): the floor of the ratio x 10**decimals + 1/2, in whole
    numbers, over 10**decimals."""
    scale: int = 10**decimals
    return ((2 * numerator * scale + denominator) // (2 * denominator)) / scale


def category_score(values: list[int], total: int, scale: Scale = DEFAULT_SCALE) -> float | None:
    """The default rule on one scale: 100 x the keyed values' distance above the lowest over
    the most they could be, or None when fewer than half the questions were answered
    (`category_value` is the general one, for any bank's scoring)."""
    if not values or len(values) * 2 < total:
        return None
    return ratio_half_up(100 * sum(v - scale.lo for v in values), len(values) * scale.span, 1)


def enough(bank: Bank, answered: int, total: int) -> bool:
    """Whether a category with `answered` of its `total` items answered has a score."""
    least = bank.scoring.min_answered
    if least == "all":
        return answered >= total and answered > 0
    if least == "half":
        return answered > 0 and answered * 2 >= total
    return answered >= int(least)


def category_value(
    bank: Bank, questions: list[Question], answers: Mapping[str, int]
) -> float | None:
    """A category's score in the bank's units, or None with too few answers."""
    return _value(bank, questions, [q for q in questions if q.id in answers], answers)


def _value(
    bank: Bank, questions: list[Question], answered: list[Question], answers: Mapping[str, int]
) -> float | None:
    """category_value, given which of the questions are answered."""
    if not enough(bank, len(answered), len(questions)):
        return None
    keyed = [q.keyed(answers[q.id]) for q in answered]
    method = bank.scoring.method
    if method == "mean":
        return ratio_half_up(sum(keyed), len(keyed), 2)
    if method == "sum":  # prorated where some are skipped: the mean keyed x the number of items
        return ratio_half_up(sum(keyed) * len(questions), len(keyed), 1)
    above = span = 0
    for value, question in zip(keyed, answered, strict=True):
        scale = question.scale
        above += value - scale.lo
        span += scale.span
    return ratio_half_up(100 * above, span or 1, 1)


def bands_for(
    bank: Bank, guidance: Guidance, units: Units, own: tuple[Band, ...]
) -> tuple[Band, ...]:
    """The bands a score is placed in: its category's own, else the bank's, else (for a score
    out of 100) the guidance file's; none for a score in other units with no bands given."""
    if own:
        return own
    if bank.scoring.bands:
        return bank.scoring.bands
    return guidance.bands if units.method == "percent" else ()


def placed(
    score: float | None, bands: tuple[Band, ...], worse: bool = False
) -> tuple[Band | None, bool]:
    """The band a score is in, and whether that is the best band."""
    if score is None or not bands:
        return None, False
    band = band_for(bands, score)
    return band, band == (bands[0] if worse else bands[-1])


class _Area(Record):
    """What scoring an area needs of its bank, worked out once per bank and guidance."""

    category: Category
    questions: list[Question]
    units: Units
    bands: tuple[Band, ...]


class _Plan(Record):
    bank: Bank  # held, so that its id is not reused while the plan is kept
    guidance: Guidance
    areas: tuple[_Area, ...]
    overall_units: Units | None
    overall_bands: tuple[Band, ...]


# (id(bank), id(guidance)) -> the plan for scoring with them: `history` scores 2,000 results
# of one bank, and works out its areas' questions, units and bands once.
_PLANS: dict[tuple[int, int], _Plan] = {}
_PLANS_KEPT = 8


def _plan(bank: Bank, guidance: Guidance) -> _Plan:
    plan = _PLANS.get((id(bank), id(guidance)))
    if plan is not None and plan.bank is bank and plan.guidance is guidance:
        return plan
    areas = []
    for category in bank.categories:
        units = bank.units_of(category.id)
        bands = bands_for(bank, guidance, units, category.bands)
        areas.append(_Area(category, bank.questions_in(category.id), units, bands))
    overall_units = bank.overall_units
    overall_bands: tuple[Band, ...] = ()
    if overall_units is not None:
        overall_bands = bank.scoring.bands or (
            guidance.bands if overall_units.method == "percent" else ()
        )
    if len(_PLANS) >= _PLANS_KEPT:
        del _PLANS[next(iter(_PLANS))]
    plan = _PLANS[id(bank), id(guidance)] = _Plan(
        bank, guidance, tuple(areas), overall_units, overall_bands
    )
    return plan


def score(bank: Bank, guidance: Guidance, answers: Mapping[str, int]) -> Scores:
    """Score answers (question id -> scale value); ids not in the bank are ignored."""
    plan = _plan(bank, guidance)
    categories: dict[str, CategoryScore] = {}
    for category, questions, units, bands in plan.areas:
        answered = [q for q in questions if q.id in answers]
        value = _value(bank, questions, answered, answers)
        band, best = placed(value, bands, category.worse)
        categories[category.id] = CategoryScore(
            category.id,
            value,
            band.id if band else None,
            len(answered),
            len(questions),
            units,
            band,
            best,
        )
    overall_units = plan.overall_units
    existing = [c.score for c in categories.values() if c.score is not None]
    overall: float | None = None
    if overall_units is not None and existing:
        decimals = overall_units.decimals
        # the mean (or sum) of the category scores as shown, rounded the same way
        total = sum(round(s * 10**decimals) for s in existing)
        count = len(existing) if bank.scoring.overall == "mean" else 1
        overall = ratio_half_up(total, 10**decimals * count, decimals)
    overall_band = None
    if overall_units is not None:
        overall_band, _ = placed(overall, plan.overall_bands)
    return Scores(
        categories,
        overall,
        overall_band.id if overall_band else None,
        overall_units,
        overall_band,
    )
