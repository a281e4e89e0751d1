"""`closeness-quiz take`: the flags turned into a take session, then the report and the save.

The session itself (`session.take`) is a plain function; this module only picks how to ask
(arrow keys or plain), what the person reads before the first question, and where output goes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from closeness_quiz import display
from closeness_quiz.bank import Bank
from closeness_quiz.commands.common import load_content, show
from closeness_quiz.errors import UserError, notice
from closeness_quiz.invocation import command
from closeness_quiz.locking import lock_take, wanted
from closeness_quiz.quiz import Ask, count_words, guess_ids
from closeness_quiz.render.lines import text_width, wrap
from closeness_quiz.report import build_report
from closeness_quiz.saving import save_result
from closeness_quiz.session import Store, Taken, take

NO_TERMINAL = (
    "there is no terminal to ask the questions in (standard input is not a terminal). "
    "To score answers without prompts, give them in a file: "
    "{command} (see the README for the layout)."
)


def intro(bank: Bank, plain: bool, save: bool = True) -> str:
    keys = (
        "Type the number of your answer and press Enter; s skips, b goes back."
        if plain
        else "Use the arrow keys or the numbers 1-5, then Enter. b goes back, s skips."
    )
    paragraphs = [bank.title]
    if bank.description:
        paragraphs.append(" ".join(bank.description.split()))
    kept = "your answers so far are kept." if save else "with --no-save, nothing is kept."
    paragraphs.append(
        f"{count_words(bank).capitalize()}, about five minutes. For each, choose how often "
        f"it is true for you. {keys} Ctrl-C stops at any time; {kept}"
    )
    return "\n\n".join(paragraphs)


def pick_ask(plain: bool) -> Ask:
    if plain:
        from closeness_quiz.plain import make_ask

        return make_ask(stream=display.question_stream())
    from closeness_quiz.prompts import ask

    return ask


def plain_prompts(plain: bool) -> bool:
    """Plain prompts when asked for (--plain, CLOSENESS_QUIZ_PLAIN=1), when the terminal can't
    move the cursor, or when standard output is not the terminal (`take > report.txt`): the
    arrow-key prompt would draw into the file, so the questions are asked line by line on
    the terminal instead, and the report goes where it was sent."""
    return plain or display.wants_plain(sys.stdout) or not display.is_terminal(sys.stdout)


SAVE_WHY = (
    "Your private answers are never saved. If someone else may look at this computer, "
    "you may prefer to keep nothing."
)
SAVE_AFTER_SIGNAL = "Save your scores on this computer? [y/N] "


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


def confirm(question: str, why: str = "") -> bool:
    """A yes/no question in the terminal; Enter, anything but yes, or no input at all is no."""
    stream = display.question_stream()
    if why:
        stream.write("\n" + fitted(why, stream) + "\n")
    try:
        stream.write(fitted(question.rstrip(), stream) + " ")
        stream.flush()
        reply = sys.stdin.readline()
        if not reply:
            raise EOFError
    except EOFError:
        return False
    return reply.strip().casefold() in ("y", "yes")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def typed(name: str | None) -> str | None:
    """A name as it was typed. Where Python doesn't decode the command line as UTF-8 (an
    ASCII locale), 'Zoë' arrives with its bytes escaped, which no file could hold."""
    if name is None or name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_flags(*, answers_file: Path | None, resume: bool, discard: bool) -> None:
    if resume and discard:
        raise UserError(
            "--resume and --discard can't be used together: --resume goes on with the "
            "unfinished quiz, --discard throws it away."
        )
    if answers_file is not None and (resume or discard):
        flag = "--resume" if resume else "--discard"
        raise UserError(f"{flag} is for a quiz answered in the terminal, not with --answers.")


def run(
    *,
    name: str | None,
    answers_file: Path | None,
    output: Path | None,
    save: bool,
    bank_file: Path | None,
    guidance_file: Path | None,
    resume: bool,
    plain: bool,
    fmt: str,
    discard: bool = False,
    store: Store | None = None,
    guess: str | None = None,
    lock: bool = False,
    passphrase_file: Path | None = None,
) -> None:
    check_flags(answers_file=answers_file, resume=resume, discard=discard)
    if guess is not None and answers_file is not None:
        raise UserError(
            "--guess asks in the terminal; with --answers, put the guesses in the file under "
            "'guesses:' (see the README)."
        )
    name = typed(name)
    bank, guidance = load_content(bank_file, guidance_file)
    store = store or Store.default()
    secret = None
    if save and wanted(lock):
        secret = lock_take(
            bank.id, store.folder, resume=resume, discard=discard, keep=answers_file is None,
            file=passphrase_file,
        )  # fmt: skip
    if answers_file is not None:
        from closeness_quiz.answers import load_answers

        given = load_answers(answers_file, bank)
        taken = take(
            bank, guidance, ask=None, store=store, name=name, given=given.scored,
            given_safety=given.safety, given_guesses=given.guesses,
        )  # fmt: skip
    else:
        if not stdin_is_terminal():
            raise UserError(
                NO_TERMINAL.format(command=command("take", "--answers", "answers.yaml"))
            )
        asking = plain_prompts(plain)
        plain = plain or display.wants_plain(sys.stdout)
        ask = pick_ask(asking)
        say(intro(bank, asking, save) + ("" if asking else "\n"))  # plain asks after a blank
        taken = take(
            bank, guidance, ask=ask, store=store, name=name, resume=resume, discard=discard,
            keep=save, guess=guess_ids(bank, guess) if guess else (), say=say,
        )  # fmt: skip
    if taken is None:
        tell("Every question was skipped, so there is nothing to score. Nothing was saved.")
        return
    view = build_report(taken.result, guidance, taken.scores, signalled=taken.signalled)
    show("report", view, fmt, None, plain=plain)
    if not save:
        notice("\nNot saved (--no-save).")
    elif taken.signalled and answers_file is None and not confirm(SAVE_AFTER_SIGNAL, SAVE_WHY):
        # Asked, not assumed: after a signal nothing is kept unless the person says so.
        if taken.keeper is not None:
            taken.keeper.finish()
        notice("Nothing was saved.")
    else:
        saved(taken, output, store, answers_file, secret)


def saved(
    taken: Taken, output: Path | None, store: Store, answers_file: Path | None, secret: str | None
) -> None:
    target = output if output is not None else store.result_path(taken.result, secret is not None)
    path = save_result(
        taken.result, taken.scores, target, answers_file=answers_file, keeper=taken.keeper,
        passphrase=secret,
    )  # fmt: skip
    tell(f"\nSaved your result to {path} (readable only by you).")
    tell(f"See it again with: {command('report', str(path))}")
    if taken.keeper is not None:
        taken.keeper.finish()
