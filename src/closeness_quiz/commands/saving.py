"""Saving a finished result, or, if the disk or folder refuses, saying why and printing the
answers as an answers file, so that none is ever lost."""

from __future__ import annotations

import sys
from pathlib import Path

from closeness_quiz.checkin.plans import CHECKIN
from closeness_quiz.content.scoring import Scores
from closeness_quiz.errors import EXIT_INTERRUPTED, Exit, UserError, notice
from closeness_quiz.quiz.session import DraftKeeper, command
from closeness_quiz.store.answers import answers_yaml
from closeness_quiz.store.results import Result, result_text
from closeness_quiz.store.writing import signals_held, write_new


def save_result(
    result: Result,
    scores: Scores,
    target: Path,
    *,
    answers_file: Path | None,
    keeper: DraftKeeper | None,
    passphrase: str | None = None,
) -> Path:
    """Save (locked with `passphrase`, if given), or, if the disk or folder refuses, say why
    and print the answers so none are lost."""
    plain = result_text(result, scores)
    text: str | bytes = plain
    if passphrase is not None:
        from closeness_quiz.store.locking import lock

        text = lock(plain, passphrase)
    saved: Path | None = None
    try:
        # Ctrl-C or SIGTERM during the save waits until the result is saved and its draft
        # gone, so `--resume` can't save it twice; then it says the result was kept.
        with signals_held():
            saved = write_new(target, text)
            if keeper is not None:
                keeper.finish()
        return saved
    except KeyboardInterrupt:
        if saved is None:
            raise
        notice(f"\nStopped, after your result was saved to {saved}.")
        raise Exit(EXIT_INTERRUPTED) from None
    except UserError as exc:
        notice(f"closeness-quiz: error: your result could not be saved: {exc}")
        if answers_file is not None:
            notice(f"Your answers are still in {answers_file}; nothing was lost.")
        else:
            if keeper is not None and keeper.kept:
                notice(
                    f"Your answers are also kept in the draft {keeper.draft.path}. Once there is "
                    f"room, this finishes and saves them:\n  {command('--resume', result.name, result.bank)}"
                )
            notice("")
            verb = "checkin" if result.kind == CHECKIN else "take"
            again = command("--answers answers.yaml", result.name, result.bank, verb)
            sys.stderr.write(answers_yaml(result.bank, result.answers, again))
            if result.followup is not None:  # how the plan went, as the check-in was told
                sys.stderr.write(f"plan_followup: {result.followup.answer}\n")
        raise Exit(2) from None  # the take is over; its draft stays for --resume
