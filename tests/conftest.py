"""Shared fixtures. No test touches the real user folder or the network."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the results folder at a temp dir and pin the terminal width for stable output."""
    home = tmp_path / "quiz-home"
    monkeypatch.setenv("CLOSENESS_QUIZ_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERMINAL_WIDTH", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CLOSENESS_QUIZ_DEBUG", raising=False)
    return home


@pytest.fixture(autouse=True)
def unlocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked take or --passphrase-file in one in-process test leaves nothing for the next."""
    from closeness_quiz.store import drafts, locking

    monkeypatch.setattr(drafts.Locked, "on", False)
    monkeypatch.setattr(drafts.Locked, "key", None)
    monkeypatch.setattr(locking, "PASSPHRASES", locking.Passphrases())


@pytest.fixture(autouse=True)
def private_umask() -> Iterator[None]:
    """Folders a test makes are private, as a careful user's are: a results folder others can
    see into is tightened with a note (tests/test_private.py), which other tests don't expect."""
    previous = os.umask(0o077)
    yield
    os.umask(previous)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a network connection fails the test (local Unix sockets are fine)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"a test tried to open a network connection to {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(
        socket,
        "create_connection",
        lambda address, *a, **k: (_ for _ in ()).throw(
            AssertionError(f"a test tried to open a network connection to {address!r}")
        ),
    )
    yield


def env_for_subprocess(home: Path) -> dict[str, str]:
    """Environment for running the real program: isolated home, no colour, fixed width."""
    env = dict(os.environ)
    env.update(
        CLOSENESS_QUIZ_HOME=str(home),
        NO_COLOR="1",
        COLUMNS="100",
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm-256color",
    )
    return env
