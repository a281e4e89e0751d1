"""Resume in a real pseudo-terminal (pexpect): Ctrl-C or a closed terminal, then `take --resume`."""

from __future__ import annotations

import json
import signal
import stat
import sys
from pathlib import Path

import pexpect
import pytest

from closeness_quiz.content.bank import load_bank
from tests.conftest import env_for_subprocess
from tests.helpers import past_the_plan

pytestmark = pytest.mark.terminal

BANK = load_bank()
SCORED = len(BANK.questions)
TOTAL = SCORED + len(BANK.safety)
DRAFT = f"{BANK.id}.draft.json"


def spawn(home: Path, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", "take", *args],
        env=env_for_subprocess(home),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def progress(number: int) -> str:
    """What the prompt shows for the number-th question overall (private ones counted apart)."""
    if number > SCORED:
        return f"Private question {number - SCORED} of {TOTAL - SCORED}"
    return f"Statement {number} of {SCORED}"


def wait_for(child: pexpect.spawn, number: int) -> None:
    child.expect_exact(progress(number))


def draft_answers(home: Path) -> dict[str, int]:
    answers: dict[str, int] = json.loads((home / DRAFT).read_text(encoding="utf-8"))["answers"]
    return answers


def test_ctrl_c_after_three_answers_then_resume_keeps_them(quiz_home: Path) -> None:
    child = spawn(quiz_home)
    for number, key in enumerate(["2", "3", "5"], 1):  # Rarely, Sometimes, Almost always
        wait_for(child, number)
        child.send(key + "\r")
    wait_for(child, 4)
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    stopped = child.before or ""
    assert child.exitstatus == 130
    assert "Traceback" not in stopped
    assert "take --resume" in stopped
    first_three = {q.id: v for q, v in zip(BANK.questions[:3], [1, 2, 4], strict=True)}
    assert draft_answers(quiz_home) == first_three

    child = spawn(quiz_home, "--resume")
    child.expect_exact("going on from statement 4")
    for number in range(4, SCORED + 1):
        wait_for(child, number)
        child.send("4\r")
    for number in range(SCORED + 1, TOTAL + 1):
        wait_for(child, number)
        child.send("1\r")  # Never: no safety notice
    past_the_plan(child, "Save your scores on this computer? [Y/n]")
    child.send("\r")
    child.expect_exact("Saved your result to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")

    (saved,) = [p for p in quiz_home.glob("*.json") if "draft" not in p.name]
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert {qid: answers[qid] for qid in first_three} == first_three
    assert len(answers) == SCORED
    assert not (quiz_home / DRAFT).exists()


def test_a_closed_terminal_keeps_the_answers_given(quiz_home: Path) -> None:
    child = spawn(quiz_home, "--plain")
    for number, key in enumerate(["4", "2"], 1):
        child.expect_exact(progress(number))
        child.expect_exact("Your answer")
        child.sendline(key)
    child.expect_exact(progress(3))
    child.close(force=True)  # hang up, as closing the terminal window does
    assert child.signalstatus == signal.SIGHUP  # killed by the hang-up, with no chance to tidy up

    draft = quiz_home / DRAFT
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert draft_answers(quiz_home) == {BANK.questions[0].id: 3, BANK.questions[1].id: 1}
    # No temp file left behind. (The draft's lock file stays, but not its lock: that went
    # with the process, so the --resume below goes ahead.)
    assert [p.name for p in quiz_home.iterdir() if p.name != f".{DRAFT}.lock"] == [DRAFT]

    child = spawn(quiz_home, "--plain", "--resume")
    child.expect_exact(progress(3))
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert len(draft_answers(quiz_home)) == 2
