"""`closeness-quiz checkin`: the short weekly check-in. First how last week's plan went (in
the idea's own words) and whether to keep, change or drop it; then the bank's `checkin: true`
statements and the private questions, as in `take`; then the check-in's report, the plan,
and the same save question as a take, with the same care after a signal (take.conclude).

A check-in keeps no draft: it is a minute long, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from closeness_quiz.checkin.marks import marks_for, plan_in_force
from closeness_quiz.checkin.plans import CHECKIN, Followup, Plan
from closeness_quiz.checkin.view import (
    FOLLOWUP_REPLIES,
    FOLLOWUP_WORDS,
    build_checkin,
    checkin_bank,
    idea_words,
    new_plan,
    previous_checkin,
    with_plan,
)
from closeness_quiz.commands.common import load_content, remind, show
from closeness_quiz.commands.conversation import choose, say, tell
from closeness_quiz.commands.take import (
    check_plan_flag,
    conclude,
    given_plan,
    offer_plan,
    pick_ask,
    plain_prompts,
    stdin_is_terminal,
    typed,
)
from closeness_quiz.content.bank import Bank
from closeness_quiz.content.guidance import Guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.errors import EXIT_INTERRUPTED, Exit, UserError, notice
from closeness_quiz.invocation import command
from closeness_quiz.quiz.loop import Outcome, count_words, run_quiz
from closeness_quiz.quiz.session import Store, Taken
from closeness_quiz.render import display
from closeness_quiz.report.view import IdeaView, build_report
from closeness_quiz.store import clock
from closeness_quiz.store.results import new_result

KEEP, CHANGE, DROP = "keep", "change", "drop"


def intro(bank: Bank, plain: bool, save: bool) -> str:
    keys = (
        "Type the number of your answer and press Enter; s skips, b goes back."
        if plain
        else "Use the arrow keys or the numbers, then Enter. b goes back, s skips."
    )
    kept = "" if save else " With --no-save, nothing is kept."
    return f"Check-in: {count_words(bank)}, about a minute. {keys} Ctrl-C stops.{kept}"


def ask_followup(plan: Plan, guidance: Guidance, plain: bool) -> tuple[Followup | None, str]:
    """How the plan went (Enter skips), a kind word whatever the answer, then keep, change
    or drop it (Enter keeps it)."""
    words = idea_words(guidance, plan.id)
    answers = list(FOLLOWUP_WORDS)
    went = choose(
        f'Last time you chose to try: "{words}" How did it go?',
        [FOLLOWUP_WORDS[a] for a in answers],
        "Type its number, or press Enter to skip:",
        plain=plain,
    )
    followup = Followup(plan.id, answers[went]) if went is not None else None
    if followup is not None:
        say(FOLLOWUP_REPLIES[followup.answer])
    then = choose(
        "Keep it for another week, change it, or drop it?",
        ["Keep it", "Change it (pick an idea after the check-in)", "Drop it"],
        "Type its number, or press Enter to keep it:",
        plain=plain,
    )
    return followup, [KEEP, CHANGE, DROP][then or 0]


def write_calendar(target: Path, folder: Path, name: str | None) -> None:
    """A weekly event at this time of day, from the plan's due date (else a week from now)."""
    from closeness_quiz.checkin.calendar import weekly_event
    from closeness_quiz.store.writing import write_new

    now = clock.now()
    plan = plan_in_force(marks_for(folder, name))
    start = now + timedelta(days=7)
    if plan is not None and plan.due > now.date():
        start = datetime.combine(plan.due, now.timetz())
    written = write_new(target, weekly_event(start, now))
    tell(
        f"Wrote {written}: a weekly event called 'Check-in', from "
        f"{start.date().isoformat()} at {start.strftime('%H:%M')}, with an alarm. Open it with "
        "your calendar to add it. Nothing runs in the background."
    )


def run(
    *,
    name: str | None,
    answers_file: Path | None,
    plan_id: str | None,
    save: bool,
    bank_file: Path | None,
    guidance_file: Path | None,
    plain: bool,
    solo: bool,
    fmt: str = "text",
    calendar: Path | None = None,
    store: Store | None = None,
) -> None:
    name = typed(name)
    store = store or Store.default()
    if calendar is not None:
        write_calendar(calendar, store.folder, name)
        return
    check_plan_flag(plan_id, answers_file=answers_file, save=save)
    full, guidance = load_content(bank_file, guidance_file)
    bank = checkin_bank(full)
    open_plan = plan_in_force(marks_for(store.folder, name))
    followup: Followup | None = None
    then = KEEP if open_plan is not None else CHANGE
    asking = plain
    remind(name, how=False)
    if answers_file is not None:
        outcome, followup = from_file(answers_file, full, bank, open_plan)
    else:
        if not stdin_is_terminal():
            raise UserError(
                "there is no terminal to ask the check-in in (standard input is not a "
                "terminal). To score answers without prompts: "
                + command("checkin", "--answers", "answers.yaml")
            )
        asking = plain_prompts(plain)
        plain = plain or display.wants_plain(sys.stdout)
        say(intro(bank, asking, save))
        if open_plan is not None:
            followup, then = ask_followup(open_plan, guidance, asking)
        try:
            outcome = run_quiz(bank, pick_ask(asking))
        except (KeyboardInterrupt, EOFError):
            notice("\nStopped. Nothing of this check-in was kept.")
            raise Exit(EXIT_INTERRUPTED) from None
    if not outcome.answers:
        tell("Every statement was skipped, so there is nothing to score. Nothing was saved.")
        return
    # A check-in asks no critical statement: where the name's latest full take was a report
    # for oneself alone (a critical answer on the far side), its check-ins are too.
    solo = solo or last_take_was_for_oneself(store.folder, name, full)
    result = new_result(bank, outcome.answers, name=name, taken_at=clock.now())
    result = result._replace(kind=CHECKIN, followup=followup)
    scores = score(bank, guidance, result.answers)
    signalled = outcome.safety_signalled(bank)
    previous = previous_checkin(store.folder, result, lambda: full)
    before = (
        {
            cid: c.score
            for cid, c in score(previous.bank, guidance, previous.answers).categories.items()
        }
        if previous is not None
        else {}
    )
    asked = answers_file is None
    kept = new_plan(open_plan.id, clock.now()) if asked and open_plan and then == KEEP else None

    def present(notice: bool) -> Sequence[IdeaView]:
        report = build_report(result, guidance, scores, solo=solo or signalled, notice=notice)
        # never the plan being kept or changed as the one idea
        avoid = open_plan.id if open_plan is not None else None
        view = build_checkin(result, report, guidance, previous, before, avoid=avoid)
        show("checkin", with_plan(view, kept, guidance), fmt, None, plain=plain)
        return [view.idea] if view.idea is not None else []

    def choose_plan(shown: Sequence[IdeaView]) -> Plan | None:
        if not asked:
            return given_plan(plan_id, shown, kept=open_plan.id if open_plan else None)
        return kept if then == KEEP else offer_plan(shown, plain=asking) if then == CHANGE else None

    conclude(
        Taken(result, scores, signalled, None), guidance, asked=asked, save=save,
        asking=asking, fmt=fmt, present=present, choose_plan=choose_plan, output=None,
        store=store, answers_file=answers_file,
    )  # fmt: skip


def from_file(
    path: Path, full: Bank, bank: Bank, open_plan: Plan | None
) -> tuple[Outcome, Followup | None]:
    """The answers (check-in statements and private questions only) and `plan_followup`."""
    from closeness_quiz.store.answers import load_answers

    given = load_answers(path, full, followup=True)
    asked = {q.id for q in bank.questions}
    for qid in given.scored:
        if qid not in asked:
            listed = ", ".join(sorted(asked))
            raise UserError(
                f"is not one of the check-in statements (they are: {listed}).",
                path=path,
                where=f"'{qid}'",
            )
    followup = None
    if given.plan_followup is not None:
        if open_plan is None:
            raise UserError(
                "there is no plan to follow up under this name (choose one after a take or a "
                "check-in first).",
                path=path,
                where="plan_followup",
            )
        followup = Followup(open_plan.id, given.plan_followup)
    return Outcome(answers=given.scored, safety=given.safety), followup


def last_take_was_for_oneself(folder: Path, name: str | None, bank: Bank) -> bool:
    """Whether `name`'s latest full take answered a critical statement on the far side."""
    from closeness_quiz.checkin.plans import FULL
    from closeness_quiz.store.lookup import read

    if not (name or "").strip():
        return False
    try:
        latest = read(name, lambda: bank, folder, prefer=FULL)
    except UserError:
        return False  # no take yet (or none readable): nothing to carry over
    return latest.kind == FULL and latest.bank.soft_signal(latest.answers)
