"""RESULT by name: a file wins, else a file name in the results folder, else the latest result
with that name (in any case); `report` alone shows the latest. See lookup.py."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.store import lookup
from tests.helpers import build_result, write_result

runner = CliRunner()
BANK = load_bank()
GUIDANCE = load_guidance()


def save(folder: Path, filename: str, name: str | None, taken_at: str, keyed: int = 2) -> Path:
    answers = {q.id: 4 - keyed if q.reverse else keyed for q in BANK.questions}
    data = build_result(
        BANK,
        answers,
        score(BANK, GUIDANCE, answers),
        name=name,
        taken_at=datetime.fromisoformat(taken_at),
    )
    folder.mkdir(parents=True, exist_ok=True)
    return write_result(folder / filename, data)


def shown(*args: str) -> dict[str, Any]:
    """`report ... --format json`, which must succeed."""
    result = runner.invoke(app, ["report", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def results(quiz_home: Path) -> Path:
    """Alex three times (the latest saved first, so file order and mtime mislead), Sam once."""
    save(quiz_home, "z-latest.json", "Alex", "2026-03-10T21:15:00+00:00", keyed=4)
    save(quiz_home, "a-first.json", "Alex", "2026-01-05T20:00:00+00:00", keyed=1)
    save(quiz_home, "m-second.json", "alex", "2026-02-01T09:30:00+00:00", keyed=2)
    save(quiz_home, "sam.json", "Sam", "2026-02-20T09:30:00+00:00", keyed=3)
    return quiz_home


def test_a_name_picks_the_latest_result_with_that_name(results: Path) -> None:
    report = shown("alex")
    assert report["taken_at"].startswith("2026-03-10") and report["overall"]["score"] == 100.0


@pytest.mark.parametrize("given", ["ALEX", "Alex", " alex "])
def test_any_case_will_do(results: Path, given: str) -> None:
    assert shown(given)["taken_at"].startswith("2026-03-10")


def test_report_alone_shows_the_latest_result(results: Path) -> None:
    assert shown()["taken_at"].startswith("2026-03-10")
    save(results, "later.json", "Kai", "2026-04-01T09:00:00+00:00")
    assert shown()["name"] == "Kai"


def test_compare_takes_names(results: Path) -> None:
    result = runner.invoke(app, ["compare", "alex", "SAM", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["a"]["name"], data["b"]["name"]) == ("Alex", "Sam")
    assert data["a"]["taken_at"].startswith("2026-03-10")


def test_an_unknown_name_is_exit_2_listing_the_names_there_are(results: Path) -> None:
    result = runner.invoke(app, ["report", "kim"])
    assert result.exit_code == 2
    assert "no saved result" in result.stderr and "'kim'" in result.stderr
    assert "Names with saved results: Alex, Sam." in result.stderr  # each name once
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    compared = runner.invoke(app, ["compare", "alex", "kim"])
    assert compared.exit_code == 2 and "Alex, Sam" in compared.stderr


def test_a_path_that_is_not_a_result_is_exit_2_listing_the_names(
    results: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"hello": "world"}', encoding="utf-8")
    for given in (notes, tmp_path / "missing.json"):
        result = runner.invoke(app, ["report", str(given)])
        assert result.exit_code == 2
        assert (
            str(given) in result.stderr and "Names with saved results: Alex, Sam." in result.stderr
        )


def test_no_results_at_all(quiz_home: Path) -> None:
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 2
    assert "no saved results" in result.stderr and "closeness-quiz take" in result.stderr
    named = runner.invoke(app, ["report", "alex"])
    assert named.exit_code == 2 and "no saved result" in named.stderr
    assert "Names with" not in named.stderr


def test_a_file_that_is_also_a_name_wins(
    results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    save(here, "alex", "Sam", "2025-01-01T09:00:00+00:00")  # a file called alex, Sam's result
    monkeypatch.chdir(here)
    assert shown("alex")["name"] == "Sam"
    assert shown("ALEX")["name"] == "Alex"  # no such file: the name


def test_a_file_name_in_the_results_folder_as_history_shows_it(results: Path) -> None:
    assert shown("a-first")["taken_at"].startswith("2026-01-05")
    assert shown("a-first.json")["taken_at"].startswith("2026-01-05")
    out = runner.invoke(app, ["history"]).stdout
    assert "a-first" in out and "m-second" in out and "closeness-quiz report FILE" in out
    # The file name wins over a name: `sam` is sam.json.
    save(results, "2026-05-01-sam.json", "Sam", "2026-05-01T09:00:00+00:00")
    assert shown("sam")["taken_at"].startswith("2026-02-20")


def test_drafts_hidden_and_unreadable_files_are_passed_over(results: Path) -> None:
    (results / "closeness-default--alex.draft.json").write_text("{}", encoding="utf-8")
    (results / ".tmp-alex.json").write_text("{}", encoding="utf-8")
    damaged = json.loads((results / "z-latest.json").read_text(encoding="utf-8"))
    damaged.update(taken_at="2026-06-01T09:00:00+00:00", answers={"communication-01": 9})
    (results / "damaged.json").write_text(json.dumps(damaged), encoding="utf-8")
    (results / "cut-short.json").write_text('{"format": "closeness-quiz/result", "na', "utf-8")
    assert shown("alex")["taken_at"].startswith("2026-03-10")


def test_a_path_is_read_without_looking_at_the_folder(
    results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(folder: Path) -> list[lookup.Entry]:
        raise AssertionError("the results folder was read")

    monkeypatch.setattr(lookup, "scan", no_scan)
    found = lookup.read(str(results / "a-first.json"), lambda: BANK)
    assert found.when.startswith("2026-01-05")
    # `report` of a file elsewhere doesn't look either (of one in the folder, it does: for
    # the change since that name's last result, see test_everyday.py).
    elsewhere = results.parent / "sent.json"
    elsewhere.write_bytes((results / "a-first.json").read_bytes())
    assert shown(str(elsewhere))["taken_at"].startswith("2026-01-05")


def test_an_empty_result_argument_is_refused(results: Path) -> None:
    result = runner.invoke(app, ["report", ""])
    assert result.exit_code == 2 and "RESULT is empty" in result.stderr


def test_completions_are_the_names_spelled_as_typed(results: Path) -> None:
    save(results, "mary.json", "Mary Ann", "2026-01-01T09:00:00+00:00")  # a space: not offered
    assert lookup.completions("") == ["Alex", "Sam"]
    assert lookup.completions("a") == ["alex"]
    assert lookup.completions("S") == ["Sam"]
    assert lookup.completions("x") == []
    assert lookup.completions(f".{os.sep}") == []  # a path: the shell completes files


def test_scan_reads_only_names_and_times_in_date_order(results: Path) -> None:
    entries = lookup.scan(results)
    assert [e.path.name for e in entries] == [
        "a-first.json",
        "m-second.json",
        "sam.json",
        "z-latest.json",
    ]
    assert lookup.names(entries) == ["Alex", "Sam"]


def test_results_laid_out_otherwise_are_read_in_full(results: Path) -> None:
    """The scan reads names and times from the first lines of files as this program writes
    them; a result written by another tool on one line is parsed whole, and found too."""
    data = json.loads((results / "z-latest.json").read_text(encoding="utf-8"))
    data.update(taken_at="2026-07-01T09:00:00+00:00")
    (results / "compact.json").write_text(json.dumps(data), encoding="utf-8")
    assert shown("alex")["taken_at"].startswith("2026-07-01")


def test_first_lines_that_say_otherwise_than_the_whole_file_are_not_trusted(
    results: Path,
) -> None:
    text = (results / "z-latest.json").read_text(encoding="utf-8")
    text = text.replace("2026-03-10", "2026-08-01", 1)
    text = text.replace('\n  "answers"', '\n  "name": "Kim",\n  "answers"', 1)  # a second name
    (results / "two-names.json").write_text(text, encoding="utf-8")
    assert lookup.scan(results)[-1].name == "Alex"  # the first lines say Alex
    assert shown("alex")["taken_at"].startswith("2026-03-10")  # read whole, it is Kim's


def test_a_scan_again_sees_every_change_to_the_folder(results: Path) -> None:
    """A command may scan the folder more than once; what it read the first time is reused
    only for the very same file: one replaced, rewritten or added is read again."""
    before = {e.path.name: e.name for e in lookup.scan(results)}
    assert before["sam.json"] == "Sam"
    replacement = results / ".sam.tmp"  # replaced, as this program saves: a new file renamed
    replacement.write_text(
        (results / "sam.json").read_text(encoding="utf-8").replace('"Sam"', '"Robin"', 1),
        encoding="utf-8",
    )
    os.replace(replacement, results / "sam.json")
    text = (results / "a-first.json").read_text(encoding="utf-8")
    with open(results / "a-first.json", "r+", encoding="utf-8") as same_file:  # in place
        same_file.write(text.replace('"Alex"', '"Kim"', 1))
        same_file.truncate()
    z_latest = results / "z-latest.json"  # rewritten in place to the same size, a moment on
    z_latest.write_text(z_latest.read_text("utf-8").replace('"Alex"', '"Alix"', 1), "utf-8")
    status = z_latest.stat()
    os.utime(z_latest, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    save(results, "new.json", "Jo", "2026-04-01T09:30:00+00:00")  # added
    (results / "m-second.json").unlink()  # gone
    after = {e.path.name: e.name for e in lookup.scan(results)}
    assert after == {
        "z-latest.json": "Alix",
        "a-first.json": "Kim",
        "sam.json": "Robin",
        "new.json": "Jo",
    }
