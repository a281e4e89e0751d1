"""Shared pieces for every HTML page the tool writes: one self-contained file with inline CSS,
no scripts, no web fonts, no network, that reads well on screen and prints cleanly on A4 or
Letter. Bar charts are inline SVG with real text, so a printed PDF still carries the names and
numbers. All text goes through `esc`."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)
BAND_COLOURS = {"strong": "#2f855a", "mixed": "#b7791f", "strained": "#c05621"}
NEUTRAL = "#4a6fa5"
PAIR_COLOURS = ("#0072b2", "#e69f00")  # Okabe-Ito blue and orange: apart for most colour vision
TRACK = "#edf1f5"

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  font-family: FONT_STACK;
  color: #1f2933; background: #fff; line-height: 1.5; font-size: 16px;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .35rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .4rem 0; }
ul { margin: .4rem 0; padding-left: 1.3rem; }
li { margin: .3rem 0; }
.meta { color: #52606d; margin: 0 0 1rem; }
.muted, .because { color: #52606d; }
.because { display: block; font-size: .9em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
section.area { border-top: 1px solid #d9e2ec; padding-top: .75rem; margin-top: 1.1rem; }
li, .sub { break-inside: avoid; page-break-inside: avoid; }
.sub { margin: .7rem 0 .1rem; break-after: avoid; page-break-after: avoid; }
.score { font-weight: 600; font-variant-numeric: tabular-nums; }
.band-strong { color: #276749; } .band-mixed { color: #975a16; } .band-strained { color: #9c4221; }
figure.chart { margin: 1rem 0 1.25rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { color: #52606d; font-size: .9em; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; break-inside: avoid; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d9e2ec; vertical-align: top; }
th { border-bottom: 2px solid #9aa5b1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid #9aa5b1; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #d9e2ec; }
.note {
  border-left: 4px solid #9aa5b1; background: #f5f7fa; padding: .6rem .9rem; margin: 1.25rem 0;
  break-inside: avoid; page-break-inside: avoid;
}
.note-counselling, .note-individual_support { border-left-color: #3b6ea5; background: #eef4fb; }
.note p { margin: .2rem 0; }
.note strong { display: block; margin-bottom: .2rem; }
footer { margin-top: 2rem; color: #52606d; font-size: .85em; }
@page { margin: 16mm 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; }
  a { color: inherit; text-decoration: none; }
}
""".replace("FONT_STACK", FONT)


def esc(text: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def page(title: str, body_html: str, *, lang: str = "en", css: str = CSS) -> str:
    """A whole HTML document around `body_html` (already escaped), with the shared print CSS
    (or the worksheet's own, black-and-white one)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body_html}\n</body>\n</html>\n"
    )


def band_colour(band: str | None) -> str:
    return BAND_COLOURS.get(band or "", NEUTRAL)


def band_class(band: str | None) -> str:
    return f"band-{band}" if band in BAND_COLOURS else ""


@dataclass(frozen=True)
class Bar:
    """One bar: a 0-100 value (None: nothing to draw), its colour and the text beside it."""

    value: float | None
    colour: str
    text: str


@dataclass(frozen=True)
class BarGroup:
    """A labelled row of one or more bars (one per partner when comparing)."""

    label: str
    bars: tuple[Bar, ...]
    bold: bool = False


WIDTH = 640
BAR_H = 16
BAR_GAP = 4
ROW_GAP = 14
FONT_SIZE = 13
CHAR_W = 7.2  # a generous average glyph width at FONT_SIZE, to size the label column
MAX_LABEL = 34


def _clip(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "\u2026"


def bar_chart(
    groups: Sequence[BarGroup],
    *,
    title: str,
    legend: Sequence[tuple[str, str]] = (),
    numbered: bool = True,
) -> str:
    """An inline SVG bar chart on a 0-100 scale. Every label and value is real <text>.
    `numbered`: label the axis 0, 50, 100 (not where each bar runs over its own range)."""
    label_w = min(260.0, max(60.0, max(len(_clip(g.label)) for g in groups) * CHAR_W + 18))
    text_w = 120.0
    x0 = label_w
    bar_w = WIDTH - label_w - text_w
    parts: list[str] = []
    y = 4.0
    if legend:
        entry_w = [17 + len(_clip(name)) * CHAR_W + 24 for name, _ in legend]
        x = x0 if x0 + sum(entry_w) <= WIDTH else 0.0
        for name, colour in legend:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" rx="2" fill="{colour}"/>'
                f'<text x="{x + 17:.1f}" y="{y + 10.5:.1f}">{esc(_clip(name))}</text>'
            )
            x += 17 + len(_clip(name)) * CHAR_W + 24
        y += 24
    top = y
    for group in groups:
        height = len(group.bars) * BAR_H + (len(group.bars) - 1) * BAR_GAP
        weight = ' font-weight="700"' if group.bold else ""
        parts.append(
            f'<text x="0" y="{y + height / 2 + FONT_SIZE * 0.35:.1f}"{weight}>'
            f"{esc(_clip(group.label))}</text>"
        )
        for bar in group.bars:
            filled = 0.0 if bar.value is None else max(0.0, min(100.0, bar.value)) / 100 * bar_w
            parts.append(
                f'<rect x="{x0:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{BAR_H}" '
                f'rx="3" fill="{TRACK}" fill-opacity="0.8"/>'
            )
            if filled:
                parts.append(
                    f'<rect x="{x0:.1f}" y="{y:.1f}" width="{filled:.1f}" height="{BAR_H}" '
                    f'rx="3" fill="{bar.colour}"/>'
                )
            parts.append(
                f'<text x="{x0 + bar_w + 8:.1f}" y="{y + BAR_H / 2 + FONT_SIZE * 0.35:.1f}"'
                f"{weight}>{esc(bar.text)}</text>"
            )
            y += BAR_H + BAR_GAP
        y += ROW_GAP - BAR_GAP
    bottom = y - ROW_GAP + BAR_GAP
    for tick in (0, 25, 50, 75, 100):
        x = x0 + tick / 100 * bar_w
        parts.insert(
            0,
            f'<line x1="{x:.1f}" y1="{top - 3:.1f}" x2="{x:.1f}" y2="{bottom + 3:.1f}" '
            f'stroke="#cbd2d9" stroke-width="1" stroke-dasharray="2 3"/>',
        )
        if numbered and tick in (0, 50, 100):
            parts.append(
                f'<text x="{x:.1f}" y="{bottom + 17:.1f}" text-anchor="middle" '
                f'font-size="11" fill="#52606d">{tick}</text>'
            )
    total_h = bottom + 22
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_h:.0f}" '
        f'role="img" aria-label="{esc(title)}" font-family=\'{FONT}\' '
        f'font-size="{FONT_SIZE}" fill="#1f2933">'
        f"<title>{esc(title)}</title>{''.join(parts)}</svg>"
    )
