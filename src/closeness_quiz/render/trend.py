"""`history`'s trend per person: a sparkline per area on the fixed 0-100 scale, with the first
and latest score (in words alone on a plain screen)."""

from __future__ import annotations

from closeness_quiz.checkin.plans import CHECKIN
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.history.view import NO_NAME, History, Trend
from closeness_quiz.render.glyphs import UNICODE, Glyphs, fmt_change, fmt_date, fmt_score, spark
from closeness_quiz.render.lines import GAP, Lines, cells, columns

MIN_SPARK = 6  # the fewest cells a sparkline is cut to before its summary moves below it


def trend_lines(trend: Trend, history: History, out: Lines) -> None:
    g = out.glyphs
    count = len(trend.overall)
    noun = "result" if count == 1 else "results"
    span = (
        f"{fmt_date(trend.first, with_time=False)} to {fmt_date(trend.last, with_time=False)}"
        if count > 1
        else fmt_date(trend.first, with_time=False)
    )
    several = bool(history.banks) and len(history.banks or ()) > 1
    who = f"{trend.name or NO_NAME} \u00b7 {trend.bank_id}" if several else trend.name or NO_NAME
    if trend.kind == CHECKIN:
        who += " \u00b7 check-ins"
    out.pair_line((who, "bold"), " · ", (f"{count} {noun}, {span}", ""))
    if count == 1:
        out.para("One result so far: a trend shows from the next one.", style="dim", indent=2)
        return
    lines = [
        (title, trend.scores[cid], history.units_of(cid))
        for cid, title in history.categories
        if cid in trend.scores
    ]
    if trend.overall_units is not None:  # the bank gives an overall score
        lines.append(("Overall", trend.overall, trend.overall_units))
    rows: list[tuple[str, list[float | None], str, Units]] = []
    for title, values, units in lines:
        scored = [v for v in values if v is not None]
        summary = "not enough answers to score"
        if scored:
            first, last = (fmt_score(v, g, units=units) for v in (scored[0], scored[-1]))
            summary = f"{first} {g.arrow} {last}"
            if out.plain:
                summary = f"from {first} to {last}"
            if len(scored) > 1:
                change = round(scored[-1] - scored[0], units.decimals)
                summary += f" ({fmt_change(change, g, units)})"
        rows.append((f"  {title}", values, summary, units))
    if out.plain:  # no sparkline: the first and latest score say it in words
        for title, _, summary, _ in rows:
            out.bullet(f"{title.strip()}: {summary}")
        return
    title_w = max(cells(title) for title, _, _, _ in rows)
    summary_w = max(cells(summary) for _, _, summary, _ in rows)
    room = out.width - title_w - summary_w - 2 * GAP
    if room >= MIN_SPARK:
        laid = [[(t, ""), (_spark(v, room, g, u), ""), (s, "")] for t, v, s, u in rows]
        out.rows(columns(laid, gap=GAP))
        return
    # Too narrow for all three side by side: each summary goes under its sparkline.
    room = max(MIN_SPARK, out.width - title_w - GAP)
    for line, (_, _, summary, _) in zip(
        columns([[(t, ""), (_spark(v, room, g, u), "")] for t, v, _, u in rows], gap=GAP),
        rows,
        strict=True,
    ):
        out.styled(*line)
        out.para(summary, indent=4)


def _spark(
    values: list[float | None], room: int, g: Glyphs = UNICODE, units: Units = PERCENT
) -> str:
    """The sparkline (from the lowest score possible to the highest), or its most recent part
    that fits `room` cells, after a '…'."""
    line = spark(values, g, units)
    if len(line) <= room:
        return line
    return g.ellipsis + line[len(line) - room + len(g.ellipsis) :]
