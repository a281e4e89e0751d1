"""The program builds only the command it is asked for (narrow.main), for a quicker start. A user
must not be able to tell: every help text, usage error and suggestion reads exactly as the
whole app's (`app` called directly, never narrowed)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from closeness_quiz import cli, narrow
from tests.test_docs import COMMANDS

Capture = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
Run = tuple[int | str | None, str]  # exit code, what was printed


def run(call: Callable[[], object], capsys: Capture) -> Run:
    """Exit code and everything printed (stdout + stderr) of one run in this process."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        call()
    printed = capsys.readouterr()
    return ended.value.code, printed.out + printed.err


def real(args: list[str], capsys: Capture, monkeypatch: Patch) -> Run:
    """As a user runs it: through narrow.main, which builds only the command asked for."""
    monkeypatch.setattr(sys, "argv", ["closeness-quiz", *args])
    return run(narrow.main, capsys)


def whole_app(args: list[str], capsys: Capture) -> Run:
    """The app with every command built (what main() would be without narrowing)."""
    return run(lambda: cli.app(args, prog_name="closeness-quiz"), capsys)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h", "report"],
        ["--debug", "--help"],
        ["--version"],
        ["--debug", "report", "--help"],
        ["bank", "--help"],
        *[[*command.split(), "--help"] for command in COMMANDS],
    ],
    ids=" ".join,
)
def test_help_reads_as_the_whole_apps(args: list[str], capsys: Capture, monkeypatch: Patch) -> None:
    seen = real(args, capsys, monkeypatch)
    assert seen[0] == 0 and seen[1].startswith(("Usage: closeness-quiz", "closeness-quiz "))
    assert seen == whole_app(args, capsys)


@pytest.mark.parametrize(
    "args",
    [
        ["reprot", "x.json"],  # a mistyped command: suggestions come from every command
        ["report", "--bogus"],
        ["compare", "only-one.json"],
        ["bank"],
        ["bank", "valdate"],
        ["--version", "report"],
        ["--debug"],
        [],
    ],
    ids=lambda args: " ".join(args) or "(nothing)",
)
def test_mistakes_read_as_the_whole_apps(
    args: list[str], capsys: Capture, monkeypatch: Patch
) -> None:
    seen = real(args, capsys, monkeypatch)
    assert seen[0] != 0 or args[:1] == ["--version"]
    assert seen == whole_app(args, capsys)


def test_the_app_keeps_every_command_after_a_run(capsys: Capture, monkeypatch: Patch) -> None:
    """main() narrows the app for one run and puts it back, however the run ends."""
    before = list(cli.app.registered_commands), list(cli.app.registered_groups)
    assert "Usage: closeness-quiz report" in real(["report", "--help"], capsys, monkeypatch)[1]
    assert (cli.app.registered_commands, cli.app.registered_groups) == before


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["report", "x.json"], "report"),
        (["--debug", "compare", "a", "b"], "compare"),
        (["bank", "validate", "f.yaml"], "bank"),
        (["--version"], ""),
        (["--debug", "--version"], ""),
        (["--help"], narrow.OVERVIEW),
        (["-h", "report"], narrow.OVERVIEW),
        (["--debug", "--help"], narrow.OVERVIEW),
        ([], narrow.OVERVIEW),
        (["--debug"], None),
        (["--bogus", "report"], None),
        (["--install-completion"], None),
    ],
)
def test_what_is_asked_for(args: list[str], asked: str | None) -> None:
    assert narrow.asked_for(args) == asked
