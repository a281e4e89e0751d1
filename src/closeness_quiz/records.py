"""The question bank's records: categories, scored questions, private safety questions, and
the Bank that holds them. Plain NamedTuples, built by bank.py and read everywhere else."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from closeness_quiz.scale import Choice, label


class Category(NamedTuple):
    id: str
    title: str
    description: str


class Question(NamedTuple):
    id: str
    category: str
    text: str
    reverse: bool = False
    sign: str | None = None
    about: str = "us"  # self: what I do or feel; partner: what my partner does; us: shared
    pair: str | None = None  # on a partner statement: the self statement that mirrors it
    critical: int | None = None  # an answer keyed at or below this is a soft safety signal

    def keyed(self, value: int) -> int:
        """The answer's value towards closeness: reverse items count as 4 - value."""
        return 4 - value if self.reverse else value

    def critical_low(self, value: int | None) -> bool:
        """A critical statement answered on the far side ("My partner respects my no" -
        Rarely): a soft signal that makes every report of the answers one for oneself alone."""
        return (
            self.critical is not None and value is not None and self.keyed(value) <= self.critical
        )


class SafetyQuestion(NamedTuple):
    id: str
    text: str
    signal_at: int = 1

    def signals(self, value: int | None) -> bool:
        return value is not None and value >= self.signal_at


class Bank(NamedTuple):
    id: str
    version: int
    title: str
    description: str
    scale: tuple[Choice, ...]
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    safety: tuple[SafetyQuestion, ...]
    sha256: str
    path: Path | None = None

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def questions_in(self, category_id: str) -> list[Question]:
        return [q for q in self.questions if q.category == category_id]

    def question(self, question_id: str) -> Question | None:
        return _question_index(self.questions).get(question_id)

    def label(self, value: int) -> str:
        return label(self.scale, value)

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
