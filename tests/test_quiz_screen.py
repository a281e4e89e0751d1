"""Every statement of the default bank is shown whole on the quiz screen, at 40 and 60 columns:
the live prompt (real questionary prompts drawn by prompt_toolkit into a terminal of that size)
and the line that stays in the scrollback once a statement is answered."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from closeness_quiz.content.bank import load_bank
from closeness_quiz.quiz import prompts
from closeness_quiz.quiz.loop import run_quiz
from tests.vt import Screen, answered_lines, statement_in

BANK = load_bank()
STATEMENTS = {number: q.text for number, q in enumerate(BANK.questions, 1)}
PRIVATE = {number: q.text for number, q in enumerate(BANK.safety, 1)}


def take_at(width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The whole default bank answered 'Sometimes' in a terminal `width` columns wide: the
    screen prompt_toolkit drew, and what print() left (the answered lines)."""
    monkeypatch.setenv("COLUMNS", str(width))
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=width), term="xterm")
    keys = "3\r" * (len(STATEMENTS) + len(PRIVATE))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys)
        run_quiz(BANK, prompts.ask)
    return Screen(width).feed(drawn.getvalue()), capsys.readouterr().out


@pytest.mark.parametrize("width", [40, 60])
def test_the_live_prompt_shows_every_statement_whole(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    screen, _ = take_at(width, monkeypatch, capsys)
    assert screen.cut == [], "something was drawn past the right edge"
    for kind, texts in (("Statement", STATEMENTS), ("Private question", PRIVATE)):
        total = len(texts)
        for number, text in texts.items():
            progress = f"{kind} {number} of {total}"
            found = [statement_in(frame, progress) for frame in screen.frames]
            shown = [f for f in found if f is not None]
            assert shown, f"{progress} was never drawn"
            joined, lines = shown[-1]
            assert joined == text, progress
            assert all(len(line) <= width for line in lines)
            assert all(line.startswith("  ") for line in lines)  # under the prompt mark


@pytest.mark.parametrize("width", [40, 60])
def test_each_answered_statement_stays_whole_in_the_scrollback(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, printed = take_at(width, monkeypatch, capsys)
    lines = printed.splitlines()
    assert max(len(line) for line in lines) < width
    answered = answered_lines(lines)
    assert answered == {n: f"{text} \u2014 Sometimes" for n, text in STATEMENTS.items()}
    flowing = " ".join(printed.split())
    for text in PRIVATE.values():  # private questions leave nothing behind
        assert text not in flowing


def test_going_back_leaves_one_clean_line_per_statement(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answer 1 and 2, go back to 2 and change it: the scrollback shows statement 2 once,
    with the new answer, and never 'Go back'."""
    monkeypatch.setenv("COLUMNS", "60")
    output = Vt100_Output(io.StringIO(), lambda: Size(rows=40, columns=60), term="xterm")
    keys = "4\r" + "3\r" + "b\r" + "2\r" + "3\r" * (len(STATEMENTS) + len(PRIVATE) - 2)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys)
        outcome = run_quiz(BANK, prompts.ask)
    first, second = BANK.questions[0].id, BANK.questions[1].id
    assert (outcome.answers[first], outcome.answers[second]) == (3, 1)
    # print() writes "\n"; a terminal turns it into a carriage return and a line feed
    lines = Screen(60).feed(capsys.readouterr().out.replace("\n", "\r\n")).lines()
    flowing = " ".join(" ".join(lines).split())
    assert flowing.count(STATEMENTS[2]) == 1
    assert f"{STATEMENTS[2]} \u2014 Rarely" in flowing
    assert "Sometimes" not in flowing.split(STATEMENTS[3])[0]  # the old answer to 2 is gone
    assert "Go back" not in flowing
