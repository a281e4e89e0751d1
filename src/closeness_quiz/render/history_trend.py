"""`history`'s trend per person: a sparkline per area on the fixed 0-100 scale, with the first
and latest score (in words alone on a plain screen)."""

from __future__ import annotations

from closeness_quiz.history import NO_NAME, History, Trend
from closeness_quiz.render.glyphs import UNICODE, Glyphs, fmt_score, spark
from closeness_quiz.render.history import GAP, MIN_SPARK, _head, fmt_change, fmt_date
from closeness_quiz.render.lines import Lines, cells, columns


def trend_lines(trend: Trend, history: History, out: Lines) -> None:
    g = out.glyphs
    count = len(trend.overall)
    noun = "result" if count == 1 else "results"
    span = (
        f"{fmt_date(trend.first, with_time=False)} to {fmt_date(trend.last, with_time=False)}"
        if count > 1
        else fmt_date(trend.first, with_time=False)
    )
    _head(out, (trend.name or NO_NAME, "bold"), " · ", (f"{count} {noun}, {span}", ""))
    if count == 1:
        out.para("One result so far: a trend shows from the next one.", style="dim", indent=2)
        return
    lines = [(title, trend.scores.get(cid, [])) for cid, title in history.categories]
    rows: list[tuple[str, list[float | None], str]] = []
    for title, values in [*lines, ("Overall", trend.overall)]:
        scored = [v for v in values if v is not None]
        summary = "not enough answers to score"
        if scored:
            first, last = scored[0], scored[-1]
            summary = f"{fmt_score(first, g)} {g.arrow} {fmt_score(last, g)}"
            if out.plain:
                summary = f"from {fmt_score(first, g)} to {fmt_score(last, g)}"
            if len(scored) > 1:
                summary += f" ({fmt_change(round(last - first, 1), g)})"
        rows.append((f"  {title}", values, summary))
    if out.plain:  # no sparkline: the first and latest score say it in words
        for title, _, summary in rows:
            out.bullet(f"{title.strip()}: {summary}")
        return
    title_w = max(cells(title) for title, _, _ in rows)
    summary_w = max(cells(summary) for _, _, summary in rows)
    room = out.width - title_w - summary_w - 2 * GAP
    if room >= MIN_SPARK:
        laid = [[(t, ""), (_spark(v, room, g), ""), (s, "")] for t, v, s in rows]
        out.rows(columns(laid, gap=GAP))
        return
    # Too narrow for all three side by side: each summary goes under its sparkline.
    room = max(MIN_SPARK, out.width - title_w - GAP)
    for line, (_, _, summary) in zip(
        columns([[(t, ""), (_spark(v, room, g), "")] for t, v, _ in rows], gap=GAP),
        rows,
        strict=True,
    ):
        out.styled(*line)
        out.para(summary, indent=4)


def _spark(values: list[float | None], room: int, g: Glyphs = UNICODE) -> str:
    """The sparkline, or its most recent part that fits `room` cells, after a '…'."""
    line = spark(values, g)
    if len(line) <= room:
        return line
    return g.ellipsis + line[len(line) - room + len(g.ellipsis) :]
