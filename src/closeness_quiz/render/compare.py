"""Two partners' results side by side in a terminal, with Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.compare import words as cmp
from closeness_quiz.render.glyphs import UNICODE, Glyphs, adapt, bar, fmt_number, fmt_score
from closeness_quiz.render.lines import Lines, columns, row_width
from closeness_quiz.render.terminal import note

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.compare.view import AreaCompare, CompareView, ItemCompare

PAIR_BAR_WIDTH = 12
MIN_PAIR_BAR = 4
PAIR_STYLES = ("blue", "magenta")


def _pair_table(view: CompareView, out: Lines) -> None:
    """Area; each partner's score, band and bar; and the gap, in columns. In a narrow terminal
    the bars shrink, then the band names go, then the bars; failing all that (long names, say),
    one area to a line, as always in plain mode (a table means nothing to a screen reader)."""
    g = out.glyphs
    for bands, bars in ((True, True), (False, True), (True, False), (False, False)):
        if out.plain:
            break
        bare = columns(*_pair_rows(view, bands, 0, g))
        width = min(PAIR_BAR_WIDTH, (out.width - max(row_width(row) for row in bare) - 4) // 2)
        if bars and width < MIN_PAIR_BAR:
            continue
        laid = columns(*_pair_rows(view, bands, width if bars else 0, g))
        if out.fits(laid):
            out.rows(laid)
            return
    for area in view.areas:
        out.para(area.title, style="bold")
        out.para(f"{view.a.label}: {_pair_cell(area.a, area.a_band_label, g, area)}", indent=2)
        out.para(f"{view.b.label}: {_pair_cell(area.b, area.b_band_label, g, area)}", indent=2)
        out.para(f"Gap: {fmt_number(area.gap, g, units=area.units)}", indent=2)


def _pair_cell(score: float | None, band: str | None, glyphs: Glyphs, area: AreaCompare) -> str:
    shown = fmt_score(score, glyphs, units=area.units)
    return f"{shown} {band}" if band else shown


Cells = list[tuple[str, str]]


def _pair_rows(
    view: CompareView, bands: bool, bar_width: int, glyphs: Glyphs = UNICODE
) -> tuple[list[Cells], frozenset[int]]:
    """The table's rows (bars only when bar_width > 0), and its right-aligned (number) columns."""
    per_side = 1 + bands + (bar_width > 0)
    pad = [("", "")] * (per_side - 1)
    rows = [[("Area", "bold"), (view.a.label, "bold"), *pad, (view.b.label, "bold"), *pad]]
    rows[0].append(("Gap", "bold"))
    for area in view.areas:
        bold = "bold" if area is view.overall else ""

        def side(
            score: float | None,
            band: str | None,
            style: str,
            bold: str = bold,
            area: AreaCompare = area,
        ) -> Cells:
            cells = [(fmt_score(score, glyphs, units=area.units), bold)]
            if bands:
                cells.append((band or "", bold))
            if bar_width:
                cells.append((bar(score, bar_width, glyphs, units=area.units), style))
            return cells

        rows.append(
            [
                (area.title, bold),
                *side(area.a, area.a_band_label, PAIR_STYLES[0]),
                *side(area.b, area.b_band_label, PAIR_STYLES[1]),
                (fmt_number(area.gap, glyphs, units=area.units), bold),
            ]
        )
    return rows, frozenset({1, 1 + per_side, 1 + 2 * per_side})


def _compared_items(
    items: tuple[ItemCompare, ...], view: CompareView, out: Lines, *, gap: bool
) -> None:
    for item in items:
        detail = cmp.answers_in_words(item, view)
        if gap:
            detail += f" ({cmp.steps_apart(item)})"
        out.bullet(f"{cmp.quoted(item)} ({item.category_title})", detail)


def render_compare(view: CompareView, console: Console) -> None:
    """Two partners side by side. The same sections, in the same order, as Markdown and HTML."""
    out = Lines.on(console)
    view = adapt(view, out.glyphs)
    out.blank()
    out.para(cmp.heading(view), style="bold underline")
    out.para(cmp.who_and_when(view))
    out.blank()
    out.para(view.intro)
    if view.name_note:
        out.para(view.name_note, style="dim")
    if view.bank_note:
        out.blank()
        out.panel("Different versions of the questions", view.bank_note, border="dim")
    out.blank()
    out.styled((cmp.HEAD_SCORES, "bold"))
    _pair_table(view, out)

    out.blank()
    out.styled((cmp.HEAD_STRENGTHS, "bold"))
    areas_line = cmp.strong_areas_line(view)
    if areas_line:
        out.para(areas_line, style="green")
    if view.strong_items:
        _compared_items(view.strong_items_shown, view, out, gap=False)
    more = cmp.more_strengths_line(view)
    if more:
        out.para(more, style="dim")
    if not areas_line and not view.strong_items:
        out.para(cmp.NO_STRENGTHS)

    for section in [*cmp.difference_sections(view), *cmp.perception_sections(view)]:
        out.blank()
        out.para(section.heading, style="bold")
        for line in section.lines:
            out.para(line)
        for bullet in section.bullets:
            out.bullet(bullet.main, bullet.detail)
        for line in section.after:
            out.para(line, style="dim")

    if view.starters:
        out.blank()
        out.styled((cmp.HEAD_STARTERS, "bold"))
        for starter in view.starters:
            out.bullet(starter.text, cmp.starter_reason(starter, view))
    for closing in view.notes:
        out.blank()
        note(out, closing.title, closing.text)
    out.show(console)
