"""Saved results over time (pure): rows oldest first, change since the same person's last
result, and a trend per category. Files that can't be read are kept as 'skipped', with why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from closeness_quiz.results import Result
from closeness_quiz.safe_text import clean_line
from closeness_quiz.scoring import Scores

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

    def __post_init__(self) -> None:  # shown harmlessly, in every format
        object.__setattr__(self, "file", clean_line(self.file))


@dataclass(frozen=True)
class Trend:
    """One person's scores per category over time, oldest first (None where not scored)."""

    name: str | None
    first: datetime
    last: datetime
    scores: dict[str, list[float | None]]
    overall: list[float | None]


@dataclass(frozen=True)
class History:
    categories: list[tuple[str, str]]  # (id, title), in the order the results list them
    rows: list[Row]
    trends: list[Trend]
    skipped: list[Skipped]
    names: list[str]  # every name found, before any filter, for "did you mean"


def same_name(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def delta(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return round(now - before, 1)


def sparkline(values: Iterable[float | None], levels: str = SPARKS) -> str:
    """The lowest level for 0 up to the highest for 100, on the fixed 0-100 scale (▁ to █ by
    default); a space where there is no score."""
    marks = []
    for value in values:
        if value is None:
            marks.append(" ")
        else:
            index = int(max(0.0, min(100.0, value)) / 100 * (len(levels) - 1) + 0.5)
            marks.append(levels[index])
    return "".join(marks)


def build_history(
    results: Iterable[Result],
    skipped: Iterable[Skipped],
    scorer: Callable[[Result], Scores],
    *,
    name: str | None = None,
) -> History:
    """Rows oldest first (ties keep the order given). `scorer` recomputes scores from the
    stored answers, as `report` does, so a hand-edited score can't mislead."""
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

    categories: dict[str, str] = {}
    for _, result in dated:
        for category in result.bank.categories:
            categories[category.id] = category.title  # the newest title wins

    rows: list[Row] = []
    last_of: dict[str, Row] = {}
    for when, result in dated:
        scores = scorer(result)
        values = {cid: c.score for cid, c in scores.categories.items()}
        who = (result.name or "").strip().casefold()
        before = last_of.get(who)
        row = Row(
            file=result.path.name if result.path else "?",
            taken_at=when,
            name=result.name,
            bank_id=_bank_id(result),
            scores=values,
            overall=scores.overall,
            previous=before.taken_at if before else None,
            change={
                cid: delta(values.get(cid), before.scores.get(cid)) if before else None
                for cid in categories
            },
            overall_change=delta(scores.overall, before.overall) if before else None,
        )
        rows.append(row)
        last_of[who] = row
    return History(
        categories=list(categories.items()),
        rows=rows,
        trends=_trends(rows, list(categories)),
        skipped=sorted(skipped_list, key=lambda s: s.file),
        names=names,
    )


def _bank_id(result: Result) -> str:
    return result.stored_bank.id or result.bank.id


def _trends(rows: list[Row], category_ids: list[str]) -> list[Trend]:
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault((row.name or "").strip().casefold(), []).append(row)
    trends = []
    for group in by_name.values():
        trends.append(
            Trend(
                name=group[-1].name,
                first=group[0].taken_at,
                last=group[-1].taken_at,
                scores={cid: [r.scores.get(cid) for r in group] for cid in category_ids},
                overall=[r.overall for r in group],
            )
        )
    return sorted(trends, key=lambda t: (t.name or "").casefold())


def as_json(history: History, folder: Path, name: str | None) -> dict[str, object]:
    """The history for scripts: stable keys, times as ISO 8601, scores as numbers or null."""
    return {
        "folder": str(folder),
        "name": name,
        "categories": [{"id": cid, "title": title} for cid, title in history.categories],
        "results": [
            {
                "file": row.file,
                "taken_at": row.taken_at.isoformat(timespec="seconds"),
                "name": row.name,
                "bank": row.bank_id,
                "scores": row.scores,
                "overall": row.overall,
                "change": None
                if row.previous is None
                else {
                    "since": row.previous.isoformat(timespec="seconds"),
                    "scores": row.change,
                    "overall": row.overall_change,
                },
            }
            for row in history.rows
        ],
        "trends": [
            {
                "name": trend.name,
                "from": trend.first.isoformat(timespec="seconds"),
                "to": trend.last.isoformat(timespec="seconds"),
                "scores": trend.scores,
                "overall": trend.overall,
                "sparklines": {cid: sparkline(v) for cid, v in trend.scores.items()},
            }
            for trend in history.trends
        ],
        "skipped": [{"file": s.file, "problem": s.problem} for s in history.skipped],
    }
