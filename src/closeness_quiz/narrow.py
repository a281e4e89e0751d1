"""Each run builds only what it asks for. Typer turns every command's signature into Click
parameters on each run, about a tenth of `report`'s start-up, where a run needs one command;
the app's own --help needs only every command's name and help. `tests/test_one_command.py`
holds every help text, usage error and suggestion to what the whole app gives."""

import contextlib
import copy
import inspect
import os
import sys
from collections.abc import Iterator
from typing import Any

from closeness_quiz.cli import app, bank_app

OVERVIEW = "--help"  # what asked_for gives for the app's own help


def asked_for(args: list[str]) -> str | None:
    """What the arguments ask for: a command (`report` in `--debug report x.json`), "" for the
    version, OVERVIEW for the app's own help (also when nothing is given), or None for
    anything else (an unknown option, shell completion's)."""
    for arg in args:
        if arg != "--debug":
            if arg in ("-h", "--help"):
                return OVERVIEW
            return "" if arg == "--version" else None if arg.startswith("-") else arg
    return OVERVIEW if not args else None


def main() -> None:
    """Run the app with only what the arguments ask for. Anything else (a mistyped command, an
    unknown option, shell completion) gets the whole app, so lists and suggestions stay
    complete."""
    asked = None if "_CLOSENESS_QUIZ_COMPLETE" in os.environ else asked_for(sys.argv[1:])
    with narrowed(asked):
        app(prog_name="closeness-quiz")


@contextlib.contextmanager
def narrowed(asked: str | None) -> Iterator[None]:
    """The app with only what `asked` needs, put back as it was however the run ends."""
    saved = app.registered_commands, app.registered_groups, bank_app.registered_commands
    commands, groups, _ = saved
    try:
        if asked == OVERVIEW:
            app.registered_commands = [listing(c) for c in commands]
            bank_app.registered_commands = []  # `bank` is listed by its own help only
        elif asked is not None:
            app.registered_commands = [c for c in commands if command_name(c) == asked]
            app.registered_groups = [g for g in groups if g.name == asked]
            if asked and not app.registered_commands and not app.registered_groups:
                app.registered_commands, app.registered_groups = commands, groups  # no such
        yield
    finally:
        app.registered_commands, app.registered_groups, bank_app.registered_commands = saved


def listing(info: Any) -> Any:
    """A command as the app's --help lists it: its name and help, and no options to build."""

    def listed() -> None:
        """Never run: the app's help only lists the command."""

    shown = copy.copy(info)
    shown.name = command_name(info)
    shown.help = info.help if info.help is not None else inspect.getdoc(info.callback)
    shown.callback = listed
    return shown


def command_name(info: Any) -> str:
    """A registered command's name as typed: its own, else the function's with dashes."""
    name = info.name or info.callback.__name__
    return str(name).lower().replace("_", "-")
