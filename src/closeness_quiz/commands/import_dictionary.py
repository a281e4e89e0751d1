"""`closeness-quiz bank import FILE.csv`: a REDCap data dictionary's radio and dropdown
fields as a question bank, checked as `bank validate` checks one; every field left out is
named on standard error, with why."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.errors import UserError, ValidationError, notice


def run(source: Path, output: Path | None) -> None:
    import yaml

    from closeness_quiz.commands.common import emit
    from closeness_quiz.content.bank import parse_bank
    from closeness_quiz.content.files import read_text
    from closeness_quiz.pooled.redcap import DictionaryError, read_dictionary

    text = read_text(source, "data dictionary")
    try:
        imported = read_dictionary(text, source.stem)
    except DictionaryError as exc:
        raise UserError(str(exc), path=source) from None
    except Exception as exc:  # the csv module's own errors (a NUL byte, a field too large)
        import csv

        if not isinstance(exc, csv.Error):
            raise
        raise UserError(f"is not a CSV file this program can read ({exc}).", path=source) from None
    left_out = imported.left_out
    if left_out:
        count = len(left_out)
        lines = [f"Left out {count} field{'' if count == 1 else 's'} of {source}:"]
        lines += [f"  {name}: {why}." for name, why in left_out]
        notice("\n".join(lines))
    if not imported.bank["questions"]:
        raise UserError("has no radio or dropdown field to make a question of.", path=source)
    bank_text = yaml.safe_dump(imported.bank, sort_keys=False, allow_unicode=True, width=88)
    try:
        bank = parse_bank(bank_text, output or source)
    except ValidationError as exc:
        raise UserError(
            f"the bank made from it would not pass `bank validate`: {exc.lines()[0]}", path=source
        ) from None
    emit(bank_text, output, "yaml")
    if output is not None:
        n = len(bank.questions)
        notice(f"{n} question{'' if n == 1 else 's'} in {len(bank.categories)} categories.")
