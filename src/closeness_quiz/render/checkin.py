"""The check-in's report in every format: the blocks of `checkin.blocks` as terminal lines (or
plain text), Markdown, HTML and JSON. Text from files (a name, an idea from a custom guidance
file) is escaped as in every other report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from closeness_quiz.checkin.view import CheckinView, blocks, checkin_json
from closeness_quiz.report.view import blocks as note_blocks

if TYPE_CHECKING:
    from rich.console import Console


def render_checkin(view: CheckinView, console: Console) -> None:
    """On the terminal: headings in bold, each area and idea a bullet, notes as in a report."""
    from closeness_quiz.render.lines import Lines

    out = Lines.on(console)
    for block in blocks(view):
        kind = block[0]
        if kind == "h":
            out.blank()
            out.para(block[1], style="bold")
        elif kind == "li":
            out.bullet(block[1])
        elif kind == "p":
            out.para(block[1])
        else:
            out.blank()
            out.para(block[1], style="bold")
            for part, text in note_blocks(block[2]):
                out.bullet(text) if part == "li" else out.para(text)
    out.show(console)


def checkin_plain(view: CheckinView, width: int) -> str:
    from closeness_quiz.render.plain import Plain

    out = Plain(width)
    for block in blocks(view):
        kind = block[0]
        if kind == "h":
            out.blank()
            out.para(block[1])
        elif kind == "li":
            out.item(block[1])
        elif kind == "p":
            out.para(block[1])
        else:
            out.note(block[1], block[2])
    return out.text()


def checkin_markdown(view: CheckinView) -> str:
    from closeness_quiz.render.markdown import md, md_block, note_markdown

    lines: list[str] = []
    for index, block in enumerate(blocks(view)):
        kind = block[0]
        if kind == "h":
            lines += [f"{'#' if index == 0 else '##'} {md(block[1])}", ""]
        elif kind == "li":
            lines += [f"- {md(block[1])}", ""]
        elif kind == "p":
            lines += [md_block(block[1]), ""]
        else:
            lines += note_markdown(block[1], block[2])
    return "\n".join(lines).rstrip("\n") + "\n"


def checkin_html(view: CheckinView) -> str:
    from closeness_quiz.render.page import esc, page

    parts: list[str] = []
    title = "Check-in"
    for index, block in enumerate(blocks(view)):
        kind = block[0]
        if kind == "h":
            tag = "h1" if index == 0 else "h2"
            title = block[1] if index == 0 else title
            parts.append(f"<{tag}>{esc(block[1])}</{tag}>")
        elif kind == "li":
            parts.append(f"<ul><li>{esc(block[1])}</li></ul>")
        elif kind == "p":
            parts.append(f"<p>{esc(block[1])}</p>")
        else:
            body = "".join(
                f"<ul><li>{esc(text)}</li></ul>" if part == "li" else f"<p>{esc(text)}</p>"
                for part, text in note_blocks(block[2])
            )
            parts.append(f'<div class="note"><strong>{esc(block[1])}</strong>{body}</div>')
    return page(title, "<main>\n" + "\n".join(parts) + "\n</main>")


def checkin_json_text(view: CheckinView) -> str:
    return json.dumps(checkin_json(view), indent=2, ensure_ascii=False) + "\n"
