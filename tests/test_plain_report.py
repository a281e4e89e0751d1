"""Plain mode and ASCII glyphs as units: the plain report, how a screen is recognised as plain
or ASCII-only, and the ASCII stand-ins for every glyph."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.render import display
from closeness_quiz.render.glyphs import ASCII, PLAIN, UNICODE, adapt, bar, spark, to_ascii
from closeness_quiz.render.lines import Lines, wrap
from closeness_quiz.render.plain import report_plain
from closeness_quiz.report.view import build_report
from closeness_quiz.store.results import new_result
from tests.test_report_cli import ALEX, take

BANK, GUIDANCE = load_bank(), load_guidance()
FANCY = set("╭╮╰╯│─█░▁▂▃▄▅▆▇•·“”…»\u2018\u2019\u2013\u2014\u203a")


def view(answers: dict[str, object], **kwargs: bool):  # type: ignore[no-untyped-def]
    from closeness_quiz.content.scale import parse_answer

    values = {k: parse_answer(v, BANK.scale) for k, v in answers.items()}
    result = new_result(BANK, values, name="Sam", taken_at=datetime(2026, 11, 22, tzinfo=UTC))
    return build_report(result, GUIDANCE, **kwargs)


@pytest.mark.parametrize("width", [30, 60, 100])
def test_the_plain_report_is_one_idea_a_line_in_words_and_numbers(width: int) -> None:
    text = report_plain(view(ALEX), width)
    lines = text.splitlines()
    assert text.isascii() and not FANCY & set(text)
    assert max(len(line) for line in lines) <= width
    assert "\x1b" not in text
    scores = lines[lines.index("Scores:") + 1 : lines.index("Scores:") + 6]
    assert [line.split(":")[0] for line in scores] == [
        "- Communication",
        "- Affection",
        "- Trust",
        "- Time together",
        "- Overall",
    ] or width < 60  # at 30 columns a long score line may wrap
    assert any("out of 100, " in line for line in lines)
    # Every line is a heading or paragraph at the left edge, an item after "- ", or an item's
    # further line two spaces in: never a bullet glyph, a box, or a line starting with a dash.
    for line in lines:
        assert line == line.rstrip()
        assert not line.startswith("   "), line
        assert not line.startswith("  -"), line


def test_after_a_safety_signal_the_private_notice_comes_first_in_plain_too() -> None:
    text = report_plain(view(ALEX, notice=True), 80)
    first = next(line for line in text.splitlines() if line)
    assert first == GUIDANCE.notes.safety_title
    assert text.index(GUIDANCE.notes.safety_title) < text.index("Scores:")


def test_take_plain_and_the_plain_setting_print_the_plain_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, took = take(tmp_path, ALEX, "Alex", "--plain", "--no-save")
    assert "- Overall: " in took.stdout and "out of 100" in took.stdout
    assert not FANCY & set(took.stdout)
    path, _ = take(tmp_path, ALEX, "Alex")
    assert "- Overall: " not in CliRunner().invoke(app, ["report", str(path)]).stdout
    monkeypatch.setenv(display.PLAIN_ENV, "1")
    for args in (["report", str(path)], ["compare", str(path), str(path.with_name("b.json"))]):
        if args[0] == "compare":
            take(tmp_path, ALEX, "b")
        out = CliRunner().invoke(app, args).stdout
        assert not FANCY & set(out), args
        assert "Overall" in out


class Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self.tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self.tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize(
    ("term", "tty", "plain"),
    [
        (None, True, True),
        ("", True, True),
        ("dumb", True, True),
        ("xterm-256color", True, False),
        (None, False, False),  # a file or a pipe is never plain unless asked for
        ("dumb", False, False),
    ],
)
def test_a_terminal_that_cannot_move_the_cursor_is_plain(
    term: str | None, tty: bool, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    assert display.wants_plain(Stream(tty)) is plain
    assert display.look(Stream(tty)).glyphs is (PLAIN if plain else UNICODE)


@pytest.mark.parametrize(
    ("term", "moves"), [("xterm", True), ("dumb", False), ("no-such-terminal-anywhere", True)]
)
def test_terminfo_decides_for_other_terminals(term: str, moves: bool) -> None:
    """Asked in a process of its own: curses reads terminfo for the first terminal only."""
    pytest.importorskip("curses")
    code = f"from closeness_quiz.render.display import moves_cursor; print(moves_cursor({term!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == str(moves)  # an unknown terminal is taken to be ordinary


def test_an_ascii_stream_gets_ascii_glyphs_and_the_setting_forces_plain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm")
    assert display.look(Stream(True, "ascii")).glyphs is ASCII
    assert display.look(Stream(False, "latin-1")).glyphs is ASCII  # no block glyphs in latin-1
    assert display.look(Stream(False, "utf-8")).glyphs is UNICODE
    monkeypatch.setenv(display.PLAIN_ENV, "1")
    assert display.look(Stream(False)).plain


def test_ascii_stand_ins() -> None:
    assert to_ascii("\u201cZo\u00eb\u201d \u2014 3\u2026 \u00b7 \u2192 \u00b10") == (
        '"Zoe" - 3... - -> +-0'
    )
    assert to_ascii("李 Wei") == "? Wei"
    assert bar(50, 4, ASCII) == "##--" and bar(None, 3, ASCII) == "..."
    assert bar(50, 4) == "\u2588\u2588\u2591\u2591"
    assert spark([0, 50, 100, None], ASCII) == "_=# "
    assert spark([0, 100]) == "\u2581\u2588"
    # Every stand-in the layout depends on is as wide as its glyph.
    for name in ("full", "empty", "unscored", "no_score", "bullet", "sparks"):
        assert len(getattr(ASCII, name)) == len(getattr(UNICODE, name)), name


def test_adapt_reaches_every_string_in_a_view() -> None:
    class Inner(NamedTuple):
        text: str
        score: float

    @dataclass(frozen=True)
    class Outer:
        title: str
        items: tuple[Inner, ...]
        rows: list[dict[str, str]]

    seen = adapt(
        Outer("Zo\u00eb \u00b7 1", (Inner("\u201cx\u201d", 1.5),), [{"k": "\u2014"}]), ASCII
    )
    assert seen == Outer("Zoe - 1", (Inner('"x"', 1.5),), [{"k": "-"}])
    same = Outer("Zo\u00eb", (), [])
    assert adapt(same, UNICODE) is same


def test_plain_lines_have_no_styles_boxes_or_exotic_bullets() -> None:
    out = Lines(40, PLAIN, plain=True)
    out.styled(("Heading", "bold"))
    out.bullet("An idea long enough to wrap onto a second line here", "why")
    out.panel("A box title", "Its text.")
    assert out.text.plain.splitlines() == [
        "Heading",
        "- An idea long enough to wrap onto a",
        "  second line here",
        "  why",
        "A box title",
        "Its text.",
    ]
    assert not out.text.spans


def test_a_dash_never_starts_a_wrapped_line() -> None:
    assert wrap("we talk about respect \u2014 Almost always", 23) == [
        "we talk about respect \u2014",
        "Almost always",
    ]
    assert wrap("a - b", 3) == ["a -", "b"]
