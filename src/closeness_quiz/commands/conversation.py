"""What `take` says and asks on the terminal around the questions: lines fitted to the
screen, status lines, yes/no questions, and the end of a take (the save question asked of
everyone, the private notice when the report goes elsewhere, the offer to clear the screen,
and a guard that leaves nothing behind if the terminal closes after a signal)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from closeness_quiz.content.guidance import Guidance
from closeness_quiz.errors import EXIT_INTERRUPTED, Exit, notice
from closeness_quiz.quiz.session import DraftKeeper, Progress, stopped
from closeness_quiz.render import display
from closeness_quiz.render.lines import text_width, wrap

# Asked at the end of every take in a terminal, in the same words, so that whether it was
# asked tells nobody anything. Only the default differs: after a signal (or a critical
# answer on the far side) nothing is kept unless the person says so.
SAVE_WHY = (
    "Your private answers are never saved. If someone else may look at this computer, "
    "you may prefer to keep nothing."
)
SAVE_QUESTION = "Save your scores on this computer?"
CLEAR_QUESTION = "Clear this screen now, so that none of this stays on it?"
CLEAR_HOW = (
    "To clear this screen, type clear and press Enter (or close this window). "
    "Nothing more is needed."
)


def fitted(text: str, stream: TextIO) -> str:
    """`text` in glyphs `stream` can show and, for a terminal, wrapped at word boundaries
    (a terminal left to itself breaks lines mid-word); a file or a pipe gets whole lines."""
    text = display.look(stream).glyphs.text(text)
    if not display.is_terminal(stream):
        return text
    width = text_width()
    return "\n".join(
        "\n".join(wrap(line, width)) if line.strip() else line for line in text.split("\n")
    )


def say(text: str) -> None:
    """Lines for the person taking the quiz, where the questions are asked."""
    stream = display.question_stream()
    display.protect(stream)
    stream.write(fitted(text, stream) + "\n")
    stream.flush()


def tell(message: str) -> None:
    """A status line on standard error, like `notice`, fitted to the terminal."""
    notice(fitted(message, sys.stderr))


def keep_text(text: str) -> None:
    """Answers written out exactly as they are (stderr, beside the status lines), to copy."""
    sys.stderr.write(text)


# A take session on this terminal: the quiz's lines where it asks, status lines on stderr.
TERMINAL = Progress(say=say, note=notice, keep=keep_text)


def confirm(question: str, why: str = "", *, default: bool = False) -> bool:
    """A yes/no question in the terminal. Enter, an answer that is neither yes nor no, or no
    input at all (the terminal closed) gives the default, shown as [Y/n] or [y/N]."""
    stream = display.question_stream()
    if why:
        stream.write("\n" + fitted(why, stream) + "\n")
    choices = "[Y/n]" if default else "[y/N]"
    stream.write(fitted(f"{question.rstrip()} {choices}", stream) + " ")
    stream.flush()
    line = sys.stdin.readline()
    if not line:  # no input at all (the terminal closed): end the question's line
        stream.write("\n")
    reply = line.strip().casefold()
    if reply in ("y", "yes"):
        return True
    if reply in ("n", "no"):
        return False
    return default


def choose(intro: str, options: Sequence[str], prompt: str, *, plain: bool = False) -> int | None:
    """A short numbered question: the index of the option whose number is typed, or None for
    Enter (or no input at all: the terminal closed). Anything else is asked once more.
    `plain` (plain prompts): in the plain glyphs, as the questions were."""
    stream = display.question_stream()
    glyphs = display.look(stream, plain=plain).glyphs
    width = text_width() if display.is_terminal(stream) else 10_000
    stream.write("\n" + "\n".join(wrap(glyphs.text(intro), width)) + "\n")
    for number, option in enumerate(options, 1):
        for index, line in enumerate(wrap(glyphs.text(option), max(width - 5, 20))):
            stream.write((f"  {number}  " if index == 0 else "     ") + line + "\n")
    for _ in range(2):
        stream.write(glyphs.text(prompt) + " ")
        stream.flush()
        reply = sys.stdin.readline()
        if not reply.strip():
            return None
        if reply.strip().isdigit() and 1 <= int(reply) <= len(options):
            return int(reply) - 1
        stream.write(f"Type a number from 1 to {len(options)}, or just press Enter.\n")
    return None


def private_notice(guidance: Guidance) -> None:
    """The private notice, on the terminal where the questions were asked (if there is one),
    when the report itself goes to a file or a pipe."""
    from closeness_quiz.render.plain import Plain

    stream = display.question_stream()
    if not display.is_terminal(stream):
        return
    notice = Plain(text_width())  # as plain mode shows a note: its title, then its lines
    notice.note(guidance.notes.safety_title, guidance.notes.safety)
    say(notice.text())


def offer_to_clear(*, plain: bool) -> None:
    """After a report that followed a signal: clear the screen and its scrollback (the
    default), or in plain mode, which sends no cursor movement, say how."""
    if plain:
        say("\n" + CLEAR_HOW)
        return
    try:
        wanted = confirm(CLEAR_QUESTION, default=True)
    except KeyboardInterrupt:  # a hurried Ctrl-C here still leaves nothing on the screen
        clear_screen()
        raise
    if wanted:
        clear_screen()


def clear_screen() -> None:
    """The screen and its scrollback, wherever this take wrote to a terminal."""
    for stream in {id(s): s for s in (sys.stdout, display.question_stream())}.values():
        if display.is_terminal(stream):
            stream.write(display.CLEAR_ALL)
            stream.flush()


class Guard:
    """While a guarded take shows its report and asks to save, closing the terminal (SIGHUP),
    SIGTERM, Ctrl-C or a terminal that can no longer be read leaves no result and no draft.
    Once the person says yes, the take is like any other: a signal while saving keeps the
    draft for --resume, as anywhere in the quiz."""

    def __init__(self, keeper: DraftKeeper | None) -> None:
        self.keeper = keeper
        self.kept: dict[int, Any] = {}

    def __enter__(self) -> Guard:
        for signum in (signal.SIGHUP, signal.SIGTERM):
            self.kept[signum] = signal.signal(signum, self._hang_up)
        return self

    def _hang_up(self, signum: int, _frame: object) -> None:
        # Done here and now, not by raising (a write to a closed terminal while an exception
        # unwinds could stop the clean-up half way), and deaf to the second SIGHUP that a
        # closing terminal often sends.
        for other in self.kept:
            signal.signal(other, signal.SIG_IGN)
        self._forget()
        os._exit(128 + signum)

    def _forget(self) -> None:
        """The draft and its lock go, each whatever happens to the other; nothing is said
        (the terminal may be gone). The lock is let go here, not only at the end of the
        keeper's block, because a signal ends the program here and now (no block ends)."""
        if self.keeper is None:
            return
        if self.keeper.enabled:
            with contextlib.suppress(Exception):
                self.keeper.remove_draft()
        with contextlib.suppress(Exception):
            self.keeper.lock.release()

    def release(self) -> None:
        """Back to the usual handling (the person chose to save, or the take is over)."""
        for signum, handler in self.kept.items():
            signal.signal(signum, handler)
        self.kept = {}

    def __exit__(self, kind: type[BaseException] | None, exc: object, _tb: object) -> None:
        stopped = kind is not None and issubclass(kind, KeyboardInterrupt | OSError)
        if self.kept and stopped:
            # A terminal that can't be read any more is about to send SIGHUP: the clean-up
            # is done before the usual handling (which would end the program) comes back.
            for signum in self.kept:
                signal.signal(signum, signal.SIG_IGN)
            self._forget()
            self.release()
            with contextlib.suppress(OSError):  # the terminal may be gone
                tell("\nStopped. Nothing was saved.")
            raise Exit(EXIT_INTERRUPTED) from None
        self.release()


@contextlib.contextmanager
def ending(keeper: DraftKeeper | None, *, guarded: bool) -> Iterator[Guard | None]:
    """The end of a take: guarded (see Guard), or, unguarded, Ctrl-C at the save question
    keeps the draft for --resume and says so, as anywhere in the quiz."""
    if guarded:
        with Guard(keeper) as guard:
            yield guard
        return
    try:
        yield None
    except KeyboardInterrupt:
        if keeper is None or not keeper.kept:
            raise
        raise stopped(keeper, keeper.bank, keeper.draft.name) from None
