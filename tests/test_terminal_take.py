"""`take` end to end in a real pseudo-terminal (pexpect): numbers, arrows, back, skip, Ctrl-C."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pexpect
import pytest

from closeness_quiz.content.bank import load_bank
from tests.conftest import env_for_subprocess
from tests.helpers import past_the_plan

pytestmark = pytest.mark.terminal

BANK = load_bank()
TOTAL = len(BANK.questions) + len(BANK.safety)
DOWN = "\x1b[B"


def spawn(home: Path, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", "take", *args],
        env=env_for_subprocess(home),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.logfile_read = io.StringIO()  # everything the terminal was sent
    return child


COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;|4[0-7])[0-9;]*m")


SCORED = len(BANK.questions)
PRIVATE = len(BANK.safety)


def progress(number: int) -> str:
    """What the prompt shows for the number-th question overall (private ones counted apart)."""
    if number > SCORED:
        return f"Private question {number - SCORED} of {PRIVATE}"
    return f"Statement {number} of {SCORED}"


def wait_for(child: pexpect.spawn, number: int) -> None:
    child.expect_exact(progress(number))


def test_take_in_a_terminal_with_back_and_skip(quiz_home: Path) -> None:
    child = spawn(quiz_home, "--name", "Kit")
    child.expect_exact("about five minutes")
    wait_for(child, 1)
    child.send("2\r")  # Rarely
    wait_for(child, 2)
    child.send(DOWN * 3 + "\r")  # arrows: Often
    wait_for(child, 3)
    child.send("b\r")  # back to question 2
    wait_for(child, 2)
    child.send("5\r")  # change it to Almost always
    wait_for(child, 3)
    child.send("s\r")  # skip question 3
    for number in range(4, len(BANK.questions) + 1):
        wait_for(child, number)
        child.send("4\r")
    child.expect_exact("private")
    for number in range(len(BANK.questions) + 1, TOTAL + 1):
        wait_for(child, number)
        child.send("1\r")  # Never: no safety notice
    child.expect_exact("Overall")
    past_the_plan(child, "Save your scores on this computer? [Y/n]")  # asked of everyone
    child.send("\r")  # Enter: yes
    child.expect_exact("Saved your result to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = child.logfile_read.getvalue()
    assert "Traceback" not in screen
    assert not COLOUR.search(screen), "NO_COLOR=1 is set: no colour codes may be sent"

    (saved,) = quiz_home.glob("*-kit.json")
    answers = json.loads(saved.read_text())["answers"]
    first, second, third = (q.id for q in BANK.questions[:3])
    assert answers[first] == 1
    assert answers[second] == 4
    assert third not in answers
    assert len(answers) == len(BANK.questions) - 1
    assert not any(key.startswith("safety") for key in answers)


def test_ctrl_c_exits_130_without_a_traceback(quiz_home: Path) -> None:
    child = spawn(quiz_home)
    wait_for(child, 1)
    child.send("3\r")
    wait_for(child, 2)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    output = child.before or ""
    assert child.exitstatus == 130
    assert "Traceback" not in output
    assert "--resume" in output
    results = [p for p in quiz_home.glob("*.json") if "draft" not in p.name]
    assert results == []  # an interrupted quiz leaves no result, only (at most) a draft


def test_plain_mode_in_a_terminal(quiz_home: Path) -> None:
    child = spawn(quiz_home, "--plain", "--no-save")
    for number in range(1, TOTAL + 1):
        child.expect_exact(progress(number))
        child.expect_exact("Your answer")
        child.sendline("3" if number <= len(BANK.questions) else "1")
    child.expect_exact("Overall")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[?" not in (
        child.before or ""
    )  # no cursor-control sequences from a full-screen prompt
