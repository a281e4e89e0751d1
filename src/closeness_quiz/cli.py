"""The Typer app: flags -> command functions, errors -> exit codes. Nothing else lives here.
Heavy modules are imported inside the commands, so `--help` and `--version` pay only for
Typer. No `from __future__ import annotations` on purpose: Typer reads every command's
annotations on each run, and string annotations cost it ~5 ms of eval() per call."""

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand

from closeness_quiz import __version__
from closeness_quiz.errors import DEBUG_ENV, EXIT_INTERRUPTED, Exit, UserError, debugging
from closeness_quiz.safe_text import clean

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="closeness-quiz",
    help=(
        "A private questionnaire about emotional closeness in a relationship: "
        "communication, affection, trust and time together. Not a diagnosis."
    ),
    no_args_is_help=True,
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


class Command(TyperCommand):
    """Usage lines with plain argument names (`RESULT_A RESULT_B`, not Typer's `{RESULT_A}`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def complete_result(incomplete: str) -> list[str]:
    """Shell completion of a RESULT: the names of saved results (file names are the shell's)."""
    from closeness_quiz.lookup import completions

    return completions(incomplete)


def result_argument(metavar: str, help: str) -> Any:
    return typer.Argument(
        metavar=metavar, help=help, show_default=False, autocompletion=complete_result
    )


# Each member's value is its name: `--format` takes exactly these words, and completes them.
ReportFormat = StrEnum("ReportFormat", "text markdown html json")
SheetFormat = StrEnum("SheetFormat", "markdown html")
HistoryFormat = StrEnum("HistoryFormat", "text json")


def flag(name: str, help: str) -> Any:
    return typer.Option(name, help=help)


def fail(message: str, code: int) -> typer.Exit:
    """Print the message (any control character from a file shown as its escape) and exit."""
    sys.stderr.write(f"closeness-quiz: {clean(message)}\n")
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
SoloOpt = Annotated[
    bool, flag("--solo", "A report for you alone: ideas for yourself, support, no starters.")
]
PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="IDEA_ID",
        help="With --answers: the idea (one the report shows) to try this week.",
    ),
]
RESULT_HELP = "a result file, a file name from `history`, or a name (its latest result)."


@app.command(cls=Command)
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
        bool, flag("--no-save", "Show the report without saving the result.")
    ] = False,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted quiz.")] = False,
    discard: Annotated[
        bool, flag("--discard", "Throw away an unfinished quiz, start again.")
    ] = False,
    plain: Annotated[
        bool,
        flag("--plain", "Numbered plain-text prompts, for screen readers and simple terminals."),
    ] = False,
    format: FormatOpt = ReportFormat.text,
    guess: Annotated[
        bool, flag("--guess", "Then guess how your partner would answer 2 statements per area.")
    ] = False,
    guess_all: Annotated[bool, flag("--guess-all", "Like --guess, for every statement.")] = False,
    solo: SoloOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Answer the questions, see your report and save the result.

    About five minutes. The result is saved readable only by you, in the results folder."""
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
        guess="all" if guess_all else "short" if guess else None,
        solo=solo,
        plan_id=plan,
    )


@app.command(cls=Command)
@handle_errors
def checkin(
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", help="Your label, as in take (your plan is kept under it)."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Score answers from a YAML or JSON file instead of asking."),
    ] = None,
    plan: PlanOpt = None,
    no_save: Annotated[bool, flag("--no-save", "Show the check-in without saving it.")] = False,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    plain: Annotated[
        bool,
        flag("--plain", "Numbered plain-text prompts, for screen readers and simple terminals."),
    ] = False,
    format: FormatOpt = ReportFormat.text,
    solo: SoloOpt = False,
    calendar: Annotated[
        Path | None,
        typer.Option(
            "--calendar",
            metavar="FILE",
            help="Write a weekly 'Check-in' event for your calendar (.ics) and stop.",
        ),
    ] = None,
) -> None:
    """The weekly check-in: a minute, and how your plan went.

    Asks a few statements, shows what changed since your last check-in and asks how your
    plan went. Nothing runs in the background."""
    from closeness_quiz.commands.checkin import run

    run(
        name=name, answers_file=answers, plan_id=plan, save=not no_save, bank_file=bank,
        guidance_file=guidance, plain=plain, solo=solo, fmt=format.value, calendar=calendar,
    )  # fmt: skip


@app.command(cls=Command)
@handle_errors
def report(
    result: Annotated[
        str | None, result_argument("RESULT", f"The result: {RESULT_HELP}  [default: the latest]")
    ] = None,
    format: FormatOpt = ReportFormat.text,
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    every: Annotated[
        bool, flag("--all", "Show every idea that fits, not only the first few.")
    ] = False,
    solo: SoloOpt = False,
) -> None:
    """Show a saved result again (by default the latest)."""
    from closeness_quiz.commands.report import run

    run(
        result, fmt=format.value, output=output, bank_file=bank, guidance_file=guidance,
        show_all=every, solo=solo,
    )  # fmt: skip


@app.command(cls=Command)
@handle_errors
def compare(
    result_a: Annotated[str, result_argument("RESULT_A", f"One partner's result: {RESULT_HELP}")],
    result_b: Annotated[str, result_argument("RESULT_B", "The other partner's, in the same ways.")],
    format: FormatOpt = ReportFormat.text,
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
) -> None:
    """Compare two partners' results, with conversations to start."""
    from closeness_quiz.commands.compare import run

    run(result_a, result_b, fmt=format.value, output=output, bank_file=bank, guidance_file=guidance)


@app.command(cls=Command)
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
    """Write a printable worksheet, for answering on paper."""
    from closeness_quiz.commands.worksheet import run

    run(fmt=format.value, output=output, bank_file=bank, guidance_file=guidance, with_key=with_key)


@app.command(cls=Command)
@handle_errors
def history(
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Only results with this name.")
    ] = None,
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.text,
    bank: Annotated[
        str | None,
        typer.Option("--bank", help="Only results of the question bank with this id."),
    ] = None,
) -> None:
    """List saved results over time, with the trend per area.

    `report` takes a result's file name, as listed here, to show it again."""
    from closeness_quiz.commands.history import run

    run(name=name, fmt=format.value, bank_id=bank)


@bank_app.command("validate", cls=Command)
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
