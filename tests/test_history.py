"""`history`: saved results oldest first, change since the same person's last one, trends,
and files that can't be read listed as skipped instead of stopping the list."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.history.view import sparkline
from tests.helpers import build_result, write_result

runner = CliRunner()
BANK = load_bank()
GUIDANCE = load_guidance()


def answers_keyed(keyed: int, only: str | None = None) -> dict[str, int]:
    """Every item (or one category's) answered so its keyed value is `keyed`."""
    return {
        q.id: 4 - keyed if q.reverse else keyed
        for q in BANK.questions
        if only is None or q.category == only
    }


def save(
    home: Path, filename: str, name: str | None, taken_at: str, answers: dict[str, int]
) -> Path:
    data = build_result(
        BANK,
        answers,
        score(BANK, GUIDANCE, answers),
        name=name,
        taken_at=datetime.fromisoformat(taken_at),
    )
    return write_result(home / filename, data)


@pytest.fixture
def three(quiz_home: Path) -> Path:
    """Alex twice (50 then 75 everywhere) and Sam once in between; files named out of date order."""
    save(quiz_home, "z-first.json", "Alex", "2026-01-05T20:00:00+00:00", answers_keyed(2))
    save(quiz_home, "a-second.json", "Sam", "2026-02-01T09:30:00+00:00", answers_keyed(1))
    save(quiz_home, "m-third.json", "Alex", "2026-03-10T21:15:00+00:00", answers_keyed(3))
    return quiz_home


def history_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["history", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_results_are_listed_oldest_first_with_change_per_name(three: Path) -> None:
    data = history_json()
    rows = data["results"]
    assert [(r["file"], r["name"]) for r in rows] == [
        ("z-first.json", "Alex"),
        ("a-second.json", "Sam"),
        ("m-third.json", "Alex"),
    ]
    assert rows[0]["scores"] == dict.fromkeys(
        ["communication", "affection", "trust", "time-together"], 50.0
    )
    assert rows[0]["change"] is None and rows[1]["change"] is None  # each person's first result
    change = rows[2]["change"]
    assert change["since"] == "2026-01-05T20:00:00+00:00"  # Alex's previous, not Sam's
    assert change["scores"]["trust"] == 25.0 and change["overall"] == 25.0
    assert [c["id"] for c in data["categories"]] == [
        "communication",
        "affection",
        "trust",
        "time-together",
    ]
    assert data["skipped"] == []


def test_trends_per_person_and_category(three: Path) -> None:
    trends = {t["name"]: t for t in history_json()["trends"]}
    assert trends["Alex"]["scores"]["communication"] == [50.0, 75.0]
    assert trends["Alex"]["sparklines"]["communication"] == "▅▆"
    assert trends["Sam"]["overall"] == [25.0]


def test_name_filter_is_case_insensitive(three: Path) -> None:
    data = history_json("--name", "alex")
    assert [r["file"] for r in data["results"]] == ["z-first.json", "m-third.json"]
    assert [t["name"] for t in data["trends"]] == ["Alex"]


def test_text_output_shows_scores_changes_and_sparklines(three: Path) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "3 results in" in out
    lines = out.splitlines()
    first = next(line for line in lines if line.startswith("2026-01-05"))
    third = next(line for line in lines if line.startswith("2026-03-10"))
    assert "Alex" in first and "50.0" in first and "+" not in first
    assert third.count("75.0 +25.0") == 5  # four areas and overall
    assert out.index("2026-01-05") < out.index("2026-02-01") < out.index("2026-03-10")
    assert "Alex · 2 results, 2026-01-05 to 2026-03-10" in out
    trust = next(line for line in lines if line.strip().startswith("Trust ") and "→" in line)
    assert "▅▆" in trust and "50.0 → 75.0 (+25.0)" in trust
    assert "One result so far" in out  # Sam


def test_a_category_without_a_score_shows_a_dash_and_no_change(quiz_home: Path) -> None:
    save(quiz_home, "one.json", "Kai", "2026-01-01T10:00:00+00:00", answers_keyed(4))
    save(quiz_home, "two.json", "Kai", "2026-02-01T10:00:00+00:00", answers_keyed(0, only="trust"))
    data = history_json()
    second = data["results"][1]
    assert second["scores"]["trust"] == 0.0 and second["scores"]["affection"] is None
    assert second["change"]["scores"] == {
        "communication": None,
        "affection": None,
        "trust": -100.0,
        "time-together": None,
    }
    assert data["trends"][0]["sparklines"]["affection"] == "█ "
    out = runner.invoke(app, ["history"]).stdout
    row = next(line for line in out.splitlines() if line.startswith("2026-02-01"))
    assert "—" in row and "0.0 -100.0" in row


def test_unreadable_files_are_listed_as_skipped_and_drafts_are_ignored(three: Path) -> None:
    (three / "broken.json").write_text(
        '{"format": "closeness-quiz/result", "answ', encoding="utf-8"
    )
    (three / "notes.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    newer = json.loads((three / "z-first.json").read_text())
    newer["format_version"] = 99
    (three / "future.json").write_text(json.dumps(newer), encoding="utf-8")
    (three / "folder.json").mkdir()
    (three / "closeness-default.draft.json").write_text("{}", encoding="utf-8")
    (three / ".z-first.abc123.tmp").write_text("partial", encoding="utf-8")
    (three / ".hidden.json").write_text("{", encoding="utf-8")

    data = history_json()
    assert len(data["results"]) == 3
    skipped = {s["file"]: s["problem"] for s in data["skipped"]}
    assert set(skipped) == {"broken.json", "notes.json", "future.json", "folder.json"}
    assert "not valid JSON" in skipped["broken.json"]
    assert "not a closeness-quiz result" in skipped["notes.json"]
    assert "newer closeness-quiz" in skipped["future.json"]
    assert "is a folder" in skipped["folder.json"]

    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert "Skipped 4 files that could not be read:" in result.stdout
    assert "broken.json: not valid JSON" in result.stdout
    assert "draft" not in result.stdout and "Traceback" not in result.output


def test_a_copy_of_a_result_is_not_counted_twice(three: Path) -> None:
    (three / "copy.json").write_text((three / "z-first.json").read_text(), encoding="utf-8")
    data = history_json()
    assert len(data["results"]) == 3
    assert data["skipped"] == [
        {"file": "copy.json", "problem": "the same result as z-first.json."}
    ] or data["skipped"] == [{"file": "z-first.json", "problem": "the same result as copy.json."}]


def test_scores_are_recomputed_from_the_answers(three: Path) -> None:
    path = three / "z-first.json"
    data = json.loads(path.read_text())
    data["scores"]["trust"]["score"] = 99.9  # a hand edit can't change what history shows
    path.write_text(json.dumps(data), encoding="utf-8")
    assert history_json()["results"][0]["scores"]["trust"] == 50.0


def test_no_results_yet(quiz_home: Path) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert "No saved results yet" in result.stdout and "closeness-quiz take" in result.stdout
    data = history_json()
    assert data["results"] == [] and data["trends"] == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_unknown_name_is_exit_2_with_the_names_there_are_as_report_says(
    three: Path, fmt: str
) -> None:
    """`history --name Robin` agrees with `report Robin`: bad input, and the names there are."""
    result = runner.invoke(app, ["history", "--name", "Robin", "--format", fmt])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no saved result in" in result.stderr and "is named 'Robin'" in result.stderr
    assert "Names with saved results: Alex, Sam." in result.stderr
    report = runner.invoke(app, ["report", "Robin"])
    assert report.exit_code == 2 and "Names with saved results: Alex, Sam." in report.stderr


def test_an_unknown_name_with_no_results_at_all_is_exit_2(quiz_home: Path) -> None:
    result = runner.invoke(app, ["history", "--name", "Robin"])
    assert result.exit_code == 2
    assert "is named 'Robin'" in result.stderr and "Traceback" not in result.output


def test_a_results_folder_that_is_a_file_is_a_clear_error(quiz_home: Path) -> None:
    quiz_home.write_text("oops", encoding="utf-8")
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2
    assert str(quiz_home) in result.stderr and "not a folder" in result.stderr
    assert "Traceback" not in result.output


def test_results_made_by_take_show_up(quiz_home: Path, tmp_path: Path) -> None:
    for keyed in (3, 2):
        answers = tmp_path / f"a{keyed}.yaml"
        answers.write_text(
            "\n".join(f"{q}: {v}" for q, v in answers_keyed(keyed).items()), encoding="utf-8"
        )
        assert (
            runner.invoke(app, ["take", "--answers", str(answers), "--name", "Jo"]).exit_code == 0
        )
    rows = history_json("--name", "Jo")["results"]
    assert [r["overall"] for r in rows] == [75.0, 50.0]  # same second: saving order is kept
    assert rows[1]["change"]["overall"] == -25.0
    out = runner.invoke(app, ["history"]).stdout
    rows_shown = [
        line for line in out.splitlines() if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d  Jo ", line)
    ]
    assert len(rows_shown) == 2  # two on one day: the time is shown too, to tell them apart
    assert "50.0 -25.0" in rows_shown[1]


def test_an_unchanged_score_shows_plus_minus_zero(quiz_home: Path) -> None:
    save(quiz_home, "a.json", None, "2026-01-01T10:00:00+00:00", answers_keyed(3))
    save(
        quiz_home,
        "b.json",
        None,
        "2026-01-02T10:00:00+00:00",
        answers_keyed(3, only="trust") | answers_keyed(3),
    )
    out = runner.invoke(app, ["history"]).stdout
    assert "75.0 ±0" in out and "no name" in out


@pytest.mark.parametrize(
    ("values", "line"),
    [([0.0, 50.0, 100.0], "▁▅█"), ([None, 75.0], " ▆"), ([12.5, 87.5], "▂▇"), ([], "")],
)
def test_sparkline_uses_the_fixed_0_to_100_scale(values: list[float | None], line: str) -> None:
    assert sparkline(values) == line


def test_a_result_without_a_questions_snapshot_is_read_with_the_default_bank(
    quiz_home: Path,
) -> None:
    path = save(quiz_home, "old.json", "Ari", "2026-01-01T10:00:00+00:00", answers_keyed(2))
    data = json.loads(path.read_text())
    for key in ("questions", "categories", "scale"):
        del data[key]
    data["bank"] = "not an object"
    path.write_text(json.dumps(data), encoding="utf-8")
    (row,) = history_json()["results"]
    assert row["bank"] == "closeness-default" and row["overall"] == 50.0


INSTRUMENTS = Path(__file__).parent / "data" / "instruments"


def save_with(
    home: Path, bank_file: str, filename: str, taken_at: str, answers: dict[str, int]
) -> None:
    bank = load_bank(INSTRUMENTS / bank_file)
    data = build_result(
        bank,
        answers,
        score(bank, GUIDANCE, answers),
        name="Sam",
        taken_at=datetime.fromisoformat(taken_at),
    )
    write_result(home / filename, data)


@pytest.fixture
def two_banks(quiz_home: Path) -> Path:
    """Sam: RAS (4.57), CSI-4 (14), the default bank, RAS again (3.00), CSI-4 again (10).
    RAS and CSI-4 both have an area called 'satisfaction'."""
    ras1 = dict(zip([f"ras-{i}" for i in range(1, 8)], [5, 4, 5, 1, 4, 5, 2], strict=True))
    ras2 = dict(zip([f"ras-{i}" for i in range(1, 8)], [3, 3, 3, 3, 3, 4, 4], strict=True))
    csi1 = {"csi-1": 4, "csi-2": 3, "csi-3": 3, "csi-4": 4}
    csi2 = {"csi-1": 2, "csi-2": 2, "csi-3": 3, "csi-4": 3}
    save_with(quiz_home, "ras.yaml", "1.json", "2026-01-01T10:00:00+00:00", ras1)
    save_with(quiz_home, "csi4.yaml", "2.json", "2026-01-02T10:00:00+00:00", csi1)
    save(quiz_home, "3.json", "Sam", "2026-01-03T10:00:00+00:00", answers_keyed(2))
    save_with(quiz_home, "ras.yaml", "4.json", "2026-01-04T10:00:00+00:00", ras2)
    save_with(quiz_home, "csi4.yaml", "5.json", "2026-01-05T10:00:00+00:00", csi2)
    return quiz_home


def test_history_never_sets_two_banks_side_by_side(two_banks: Path) -> None:
    data = history_json()
    columns = [c["id"] for c in data["categories"]]
    # The two 'satisfaction' areas stay apart; the default bank's areas are their own.
    assert "ras-paraphrased:satisfaction" in columns
    assert "csi4-paraphrased:satisfaction" in columns
    assert "satisfaction" not in columns
    ranges = {c["id"]: c["range"] for c in data["categories"]}
    assert ranges["ras-paraphrased:satisfaction"] == [1, 5]
    assert ranges["csi4-paraphrased:satisfaction"] == [0, 21]
    results = data["results"]
    assert [r["bank"] for r in results] == [
        "ras-paraphrased",
        "csi4-paraphrased",
        "closeness-default",
        "ras-paraphrased",
        "csi4-paraphrased",
    ]
    # Each change is since Sam's last result with the same questionnaire.
    assert results[1]["change"] is None and results[2]["change"] is None
    assert results[3]["change"]["since"].startswith("2026-01-01")
    assert results[3]["change"]["overall"] == -1.57  # 3.00 - 4.57
    assert results[4]["change"]["overall"] == -4.0  # 10 - 14
    trends = {t["bank"]: t for t in data["trends"]}
    assert set(trends) == {"ras-paraphrased", "csi4-paraphrased", "closeness-default"}
    assert trends["ras-paraphrased"]["overall"] == [4.57, 3.0]
    assert list(trends["ras-paraphrased"]["scores"]) == ["ras-paraphrased:satisfaction"]


def test_history_bank_lists_one_banks_results(two_banks: Path) -> None:
    data = history_json("--bank", "csi4-paraphrased")
    assert [r["file"] for r in data["results"]] == ["2.json", "5.json"]
    assert [c["id"] for c in data["categories"]] == ["satisfaction"]
    assert data["results"][1]["change"]["scores"] == {"satisfaction": -4.0}
    result = runner.invoke(app, ["history"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "These come from 3 questionnaires" in result.stdout
    assert "history --bank closeness-default" in result.stdout


def test_history_and_export_take_a_bank_file_as_well_as_its_id(tmp_path: Path) -> None:
    """`take --bank` takes a file; `history --bank` and `export --bank` take that file too,
    meaning its id, so a counsellor can use the same words everywhere."""
    from tests.helpers import write

    runner = CliRunner()
    bank = tmp_path / "instrument.yaml"
    source = Path(__file__).parent / "data" / "instruments" / "kms.yaml"
    bank.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    answers = write(tmp_path, "a.yaml", "kms-1: 5\nkms-2: 6\nkms-3: 5\n")
    done = runner.invoke(app, ["take", "--bank", str(bank), "--answers", str(answers), "-n", "Ana"])
    assert done.exit_code == 0, done.stderr
    by_file = runner.invoke(app, ["history", "--bank", str(bank), "-f", "json"])
    by_id = runner.invoke(app, ["history", "--bank", "kms-paraphrased", "-f", "json"])
    assert by_file.exit_code == by_id.exit_code == 0, by_file.stderr
    assert json.loads(by_file.stdout)["results"] == json.loads(by_id.stdout)["results"] != []
    out = tmp_path / "e.csv"
    exported = runner.invoke(app, ["export", "--bank", str(bank), "--output", str(out)])
    assert exported.exit_code == 0, exported.stderr
    assert "kms_1" in out.read_text(encoding="utf-8").splitlines()[0]
