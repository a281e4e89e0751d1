"""Terminal layout for the report and compare screens: word-wrapped paragraphs, bullets with a
hanging indent, and score columns, collected as one styled Rich Text and printed once.

Rich still does the output (colour, NO_COLOR, terminal width), but the lines are laid out here:
Rich tables and per-paragraph wrapping measured every cell again and took ~15 ms of a report
that should feel instant. Widths count characters, which is exact for the scripts our content
uses; a wider glyph in a custom bank only makes the terminal wrap that line itself."""

from __future__ import annotations

from rich.text import Text

MIN_WIDTH = 30
BULLET = "•"


def bar(score: float | None, width: int) -> str:
    """A score out of 100 as a bar of `width` cells; dots where there is no score."""
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def fmt_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap. A word longer than the width gets a line of its own."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


class Lines:
    """A block of styled lines no wider than `width` (print with soft_wrap=True)."""

    def __init__(self, width: int) -> None:
        self.width = max(width, MIN_WIDTH)
        self.text = Text()

    def blank(self) -> None:
        self.text.append("\n")

    def para(self, text: str, style: str = "", indent: int = 0) -> None:
        pad = " " * indent
        for line in wrap(text, self.width - indent):
            self.text.append(pad)
            self.text.append(line, style=style)
            self.text.append("\n")

    def styled(self, *parts: tuple[str, str]) -> None:
        """One line made of (text, style) parts, as given (for headings and score rows)."""
        for part, style in parts:
            self.text.append(part, style=style)
        self.text.append("\n")

    def bullet(self, main: str, detail: str | None = None, indent: int = 2) -> None:
        """'  • main text', wrapped lines hanging under the text; then a dim detail, if any."""
        prefix = " " * indent + BULLET + " "
        hang = " " * len(prefix)
        for index, line in enumerate(wrap(main, self.width - len(prefix))):
            self.text.append((prefix if index == 0 else hang) + line + "\n")
        if detail:
            for line in wrap(detail, self.width - len(hang)):
                self.text.append(hang)
                self.text.append(line, style="dim")
                self.text.append("\n")

    def panel(self, title: str, body: str, border: str = "") -> None:
        """A rounded box the full width, `title` in its top edge, `body` wrapped inside."""
        inner = self.width - 4
        label = f" {title} "[: self.width - 2]
        left = (self.width - 2 - len(label)) // 2
        right = self.width - 2 - len(label) - left
        self.text.append("╭" + "─" * left, style=border)
        self.text.append(label)
        self.text.append("─" * right + "╮\n", style=border)
        for line in wrap(body, inner):
            self.text.append("│", style=border)
            self.text.append(f" {line.ljust(inner)} ")
            self.text.append("│\n", style=border)
        self.text.append("╰" + "─" * (self.width - 2) + "╯\n", style=border)


def columns(
    rows: list[list[tuple[str, str]]], right: frozenset[int] = frozenset(), gap: int = 2
) -> list[list[tuple[str, str]]]:
    """Pad each cell of (text, style) rows to its column's width, `gap` spaces apart;
    columns listed in `right` are right-aligned. Trailing spaces are trimmed."""
    widths = [max(len(row[i][0]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells: list[tuple[str, str]] = []
        for i, (text, style) in enumerate(row):
            padded = text.rjust(widths[i]) if i in right else text.ljust(widths[i])
            cells.append((padded, style))
            if i < len(row) - 1:
                cells.append((" " * gap, ""))
        last, style = cells[-1]
        cells[-1] = (last.rstrip(), style)
        out.append(cells)
    return out
