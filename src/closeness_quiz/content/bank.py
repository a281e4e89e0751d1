"""The question bank: load questions.yaml, check every part of it, and hand back the records
(records.py; re-exported here, where callers load a bank)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from closeness_quiz.content.check_parts import (
    about_of,
    check_pairs,
    reliability_of,
    scoring_of,
    with_bands,
)
from closeness_quiz.content.check_scales import (
    higher_is,
    named_scales,
    not_applicable_of,
    scale_named,
    scale_of,
)
from closeness_quiz.content.files import read_text
from closeness_quiz.content.records import Bank, Category, Question, SafetyQuestion, SafetyTogether
from closeness_quiz.content.scale import Scale
from closeness_quiz.content.schema import (
    Problems,
    begin,
    close_match,
    describe,
    label_of,
    line_of,
    lined,
)
from closeness_quiz.store.paths import data_dir

# The records, for callers that load a bank (the records themselves live in records.py).
__all__ = [
    "DEFAULT_BANK_ID",
    "Bank",
    "Category",
    "Question",
    "SafetyQuestion",
    "SafetyTogether",
    "default_bank_path",
    "load_bank",
    "parse_bank",
]

BANK_KEYS = (
    "id",
    "version",
    "title",
    "description",
    "scale",
    "scales",
    "scoring",
    "categories",
    "questions",
    "safety",
    "reliability",
    "safety_together",
)
CATEGORY_KEYS = ("id", "title", "description", "scale", "higher_is", "bands")
QUESTION_KEYS = (
    "id",
    "category",
    "text",
    "reverse",
    "sign",
    "about",
    "pair",
    "scale",
    "not_applicable",
    "critical",
    "checkin",
)
CHECKIN_MAX = 8  # statements a weekly check-in asks: under a minute
SAFETY_KEYS = ("id", "text", "signal_at")
TOGETHER_KEYS = ("at", "count")


def default_bank_path() -> Path:
    return data_dir() / "questions.yaml"


# The packaged bank's `id` (tests/test_content.py checks it against data/questions.yaml):
# lets a result of any other bank be told apart without reading the default bank.
DEFAULT_BANK_ID = "closeness-default"


def load_bank(path: Path | None = None, *, require_signs: bool | None = None) -> Bank:
    """Load and check a bank. The default bank must name a `sign` for every question."""
    packaged = path is None
    if path is None:
        path = default_bank_path()
        require_signs = True if require_signs is None else require_signs
    text = read_text(path, "question bank")
    return parse_bank(text, path, require_signs=bool(require_signs), packaged=packaged)


def parse_bank(
    text: str,
    path: Path,
    *,
    require_signs: bool = False,
    packaged: bool = False,
    data: Any = None,
    sha256: str | None = None,
) -> Bank:
    """Check a bank's text and build the Bank; every problem found is reported at once.
    `packaged`: the default bank, whose pre-parsed data/compiled.json may be used; `data`: the
    text already parsed (by `bank validate`, which reads a file before knowing its kind, and
    for the copy of the questions kept in a result, whose `sha256` is the stored one).
    A bank file's YAML is read the fast way, and again with line numbers only when there is
    a problem to report (schema.lined)."""
    if packaged or not text:  # pre-parsed, or a result's copy (JSON: it has no lines)
        return _bank(text, path, require_signs, packaged, data, sha256)
    return lined(text, path, data, lambda d: _bank(text, path, require_signs, False, d, sha256))


def _bank(
    text: str, path: Path, require_signs: bool, packaged: bool, data: Any, sha256: str | None
) -> Bank:
    problems, root = begin(text, path, BANK_KEYS, packaged=packaged, data=data)
    bank_id = problems.text(root, "id", None)
    version = problems.integer(root, "version", None)
    title = problems.text(root, "title", None)
    description = problems.text(root, "description", None, required=False)
    scales = named_scales(root, problems)
    scale = scale_of(root, problems, packaged=packaged or require_signs)
    categories, category_lines = _categories(root, problems, scales)
    require_about = require_signs and (version or 0) >= 2
    questions, used = _questions(
        root, problems, categories, require_signs, require_about, (scale, scales)
    )
    _empty_categories(categories, category_lines, used, problems)
    check_pairs(root, questions, problems)
    safety = _safety(root, problems, {q.id for q in questions}, scale)
    together = _safety_together(root, problems, safety, scale)
    scoring = scoring_of(root, problems)
    bank = Bank(
        id=bank_id,
        version=version or 0,
        title=title,
        description=description,
        scale=scale,
        categories=categories,
        questions=questions,
        safety=safety,
        sha256=sha256 if sha256 is not None else _sha256(text),
        path=path,
        scales=scales,
        scoring=scoring,
        safety_together=together,
    )
    bank = with_bands(bank, root, problems)
    bank = reliability_of(bank, root, problems)
    problems.raise_if_any()
    return bank


def _items(
    root: dict[str, Any], key: str, problems: Problems, missing: str
) -> list[dict[str, Any]]:
    """The list under `key`; says it is missing only when it is absent or empty (a wrong type
    is reported once, as a wrong type)."""
    items = problems.list_of_mappings(root, key, None)
    if root.get(key) is None or root.get(key) == []:
        problems.missing(root, key, None, missing)
    return items


def _unique_id(
    item: dict[str, Any], where: str, seen: dict[str, int | None], problems: Problems
) -> str:
    ident = problems.text(item, "id", where)
    problems.unique(item, ident, seen, f"{where} '{ident}'")
    return ident


def _categories(
    root: dict[str, Any], problems: Problems, scales: dict[str, Scale]
) -> tuple[tuple[Category, ...], dict[str, int | None]]:
    """The categories, and the line each is defined on (to point at one that stays empty)."""
    items = _items(root, "categories", problems, "is missing or empty: list at least one category.")
    seen: dict[str, int | None] = {}
    added: set[str] = set()
    out: list[Category] = []
    for index, item in enumerate(items, 1):
        here = label_of(item, "category", f"categories[{index}]")
        problems.known_keys(item, CATEGORY_KEYS, here)
        ident = _unique_id(item, f"categories[{index}]", seen, problems)
        title = problems.text(item, "title", here)
        desc = problems.text(item, "description", here, required=False)
        scale_name = scale_named(item, here, scales, problems)
        worse = higher_is(item, here, problems)
        if ident and ident not in added:
            added.add(ident)
            out.append(Category(ident, title, desc, worse, scale_name=scale_name))
    return tuple(out), seen


def _questions(
    root: dict[str, Any],
    problems: Problems,
    categories: tuple[Category, ...],
    require_signs: bool,
    require_about: bool,
    scales: tuple[Scale, dict[str, Scale]],
) -> tuple[tuple[Question, ...], set[str]]:
    """The questions, and every category some question points at (typos counted as meant),
    so a misspelt category is reported once rather than also as an empty category."""
    items = _items(root, "questions", problems, "is missing or empty: list at least one question.")
    known = [c.id for c in categories]
    by_id = {c.id: c for c in categories}
    default, named = scales
    seen: dict[str, int | None] = {}
    used: set[str] = set()
    added: set[str] = set()
    out: list[Question] = []
    for index, item in enumerate(items, 1):
        where = label_of(item, "question", f"questions[{index}]")
        problems.known_keys(item, QUESTION_KEYS, where)
        ident = _unique_id(item, f"questions[{index}]", seen, problems)
        category = problems.text(item, "category", where)
        used.add(category)
        if category and known and category not in known:
            guess = close_match(category, known)
            used.add(guess or "")
            hint = f" Did you mean '{guess}'?" if guess else ""
            problems.add(
                f"{where}, category",
                f"unknown category '{category}'.{hint} The categories are: {', '.join(known)}.",
                line_of(item, "category"),
            )
        text = problems.text(item, "text", where)
        reverse = problems.flag(item, "reverse", where)
        sign = problems.text(item, "sign", where, required=require_signs) or None
        about = about_of(item, where, problems, require_about)
        home = by_id.get(category)
        scale_name = scale_named(item, where, named, problems) or (home and home.scale_name)
        scale = named[scale_name] if scale_name else default
        not_applicable = not_applicable_of(item, where, scale, problems)
        if ident and ident not in added:
            added.add(ident)
            pair = problems.text(item, "pair", where, required=False) or None
            critical = _critical(item, where, scale, problems)
            checkin = problems.flag(item, "checkin", where)
            if checkin and sum(q.checkin for q in out) >= CHECKIN_MAX:
                problems.add(
                    f"{where}, checkin",
                    f"at most {CHECKIN_MAX} statements can be marked checkin: true (a check-in "
                    "takes under a minute); this is one more.",
                    line_of(item, "checkin"),
                )
                checkin = False
            out.append(
                Question(
                    ident,
                    category,
                    text,
                    reverse,
                    sign,
                    about,
                    pair,
                    scale,
                    scale_name,
                    not_applicable,
                    home.worse if home else False,
                    critical,
                    checkin,
                )
            )
    return tuple(out), used


def _critical(item: dict[str, Any], where: str, scale: Scale, problems: Problems) -> int | None:
    """`critical: N`: an answer at or below N, keyed towards closeness, signals. N is one of
    the question's own scale values, below its highest (which would make every answer one)."""
    value = item.get("critical")
    if value is None:
        return None
    allowed = scale.values[:-1]
    if type(value) is not int or value not in allowed:  # not bool or 2.0
        problems.add(
            f"{where}, critical",
            "should be the highest value, keyed towards closeness, that signals: one of "
            f"{', '.join(map(str, allowed))} (the lowest is the far side), not {describe(value)}.",
            line_of(item, "critical"),
        )
        return None
    return value


def _empty_categories(
    categories: tuple[Category, ...],
    lines: dict[str, int | None],
    used: set[str],
    problems: Problems,
) -> None:
    if not used:
        return
    for category in categories:
        if category.id not in used:
            problems.add(
                f"category '{category.id}'",
                "has no questions: add at least one, or remove the category.",
                lines.get(category.id),
            )


def _safety(
    root: dict[str, Any], problems: Problems, question_ids: set[str], scale: Scale
) -> tuple[SafetyQuestion, ...]:
    items = problems.list_of_mappings(root, "safety", None)
    seen: dict[str, int | None] = {}
    added: set[str] = set()
    out: list[SafetyQuestion] = []
    for index, item in enumerate(items, 1):
        where = label_of(item, "safety question", f"safety[{index}]")
        problems.known_keys(item, SAFETY_KEYS, where)
        ident = _unique_id(item, f"safety[{index}]", seen, problems)
        if ident == "guesses":
            problems.add(where, "'guesses' can't be a question id.", line_of(item, "id"))
        if ident in question_ids:
            problems.add(
                where, "uses the id of a scored question; give it its own id.", line_of(item, "id")
            )
        text = problems.text(item, "text", where)
        above_lowest = [c.value for c in scale[1:]]
        first = above_lowest[0] if above_lowest else 1
        signal_at = item.get("signal_at", first)
        if type(signal_at) is not int or signal_at not in above_lowest:  # not bool or 2.0
            problems.add(
                f"{where}, signal_at",
                f"should be a scale value from {first} to {scale.hi}, not {describe(signal_at)}.",
                line_of(item, "signal_at"),
            )
            signal_at = first
        if ident and ident not in added:
            added.add(ident)
            out.append(SafetyQuestion(ident, text, signal_at))
    return tuple(out)


def _safety_together(
    root: dict[str, Any], problems: Problems, safety: tuple[SafetyQuestion, ...], scale: Scale
) -> SafetyTogether | None:
    """`safety_together: {at: N, count: K}`: K private answers at or above N signal together.
    N is a scale value above the lowest; K is from 2 to the number of safety questions."""
    if root.get("safety_together") is None:
        return None
    where, line = "safety_together", line_of(root, "safety_together")
    node = problems.mapping(root["safety_together"], where, line)
    if not node:
        return None
    problems.known_keys(node, TOGETHER_KEYS, where)
    at, count = problems.integer(node, "at", where), problems.integer(node, "count", where)
    above_lowest = [c.value for c in scale[1:]]
    if at is not None and at not in above_lowest:
        problems.add(
            f"{where}, at",
            f"should be a scale value from {above_lowest[0] if above_lowest else 1} to "
            f"{scale.hi}: the lowest answer that counts towards the signal, not {at}.",
            line_of(node, "at"),
        )
        at = None
    if count is not None and not 2 <= count <= max(2, len(safety)):
        problems.add(
            f"{where}, count",
            f"should be from 2 to the number of safety questions ({len(safety)}): how many "
            f"answers together signal, not {count}.",
            line_of(node, "count"),
        )
        count = None
    if not safety:
        problems.add(where, "needs safety questions to count: add them, or remove it.", line)
    return SafetyTogether(at, count) if at is not None and count is not None and safety else None


def _sha256(text: str) -> str:
    """The hex SHA-256 of the text's UTF-8. CPython's own SHA-256 where it has one: hashlib
    loads OpenSSL first, 2.6 ms against 0.3 ms of `worksheet` or `take --answers`."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]  # to 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return str(sha256(text.encode("utf-8")).hexdigest())
