"""The report in a terminal, with Rich. Honours NO_COLOR (Rich does) and narrow terminals."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from closeness_quiz.report import CategoryView, ItemView, ReportView

BAR_WIDTH = 20
BAND_STYLES = {"strong": "green", "mixed": "yellow", "strained": "red"}


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def fmt_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def quote(item: ItemView) -> str:
    return f"“{item.text}” — {item.answer}"


def _scores_table(view: ReportView) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Area")
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Band")
    for cat in view.categories:
        style = BAND_STYLES.get(cat.band or "", "")
        band = cat.band_label or f"not scored ({cat.answered} of {cat.total} answered)"
        table.add_row(cat.title, fmt_score(cat.score), Text(bar(cat.score), style=style), band)
    style = BAND_STYLES.get(view.overall_band or "", "")
    table.add_row(
        Text("Overall", style="bold"),
        Text(fmt_score(view.overall), style="bold"),
        Text(bar(view.overall), style=style),
        Text(view.overall_band_label or "—", style="bold"),
    )
    return table


def _category(cat: CategoryView) -> Group:
    parts: list[Text | Padding] = []
    head = Text(cat.title, style="bold")
    head.append(f"  {fmt_score(cat.score)}", style="")
    if cat.band_label:
        head.append(f" · {cat.band_label}", style=BAND_STYLES.get(cat.band or "", ""))
    parts.append(head)
    if cat.score is None:
        parts.append(
            Text(
                f"Not scored: {cat.answered} of {cat.total} questions answered (at least half needed)."
            )
        )
    if cat.summary:
        parts.append(Text(cat.summary))
    if cat.strongest:
        parts.append(Text(f"What is going well: {quote(cat.strongest)}", style="green"))
    if cat.weakest:
        parts.append(Text(f"Where it is harder: {quote(cat.weakest)}", style="yellow"))
    if cat.suggestions:
        parts.append(Text("Ideas to try:", style="bold"))
        ideas = Table.grid(padding=(0, 1))  # a bullet column keeps wrapped lines indented
        ideas.add_column(no_wrap=True)
        ideas.add_column()
        for sug in cat.suggestions:
            line = Text(sug.text)
            if sug.because:
                line.append(
                    f"\n(because you answered “{sug.because.answer}” to “{sug.because.text}”)",
                    style="dim",
                )
            ideas.add_row("•", line)
        parts.append(Padding(ideas, (0, 0, 0, 2)))
    elif not cat.has_guidance and cat.score is not None:
        parts.append(
            Text("No suggestions are available for this area in the guidance file.", style="dim")
        )
    return Group(*parts)


def render_report(view: ReportView, console: Console) -> None:
    who = f" · {view.name}" if view.name else ""
    when = f" · {view.taken_at[:10]}" if view.taken_at else ""
    console.print()
    console.print(Text(f"{view.title}{who}{when}", style="bold underline"))
    console.print()
    console.print(_scores_table(view))
    for cat in view.categories:
        console.print()
        console.print(_category(cat))
    console.print()
    if view.counselling:
        console.print(Panel(Text(view.counselling), title="Support", border_style="blue"))
    console.print(Panel(Text(view.not_diagnosis), title="Please keep in mind", border_style="dim"))


def render_private_notice(title: str, text: str, console: Console) -> None:
    """The safety notice: shown on the terminal to the respondent only, never in a report."""
    console.print()
    console.print(Panel(Text(text), title=title, border_style="red"))
