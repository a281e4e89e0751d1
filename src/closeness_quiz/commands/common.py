"""What several commands share: loading content, rendering a view in a format, writing output."""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import Guidance, load_guidance
from closeness_quiz.errors import UserError, notice, output_cut_short
from closeness_quiz.render import display

if TYPE_CHECKING:
    from rich.console import Console

    from closeness_quiz.store.results import BankAtHand, Result

# (view kind, format) -> (module, function). Each renderer takes the view and returns text;
# the terminal ones take a Rich console too. Imported only when used.
RENDERERS = {
    ("report", "json"): ("closeness_quiz.report.json_view", "report_json_text"),
    ("report", "markdown"): ("closeness_quiz.render.markdown", "report_markdown"),
    ("report", "html"): ("closeness_quiz.render.html", "report_html"),
    ("report", "text"): ("closeness_quiz.render.terminal", "render_report"),
    ("compare", "json"): ("closeness_quiz.compare.json_view", "compare_json_text"),
    ("compare", "markdown"): ("closeness_quiz.render.markdown", "compare_markdown"),
    ("compare", "html"): ("closeness_quiz.render.html", "compare_html"),
    ("compare", "text"): ("closeness_quiz.render.compare", "render_compare"),
    ("checkin", "json"): ("closeness_quiz.render.checkin", "checkin_json_text"),
    ("checkin", "markdown"): ("closeness_quiz.render.checkin", "checkin_markdown"),
    ("checkin", "html"): ("closeness_quiz.render.checkin", "checkin_html"),
    ("checkin", "text"): ("closeness_quiz.render.checkin", "render_checkin"),
}


def load_content(bank_file: Path | None, guidance_file: Path | None) -> tuple[Bank, Guidance]:
    """The bank and guidance in use; a --guidance file must fit the bank, as `bank validate`
    checks it."""
    bank = load_bank(bank_file)
    return bank, load_guidance(guidance_file, banks=[bank] if guidance_file else ())


def load_for_reading(
    bank_file: Path | None, guidance_file: Path | None
) -> tuple[Bank | None, Guidance]:
    """For commands that read results: results carry their own questions, so the bank is
    only loaded when --bank names one (parsing the default bank would slow `report`)."""
    bank = load_bank(bank_file) if bank_file is not None else None
    fits = [bank] if bank is not None and guidance_file is not None else []
    return bank, load_guidance(guidance_file, banks=fits)


def bank_at_hand(bank: Bank | None) -> BankAtHand:
    """The bank to read a result without its own copy of the questions against: --bank's,
    else the default one, loaded only if such a result turns up."""
    return (lambda: bank) if bank is not None else load_bank


def console(
    *, stderr: bool = False, file: object | None = None, capture: object | None = None
) -> Console:
    """A Rich console for our layouts. To the terminal: as wide as it is (at least 30 cells,
    even with COLUMNS=0), never crashing on what its encoding can't write, and sending no
    escape sequence at all where the terminal is plain (TERM=dumb or unset). `capture`: into
    that buffer, exactly as the terminal would get it (for a pager)."""
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
    stream = sys.stderr if stderr else sys.stdout
    display.protect(stream)
    plain = display.wants_plain(stream)
    screen: dict[str, Any] = (
        {"file": capture, "force_terminal": True, "legacy_windows": False}
        if capture is not None
        else {"stderr": stderr}
    )
    made = Console(
        **screen,
        width=display.width(),
        height=display.height(),  # with a width only, Rich takes a dumb terminal to be 80 wide
        highlight=False,
        markup=False,
        emoji=False,
        color_system=None if plain else "auto",
        no_color=True if plain else None,
    )
    made.on_broken_pipe = broken_pipe  # type: ignore[method-assign]
    return made


def broken_pipe() -> None:
    """Rich's own answer to a closed pipe is exit 1; ours is `output_cut_short`."""
    raise BrokenPipeError


def note_other_bank(result: Result, bank: Bank | None, bank_file: Path | None) -> None:
    """With --bank, say so when the result was answered with another bank: its stored copy
    of the questions is what gets shown, not the file given."""
    stored = result.stored_bank
    if bank is None or bank_file is None or stored.sha256 in ("", bank.sha256):
        return
    used = (
        "the questions stored in the result are used"
        if result.has_snapshot
        else f"its answers are read against {bank_file}"
    )
    notice(
        f"Note: {result.path} was answered with a different question bank than {bank_file} "
        f"('{stored.id}' version {stored.version}); {used}."
    )


NO_REMINDER_ENV = "CLOSENESS_QUIZ_NO_REMINDER"


def remind(name: str | None, *, how: bool = True) -> None:
    """One neutral line when `name`'s plan is due, on a terminal only: never into a file or a
    pipe, never when CLOSENESS_QUIZ_NO_REMINDER is set (to anything but 0 or empty). It may
    never stop a command: a folder that can't be read just means no line."""
    import os

    if os.environ.get(NO_REMINDER_ENV, "").strip() not in ("", "0"):
        return
    if not (display.is_terminal(sys.stdout) and display.is_terminal(sys.stderr)):
        return
    from closeness_quiz.checkin.marks import REMINDER, is_due, marks_for, plan_in_force
    from closeness_quiz.invocation import command
    from closeness_quiz.store import clock
    from closeness_quiz.store.paths import results_dir

    try:
        plan = plan_in_force(marks_for(results_dir(), name))
        today = clock.now().date()
    except UserError:
        return
    if is_due(plan, today):
        args = ("checkin", "--name", name) if name else ("checkin",)
        # `checkin` itself is what the line asks for: there it doesn't say what to run
        notice(REMINDER.format(command=command(*args)) if how else REMINDER.split(" Run:")[0])


def _renderer(kind: str, fmt: str) -> Any:
    module, name = RENDERERS[(kind, fmt)]
    return getattr(importlib.import_module(module), name)


def render(kind: str, view: object, fmt: str) -> str:
    """The view as text in `fmt` (text as the terminal would show it, 100 columns, no colour)."""
    if fmt == "text":
        buffer = io.StringIO()
        _renderer(kind, fmt)(view, console(file=buffer))
        return buffer.getvalue()
    text: str = _renderer(kind, fmt)(view)
    return text


def show(
    kind: str,
    view: object,
    fmt: str,
    output: Path | None,
    *,
    plain: bool = False,
    page: bool = False,
) -> None:
    """Print the view (to the terminal, in colour where it can) or write it to --output.
    `plain` (take --plain) prints a report as plain text, as a plain terminal would get it;
    `page`: through a pager where one is wanted (see pager.py). A reader that goes away
    early (`| head`) ends the output quietly, and what follows (take's save) still happens."""
    try:
        _show(kind, view, fmt, output, plain=plain, page=page)
    except BrokenPipeError:
        output_cut_short(going_on=True)


def _show(
    kind: str, view: object, fmt: str, output: Path | None, *, plain: bool, page: bool
) -> None:
    if fmt == "text" and output is None:
        screen = console()
        if plain and kind in ("report", "checkin"):
            from closeness_quiz.render.lines import MAX_TEXT_WIDTH

            glyphs = display.look(sys.stdout, plain=True).glyphs
            width = min(screen.width, MAX_TEXT_WIDTH)
            if kind == "report":
                from closeness_quiz.render.plain import report_plain

                emit(report_plain(view, width, glyphs), None)  # type: ignore[arg-type]
            else:
                from closeness_quiz.render.checkin import checkin_plain
                from closeness_quiz.render.glyphs import adapt

                emit(checkin_plain(adapt(view, glyphs), width), None)
            return
        on_screen(lambda to: _renderer(kind, fmt)(view, to), page=page, screen=screen)
        return
    emit(render(kind, view, fmt), output, fmt)


def on_screen(
    draw: Callable[[Console], None], *, page: bool, screen: Console | None = None
) -> None:
    """`draw` on the terminal's console, through the pager when `page` and one is wanted
    and the output is longer than the screen."""
    from closeness_quiz.render import pager

    command = pager.command() if page else None
    if command is None:
        draw(screen or console())
        return
    buffer = Screenful(getattr(sys.stdout, "encoding", None) or "utf-8")
    draw(console(capture=buffer))
    pager.page(buffer.getvalue(), command, display.height())


class Screenful(io.StringIO):
    """What the terminal would be sent, kept for the pager: with the terminal's encoding, so
    the layout picks the glyphs the terminal can show."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def emit(text: str, output: Path | None, fmt: str | None = None) -> None:
    """Write to --output (atomic, 0600, never over an existing file) or to standard output,
    in what its encoding can write (see `for_stream`). `-o -` and `-o /dev/stdout` mean
    standard output too (not a file named `-`, or `/dev/stdout-2`)."""
    if output is not None and str(output) in ("-", "/dev/stdout", "/dev/fd/1"):
        output = None
    if output is None:
        display.protect(sys.stdout)
        if not display.encodes(sys.stdout, text):
            text = for_stream(text, fmt)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from closeness_quiz.store.writing import write_new

    written = write_new(output, text)
    notice(f"Wrote {written}" + (f" ({output.name} already existed)" if written != output else ""))


def for_stream(text: str, fmt: str | None) -> str:
    """`text` in ASCII, for standard output whose encoding can't write it: HTML with character
    references and JSON with \\u escapes (both mean exactly the same), anything else with ASCII
    punctuation and accents dropped."""
    if fmt == "html" or (fmt is None and text.lstrip()[:15].casefold() == "<!doctype html>"):
        return text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    if fmt == "json":
        return "".join(c if c.isascii() else json_escape(c) for c in text)
    from closeness_quiz.render.glyphs import to_ascii

    return to_ascii(text)


def json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def bank_id_of(given: str | None) -> str | None:
    """`--bank` of history and export names a bank by its id; a bank file given instead (as
    `take --bank` takes one) means that file's id, so both ways work."""
    if given is None or not given.strip():
        return given
    path = Path(given)
    if path.suffix.casefold() in (".yaml", ".yml") or path.is_file():
        return load_bank(path).id
    return given
