"""A tiny VT100 screen for tests: enough of a terminal to see what prompt_toolkit and print()
leave on screen, and whether anything was drawn past the right edge (and so cut off).

It knows text, CR, LF, backspace, cursor up/down/forward/back, erase below (J) and erase line
(K); colours and modes are ignored. Rows grow downwards without limit, like a scrollback."""

from __future__ import annotations

import re

CSI = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z@])|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Screen:
    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[list[str]] = [[]]
        self.row = self.col = 0
        self.cut: list[str] = []  # text written past the right edge
        self.frames: list[list[str]] = []  # the screen each time a prompt redrew itself

    def feed(self, data: str) -> Screen:
        at = 0
        for match in CSI.finditer(data):
            self._text(data[at : match.start()])
            self._control(match.group(1) or "", match.group(2) or "")
            at = match.end()
        self._text(data[at:])
        return self

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.rows]

    def _line(self) -> list[str]:
        while len(self.rows) <= self.row:
            self.rows.append([])
        return self.rows[self.row]

    def _text(self, text: str) -> None:
        for char in text:
            if char == "\r":
                self.col = 0
            elif char == "\n":
                self.row += 1
                self._line()
            elif char == "\b":
                self.col = max(0, self.col - 1)
            elif char >= " ":
                if self.col >= self.width:
                    self.cut.append(char)
                    continue
                line = self._line()
                line.extend(" " * (self.col + 1 - len(line)))
                line[self.col] = char
                self.col += 1

    def _control(self, params: str, final: str) -> None:
        count = int(params) if params.isdigit() else 1
        if final == "A":
            self.row = max(0, self.row - count)
        elif final == "B":
            self.row += count
        elif final == "C":
            self.col = min(self.width, self.col + count)
        elif final == "D":
            self.col = max(0, self.col - count)
        elif final == "J" and params in ("", "0"):
            self.frames.append(self.lines())
            del self._line()[self.col :]
            del self.rows[self.row + 1 :]
        elif final == "K" and params in ("", "0"):
            del self._line()[self.col :]


def statement_in(frame: list[str], progress: str) -> tuple[str, list[str]] | None:
    """The statement under `progress` in a drawn quiz prompt (the lines between the progress
    line and the keys hint): its lines joined into one text, and the lines as drawn."""
    for index, line in enumerate(frame):
        if line.endswith(progress) or progress + " " in line:
            lines = []
            for below in frame[index + 1 :]:
                if below.lstrip().startswith("(arrows"):
                    return " ".join(part.strip() for part in lines), lines
                lines.append(below)
    return None


def answered_lines(lines: list[str]) -> dict[int, str]:
    """The clean lines the quiz leaves after each answer ('7. statement - answer', its further
    lines hanging under the text), by statement number."""
    answered: dict[int, str] = {}
    last = None
    for line in lines:
        first = re.match(r"(\d+)\. (.*)", line)
        if first:
            last = int(first.group(1))
            answered[last] = first.group(2)
        elif last is not None and line.startswith("   ") and line.strip():
            answered[last] += " " + line.strip()
        else:
            last = None
    return answered
