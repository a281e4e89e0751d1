"""`closeness-quiz compare A B`: two partners' results side by side, in any report format."""

from __future__ import annotations

import io
import json
from pathlib import Path

from closeness_quiz.commands.common import console, emit, load_for_reading, note_other_bank
from closeness_quiz.compare import CompareView, build_compare
from closeness_quiz.compare_json import as_json
from closeness_quiz.results import read_result


def render(view: CompareView, fmt: str) -> str:
    """The comparison as text in `fmt` (text is what the terminal shows, at a fixed width)."""
    if fmt == "json":
        return json.dumps(as_json(view), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        from closeness_quiz.render.markdown import compare_markdown

        return compare_markdown(view)
    if fmt == "html":
        from closeness_quiz.render.html import compare_html

        return compare_html(view)
    from closeness_quiz.render.terminal_compare import render_compare

    buffer = io.StringIO()
    render_compare(view, console(file=buffer))
    return buffer.getvalue()


def run(
    result_a: Path,
    result_b: Path,
    *,
    fmt: str,
    output: Path | None,
    bank_file: Path | None,
    guidance_file: Path | None,
) -> None:
    bank, guidance = load_for_reading(bank_file, guidance_file)
    first = read_result(result_a, fallback_bank=bank)
    second = read_result(result_b, fallback_bank=bank)
    for result in (first, second):
        note_other_bank(result, bank, bank_file)
    view = build_compare(first, second, guidance)
    if fmt == "text" and output is None:
        from closeness_quiz.render.terminal_compare import render_compare

        render_compare(view, console())
        return
    emit(render(view, fmt), output)
