"""`report` and `compare` through the CLI: every format, --output, --bank notes, bad files."""

from __future__ import annotations

import html
import json
import re
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance

# Version-3 ids; the values keep the scores the version-2 answers had (communication-13
# says the opposite of the reverse-keyed communication-02 it replaced, so its value is turned).
ALEX = {
    "communication-01": 3,
    "communication-13": 3,
    "communication-03": "Often",
    "communication-15": 0,
    "communication-16": 3,
    "communication-09": 4,
    "communication-10": 1,
    "communication-11": 3,
    "affection-13": 4,
    "affection-02": 3,
    "affection-03": 3,
    "affection-04": 4,
    "affection-08": 3,
    "trust-02": 0,
    "trust-14": 4,
    "trust-05": 4,
    "trust-06": 3,
    "trust-07": 4,
    "time-together-14": 1,
    "time-together-04": 2,
    "time-together-07": 1,
    "time-together-15": 2,
    "time-together-10": 1,
}
SAM = {
    **ALEX,
    "communication-01": 1,
    "communication-13": 1,
    "communication-03": "rarely",
    "communication-15": 2,
    "affection-02": 4,
    "affection-04": 1,
    "trust-02": 1,
    "time-together-14": 3,
    "time-together-04": 3,
    "time-together-15": 4,
    "time-together-10": 3,
}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def take(
    tmp_path: Path, answers: dict[str, object], name: str | None, *extra: str | Path
) -> tuple[Path, Result]:
    """A real result file, made the way a user makes one: `take --answers ... --output ...`."""
    label = re.sub(r"\W+", "_", name or "anonymous")
    answers_file = tmp_path / f"{label}-answers.yaml"
    answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
    target = tmp_path / f"{label}.json"
    args: list[str | Path] = ["take", "--answers", answers_file, "--output", target, *extra]
    if name:
        args += ["--name", name]
    outcome = invoke(*args)
    assert outcome.exit_code == 0, outcome.stderr
    return target, outcome


@pytest.fixture
def alex(tmp_path: Path) -> Path:
    return take(tmp_path, ALEX, "Alex")[0]


@pytest.fixture
def sam(tmp_path: Path) -> Path:
    return take(tmp_path, SAM, "Sam")[0]


def squash(text: str) -> str:
    return " ".join(text.split())


# --- report ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_report_shows_exactly_what_take_showed(tmp_path: Path, fmt: str) -> None:
    path, took = take(tmp_path, ALEX, "Alex", "--format", fmt)
    shown = invoke("report", path, "--format", fmt)
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == took.stdout
    assert "Communication" in shown.stdout and "68.8" in shown.stdout


def test_report_json_is_worked_out_from_the_answers(alex: Path) -> None:
    saved = json.loads(alex.read_text(encoding="utf-8"))
    shown = invoke("report", alex, "--format", "json")
    assert shown.exit_code == 0
    view = json.loads(shown.stdout)
    assert view["format"] == "closeness-quiz/report"
    assert view["name"] == saved["name"] and view["taken_at"] == saved["taken_at"]
    assert view["scores"] == saved["scores"] and view["overall"] == saved["overall"]
    assert view["answers"] == saved["answers"]


def test_report_json_ignores_tampered_scores_and_is_always_valid_json(
    alex: Path, tmp_path: Path
) -> None:
    text = alex.read_text(encoding="utf-8")
    honest = json.loads(invoke("report", alex, "--format", "json").stdout)
    data = json.loads(text)
    data["scores"]["communication"]["score"] = 99.9
    data["scores"]["trust"] = {"score": float("nan"), "band": "strong"}
    data["overall"] = {"score": float("inf"), "band": "strong"}
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN and Infinity
    shown = invoke("report", tampered, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    view = json.loads(shown.stdout, parse_constant=lambda c: pytest.fail(f"{c} in the JSON"))
    assert view["scores"] == honest["scores"] and view["overall"] == honest["overall"]
    assert "NaN" not in shown.stdout and "Infinity" not in shown.stdout


def test_report_markdown_has_a_score_table_and_suggestions(alex: Path) -> None:
    out = invoke("report", alex, "--format", "markdown").stdout
    assert out.startswith("# How close do we feel?\n")
    assert "| Area | Score |  | Band |" in out
    assert "| Communication | 68.8 | ███████░░░ | Mixed |" in out
    assert "| **Overall** | **68.5** |" in out
    assert "## Time together: 45.0 · Strained" in out
    assert "## Start here" in out and "**More ideas for this area:**" in out
    assert "> **Please keep in mind**" in out
    assert "> **Where to find help**" in out


def test_report_html_is_one_self_contained_page(alex: Path) -> None:
    out = invoke("report", alex, "--format", "html").stdout
    assert out.startswith("<!DOCTYPE html>")
    assert "<svg" in out and "<style>" in out and "@page" in out
    lowered = out.lower()
    for outside in ("<script", "<link", "@import", "url(", "src=", "https://"):
        assert outside not in lowered
    assert '<p class="meta">Alex · 20' in out


def test_report_output_file_is_private_and_never_overwritten(alex: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "alex.md"
    first = invoke("report", alex, "--format", "markdown", "--output", target)
    assert first.exit_code == 0 and first.stdout == ""
    assert f"Wrote {target}" in first.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_text("my own notes\n", encoding="utf-8")
    second = invoke("report", alex, "--format", "markdown", "--output", target)
    assert second.exit_code == 0
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    again = target.with_name("alex-2.md")
    assert again.read_text(encoding="utf-8").startswith("# How close do we feel?")
    assert "already existed" in second.stderr


def test_report_text_to_a_file(alex: Path, tmp_path: Path) -> None:
    target = tmp_path / "alex.txt"
    assert invoke("report", alex, "--output", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "Communication" in text and "Please keep in mind" in text
    assert "\x1b[" not in text  # no terminal colour codes in a file


def write_custom_bank(tmp_path: Path, *, version: int, drop: str | None = None) -> Path:
    """The default bank with another version number, optionally without one question."""
    text = load_bank().path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    data = yaml.safe_load(text)
    data["version"] = version
    if drop:
        data["questions"] = [q for q in data["questions"] if q["id"] != drop]
    path = tmp_path / f"bank-v{version}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_report_with_another_bank_notes_it_and_uses_the_stored_questions(
    alex: Path, tmp_path: Path
) -> None:
    bank = write_custom_bank(tmp_path, version=2, drop="communication-02")
    shown = invoke("report", alex, "--bank", bank)
    assert shown.exit_code == 0
    assert "different question bank" in shown.stderr and str(alex) in shown.stderr
    # communication-02 is gone from the given bank, but the result's own snapshot still has it
    assert "68.8" in shown.stdout


def test_report_with_the_same_bank_says_nothing(alex: Path) -> None:
    shown = invoke("report", alex, "--bank", load_bank().path)  # type: ignore[arg-type]
    assert shown.exit_code == 0 and shown.stderr == ""


# --- bad result files -----------------------------------------------------------------------


def bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    """Broken result files, each with a phrase the error message should contain."""
    text = good.read_text(encoding="utf-8")
    data = json.loads(text)
    files: dict[str, tuple[str | bytes, str]] = {
        "corrupted": ('{"format": "closeness-quiz/result", "answers": {,}', "not valid JSON"),
        "truncated": (text[: len(text) // 2], "truncated"),
        "foreign": (json.dumps({"format": "someone-else/export", "rows": []}), "not a closeness"),
        "list": ("[1, 2, 3]", "not a closeness"),
        "newer": (json.dumps({**data, "format_version": 99}), "newer"),
        "bad-answer": (
            json.dumps({**data, "answers": {**data["answers"], "trust-01": 9}}),
            "trust-01",
        ),
        "unknown-id": (
            json.dumps({**data, "answers": {**data["answers"], "safety-01": 4}}),
            "safety-01",
        ),
        "damaged-snapshot": (json.dumps({**data, "questions": [{"id": "x"}]}), "questions"),
        "binary": (b"\x00\x01\x02", "binary"),
        "empty": ("", "empty"),
    }
    out: dict[str, tuple[Path, str]] = {}
    for name, (content, phrase) in files.items():
        path = tmp_path / f"{name}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        out[name] = (path, phrase)
    out["missing"] = (tmp_path / "missing.json", "no such result file")
    return out


BAD = [
    "corrupted",
    "truncated",
    "foreign",
    "list",
    "newer",
    "bad-answer",
    "unknown-id",
    "damaged-snapshot",
    "binary",
    "empty",
    "missing",
]


@pytest.mark.parametrize("kind", BAD)
def test_bad_result_files_exit_2_naming_the_file(alex: Path, tmp_path: Path, kind: str) -> None:
    path, phrase = bad_files(tmp_path, alex)[kind]
    for args in (
        ["report", path],
        ["report", path, "--format", "html"],
        ["compare", alex, path],
        ["compare", path, alex, "--format", "json"],
    ):
        outcome = CliRunner().invoke(app, [str(a) for a in args])
        assert outcome.exit_code == 2, (args, outcome.stderr)
        assert str(path) in outcome.stderr
        assert phrase in outcome.stderr
        assert "Traceback" not in outcome.stderr + outcome.stdout
        assert outcome.stdout == ""
        assert len(outcome.stderr.strip().splitlines()) == 1


# --- compare ---------------------------------------------------------------------------------


def test_compare_text_puts_both_side_by_side(alex: Path, sam: Path) -> None:
    outcome = invoke("compare", alex, sam)
    assert outcome.exit_code == 0, outcome.stderr
    out = outcome.stdout
    header = next(line for line in out.splitlines() if line.strip().startswith("Area"))
    assert header.split() == ["Area", "Alex", "Sam", "Gap"]
    row = next(line for line in out.splitlines() if line.strip().startswith("Communication"))
    # Without "speaks to me with respect" (critical): Alex's own report says 68.8.
    assert row.split()[1:3] == ["67.9", "Mixed"]
    assert row.split()[-1] == "28.6"
    assert "Where you both feel close" in out
    assert "Areas you both scored 75 or more: Trust." in out
    seen = out[out.index("Seen differently") : out.index("Conversations to start")]
    # the largest gap (3 steps) comes first, with both answers in words
    # shared statements first; then how each feels, and how each experiences the other
    assert seen.index("plans and chores") < seen.index("How each of you feels")
    assert seen.index("tell my partner how I feel") < seen.index("How each of you experiences")
    assert seen.index("How each of you experiences") < seen.index("values me for who I am")
    assert "Alex: Almost always · Sam: Rarely (3 steps apart)" in seen
    assert "Conversations to start" in out
    assert "Please keep in mind" in out


def test_compare_json_follows_the_contract(alex: Path, sam: Path) -> None:
    outcome = invoke("compare", alex, sam, "--format", "json")
    assert outcome.exit_code == 0
    data = json.loads(outcome.stdout)
    assert data["a"]["name"] == "Alex" and data["b"]["name"] == "Sam"
    assert data["a"]["taken_at"] == json.loads(alex.read_text(encoding="utf-8"))["taken_at"]
    assert set(data["categories"]) == {"communication", "affection", "trust", "time-together"}
    assert data["categories"]["communication"] == {
        "title": "Communication",
        "a": 67.9,  # without the critical "speaks to me with respect": 68.8 in Alex's report
        "b": 39.3,
        "gap": 28.6,
        "a_band": "mixed",
        "b_band": "strained",
    }
    gaps = [item["gap"] for item in data["items"]]
    assert gaps == sorted(gaps, reverse=True) and min(gaps) >= 2
    assert data["items"][0] == {
        "id": "affection-04",
        "category": "affection",
        "text": data["items"][0]["text"],
        "a": 4,
        "b": 1,
        "a_label": "Almost always",
        "b_label": "Rarely",
        "gap": 3,
        "about": "partner",
    }
    assert {i["id"] for i in data["items"]} == {
        "affection-04",
        "communication-01",
        "communication-13",
        "communication-03",
        "communication-15",
        "time-together-14",
        "time-together-15",
        "time-together-10",
    }
    assert 2 <= len(data["starters"]) <= 3
    assert data["shared_strengths"]["categories"] == ["trust"]


def test_compare_starters_come_from_the_guidance(alex: Path, sam: Path) -> None:
    data = json.loads(invoke("compare", alex, sam, "--format", "json").stdout)
    guidance = load_guidance()
    bank = load_bank()
    for starter in data["starters"]:
        tips = guidance.categories[starter["category"]].starters
        tip = next(t for t in tips if t.text == starter["text"])
        question = bank.question(starter["question"]) if starter["question"] else None
        if question is not None:
            assert tip.addresses(question)


def test_compare_markdown_carries_the_same_content(alex: Path, sam: Path) -> None:
    text = invoke("compare", alex, sam).stdout
    out = invoke("compare", alex, sam, "--format", "markdown").stdout
    assert out.startswith("# How close do we feel? Side by side\n")
    assert "| Area | Alex |  | Sam |  | Gap |" in out
    assert "| Communication | 67.9 Mixed | ███████░░░ | 39.3 Strained | ████░░░░░░ | 28.6 |" in out
    for heading in (
        "Scores side by side",
        "Where you both feel close",
        "Seen differently",
        "Conversations to start",
    ):
        assert f"## {heading}" in out and heading in text
    data = json.loads(invoke("compare", alex, sam, "--format", "json").stdout)
    for item in data["items"]:
        assert item["text"] in out and item["text"] in squash(text)
    for starter in data["starters"]:
        assert starter["text"] in out and starter["text"] in squash(text)


def test_compare_html_is_self_contained_with_a_chart(alex: Path, sam: Path) -> None:
    out = invoke("compare", alex, sam, "--format", "html").stdout
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert out.count("<svg") == 1 and "<table>" in out
    lowered = out.lower()
    for outside in ("<script", "<link", "@import", "url(", "src=", "https://"):
        assert outside not in lowered
    data = json.loads(invoke("compare", alex, sam, "--format", "json").stdout)
    for item in data["items"]:
        assert html.escape(item["text"]) in out


def test_compare_output_file(alex: Path, sam: Path, tmp_path: Path) -> None:
    target = tmp_path / "together.html"
    outcome = invoke("compare", alex, sam, "--format", "html", "--output", target)
    assert outcome.exit_code == 0 and outcome.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_compare_without_names_uses_partner_a_and_b(tmp_path: Path) -> None:
    a, _ = take(tmp_path, ALEX, None)
    b = tmp_path / "b.json"
    b.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    out = invoke("compare", a, b, "--format", "markdown").stdout
    assert "| Area | Partner A |  | Partner B |  | Gap |" in out
    assert "None of the questions you both answered are two or more steps apart" in out


def test_names_are_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    a, _ = take(tmp_path, ALEX, "<b>Al & Jo</b>")
    b, _ = take(tmp_path, SAM, "Sam|[x](http://example.com)")
    html_out = invoke("compare", a, b, "--format", "html").stdout
    assert "<b>Al" not in html_out and "&lt;b&gt;Al &amp; Jo&lt;/b&gt;" in html_out
    md_out = invoke("compare", a, b, "--format", "markdown").stdout
    assert "\\<b\\>Al & Jo\\</b\\>" in md_out
    assert "Sam\\|\\[x\\](http://example.com)" in md_out
    report_html = invoke("report", a, "--format", "html").stdout
    assert "<b>Al" not in report_html


def test_safety_answers_never_appear(tmp_path: Path) -> None:
    a, took = take(tmp_path, {**ALEX, "safety-01": 4, "safety-14": "Often"}, "Alex")
    b, _ = take(tmp_path, {**SAM, "safety-01": 0}, "Sam")
    assert "safety" not in a.read_text(encoding="utf-8")
    bank, guidance = load_bank(), load_guidance()
    # The answers really did signal: take's report (not to a terminal here, so the report
    # for oneself, without the notice) opened with support for oneself.
    assert took.stdout.index("Someone to talk to") < took.stdout.index("Communication")
    assert guidance.notes.safety_title not in took.stdout
    private = [q.text for q in bank.safety] + [guidance.notes.safety, guidance.notes.safety_title]
    for fmt in ("text", "markdown", "html", "json"):
        for out in (
            invoke("compare", a, b, "--format", fmt).stdout,
            invoke("report", a, "--format", fmt).stdout,
        ):
            flat = squash(html.unescape(out))
            assert "safety-0" not in flat
            for words in private:
                assert squash(words) not in flat


def test_compare_refuses_results_from_different_questionnaires(alex: Path, tmp_path: Path) -> None:
    bank = tmp_path / "other.yaml"
    bank.write_text(
        yaml.safe_dump(
            {
                "id": "other",
                "version": 1,
                "title": "Another quiz",
                "scale": [
                    {"value": v, "label": label}
                    for v, label in enumerate(["No", "A little", "Some", "Much", "Very much"])
                ],
                "categories": [{"id": "money", "title": "Money", "description": "Budgets."}],
                "questions": [{"id": "money-1", "category": "money", "text": "We plan."}],
            }
        ),
        encoding="utf-8",
    )
    other, _ = take(tmp_path, {"money-1": 2}, "Other", "--bank", bank)
    outcome = CliRunner().invoke(app, ["compare", str(alex), str(other)])
    assert outcome.exit_code == 2
    assert str(alex) in outcome.stderr and str(other) in outcome.stderr
    assert "different questionnaires" in outcome.stderr
    assert "Traceback" not in outcome.stderr and outcome.stdout == ""


def test_compare_results_from_two_bank_versions(tmp_path: Path) -> None:
    v4 = write_custom_bank(tmp_path, version=4, drop="trust-05")
    a, _ = take(tmp_path, ALEX, "Alex")
    b, _ = take(tmp_path, {k: v for k, v in SAM.items() if k != "trust-05"}, "Sam", "--bank", v4)
    outcome = invoke("compare", a, b)
    assert outcome.exit_code == 0
    flat = squash(outcome.stdout)
    assert "different versions of the questions (version 3 and version 4)" in flat
    assert "Only the 38 questions that appear in both are compared" in flat
    data = json.loads(invoke("compare", a, b, "--format", "json").stdout)
    assert data["compared_questions"] == 22
    assert data["a"]["bank"]["version"] == 3 and data["b"]["bank"]["version"] == 4
    md_out = invoke("compare", a, b, "--format", "markdown").stdout
    assert "Only the 38 questions" in md_out
    assert "Only the 38 questions" in squash(invoke("compare", a, b, "--format", "html").stdout)


def test_compare_with_another_bank_notes_it(alex: Path, sam: Path, tmp_path: Path) -> None:
    bank = write_custom_bank(tmp_path, version=3)
    outcome = invoke("compare", alex, sam, "--bank", bank)
    assert outcome.exit_code == 0
    notes = outcome.stderr.strip().splitlines()
    assert len(notes) == 2
    assert str(alex) in notes[0] and str(sam) in notes[1]
    assert all("different question bank" in n for n in notes)


DATA = Path(__file__).parent / "data"  # the default bank as it was at versions 1 and 2


@pytest.mark.parametrize("version", [1, 2])
def test_older_results_still_report_and_compare_against_version_3(
    tmp_path: Path, sam: Path, version: int
) -> None:
    """A result taken with an earlier default bank keeps its own statements, reports in
    every format, and compares with a v3 result on what both share."""
    path = DATA / f"questions-v{version}.yaml"
    old_bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = {q["id"]: 3 for q in old_bank["questions"]}
    old, _ = take(tmp_path, answers, "Ari", "--bank", path)
    assert json.loads(old.read_text(encoding="utf-8"))["bank"]["version"] == version
    for fmt in ("text", "markdown", "html", "json"):
        shown = invoke("report", old, "--format", fmt)
        assert shown.exit_code == 0, shown.stderr
    view = json.loads(invoke("report", old, "--format", "json").stdout)
    assert view["bank"] == {"id": "closeness-default", "version": version}
    assert set(view["answers"]) == {q["id"] for q in old_bank["questions"]}
    compared = invoke("compare", old, sam)
    assert compared.exit_code == 0, compared.stderr
    flat = squash(compared.stdout)
    assert f"different versions of the questions (version {version} and version 3)" in flat
    data = json.loads(invoke("compare", old, sam, "--format", "json").stdout)
    shared = {q["id"] for q in old_bank["questions"]} & {q.id for q in load_bank().questions}
    assert 0 < data["compared_questions"] <= len(shared)
