"""The report in a terminal, with Rich. Honours NO_COLOR (Rich does) and narrow terminals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.render.lines import Lines, bar, cells, columns, fmt_score

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.report import CategoryView, ItemView, ReportView

BAR_WIDTH = 20
MIN_BAR_WIDTH = 6
BAND_STYLES = {"strong": "green", "mixed": "yellow", "strained": "red"}


def quote(item: ItemView) -> str:
    return f"“{item.text}” — {item.answer}"


def _scores(view: ReportView, out: Lines) -> None:
    """Area, score, bar and band in columns. The bar narrows to fit a narrow terminal, and is
    left out where even a short one would not fit."""
    rows = [
        (cat.title, cat.score, BAND_STYLES.get(cat.band or "", ""), _band_text(cat), "")
        for cat in view.categories
    ]
    overall_style = BAND_STYLES.get(view.overall_band or "", "")
    rows.append(("Overall", view.overall, overall_style, view.overall_band_label or "—", "bold"))
    fixed = max(cells(r[0]) for r in rows) + max(cells(r[3]) for r in rows) + 11  # score 5, gaps 6
    width = min(BAR_WIDTH, out.width - fixed)
    shown = width >= MIN_BAR_WIDTH
    table = [
        [("Area", "bold"), ("Score", "bold"), *([("", "")] if shown else []), ("Band", "bold")]
    ]
    for title, score, style, label, bold in rows:
        bar_cell = [(bar(score, width), style)] if shown else []
        table.append([(title, bold), (fmt_score(score), bold), *bar_cell, (label, bold)])
    for row in columns(table, right=frozenset({1})):
        out.styled(*row)


def _band_text(cat: CategoryView) -> str:
    return cat.band_label or f"not scored ({cat.answered} of {cat.total} answered)"


def _category(cat: CategoryView, out: Lines) -> None:
    band = BAND_STYLES.get(cat.band or "", "")
    out.styled(
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
    elif not cat.has_guidance and cat.score is not None:
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
