"""Two partners' results side by side in a terminal, with Rich."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from closeness_quiz import compare as cmp
from closeness_quiz.compare import CompareView, ItemCompare
from closeness_quiz.render.terminal import bar, fmt_score

PAIR_BAR_WIDTH = 12
PAIR_STYLES = ("blue", "magenta")


def _pair_cell(score: float | None, band_label: str | None) -> str:
    return f"{fmt_score(score)} {band_label}" if band_label else fmt_score(score)


def _pair_table(view: CompareView) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Area")
    table.add_column(view.a.label, justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(view.b.label, justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Gap", justify="right")
    style_a, style_b = PAIR_STYLES
    for area in (*view.categories, view.overall):
        bold = "bold" if area is view.overall else ""
        table.add_row(
            Text(area.title, style=bold),
            Text(_pair_cell(area.a, area.a_band_label), style=bold),
            Text(bar(area.a, PAIR_BAR_WIDTH), style=style_a),
            Text(_pair_cell(area.b, area.b_band_label), style=bold),
            Text(bar(area.b, PAIR_BAR_WIDTH), style=style_b),
            Text(fmt_score(area.gap), style=bold),
        )
    return table


def _bullets(entries: list[tuple[str, str]]) -> Table:
    """Bulleted entries with a hanging indent: the main line, then a dim detail line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    for main, detail in entries:
        text = Text(main)
        text.append("\n" + detail, style="dim")
        grid.add_row("•", text)
    return grid


def _compared_items(items: tuple[ItemCompare, ...], view: CompareView, *, gap: bool) -> Table:
    entries = []
    for item in items:
        detail = cmp.answers_in_words(item, view)
        if gap:
            detail += f" ({cmp.steps_apart(item)})"
        entries.append((f"“{item.text}” ({item.category_title})", detail))
    return _bullets(entries)


def render_compare(view: CompareView, console: Console) -> None:
    """Two partners side by side. The same sections, in the same order, as Markdown and HTML."""
    console.print()
    console.print(Text(cmp.heading(view), style="bold underline"))
    console.print(Text(cmp.who_and_when(view)))
    console.print()
    console.print(Text(view.intro))
    if view.bank_note:
        console.print()
        console.print(
            Panel(
                Text(view.bank_note),
                title="Different versions of the questions",
                border_style="dim",
            )
        )

    console.print()
    console.print(Text(cmp.HEAD_SCORES, style="bold"))
    console.print(_pair_table(view))

    console.print()
    console.print(Text(cmp.HEAD_STRENGTHS, style="bold"))
    areas_line = cmp.strong_areas_line(view)
    if areas_line:
        console.print(Text(areas_line, style="green"))
    if view.strong_items:
        console.print(_compared_items(view.strong_items_shown, view, gap=False))
    more = cmp.more_strengths_line(view)
    if more:
        console.print(Text(more, style="dim"))
    if not areas_line and not view.strong_items:
        console.print(Text(cmp.NO_STRENGTHS))

    console.print()
    console.print(Text(cmp.HEAD_DIFFERENT, style="bold"))
    if view.items:
        console.print(_compared_items(view.items, view, gap=True))
    else:
        console.print(Text(cmp.NO_DIFFERENCES))

    if view.starters:
        console.print()
        console.print(Text(cmp.HEAD_STARTERS, style="bold"))
        entries = [(s.text, cmp.starter_reason(s, view)) for s in view.starters]
        console.print(_bullets(entries))
    console.print()
    if view.counselling:
        console.print(Panel(Text(view.counselling), title="Support", border_style="blue"))
    console.print(Panel(Text(view.not_diagnosis), title="Please keep in mind", border_style="dim"))
