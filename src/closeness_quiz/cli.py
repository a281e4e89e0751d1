"""The Typer app: flags -> command functions, errors -> exit codes. Nothing else lives here.

Heavy modules (questionary, Rich rendering, YAML) are imported inside the commands, so
`--help` and `--version` pay only for Typer.

No `from __future__ import annotations` here on purpose: Typer reads every command's
annotations on each run, and string annotations cost it ~5 ms of eval() per call."""

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from closeness_quiz import __version__
from closeness_quiz.errors import EXIT_INTERRUPTED, Exit, UserError

F = TypeVar("F", bound=Callable[..., Any])
DEBUG_ENV = "CLOSENESS_QUIZ_DEBUG"

app = typer.Typer(
    name="closeness-quiz",
    help=(
        "A private questionnaire about emotional closeness in a relationship: "
        "communication, affection, trust and time together. Not a diagnosis."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(
    help="Check custom question banks and guidance files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(bank_app, name="bank")


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class SheetFormat(StrEnum):
    markdown = "markdown"
    html = "html"


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


def fail(message: str, code: int) -> typer.Exit:
    sys.stderr.write(f"closeness-quiz: {message}\n")
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """One place that turns errors into exit codes: 2 for bad input, 130 for Ctrl-C, 1 for bugs."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            raise fail(f"error: {exc}", 2) from None
        except Exit as exc:  # the user has been told why already
            raise typer.Exit(exc.code) from None
        except (KeyboardInterrupt, EOFError):
            # `take` says itself what it kept; anywhere else nothing was being written.
            raise fail("stopped.", EXIT_INTERRUPTED) from None
        except typer.Exit:
            raise
        except Exception as exc:
            if debugging():
                raise
            raise fail(
                f"internal error: {type(exc).__name__}: {exc}\n"
                f"This is a bug in closeness-quiz {__version__}; please report it "
                f"(run again with --debug, or {DEBUG_ENV}=1, to see the details).",
                1,
            ) from None

    return wrapper  # type: ignore[return-value]


def debugging() -> bool:
    """CLOSENESS_QUIZ_DEBUG=1 (or yes, true, on) shows tracebacks; 0, no, false or empty don't."""
    return os.environ.get(DEBUG_ENV, "").strip().casefold() in ("1", "yes", "true", "on")


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"closeness-quiz {__version__}\n")
        raise typer.Exit()


def debug_callback(value: bool) -> None:
    if value:
        os.environ[DEBUG_ENV] = "1"


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            callback=debug_callback,
            is_eager=True,
            help=f"Show the full details of an internal error (same as {DEBUG_ENV}=1).",
        ),
    ] = False,
) -> None:
    """A private questionnaire about emotional closeness in a relationship. Not a diagnosis."""
    from closeness_quiz.display import protect

    protect(sys.stdout)  # what the terminal's encoding can't write is replaced, never a crash


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of standard output."),
]
BankOpt = Annotated[Path | None, typer.Option("--bank", help="Use a custom question bank (YAML).")]
GuidanceOpt = Annotated[
    Path | None, typer.Option("--guidance", help="Use a custom guidance file (YAML).")
]
FormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]


@app.command()
@handle_errors
def take(
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", help="A label for this result, such as a first name."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Score answers from a YAML or JSON file instead of asking."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Save the result to this file.")
    ] = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Show the report without saving the result.")
    ] = False,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted quiz.")] = False,
    discard: Annotated[
        bool,
        typer.Option("--discard", help="Throw away an unfinished quiz and start again."),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", help="Numbered plain-text prompts, for screen readers and simple terminals."
        ),
    ] = False,
    format: FormatOpt = ReportFormat.text,
) -> None:
    """Answer the questions (about five minutes), see your report, and save the result privately."""
    import gc

    # launch.py paused the garbage collector for start-up; a quiz runs for minutes.
    gc.enable()
    from closeness_quiz.commands.take import run

    run(
        name=name,
        answers_file=answers,
        output=output,
        save=not no_save,
        bank_file=bank,
        guidance_file=guidance,
        resume=resume,
        plain=plain,
        fmt=format.value,
        discard=discard,
    )


@app.command()
@handle_errors
def report(
    result: Annotated[
        Path,
        typer.Argument(metavar="RESULT", help="A saved result file (JSON).", show_default=False),
    ],
    format: FormatOpt = ReportFormat.text,
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
) -> None:
    """Show a saved result again."""
    from closeness_quiz.commands.report import run

    run(result, fmt=format.value, output=output, bank_file=bank, guidance_file=guidance)


@app.command()
@handle_errors
def compare(
    result_a: Annotated[
        Path,
        typer.Argument(
            metavar="RESULT_A", help="The first partner's result file.", show_default=False
        ),
    ],
    result_b: Annotated[
        Path,
        typer.Argument(
            metavar="RESULT_B", help="The second partner's result file.", show_default=False
        ),
    ],
    format: FormatOpt = ReportFormat.text,
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
) -> None:
    """Put two partners' results side by side, with conversations to start."""
    from closeness_quiz.commands.compare import run

    run(result_a, result_b, fmt=format.value, output=output, bank_file=bank, guidance_file=guidance)


@app.command()
@handle_errors
def worksheet(
    format: Annotated[
        SheetFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SheetFormat.markdown,
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    with_key: Annotated[
        bool, typer.Option("--with-key", help="Append the counsellor's scoring key.")
    ] = False,
) -> None:
    """Write a printable worksheet of the questions, for answering on paper."""
    from closeness_quiz.commands.worksheet import run

    run(fmt=format.value, output=output, bank_file=bank, guidance_file=guidance, with_key=with_key)


@app.command()
@handle_errors
def history(
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Only results with this name.")
    ] = None,
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.text,
) -> None:
    """List saved results over time, with the trend per category."""
    from closeness_quiz.commands.history import run

    run(name=name, fmt=format.value)


@bank_app.command("validate")
@handle_errors
def bank_validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Question bank or guidance files (YAML).", show_default=False
        ),
    ],
) -> None:
    """Check question banks and guidance files, reporting every problem at once."""
    from closeness_quiz.commands.validate import run

    run(files)


def main() -> None:
    app(prog_name="closeness-quiz")
