"""`history` in the terminal, with Rich: one table of results, then a sparkline per category."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from closeness_quiz.history import NO_NAME, History, Row, Trend, sparkline


def fmt_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def fmt_change(change: float | None) -> str:
    if change is None:
        return ""
    if change == 0:
        return "±0"
    return f"{change:+.1f}"


def fmt_date(when: datetime, *, with_time: bool) -> str:
    local = when.astimezone()
    return f"{local:%Y-%m-%d %H:%M}" if with_time else f"{local:%Y-%m-%d}"


def _cell(score: float | None, change: float | None, *, stacked: bool) -> Text:
    text = Text(fmt_score(score))
    if change is not None:
        style = "green" if change > 0 else "yellow" if change < 0 else "dim"
        text.append(("\n" if stacked else " ") + fmt_change(change), style=style)
    return text


def _one_line_width(history: History) -> int:
    """Roughly how wide the table is with each change beside its score ("62.5 +12.5")."""
    names = max((len(row.name or NO_NAME) for row in history.rows), default=7)
    columns = [title for _, title in history.categories] + ["Overall"]
    return 16 + names + sum(max(len(title), 12) + 2 for title in columns)


def _table(history: History, width: int) -> Table:
    table = Table(box=None, header_style="bold", padding=(0, 1), pad_edge=False)
    table.add_column("Date", no_wrap=True)
    days = [fmt_date(row.taken_at, with_time=False) for row in history.rows]
    with_time = len(set(days)) < len(days)  # two results on one day: tell them apart
    table.add_column("Name")
    for _, title in history.categories:
        table.add_column(title, justify="right")
    table.add_column("Overall", justify="right", style="bold")
    stacked = width < _one_line_width(history)  # narrow terminal: the change goes under the score
    for row in history.rows:
        table.add_row(
            fmt_date(row.taken_at, with_time=with_time),
            Text(row.name) if row.name else Text(NO_NAME, style="dim"),
            *(
                _cell(row.scores.get(cid), row.change.get(cid), stacked=stacked)
                for cid, _ in history.categories
            ),
            _cell(row.overall, row.overall_change, stacked=stacked),
        )
    return table


def _trend(trend: Trend, history: History) -> list[Text | Table]:
    count = len(trend.overall)
    noun = "result" if count == 1 else "results"
    span = (
        f"{fmt_date(trend.first, with_time=False)} to {fmt_date(trend.last, with_time=False)}"
        if count > 1
        else fmt_date(trend.first, with_time=False)
    )
    head = Text(trend.name or NO_NAME, style="bold")
    head.append(f" · {count} {noun}, {span}", style="")
    if count == 1:
        return [head, Text("  One result so far: a trend shows from the next one.", style="dim")]
    table = Table(box=None, show_header=False, padding=(0, 1), show_edge=False)
    table.add_column("Area")
    table.add_column("Trend", no_wrap=True)
    table.add_column("From → to", no_wrap=True)
    lines = [(title, trend.scores.get(cid, [])) for cid, title in history.categories]
    for title, values in [*lines, ("Overall", trend.overall)]:
        scored = [v for v in values if v is not None]
        summary = Text("not enough answers to score")
        if scored:
            first, last = scored[0], scored[-1]
            summary = Text(f"{fmt_score(first)} → {fmt_score(last)}")
            if len(scored) > 1:
                summary.append(f" ({fmt_change(round(last - first, 1))})")
        table.add_row(Text(f"  {title}"), sparkline(values), summary)
    return [head, table]


def _skipped(history: History) -> list[Text]:
    count = len(history.skipped)
    noun = "file that could not be read" if count == 1 else "files that could not be read"
    lines = [Text(f"Skipped {count} {noun}:", style="bold")]
    lines += [Text(f"  {s.file}: {s.problem}") for s in history.skipped]
    return lines


def _empty_message(history: History, folder: Path, name: str | None) -> str:
    if name is not None and history.names:
        return f"No saved results for '{name}'. Names in your results: {', '.join(history.names)}."
    if name is not None:
        return f"No saved results for '{name}' in {folder}."
    return f"No saved results yet in {folder}. Take the quiz with: closeness-quiz take"


def render_history(history: History, folder: Path, name: str | None, console: Console) -> None:
    rows: list[Row] = history.rows
    if not rows:
        console.print(Text(_empty_message(history, folder, name)))
    else:
        noun = "result" if len(rows) == 1 else "results"
        who = f" for '{name}'" if name else ""
        console.print(Text(f"Your saved results{who}, oldest first", style="bold underline"))
        console.print(
            Text(
                f"{len(rows)} {noun} in {folder}. Changes are since the same person's last result."
            )
        )
        console.print()
        console.print(_table(history, console.width))
        console.print()
        console.print(Text("Trend per area (▁ low … █ high)", style="bold underline"))
        for trend in history.trends:
            console.print()
            for part in _trend(trend, history):
                console.print(part)
    if history.skipped:
        console.print()
        for line in _skipped(history):
            console.print(line)
