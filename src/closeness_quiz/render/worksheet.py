"""The paper worksheet as Markdown, and the wording it shares with the HTML page
(render/paper.py).

The HTML is one self-contained file made for paper: black on white with real boxes to tick,
no question split across pages, the reflection, the private safety page and the scoring key
each starting on a new page, and margins that suit both A4 and Letter. The boxes are radio
inputs, so the page can also be filled in on screen, one answer per statement."""

from __future__ import annotations

from closeness_quiz.content.scale import DEFAULT_SCALE
from closeness_quiz.render.markdown import fenced, md, md_block
from closeness_quiz.worksheet.build import wrap_command
from closeness_quiz.worksheet.views import (
    KeyBand,
    ScoringKey,
    SheetItem,
    SheetSection,
    WorksheetView,
)

SUBTITLE = "A worksheet to fill in by hand"
KEY_TITLE = "Scoring key (for the counsellor)"
KEY_INTRO = (
    "This part is for the counsellor. Keep it apart from the pages you hand out, so the "
    "client can answer freely."
)
PRIVATE_KEY_NOTE = (
    "The private page (the safety statements) belongs to the client alone: read it and talk "
    "about it only with the client on their own, never with their partner in the room. It is "
    "not scored. Where an answer there suggests fear or harm, offer support for the client "
    "first; couples work is not the right first step."
)
COMPUTER_INTRO = (
    "To score a filled-in sheet on a computer, and to see the full report with suggestions "
    "tailored to the answers, copy the ticks into a file named {name} laid out like the "
    "template below, then run:"
)
COMPUTER_AFTER = (
    "It shows the report and saves the result privately. Add {name} to label the result, "
    "or {no_save} to see the report without saving anything."
)
NO_REVERSE = "None of the statements in this bank is reverse-keyed."


def numbers(section: SheetSection) -> str:
    if not section.items:
        return ""
    first, last = section.items[0].number, section.items[-1].number
    return str(first) if first == last else f"{first}\u2013{last}"


def reverse_numbers(section: SheetSection) -> str:
    return ", ".join(str(i.number) for i in section.items if i.reverse) or "none"


def band_note(band: KeyBand) -> str:
    return "the report also suggests counselling support" if band.counselling else ""


def example_text(key: ScoringKey) -> str:
    ex = key.example
    if isinstance(ex, str):  # another bank's own scoring, worked out in words
        return ex
    ticked = ", ".join(str(v) for v in ex.ticked)
    keyed = ", ".join(str(v) for v in ex.keyed)
    mean = sum(ex.keyed) / len(ex.keyed)
    if ex.reverse_index is None:
        counted = f"For example, for an area of {len(ex.ticked)} statements ticked {ticked}"
    else:
        nth = ("first", "second", "third", "fourth")[ex.reverse_index]
        counted = (
            f"For example, an area of {len(ex.ticked)} statements ticked {ticked}, where the "
            f"{nth} is reverse-keyed, counts as {keyed}"
        )
    span = DEFAULT_SCALE.span  # the worked example is the default scale's (0 to 4)
    return (
        f"{counted}: the mean is {mean:g}, and {mean:g} \u00f7 {span} \u00d7 100 = {ex.score:.1f}."
    )


# --- Markdown ---------------------------------------------------------------------------


def box_labels(item: SheetItem, view: WorksheetView) -> list[str]:
    """The boxes of one statement: its own choices, then its not-applicable box if any."""
    labels = [c.label for c in item.choices or view.scale]
    return [*labels, item.not_applicable] if item.not_applicable else labels


def _md_item(item: SheetItem, view: WorksheetView) -> list[str]:
    # Two trailing spaces: a hard line break, so the boxes sit right under their statement.
    boxes = "   ".join(f"[ ] {md(label)}" for label in box_labels(item, view))
    return [f"**{item.number}.** {md(item.text)}  ", boxes, ""]


def _md_key(key: ScoringKey) -> list[str]:
    out = ["---", "", f"# {KEY_TITLE}", "", md_block(KEY_INTRO), ""]
    if key.has_private:
        out += [f"**{md(PRIVATE_KEY_NOTE)}**", ""]
    out += ["## 1. Give each tick its value", ""]
    for heading, choices in key.values or (("", key.scale),):
        if heading:
            out += [f"*{md(heading)}:*", ""]
        out += ["| Box | Value |", "|---|---:|"]
        out += [f"| {md(c.label)} | {c.value} |" for c in choices]
        out.append("")
    out += ["## 2. Turn round the reverse-keyed statements", ""]
    if key.reverse_items:
        out += [md_block(key.reverse_intro), ""]
        out += [f"- **{i.number}.** {md(i.text)} ({md(i.id)})" for i in key.reverse_items]
    else:
        out.append(NO_REVERSE)
    out += ["", "## 3. Score each area", "", md_block(key.area_steps), ""]
    out += [
        "| Area | Statements | Reverse-keyed | Score only with at least |",
        "|---|---|---|---:|",
    ]
    for section in key.sections:
        out.append(
            f"| {md(section.title)} | {numbers(section)} | {reverse_numbers(section)} "
            f"| {section.needed} answered |"
        )
    out += ["", md_block(example_text(key)), "", md_block(key.overall_step), ""]
    out += ["## 4. Read the band", "", "| Band | Score | Note |", "|---|---|---|"]
    out += [f"| {md(b.label)} | {b.range_text} | {band_note(b)} |" for b in key.bands]
    out += ["", "## 5. Or score it on a computer", ""]
    out += [md_block(COMPUTER_INTRO.format(name=key.answers_name)), ""]
    out += [
        *fenced("\n".join(wrap_command(key.command)), "sh"),
        "",
        COMPUTER_AFTER.format(name="`--name NAME`", no_save="`--no-save`"),
        "",
    ]
    out += [f"Template for {md(key.answers_name)}:", "", *fenced(key.answers_template, "yaml")]
    out += [""]
    return out


def worksheet_markdown(view: WorksheetView) -> str:
    out = [f"# {md(view.title)}", "", f"*{SUBTITLE}*", ""]
    out += ["Name: ______________________________   Date: ____________________", ""]
    out += ["## About this worksheet", "", md_block(view.about), ""]
    out += ["## How to answer", "", md_block(view.how_to), ""]
    for section in view.sections:
        out += [f"## {md(section.title)}", ""]
        if section.description:
            out += [f"*{md(section.description)}*", ""]
        for item in section.items:
            out += _md_item(item, view)
    if view.reflection:
        out += ["## To reflect on", "", md_block(view.reflection_intro), ""]
        out += [f"{n}. {md(q)}" for n, q in enumerate(view.reflection, 1)]
        out.append("")
    if view.private is not None:
        part = view.private
        out += [
            "---",
            "",
            "\u2702 - - - - - - - - - - you may tear off this part - - - - - - - - - -",
            "",
        ]
        out += [f"## {md(part.title)}", "", md_block(part.intro), ""]
        for item in part.items:
            out += _md_item(item, view)
        out += [f"**{md(part.help_title)}.** {md(part.help)}", ""]
    if view.key is not None:
        out += _md_key(view.key)
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML -------------------------------------------------------------------------------
