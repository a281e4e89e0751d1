"""The terminal report and compare screens: lines fit the terminal, bullets hang, text is literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.render.lines import Lines, cells, columns, wrap
from tests.test_report_cli import ALEX, SAM, take

BOX = set("╭╮╰╯│─")


def test_wrap_fills_lines_greedily_and_folds_words_wider_than_a_line() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("a supercalifragilistic word", 10) == ["a", "supercalif", "ragilistic", "word"]
    assert wrap("", 10) == [""]


def test_wide_glyphs_are_measured_in_terminal_cells() -> None:
    text = "我们一起吃晚饭 并且聊天"  # two runs of wide characters, two cells each
    lines = wrap(text, 10)
    assert lines == ["我们一起吃", "晚饭", "并且聊天"]
    assert all(cells(line) <= 10 for line in lines)
    assert cells("“Often” — 3") == len("“Often” — 3")  # curly quotes and dashes are narrow
    laid = columns([[("信任", ""), ("7.5", "")], [("Trust", ""), ("10.0", "")]], frozenset({1}))
    assert ["".join(text for text, _ in row) for row in laid] == ["信任    7.5", "Trust  10.0"]


@pytest.mark.parametrize("colour", [False, True])
def test_a_block_is_written_as_rich_itself_prints_it(colour: bool) -> None:
    """Lines are written as laid out, without Rich wrapping them again: the same characters and
    styles as Rich's own printing of the text, a tab in a bank's text as spaces included."""
    import io

    from rich.console import Console

    out = Lines(40)
    out.styled(("Team\twork", "bold"), ("  66.7", "cyan"))
    out.panel("A box", "with a\ttab inside and words enough to wrap", border="dim")
    out.bullet("Take a walk\ttogether", "(because)")
    written = []
    for show in (out.show, lambda c: c.print(out.text, soft_wrap=True, end="")):
        buffer = io.StringIO()
        color = "truecolor" if colour else None
        show(Console(file=buffer, width=40, force_terminal=colour, color_system=color))
        written.append(buffer.getvalue())
    ours, rich = written
    assert "\t" not in ours and "Team    " in ours
    assert ours.replace("\n\x1b[0m", "\x1b[0m\n") == rich  # a style may end after the newline


def test_bullets_hang_under_their_text_and_details_follow_indented() -> None:
    out = Lines(30)
    out.bullet("Take a short walk together after dinner", "(because you said so)")
    assert out.text.plain.splitlines() == [
        "  • Take a short walk together",
        "    after dinner",
        "    (because you said so)",
    ]
    assert [span.style for span in out.text.spans] == ["dim"]


def test_columns_pad_to_the_widest_cell_and_right_align_numbers() -> None:
    rows = [[("Area", "bold"), ("Score", "bold")], [("Trust", ""), ("7.5", "")]]
    laid = ["".join(text for text, _ in row) for row in columns(rows, right=frozenset({1}))]
    assert laid == ["Area   Score", "Trust    7.5"]


@pytest.mark.parametrize("width", [40, 60, 100])
def test_report_lines_fit_the_terminal(
    tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = take(tmp_path, ALEX, "Alex")
    monkeypatch.setenv("COLUMNS", str(width))
    out = CliRunner().invoke(app, ["report", str(path)]).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "Start here" in lines
    bars = [line for line in lines if "░" in line or "█" in line]
    assert len(bars) == 5  # four areas and the overall score
    assert all(line.startswith(("  • ", "    ")) for line in _after(lines, "Start here"))


def _after(lines: list[str], heading: str) -> list[str]:
    """The lines of the first bulleted list under `heading`."""
    start = lines.index(heading) + 1
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line)
    return block


@pytest.mark.parametrize("width", [45, 60, 100])
def test_compare_lines_fit_the_terminal(
    tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = take(tmp_path, ALEX, "Alex")
    b, _ = take(tmp_path, SAM, "Sam")
    monkeypatch.setenv("COLUMNS", str(width))
    out = CliRunner().invoke(app, ["compare", str(a), str(b)]).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    header = next(line for line in lines if line.startswith("Area"))
    assert "Alex" in header and "Sam" in header and header.rstrip().endswith("Gap")
    row = next(line for line in lines if line.startswith("Communication"))
    assert "█" in row or "░" in row
    assert ("Strained" in row or "Mixed" in row or "Strong" in row) == (width >= 80)


def test_in_a_very_narrow_terminal_the_bars_give_way_to_the_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = take(tmp_path, ALEX, "Alex")
    b, _ = take(tmp_path, SAM, "Sam")
    monkeypatch.setenv("COLUMNS", "30")
    report = CliRunner().invoke(app, ["report", str(a)]).stdout.splitlines()
    compare = CliRunner().invoke(app, ["compare", str(a), str(b)]).stdout.splitlines()
    for lines in (report, compare):
        assert max(len(line) for line in lines) <= 30
        at = next(i for i, line in enumerate(lines) if line.startswith("Communication"))
        shown = " ".join(lines[at : at + 3])  # one row, or the area with its scores below it
        assert "█" not in shown and "░" not in shown
        assert any(char.isdigit() for char in shown)


def test_names_and_texts_are_shown_literally_not_as_markup(tmp_path: Path) -> None:
    path, _ = take(tmp_path, ALEX, "[bold]Kim[/bold] :heart:")
    out = CliRunner().invoke(app, ["report", str(path)]).stdout
    assert "[bold]Kim[/bold] :heart:" in out
    assert "❤" not in out


def test_long_partner_names_fall_back_to_one_area_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = take(tmp_path, ALEX, "Alexandra Josephine")
    b, _ = take(tmp_path, SAM, "Maximilian Bartholomew")
    for width in (40, 60, 70, 100):
        monkeypatch.setenv("COLUMNS", str(width))
        lines = CliRunner().invoke(app, ["compare", str(a), str(b)]).stdout.splitlines()
        assert max(len(line) for line in lines) <= width, width
        block = "\n".join(lines)
        assert "Alexandra Josephine" in block and "Maximilian Bartholomew" in block
    monkeypatch.setenv("COLUMNS", "45")
    lines = CliRunner().invoke(app, ["compare", str(a), str(b)]).stdout.splitlines()
    start = lines.index("Communication")
    assert lines[start + 1].startswith("  Alexandra Josephine: ")
    assert lines[start + 2].startswith("  Maximilian Bartholomew: ")
    assert lines[start + 3].startswith("  Gap: ")


def test_an_unscored_area_still_fits_a_narrow_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = {k: v for k, v in ALEX.items() if not k.startswith("communication")}
    path, _ = take(tmp_path, partial, "Alex")
    for width in (30, 40, 49, 80):
        monkeypatch.setenv("COLUMNS", str(width))
        lines = CliRunner().invoke(app, ["report", str(path)]).stdout.splitlines()
        assert max(len(line) for line in lines) <= width, width
        at = lines.index(next(line for line in lines if line.startswith("Communication")))
        assert "not scored" in " ".join(lines[at : at + 2])


def test_a_title_too_long_for_the_box_edge_opens_the_box() -> None:
    out = Lines(30)
    out.panel("A very long title for a small box indeed", "Body text.")
    lines = out.text.plain.splitlines()
    assert lines[0] == "╭" + "─" * 28 + "╮"
    assert lines[1] == "│ A very long title for a    │"
    assert lines[3] == "│ Body text.                 │"
    assert all(len(line) == 30 for line in lines)


def test_wide_emoji_are_not_taken_for_narrow_symbols() -> None:
    assert cells("⌛") == 2
    assert cells("█░·") == 3


def test_a_low_result_fits_on_about_two_screens_at_100_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person in a struggling relationship gets a few ideas, not fifteen, and can see the
    whole report in two screens."""
    from closeness_quiz.content.bank import load_bank

    low = {q.id: (4 if q.reverse else 0) for q in load_bank().questions}
    path, _ = take(tmp_path, low, "Sam")
    monkeypatch.setenv("COLUMNS", "100")
    out = CliRunner().invoke(app, ["report", str(path)]).stdout
    lines = out.splitlines()
    assert len(lines) <= 100, len(lines)

    def bullets_under(index: int) -> int:
        count = 0
        for line in lines[index + 1 :]:
            if line.startswith("  • "):
                count += 1
            elif not line.startswith("    "):
                break
        return count

    focus = bullets_under(lines.index("Start here"))
    more = [bullets_under(i) for i, line in enumerate(lines) if line == "More ideas for this area:"]
    assert 1 <= focus <= 3 and all(n <= 2 for n in more)
    assert focus + sum(more) <= 7  # a few ideas, not fifteen
