"""The paper worksheet as a printable HTML page (black, white and grey; a page per part)."""

from __future__ import annotations

from html import escape

from closeness_quiz.render.page import page
from closeness_quiz.render.worksheet import (
    COMPUTER_AFTER,
    COMPUTER_INTRO,
    KEY_INTRO,
    KEY_TITLE,
    NO_REVERSE,
    PRIVATE_KEY_NOTE,
    SUBTITLE,
    band_note,
    box_labels,
    example_text,
    numbers,
    reverse_numbers,
)
from closeness_quiz.worksheet.build import wrap_command
from closeness_quiz.worksheet.views import ScoringKey, SheetItem, WorksheetView

CSS = """
@page { margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body {
  font-family: "Liberation Sans", "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.4; margin: 0 auto; max-width: 48rem; padding: 1.5rem 1rem;
}
h1 { font-size: 20pt; margin: 0; line-height: 1.2; }
h2 { font-size: 14pt; margin: 1.2em 0 .2em; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
h2, h3, .lead { break-after: avoid; page-break-after: avoid; }
p { margin: .35em 0; }
.subtitle { font-style: italic; margin: .2em 0 .8em; }
.who { display: flex; gap: 1.5em; align-items: flex-end; margin: .6em 0 1em; }
.who span.field { flex: 3; border-bottom: 1pt solid #000; height: 1.4em; }
.who span.field.date { flex: 1.3; }
.lead { font-style: italic; margin-bottom: .5em; }
.q { break-inside: avoid; page-break-inside: avoid; padding: .45em 0 .5em;
     border-bottom: .5pt solid #000; }
.q:last-child { border-bottom: none; }
.q p { margin: 0 0 .35em; }
.num { font-weight: bold; display: inline-block; min-width: 1.8em; margin-right: .4em; }
.choices { display: grid; grid-template-columns: repeat(5, 1fr); gap: 0 .4em;
           margin-left: 1.8em; border: 0; padding: 0; }
.choices label { display: flex; align-items: center; gap: .35em; font-size: 10pt; }
.choices input {
  appearance: none; -webkit-appearance: none; margin: 0; flex: none;
  width: 12pt; height: 12pt; border: 1.2pt solid #000; border-radius: 0; background: #fff;
}
.choices input:checked { background: #000; box-shadow: inset 0 0 0 2pt #fff; }
.choices legend { position: absolute; left: -9999px; }
section.area > .q:first-of-type { break-before: avoid; page-break-before: avoid; }
.page { break-before: page; page-break-before: always; }
.reflect li { break-inside: avoid; page-break-inside: avoid; margin: 0 0 .8em; }
.reflect .lines { margin-top: .2em; }
.reflect .lines span { display: block; height: 2.1em; border-bottom: .75pt solid #000; }
.note { border: 1pt solid #000; padding: .5em .8em; margin: 1.2em 0;
        break-inside: avoid; page-break-inside: avoid; }
.note strong { display: block; }
.tear { text-align: center; border-top: 1.2pt dashed #000; padding-top: .3em;
        margin: 0 0 .8em; font-size: 10pt; }
.private h2 { border-bottom-style: double; border-bottom-width: 3pt; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border: .75pt solid #000; padding: .25em .45em; text-align: left; vertical-align: top; }
th { font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
table.values { width: auto; min-width: 14em; }
code { white-space: nowrap; font-size: .92em; }
.key h2 { font-size: 13pt; }
.key ol.rev { padding-left: 2.2em; margin: .3em 0; }
.key ol.rev li { break-inside: avoid; page-break-inside: avoid; }
code, pre { font-family: "Liberation Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; }
pre.cmd { border: 1pt solid #000; padding: .4em .6em; font-size: 10pt; white-space: pre-wrap; }
pre.template { font-size: 8.3pt; line-height: 1.3; border: .75pt solid #000; padding: .5em .6em;
               white-space: pre-wrap; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .choices label { font-size: 9.5pt; }
}
"""


ONE_ROW = 7  # the most boxes set in one row across the page


def _choices(item: SheetItem, view: WorksheetView, group: str) -> str:
    name = escape(f"{group}-{item.id}")
    values = [str(c.value) for c in item.choices or view.scale] + ["not-applicable"]
    labels = "".join(
        f'<label><input type="radio" name="{name}" value="{escape(value)}">{escape(label)}</label>'
        for value, label in zip(values, box_labels(item, view), strict=False)
    )
    legend = f"<legend>Statement {item.number}</legend>"
    count = len(box_labels(item, view))
    # One row of boxes, lowest to highest, up to seven; more go in two even rows.
    across = count if count <= ONE_ROW else (count + 1) // 2
    style = "" if across == 5 else f' style="grid-template-columns: repeat({across}, 1fr)"'
    return f'<fieldset class="choices"{style}>{legend}{labels}</fieldset>'


def _html_item(item: SheetItem, view: WorksheetView, group: str) -> str:
    return (
        f'<div class="q"><p><span class="num">{item.number}.</span>{escape(item.text)}</p>'
        f"{_choices(item, view, group)}</div>"
    )


def _html_key(key: ScoringKey) -> str:
    tables = []
    for heading, choices in key.values or (("", key.scale),):
        rows = "".join(
            f'<tr><td>{escape(c.label)}</td><td class="n">{c.value}</td></tr>' for c in choices
        )
        lead = f"<h3>{escape(heading)}</h3>" if heading else ""
        tables.append(
            f'{lead}<table class="values"><thead><tr><th>Box</th><th>Value</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    parts = [
        f'<section class="key page"><h1>{escape(KEY_TITLE)}</h1><p>{escape(KEY_INTRO)}</p>',
        f"<p><strong>{escape(PRIVATE_KEY_NOTE)}</strong></p>" if key.has_private else "",
        "<h2>1. Give each tick its value</h2>",
        *tables,
        "<h2>2. Turn round the reverse-keyed statements</h2>",
    ]
    if key.reverse_items:
        items = "".join(
            f'<li value="{i.number}">{escape(i.text)} <code>({escape(i.id)})</code></li>'
            for i in key.reverse_items
        )
        parts.append(f'<p>{escape(key.reverse_intro)}</p><ol class="rev">{items}</ol>')
    else:
        parts.append(f"<p>{escape(NO_REVERSE)}</p>")
    area_rows = "".join(
        f"<tr><td>{escape(s.title)}</td><td>{numbers(s)}</td><td>{reverse_numbers(s)}</td>"
        f'<td class="n">{s.needed} answered</td></tr>'
        for s in key.sections
    )
    band_rows = "".join(
        f"<tr><td>{escape(b.label)}</td><td>{escape(b.range_text)}</td>"
        f"<td>{escape(band_note(b))}</td></tr>"
        for b in key.bands
    )
    parts += [
        "<h2>3. Score each area</h2>",
        f"<p>{escape(key.area_steps)}</p>",
        "<table><thead><tr><th>Area</th><th>Statements</th><th>Reverse-keyed</th>"
        f"<th>Score only with at least</th></tr></thead><tbody>{area_rows}</tbody></table>",
        f"<p>{escape(example_text(key))}</p><p>{escape(key.overall_step)}</p>",
        "<h2>4. Read the band</h2>",
        "<table><thead><tr><th>Band</th><th>Score</th><th>Note</th></tr></thead>"
        f"<tbody>{band_rows}</tbody></table>",
        '<div class="computer"><h2>5. Or score it on a computer</h2>',
        f"<p>{escape(COMPUTER_INTRO.format(name=key.answers_name))}</p>",
        f'<pre class="cmd">{escape(chr(10).join(wrap_command(key.command)))}</pre>',
        "<p>"
        + COMPUTER_AFTER.format(name="<code>--name NAME</code>", no_save="<code>--no-save</code>")
        + "</p></div>",
        f"<h3>Template for {escape(key.answers_name)}</h3>",
        f'<pre class="template">{escape(key.answers_template)}</pre>',
        "</section>",
    ]
    return "\n".join(parts)


def worksheet_html(view: WorksheetView) -> str:
    parts = [
        f"<header><h1>{escape(view.title)}</h1>",
        f'<p class="subtitle">{escape(SUBTITLE)}</p>',
        '<div class="who"><span>Name</span><span class="field"></span>'
        '<span>Date</span><span class="field date"></span></div></header>',
        f"<h2>About this worksheet</h2><p>{escape(view.about)}</p>",
        f"<h2>How to answer</h2><p>{escape(view.how_to)}</p>",
    ]
    for section in view.sections:
        lead = f'<p class="lead">{escape(section.description)}</p>' if section.description else ""
        items = "".join(_html_item(i, view, "q") for i in section.items)
        parts.append(
            f'<section class="area"><h2>{escape(section.title)}</h2>{lead}{items}</section>'
        )
    if view.reflection:
        lines = '<div class="lines">' + "<span></span>" * 4 + "</div>"
        questions = "".join(f"<li>{escape(q)}{lines}</li>" for q in view.reflection)
        parts.append(
            f'<section class="reflect page"><h2>To reflect on</h2>'
            f"<p>{escape(view.reflection_intro)}</p><ol>{questions}</ol></section>"
        )
    if view.private is not None:
        part = view.private
        items = "".join(_html_item(i, view, "private") for i in part.items)
        parts.append(
            '<section class="private page">'
            '<p class="tear">\u2702 you may tear off this page and keep it</p>'
            f"<h2>{escape(part.title)}</h2><p>{escape(part.intro)}</p>{items}"
            f'<div class="note"><strong>{escape(part.help_title)}</strong>'
            f"{escape(part.help)}</div></section>"
        )
    if view.key is not None:
        parts.append(_html_key(view.key))
    body = "\n".join(parts)
    return page(f"{view.title}: worksheet", f"<main>\n{body}\n</main>", css=CSS)
