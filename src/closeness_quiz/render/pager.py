"""Long output on a terminal through a pager, as git and gh do it.

`report`, `compare` and `history` page what they print to a terminal when it is longer than
the screen: through `CLOSENESS_QUIZ_PAGER`, else `PAGER`, else `less` (with `LESS=FRX`
unless LESS is set, so colours show and what was read stays on the screen). An empty value
or `cat` turns paging off, and so does `--no-pager`. Never paged: output that is not a
terminal (a file, a pipe), a plain terminal (screen readers, TERM=dumb), anything under CI,
and `take`'s report (the question after it must never wait behind a pager). A pager that
can't be started prints the text as it is."""

from __future__ import annotations

import os
import sys

from closeness_quiz.render import display

PAGER_ENV = "CLOSENESS_QUIZ_PAGER"
DEFAULT = "less"
NOT_FOUND = 127  # what the shell returns for a command it can't find


def command() -> str | None:
    """The pager to use for standard output now, or None for none."""
    if not display.is_terminal(sys.stdout) or display.wants_plain(sys.stdout):
        return None
    if os.environ.get("CI", "").strip():
        return None
    chosen = os.environ.get(PAGER_ENV, os.environ.get("PAGER", DEFAULT)).strip()
    return None if chosen in ("", "cat") else chosen


def page(text: str, pager: str, height: int) -> None:
    """`text` through `pager` if it is longer than the screen, else printed as it is."""
    if text.count("\n") < height:
        _print(text)
        return
    import contextlib  # only now: a command whose output is a pipe doesn't pay for these
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    sys.stdout.flush()
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError:
            _print(text)
            return
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # quit before the end: nothing wrong
            process.stdin.write(text.encode(encoding, "replace"))
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        code = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if code == NOT_FOUND:
        _print(text)


def _print(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
