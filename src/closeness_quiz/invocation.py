"""How this program was started, so that a hint it prints (`... take --resume`, `... report
PATH`) is a command that works when pasted into the same shell.

`closeness-quiz` when the script that is running is the one the shell finds on PATH; the
script's full path when it was started by a path that isn't on PATH (`.venv/bin/closeness-quiz`
without an activated venv); `python -m closeness_quiz` with the Python that is running, by its
short name only where the shell finds that same Python. Anything else (a test runner, an
embedding program) gets the plain `closeness-quiz` the README uses."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

SCRIPT = "closeness-quiz"
# What the script may be called: on Windows pip makes `closeness-quiz.exe` (or a -script.py).
SCRIPT_NAMES = (SCRIPT, f"{SCRIPT}.exe", f"{SCRIPT}-script.py")


def program(argv0: str | None = None, executable: str | None = None) -> str:
    """The words that start this program again, quoted for a POSIX shell."""
    started = sys.argv[0] if argv0 is None else argv0
    if not started:
        return SCRIPT
    path = Path(started)
    if path.name == "__main__.py" and path.parent.name == "closeness_quiz":
        return f"{python(sys.executable if executable is None else executable)} -m closeness_quiz"
    if path.name in SCRIPT_NAMES:
        found = shutil.which(SCRIPT)
        if found is not None and _same_file(found, started):
            return SCRIPT
        return shlex.quote(os.path.abspath(started))
    return SCRIPT


def python(executable: str) -> str:
    """`python3` or `python` where the shell finds this very interpreter, else its full path:
    another Python on PATH may not have closeness-quiz installed."""
    if not executable:
        return "python3"
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found is not None and os.path.abspath(found) == os.path.abspath(executable):
            return name
    return shlex.quote(executable)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def command(*words: str) -> str:
    """A full command line: the program, then each word quoted for the shell."""
    return " ".join([program(), *(quote(word) for word in words)])


def quote(word: str) -> str:
    """`word` quoted for the shell. A file name that isn't UTF-8 (its bytes kept as lone
    surrogates) is written as $'...' with \\xHH escapes, which bash and zsh read back
    as the same bytes: printed as it is, it would name no file."""
    if not any("\udc80" <= char <= "\udcff" for char in word):
        return shlex.quote(word)
    shown = "".join(
        chr(byte) if 32 <= byte < 127 and byte not in b"'\\" else f"\\x{byte:02x}"
        for byte in word.encode("utf-8", "surrogateescape")
    )
    return f"$'{shown}'"
