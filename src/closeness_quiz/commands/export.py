"""`closeness-quiz export`: a folder of results as one anonymised CSV for a counsellor or
researcher (and, with --codebook, its REDCap data dictionary).

Also how `bank stats` reads a pooled folder: every result file in it, each once, with its
kind; files that can't be read are listed on standard error, never in the export."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.commands.common import bank_id_of
from closeness_quiz.content.files import load_json
from closeness_quiz.errors import UserError, notice
from closeness_quiz.pooled.rows import Taken, bank_ids, without_copies
from closeness_quiz.store.paths import results_dir
from closeness_quiz.store.results import MAX_RESULT_BYTES, parse_result

KINDS = ("full", "checkin")


def read_folder(folder: Path | None) -> tuple[Path, list[Taken]]:
    """Every result in the folder (default: the results folder), copies counted once; the
    files left out are named on standard error with why."""
    from closeness_quiz.content.bank import load_bank
    from closeness_quiz.store.lookup import locked_files, result_files

    folder = folder if folder is not None else results_dir()
    if not folder.exists():
        raise UserError("no such folder.", path=folder)
    paths, skipped = result_files(folder)
    left_out = [(s.file, s.problem) for s in skipped]
    left_out += [
        (path.name, "locked with a passphrase, which export doesn't open.")
        for path in locked_files(folder)
    ]
    taken: list[Taken] = []
    for path in paths:
        try:
            data = load_json(path, "result file", limit=MAX_RESULT_BYTES)
            result = parse_result(data, path, load_bank)
            kind = data.get("kind", "full")
            if kind not in KINDS:
                raise UserError(f"unknown kind {kind!r}; expected full or checkin.", path=path)
            taken.append(Taken(result, kind))
        except UserError as exc:
            left_out.append(
                (path.name, exc.problem if exc.where is None else f"{exc.where}: {exc.problem}")
            )
    taken, copies = without_copies(taken)
    left_out += copies
    if left_out:
        count = len(left_out)
        lines = [f"Left out {count} file{'' if count == 1 else 's'}:"]
        lines += [f"  {file}: {problem}" for file, problem in sorted(left_out)]
        notice("\n".join(lines))
    return folder, taken


def one_bank(folder: Path, taken: list[Taken], bank_id: str | None) -> list[Taken]:
    """The results of one bank: --bank's, or the only one there is."""
    ids = bank_ids(taken)
    if not ids:
        raise UserError("holds no results.", path=folder)
    if bank_id is None and len(ids) > 1:
        raise UserError(
            f"holds results of {len(ids)} question banks: {', '.join(ids)}. "
            "Choose one with --bank ID.",
            path=folder,
        )
    chosen = bank_id if bank_id is not None else ids[0]
    if chosen not in ids:
        raise UserError(
            f"holds no results of the bank '{chosen}'. Its banks: {', '.join(ids)}.", path=folder
        )
    return [t for t in taken if t.bank_id == chosen]


def run(*, folder: Path | None, bank_id: str | None, output: Path, codebook: Path | None) -> None:
    from closeness_quiz.pooled.redcap import codebook_text, csv_text
    from closeness_quiz.pooled.rows import export_rows, new_pseudonym, newest_bank
    from closeness_quiz.store.writing import write_new

    folder, taken = read_folder(folder)
    mine = one_bank(folder, taken, bank_id_of(bank_id))
    bank = newest_bank(mine, mine[0].bank_id)
    table = export_rows(bank, mine, new_pseudonym)
    dropped = {q for t in mine for q in t.result.answers if bank.question(q) is None}
    if dropped:
        notice(
            f"Note: {len(dropped)} question{'' if len(dropped) == 1 else 's'} answered in older "
            f"versions of '{bank.id}' {'is' if len(dropped) == 1 else 'are'} not in its newest "
            f"version and not exported: {', '.join(sorted(dropped))}."
        )
    written = write_new(output, csv_text([table.columns, *table.rows]))
    count = len(table.rows)
    notice(f"Wrote {written}: {count} result{'' if count == 1 else 's'} of '{bank.id}'.")
    if codebook is not None:
        written = write_new(codebook, codebook_text(bank, table.columns))
        notice(f"Wrote {written}: the REDCap data dictionary of its columns.")
