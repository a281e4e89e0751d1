"""A take session as a plain function: a bank, guidance, an ask callable and a store in; the
answers, their scores and where they were saved out. No terminal and no CLI here: it raises
the project's own exceptions (UserError, Exit) and `cli.py` turns them into exit codes, and
it never prints: what the person should be told goes through the `Progress` the command
passes in, so the same session runs under a test, a pipe or a terminal.

In the terminal every answer is kept in a draft as it is given, so Ctrl-C or a closed
terminal loses nothing (`take --resume` goes on). If the result can't be saved, the answers
are printed as an answers file, so they can still be scored later."""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from closeness_quiz.content.bank import Bank, default_bank_path
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.scoring import Scores, score
from closeness_quiz.errors import EXIT_INTERRUPTED, Exit, UserError
from closeness_quiz.invocation import program
from closeness_quiz.quiz.loop import Ask, Outcome, resume_point, run_quiz, skipped_words
from closeness_quiz.record import Record
from closeness_quiz.safe_text import clean_line
from closeness_quiz.store import drafts
from closeness_quiz.store.answers import AnswersFile, answers_yaml
from closeness_quiz.store.clock import now
from closeness_quiz.store.drafts import Draft
from closeness_quiz.store.holder import DraftLock, hold
from closeness_quiz.store.paths import default_filename, results_dir, slug
from closeness_quiz.store.results import Result, new_result

Say = Callable[[str], None]


class Progress(Record):
    """How a session tells the person what is going on: `say` for lines where the questions
    are asked ("Welcome back"), `note` for status lines (a draft that can't be kept, how to
    resume), `keep` for answers written out exactly as they are, so that none is lost."""

    say: Say
    note: Say
    keep: Say


class Store(Record):
    """Where drafts and results are kept: the results folder, unless a test gives another."""

    folder: Path

    @classmethod
    def default(cls) -> Store:
        return cls(results_dir())

    def draft_path(self, bank: Bank, name: str | None) -> Path:
        return drafts.draft_path(bank.id, name, self.folder)

    def result_path(self, result: Result, locked: bool = False) -> Path:
        from closeness_quiz.store.locking import locked_filename  # light: no pyrage

        if locked:  # named after no one
            return self.folder / locked_filename(result.taken_at)
        return self.folder / default_filename(result.name, result.taken_at)


def command(flag: str, name: str | None, bank: Bank | None = None, verb: str = "take") -> str:
    """The exact command to type (`take`, or `checkin` with `verb`), with the --bank and --name
    it was started with."""
    named = slug(name) if name and clean_line(name) != name else name  # harmless, same draft
    words = [f"{program()} {verb}", flag, *(["--lock"] if drafts.Locked.on else [])]
    if bank is not None and bank.path not in (None, default_bank_path()):
        words.append(f"--bank {shlex.quote(str(bank.path))}")
    return " ".join([*words, *([f"--name {shlex.quote(named)}"] if named else [])])


class DraftKeeper:
    """A take's draft and its lock, one thing with one lifetime (see `open`): writes the
    draft after every change; if that fails, says so once and carries on."""

    def __init__(
        self,
        bank: Bank,
        draft: Draft,
        enabled: bool,  # False with --no-save: no draft is written, and none is held
        answers: dict[str, int],
        progress: Progress,
        lock: DraftLock,  # held for the keeper's block: no other take writes this draft
        *,
        resumed: bool = False,  # going on from the draft (take --resume)
    ) -> None:
        self.bank = bank
        self.draft = draft
        self.enabled = enabled
        self.answers = answers
        self.progress = progress
        self.lock = lock
        self.resumed = resumed
        self.failed: UserError | None = None

    @classmethod
    @contextlib.contextmanager
    def open(
        cls,
        bank: Bank,
        store: Store,
        name: str | None,
        *,
        resume: bool,
        discard: bool,
        keep: bool,
        progress: Progress,
    ) -> Iterator[DraftKeeper]:
        """The draft a take answers into (resumed, or fresh after checking for an old one),
        with its lock: taken before the draft is read, let go when the block ends, however it
        ends (saved, stopped early, refused, Ctrl-C); its lock file goes with it. The draft
        itself stays for --resume unless `finish` removed it. With --no-save (`keep` off) no
        lock is held once any old draft is discarded: no draft is written."""
        path = store.draft_path(bank, name)
        with hold(path, name, discard=discard, needed=keep or discard) as lock:
            draft = prepare_draft(
                bank, name, store, resume=resume, discard=discard, keep=keep, progress=progress
            )
            if not keep:
                lock.release()  # --no-save writes no draft: nothing to guard once one is discarded
            yield cls(bank, draft, keep, dict(draft.answers), progress, lock, resumed=resume)

    def __call__(self, answers: dict[str, int]) -> None:
        self.answers = dict(answers)
        self._write(drafts.with_answers(self.draft, self.bank, answers))

    def guessed(self, guesses: dict[str, int]) -> None:
        self._write(drafts.with_guesses(self.draft, self.bank, guesses))

    def _write(self, draft: Draft) -> None:
        self.draft = draft
        if not self.enabled:
            return
        try:
            if self.draft.answers:
                drafts.save(self.draft)
            else:
                drafts.remove(self.draft)
        except UserError as exc:
            if self.failed is None:
                self.progress.note(
                    f"\nNote: your answers can't be kept in a draft as you go ({exc}). "
                    "The quiz goes on; if it stops early, your answers are printed so they are not lost."
                )
            self.failed = exc
        else:
            self.failed = None

    @property
    def kept(self) -> bool:
        return self.enabled and self.failed is None and bool(self.draft.answers)

    def finish(self) -> None:
        """The quiz is over and its result saved: its draft goes (its lock goes at the end of
        the keeper's block). A --no-save run keeps any draft it started from: nothing it had
        is lost."""
        if self.enabled:
            try:
                self.remove_draft()
            except UserError as exc:
                self.progress.note(f"Note: {exc} It is no longer needed; you can delete it.")

    def remove_draft(self) -> None:
        """The draft goes, and a locked take's key with it (a UserError if it can't)."""
        drafts.remove(self.draft)
        if drafts.Locked.on:
            drafts.remove(drafts.key_path(self.bank.id, self.draft.path.parent))


def _no_draft_to_resume(bank: Bank, name: str | None, store: Store) -> UserError:
    """Nothing to resume here: point at drafts under another name, or for another bank."""
    found = drafts.find_all(bank.any_scale, store.folder)
    other_names = [d for d in found if d.bank_id == bank.id]
    other_banks = sorted({d.bank_id for d in found if d.bank_id != bank.id})
    hint = f"Start a new quiz with: {program()} take."
    if other_names:
        hint = "Unfinished quizzes under another name: " + "; ".join(
            f"{d.name or 'no name'} ({d.describe(len(bank.questions))}): {command('--resume', d.name, bank)}"
            for d in other_names
        )
        hint += "."
    elif other_banks:
        listed = ", ".join(f"'{b}'" for b in other_banks)
        hint = (
            f"There is an unfinished quiz with another question bank ({listed}): "
            "run --resume with the same --bank file it was started with."
        )
    who = f" for the name '{name}'" if name else ""
    return UserError(f"there is no unfinished quiz{who} to resume.", hint=hint)


def prepare_draft(
    bank: Bank,
    name: str | None,
    store: Store,
    *,
    resume: bool,
    discard: bool,
    keep: bool,
    progress: Progress,
) -> Draft:
    """The draft this quiz starts from: a resumed one, or a fresh one (after checking for old ones)."""
    path = store.draft_path(bank, name)
    total = len(bank.questions)
    if discard:
        progress.note(drafts.discard(path, bank.any_scale, total))
        return drafts.new_draft(bank, name, store.folder)
    existing = drafts.load(path, bank.any_scale, discard=command("--discard", name, bank))
    if resume:
        if existing is None:
            raise _no_draft_to_resume(bank, name, store)
        checked = drafts.reconcile(existing, bank)
        if checked.bank_changed:
            dropped = (
                f" {len(checked.dropped)} answer(s) to questions no longer in it were left out."
                if checked.dropped
                else ""
            )
            progress.note(
                f"Note: the question bank '{bank.id}' has changed since this quiz was started. "
                f"Your answers to the questions still in it are kept.{dropped}"
            )
        return checked.draft
    if existing is not None and keep:
        progress.note(
            f"You have an unfinished quiz ({existing.describe(total)}).\n"
            f"  To go on where you left off:      {command('--resume', existing.name, bank)}\n"
            f"  To throw it away and start again: {command('--discard', existing.name, bank)}"
        )
        raise Exit(2)
    return drafts.new_draft(bank, name, store.folder)


def stopped(keeper: DraftKeeper, bank: Bank, name: str | None) -> Exit:
    """What Ctrl-C or a closed terminal leaves behind, said plainly."""
    note = keeper.progress.note
    count = len(keeper.answers)
    if keeper.kept:
        noun = "answer is" if count == 1 else "answers are"
        note(
            f"\nStopped. Your {count} {noun} kept in a draft ({keeper.draft.path}).\n"
            f"Nothing was lost. To go on where you left off, run:\n  {command('--resume', name, bank)}"
        )
    elif count and keeper.enabled:
        note("\nStopped. Your answers could not be kept in a draft, so here they are:\n")
        keeper.progress.keep(
            answers_yaml(bank, keeper.answers, command("--answers answers.yaml", name, bank))
        )
    elif not keeper.enabled:
        earlier = (
            " The unfinished quiz from before is still there for --resume."
            if keeper.draft.path.exists()
            else ""
        )
        note(f"\nStopped. Nothing was saved (--no-save).{earlier}")
    else:
        note("\nStopped before any question was answered, so there is nothing to keep.")
    return Exit(EXIT_INTERRUPTED)


def ask_all(
    bank: Bank, ask: Ask, keeper: DraftKeeper, name: str | None, guesses: Sequence[str] = ()
) -> Outcome:
    """Ask every question (going on from the keeper's draft if it resumed one), keeping the
    draft as it goes, and the guesses about the partner (`guesses`: statement ids) before the
    private part."""
    draft = keeper.draft
    guess_ids = tuple(guesses) or draft.guess_ids  # a resumed quiz goes on with its guesses
    draft = keeper.draft = draft._replace(guess_ids=guess_ids)
    start = 0
    if keeper.resumed:
        start, skipped = resume_point(bank, draft.answers)
        unguessed = [i for i, g in enumerate(guess_ids) if g not in draft.guesses]
        where = f"going on from statement {start + 1}"
        if start >= len(bank.questions) and unguessed:
            start += unguessed[0]
            where = "going on with your guesses"
        elif start >= len(bank.questions):
            start += len(guess_ids)
            where = "going on with the private questions"
        keeper.progress.say(
            f"\nWelcome back. {len(draft.answers)} of {len(bank.questions)} statements "
            f"answered; {where}.{skipped_words(skipped)} Go back any time to change an answer."
        )
    try:
        return run_quiz(
            bank, ask, answers=draft.answers, start=start, on_change=keeper,
            guesses=guess_ids, guessed=draft.guesses, on_guess=keeper.guessed,
        )  # fmt: skip
    except (KeyboardInterrupt, EOFError):
        raise stopped(keeper, bank, draft.name or name) from None


class Taken(Record):
    """A finished take: the result (not yet saved), its scores, and the private answers."""

    result: Result
    scores: Scores
    signalled: bool  # the private screen signalled fear or harm (held in memory only)
    keeper: DraftKeeper | None


def take(
    bank: Bank,
    guidance: Guidance | Callable[[], Guidance],
    *,
    ask: Ask | None = None,
    keeper: DraftKeeper | None = None,
    name: str | None = None,
    given: AnswersFile | None = None,
    guess: Sequence[str] = (),
) -> Taken | None:
    """Ask the questions with `ask`, answering into `keeper`'s draft (see DraftKeeper.open),
    or take the `given` answers, and score them once. None when every question was skipped:
    there is nothing to score or save. `guidance` may be a function that loads it, called
    only once the answers are in (the default guidance needs no check before the first
    question, and loading it later brings that question sooner)."""
    if given is not None:
        outcome = Outcome(
            answers=dict(given.scored), safety=dict(given.safety), guesses=dict(given.guesses)
        )
    else:
        if ask is None or keeper is None:
            raise UserError("there is no way to ask the questions.")
        outcome = ask_all(bank, ask, keeper, name, guess)
        name = keeper.draft.name or name
    if not outcome.answers:
        if keeper is not None:
            keeper.finish()
        return None
    result = new_result(
        bank,
        outcome.answers,
        name=name,
        taken_at=now(),
        guesses=outcome.guesses,
    )
    signalled = outcome.safety_signalled(bank)
    rules = guidance() if callable(guidance) else guidance
    return Taken(result, score(bank, rules, result.answers), signalled, keeper)
