"""`history` in the terminal: one table of results, then a sparkline per category.

Laid out here with `render/lines.py` and printed by Rich in one go, like the report: a Rich
table measured every cell of every row again, and took four times as long as the JSON for
2,000 results. Where the table can't fit the terminal with each change beside its score, the
change goes under it; then long area titles wrap; where even that is too wide, each result
is shown as a short block of its own."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from closeness_quiz.checkin.plans import CHECKIN
from closeness_quiz.checkin.view import LOOKED_BACK
from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.history.view import NO_NAME, RELIABLE, History, Row, change_meaning
from closeness_quiz.invocation import command
from closeness_quiz.render.glyphs import (
    Glyphs,
    adapt,
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_score,
)
from closeness_quiz.render.lines import GAP, Lines, cells, wrap
from closeness_quiz.render.trend import trend_lines

NAME_SQUEEZED = 12  # a name column wider than this wraps when the table is too wide
SCORE_W, CHANGE_W = len("100.0"), len("-100.0")
FILE = "File"  # the column of file names, as `report` takes them
RELIABLE_MARK = "*"  # after a change that reaches the reliable change

Part = tuple[str, str]  # (text, style)
Line = list[Part]
Cell = list[Line]  # a table cell: one or more lines

MOST_SKIPPED = 20  # unreadable files listed in text; JSON lists every one


def _change_style(change: float) -> str:
    return "green" if change > 0 else "yellow" if change < 0 else "dim"


def _score_cell(
    score: float | None,
    change: float | None,
    g: Glyphs,
    *,
    stacked: bool,
    bold: bool,
    units: Units | None = PERCENT,
    needed: float | None = None,
) -> Cell:
    """A score as a bare number in its own units (the column's title says which area), its
    change marked where it is a reliable one."""
    style = "bold" if bold else ""
    first: Line = [(fmt_number(score, g, units=units), style)]
    if change is None:
        return [first]
    mark = RELIABLE_MARK if change_meaning(change, needed) == RELIABLE else ""
    changed = (fmt_change(change, g, units) + mark, _change_style(change))
    if stacked:
        return [first, [changed]]
    return [[*first, (" ", ""), changed]]


def _width(cell: Cell) -> int:
    return max((sum(cells(text) for text, _ in line) for line in cell), default=0)


def _text_cell(text: str, width: int, style: str = "") -> Cell:
    return [[(line, style)] for line in wrap(text, width)]


def _grid(
    out: Lines, rows: list[list[Cell]], widths: list[int], right: set[int], *, header: bool
) -> None:
    """Each row's cells side by side, padded to the column widths (right-aligned where asked);
    a row is as tall as its tallest cell, and a header's cells sit on its last line."""
    for index, row in enumerate(rows):
        height = max(len(cell) for cell in row)
        for depth in range(height):
            parts: Line = []
            for column, cell in enumerate(row):
                at = depth - (height - len(cell) if header and index == 0 else 0)
                line = cell[at] if 0 <= at < len(cell) else []
                space = " " * (widths[column] - sum(cells(text) for text, _ in line))
                if column:
                    parts.append((" " * GAP, ""))
                parts += [(space, ""), *line] if column in right else [*line, (space, "")]
            while parts and not parts[-1][0].strip():
                parts.pop()
            if parts:
                parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
            out.styled(*parts)


# The table's layouts, widest first: (changes under the scores, a column of file names).
# Without that column, each file name goes under its date.
LAYOUTS = ((False, True), (False, False), (True, False))


def _table(history: History, out: Lines) -> None:
    """The table, if it fits: first with each change beside its score and the file names in a
    column of their own; then each file name under its date; then each change under its
    score, then with the widest titles (and names) wrapped; else one block per result."""
    days = [fmt_date(row.taken_at, with_time=False) for row in history.rows]
    with_time = len(set(days)) < len(days)  # two results on one day: tell them apart
    dates = [fmt_date(row.taken_at, with_time=with_time) for row in history.rows]
    names = [row_label(row) for row in history.rows]
    files = [handle(row.file) for row in history.rows]
    titles = ["Date", "Name", *(title for _, title in history.categories), "Overall"]
    date_w = max(cells("Date"), *(len(d) for d in dates))
    name_w = max(cells("Name"), *(cells(n) for n in names))
    file_w = max(cells(FILE), *(cells(f) for f in files))
    for stacked, file_column in LAYOUTS:
        if out.plain:  # a table means nothing to a screen reader: one block per result
            break
        body = [_score_cells(row, history, out.glyphs, stacked=stacked) for row in history.rows]
        scores_w = [max(_width(row[i]) for row in body) for i in range(len(titles) - 2)]
        first_w = date_w if file_column else max(date_w, file_w)
        heads = [*titles, FILE] if file_column else titles
        content = [first_w, name_w, *scores_w] + ([file_w] if file_column else [])
        widths = [max(c, cells(t)) for c, t in zip(content, heads, strict=True)]
        least = [
            first_w,
            max(cells("Name"), min(name_w, NAME_SQUEEZED)),
            *(max(c, 0, *map(cells, t.split())) for c, t in zip(scores_w, titles[2:], strict=True)),
        ]
        room = out.width - GAP * (len(widths) - 1)
        if sum(widths) > room and (not stacked or sum(least) > room):
            continue
        while sum(widths) > room:  # narrow the widest column that can wrap, a cell at a time
            column = max(
                (i for i in range(len(widths)) if widths[i] > least[i]), key=widths.__getitem__
            )
            widths[column] -= 1
        header = [_text_cell(t, w, "bold") for t, w in zip(heads, widths, strict=True)]
        rows = [header]
        for date, name, file, row, scores in zip(
            dates, names, files, history.rows, body, strict=True
        ):
            who = _text_cell(name, widths[1], "" if row.name else "dim")
            if file_column:
                rows.append([[[(date, "")]], who, *scores, [[(file, "dim")]]])
            else:
                rows.append([[[(date, "")], [(file, "dim")]], who, *scores])
        _grid(out, rows, widths, set(range(2, len(titles))), header=True)
        return
    _blocks(history, dates, out)


def row_label(row: Row) -> str:
    """The name, and for a check-in, that it is one (its scores are set beside check-ins only)."""
    return (row.name or NO_NAME) + (" (check-in)" if row.kind == CHECKIN else "")


def _plans(history: History, dates: list[str], out: Lines) -> None:
    """Each plan chosen and each follow-up, in the first sentence of the idea's own words."""
    words = history.ideas or {}

    def idea(idea_id: str) -> str:
        text = words.get(idea_id, idea_id)
        return text.split(". ")[0].rstrip(".") + "."

    for date, row in zip(dates, history.rows, strict=True):
        said = []
        if row.followup is not None:
            said.append(f"{LOOKED_BACK[row.followup.answer]}: {idea(row.followup.plan)}")
        if row.plan is not None and row.followup and row.plan.id == row.followup.plan:
            said.append("Kept it for another week.")
        elif row.plan is not None:
            said.append(f"Chose to try: {idea(row.plan.id)}")
        if said:
            out.bullet(f"{date}, {row_label(row)}: " + " ".join(said))


def handle(file: str) -> str:
    """A result's file name as `report` takes it: without `.json`, from the results folder."""
    return file.removesuffix(".json") or file


def _score_cells(row: Row, history: History, g: Glyphs, *, stacked: bool) -> list[Cell]:
    return [
        *(
            _score_cell(
                row.scores.get(cid),
                row.change.get(cid),
                g,
                stacked=stacked,
                bold=False,
                units=history.units_of(cid),
                needed=row.needed.get(cid),
            )
            for cid, _ in history.categories
        ),
        _score_cell(
            row.overall,
            row.overall_change,
            g,
            stacked=stacked,
            bold=True,
            units=row.overall_units,
        ),
    ]


def _blocks(history: History, dates: list[str], out: Lines) -> None:
    """A terminal too narrow for the table: each result as its date and name, then one line
    per area with its score and the change."""
    g = out.glyphs
    titles = [title for _, title in history.categories] + ["Overall"]
    room = out.width - 3 * GAP - SCORE_W - CHANGE_W  # an indent, the title, score and change
    title_w = min(max(cells(t) for t in titles), max(8, room))
    for number, (date, row) in enumerate(zip(dates, history.rows, strict=True)):
        if number:
            out.blank()
        out.pair_line((date, ""), "  ", (row_label(row), "" if row.name else "dim"))
        out.styled(("  ", ""), (handle(row.file), "dim"))
        # Only this result's own areas (another questionnaire's have nothing to show here).
        values: list[tuple[str, float | None, float | None, Units | None, float | None]] = [
            (
                title,
                row.scores.get(cid),
                row.change.get(cid),
                history.units_of(cid),
                row.needed.get(cid),
            )
            for cid, title in history.categories
            if cid in row.scores
        ]
        if row.overall_units is not None:
            values.append(("Overall", row.overall, row.overall_change, row.overall_units, None))
        if out.plain:
            for title, score, change, units, needed in values:
                meaning = change_meaning(change, needed)
                since = (
                    f" ({fmt_change(change, g, units)} since the last one"
                    f"{', ' + meaning if meaning else ''})"
                    if change is not None
                    else ""
                )
                out.bullet(f"{title}: {g.text(fmt_score(score, g, units=units))}{since}")
            continue
        rows: list[list[Cell]] = []
        for title, score, change, units, needed in values:
            style = "bold" if title == "Overall" else ""
            mark = RELIABLE_MARK if change_meaning(change, needed) == RELIABLE else ""
            changed: Cell = (
                [[(fmt_change(change, g, units) + mark, _change_style(change))]]
                if change is not None
                else []
            )
            shown = fmt_number(score, g, units=units)
            rows.append([[], _text_cell(title, title_w, style), [[(shown, style)]], changed])
        _grid(out, rows, [0, title_w, SCORE_W, CHANGE_W], {2}, header=False)


def _reliability_note(history: History, out: Lines) -> None:
    """Under the table, where some area's reliability is known: what the mark means (plain
    mode says it beside each change instead)."""
    known = [
        title
        for cid, title in history.categories
        if any(row.needed.get(cid) is not None for row in history.rows)
    ]
    if not known or out.plain:
        return
    if len(known) == len(history.categories):
        others = "Unmarked changes are"
    else:
        areas = known[0] if len(known) == 1 else f"{', '.join(known[:-1])} and {known[-1]}"
        others = f"Unmarked changes in {areas} are"
    out.blank()
    out.para(
        f"{RELIABLE_MARK} A reliable change: more than a retake alone could show. "
        f"{others} within what a retake could show.",
        style="dim",
    )


def _skipped(history: History, out: Lines) -> None:
    count = len(history.skipped)
    noun = "file that could not be read" if count == 1 else "files that could not be read"
    out.para(f"Skipped {count:,} {noun}:", style="bold")
    for skipped in history.skipped[:MOST_SKIPPED]:
        if out.plain:
            out.bullet(f"{skipped.file}: {skipped.problem}")
            continue
        for index, line in enumerate(wrap(f"{skipped.file}: {skipped.problem}", out.width - 4)):
            out.styled(("  " if index == 0 else "    ", ""), (line, ""))

    if count > MOST_SKIPPED:  # 10,000 junk files must not bury the results above
        out.para(f"... and {count - MOST_SKIPPED:,} more (--format json lists them all).")


def _empty_message(folder: Path) -> str:
    """(`history --name` of a name with no result never gets here: it is exit 2.)"""
    return f"No saved results yet in {folder}. Take the quiz with: {command('take')}"


def render_history(history: History, folder: Path, name: str | None, console: Console) -> None:
    out = Lines.on(console, most=None)  # a table of many areas may use every column
    history = adapt(history, out.glyphs)
    rows: list[Row] = history.rows
    if not rows:
        out.para(_empty_message(folder))
    else:
        noun = "result" if len(rows) == 1 else "results"
        who = f" for '{name}'" if name else ""
        out.para(f"Your saved results{who}, oldest first", style="bold underline")
        out.para(
            f"{len(rows)} {noun} in {folder}. Changes are since the same person's last result."
        )
        if history.banks and len(history.banks) > 1:
            out.para(
                f"These come from {len(history.banks)} questionnaires "
                f"({', '.join(history.banks)}): changes and trends are for each one on its "
                "own. See one alone with:"
            )
            # on a line of its own, never split, so it can be copied whole
            out.styled(("  " + command("history", "--bank", history.banks[0]), ""))
        out.blank()
        _table(history, out)
        _reliability_note(history, out)
        out.blank()
        if any(row.plan or row.followup for row in rows):
            days = [fmt_date(row.taken_at, with_time=False) for row in rows]
            out.para("Plans and how they went", style="bold underline")
            _plans(history, days, out)
            out.blank()
        again = command("report", FILE.upper())
        out.para(f"See one again with: {again} (or a name, for its latest).", style="dim")
        out.blank()
        g = out.glyphs
        key = "" if out.plain else f" ({g.sparks[0]} low {g.ellipsis} {g.sparks[-1]} high)"
        out.para(f"Trend per area{key}", style="bold underline")

    for trend in history.trends:
        out.blank()
        trend_lines(trend, history, out)
    if history.skipped:
        out.blank()
        _skipped(history, out)
    out.show(console)
