"""A real terminal for end-to-end tests: the program runs in a tmux pane of a given size, keys
are typed with send-keys, and the screen (with its scrollback) is read with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import env_for_subprocess


def tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CLOSENESS_QUIZ_REQUIRE_TERMINAL") == "1":
            pytest.fail("tmux is required (CLOSENESS_QUIZ_REQUIRE_TERMINAL=1)")
        pytest.skip("tmux is not installed")
    return found


class Pane:
    """One tmux server of our own (so no test touches the user's), with one window."""

    def __init__(self, home: Path, command: str, *, width: int = 80, height: int = 30) -> None:
        self.server = f"cq-test-{os.getpid()}-{time.monotonic_ns()}"
        self.env = env_for_subprocess(home)
        self.env.pop("TMUX", None)
        self.env.pop("COLUMNS", None)  # the pane's own width, as for a person at a terminal
        self.run(
            "-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", str(width),
            "-y", str(height), command,
        )  # fmt: skip

    def run(self, *args: str) -> str:
        return subprocess.run(
            [tmux(), "-L", self.server, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "quiz", *keys)

    def screen(self) -> str:
        """Everything on the screen and in its scrollback, wrapped lines joined."""
        return self.run("capture-pane", "-p", "-J", "-S", "-", "-t", "quiz")

    def wait_for(self, text: str, timeout: float = 20, *, times: int = 1) -> str:
        """The screen once `text` is on it (`times` times: plain prompts are never erased)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if shown.count(text) >= times:
                return shown
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared {times} time(s):\n{self.screen()}")

    def close_window(self) -> None:
        """What closing a terminal window does: the pane's programs get SIGHUP."""
        self.run("kill-session", "-t", "quiz")

    def kill(self) -> None:
        subprocess.run([tmux(), "-L", self.server, "kill-server"], env=self.env, check=False)
