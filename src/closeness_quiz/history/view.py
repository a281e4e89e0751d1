"""Saved results over time (pure): rows oldest first, change since the same person's last
result with the same questionnaire, and a trend per person and questionnaire. Files that
can't be read are kept as 'skipped', with why.

Results from two banks are never set beside each other as one trend or change, and two
banks' areas that happen to share an id stay two columns (their scores may not even be in
the same units)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from closeness_quiz.checkin.plans import FULL, Followup, Plan
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.content.scoring import Scores
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store.results import Result, same_name

SPARKS = "▁▂▃▄▅▆▇█"
NO_NAME = "no name"


@dataclass(frozen=True)
class Skipped:
    file: str
    problem: str

    def __post_init__(self) -> None:  # a file name may hold escape sequences or U+202E
        object.__setattr__(self, "file", clean_line(self.file))


@dataclass(frozen=True)
class Row:
    """One saved result: when, who, the score per category, and the change since their last one."""

    file: str
    taken_at: datetime
    name: str | None
    bank_id: str
    scores: dict[str, float | None]
    overall: float | None
    previous: datetime | None
    change: dict[str, float | None]
    overall_change: float | None
    overall_units: Units | None = PERCENT
    # The smallest reliable change of each column's change, where the bank's reliability
    # gives one (see `change_meaning`).
    needed: dict[str, float | None] = field(default_factory=dict)
    kind: str = FULL  # a full take or a check-in: each compared only with its own kind
    plan: Plan | None = None
    followup: Followup | None = None

    def __post_init__(self) -> None:  # shown harmlessly, in every format
        object.__setattr__(self, "file", clean_line(self.file))


@dataclass(frozen=True)
class Trend:
    """One person's scores per category with one questionnaire over time, oldest first (None
    where not scored)."""

    name: str | None
    first: datetime
    last: datetime
    scores: dict[str, list[float | None]]
    overall: list[float | None]
    bank_id: str = ""
    overall_units: Units | None = PERCENT
    kind: str = FULL


@dataclass(frozen=True)
class History:
    categories: list[tuple[str, str]]  # (column key, title), in the order the results list them
    rows: list[Row]
    trends: list[Trend]
    skipped: list[Skipped]
    names: list[str]  # every name found, before any filter, for "did you mean"
    units: dict[str, Units] | None = None  # each column's units (0-100 where not given)
    banks: list[str] | None = None  # every bank id among the results shown
    ideas: dict[str, str] | None = None  # idea id -> its words, for plans and follow-ups

    def units_of(self, key: str) -> Units:
        return (self.units or {}).get(key, PERCENT)


def delta(now: float | None, before: float | None, units: Units | None = PERCENT) -> float | None:
    return (units or PERCENT).change(now, before)


RELIABLE = "a reliable change"
WITHIN_RETAKE = "within what a retake could show"


def change_meaning(change: float | None, needed: float | None) -> str | None:
    """What a change between two full takes means, where the bank's reliability is known:
    a reliable change when it reaches the smallest reliable change (`needed`), else within
    what a retake alone could show. None (say nothing) where no reliability is known."""
    if change is None or needed is None:
        return None
    return RELIABLE if abs(change) >= needed else WITHIN_RETAKE


def sparkline(
    values: Iterable[float | None], levels: str = SPARKS, units: Units | None = PERCENT
) -> str:
    """The lowest level for the lowest score possible up to the highest for the highest (0 and
    100 by default; ▁ to █); a space where there is no score."""
    marks = []
    for value in values:
        if value is None or units is None:
            marks.append(" ")
        else:
            index = int(units.fraction(value) * (len(levels) - 1) + 0.5)
            marks.append(levels[index])
    return "".join(marks)


def build_history(
    results: Iterable[Result],
    skipped: Iterable[Skipped],
    scorer: Callable[[Result], Scores],
    *,
    name: str | None = None,
    bank: str | None = None,
    reliable_change: Callable[[Result, str], float | None] | None = None,
    ideas: dict[str, str] | None = None,
) -> History:
    """Rows oldest first (ties keep the order given). `scorer` recomputes scores from the
    stored answers, as `report` does, so a hand-edited score can't mislead.
    `reliable_change(result, category_id)`: the smallest reliable change of that area, if
    known."""
    dated: list[tuple[datetime, Result]] = []
    skipped_list = list(skipped)
    seen: dict[tuple[str, str | None, tuple[tuple[str, int], ...]], str] = {}
    for result in results:
        file = result.path.name if result.path else "?"
        when = result.taken_at
        key = (when.isoformat(), result.name, tuple(sorted(result.answers.items())))
        if key in seen:
            skipped_list.append(Skipped(file, f"the same result as {seen[key]}."))
            continue
        seen[key] = file
        dated.append((when, result))
    # Stable: results saved in the same second keep their order.
    dated.sort(key=lambda pair: pair[0].astimezone(UTC))
    names = sorted({r.name for _, r in dated if r.name}, key=str.casefold)
    if name is not None:
        dated = [(w, r) for w, r in dated if same_name(r.name, name)]
    if bank is not None:
        dated = [(w, r) for w, r in dated if r.bank_id == bank]

    banks_of: dict[str, set[str]] = {}  # category id -> the banks that have it
    for _, result in dated:
        for category in result.bank.categories:
            banks_of.setdefault(category.id, set()).add(result.bank_id)

    def column_of(result: Result, category_id: str) -> str:
        """A column per area; an id two banks share gets a column per bank."""
        shared = len(banks_of.get(category_id, ())) > 1
        return f"{result.bank_id}:{category_id}" if shared else category_id

    categories: dict[str, str] = {}
    units: dict[str, Units] = {}
    scored: list[tuple[datetime, Result, Scores]] = []
    for when, result in dated:
        scores = scorer(result)
        scored.append((when, result, scores))
        for category in result.bank.categories:
            column = column_of(result, category.id)
            shared = column != category.id
            # the newest title wins; a shared id says which questionnaire it is from
            categories[column] = (
                f"{category.title} ({result.bank_id})" if shared else category.title
            )
            units[column] = scores.categories[category.id].units

    rows: list[Row] = []
    last_of: dict[tuple[str, str, str], Row] = {}
    for when, result, scores in scored:
        values = {column_of(result, cid): c.score for cid, c in scores.categories.items()}
        # a check-in is set beside the same person's last check-in, a full take beside a take
        who = ((result.name or "").strip().casefold(), result.bank_id, result.kind)
        before = last_of.get(who)
        row = Row(
            file=result.path.name if result.path else "?",
            taken_at=when,
            name=result.name,
            bank_id=result.bank_id,
            scores=values,
            overall=scores.overall,
            previous=before.taken_at if before else None,
            change={
                column: delta(values.get(column), before.scores.get(column), units[column])
                if before and column in values
                else None
                for column in categories
            },
            overall_change=delta(scores.overall, before.overall, scores.overall_units)
            if before
            else None,
            overall_units=scores.overall_units,
            needed={
                column_of(result, cid): reliable_change(result, cid) for cid in scores.categories
            }
            if before and reliable_change and result.kind == FULL  # between full takes only
            else {},
            kind=result.kind,
            plan=result.plan,
            followup=result.followup,
        )
        rows.append(row)
        last_of[who] = row
    return History(
        categories=list(categories.items()),
        rows=rows,
        trends=_trends(rows, list(categories)),
        skipped=sorted(skipped_list, key=lambda s: s.file),
        names=names,
        units=units,
        banks=sorted({r.bank_id for r in rows}),
        ideas=ideas,
    )


def _reliable(row: Row) -> dict[str, object]:
    """`reliable`: per area, whether the change reaches the reliable change (null where no
    reliability is known); only where some area's reliability is known."""
    if not any(v is not None for v in row.needed.values()):
        return {}
    return {
        "reliable": {
            column: None if meaning is None else meaning == RELIABLE
            for column, change in row.change.items()
            for meaning in [change_meaning(change, row.needed.get(column))]
            if column in row.needed
        }
    }


def _trends(rows: list[Row], category_ids: list[str]) -> list[Trend]:
    """A trend per person, questionnaire and kind: never one line across two banks, or
    across full takes and check-ins."""
    by_name: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        key = ((row.name or "").strip().casefold(), row.bank_id, row.kind)
        by_name.setdefault(key, []).append(row)
    trends = []
    for group in by_name.values():
        own = [cid for cid in category_ids if any(cid in r.scores for r in group)]
        trends.append(
            Trend(
                name=group[-1].name,
                first=group[0].taken_at,
                last=group[-1].taken_at,
                scores={cid: [r.scores.get(cid) for r in group] for cid in own},
                overall=[r.overall for r in group],
                bank_id=group[-1].bank_id,
                overall_units=group[-1].overall_units,
                kind=group[-1].kind,
            )
        )
    return sorted(trends, key=lambda t: ((t.name or "").casefold(), t.bank_id, t.kind != FULL))


def as_json(history: History, folder: Path, name: str | None) -> dict[str, object]:
    """The history for scripts: stable keys, times as ISO 8601, scores as numbers or null."""
    return {
        "folder": str(folder),
        "name": name,
        "categories": [
            {"id": cid, "title": title, "range": history.units_of(cid).as_json()}
            for cid, title in history.categories
        ],
        "results": [
            {
                "file": row.file,
                "taken_at": row.taken_at.isoformat(timespec="seconds"),
                "name": row.name,
                "bank": row.bank_id,
                "kind": row.kind,
                **({"plan": row.plan.as_json()} if row.plan else {}),
                **({"followup": row.followup.as_json()} if row.followup else {}),
                "scores": row.scores,
                "overall": row.overall,
                "change": None
                if row.previous is None
                else {
                    "since": row.previous.isoformat(timespec="seconds"),
                    "scores": row.change,
                    "overall": row.overall_change,
                    **_reliable(row),
                },
            }
            for row in history.rows
        ],
        "trends": [
            {
                "name": trend.name,
                "from": trend.first.isoformat(timespec="seconds"),
                "to": trend.last.isoformat(timespec="seconds"),
                "bank": trend.bank_id,
                "kind": trend.kind,
                "scores": trend.scores,
                "overall": trend.overall,
                "sparklines": {
                    cid: sparkline(v, units=history.units_of(cid))
                    for cid, v in trend.scores.items()
                },
            }
            for trend in history.trends
        ],
        "skipped": [{"file": s.file, "problem": s.problem} for s in history.skipped],
    }
