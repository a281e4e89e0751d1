"""The question bank's records: categories, scored questions, private safety questions, and
the Bank that holds them. Plain NamedTuples, built by bank.py and read everywhere else."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from closeness_quiz.content.scale import DEFAULT_SCALE, Scale, label
from closeness_quiz.record import Record


class Band(Record):
    """A named range of scores from `min` up (in the units of the scores it is used with)."""

    id: str
    label: str
    min: float
    counselling: bool = False


def band_for(bands: tuple[Band, ...], score: float) -> Band:
    """The highest band whose minimum the score reaches (bands are sorted by `min`)."""
    chosen = bands[0]
    for band in bands:
        if score >= band.min:
            chosen = band
    return chosen


class Units(Record):
    """What a score is measured in: `percent` (0-100), or a `mean` or `sum` of the keyed
    values, from `lo` to `hi`. Text shows a score as the instrument would."""

    method: str = "percent"
    lo: float = 0.0
    hi: float = 100.0

    @property
    def decimals(self) -> int:
        return 2 if self.method == "mean" else 1

    def number(self, score: float) -> str:
        """'72.5', '3.57', '16' (a whole sum without its '.0'), '15.8'."""
        if self.method == "sum" and score == int(score):
            return str(int(score))
        return f"{score:.{self.decimals}f}"

    def text(self, score: float) -> str:
        """'72.5', '3.57 on 1-5', '16 of 21' (or '16 on 3-21' when the lowest isn't 0)."""
        if self.method == "percent":
            return self.number(score)
        if self.method == "sum" and self.lo == 0:
            return f"{self.number(score)} of {_whole(self.hi)}"
        return f"{self.number(score)} on {_whole(self.lo)}\u2013{_whole(self.hi)}"

    def change(self, now: float | None, before: float | None) -> float | None:
        """How far a score moved, to the places its scores have; None without both."""
        return None if now is None or before is None else round(now - before, self.decimals)

    def signed(self, change: float) -> str:
        """A change with its sign: '+5.0', '-0.04' (a mean), '+3' (a whole sum)."""
        if self.method == "sum" and change == int(change):
            return f"{int(change):+d}"
        return f"{change:+.{self.decimals}f}"

    def fraction(self, score: float) -> float:
        """Where a score sits in its range, 0 to 1 (for bars and sparklines)."""
        span = self.hi - self.lo
        return max(0.0, min(1.0, (score - self.lo) / span)) if span else 0.0

    def as_json(self) -> list[float]:
        return [_number(self.lo), _number(self.hi)]


PERCENT = Units()


def _number(value: float) -> float:
    return int(value) if value == int(value) else value


def _whole(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


class Category(Record):
    id: str
    title: str
    description: str
    worse: bool = False  # `higher_is: worse`: a higher score means more of something unwanted
    bands: tuple[Band, ...] = ()  # its own published cut-offs, in the bank's units
    scale_name: str | None = None  # the named scale its questions use unless they name one


class Question(Record):
    id: str
    category: str
    text: str
    reverse: bool = False
    sign: str | None = None
    about: str = "us"  # self: what I do or feel; partner: what my partner does; us: shared
    pair: str | None = None  # on a partner statement: the self statement that mirrors it
    scale: Scale = DEFAULT_SCALE  # this question's own choices
    scale_name: str | None = None  # the name of a bank's `scales:` entry it uses, if any
    not_applicable: str | None = None  # the label of a further choice that counts as no answer
    worse: bool = False  # its category has `higher_is: worse`
    # An answer at or below this, keyed towards closeness, is a soft safety signal.
    critical: int | None = None
    checkin: bool = False  # asked in the short weekly check-in too

    def keyed(self, value: int) -> int:
        """The answer's value as scored: a reverse item counts as its scale's min + max - value.
        The one place an answer is keyed (scores, strengths, weak points, critical answers)."""
        return self.scale.keyed(value, self.reverse)

    def towards_closeness(self, value: int) -> int:
        """The keyed value turned so that higher is better (a `higher_is: worse` item flipped),
        for what is "going well" and what is weak."""
        keyed = self.keyed(value)
        return self.scale.keyed(keyed, True) if self.worse else keyed

    def strong(self, value: int) -> bool:
        """Answered on the close side (keyed 3 or 4 on the default scale)."""
        return self.scale.strong(self.towards_closeness(value))

    def weak(self, value: int) -> bool:
        """Not on the close side: a weak point worth an idea ("Sometimes" or less on 0-4)."""
        return not self.strong(value)

    def standing(self, value: int) -> float:
        """How well this answer goes, from 0 (the far end) to 1: comparable across scales."""
        return self.scale.position(self.towards_closeness(value))

    def critical_low(self, value: int | None) -> bool:
        """A critical statement answered on the far side ("My partner respects my no" -
        Rarely): a soft signal that makes every report of the answers one for oneself alone."""
        return (
            self.critical is not None
            and value is not None
            and self.towards_closeness(value) <= self.critical
        )


class SafetyQuestion(Record):
    id: str
    text: str
    signal_at: int = 1

    def signals(self, value: int | None) -> bool:
        return value is not None and value >= self.signal_at


class SafetyTogether(Record):
    """A bank's `safety_together: {at, count}`: `needed` (its `count`) private answers at or
    above `at` signal together, even where none reaches its own `signal_at` (Rarely on
    insults and Rarely on walking on eggshells)."""

    at: int
    needed: int  # the bank's `count` (a tuple already has a `count`)


class Scoring(Record):
    """A bank's `scoring:` (all defaults: percent per area, overall the mean of the areas)."""

    method: str = "percent"  # percent | mean | sum
    overall: str = "mean"  # mean | sum | none
    min_answered: str | int = "half"  # half | all | a number of items
    bands: tuple[Band, ...] = ()  # the instrument's cut-offs, in its own units
    # `sd`: published standard deviations of the category scores, in the bank's units, for
    # the reliable change in `history` until 30 pooled results give one (category id -> SD).
    sd: dict[str, float] = {}  # noqa: RUF012 - a NamedTuple default, never mutated

    @property
    def is_default(self) -> bool:
        return self == Scoring()


class Bank(Record):
    id: str
    version: int
    title: str
    description: str
    scale: Scale
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    safety: tuple[SafetyQuestion, ...]
    sha256: str
    path: Path | None = None
    scales: dict[str, Scale] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    scoring: Scoring = Scoring()
    # `reliability`: published Cronbach's alpha per category (category id -> alpha).
    reliability: dict[str, float] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    safety_together: SafetyTogether | None = None

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def questions_in(self, category_id: str) -> list[Question]:
        return [q for q in self.questions if q.category == category_id]

    def question(self, question_id: str) -> Question | None:
        return _question_index(self.questions).get(question_id)

    def label(self, value: int) -> str:
        return label(self.scale, value)

    def safety_signalled(self, private: Mapping[str, int]) -> bool:
        """The private answers signal fear or harm: one at or above its own `signal_at`, or
        (with `safety_together`) enough of them at or above its lower mark together."""
        if any(q.signals(private.get(q.id)) for q in self.safety):
            return True
        together = self.safety_together
        if together is None:
            return False
        raised = [q for q in self.safety if private.get(q.id, together.at - 1) >= together.at]
        return len(raised) >= together.needed

    def soft_signal(self, answers: Mapping[str, int]) -> bool:
        """Some critical statement is answered on the far side (see Question.critical_low)."""
        return any(
            q.critical_low(answers.get(q.id)) for q in self.questions if q.critical is not None
        )

    def critical_areas(self, *answers: Mapping[str, int]) -> set[str]:
        """The areas holding a critical statement that any of `answers` put on the far side."""
        return {
            q.category
            for q in self.questions
            if q.critical is not None and any(q.critical_low(a.get(q.id)) for a in answers)
        }

    @property
    def any_scale(self) -> Scale:
        """Every choice of every scale in the bank (for drafts, checked before a question is
        known): the bank's scale when it has no others."""
        if not self.scales:
            return self.scale
        merged = {c.value: c for s in (self.scale, *self.scales.values()) for c in reversed(s)}
        return Scale(merged[v] for v in sorted(merged))

    def units_of(self, category_id: str) -> Units:
        """What the category's score is measured in, and its lowest and highest possible."""
        method = self.scoring.method
        questions = self.questions_in(category_id)
        if method == "percent" or not questions:
            return Units()
        lo, hi = sum(q.scale.lo for q in questions), sum(q.scale.hi for q in questions)
        if method == "mean":
            return Units(method, round(lo / len(questions), 2), round(hi / len(questions), 2))
        return Units(method, float(lo), float(hi))

    @property
    def overall_units(self) -> Units | None:
        """The overall score's units; None with `overall: none`."""
        if self.scoring.overall == "none" or not self.categories:
            return None
        each = [self.units_of(c.id) for c in self.categories]
        lo, hi = sum(u.lo for u in each), sum(u.hi for u in each)
        if self.scoring.overall == "sum":
            return Units("sum" if each[0].method != "mean" else "mean", lo, hi)
        if len({(u.lo, u.hi) for u in each}) == 1:
            return each[0]
        count = len(each)
        return Units(each[0].method, round(lo / count, 2), round(hi / count, 2))

    def info(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": self.title, "sha256": self.sha256}


# id(questions) -> (those questions, their index by id) for the last few banks asked: a
# NamedTuple can't hold a cached attribute, and hashing a whole bank per lookup would be as
# slow as the scan it replaces. Holding the tuple keeps its id from being reused.
_INDEXES: dict[int, tuple[tuple[Question, ...], dict[str, Question]]] = {}
_INDEXES_KEPT = 8


def _question_index(questions: tuple[Question, ...]) -> dict[str, Question]:
    """Each question by id (the first, if an id repeats), built once per bank."""
    entry = _INDEXES.get(id(questions))
    if entry is None or entry[0] is not questions:
        index: dict[str, Question] = {}
        for question in questions:
            index.setdefault(question.id, question)
        if len(_INDEXES) >= _INDEXES_KEPT:
            del _INDEXES[next(iter(_INDEXES))]
        entry = _INDEXES[id(questions)] = (questions, index)
    return entry[1]
