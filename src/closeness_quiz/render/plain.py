"""The report as plain text, for screen readers and terminals that can't move the cursor.

No escape sequences, no boxes, bars or exotic bullets: headings on lines of their own, scores
in words and numbers ("Communication: 43.8 out of 100, Strained"), and every idea, statement
and score on its own line starting with "- " (a long one wraps, its next lines indented two
spaces). The same view, and the same sections in the same order, as every other format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeness_quiz.content.records import PERCENT, Units
from closeness_quiz.render.display import MIN_WIDTH
from closeness_quiz.render.glyphs import PLAIN, Glyphs, adapt, plain_punctuation
from closeness_quiz.render.lines import wrap
from closeness_quiz.report.since import since_line
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
    from closeness_quiz.report.view import CategoryView, ItemView, ReportView


class Plain:
    """Plain lines no wider than `width`: paragraphs, and items that start with "- "."""

    def __init__(self, width: int) -> None:
        self.width = max(width, MIN_WIDTH)
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def para(self, text: str) -> None:
        self.lines.extend(wrap(text, self.width))

    def item(self, text: str) -> None:
        for index, line in enumerate(wrap(text, self.width - 2)):
            self.lines.append(("- " if index == 0 else "  ") + line)

    def note(self, title: str, text: str) -> None:
        self.blank()
        self.para(title)
        for kind, block in blocks(text):
            if kind == "li":
                self.item(block)
            else:
                self.para(block)

    def text(self) -> str:
        return "\n" + "\n".join(self.lines).strip("\n") + "\n"


def out_of_100(score: float | None, band: str | None, units: Units = PERCENT) -> str:
    """'43.8 out of 100, Strained' (or '3.57 on 1-5', '16 of 21'): a score as words and
    numbers."""
    if score is None:
        return "not scored"
    words = (
        f"{score:.1f} out of 100"
        if units.method == "percent"
        else plain_punctuation(units.text(score))  # '1-5': no dash a screen reader may skip
    )
    return words + (f", {band}" if band else "")


def quoted(item: ItemView, glyphs: Glyphs = PLAIN) -> str:
    """'"..." (Often)': the answer in brackets, so a wrapped line never starts with a dash."""
    before, text, after = said(item)
    answer = f" ({item.answer})" if after else ""
    return glyphs.text(f'{before}"{text}"{answer}')


def _area_score(cat: CategoryView) -> str:
    if cat.score is None:
        return f"{cat.title}: not scored, {cat.answered} of {cat.total} questions answered"
    return f"{cat.title}: {out_of_100(cat.score, cat.band_label, cat.units)}"


def _category(cat: CategoryView, out: Plain, glyphs: Glyphs) -> None:
    out.blank()
    out.para(_area_score(cat))
    if cat.score is None:
        out.para(not_scored(cat))
    if cat.summary:
        out.para(cat.summary)
    if cat.score is None and not cat.hardest:
        return
    out.para(f"{GOING_WELL}:")
    if cat.strengths:
        for strength in cat.strengths_shown:
            out.item(quoted(strength, glyphs))
    else:
        out.item(NO_STRENGTHS)
    if cat.hardest:
        out.para(f"{HARDER}:")
        for hard in cat.hardest_shown:
            out.item(quoted(hard, glyphs))
    if cat.ideas:
        out.para(f"{MORE_IDEAS}:")
        for idea in cat.ideas:
            out.item(idea.text)
    elif (none := no_ideas(cat)) is not None:
        out.para(none)


def report_plain(view: ReportView, width: int, glyphs: Glyphs = PLAIN) -> str:
    """The whole report as plain text: the notes that come first (the private notice after a
    safety signal, support for oneself in a report for oneself), the
    title, the scores, "Start here", each area, then the closing notes."""
    view = adapt(view, glyphs)
    out = Plain(width)
    for first in view.first:
        out.note(first.title, first.text)
    out.blank()
    out.para(view.title)
    who = [f"for {view.name}"] if view.name else []
    if view.taken_at:
        who.append(f"taken on {view.taken_at[:10]}")
    if who:
        out.para(("Results " + ", ".join(who)) + ".")
    if view.since is not None:
        out.para(since_line(view.since))
    out.blank()
    out.para("Scores:")
    for cat in view.categories:
        out.item(_area_score(cat))
    if view.overall_units is not None:
        overall = out_of_100(view.overall, view.overall_band_label, view.overall_units)
        out.item(f"Overall: {overall}")
    note = worse_note(view)
    if note:
        out.para(note)
    if view.focus:
        out.blank()
        out.para(f"{START_HERE}:")
        for idea in view.focus:
            out.item(f"{idea.category_title}: {idea.text}")
    for cat in view.categories:
        _category(cat, out, glyphs)
    for closing in view.notes:
        out.note(closing.title, closing.text)
    return out.text()
