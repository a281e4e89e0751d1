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


def leaving(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`code`, then `leave(3)`, in a process of its own (its output buffered, as Python's is
    into a pipe or file unless PYTHONUNBUFFERED is set)."""
    env = env_for_subprocess(tmp_path)
    env.pop("PYTHONUNBUFFERED", None)
    return subprocess.run(
        [sys.executable, "-c", f"{code}\nfrom closeness_quiz.launch import leave\nleave(3)"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_leaving_writes_everything_out_first_and_keeps_the_status(tmp_path: Path) -> None:
    done = leaving(tmp_path, "import sys\nprint('the end')\nprint('to err', file=sys.stderr)")
    assert done.returncode == 3
    assert done.stdout == "the end\n" and done.stderr == "to err\n"


def test_leaving_skips_the_teardown(tmp_path: Path) -> None:
    """The point of leave: Python doesn't take every object apart again at the end."""
    code = "class Kept:\n    def __del__(self):\n        print('taken apart')\nkept = Kept()"
    assert leaving(tmp_path, code).stdout == ""
    ended = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert ended.stdout == "taken apart\n"  # as Python ends otherwise


def test_what_a_library_asked_to_run_at_exit_still_runs(tmp_path: Path) -> None:
    done = leaving(tmp_path, "import atexit\natexit.register(print, 'saved at exit')")
    assert (done.returncode, done.stdout) == (3, "saved at exit\n")


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    out = tmp_path / "thread.txt"
    code = (
        "import threading, time\n"
        "def work():\n    time.sleep(0.3)\n"
        f"    open({str(out)!r}, 'w').write('done')\n"
        "threading.Thread(target=work).start()"
    )
    assert leaving(tmp_path, code).returncode == 3
    assert out.read_text() == "done"


def test_a_command_through_launch_says_all_and_exits_as_ever(tmp_path: Path) -> None:
    env = env_for_subprocess(tmp_path)
    missing = tmp_path / "nowhere.json"
    done = subprocess.run(
        [sys.executable, "-m", "closeness_quiz", "report", str(missing)],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == f"closeness-quiz: error: {missing}: no such result file."
