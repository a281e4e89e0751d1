"""launch.py pauses Python's garbage collector for start-up; a quiz runs with it on again."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.commands import take as take_cmd
from closeness_quiz.quiz.loop import Step
from tests.conftest import env_for_subprocess
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, write


@pytest.fixture
def paused_gc() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("paused_gc")
def test_the_quiz_runs_with_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def ask(step: Step) -> int:
        seen.append(gc.isenabled())
        return 2

    monkeypatch.setattr(take_cmd, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(take_cmd, "pick_ask", lambda plain: ask)
    bank = write(tmp_path, "bank.yaml", SMALL_BANK)
    guidance = write(tmp_path, "guidance.yaml", SMALL_GUIDANCE)
    result = CliRunner().invoke(
        app, ["take", "--bank", str(bank), "--guidance", str(guidance), "--no-save"]
    )
    assert result.exit_code == 0, result.output
    assert seen and all(seen)


def test_the_program_starts_through_launch(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz", "--version"],
        capture_output=True,
        text=True,
        env=env_for_subprocess(tmp_path),
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("closeness-quiz ")


@pytest.mark.usefixtures("paused_gc")
def test_the_collector_stays_paused_while_content_loads_and_for_an_answers_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A 20,000-question bank loads in about half the time with the collector paused: it
    comes back only before the first question, and never for `take --answers`."""
    loading: list[bool] = []
    real = take_cmd.load_bank
    monkeypatch.setattr(
        take_cmd, "load_bank", lambda *a: loading.append(gc.isenabled()) or real(*a)
    )
    bank = write(tmp_path, "bank.yaml", SMALL_BANK)
    guidance = write(tmp_path, "guidance.yaml", SMALL_GUIDANCE)
    answers = write(tmp_path, "answers.yaml", "talk-1: 3\nplay-1: 2\n")
    result = CliRunner().invoke(
        app, ["take", "--bank", str(bank), "--guidance", str(guidance), "--no-save",
              "--answers", str(answers)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert loading == [False] and not gc.isenabled()
