"""Checks for parts of a question bank that stand apart from its list structure: whose
behaviour a statement describes (`about`), the partner/self statements that mirror each
other (`pair`), and how the bank is scored (`scoring`, and bands in its own units). Used by
bank.py while it builds a Bank."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from closeness_quiz.content.records import Bank, Question, Scoring
from closeness_quiz.content.schema import Problems, bands_of, close_match, describe, line_of

ABOUT = ("self", "partner", "us")  # whose behaviour a statement describes


def about_of(item: dict[str, Any], where: str, problems: Problems, required: bool) -> str:
    value = item.get("about")
    if value is None and not required:
        return "us"
    if value not in ABOUT:
        problems.add(
            f"{where}, about",
            f"should be one of self, partner or us, not {describe(value)}.",
            line_of(item, "about"),
        )
        return "us"
    return str(value)


def check_pairs(root: dict[str, Any], questions: tuple[Question, ...], problems: Problems) -> None:
    """A `pair` sits on a partner statement and names the self statement that mirrors it."""
    about = {q.id: q.about for q in questions}
    listed = root.get("questions")
    items = [i for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    lines = {str(i.get("id")): (line_of(i, "pair"), line_of(i, "id")) for i in items}
    for q in questions:
        pair_line, id_line = lines.get(q.id, (None, None))
        if q.id == "guesses":  # the answers file's key for guesses
            problems.add(f"question '{q.id}'", "'guesses' can't be a question id.", id_line)
        if q.pair is None:
            continue
        if q.about != "partner":
            problem = f"only a statement about: partner can have a pair (this one is {q.about})."
        elif q.pair not in about:
            problem = f"'{q.pair}' is not a question in this bank."
        elif about[q.pair] != "self":
            problem = (
                f"'{q.pair}' is about: {about[q.pair]}; a pair must be a statement about: self."
            )
        else:
            continue
        problems.add(f"question '{q.id}', pair", problem, pair_line)


SCORING_KEYS = ("method", "overall", "min_answered", "bands", "sd")
METHODS = ("percent", "mean", "sum")
OVERALLS = ("mean", "sum", "none")


def scoring_of(root: dict[str, Any], problems: Problems) -> Scoring:
    """The top-level `scoring:` (bands are read later, once the scores' range is known)."""
    node = root.get("scoring")
    if node is None:
        return Scoring()
    node = problems.mapping(node, "scoring", line_of(root, "scoring"))
    problems.known_keys(node, SCORING_KEYS, "scoring")
    method = _one_of(node, "method", METHODS, problems)
    overall = _one_of(node, "overall", OVERALLS, problems)
    least = node.get("min_answered", "half")
    if least not in ("half", "all") and (type(least) is not int or least < 1):
        problems.add(
            "scoring.min_answered",
            f"should be half, all or a whole number of questions (1 or more), not "
            f"{describe(least)}.",
            line_of(node, "min_answered"),
        )
        least = "half"
    return Scoring(method, overall, least)


def _one_of(node: dict[str, Any], key: str, allowed: tuple[str, ...], problems: Problems) -> str:
    """`scoring.KEY`: one of `allowed` (the first is the default)."""
    value = node.get(key, allowed[0])
    if value in allowed:
        return str(value)
    words = f"{', '.join(allowed[:-1])} or {allowed[-1]}"
    problems.add(f"scoring.{key}", f"should be {words}, not {describe(value)}.", line_of(node, key))
    return allowed[0]


def with_bands(bank: Bank, root: dict[str, Any], problems: Problems) -> Bank:
    """The bank with its own bands (top-level `scoring.bands`, and a category's `bands`), each
    checked against the range of the scores it is used with, in the bank's own units."""
    node = root.get("scoring")
    scoring = bank.scoring
    # Bands are checked against the range of the scores, once the method is known.
    known = isinstance(node, dict) and node.get("method", "percent") in METHODS
    if isinstance(node, dict) and known and node.get("bands") is not None:
        units = [bank.units_of(c.id) for c in bank.categories]
        overall = bank.overall_units
        if overall is not None:
            units.append(overall)
        lo = min((u.lo for u in units), default=0.0)
        hi = max((u.hi for u in units), default=100.0)
        bands, _ = bands_of(node, "scoring", problems, (lo, hi))
        scoring = scoring._replace(bands=bands)
    items = root.get("categories")
    listed = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    own = {str(i.get("id")): i for i in listed if i.get("bands") is not None}
    categories = []
    for category in bank.categories:
        item = own.get(category.id)
        if item is not None:
            own_units = bank.units_of(category.id)
            limits = (own_units.lo, own_units.hi)
            bands, _ = bands_of(item, f"category '{category.id}'", problems, limits)
            category = category._replace(bands=bands)
        categories.append(category)
    _check_min_answered(bank, problems, line_of(node, "min_answered") if node else None)
    return bank._replace(scoring=scoring, categories=tuple(categories))


def _check_min_answered(bank: Bank, problems: Problems, line: int | None) -> None:
    least = bank.scoring.min_answered
    if not isinstance(least, int):
        return
    for category in bank.categories:
        count = len(bank.questions_in(category.id))
        if least > count:
            problems.add(
                "scoring.min_answered",
                f"{least} is more than the {count} question{'' if count == 1 else 's'} of "
                f"category '{category.id}', so it could never have a score.",
                line,
            )


def reliability_of(bank: Bank, root: dict[str, Any], problems: Problems) -> Bank:
    """The bank with its published figures: `reliability: {CATEGORY: alpha}` (each above 0
    and below 1) and `scoring.sd` (one SD for every category, or `{CATEGORY: SD}`), both for
    the reliable change `history` shows."""
    alphas = _per_category(bank, root, "reliability", "reliability", problems, _alpha_problem)
    node = root.get("scoring")
    sds: dict[str, float] = {}
    if isinstance(node, dict) and node.get("sd") is not None:
        raw = node.get("sd")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            problem = _sd_problem(raw)
            if problem:
                problems.add("scoring.sd", problem, line_of(node, "sd"))
            else:
                sds = {c.id: float(raw) for c in bank.categories}
        else:
            sds = _per_category(bank, node, "sd", "scoring.sd", problems, _sd_problem)
    return bank._replace(reliability=alphas, scoring=bank.scoring._replace(sd=sds))


def _alpha_problem(value: float) -> str | None:
    if 0 < value < 1:
        return None
    return f"should be a reliability (Cronbach's alpha) above 0 and below 1, not {value:g}."


def _sd_problem(value: float) -> str | None:
    if value > 0 and value == value and value != float("inf"):
        return None
    return f"should be a standard deviation above 0, in the bank's score units, not {value:g}."


def _per_category(
    bank: Bank,
    node: dict[str, Any],
    key: str,
    where: str,
    problems: Problems,
    problem_of: Callable[[float], str | None],
) -> dict[str, float]:
    """`{CATEGORY_ID: number}` under `key`, each id a category of the bank and each number
    passing `problem_of`."""
    raw = node.get(key)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add(
            where,
            f"should map category ids to numbers (such as trust: 0.85), not {describe(raw)}.",
            line_of(node, key),
        )
        return {}
    known = [c.id for c in bank.categories]
    out: dict[str, float] = {}
    for category, value in raw.items():
        here, line = f"{where}.{category}", line_of(raw, category)
        if category not in known:
            guess = close_match(str(category), known)
            hint = f" Did you mean '{guess}'?" if guess else ""
            problems.add(
                here,
                f"unknown category.{hint} The categories are: {', '.join(known)}.",
                line,
            )
        elif isinstance(value, bool) or not isinstance(value, int | float):
            problems.add(here, f"should be a number, not {describe(value)}.", line)
        elif (problem := problem_of(float(value))) is not None:
            problems.add(here, problem, line)
        else:
            out[str(category)] = float(value)
    return out
