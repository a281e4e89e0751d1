"""`closeness-quiz take`: ask (or read --answers), score, show the report, save the result.

In the terminal, every answer is kept in a draft as it is given, so Ctrl-C or a closed
terminal loses nothing (`take --resume` goes on). If the result can't be saved, the
answers are printed as an answers file, so they can still be scored later."""

from __future__ import annotations

import gc
import json
import re
import shlex
import shutil
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import typer

from closeness_quiz import drafts
from closeness_quiz.bank import Bank
from closeness_quiz.commands.common import console, load_content, notice, show_report
from closeness_quiz.drafts import Draft
from closeness_quiz.errors import UserError
from closeness_quiz.quiz import Ask, Outcome, first_unanswered, run_quiz
from closeness_quiz.report import build_report
from closeness_quiz.results import Result, build_result, default_filename, results_dir, write_new
from closeness_quiz.scoring import score

NO_TERMINAL = (
    "there is no terminal to ask the questions in (standard input is not a terminal). "
    "To score answers without prompts, give them in a file: "
    "closeness-quiz take --answers answers.yaml (see the README for the layout)."
)
EXIT_INTERRUPTED = 130
YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null"}


def intro(bank: Bank, plain: bool) -> str:
    count = len(bank.questions) + len(bank.safety)
    keys = (
        "Type the number of your answer and press Enter; s skips, b goes back."
        if plain
        else "Use the arrow keys or the numbers 1-5, then Enter. b goes back, s skips."
    )
    paragraphs = [bank.title]
    if bank.description:
        paragraphs.append(" ".join(bank.description.split()))
    paragraphs.append(
        f"{count} short statements, about five minutes. For each, choose how often it is "
        f"true for you. {keys} Ctrl-C stops at any time; your answers so far are kept."
    )
    # Wrap at word boundaries: a terminal left to itself breaks lines mid-word.
    width = max(20, min(shutil.get_terminal_size((80, 24)).columns - 1, 88))
    return "\n\n".join(textwrap.fill(p, width=width) for p in paragraphs)


def pick_ask(plain: bool) -> Ask:
    if plain:
        from closeness_quiz.plain import make_ask

        return make_ask()
    from closeness_quiz.prompts import ask

    return ask


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def command(flag: str, name: str | None) -> str:
    """The exact command to type, with --name when the draft belongs to a name."""
    named = f" --name {shlex.quote(name)}" if name else ""
    return f"closeness-quiz take {flag}{named}"


def answers_yaml(bank: Bank, answers: Mapping[str, int], name: str | None) -> str:
    """The scored answers as an answers file for `take --answers`, with each label as a comment."""
    lines = [
        "# Your answers, so that nothing is lost. Save the lines below as answers.yaml, then run:",
        f"#   {command('--answers answers.yaml', name)}",
    ]
    for question in bank.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        key = question.id
        if not re.fullmatch(r"[A-Za-z][\w-]*", key) or key.casefold() in YAML_WORDS:
            key = json.dumps(key, ensure_ascii=False)
        lines.append(f"{key}: {value}  # {bank.label(value)}")
    return "\n".join(lines) + "\n"


@dataclass
class DraftKeeper:
    """Writes the draft after every change; if that fails, says so once and carries on."""

    bank: Bank
    draft: Draft
    enabled: bool
    answers: dict[str, int]
    resumed: bool = False
    failed: UserError | None = None

    def __call__(self, answers: dict[str, int]) -> None:
        self.answers = dict(answers)
        if not self.enabled:
            return
        self.draft = drafts.with_answers(self.draft, self.bank, answers)
        try:
            if self.draft.answers:
                drafts.save(self.draft)
            else:
                drafts.remove(self.draft)
        except UserError as exc:
            if self.failed is None:
                notice(
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
        """The quiz is over: its draft goes (a --no-save run leaves an older draft alone)."""
        if self.enabled or self.resumed:
            try:
                drafts.remove(self.draft)
            except UserError as exc:
                notice(f"Note: {exc} It is no longer needed; you can delete it.")


def _no_draft_to_resume(bank: Bank, name: str | None) -> UserError:
    """Nothing to resume here: point at drafts under another name, or for another bank."""
    found = drafts.find_all()
    other_names = [d for d in found if d.bank_id == bank.id]
    other_banks = sorted({d.bank_id for d in found if d.bank_id != bank.id})
    hint = "Start a new quiz with: closeness-quiz take."
    if other_names:
        hint = "Unfinished quizzes under another name: " + "; ".join(
            f"{d.name or 'no name'} ({d.describe(len(bank.questions))}): {command('--resume', d.name)}"
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


def _draft_exists(existing: Draft, bank: Bank) -> typer.Exit:
    notice(
        f"You have an unfinished quiz ({existing.describe(len(bank.questions))}).\n"
        f"  To go on where you left off:      {command('--resume', existing.name)}\n"
        f"  To throw it away and start again: {command('--discard', existing.name)}"
    )
    return typer.Exit(2)


def prepare_draft(
    bank: Bank, name: str | None, *, resume: bool, discard: bool, keep: bool
) -> Draft:
    """The draft this quiz starts from: a resumed one, or a fresh one (after checking for old ones)."""
    path = drafts.draft_path(bank.id, name)
    total = len(bank.questions)
    if discard:
        try:
            old = drafts.load(path)
        except UserError:
            old = None
        if path.exists():
            drafts.remove(path)
            what = f" ({old.describe(total)})" if old else f" in {path}"
            notice(f"Discarded the unfinished quiz{what}. Starting afresh.")
        else:
            notice("There was no unfinished quiz to discard. Starting a new one.")
        return drafts.new_draft(bank, name)
    existing = drafts.load(path)
    if resume:
        if existing is None:
            raise _no_draft_to_resume(bank, name)
        checked = drafts.reconcile(existing, bank)
        if checked.bank_changed:
            dropped = (
                f" {len(checked.dropped)} answer(s) to questions no longer in it were left out."
                if checked.dropped
                else ""
            )
            notice(
                f"Note: the question bank '{bank.id}' has changed since this quiz was started. "
                f"Your answers to the questions still in it are kept.{dropped}"
            )
        return checked.draft
    if existing is not None and keep:
        raise _draft_exists(existing, bank)
    return drafts.new_draft(bank, name)


def _stopped(keeper: DraftKeeper, bank: Bank, name: str | None) -> typer.Exit:
    """What Ctrl-C or a closed terminal leaves behind, said plainly."""
    count = len(keeper.answers)
    if keeper.kept:
        noun = "answer is" if count == 1 else "answers are"
        notice(
            f"\nStopped. Your {count} {noun} kept in a draft ({keeper.draft.path}).\n"
            f"Nothing was lost: run '{command('--resume', name)}' to go on where you left off."
        )
    elif count and keeper.enabled:
        notice("\nStopped. Your answers could not be kept in a draft, so here they are:\n")
        sys.stderr.write(answers_yaml(bank, keeper.answers, name))
    elif not keeper.enabled:
        earlier = (
            " The unfinished quiz from before is still there for --resume."
            if keeper.draft.path.exists()
            else ""
        )
        notice(f"\nStopped. Nothing was saved (--no-save).{earlier}")
    else:
        notice("\nStopped before any question was answered, so there is nothing to keep.")
    return typer.Exit(EXIT_INTERRUPTED)


def ask_in_terminal(
    bank: Bank, name: str | None, *, plain: bool, resume: bool, discard: bool, keep: bool
) -> tuple[Outcome, DraftKeeper]:
    if not stdin_is_terminal():
        raise UserError(NO_TERMINAL)
    draft = prepare_draft(bank, name, resume=resume, discard=discard, keep=keep)
    keeper = DraftKeeper(bank, draft, enabled=keep, answers=dict(draft.answers), resumed=resume)
    ask = pick_ask(plain)
    print(intro(bank, plain))
    start = 0
    if resume:
        start = first_unanswered(bank, draft.answers)
        total = len(bank.questions) + len(bank.safety)
        print(
            f"\nWelcome back. {len(draft.answers)} of {len(bank.questions)} answered; "
            f"going on from question {start + 1} of {total}. Go back any time to change an answer."
        )
    gc.enable()  # paused for start-up by launch.py; a quiz runs for minutes
    try:
        outcome = run_quiz(bank, ask, answers=draft.answers, start=start, on_change=keeper)
    except (KeyboardInterrupt, EOFError):
        raise _stopped(keeper, bank, draft.name or name) from None
    return outcome, keeper


def save_result(
    target: Path,
    data: dict[str, object],
    bank: Bank,
    answers: Mapping[str, int],
    *,
    name: str | None,
    answers_file: Path | None,
    keeper: DraftKeeper | None,
) -> Path:
    """Save, or, if the disk or folder refuses, say why and print the answers so none are lost."""
    try:
        return write_new(target, data)
    except UserError as exc:
        notice(f"closeness-quiz: error: your result could not be saved: {exc}")
        if answers_file is not None:
            notice(f"Your answers are still in {answers_file}; nothing was lost.")
        else:
            if keeper is not None and keeper.kept:
                notice(
                    f"Your answers are also kept in the draft {keeper.draft.path}: once there is "
                    f"room, '{command('--resume', name)}' finishes and saves them."
                )
            notice("")
            sys.stderr.write(answers_yaml(bank, answers, name))
        raise typer.Exit(2) from None


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
) -> None:
    if resume and discard:
        raise UserError(
            "--resume and --discard can't be used together: --resume goes on with the "
            "unfinished quiz, --discard throws it away."
        )
    if answers_file is not None and (resume or discard):
        flag = "--resume" if resume else "--discard"
        raise UserError(f"{flag} is for a quiz answered in the terminal, not with --answers.")
    bank, guidance = load_content(bank_file, guidance_file)
    keeper: DraftKeeper | None = None
    if answers_file is not None:
        from closeness_quiz.answers import load_answers

        scored, safety = load_answers(answers_file, bank)
        outcome = Outcome(answers=scored, safety=safety)
    else:
        outcome, keeper = ask_in_terminal(
            bank, name, plain=plain, resume=resume, discard=discard, keep=save
        )
        name = keeper.draft.name or name

    if not outcome.answers:
        notice("Every question was skipped, so there is nothing to score. Nothing was saved.")
        if keeper is not None:
            keeper.finish()
        return
    taken_at = datetime.now().astimezone()
    scores = score(bank, guidance, outcome.answers)
    data = build_result(bank, outcome.answers, scores, name=name, taken_at=taken_at)
    result = Result(data=data, bank=bank, answers=dict(data["answers"]))

    show_report(build_report(result, guidance), result, fmt, None)
    if outcome.safety_signalled(bank):
        from closeness_quiz.render.terminal import render_private_notice

        render_private_notice(
            guidance.notes.safety_title, guidance.notes.safety, console(stderr=True)
        )
    if save:
        target = output if output is not None else results_dir() / default_filename(name, taken_at)
        path = save_result(
            target,
            data,
            bank,
            outcome.answers,
            name=name,
            answers_file=answers_file,
            keeper=keeper,
        )
        notice(f"\nSaved your result to {path} (readable only by you).")
        notice(f"See it again with: closeness-quiz report {path}")
    else:
        notice("\nNot saved (--no-save).")
    if keeper is not None:
        keeper.finish()
