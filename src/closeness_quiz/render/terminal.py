"""The report in a terminal, with Rich. Honours NO_COLOR (Rich does) and narrow terminals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.record import Record
from closeness_quiz.render.glyphs import NO_SCORE, UNICODE, Glyphs, adapt, bar, fmt_score
from closeness_quiz.render.lines import Lines, columns, row_width
from closeness_quiz.report.view import (
    GOING_WELL,
    HARDER,
    MORE_IDEAS,
    NO_STRENGTHS,
    START_HERE,
    blocks,
    no_ideas,
    not_scored,
    said,
    worse_note,
)

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.report.view import CategoryView, ItemView, ReportView

BAR_WIDTH = 20
MIN_BAR_WIDTH = 6
BAND_STYLES = {"strong": "green", "mixed": "yellow", "strained": "red"}


def quote(item: ItemView, glyphs: Glyphs = UNICODE) -> str:
    before, text, after = said(item)
    return f"{before}{glyphs.open_quote}{text}{glyphs.close_quote}{glyphs.text(after)}"


def note(out: Lines, title: str, text: str) -> None:
    """A note: its title in bold, then its paragraphs and list items (no box, no colour)."""
    out.styled((title, "bold"))
    for kind, block in blocks(text):
        if kind == "li":
            out.bullet(block)
        else:
            out.para(block)


def _scores(view: ReportView, out: Lines) -> None:
    """Area, score, bar and band in columns. In a narrow terminal the bar narrows, then goes,
    then an unscored area's band says just "not scored"; failing all that, one area a line."""
    g = out.glyphs
    for long_labels in (True, False):
        bare = columns(*_score_rows(view, 0, long_labels, g))
        width = min(BAR_WIDTH, out.width - max(row_width(row) for row in bare) - 2)
        laid = columns(*_score_rows(view, width if width >= MIN_BAR_WIDTH else 0, long_labels, g))
        if out.fits(laid):
            out.rows(laid)
            return
    for entry in _score_entries(view, long_labels=False, glyphs=g):
        out.para(entry.title, style="bold")
        out.para(f"{fmt_score(entry.score, g, units=entry.units)}  {entry.band}", indent=2)


class ScoreEntry(Record):
    """One line of the score table before it is laid out."""

    title: str
    score: float | None
    bar_style: str
    band: str
    weight: str  # "bold" for the overall line
    units: Units | None = PERCENT


def _score_entries(
    view: ReportView, *, long_labels: bool, glyphs: Glyphs = UNICODE
) -> list[ScoreEntry]:
    entries: list[ScoreEntry] = [
        ScoreEntry(
            cat.title,
            cat.score,
            BAND_STYLES.get(cat.band or "", ""),
            _band_text(cat, long_labels),
            "",
            cat.units,
        )
        for cat in view.categories
    ]
    if view.overall_units is None:  # the bank gives no overall score: no overall line
        return entries
    style = BAND_STYLES.get(view.overall_band or "", "")
    band = view.overall_band_label or glyphs.no_score
    entries.append(ScoreEntry("Overall", view.overall, style, band, "bold", view.overall_units))
    return entries


def _score_rows(
    view: ReportView, bar_width: int, long_labels: bool, glyphs: Glyphs = UNICODE
) -> tuple[list[list[tuple[str, str]]], frozenset[int]]:
    """The score table's rows (a bar column only when bar_width > 0) and its number column."""
    gap = [("", "")] if bar_width else []
    rows = [[("Area", "bold"), ("Score", "bold"), *gap, ("Band", "bold")]]
    for entry in _score_entries(view, long_labels=long_labels, glyphs=glyphs):
        bold = entry.weight
        bar_cell = (
            [(bar(entry.score, bar_width, glyphs, units=entry.units), entry.bar_style)]
            if bar_width
            else []
        )
        score = fmt_score(entry.score, glyphs, units=entry.units)
        rows.append([(entry.title, bold), (score, bold), *bar_cell, (entry.band, bold)])
    return rows, frozenset({1})


def _band_text(cat: CategoryView, long: bool = True) -> str:
    if cat.band_label:
        return cat.band_label
    if cat.score is not None:  # scored, in a bank with no bands for it
        return NO_SCORE
    return f"not scored ({cat.answered} of {cat.total} answered)" if long else "not scored"


def _category(cat: CategoryView, out: Lines) -> None:
    band = BAND_STYLES.get(cat.band or "", "")
    g = out.glyphs
    out.heading(
        (cat.title, "bold"),
        (f"  {fmt_score(cat.score, g, units=cat.units)}", ""),
        *([(f"{g.dot}{cat.band_label}", band)] if cat.band_label else []),
    )
    if cat.score is None:
        out.para(not_scored(cat))
    if cat.summary:
        out.para(cat.summary)
    if cat.score is None and not cat.hardest:
        return
    out.styled((f"{GOING_WELL}:", "bold"))
    if cat.strengths:
        for strength in cat.strengths_shown:
            out.bullet(quote(strength, g))
    else:
        out.para(NO_STRENGTHS, indent=2)
    if cat.hardest:
        out.styled((f"{HARDER}:", "bold"))
        for hard in cat.hardest_shown:
            out.bullet(quote(hard, g))
    if cat.ideas:
        out.styled((f"{MORE_IDEAS}:", "bold"))
        for idea in cat.ideas:
            out.bullet(idea.text)
    elif (none := no_ideas(cat)) is not None:
        out.para(none, style="dim")


def render_report(view: ReportView, console: Console) -> None:
    """The report with its score table and bars; in plain mode, the plain report instead."""
    out = Lines.on(console)
    if out.plain:
        from closeness_quiz.render.plain import report_plain

        console.file.write(report_plain(view, out.width, out.glyphs))
        console.file.flush()
        return
    view = adapt(view, out.glyphs)
    dot = out.glyphs.dot
    who = f"{dot}{view.name}" if view.name else ""
    when = f"{dot}{view.taken_at[:10]}" if view.taken_at else ""
    out.blank()
    for first in view.first:
        note(out, first.title, first.text)
        out.blank()
    out.para(f"{view.title}{who}{when}", style="bold underline")
    if view.since is not None:
        from closeness_quiz.report.since import since_line  # not on compare's way

        out.para(since_line(view.since))
    out.blank()
    _scores(view, out)
    higher_worse = worse_note(view)
    if higher_worse:
        out.para(higher_worse, style="dim")
    if view.focus:
        out.blank()
        out.styled((START_HERE, "bold underline"))
        for idea in view.focus:
            out.bullet(f"{idea.category_title}: {idea.text}")
    for cat in view.categories:
        out.blank()
        _category(cat, out)
    notes = Lines(out.width, out.glyphs, plain=out.plain)
    for closing in view.notes:  # where to find help ends every report
        notes.blank()
        note(notes, closing.title, closing.text)
    if console.is_terminal and (out.text + notes.text).plain.count("\n") > console.height:
        out.blank()  # the scores are off the top of the screen by now: once more, in a line
        out.para(recap(view, out.glyphs), style="bold")
    out.text.append_text(notes.text)
    out.show(console)


def recap(view: ReportView, glyphs: Glyphs = UNICODE) -> str:
    """'Your scores, from the top: Communication 50.0 Mixed, ..., Overall 49.9 Strained.'"""
    parts = [
        f"{c.title} {fmt_score(c.score, glyphs)} {c.band_label}" if c.band_label else
        f"{c.title} not scored" for c in view.categories
    ]  # fmt: skip
    if view.overall is not None:
        parts.append(f"Overall {fmt_score(view.overall, glyphs)} {view.overall_band_label or ''}")
    return f"Your scores, from the top: {', '.join(p.rstrip() for p in parts)}."
