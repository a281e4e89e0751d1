"""The question bank: load questions.yaml, check it, and hand back small dataclasses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from closeness_quiz.files import parse_yaml, read_text
from closeness_quiz.schema import Problems, line_of

SCALE_VALUES = (0, 1, 2, 3, 4)
BANK_KEYS = ("id", "version", "title", "description", "scale", "categories", "questions", "safety")
CATEGORY_KEYS = ("id", "title", "description")
QUESTION_KEYS = ("id", "category", "text", "reverse", "sign")
SAFETY_KEYS = ("id", "text", "signal_at")
CHOICE_KEYS = ("value", "label")


def data_dir() -> Path:
    """Where the default bank and guidance live: inside the wheel, or the checkout's data/."""
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / "questions.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def default_bank_path() -> Path:
    return data_dir() / "questions.yaml"


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    text: str
    reverse: bool = False
    sign: str | None = None

    def keyed(self, value: int) -> int:
        """The answer's value towards closeness: reverse items count as 4 - value."""
        return 4 - value if self.reverse else value


@dataclass(frozen=True)
class SafetyQuestion:
    id: str
    text: str
    signal_at: int = 1

    def signals(self, value: int | None) -> bool:
        return value is not None and value >= self.signal_at


@dataclass(frozen=True)
class Bank:
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
        return next((q for q in self.questions if q.id == question_id), None)

    def label(self, value: int) -> str:
        return next((c.label for c in self.scale if c.value == value), str(value))

    def info(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": self.title, "sha256": self.sha256}


def load_bank(path: Path | None = None, *, require_signs: bool | None = None) -> Bank:
    """Load and check a bank. The default bank must name a `sign` for every question."""
    if path is None:
        path = default_bank_path()
        require_signs = True if require_signs is None else require_signs
    text = read_text(path, "question bank")
    return parse_bank(text, path, require_signs=bool(require_signs))


def parse_bank(text: str, path: Path, *, require_signs: bool = False) -> Bank:
    data = parse_yaml(text, path)
    problems = Problems(path)
    root = problems.mapping(data, None)
    if not root:
        problems.raise_if_any()
    problems.known_keys(root, BANK_KEYS, None)
    bank_id = problems.text(root, "id", None)
    version = problems.integer(root, "version", None)
    title = problems.text(root, "title", None)
    description = problems.text(root, "description", None, required=False)
    scale = _scale(root, problems)
    categories = _categories(root, problems)
    questions = _questions(root, problems, categories, require_signs)
    safety = _safety(root, problems, {q.id for q in questions})
    problems.raise_if_any()
    return Bank(
        id=bank_id,
        version=version or 0,
        title=title,
        description=description,
        scale=scale,
        categories=categories,
        questions=questions,
        safety=safety,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=path,
    )


def _scale(root: dict[str, Any], problems: Problems) -> tuple[Choice, ...]:
    if "scale" not in root:
        problems.add("scale", "is missing: give five choices with values 0 to 4.", line_of(root))
        return ()
    items = problems.list_of_mappings(root, "scale", None)
    choices: list[Choice] = []
    for index, item in enumerate(items, 1):
        where = f"scale[{index}]"
        problems.known_keys(item, CHOICE_KEYS, where)
        value = problems.integer(item, "value", where)
        label = problems.text(item, "label", where)
        if value is not None:
            choices.append(Choice(value, label))
    values = sorted(c.value for c in choices)
    if len(items) != 5 or tuple(values) != SCALE_VALUES:
        problems.add(
            "scale",
            f"needs exactly five choices with the values 0, 1, 2, 3 and 4 (found {values or 'none'}).",
            line_of(root, "scale"),
        )
    labels = [c.label.casefold() for c in choices if c.label]
    if len(set(labels)) != len(labels):
        problems.add("scale", "two choices have the same label.", line_of(root, "scale"))
    return tuple(sorted(choices, key=lambda c: c.value))


def _unique_id(
    item: dict[str, Any], where: str, seen: dict[str, int | None], problems: Problems
) -> str:
    ident = problems.text(item, "id", where)
    if ident and ident in seen:
        first = seen[ident]
        also = f" (first at line {first})" if first else ""
        problems.add(f"{where} '{ident}'", f"duplicate id{also}.", line_of(item, "id"))
    elif ident:
        seen[ident] = line_of(item, "id")
    return ident


def _categories(root: dict[str, Any], problems: Problems) -> tuple[Category, ...]:
    items = problems.list_of_mappings(root, "categories", None)
    if not items:
        problems.add(
            "categories", "is missing or empty: list at least one category.", line_of(root)
        )
    seen: dict[str, int | None] = {}
    out: list[Category] = []
    for index, item in enumerate(items, 1):
        where = f"categories[{index}]"
        problems.known_keys(item, CATEGORY_KEYS, where)
        ident = _unique_id(item, where, seen, problems)
        title = problems.text(item, "title", f"category '{ident}'" if ident else where)
        desc = problems.text(item, "description", None, required=False)
        if ident:
            out.append(Category(ident, title, desc))
    return tuple(out)


def _questions(
    root: dict[str, Any],
    problems: Problems,
    categories: tuple[Category, ...],
    require_signs: bool,
) -> tuple[Question, ...]:
    items = problems.list_of_mappings(root, "questions", None)
    if not items:
        problems.add("questions", "is missing or empty: list at least one question.", line_of(root))
    known = {c.id for c in categories}
    seen: dict[str, int | None] = {}
    out: list[Question] = []
    for index, item in enumerate(items, 1):
        ident = _unique_id(item, f"questions[{index}]", seen, problems)
        where = f"question '{ident}'" if ident else f"questions[{index}]"
        problems.known_keys(item, QUESTION_KEYS, where)
        category = problems.text(item, "category", where)
        if category and known and category not in known:
            problems.add(
                f"{where}.category",
                f"unknown category '{category}' (known: {', '.join(sorted(known))}).",
                line_of(item, "category"),
            )
        text = problems.text(item, "text", where)
        reverse = problems.flag(item, "reverse", where)
        sign = problems.text(item, "sign", where, required=require_signs) or None
        if ident:
            out.append(Question(ident, category, text, reverse, sign))
    for known_category in categories:
        if items and not any(q.category == known_category.id for q in out):
            problems.add(
                f"category '{known_category.id}'", "has no questions.", line_of(root, "categories")
            )
    return tuple(out)


def _safety(
    root: dict[str, Any], problems: Problems, question_ids: set[str]
) -> tuple[SafetyQuestion, ...]:
    items = problems.list_of_mappings(root, "safety", None)
    seen: dict[str, int | None] = {}
    out: list[SafetyQuestion] = []
    for index, item in enumerate(items, 1):
        ident = _unique_id(item, f"safety[{index}]", seen, problems)
        where = f"safety question '{ident}'" if ident else f"safety[{index}]"
        problems.known_keys(item, SAFETY_KEYS, where)
        if ident in question_ids:
            problems.add(where, "uses the id of a scored question.", line_of(item, "id"))
        text = problems.text(item, "text", where)
        signal_at = item.get("signal_at", 1)
        if isinstance(signal_at, bool) or signal_at not in SCALE_VALUES[1:]:
            problems.add(
                f"{where}.signal_at", "should be a scale value from 1 to 4.", line_of(item)
            )
            signal_at = 1
        if ident:
            out.append(SafetyQuestion(ident, text, signal_at))
    return tuple(out)
