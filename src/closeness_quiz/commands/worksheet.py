"""`closeness-quiz worksheet`: a printable worksheet of the questions, with an optional key."""

from __future__ import annotations

from pathlib import Path

from closeness_quiz.commands.common import emit, load_content
from closeness_quiz.worksheet.build import build_worksheet


def run(
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
    with_key: bool,
) -> None:
    bank, guidance = load_content(bank_file, guidance_file)
    view = build_worksheet(
        bank, guidance, with_key=with_key, bank_arg=bank_file, guidance_arg=guidance_file
    )
    if fmt == "html":
        from closeness_quiz.render.paper import worksheet_html

        text = worksheet_html(view)
    else:
        from closeness_quiz.render.worksheet import worksheet_markdown

        text = worksheet_markdown(view)
    emit(text, output)
