"""The report and the comparison as Markdown: CommonMark with GitHub-style tables for the
scores, which reads as plain text too. A trailing backslash is CommonMark's line break. Same content as the terminal view, never any safety
notice. Text from files and names is escaped, so it can't turn into links, HTML or markup."""

from __future__ import annotations

import re

from closeness_quiz.compare import words as cmp
from closeness_quiz.compare.view import AreaCompare, CompareView, ItemCompare
from closeness_quiz.render.glyphs import bar, fmt_number, fmt_score
from closeness_quiz.report.since import since_line
from closeness_quiz.report.view import (
    GOING_WELL,
    HARDER,
    MORE_IDEAS,
    NO_STRENGTHS,
    START_HERE,
    CategoryView,
    ItemView,
    ReportView,
    blocks,
    no_ideas,
    not_scored,
    said,
    worse_note,
)

BAR_WIDTH = 10
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md(text: str) -> str:
    """Inline text, whitespace collapsed and Markdown punctuation escaped."""
    text = " ".join(str(text).split())
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def fenced(text: str, info: str = "") -> list[str]:
    """`text` as a Markdown code block whose fence is longer than any run of backticks in
    it, so nothing from a file (a label holding ```) can end the block early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, text.rstrip("\n"), fence]


def md_block(text: str) -> str:
    """A paragraph: as `md`, and it can't start a heading, list or quote by accident."""
    escaped = md(text)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group(2)
        escaped = (
            escaped[: match.start(2)]
            + (f"{marker[:-1]}\\{marker[-1]}" if marker[0].isdigit() else f"\\{marker}")
            + escaped[match.end(2) :]
        )
    return escaped


def _table(head: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    rule = {"l": "---", "r": "---:"}
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule[a] for a in align) + " |"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def _quote(item: ItemView) -> str:
    before, text, after = said(item)
    # md() trims the spaces these words end or start with
    head = f"{md(before)} " if before else ""
    tail = f" {md(after)}" if after else ""
    return f"{head}\u201c{md(text)}\u201d{tail}"


def _category(cat: CategoryView) -> list[str]:
    head = f"## {md(cat.title)}: {md(fmt_score(cat.score, units=cat.units))}"
    if cat.band_label:
        head += f" \u00b7 {md(cat.band_label)}"
    lines = [head, ""]
    if cat.score is None:
        lines += [not_scored(cat), ""]
    if cat.summary:
        lines += [md_block(cat.summary), ""]
    if cat.score is None and not cat.hardest:
        return lines
    lines += [f"**{GOING_WELL}:**", ""]
    if cat.strengths:
        lines += [*(f"- {_quote(s)}" for s in cat.strengths_shown), ""]
    else:
        lines += [md_block(NO_STRENGTHS), ""]
    if cat.hardest:
        lines += [f"**{HARDER}:**", "", *(f"- {_quote(h)}" for h in cat.hardest_shown), ""]
    if cat.ideas:
        lines += [f"**{MORE_IDEAS}:**", "", *(f"- {md(i.text)}" for i in cat.ideas), ""]
    elif (none := no_ideas(cat)) is not None:
        lines += [f"*{none}*", ""]
    return lines


def note_markdown(title: str, text: str) -> list[str]:
    """A note as a block quote: bold title, then its paragraphs and list items."""
    lines = [f"> **{md(title)}**", ">"]
    for kind, block in blocks(text):
        lines.append(f"> - {md(block)}" if kind == "li" else f"> {md_block(block)}")
    return [*lines, ""]


def report_markdown(view: ReportView) -> str:
    """One person's report: scores, where to start, each area, then the notes."""
    lines = [f"# {md(view.title)}", ""]
    for first in view.first:
        lines += note_markdown(first.title, first.text)
    meta = " \u00b7 ".join(md(x) for x in (view.name, view.taken_at[:10]) if x)
    if meta:
        lines += [meta, ""]
    if view.since is not None:
        lines += [md(since_line(view.since)), ""]
    rows = []
    for cat in view.categories:
        band = (
            md(cat.band_label)
            if cat.band_label
            else "\u2014"  # scored, in a bank with no bands for it
            if cat.score is not None
            else f"not scored ({cat.answered} of {cat.total} answered)"
        )
        units = cat.units
        rows.append(
            [
                md(cat.title),
                md(fmt_score(cat.score, units=units)),
                bar(cat.score, BAR_WIDTH, units=units),
                band,
            ]
        )
    if view.overall_units is not None:  # the bank gives no overall score: no overall row
        rows.append(
            [
                "**Overall**",
                f"**{md(fmt_score(view.overall, units=view.overall_units))}**",
                bar(view.overall, BAR_WIDTH, units=view.overall_units),
                f"**{md(view.overall_band_label)}**" if view.overall_band_label else "\u2014",
            ]
        )
    lines += [*_table(["Area", "Score", "", "Band"], ["l", "r", "l", "l"], rows), ""]
    note = worse_note(view)
    if note:
        lines += [f"*{md(note)}*", ""]
    if view.focus:
        lines += [f"## {START_HERE}", ""]
        lines += [f"- {md(i.text)} *({md(i.category_title)})*" for i in view.focus]
        lines.append("")
    for cat in view.categories:
        lines += _category(cat)
    for closing in view.notes:
        lines += note_markdown(closing.title, closing.text)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- comparison ---------------------------------------------------------------------------


def _pair_table(view: CompareView) -> list[str]:
    rows = []
    for area in view.areas:
        bold = area is view.overall
        title = f"**{md(area.title)}**" if bold else md(area.title)

        def cell(score: float | None, band: str | None, area: AreaCompare = area) -> str:
            shown = md(fmt_score(score, units=area.units))
            return f"{shown} {md(band)}" if band else shown

        rows.append(
            [
                title,
                cell(area.a, area.a_band_label),
                bar(area.a, BAR_WIDTH, units=area.units),
                cell(area.b, area.b_band_label),
                bar(area.b, BAR_WIDTH, units=area.units),
                fmt_number(area.gap, units=area.units),
            ]
        )
    head = ["Area", md(view.a.label), "", md(view.b.label), "", "Gap"]
    return _table(head, ["l", "r", "l", "r", "l", "r"], rows)


def _item(item: ItemCompare, view: CompareView, *, gap: bool) -> list[str]:
    detail = md(cmp.answers_in_words(item, view))
    if gap:
        detail += f" ({cmp.steps_apart(item)})"
    return [f"- {md(cmp.quoted(item))} ({md(item.category_title)})\\", f"  {detail}"]


def _section(section: cmp.Section) -> list[str]:
    lines = [f"## {md(section.heading)}", ""]
    for line in section.lines:
        lines += [md_block(line), ""]
    for bullet in section.bullets:
        if bullet.detail:
            lines += [f"- {md(bullet.main)}\\", f"  *{md(bullet.detail)}*"]
        else:
            lines.append(f"- {md(bullet.main)}")
    if section.bullets:
        lines.append("")
    for line in section.after:
        lines += [f"*{md(line)}*", ""]
    return lines


def compare_markdown(view: CompareView) -> str:
    """Two partners side by side, with the same sections as the terminal and HTML views."""
    lines = [f"# {md(cmp.heading(view))}", "", md(cmp.who_and_when(view)), ""]
    lines += [md_block(view.intro), ""]
    if view.name_note:
        lines += [f"*{md(view.name_note)}*", ""]
    if view.bank_note:
        lines += [f"> **Different versions of the questions:** {md(view.bank_note)}", ""]
    lines += [f"## {cmp.HEAD_SCORES}", "", *_pair_table(view), ""]

    lines += [f"## {cmp.HEAD_STRENGTHS}", ""]
    areas_line = cmp.strong_areas_line(view)
    if areas_line:
        lines += [md_block(areas_line), ""]
    if view.strong_items:
        for item in view.strong_items_shown:
            lines += _item(item, view, gap=False)
        lines.append("")
        more = cmp.more_strengths_line(view)
        if more:
            lines += [md_block(more), ""]
    if not areas_line and not view.strong_items:
        lines += [md_block(cmp.NO_STRENGTHS), ""]

    for section in [*cmp.difference_sections(view), *cmp.perception_sections(view)]:
        lines += _section(section)

    if view.starters:
        lines += [f"## {cmp.HEAD_STARTERS}", ""]
        for starter in view.starters:
            lines += [f"- {md(starter.text)}\\", f"  *{md(cmp.starter_reason(starter, view))}*"]
        lines.append("")
    for closing in view.notes:
        lines += note_markdown(closing.title, closing.text)
    return "\n".join(lines).rstrip("\n") + "\n"
