"""The report and the comparison as one self-contained HTML page each, to read on screen, keep,
or print. Same content as the terminal view; never any safety notice (the views have none)."""

from __future__ import annotations

from closeness_quiz.compare import words as cmp
from closeness_quiz.compare.view import AreaCompare, CompareView, ItemCompare
from closeness_quiz.content.records import Units
from closeness_quiz.render.glyphs import fmt_number, fmt_score
from closeness_quiz.render.page import (
    PAIR_COLOURS,
    Bar,
    BarGroup,
    band_class,
    band_colour,
    bar_chart,
    esc,
    page,
)
from closeness_quiz.report.since import since_line
from closeness_quiz.report.view import (
    GOING_WELL,
    HARDER,
    MORE_IDEAS,
    NO_STRENGTHS,
    START_HERE,
    CategoryView,
    ItemView,
    NoteView,
    ReportView,
    blocks,
    no_ideas,
    not_scored,
    said,
    worse_note,
)

CHART_CAPTION = "Each area is scored from 0 to 100; a higher score means closer."
CHART_CAPTION_UNITS = "Each bar runs from the lowest score possible to the highest."


def _band(band: str | None, label: str | None) -> str:
    if not label:
        return ""
    cls = band_class(band)
    return f'<span class="{cls}">{esc(label)}</span>' if cls else esc(label)


def _note(note: NoteView) -> str:
    """A note: its title, then its paragraphs and list items (plain, calm styling)."""
    parts = [f'<div class="note note-{esc(note.id)}"><strong>{esc(note.title)}</strong>']
    items: list[str] = []
    for kind, block in blocks(note.text):
        if kind == "li":
            items.append(f"<li>{esc(block)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(f"<p>{esc(block)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts) + "</div>"


def _quote(item: ItemView) -> str:
    before, text, after = said(item)
    return f"{esc(before)}\u201c{esc(text)}\u201d{esc(after)}"


def _items(title: str, items: list[str]) -> str:
    return (
        f'<p class="sub"><strong>{esc(title)}:</strong></p><ul>'
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
    )


def _report_chart(view: ReportView) -> str:
    def text(score: float | None, label: str | None, units: Units) -> str:
        if score is None:
            return "not scored"
        shown = fmt_score(score, units=units)
        return f"{shown} \u00b7 {label}" if label else shown

    def length(score: float | None, units: Units) -> float | None:
        """The bar's length out of 100: where the score sits in its own range."""
        return None if score is None else units.fraction(score) * 100

    groups = [
        BarGroup(
            c.title,
            (
                Bar(
                    length(c.score, c.units),
                    band_colour(c.band),
                    text(c.score, c.band_label, c.units),
                ),
            ),
        )
        for c in view.categories
    ]
    if view.overall_units is not None:
        units = view.overall_units
        groups.append(
            BarGroup(
                "Overall",
                (
                    Bar(
                        length(view.overall, units),
                        band_colour(view.overall_band),
                        text(view.overall, view.overall_band_label, units),
                    ),
                ),
                bold=True,
            )
        )
    percent = all(c.units.method == "percent" for c in view.categories)
    svg = bar_chart(groups, title="Scores by area", numbered=percent)
    caption = CHART_CAPTION if percent else CHART_CAPTION_UNITS
    note = worse_note(view)
    if note:
        caption += f" {note}"
    return f'<figure class="chart">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def _category(cat: CategoryView) -> str:
    band = _band(cat.band, cat.band_label)
    head = (
        f'{esc(cat.title)} <span class="score">{esc(fmt_score(cat.score, units=cat.units))}</span>'
    )
    if band:
        head += f" \u00b7 {band}"
    parts = [f'<section class="area" id="area-{esc(cat.id)}">', f"<h2>{head}</h2>"]
    if cat.score is None:
        parts.append(f"<p>{esc(not_scored(cat))}</p>")
    if cat.summary:
        parts.append(f"<p>{esc(cat.summary)}</p>")
    if cat.score is not None or cat.hardest:
        if cat.strengths:
            parts.append(_items(GOING_WELL, [_quote(s) for s in cat.strengths_shown]))
        else:
            parts.append(f'<p class="sub"><strong>{esc(GOING_WELL)}:</strong></p>')
            parts.append(f'<p class="muted">{esc(NO_STRENGTHS)}</p>')
        if cat.hardest:
            parts.append(_items(HARDER, [_quote(h) for h in cat.hardest_shown]))
        if cat.ideas:
            parts.append(_items(MORE_IDEAS, [esc(i.text) for i in cat.ideas]))
        elif (none := no_ideas(cat)) is not None:
            parts.append(f'<p class="muted">{esc(none)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def report_html(view: ReportView) -> str:
    """One person's report: chart, where to start, each area, and the notes."""
    meta = " \u00b7 ".join(x for x in (view.name, view.taken_at[:10]) if x)
    body = [f"<header><h1>{esc(view.title)}</h1>"]
    if meta:
        body.append(f'<p class="meta">{esc(meta)}</p>')
    if view.since is not None:
        body.append(f'<p class="since">{esc(since_line(view.since))}</p>')
    body.append("</header>")
    body.extend(_note(first) for first in view.first)
    body.append(_report_chart(view))
    if view.focus:
        body.append(f'<section class="focus"><h2>{esc(START_HERE)}</h2><ul>')
        body.extend(
            f'<li>{esc(i.text)} <span class="muted">({esc(i.category_title)})</span></li>'
            for i in view.focus
        )
        body.append("</ul></section>")
    body.extend(_category(cat) for cat in view.categories)
    body.extend(_note(n) for n in view.notes)
    title = f"{view.title} \u00b7 {view.name}" if view.name else view.title
    return page(title, "\n".join(body))


# --- comparison ---------------------------------------------------------------------------


def _compare_chart(view: CompareView) -> str:
    colour_a, colour_b = PAIR_COLOURS

    def text(score: float | None, label: str | None) -> str:
        if score is None:
            return "not scored"
        return f"{fmt_score(score)} \u00b7 {label}" if label else fmt_score(score)

    def units_text(score: float | None, label: str | None, area: AreaCompare) -> str:
        if area.units is None or area.units.method == "percent":
            return text(score, label)
        if score is None:
            return "not scored"
        shown = fmt_score(score, units=area.units)
        return f"{shown} \u00b7 {label}" if label else shown

    def length(score: float | None, area: AreaCompare) -> float | None:
        return None if score is None or area.units is None else area.units.fraction(score) * 100

    groups = [
        BarGroup(
            area.title,
            (
                Bar(length(area.a, area), colour_a, units_text(area.a, area.a_band_label, area)),
                Bar(length(area.b, area), colour_b, units_text(area.b, area.b_band_label, area)),
            ),
            bold=area is view.overall,
        )
        for area in view.areas
    ]
    svg = bar_chart(
        groups,
        title=f"Scores by area: {view.a.label} and {view.b.label}",
        legend=((view.a.label, colour_a), (view.b.label, colour_b)),
    )
    return f'<figure class="chart">{svg}<figcaption>{esc(CHART_CAPTION)}</figcaption></figure>'


def _compare_table(view: CompareView) -> str:
    rows = [
        "<table><thead><tr><th>Area</th>"
        f'<th class="num">{esc(view.a.label)}</th><th>Band</th>'
        f'<th class="num">{esc(view.b.label)}</th><th>Band</th>'
        '<th class="num">Gap</th></tr></thead><tbody>'
    ]
    for area in view.areas:
        total = ' class="total"' if area is view.overall else ""
        a, b = (esc(fmt_score(s, units=area.units)) for s in (area.a, area.b))
        rows.append(
            f"<tr{total}><td>{esc(area.title)}</td>"
            f'<td class="num">{a}</td><td>{_band(area.a_band, area.a_band_label)}</td>'
            f'<td class="num">{b}</td><td>{_band(area.b_band, area.b_band_label)}</td>'
            f'<td class="num">{esc(fmt_number(area.gap, units=area.units))}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _item(item: ItemCompare, view: CompareView, *, gap: bool) -> str:
    detail = cmp.answers_in_words(item, view)
    if gap:
        detail += f" ({cmp.steps_apart(item)})"
    return (
        f'<li>{esc(cmp.quoted(item))} <span class="muted">({esc(item.category_title)})'
        f'</span><span class="because">{esc(detail)}</span></li>'
    )


def _section(section: cmp.Section) -> str:
    parts = [f"<section><h2>{esc(section.heading)}</h2>"]
    parts += [f"<p>{esc(line)}</p>" for line in section.lines]
    if section.bullets:
        parts.append("<ul>")
        for bullet in section.bullets:
            detail = f'<span class="because">{esc(bullet.detail)}</span>' if bullet.detail else ""
            parts.append(f"<li>{esc(bullet.main)}{detail}</li>")
        parts.append("</ul>")
    parts += [f'<p class="muted">{esc(line)}</p>' for line in section.after]
    return "".join(parts) + "</section>"


def compare_html(view: CompareView) -> str:
    """Two partners side by side: chart and table, shared strengths, what differs, starters."""
    body = [
        f"<header><h1>{esc(cmp.heading(view))}</h1>",
        f'<p class="meta">{esc(cmp.who_and_when(view))}</p></header>',
        f"<p>{esc(view.intro)}</p>",
    ]
    if view.name_note:
        body.append(f'<p class="muted">{esc(view.name_note)}</p>')
    if view.bank_note:
        body.append(_note(NoteView("bank", "Different versions of the questions", view.bank_note)))
    body.append(f'<section class="keep"><h2>{esc(cmp.HEAD_SCORES)}</h2>')
    body.append(_compare_chart(view))
    body.append(_compare_table(view))
    body.append("</section>")

    body.append(f'<section class="keep"><h2>{esc(cmp.HEAD_STRENGTHS)}</h2>')
    areas_line = cmp.strong_areas_line(view)
    if areas_line:
        body.append(f"<p>{esc(areas_line)}</p>")
    if view.strong_items:
        body.append("<ul>")
        body.extend(_item(i, view, gap=False) for i in view.strong_items_shown)
        body.append("</ul>")
        more = cmp.more_strengths_line(view)
        if more:
            body.append(f'<p class="muted">{esc(more)}</p>')
    if not areas_line and not view.strong_items:
        body.append(f"<p>{esc(cmp.NO_STRENGTHS)}</p>")
    body.append("</section>")

    for section in [*cmp.difference_sections(view), *cmp.perception_sections(view)]:
        body.append(_section(section))

    if view.starters:
        body.append(f'<section class="keep"><h2>{esc(cmp.HEAD_STARTERS)}</h2><ul>')
        for starter in view.starters:
            body.append(
                f"<li>{esc(starter.text)}"
                f'<span class="because">{esc(cmp.starter_reason(starter, view))}</span></li>'
            )
        body.append("</ul></section>")
    body.extend(_note(n) for n in view.notes)
    title = f"{view.title}: {view.a.label} and {view.b.label}"
    return page(title, "\n".join(body))
