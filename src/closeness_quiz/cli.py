"""The Typer app: flags -> command functions, errors -> exit codes. Nothing else lives here.
Heavy modules are imported inside the commands, so `--help` and `--version` pay only for
Typer. No `from __future__ import annotations` on purpose: Typer reads every command's
annotations on each run, and string annotations cost it ~5 ms of eval() per call."""

import os
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from typer.core import TyperCommand

from closeness_quiz import __version__
from closeness_quiz.errors import DEBUG_ENV
from closeness_quiz.exits import error_edge

handle_errors = error_edge(typer.Exit)  # errors -> exit codes, in closeness_quiz/exits.py
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
    help="Check, measure and import question banks; check guidance files.",
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
    from closeness_quiz.store.lookup import completions

    return completions(incomplete)


def result_argument(metavar: str, help: str) -> Any:
    return typer.Argument(
        metavar=metavar, help=help, show_default=False, autocompletion=complete_result
    )


# `--format` takes exactly these words, and completes them (Literal: an Enum class costs more
# to create at start-up, and the commands want the word anyway).
ReportFormat = Literal["text", "markdown", "html", "json"]
SheetFormat = Literal["markdown", "html"]
HistoryFormat = Literal["text", "json"]
StatsFormat = Literal["text", "json"]


def passphrases(file: Path | None) -> None:
    if file is not None:  # else a locked result asks in the terminal (locking.py)
        from closeness_quiz.store.locking import use_passphrase_file

        use_passphrase_file(file)


def flag(name: str, help: str) -> Any:
    return typer.Option(name, help=help)


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
    from closeness_quiz.render.display import protect

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
NoPagerOpt = Annotated[bool, flag("--no-pager", "Print it all at once, never through a pager.")]
AllOpt = Annotated[bool, flag("--all", "Show every idea and statement, not only the first few.")]
PassphraseOpt = Annotated[
    Path | None,
    typer.Option("--passphrase-file", help="Open locked results with this file's first line."),
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
FORGET_HELP = "A result file, a file name from `history`, or a name (all its results)."


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
    format: FormatOpt = "text",
    guess: Annotated[
        bool, flag("--guess", "Then guess how your partner would answer 2 statements per area.")
    ] = False,
    guess_all: Annotated[bool, flag("--guess-all", "Like --guess, for every statement.")] = False,
    solo: SoloOpt = False,
    lock: Annotated[
        bool, flag("--lock", "Save the result locked with a passphrase (needs pyrage).")
    ] = False,
    passphrase_file: PassphraseOpt = None,
    plan: PlanOpt = None,
) -> None:
    """Answer the questions, see your report and save the result.

    About five minutes. The result is saved readable only by you, in the results folder."""
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
        fmt=format,
        discard=discard,
        guess="all" if guess_all else "short" if guess else None,
        solo=solo,
        lock=lock,
        passphrase_file=passphrase_file,
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
    format: FormatOpt = "text",
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
        guidance_file=guidance, plain=plain, solo=solo, fmt=format, calendar=calendar,
    )  # fmt: skip


@app.command(cls=Command)
@handle_errors
def report(
    result: Annotated[
        str | None, result_argument("RESULT", f"The result: {RESULT_HELP}  [default: the latest]")
    ] = None,
    format: FormatOpt = "text",
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    every: AllOpt = False,
    solo: SoloOpt = False,
    no_pager: NoPagerOpt = False,
    passphrase_file: PassphraseOpt = None,
) -> None:
    """Show a saved result again (by default the latest)."""
    from closeness_quiz.commands.report import run

    passphrases(passphrase_file)

    run(result, fmt=format, output=output, bank_file=bank, guidance_file=guidance,
        show_all=every, solo=solo, page=not no_pager)  # fmt: skip


@app.command(cls=Command)
@handle_errors
def compare(
    result_a: Annotated[str, result_argument("RESULT_A", f"One partner's result: {RESULT_HELP}")],
    result_b: Annotated[str, result_argument("RESULT_B", "The other partner's, in the same ways.")],
    format: FormatOpt = "text",
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    every: AllOpt = False,
    no_pager: NoPagerOpt = False,
    passphrase_file: PassphraseOpt = None,
) -> None:
    """Compare two partners' results, with conversations to start."""
    from closeness_quiz.commands.compare import run

    passphrases(passphrase_file)

    run(result_a, result_b, fmt=format, output=output, bank_file=bank,
        guidance_file=guidance, show_all=every, page=not no_pager)  # fmt: skip


@app.command(cls=Command)
@handle_errors
def worksheet(
    format: Annotated[
        SheetFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "markdown",
    output: OutputOpt = None,
    bank: BankOpt = None,
    guidance: GuidanceOpt = None,
    with_key: Annotated[
        bool, typer.Option("--with-key", help="Append the counsellor's scoring key.")
    ] = False,
) -> None:
    """Write a printable worksheet, for answering on paper."""
    from closeness_quiz.commands.worksheet import run

    run(fmt=format, output=output, bank_file=bank, guidance_file=guidance, with_key=with_key)


@app.command(cls=Command)
@handle_errors
def history(
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Only results with this name.")
    ] = None,
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    bank: Annotated[
        str | None,
        typer.Option("--bank", help="Only results of the question bank with this id (or file)."),
    ] = None,
    no_pager: NoPagerOpt = False,
    passphrase_file: PassphraseOpt = None,
) -> None:
    """List saved results over time, with the trend per area.

    `report` takes a result's file name, as listed here, to show it again."""
    from closeness_quiz.commands.history import run

    passphrases(passphrase_file)

    run(name=name, fmt=format, bank_id=bank, page=not no_pager)


@app.command(cls=Command)
@handle_errors
def forget(
    results: Annotated[list[str], result_argument("RESULT...", FORGET_HELP)],
    drafts: Annotated[bool, flag("--drafts", "Also unfinished quizzes under that name.")] = False,
    yes: Annotated[bool, flag("--yes", "Delete without asking first (for scripts).")] = False,
) -> None:
    """Delete saved results for good, after showing them and asking.

    Only files closeness-quiz saved in the results folder go; copies elsewhere stay."""
    from closeness_quiz.commands.forget import run

    run(results, with_drafts=drafts, yes=yes)


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


FromOpt = Annotated[
    Path | None,
    typer.Option(
        "--from",
        help="The folder of results (copied together from several machines).  "
        "[default: the results folder]",
        show_default=False,
    ),
]


@app.command(cls=Command)
@handle_errors
def export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The CSV file to write.", show_default=False)
    ],
    source: FromOpt = None,
    bank: Annotated[
        str | None,
        typer.Option("--bank", help="The question bank (its id or file) whose results to export."),
    ] = None,
    codebook: Annotated[
        Path | None,
        typer.Option("--codebook", help="Also write its REDCap data dictionary (CSV) here."),
    ] = None,
) -> None:
    """Anonymised answers of many results, as CSV, for research.

    One row per result: a random pseudonym per name, the date only, the kind and each
    answer's value. Never a name, a time, a file name or a private safety answer."""
    from closeness_quiz.commands.export import run

    run(folder=source, bank_id=bank, output=output, codebook=codebook)


@bank_app.command("stats", cls=Command)
@handle_errors
def bank_stats(
    source: FromOpt = None,
    bank: Annotated[
        Path | None,
        typer.Option("--bank", help="The question bank (YAML) whose results to measure."),
    ] = None,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
) -> None:
    """How reliable each area's score is, over many results.

    Per area: n, Cronbach's alpha, corrected item-total correlations, the mean and SD of
    the score, and the smallest reliable change. Needs 30 complete results per area."""
    from closeness_quiz.commands.stats import run

    run(folder=source, bank_file=bank, fmt=format)


@bank_app.command("import", cls=Command)
@handle_errors
def bank_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A REDCap data dictionary (CSV).", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the bank (YAML) here, not to standard output."),
    ] = None,
) -> None:
    """Turn a REDCap data dictionary (CSV) into a question bank.

    Radio and dropdown fields become questions; every other field is listed, with why."""
    from closeness_quiz.commands.import_dictionary import run

    run(file, output)


def main() -> None:
    """The whole app, every command built (`closeness_quiz.narrow.main` is the program's
    entry: it builds only what a run asks for)."""
    app(prog_name="closeness-quiz")
