"""`closeness-quiz take`: the flags turned into a take session, then the report and the save.

The session itself (`session.take`) is a plain function; this module only picks how to ask
(arrow keys or plain), what the person reads before the first question, and where output goes."""

from __future__ import annotations

import functools
import gc
import shlex
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from closeness_quiz.checkin.plans import Plan
from closeness_quiz.commands.common import remind, show
from closeness_quiz.commands.conversation import (
    SAVE_QUESTION,
    SAVE_WHY,
    TERMINAL,
    choose,
    confirm,
    ending,
    offer_to_clear,
    private_notice,
    say,
    tell,
)
from closeness_quiz.commands.saving import save_result
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import Guidance, load_guidance
from closeness_quiz.content.scale import DEFAULT_SCALE
from closeness_quiz.errors import Exit, UserError, notice
from closeness_quiz.invocation import command
from closeness_quiz.quiz.loop import Ask, count_words, guess_ids
from closeness_quiz.quiz.session import DraftKeeper, Store, Taken, take
from closeness_quiz.render import display
from closeness_quiz.store import clock
from closeness_quiz.store.answers import AnswersFile
from closeness_quiz.store.drafts import lock_take
from closeness_quiz.store.locking import wanted

if TYPE_CHECKING:  # built after the questions: imported then, not before the first one
    from closeness_quiz.report.view import IdeaView

NO_TERMINAL = (
    "there is no terminal to ask the questions in (standard input is not a terminal). "
    "To score answers without prompts, give them in a file: "
    "{command} (see the README for the layout)."
)


# Said before the first statement, so "private" is never taken to cover a comparison.
COMPARE_SHOWS = (
    "If you later compare with your partner, they will see your scores and your answers "
    "to the statements"
)
COMPARE_NEVER_PRIVATE = ", never the private questions."


def intro(bank: Bank, plain: bool, save: bool = True) -> str:
    # Statements offer different numbers of answers (1-5, 1-6 with "does not apply"), and each
    # statement shows its own keys, so the intro points at them rather than giving a range.
    keys = (
        "Type the number of your answer and press Enter; s skips, b goes back."
        if plain
        else "Use the arrow keys or the number beside an answer, then Enter. b goes back, s skips."
    )
    how = (
        "choose how often it is true for you"
        if tuple(bank.scale) == tuple(DEFAULT_SCALE) and not bank.scales
        else "choose the answer that fits you best"
    )
    paragraphs = [bank.title]
    if bank.description:
        paragraphs.append(" ".join(bank.description.split()))
    paragraphs.append(COMPARE_SHOWS + (COMPARE_NEVER_PRIVATE if bank.safety else "."))
    kept = "your answers so far are kept." if save else "with --no-save, nothing is kept."
    paragraphs.append(
        f"{count_words(bank).capitalize()}, about five minutes. For each, {how}. {keys} "
        f"Ctrl-C stops at any time; {kept}"
    )
    return "\n\n".join(paragraphs)


def pick_ask(plain: bool) -> Ask:
    if plain:
        from closeness_quiz.quiz.plain import make_ask

        return make_ask(stream=display.question_stream())
    from closeness_quiz.quiz.prompts import ask

    return ask


def plain_prompts(plain: bool) -> bool:
    """Plain prompts when asked for (--plain, CLOSENESS_QUIZ_PLAIN=1), when the terminal can't
    move the cursor, or when standard output is not the terminal (`take > report.txt`): the
    arrow-key prompt would draw into the file, so the questions are asked line by line on
    the terminal instead, and the report goes where it was sent."""
    return plain or display.wants_plain(sys.stdout) or not display.is_terminal(sys.stdout)


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


# What a report in another format is written as: never where take saves its result (JSON).
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                   ".txt": "text", ".text": "text"}  # fmt: skip


def check_output(output: Path | None) -> None:
    """`take --output` is where the result (JSON) is saved, as for every take. A name that
    says otherwise (`r.html`) would get JSON while the report went elsewhere: refused."""
    fmt = REPORT_SUFFIXES.get(output.suffix.casefold()) if output is not None else None
    if output is None or fmt is None:
        return
    again = command("report", "--format", fmt, "--output", str(output))
    raise UserError(
        f"take --output is where the result is saved, and a result is JSON, so it can't be "
        f"'{output}'. To keep the report as a file, send it there with "
        f"'--format {fmt} > {shlex.quote(str(output))}', or save the result first, then run: "
        f"{again}"
    )


def check_plan_flag(plan_id: str | None, *, answers_file: Path | None, save: bool) -> None:
    if plan_id is None:
        return
    if answers_file is None:
        raise UserError(
            "--plan goes with --answers; in the terminal, the ideas are offered to pick from."
        )
    if not save:
        raise UserError(
            "--plan is kept in the saved result; with --no-save there is nowhere to keep it."
        )


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
    solo: bool = False,
    lock: bool = False,
    passphrase_file: Path | None = None,
    plan_id: str | None = None,
) -> None:
    check_flags(answers_file=answers_file, resume=resume, discard=discard)
    check_output(output)
    check_plan_flag(plan_id, answers_file=answers_file, save=save)
    if guess is not None and answers_file is not None:
        raise UserError(
            "--guess asks in the terminal; with --answers, put the guesses in the file under "
            "'guesses:' (see the README)."
        )
    name = typed(name)
    bank = load_bank(bank_file)
    # A --guidance file is checked before the first question, so a mistake in it never costs
    # anyone their answers; the default one, always valid, is loaded once they are in.
    given_guidance = load_guidance(guidance_file, banks=[bank]) if guidance_file else None
    default_guidance = functools.cache(load_guidance)
    store = store or Store.default()
    remind(name)
    asking = plain  # how the questions are asked (plain prompts or arrow keys)
    secret = None
    if save and wanted(lock):
        secret = lock_take(
            bank.id, store.folder, resume=resume, discard=discard, keep=answers_file is None,
            file=passphrase_file, tell=notice,
        )  # fmt: skip
    given: AnswersFile | None = None
    ask: Ask | None = None
    keeping: AbstractContextManager[DraftKeeper | None] = nullcontext()  # --answers: no draft
    if answers_file is not None:
        from closeness_quiz.store.answers import load_answers

        given = load_answers(answers_file, bank)
    else:
        if not stdin_is_terminal():
            raise UserError(
                NO_TERMINAL.format(command=command("take", "--answers", "answers.yaml"))
            )
        asking = plain_prompts(plain)
        plain = plain or display.wants_plain(sys.stdout)
        ask = pick_ask(asking)
        # launch.py paused the garbage collector for start-up and loading (a 20,000-question
        # bank loads in half the time without it); a quiz runs for minutes, so it comes back
        # now, before the first question. Scoring an answers file ends too soon to need it.
        gc.enable()
        say(intro(bank, asking, save) + ("" if asking else "\n"))  # plain asks after a blank
        keeping = DraftKeeper.open(
            bank, store, name, resume=resume, discard=discard, keep=save, progress=TERMINAL
        )
    # The draft and its lock last as long as this take, however it ends (saved, stopped,
    # refused, Ctrl-C): the lock, and its file, go as the block ends.
    with keeping as keeper:
        taken = take(
            bank, given_guidance or default_guidance, ask=ask, keeper=keeper, name=name,
            given=given, guess=guess_ids(bank, guess) if guess else (),
        )  # fmt: skip
        guidance = given_guidance or default_guidance()
        if taken is None:
            tell("Every question was skipped, so there is nothing to score. Nothing was saved.")
            return
        asked = answers_file is None  # the questions were asked in this terminal

        def present(notice: bool) -> Sequence[IdeaView]:
            from closeness_quiz.checkin.view import shown_ideas
            from closeness_quiz.report.view import build_report

            view = build_report(
                taken.result, guidance, taken.scores, solo=solo or taken.signalled, notice=notice
            )
            show("report", view, fmt, None, plain=plain)
            return shown_ideas(view)

        def choose_plan(shown: Sequence[IdeaView]) -> Plan | None:
            if asked:
                return offer_plan(shown[:3], plain=asking)  # "Start here" first
            return given_plan(plan_id, shown)

        conclude(
            taken, guidance, asked=asked, save=save, asking=asking, fmt=fmt, present=present,
            choose_plan=choose_plan, output=output, store=store, answers_file=answers_file,
            secret=secret,
        )  # fmt: skip


def conclude(
    taken: Taken,
    guidance: Guidance,
    *,
    asked: bool,
    save: bool,
    asking: bool,
    fmt: str,
    present: Callable[[bool], Sequence[IdeaView]],
    choose_plan: Callable[[Sequence[IdeaView]], Plan | None],
    output: Path | None,
    store: Store,
    answers_file: Path | None,
    secret: str | None = None,
) -> None:
    """The end of a take or a check-in: the report (`present`, given whether the private
    notice goes first; it returns the ideas it showed), the plan (`choose_plan`), then the
    same save question for everyone, guarded after a signal (see conversation.Guard)."""
    # After a signal, or with a critical statement answered on the far side, this take
    # leaves nothing behind unless the person says so, even if the terminal is closed.
    guarded = taken.signalled or taken.result.bank.soft_signal(taken.result.answers)
    with ending(taken.keeper, guarded=guarded and asked and save) as guard:
        # The private notice goes to the terminal only: a report written to a file or a
        # pipe is exactly the --solo report of the same answers, with no trace of it.
        on_screen = fmt == "text" and display.is_terminal(sys.stdout)
        if taken.signalled and not on_screen:
            private_notice(guidance)
        shown = present(taken.signalled and on_screen)
        if not save:
            notice("\nNot saved (--no-save).")
        else:
            plan = choose_plan(shown)
            if plan is not None:
                taken = taken._replace(result=taken.result._replace(plan=plan))
            if asked and not confirm(SAVE_QUESTION, SAVE_WHY, default=not guarded):
                if taken.keeper is not None:
                    taken.keeper.finish()  # the draft goes too: nothing of this take is kept
                tell("Nothing was saved.")
            else:
                if guard is not None:
                    guard.release()  # saving as asked: from here on like any take
                try:
                    saved(taken, output, store, answers_file, secret)
                except Exit as failed:
                    if guarded and asked and failed.code == 2:
                        # The save failed (it said why): the screen is still offered to be
                        # cleared, unless the answers printed there are their only copy,
                        # when it only says how, for after they are copied.
                        kept = taken.keeper is not None and taken.keeper.kept
                        offer_to_clear(plain=asking or not kept)
                    raise
        if guarded and asked:
            offer_to_clear(plain=asking)


PLAN_INTRO = "One thing to try before your next check-in? It is up to you."
PLAN_PROMPT = "Type its number, or press Enter for none:"


def offer_plan(ideas: Sequence[IdeaView], *, plain: bool = False) -> Plan | None:
    """In the terminal: one of `ideas` as the plan, or none (Enter). Asked of everyone alike."""
    if not ideas:
        return None
    from closeness_quiz.checkin.view import new_plan

    picked = choose(PLAN_INTRO, [i.text for i in ideas], PLAN_PROMPT, plain=plain)
    if picked is None:
        return None
    plan = new_plan(ideas[picked].id, clock.now())
    tell(f"Chosen. If this is saved, a check-in from {plan.due.isoformat()} will ask how it went.")
    return plan


def given_plan(
    plan_id: str | None, shown: Sequence[IdeaView], kept: str | None = None
) -> Plan | None:
    """--plan IDEA_ID: one of the ideas the report showed (or, at a check-in, the plan kept)."""
    from closeness_quiz.checkin.view import new_plan

    if plan_id is None:
        return None
    allowed = [i.id for i in shown] + ([kept] if kept else [])
    if plan_id not in allowed:
        listed = ", ".join(allowed) if allowed else "none"
        raise UserError(
            f"--plan '{plan_id}' is not one of the ideas this report showed (they are: {listed}). "
            "Nothing was saved."
        )
    return new_plan(plan_id, clock.now())


def saved(
    taken: Taken, output: Path | None, store: Store, answers_file: Path | None, secret: str | None
) -> None:
    target = output if output is not None else store.result_path(taken.result, secret is not None)
    path = save_result(
        taken.result, taken.scores, target, answers_file=answers_file, keeper=taken.keeper,
        passphrase=secret,
    )  # fmt: skip
    tell(f"\nSaved your result to {path} (readable only by you).")
    tell("See it again with:")
    notice(f"  {command('report', str(path))}")  # a line of its own: never split, copied whole
    if taken.keeper is not None:
        taken.keeper.finish()
