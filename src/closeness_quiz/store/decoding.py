"""A result file's JSON, read fast: its end is parsed once per distinct text.

A result as this program writes it (results.result_json) ends with its scale, categories and
questions: three quarters of the file, and the same text in every result of one bank. So
`history` of 2,000 results of one bank parses that end once, as it parses the bank once
(results._SNAPSHOTS), and reads every file as files.parse_json would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from closeness_quiz.content.files import json_object, parse_json

# Where the end of a result as this program writes it begins.
TAIL = '\n  "scale": '


def decoded(text: str, path: Path) -> Any:
    """A result file's JSON: the same data as files.parse_json gives (and, for anything it
    refuses, its message), with the end that results of one bank share parsed once per
    distinct text. The beginning, closed with a '}', and the end, opened with a '{', are
    each parsed as an object; only when both are and no key is in both is that the file's
    data (a '}' closing the beginning is only an object if the cut is between two of the
    file's top-level keys). Anything else is parsed whole."""
    cut = text.find(TAIL)
    if cut < 0:
        return parse_json(text, path)
    head, tail = text[:cut].rstrip(), text[cut:]
    end = _TAILS.get(tail)
    if end is None:
        end = json_object("{" + tail)
        if end is None:
            return parse_json(text, path)
        if len(_TAILS) >= _TAILS_KEPT:
            del _TAILS[next(iter(_TAILS))]
        _TAILS[tail] = end
    # the beginning must hold a key before its comma: '{,' alone is no JSON object, though
    # '{' + '}' would read as one
    start = json_object(head[:-1] + "}") if head.endswith(",") else None
    if not start or not start.keys().isdisjoint(end):
        return parse_json(text, path)
    start.update(end)  # shared with every result of the same end: read, never changed
    return start


# The ends of results parsed (see `decoded`), by their text: a few banks' worth.
_TAILS: dict[str, dict[str, Any]] = {}
_TAILS_KEPT = 16
