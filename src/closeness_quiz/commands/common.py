"""What several commands share: loading content, rendering a report, writing output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from closeness_quiz.bank import Bank, load_bank
from closeness_quiz.guidebook import Guidance, load_guidance

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.report import ReportView
    from closeness_quiz.results import Result


def load_content(bank_file: Path | None, guidance_file: Path | None) -> tuple[Bank, Guidance]:
    return load_bank(bank_file), load_guidance(guidance_file)


def load_for_reading(
    bank_file: Path | None, guidance_file: Path | None
) -> tuple[Bank | None, Guidance]:
    """For commands that read results: results carry their own questions, so the bank is
    only loaded when --bank names one (parsing the default bank would slow `report`)."""
    return (load_bank(bank_file) if bank_file is not None else None), load_guidance(guidance_file)


def console(*, stderr: bool = False, file: object | None = None) -> Console:
    from rich.console import Console

    # Text from banks, guidance and names is shown as written: no markup, emoji codes or
    # highlighting (which would also load Rich's emoji table, ~3 ms).
    if file is not None:
        return Console(
            file=file,  # type: ignore[arg-type]
            width=100,
            no_color=True,
            color_system=None,
            highlight=False,
            markup=False,
            emoji=False,
        )
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def notice(message: str) -> None:
    """A status line for the person at the terminal (stderr, so stdout stays clean)."""
    sys.stderr.write(message + "\n")


def note_other_bank(result: Result, bank: Bank | None, bank_file: Path | None) -> None:
    """With --bank, say so when the result was answered with another bank: its stored snapshot
    of the questions is what gets shown, not the file given."""
    stored = result.data.get("bank")
    stored = stored if isinstance(stored, dict) else {}
    sha = stored.get("sha256")
    if bank is None or bank_file is None or sha in (None, "", bank.sha256):
        return
    used = (
        "the questions stored in the result are used"
        if "questions" in result.data
        else f"its answers are read against {bank_file}"
    )
    notice(
        f"Note: {result.path} was answered with a different question bank than {bank_file} "
        f"('{stored.get('id')}' version {stored.get('version')}); {used}."
    )


def render_view(view: ReportView, result: Result, fmt: str) -> str | None:
    """The report as text in `fmt`; None for 'text' to the terminal (Rich prints it directly)."""
    if fmt == "json":
        import json

        return json.dumps(result.data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from closeness_quiz.render.markdown import report_markdown

        return report_markdown(view)
    if fmt == "html":
        from closeness_quiz.render.html import report_html

        return report_html(view)
    return None


def report_text(view: ReportView) -> str:
    import io

    from closeness_quiz.render.terminal import render_report

    buffer = io.StringIO()
    render_report(view, console(file=buffer))
    return buffer.getvalue()


def emit(text: str, output: Path | None) -> None:
    """Write to --output (atomic, 0600, never over an existing file) or to standard output."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from closeness_quiz.results import write_new_text

    written = write_new_text(output, text)
    notice(f"Wrote {written}" + (f" ({output.name} already existed)" if written != output else ""))


def show_report(view: ReportView, result: Result, fmt: str, output: Path | None) -> None:
    text = render_view(view, result, fmt)
    if text is not None:
        emit(text, output)
    elif output is not None:
        emit(report_text(view), output)
    else:
        from closeness_quiz.render.terminal import render_report

        render_report(view, console())


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))
