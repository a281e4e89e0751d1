"""`closeness-quiz report RESULT`: show a saved result again, as `take` showed it."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.commands.common import load_content, notice, show_report
from closeness_quiz.report import build_report
from closeness_quiz.results import read_result


def run(
    result_file: Path,
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
) -> None:
    bank, guidance = load_content(bank_file, guidance_file)
    result = read_result(result_file, fallback_bank=bank)
    stored = result.data.get("bank") or {}
    if bank_file is not None and stored.get("sha256") not in (None, bank.sha256):
        notice(
            f"Note: {result_file} was answered with a different version of the bank "
            f"('{stored.get('id')}' version {stored.get('version')}); the questions stored in it are used."
        )
    show_report(build_report(result, guidance), result, fmt, output)
