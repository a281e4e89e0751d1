"""Pooled results for counsellors and researchers (pure): the rows of an anonymised export,
and how reliable each area's score is over many people's answers.

The figures are the textbook ones, with the standard library's `statistics` only:
- Cronbach's alpha over a category's items, reverse items keyed first, listwise (only the
  results that answered every item of the category count);
- each item's corrected item-total correlation (Pearson's r of the item with the sum of the
  category's other items);
- the mean and standard deviation of the category score (in the bank's own units);
- the smallest reliable change (Jacobson and Truax 1991, with the sqrt(2) of Christensen and
  Mendoza 1986): 1.96 x sqrt(2) x SD x sqrt(1 - alpha). A change between two takes smaller
  than this is within what a retake alone could show.

Below MIN_RESULTS complete results a category's figures are None, with the reason."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from closeness_quiz.content.records import Bank
from closeness_quiz.record import Record
from closeness_quiz.store.results import Result

MIN_RESULTS = 30  # complete results a category needs before its figures mean anything
Z_95 = 1.96  # two-sided 95%


class Taken(Record):
    """A result read from a pooled folder, with its `kind` ("full" or "checkin")."""

    result: Result
    kind: str

    @property
    def bank_id(self) -> str:
        return self.result.bank_id


# -- the statistics -------------------------------------------------------------------------


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """k / (k - 1) x (1 - sum of the item variances / the variance of the totals), over rows of
    keyed item values (one row per person). None with fewer than two items or two rows, or
    where the totals don't vary (alpha is undefined then)."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    columns = list(zip(*rows, strict=True))
    total_variance = statistics.variance([sum(row) for row in rows])
    if total_variance == 0:
        return None
    item_variances: float = sum(statistics.variance(column) for column in columns)
    return k / (k - 1) * (1 - item_variances / total_variance)


def item_total(rows: Sequence[Sequence[float]], index: int) -> float | None:
    """The corrected item-total correlation of item `index`: Pearson's r of the item with the
    sum of the other items. None where either never varies."""
    item = [row[index] for row in rows]
    rest = [sum(row) - row[index] for row in rows]
    if len(rows) < 2 or len(set(item)) < 2 or len(set(rest)) < 2:
        return None
    return statistics.correlation(item, rest)


def reliable_change(sd: float, alpha: float) -> float:
    """The smallest change between two takes that a retake alone would show less than 5% of
    the time: 1.96 x S_diff, S_diff = sqrt(2) x SD x sqrt(1 - alpha)."""
    return Z_95 * math.sqrt(2) * sd * math.sqrt(1 - alpha)


@dataclass
class CategoryStats:
    """One area's figures over the complete results; None where they can't be had (`reason`)."""

    id: str
    title: str
    n: int
    alpha: float | None = None
    items: dict[str, float | None] = field(default_factory=dict)
    mean: float | None = None
    sd: float | None = None
    reliable_change: float | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "n": self.n,
            "alpha": _rounded(self.alpha, 4),
            "items": {qid: {"item_total": _rounded(r, 4)} for qid, r in self.items.items()},
            "mean": _rounded(self.mean, 2),
            "sd": _rounded(self.sd, 2),
            "reliable_change": _rounded(self.reliable_change, 2),
            "reason": self.reason,
        }


def _rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def category_stats(
    bank: Bank, category_id: str, answers: Iterable[Mapping[str, int]]
) -> CategoryStats:
    """The figures of one category over the given answers (listwise: a result that skipped
    any of the category's items is left out)."""
    from closeness_quiz.content.scoring import category_value

    questions = bank.questions_in(category_id)
    title = bank.category(category_id).title
    complete = [a for a in answers if all(q.id in a for q in questions)]
    keyed = [[float(q.keyed(a[q.id])) for q in questions] for a in complete]
    stats = CategoryStats(category_id, title, len(complete), items={q.id: None for q in questions})
    if len(complete) < MIN_RESULTS:
        stats.reason = (
            f"{len(complete)} complete result{'' if len(complete) == 1 else 's'}; "
            f"these figures need at least {MIN_RESULTS}."
        )
        return stats
    scores = [category_value(bank, questions, a) for a in complete]
    values = [s for s in scores if s is not None]
    stats.mean = statistics.mean(values)
    stats.sd = statistics.stdev(values)
    if len(questions) < 2:
        stats.reason = "one question only: alpha needs two or more."
        return stats
    stats.items = {q.id: item_total(keyed, i) for i, q in enumerate(questions)}
    stats.alpha = cronbach_alpha(keyed)
    if stats.alpha is None:
        stats.reason = "the answers never vary, so alpha can't be worked out."
    elif stats.alpha <= 0:
        stats.reason = "alpha is 0 or below: these items don't measure one thing together."
    else:
        stats.reliable_change = reliable_change(stats.sd, stats.alpha)
    return stats


def bank_stats(bank: Bank, answers: Sequence[Mapping[str, int]]) -> list[CategoryStats]:
    return [category_stats(bank, c.id, answers) for c in bank.categories]


def stats_json(bank: Bank, stats: list[CategoryStats], results: int) -> dict[str, Any]:
    return {
        "format": "closeness-quiz/stats",
        "format_version": 1,
        "bank": {"id": bank.id, "version": bank.version, "title": bank.title},
        "results": results,
        "min_results": MIN_RESULTS,
        "categories": {s.id: s.as_json() for s in stats},
    }


def pooled_sd(bank: Bank, category_id: str, answers: Sequence[Mapping[str, int]]) -> float | None:
    """The SD of the category score over 30 or more complete results, else None."""
    return category_stats(bank, category_id, answers).sd


# -- choosing the results -------------------------------------------------------------------


def bank_ids(taken: Iterable[Taken]) -> list[str]:
    return sorted({t.bank_id for t in taken})


def newest_bank(taken: Sequence[Taken], bank_id: str) -> Bank:
    """The questions of the newest result of that bank (results keep a copy of them)."""
    mine = [t.result for t in taken if t.bank_id == bank_id]
    return max(mine, key=lambda r: r.taken_at.astimezone(UTC)).bank


def without_copies(taken: Iterable[Taken]) -> tuple[list[Taken], list[tuple[str, str]]]:
    """The results, each once: a result copied in from two machines counts once (same time,
    name and answers), and the copies are named (file, which one it repeats)."""
    seen: dict[tuple[str, str | None, tuple[tuple[str, int], ...]], str] = {}
    kept: list[Taken] = []
    copies: list[tuple[str, str]] = []
    for t in taken:
        r = t.result
        file = r.path.name if r.path else "?"
        key = (r.taken_at.astimezone(UTC).isoformat(), r.name, tuple(sorted(r.answers.items())))
        if key in seen:
            copies.append((file, f"the same result as {seen[key]}."))
            continue
        seen[key] = file
        kept.append(t)
    return kept, copies


# -- the export's rows ----------------------------------------------------------------------

FIXED_COLUMNS = ("record_id", "pseudonym", "date", "kind")


@dataclass(frozen=True)
class Export:
    """The anonymised table: column names (REDCap variable names) and rows of cells (text or
    whole numbers; None where a question was skipped)."""

    columns: list[str]
    question_ids: list[str]  # the question each column after FIXED_COLUMNS holds
    rows: list[list[str | int | None]]


def export_rows(bank: Bank, taken: Sequence[Taken], pseudonym: Callable[[], str]) -> Export:
    """One row per result, oldest first: a record number, a pseudonym per name (from
    `pseudonym()`, once per name: results without a name get one each), the date only, the
    kind, and the raw value of each of the bank's questions. Nothing else from the result
    (no name, no time, no file, no guess) goes in."""
    from closeness_quiz.pooled.redcap import variable_names

    ordered = sorted(taken, key=lambda t: t.result.taken_at.astimezone(UTC))
    question_ids = [q.id for q in bank.questions]
    columns = [*FIXED_COLUMNS, *variable_names(question_ids, taken=FIXED_COLUMNS)]
    given: dict[str, str] = {}
    used: set[str] = set()
    rows: list[list[str | int | None]] = []
    for number, t in enumerate(ordered, 1):
        name = (t.result.name or "").strip().casefold()
        alias = given.get(name) if name else None
        if alias is None:
            alias = pseudonym()
            while alias in used:  # a fresh one, never another person's
                alias = pseudonym()
            used.add(alias)
            if name:
                given[name] = alias
        row: list[str | int | None] = [number, alias, _date(t.result.taken_at), t.kind]
        row += [t.result.answers.get(qid) for qid in question_ids]
        rows.append(row)
    return Export(columns, question_ids, rows)


def _date(when: datetime) -> str:
    """The day the result was taken, where it was taken (no time of day)."""
    return when.date().isoformat()


def new_pseudonym() -> str:
    """A random label that says nothing about the person: P- and 8 hex digits."""
    import secrets

    return f"P-{secrets.token_hex(4)}"
