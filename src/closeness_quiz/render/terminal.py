"""The report in a terminal, with Rich. Honours NO_COLOR (Rich does) and narrow terminals."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from closeness_quiz.render.glyphs import bar, fmt_score
from closeness_quiz.render.lines import Lines, columns, row_width

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.report import CategoryView, ItemView, ReportView

BAR_WIDTH = 20
MIN_BAR_WIDTH = 6
BAND_STYLES = {"strong": "green", "mixed": "yellow", "strained": "red"}


def quote(item: ItemView) -> str:
    return f"“{item.text}” — {item.answer}"


def _scores(view: ReportView, out: Lines) -> None:
    """Area, score, bar and band in columns. In a narrow terminal the bar narrows, then goes,
    then an unscored area's band says just "not scored"; failing all that, one area a line."""
    for long_labels in (True, False):
        plain = columns(*_score_rows(view, 0, long_labels))
        width = min(BAR_WIDTH, out.width - max(row_width(row) for row in plain) - 2)
        laid = columns(*_score_rows(view, width if width >= MIN_BAR_WIDTH else 0, long_labels))
        if out.fits(laid):
            out.rows(laid)
            return
    for entry in _score_entries(view, long_labels=False):
        out.para(entry.title, style="bold")
        out.para(f"{fmt_score(entry.score)}  {entry.band}", indent=2)


class ScoreEntry(NamedTuple):
    """One line of the score table before it is laid out."""

    title: str
    score: float | None
    bar_style: str
    band: str
    weight: str  # "bold" for the overall line


def _score_entries(view: ReportView, *, long_labels: bool) -> list[ScoreEntry]:
    entries: list[ScoreEntry] = [
        ScoreEntry(
            cat.title,
            cat.score,
            BAND_STYLES.get(cat.band or "", ""),
            _band_text(cat, long_labels),
            "",
        )
        for cat in view.categories
    ]
    style = BAND_STYLES.get(view.overall_band or "", "")
    entries.append(
        ScoreEntry("Overall", view.overall, style, view.overall_band_label or "—", "bold")
    )
    return entries


def _score_rows(
    view: ReportView, bar_width: int, long_labels: bool
) -> tuple[list[list[tuple[str, str]]], frozenset[int]]:
    """The score table's rows (a bar column only when bar_width > 0) and its number column."""
    gap = [("", "")] if bar_width else []
    rows = [[("Area", "bold"), ("Score", "bold"), *gap, ("Band", "bold")]]
    for entry in _score_entries(view, long_labels=long_labels):
        bold = entry.weight
        bar_cell = [(bar(entry.score, bar_width), entry.bar_style)] if bar_width else []
        rows.append(
            [(entry.title, bold), (fmt_score(entry.score), bold), *bar_cell, (entry.band, bold)]
        )
    return rows, frozenset({1})


def _band_text(cat: CategoryView, long: bool = True) -> str:
    if cat.band_label:
        return cat.band_label
    return f"not scored ({cat.answered} of {cat.total} answered)" if long else "not scored"


def _category(cat: CategoryView, out: Lines) -> None:
    band = BAND_STYLES.get(cat.band or "", "")
    out.heading(
        (cat.title, "bold"),
        (f"  {fmt_score(cat.score)}", ""),
        *([(f" · {cat.band_label}", band)] if cat.band_label else []),
    )
    if cat.score is None:
        out.para(
            f"Not scored: {cat.answered} of {cat.total} questions answered (at least half needed)."
        )
    if cat.summary:
        out.para(cat.summary)
    if cat.strongest:
        out.para(f"What is going well: {quote(cat.strongest)}", style="green")
    if cat.weakest:
        out.para(f"Where it is harder: {quote(cat.weakest)}", style="yellow")
    if cat.suggestions:
        out.styled(("Ideas to try:", "bold"))
        for sug in cat.suggestions:
            because = (
                f"(because you answered “{sug.because.answer}” to “{sug.because.text}”)"
                if sug.because
                else None
            )
            out.bullet(sug.text, because)
    elif not cat.has_suggestions and cat.score is not None:
        out.para("No suggestions are available for this area in the guidance file.", style="dim")


def render_report(view: ReportView, console: Console) -> None:
    who = f" · {view.name}" if view.name else ""
    when = f" · {view.taken_at[:10]}" if view.taken_at else ""
    out = Lines(console.width)
    out.blank()
    out.para(f"{view.title}{who}{when}", style="bold underline")
    out.blank()
    _scores(view, out)
    for cat in view.categories:
        out.blank()
        _category(cat, out)
    out.blank()
    if view.counselling:
        out.panel("Support", view.counselling, border="blue")
    out.panel("Please keep in mind", view.not_diagnosis, border="dim")
    console.print(out.text, soft_wrap=True, end="")


def render_private_notice(title: str, text: str, console: Console) -> None:
    """The safety notice: shown on the terminal to the respondent only, never in a report."""
    out = Lines(console.width)
    out.blank()
    out.panel(title, text, border="red")
    console.print(out.text, soft_wrap=True, end="")
