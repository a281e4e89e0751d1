"""Terminal layout for the report and compare screens: word-wrapped paragraphs, bullets with a
hanging indent, and score columns, collected as one styled Rich Text and printed once.

Rich still does the output (colour, NO_COLOR, terminal width), but the lines are laid out here:
Rich tables and per-paragraph wrapping measured every cell again and took ~15 ms of a report
that should feel instant. Text in the scripts our content uses is measured by its length;
text with wide glyphs (a custom bank in Chinese, say) by Rich's cell widths, and a run with no
spaces that is wider than the line is folded."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells

from closeness_quiz.render import display
from closeness_quiz.render.display import MIN_WIDTH
from closeness_quiz.render.glyphs import UNICODE, Glyphs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

MAX_TEXT_WIDTH = 100  # long lines are hard to read, however wide the terminal


def text_width() -> int:
    """The width to wrap the quiz's text to: the terminal's, within sensible bounds (a
    width of 0 or an unknown one counts as 80)."""
    return max(MIN_WIDTH, min(display.width() - 1, MAX_TEXT_WIDTH))


# Everything up to Hangul Jamo, general punctuation (quotes, dashes, bullets), box drawing,
# block elements and the plain geometric shapes: one terminal cell per character.
# (Checked without a regular expression: that class took ~0.5 ms to compile.)
_NARROW_ABOVE = str.maketrans(dict.fromkeys([*range(0x2000, 0x2070), *range(0x2500, 0x25FD)]))


def measure(text: str) -> Callable[[str], int]:
    """How to measure `text` in terminal cells: len where every character is one cell wide."""
    if not text or max(text) < "\u1100":
        return len
    rest = text.translate(_NARROW_ABOVE)  # without the punctuation and box drawing
    return cell_len if rest and max(rest) >= "\u1100" else len


def cells(text: str) -> int:
    """The width of `text` in terminal cells."""
    return measure(text)(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` cells; a word wider than that is folded. A dash standing
    alone stays with the word before it, so no line starts with one (it would read as a
    new bullet, or as a minus)."""
    size = measure(text)
    lines: list[str] = []
    line, used = "", 0
    for word in _glue_dashes(text.split()):
        n = size(word)
        if n > width:
            if line:
                lines.append(line)
            *full, word = chop_cells(word, width)
            lines.extend(full)
            line, used = word, size(word)
        elif line and used + 1 + n > width:
            lines.append(line)
            line, used = word, n
        else:
            line, used = (f"{line} {word}", used + 1 + n) if line else (word, n)
    lines.append(line)
    return lines


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _glue_dashes(words: list[str]) -> list[str]:
    glued: list[str] = []
    for word in words:
        if word in _DASHES and glued:
            glued[-1] += " " + word
        else:
            glued.append(word)
    return glued


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (on the left when `right`)."""
    space = " " * max(0, width - cells(text))
    return space + text if right else text + space


GAP = 2  # spaces between columns


class Lines:
    """A block of styled lines no wider than `width` (print with `show`).

    With ASCII or plain glyphs every text is made to fit them before it is measured. In plain
    mode (a screen reader, a terminal that can't move the cursor) nothing is styled, bullets
    are "- " and a box is a titled paragraph; `show` then writes the text as it is."""

    def __init__(self, width: int, glyphs: Glyphs = UNICODE, *, plain: bool = False) -> None:
        self.width = max(width, MIN_WIDTH)
        from rich.text import Text  # not before a quiz's first question: wrap() needs none

        self.text: Text = Text()
        self.glyphs = glyphs
        self.plain = plain
        self.bullet_mark = "-" if plain else glyphs.bullet

    @classmethod
    def on(cls, console: Console, most: int | None = MAX_TEXT_WIDTH) -> Lines:
        """Lines for `console`: its width (at most `most`, as the quiz's text: lines much longer
        are hard to read), and the look its stream calls for."""
        seen = display.look(console.file)
        width = console.width if most is None else min(console.width, most)
        return cls(width, seen.glyphs, plain=seen.plain)

    def show(self, console: Console) -> None:
        """Print the block in one go (as plain text where nothing may be styled)."""
        if self.plain:
            console.file.write(self.text.plain)
            console.file.flush()
        else:
            console.print(_LaidOut(self.text), soft_wrap=True, end="")

    def _style(self, style: str) -> str:
        return "" if self.plain else style

    def blank(self) -> None:
        self.text.append("\n")

    def para(self, text: str, style: str = "", indent: int = 0) -> None:
        pad = " " * indent
        for line in wrap(self.glyphs.text(text), self.width - indent):
            self.text.append(pad)
            self.text.append(line, style=self._style(style))
            self.text.append("\n")

    def styled(self, *parts: tuple[str, str]) -> None:
        """One line made of (text, style) parts, as given (for headings and score rows)."""
        for part, style in parts:
            self.text.append(self.glyphs.text(part), style=self._style(style))
        self.text.append("\n")

    def heading(self, first: tuple[str, str], *rest: tuple[str, str]) -> None:
        """A heading line; where it is too wide, `first` is wrapped and `rest` goes below it."""
        if row_width([first, *rest]) <= self.width:
            self.styled(first, *rest)
            return
        self.para(first[0], style=first[1])
        if rest:
            (text, style), *more = rest
            self.styled((text.lstrip(), style), *more)

    def fits(self, rows: list[list[tuple[str, str]]]) -> bool:
        return all(row_width(row) <= self.width for row in rows)

    def rows(self, rows: list[list[tuple[str, str]]]) -> None:
        for row in rows:
            self.styled(*row)

    def bullet(self, main: str, detail: str | None = None, indent: int = 2) -> None:
        """'  • main text', wrapped lines hanging under the text; then a dim detail, if any."""
        prefix = ("" if self.plain else " " * indent) + self.bullet_mark + " "
        hang = " " * len(prefix)
        for index, line in enumerate(wrap(self.glyphs.text(main), self.width - len(prefix))):
            self.text.append((prefix if index == 0 else hang) + line + "\n")
        if detail:
            for line in wrap(self.glyphs.text(detail), self.width - len(hang)):
                self.text.append(hang)
                self.text.append(line, style=self._style("dim"))
                self.text.append("\n")

    def panel(self, title: str, body: str, border: str = "") -> None:
        """A rounded box the full width, `title` in its top edge, `body` wrapped inside. A title
        too long for the edge opens the box instead, in bold. In plain mode: no box, the title
        on a line of its own, then the text."""
        if self.plain:
            self.para(title)
            self.para(body)
            return
        title, body = self.glyphs.text(title), self.glyphs.text(body)
        corner = self.glyphs.corners  # top left, top right, bottom left, bottom right
        across, down = self.glyphs.across, self.glyphs.down
        inner = self.width - 4
        label = f" {title} " if cells(title) <= inner - 2 else ""
        left = (self.width - 2 - cells(label)) // 2
        right = self.width - 2 - cells(label) - left
        self.text.append(corner[0] + across * left, style=border)
        self.text.append(label)
        self.text.append(across * right + corner[1] + "\n", style=border)
        inside = [(line, "bold") for line in wrap(title, inner)] if not label else []
        inside += [(line, "") for line in wrap(body, inner)]
        for line, style in inside:
            self.text.append(down, style=border)
            self.text.append(f" {pad(line, inner)} ", style=style)
            self.text.append(down + "\n", style=border)
        self.text.append(corner[2] + across * (self.width - 2) + corner[3] + "\n", style=border)

    def pair_line(self, first: tuple[str, str], between: str, second: tuple[str, str]) -> None:
        """`first`, `between` and `second` on one line; where too wide, each wrapped on its own."""
        if cells(first[0] + between + second[0]) <= self.width:
            self.styled(first, (between, ""), second)
        else:
            self.para(first[0], style=first[1])
            self.para(second[0], style=second[1])


class _LaidOut:
    """Text already laid out in lines, for Rich to style and write as it is: printing the Text
    itself would have Rich wrap it again, split it into a Text per line and render each (a
    sixth of a comparison's time to print, for lines that are already the right width)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: object) -> Iterable[Segment]:
        text = self.text
        if "\t" in text.plain:  # a tab in a bank's text: spaces, as Rich's own printing gives
            text = text.copy()
            text.expand_tabs(console.tab_size)
        return text.render(console)


def row_width(row: list[tuple[str, str]]) -> int:
    return sum(cells(text) for text, _ in row)


def columns(
    rows: list[list[tuple[str, str]]], right: frozenset[int] = frozenset(), gap: int = 2
) -> list[list[tuple[str, str]]]:
    """Pad each cell of (text, style) rows to its column's width, `gap` spaces apart;
    columns listed in `right` are right-aligned. Trailing spaces are trimmed."""
    widths = [max(cells(row[i][0]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        laid: list[tuple[str, str]] = []
        for i, (text, style) in enumerate(row):
            padded = pad(text, widths[i], right=i in right)
            laid.append((padded, style))
            if i < len(row) - 1:
                laid.append((" " * gap, ""))
        last, style = laid[-1]
        laid[-1] = (last.rstrip(), style)
        out.append(laid)
    return out
