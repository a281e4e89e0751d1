"""`closeness-quiz take`: ask (or read --answers), score, show the report, save the result."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from closeness_quiz.bank import Bank
from closeness_quiz.commands.common import console, load_content, notice, show_report
from closeness_quiz.errors import UserError
from closeness_quiz.quiz import Ask, Outcome, run_quiz
from closeness_quiz.report import build_report
from closeness_quiz.results import Result, build_result, default_filename, results_dir, write_new
from closeness_quiz.scoring import score

NO_TERMINAL = (
    "there is no terminal to ask the questions in (standard input is not a terminal). "
    "To score answers without prompts, give them in a file: "
    "closeness-quiz take --answers answers.yaml (see the README for the layout)."
)


def intro(bank: Bank, plain: bool) -> str:
    count = len(bank.questions) + len(bank.safety)
    keys = (
        "Type the number of your answer and press Enter; s skips, b goes back."
        if plain
        else "Use the arrow keys or the numbers 1-5, then Enter. b goes back, s skips."
    )
    lines = [bank.title, ""]
    if bank.description:
        lines += [bank.description, ""]
    lines += [
        f"{count} short statements, about five minutes. For each, choose how often it is true for you.",
        keys + " Ctrl-C stops at any time; your answers so far are kept.",
    ]
    return "\n".join(lines)


def pick_ask(plain: bool) -> Ask:
    if plain:
        from closeness_quiz.plain import make_ask

        return make_ask()
    from closeness_quiz.prompts import ask

    return ask


def ask_in_terminal(bank: Bank, plain: bool) -> Outcome:
    if not sys.stdin.isatty():
        raise UserError(NO_TERMINAL)
    ask = pick_ask(plain)
    print(intro(bank, plain))
    return run_quiz(bank, ask)


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
) -> None:
    bank, guidance = load_content(bank_file, guidance_file)
    if answers_file is not None:
        from closeness_quiz.answers import load_answers

        scored, safety = load_answers(answers_file, bank)
        outcome = Outcome(answers=scored, safety=safety)
    else:
        outcome = ask_in_terminal(bank, plain)

    if not outcome.answers:
        notice("Every question was skipped, so there is nothing to score. Nothing was saved.")
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
        path = write_new(target, data)
        notice(f"\nSaved your result to {path} (readable only by you).")
        notice(f"See it again with: closeness-quiz report {path}")
    else:
        notice("\nNot saved (--no-save).")
