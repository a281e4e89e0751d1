"""Glue between CLI flags and the core: each module's run() raises UserError on bad input.

The core never prints; what it reports that the person should hear is said from here."""

from pathlib import Path

from closeness_quiz.errors import notice
from closeness_quiz.store import paths

MADE_PRIVATE = (
    "Note: other users of this computer could see into the results folder {folder}; "
    "it is now private to you (0700)."
)


def _made_private(folder: Path) -> None:
    notice(MADE_PRIVATE.format(folder=folder))


# Every command is imported from this package, so every command says so, once per folder made
# private (after that it is private). A shell's completion of names, which runs no command,
# tightens the folder all the same.
paths.when_made_private(_made_private)
