"""The one error type a user sees: which file, which id or field, and what is wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from closeness_quiz.safe_text import clean, clean_line, short

EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader of the output went away
DEBUG_ENV = "CLOSENESS_QUIZ_DEBUG"


def debugging() -> bool:
    """CLOSENESS_QUIZ_DEBUG=1 (or yes, true, on) shows tracebacks; 0, no, false or empty don't."""
    import os

    return os.environ.get(DEBUG_ENV, "").strip().casefold() in ("1", "yes", "true", "on")


MAX_WHERE = 160  # an id or field named in a message (a key may be megabytes long)
MAX_PROBLEM = 1500
MAX_LISTED = 20  # problems shown from one file, but by `bank validate`


class Exit(Exception):
    """Stop with this exit code; the user has already been told why."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class UserError(Exception):
    """A problem with the user's input. The CLI prints it and exits with code 2.

    What it quotes from a file is cleaned of control characters and cut short: a message is
    one paragraph, whatever the file holds."""

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        where: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        problem = short(clean(problem), MAX_PROBLEM)
        super().__init__(problem)
        self.problem = problem
        self.path = Path(path) if path is not None else None
        self.where = short(clean_line(where), MAX_WHERE) if where else where
        self.line = line
        self.hint = short(clean(hint), MAX_PROBLEM) if hint else hint

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path is not None:
            location = clean_line(str(self.path))
            if self.line is not None:
                location += f", line {self.line}"
            parts.append(location)
        if self.where:
            parts.append(self.where)
        head = ": ".join(parts)
        message = f"{head}: {self.problem}" if head else self.problem
        if self.hint:  # cut short here too: a hint may be set after the error is made
            message += f" {short(clean(self.hint), MAX_PROBLEM)}"
        return message


class ValidationError(UserError):
    """Every problem found in one file, so a user can fix them all in one go.

    Shown one problem per line, in the order they appear in the file, each naming the file
    and line: the same lines `bank validate` prints, and the first MAX_LISTED of them are
    what `take --bank` shows (a broken bank of 30,000 questions may have 30,000 problems)."""

    def __init__(
        self, path: Path | str, problems: list[UserError], *, every: str | None = "validate"
    ) -> None:
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        count = len(self.problems)
        super().__init__(f"has {count} problem{'' if count == 1 else 's'}:", path=path)
        self.limit: int | None = MAX_LISTED  # `bank validate` lists them all
        self.every = every  # None: no command lists them all (an answers file)

    def lines(self) -> list[str]:
        """One line per problem: file, line, question id and field, what is wrong."""
        return [str(problem) for problem in self.problems[: self.limit]]

    def __str__(self) -> str:
        lines = self.lines()
        if len(self.problems) == 1:
            return lines[0]
        head = f"{self.path} {self.problem}" if self.path is not None else self.problem
        more = len(self.problems) - len(lines)
        if more and self.every is None:
            lines.append(f"... and {more:,} more.")
        elif more:
            import shlex

            every = f"closeness-quiz bank validate {shlex.quote(str(self.path))}"
            lines.append(f"... and {more:,} more: {every} lists them all.")
        return "\n".join([head, *(f"  {line}" for line in lines)])


_cut_short: list[bool] = []  # standard output's reader went away (see output_cut_short)


def output_cut_short(*, going_on: bool = False) -> int:
    """The reader of standard output has gone (`| head`, a pager quit early). Whatever is
    still to be written goes nowhere, quietly, rather than failing at every write and at
    exit. The command ends with 141 (returned), as a program stopped by SIGPIPE does; one
    `going_on` (take, to save) gets it from `unless_cut_short` when it is done."""
    import contextlib
    import io
    import os

    if going_on:
        _cut_short.append(True)
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_PIPE_CLOSED


def unless_cut_short(done: object) -> object:
    """What a command returned, unless its output was cut short on the way: then its exit
    code is 141 (the command itself went on, as `take` does to save)."""
    if _cut_short:
        _cut_short.clear()
        raise Exit(EXIT_PIPE_CLOSED)
    return done


def notice(message: str) -> None:
    """A status line for the person at the terminal (stderr, so stdout stays clean), with any
    control character from a file shown as its escape."""
    text = clean(message)
    if sys.stderr.isatty():  # a terminal left to itself breaks lines inside words
        text = _fitted(text)
    sys.stderr.write(text + "\n")


def _fitted(text: str) -> str:
    """Long lines wrapped at spaces to the terminal's width (paths and words kept whole),
    continuation lines indented like the line they continue."""
    import shutil
    import textwrap

    width = max(30, min(shutil.get_terminal_size((80, 24)).columns or 80, 101) - 1)
    out = []
    for line in text.split("\n"):
        if line.startswith("  "):  # an indented line holds a command to copy: kept whole
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(
            line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        ) or [line]
    return "\n".join(out)
