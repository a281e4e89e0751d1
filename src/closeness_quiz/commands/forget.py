"""`closeness-quiz forget RESULT...`: show what will go, ask (default no), delete."""

from __future__ import annotations

import sys

from closeness_quiz.errors import UserError, notice
from closeness_quiz.invocation import command
from closeness_quiz.store.forgetting import Doomed, as_file, delete, plan
from closeness_quiz.store.lookup import locked_files
from closeness_quiz.store.paths import results_dir


def listed(item: Doomed) -> str:
    """'  2026-03-01-alex.json  (result, Alex, 1 March 2026)' for the list before the question."""
    details = [item.what]
    if item.name:
        details.append(item.name)
    if item.when is not None:
        details.append(f"{item.when.day} {item.when:%B %Y}")
    return f"  {item.path.name}  ({', '.join(details)})"


def ask(question: str) -> bool:
    """Yes only for y or yes; Enter, anything else or the end of input is no."""
    sys.stderr.write(question)
    sys.stderr.flush()
    reply = sys.stdin.readline()
    return reply.strip().casefold() in ("y", "yes")


def run(given: list[str], *, with_drafts: bool, yes: bool) -> None:
    folder = results_dir()
    doomed = plan(given, folder, with_drafts=with_drafts)
    count = len(doomed)
    files = "file" if count == 1 else "files"
    notice(f"This deletes {count} {files} from {folder}:")
    for item in doomed:
        notice(listed(item))
    by_name = [item for item in given if as_file(item, folder) is None]
    going = {item.path for item in doomed}
    locked = [path for path in locked_files(folder) if path not in going]
    if by_name and locked:
        many = len(locked) != 1
        notice(
            f"Not listed: {len(locked)} locked result{'s' if many else ''} in the folder. A "
            "locked result keeps its name locked too, so no name finds it; to forget one, give "
            f"its file name as {command('history')} shows it."
        )
    if not yes:
        drafts_flag = ["--drafts"] if with_drafts else []
        if not sys.stdin.isatty():
            raise UserError(
                "forget asks before deleting, and there is no terminal to ask in. To delete "
                f"without asking, add --yes: {command('forget', *given, *drafts_flag, '--yes')}"
            )
        if not ask(f"Delete {'it' if count == 1 else 'them'}? This can't be undone. [y/N] "):
            notice("Nothing was deleted.")
            return
    gone = delete(doomed)
    notice(
        f"Deleted {len(gone)} {'file' if len(gone) == 1 else 'files'}. Copies elsewhere "
        "(backups, synced folders, reports written with --output) are not touched."
    )
