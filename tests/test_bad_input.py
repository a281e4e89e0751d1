"""Bad input on every command, for every file it reads: exit 2, one clear message naming the
file (and the id or field), and never a traceback. Unexpected errors: exit 1, "please report".

The matrix: each kind of file (answers, bank, guidance, result) x each way it can be broken x
each command that reads it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import DEBUG_ENV, app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, build_result

runner = CliRunner()
BANK = load_bank()
GUIDANCE = load_guidance()
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def good_result() -> str:
    answers = {q.id: 3 for q in BANK.questions}
    data = build_result(
        BANK,
        answers,
        score(BANK, GUIDANCE, answers),
        name="Alex",
        taken_at=datetime.fromisoformat("2026-03-01T10:00:00+00:00"),
    )
    return json.dumps(data, indent=2)


def result_with(change: Callable[[dict[str, Any]], object]) -> str:
    data = json.loads(good_result())
    change(data)
    return json.dumps(data)


# A broken file: its text (or bytes, or a special kind), and what the message must say
# (text that must appear; "|" separates wordings that are equally fine, "&" joins musts).
Broken = tuple[str, str | bytes, str]
MISSING, FOLDER, UNREADABLE = "<missing>", "<folder>", "<unreadable>"
HUGE = "9" * 5000  # longer than Python converts to an int (4300 digits)
HUGE_TEXT = "x" * 3_000_000  # one value of several megabytes (the files' limit is 5 MB)

COMMON: list[Broken] = [
    ("missing", MISSING, "no such"),
    ("folder", FOLDER, "is a folder"),
    ("unreadable", UNREADABLE, "permission denied"),
    ("empty", "", "is empty"),
    ("only-whitespace", "  \n\n", "is empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("not-utf8", b"talk: caf\xe9\n", "not UTF-8"),
]

ANSWERS: list[Broken] = [
    *COMMON,
    ("malformed-yaml", "communication-01: [3\n", "not valid YAML"),
    ("truncated-json", '{"communication-01": 3, "communication-0', "not valid YAML"),
    ("a-list", "- 3\n- 4\n", "should be a mapping of question ids"),
    ("a-tab", "a:\n\tcommunication-01: 3\n", "a tab where YAML allows only spaces"),
    ("two-documents", "communication-01: 3\n---\naffection-01: 2\n", "more than one YAML document"),
    ("zero-width-space", 'communication-01: "Of\u200bten"\n', "'Of\\u200bten' is not an answer"),
    (
        "unknown-id",
        "communication-01: 3\nno-such-question: 2\n",
        "'no-such-question': unknown question id",
    ),
    ("out-of-range", "communication-01: 7\n", "'communication-01': '7' is not an answer"),
    ("negative", "communication-01: -1\n", "'communication-01': '-1' is not an answer"),
    ("wrong-type", "communication-01: [1, 2]\n", "'communication-01': '[1, 2]' is not an answer"),
    ("a-boolean", "communication-01: true\n", "'communication-01': 'True' is not an answer"),
    (
        "duplicate-id",
        "communication-01: 3\ncommunication-01: 2\n",
        "'communication-01' appears twice",
    ),
    ("no-answers", "communication-01: null\n", "has no answers to score"),
    ("huge-number", f"communication-01: {HUGE}\n", "a number in it is far too long"),
    # Digits other than 0-9 are refused, not read as the number they look like.
    ("superscript-digit", "communication-01: ³\n", "'communication-01': '³' is not an answer"),
    ("arabic-indic-digit", "communication-01: ٣\n", "'communication-01': '٣' is not an answer"),
    (
        "fullwidth-digit",
        "communication-01: \uff13\n",
        "'communication-01': '\uff13' is not an answer",
    ),
    ("huge-text", f"communication-01: {HUGE_TEXT}\n", "'communication-01': 'xxx&is not an answer"),
    ("huge-id", f"? {HUGE_TEXT}\n: 3\n", "characters in all)&unknown question id"),
]

BANK_CASES: list[Broken] = [
    *COMMON,
    ("malformed-yaml", "id: x\nscale: [\n", "not valid YAML"),
    ("truncated", SMALL_BANK[: SMALL_BANK.index("{id: talk-3") + 11], "not valid YAML"),
    ("a-list", "- 1\n- 2\n", "should be a mapping|can't tell what this file is"),
    (
        "wrong-type",
        SMALL_BANK.replace("version: 1", "version: one"),
        "version&should be a whole number",
    ),
    (
        "flag-wrong-type",
        SMALL_BANK.replace("reverse: true, sign: withholding", "reverse: maybe, sign: withholding"),
        "'talk-2'&reverse&should be true or false",
    ),
    ("duplicate-id", SMALL_BANK.replace("{id: talk-3,", "{id: talk-1,"), "'talk-1': duplicate id"),
    (
        "unknown-category",
        SMALL_BANK.replace("{id: play-2, category: play", "{id: play-2, category: games"),
        "'play-2'&unknown category 'games'",
    ),
    ("scale-out-of-order", SMALL_BANK.replace("value: 4,", "value: 1,"), "ascending order"),
    (
        "duplicate-key",
        SMALL_BANK.replace("title: Small bank", "title: Small bank\ntitle: Again"),
        "appears twice",
    ),
    (
        "unknown-key",
        SMALL_BANK.replace("version: 1", "version: 1\nquestoins: []"),
        "questoins&questions",
    ),
    ("huge-number", SMALL_BANK.replace("version: 1", f"version: {HUGE}"), "far too long"),
]

GUIDANCE_CASES: list[Broken] = [
    *COMMON,
    ("malformed-yaml", "bands:\n  - {id: low, min: 0\n", "not valid YAML"),
    ("truncated", SMALL_GUIDANCE[: SMALL_GUIDANCE.index("{id: middle") + 14], "not valid YAML"),
    ("wrong-type", SMALL_GUIDANCE.replace("min: 50}", "min: half}"), "min: should be a number"),
    (
        "out-of-range",
        SMALL_GUIDANCE.replace("min: 75}", "min: 150}"),
        "min: should be between 0 and 100",
    ),
    (
        "duplicate-id",
        SMALL_GUIDANCE.replace("{id: high,", "{id: middle,"),
        "two bands have the same id",
    ),
    (
        "unknown-band",
        SMALL_GUIDANCE.replace("high: Talking flows.", "sky-high: Talking flows."),
        "categories.talk.summaries&sky-high&unknown band",
    ),
    ("huge-number", SMALL_GUIDANCE.replace("min: 50}", f"min: {HUGE}}}"), "far too long"),
]

RESULT_CASES: list[Broken] = [
    *COMMON,
    ("malformed-json", "format: closeness-quiz/result\n", "not valid JSON"),
    ("truncated", good_result()[:400], "not valid JSON"),
    (
        "duplicate-key",
        good_result().replace('"answers": {', '"answers": {"communication-01": 0, ', 1),
        "the key 'communication-01' appears twice",
    ),
    ("a-list", "[1, 2, 3]", "expected a JSON object"),
    (
        "other-format",
        result_with(lambda d: d.update(format="someone-else/survey")),
        "not a closeness-quiz result",
    ),
    ("newer-version", result_with(lambda d: d.update(format_version=2)), "newer closeness-quiz"),
    ("version-wrong-type", result_with(lambda d: d.update(format_version="1")), "format_version"),
    (
        "unknown-id",
        result_with(lambda d: d["answers"].update({"no-such-question": 2})),
        "answers.no-such-question: unknown question id",
    ),
    (
        "out-of-range",
        result_with(lambda d: d["answers"].update({"trust-14": 5})),
        "answers.trust-14: answer should be a whole number from 0 to 4",
    ),
    (
        "answer-wrong-type",
        result_with(lambda d: d["answers"].update({"trust-14": "often"})),
        "answers.trust-14",
    ),
    # true is 1 and 3.0 is 3 to Python, but neither is a stored answer
    (
        "answer-true",
        result_with(lambda d: d["answers"].update({"trust-14": True})),
        "answers.trust-14: answer should be a whole number from 0 to 4, not 'True'",
    ),
    (
        "answer-float",
        result_with(lambda d: d.update(guesses={"trust-14": 3.0})),
        "guesses.trust-14: answer should be a whole number from 0 to 4, not '3.0'",
    ),
    ("answers-missing", result_with(lambda d: d.pop("answers")), "answers is missing"),
    ("name-wrong-type", result_with(lambda d: d.update(name=["Alex"])), "name should be text"),
    (
        "damaged-snapshot",
        result_with(lambda d: d.update(questions=5)),
        "stored questions are damaged",
    ),
    (
        "superscript-digit",
        result_with(lambda d: d["answers"].update({"trust-14": "³"})),
        "answers.trust-14: answer should be a whole number from 0 to 4, not '³'",
    ),
    (
        "huge-text",
        result_with(lambda d: d["answers"].update({"trust-14": HUGE_TEXT})),
        "answers.trust-14: answer should be a whole number from 0 to 4, not 'xxx",
    ),
    (
        "huge-id",
        result_with(lambda d: d["answers"].update({HUGE_TEXT: 3})),
        "answers.xxx&characters in all): unknown question id",
    ),
    (
        "huge-number",
        result_with(lambda d: d.update(format_version=0)).replace(
            '"format_version": 0', f'"format_version": {HUGE}'
        ),
        "far too long",
    ),
]

# How each command reads each kind of file: FILE is the broken one.
COMMANDS: dict[str, list[tuple[str, list[str]]]] = {
    "answers": [("take --answers", ["take", "--answers", "FILE", "--no-save"])],
    "bank": [
        ("take --bank", ["take", "--bank", "FILE", "--answers", "SMALL_ANSWERS", "--no-save"]),
        ("worksheet --bank", ["worksheet", "--bank", "FILE"]),
        ("bank validate", ["bank", "validate", "FILE"]),
    ],
    "guidance": [
        ("take --guidance", ["take", "--guidance", "FILE", "--answers", "ANSWERS", "--no-save"]),
        ("report --guidance", ["report", "GOOD_RESULT", "--guidance", "FILE"]),
    ],
    "result": [
        ("report", ["report", "FILE"]),
        ("compare (first)", ["compare", "FILE", "GOOD_RESULT"]),
        ("compare (second)", ["compare", "GOOD_RESULT", "FILE"]),
    ],
}
CASES = {"answers": ANSWERS, "bank": BANK_CASES, "guidance": GUIDANCE_CASES, "result": RESULT_CASES}
SUFFIX = {"answers": ".yaml", "bank": ".yaml", "guidance": ".yaml", "result": ".json"}

MATRIX = [
    pytest.param(kind, args, broken, id=f"{label}-{broken[0]}")
    for kind, commands in COMMANDS.items()
    for label, args in commands
    for broken in CASES[kind]
]


def make_broken(tmp_path: Path, kind: str, broken: Broken) -> Path:
    case, content, _ = broken
    path = tmp_path / f"broken-{kind}-{case}{SUFFIX[kind]}"
    if content == MISSING:
        return path
    if content == FOLDER:
        path.mkdir()
        return path
    if content == UNREADABLE:
        if AS_ROOT:
            pytest.skip("root can read any file, so an unreadable file can't be made")
        path.write_text(good_result() if kind == "result" else "a: 1\n", encoding="utf-8")
        path.chmod(0o000)
        return path
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def fill_in(args: list[str], tmp_path: Path, broken: Path) -> list[str]:
    fixtures = {
        "FILE": broken,
        "GOOD_RESULT": tmp_path / "good-result.json",
        "OTHER_RESULT": tmp_path / "other-result.json",
        "ANSWERS": tmp_path / "good-answers.yaml",
        "SMALL_ANSWERS": tmp_path / "good-small-answers.yaml",
    }
    fixtures["GOOD_RESULT"].write_text(good_result(), encoding="utf-8")
    fixtures["OTHER_RESULT"].write_text(good_result(), encoding="utf-8")
    fixtures["ANSWERS"].write_text("communication-01: 3\n", encoding="utf-8")
    fixtures["SMALL_ANSWERS"].write_text("talk-1: 3\n", encoding="utf-8")
    return [str(fixtures[a]) if a in fixtures else a for a in args]


@pytest.mark.parametrize(("kind", "args", "broken"), MATRIX)
def test_bad_input_exits_2_naming_the_file(
    tmp_path: Path, kind: str, args: list[str], broken: Broken
) -> None:
    path = make_broken(tmp_path, kind, broken)
    try:
        result = runner.invoke(app, fill_in(args, tmp_path, path))
    finally:
        if path.exists() and not path.is_dir():
            path.chmod(0o600)
    everything = result.stdout + result.stderr
    assert result.exit_code == 2, everything
    assert "Traceback" not in everything
    assert path.name in result.stderr
    for must in broken[2].split("&"):
        assert any(wording in result.stderr for wording in must.split("|")), (must, result.stderr)
    assert result.stderr.count("closeness-quiz: error:") == 1  # one clear message
    assert len(result.stderr) < 2000  # one short paragraph, whatever the file holds


@pytest.mark.parametrize(
    "args", [["report"], ["compare", "a.json"], ["bank", "validate"], ["take", "--format", "pdf"]]
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["report", "GOOD_RESULT", "--format", "markdown", "--output", "BLOCKED"],
        ["compare", "GOOD_RESULT", "OTHER_RESULT", "--format", "json", "--output", "BLOCKED"],
        ["worksheet", "--output", "BLOCKED"],
    ],
    ids=["report", "compare", "worksheet"],
)
def test_an_output_that_cannot_be_written_exits_2_naming_it(
    tmp_path: Path, args: list[str]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    filled = [
        str(blocker / "out.txt") if a == "BLOCKED" else a for a in fill_in(args, tmp_path, blocker)
    ]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert str(blocker) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def boom(**kwargs: object) -> None:
    raise RuntimeError("something inside broke")


def test_an_unexpected_error_exits_1_asking_for_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    from closeness_quiz.commands import history

    monkeypatch.setattr(history, "run", boom)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1
    assert "please report it" in result.stderr and "something inside broke" in result.stderr
    assert "--debug" in result.stderr or DEBUG_ENV in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("how", ["option", "env"])
def test_debug_shows_the_real_error(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from closeness_quiz.commands import history

    monkeypatch.setattr(history, "run", boom)
    monkeypatch.setenv(DEBUG_ENV, "1")  # recorded, so the option's change is undone after the test
    if how == "option":
        monkeypatch.delenv(DEBUG_ENV)
    args = ["--debug", "history"] if how == "option" else ["history"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)  # raised on, so its traceback is printed
