"""Pooled data for counsellors and researchers: the statistics against values worked out
independently, `bank stats`, the export's anonymity, the REDCap codebook and `bank import`
(its round trip), the bank's `reliability:` and reliable change in `history`."""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.pooled.redcap import COLUMNS, safe_cell
from closeness_quiz.pooled.rows import (
    MIN_RESULTS,
    category_stats,
    cronbach_alpha,
    item_total,
    reliable_change,
)
from tests.helpers import build_result, write, write_result

runner = CliRunner()

# -- the statistics, against a second implementation and published figures -----------------

# Five people, four items (keyed): a small data set small enough to check on paper.
DATA = [
    [3, 4, 3, 4],
    [2, 2, 3, 2],
    [4, 4, 4, 3],
    [1, 2, 1, 2],
    [3, 3, 2, 3],
]
# The same figures from pingouin 0.7.0 (pingouin.cronbach_alpha on DATA, and numpy's
# corrcoef of each item with the sum of the others), run once by hand outside this
# repository; pingouin is not a dependency (29 packages, 580 MB, 2.4 s to import).
PINGOUIN_ALPHA = 0.9086419753086421
NUMPY_ITEM_TOTAL = [0.9081082718950219, 0.9128709291752769, 0.6908817223234606, 0.7092993656151906]


def by_hand_variance(values: list[int]) -> Fraction:
    mean = Fraction(sum(values), len(values))
    return sum(((v - mean) ** 2 for v in values), Fraction()) / (len(values) - 1)


def by_hand_alpha(rows: list[list[int]]) -> float:
    k = len(rows[0])
    items = sum(by_hand_variance([r[i] for r in rows]) for i in range(k))
    total = by_hand_variance([sum(r) for r in rows])
    return float(Fraction(k, k - 1) * (1 - items / total))


def by_hand_r(x: list[int], y: list[int]) -> float:
    n = len(x)
    mx, my = Fraction(sum(x), n), Fraction(sum(y), n)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return float(sxy) / math.sqrt(float(sxx * syy))


def test_alpha_matches_the_textbook_formula_and_pingouin() -> None:
    alpha = cronbach_alpha(DATA)
    assert alpha == pytest.approx(by_hand_alpha(DATA), abs=1e-12)
    assert alpha == pytest.approx(PINGOUIN_ALPHA, abs=1e-12)
    # On paper: item variances 0.8 + 0.8 + 1.3 + 0.7 = 4.3, totals' variance 13.5,
    # 4/3 x (1 - 4.3/13.5) = 368/405.
    assert alpha == pytest.approx(368 / 405, abs=1e-12)


def test_alpha_of_identical_items_is_one_and_of_unrelated_items_is_low() -> None:
    assert cronbach_alpha([[v, v, v] for v in (0, 1, 3, 4, 2)]) == pytest.approx(1.0)
    # Items that pull against each other: alpha below zero.
    opposed = cronbach_alpha([[0, 3], [4, 1], [1, 3], [3, 0]])
    assert opposed is not None and opposed < 0
    assert cronbach_alpha([[2, 2], [2, 2], [2, 2]]) is None  # no variance: undefined


def test_item_total_is_the_correlation_with_the_other_items() -> None:
    for index in range(4):
        item = [row[index] for row in DATA]
        rest = [sum(row) - row[index] for row in DATA]
        assert item_total(DATA, index) == pytest.approx(by_hand_r(item, rest), abs=1e-12)
        assert item_total(DATA, index) == pytest.approx(NUMPY_ITEM_TOTAL[index], abs=1e-12)
    assert item_total([[1, 2], [1, 3], [1, 4]], 0) is None  # a constant item


def test_reliable_change_is_jacobson_truax_with_the_root_two() -> None:
    # SD 10, alpha .84: S_diff = sqrt(2) x 10 x 0.4 = 5.657; x 1.96 = 11.09
    assert reliable_change(10, 0.84) == pytest.approx(1.96 * math.sqrt(2) * 10 * 0.4)
    assert reliable_change(10, 0.84) == pytest.approx(11.087, abs=1e-3)


# -- results to pool -------------------------------------------------------------------------

POOL_BANK = """\
id: pool
version: 1
title: Pool bank
scale:
  - {value: 1, label: Never}
  - {value: 2, label: Sometimes}
  - {value: 3, label: Often}
  - {value: 4, label: Always}
scales:
  agree:
    - {value: -2, label: Strongly disagree}
    - {value: -1, label: Disagree}
    - {value: 0, label: Neither}
    - {value: 1, label: Agree}
    - {value: 2, label: Strongly agree}
categories:
  - {id: talk, title: Talk, description: How we talk.}
  - {id: care, title: Care, description: How we care., scale: agree}
questions:
  - {id: talk-1, category: talk, text: We talk about our day.}
  - {id: talk-2, category: talk, text: I keep worries to myself., reverse: true}
  - {id: talk-3, category: talk, text: "=HYPERLINK(\\"http://x\\") I feel heard."}
  - {id: care-1, category: care, text: My partner shows care.}
  - {id: care-2, category: care, text: "@SUM(1) We hug.", reverse: true}
safety:
  - {id: safe-1, text: I feel afraid of my partner.}
"""


def pool_bank(tmp_path: Path) -> Bank:
    return load_bank(write(tmp_path, "pool.yaml", POOL_BANK))


def answers_for(bank: Bank, rnd: random.Random) -> dict[str, int]:
    """Answers that hang together (one trait per person), as real data would."""
    trait = rnd.gauss(0, 1)
    out = {}
    for q in bank.questions:
        lo, hi = q.scale.lo, q.scale.hi
        keyed = max(lo, min(hi, round((lo + hi) / 2 + trait + rnd.gauss(0, 0.7))))
        out[q.id] = q.scale.keyed(keyed, q.reverse)
    return out


def fill(
    folder: Path, bank: Bank, count: int, *, seed: int = 1, names: int = 10, later: int = 0
) -> list[dict[str, int]]:
    guidance = load_guidance()
    rnd = random.Random(seed)
    all_answers = []
    for i in range(count):
        answers = answers_for(bank, rnd)
        if i % 9 == 4:
            del answers[bank.questions[0].id]  # a skipped statement
        when = datetime(2026, 3, 1, 21, 47, 13, tzinfo=UTC) + timedelta(days=i + later, minutes=i)
        data = build_result(
            bank,
            answers,
            score(bank, guidance, answers),
            name=f"Client {i % names}",
            taken_at=when,
        )
        write_result(folder / f"{when:%Y-%m-%d}-client.json", data)
        all_answers.append(answers)
    return all_answers


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def invoke(*args: str) -> Any:
    return runner.invoke(app, [*args])


# -- bank stats ------------------------------------------------------------------------------


def test_bank_stats_json_against_a_second_implementation(tmp_path: Path) -> None:
    bank = pool_bank(tmp_path)
    folder = tmp_path / "pooled"
    answers = fill(folder, bank, 40)
    result = invoke("bank", "stats", "--from", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    talk, care = data["categories"]["talk"], data["categories"]["care"]
    # talk-1 is skipped in 4 of the 40: listwise, those don't count for Talk.
    complete = [a for a in answers if all(q in a for q in ("talk-1", "talk-2", "talk-3"))]
    assert talk["n"] == len(complete) == 36 and care["n"] == 40
    qs = bank.questions_in("talk")
    keyed = [[q.keyed(a[q.id]) for q in qs] for a in complete]
    assert talk["alpha"] == pytest.approx(by_hand_alpha(keyed), abs=1e-4)
    for i, q in enumerate(qs):
        rest = [sum(r) - r[i] for r in keyed]
        r = by_hand_r([row[i] for row in keyed], rest)
        assert talk["items"][q.id]["item_total"] == pytest.approx(r, abs=1e-4)
    # The score is percent: 100 x (sum keyed - 3) / 9 on a 1-4 scale of three items.
    scores = [Fraction(100 * (sum(r) - 3), 9) for r in keyed]
    mean = sum(scores, Fraction()) / len(scores)
    sd = math.sqrt(float(sum(((s - mean) ** 2 for s in scores), Fraction()) / (len(scores) - 1)))
    assert talk["mean"] == pytest.approx(float(mean), abs=0.06)  # scores are shown to 0.1
    assert talk["sd"] == pytest.approx(sd, abs=0.06)
    expected = 1.96 * math.sqrt(2) * talk["sd"] * math.sqrt(1 - talk["alpha"])
    assert talk["reliable_change"] == pytest.approx(expected, abs=0.02)
    assert set(talk) >= {"n", "alpha", "items", "mean", "sd", "reliable_change"}


def test_fewer_than_thirty_complete_results_give_nulls_with_the_reason(tmp_path: Path) -> None:
    bank = pool_bank(tmp_path)
    folder = tmp_path / "pooled"
    fill(folder, bank, MIN_RESULTS - 1)
    result = invoke("bank", "stats", "--from", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    talk = json.loads(result.stdout)["categories"]["talk"]
    assert talk["alpha"] is None and talk["sd"] is None and talk["reliable_change"] is None
    assert talk["mean"] is None
    assert all(v["item_total"] is None for v in talk["items"].values())
    assert "need at least 30" in talk["reason"]
    text = invoke("bank", "stats", "--from", str(folder))
    assert "No figures:" in text.stdout and "need at least 30" in text.stdout


def test_stats_count_full_takes_only(tmp_path: Path) -> None:
    bank = pool_bank(tmp_path)
    folder = tmp_path / "pooled"
    fill(folder, bank, 31)
    for path in sorted(folder.iterdir())[:3]:  # three of them are check-ins
        data = json.loads(path.read_text())
        data["kind"] = "checkin"
        path.write_text(json.dumps(data))
    result = invoke("bank", "stats", "--from", str(folder), "--format", "json")
    assert json.loads(result.stdout)["categories"]["care"]["n"] == 28


def test_category_stats_is_listwise() -> None:
    bank = load_bank()
    qs = bank.questions_in("trust")
    full = {q.id: 2 for q in qs}
    partial = {q.id: 2 for q in qs[1:]}
    assert category_stats(bank, "trust", [full, partial, full]).n == 2


# -- export ----------------------------------------------------------------------------------


def test_export_is_anonymous(tmp_path: Path, quiz_home: Path) -> None:
    """No name, no path, no time of day, no safety id or answer in any cell; pseudonyms are
    stable for one name within the export and differ between names."""
    answers = tmp_path / "answers.yaml"
    ids = [q.id for q in load_bank().questions]
    safety = [s.id for s in load_bank().safety]
    for value, name in enumerate(("Zelda Quinn", "Mo", "Zelda Quinn"), 1):
        body = dict.fromkeys(ids, value)
        answers.write_text(json.dumps({**body, **dict.fromkeys(safety, 0), "guesses": {ids[0]: 2}}))
        taken = invoke("take", "--answers", str(answers), "--name", name, "--format", "json")
        assert taken.exit_code == 0, taken.output
    out = tmp_path / "export.csv"
    result = invoke("export", "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    header, body_rows = rows[0], rows[1:]
    assert len(body_rows) == 3
    cells = [c for row in rows for c in row]
    for cell in cells:
        assert "Zelda" not in cell and "Quinn" not in cell and cell != "Mo"
        assert str(quiz_home) not in cell and ".json" not in cell and "/" not in cell
        assert not re.search(r"\d:\d\d", cell), cell  # no time of day
        assert not any(s in cell for s in safety)
    assert not any(s.replace("-", "_") in header for s in safety)
    pseudonyms = [row[header.index("pseudonym")] for row in body_rows]
    assert pseudonyms[0] == pseudonyms[2] != pseudonyms[1]
    assert all(re.fullmatch(r"P-[0-9a-f]{8}", p) for p in pseudonyms)
    dates = [row[header.index("date")] for row in body_rows]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert [row[header.index("kind")] for row in body_rows] == ["full"] * 3
    assert body_rows[0][header.index(ids[0].replace("-", "_"))] == "1"
    # A second export draws new pseudonyms: they can't be linked across exports.
    again = tmp_path / "again.csv"
    invoke("export", "--output", str(again))
    assert read_csv(again)[1][1] != pseudonyms[0]


def test_export_columns_raw_values_and_skips(tmp_path: Path) -> None:
    bank = pool_bank(tmp_path)
    folder = tmp_path / "pooled"
    answers = fill(folder, bank, 5)
    out = tmp_path / "export.csv"
    result = invoke("export", "--from", str(folder), "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert rows[0] == [
        "record_id",
        "pseudonym",
        "date",
        "kind",
        "talk_1",
        "talk_2",
        "talk_3",
        "care_1",
        "care_2",
    ]
    for row, given in zip(rows[1:], answers, strict=True):
        raw = [given.get(q.id) for q in bank.questions]
        assert row[4:] == ["" if v is None else str(v) for v in raw]  # negative values stay numbers
    assert rows[5][4] == ""  # the fifth skipped talk-1
    assert any(c.startswith("-") for row in rows[1:] for c in row[7:])


def test_export_of_a_folder_with_several_banks_needs_bank(tmp_path: Path) -> None:
    folder = tmp_path / "pooled"
    fill(folder, pool_bank(tmp_path), 2)
    other = load_bank()
    guidance = load_guidance()
    a = {q.id: 2 for q in other.questions}
    write_result(
        folder / "default.json",
        build_result(other, a, score(other, guidance, a), name="X", taken_at=datetime.now(UTC)),
    )
    out = tmp_path / "export.csv"
    result = invoke("export", "--from", str(folder), "--output", str(out))
    assert result.exit_code == 2
    assert "closeness-default, pool" in result.stderr and "--bank" in result.stderr
    assert not out.exists()
    chosen = invoke("export", "--from", str(folder), "--bank", "pool", "--output", str(out))
    assert chosen.exit_code == 0, chosen.output
    assert len(read_csv(out)) == 3
    unknown = invoke("export", "--from", str(folder), "--bank", "nope", "--output", str(out))
    assert unknown.exit_code == 2 and "nope" in unknown.stderr


def test_export_lists_files_it_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "pooled"
    fill(folder, pool_bank(tmp_path), 2)
    (folder / "broken.json").write_text("{not json")
    result = invoke("export", "--from", str(folder), "--output", str(tmp_path / "e.csv"))
    assert result.exit_code == 0
    assert "broken.json" in result.stderr
    assert "broken" not in (tmp_path / "e.csv").read_text()


def test_export_names_the_locked_results_it_could_not_open(tmp_path: Path) -> None:
    """A locked result is not silently missing from a researcher's data: it is listed."""
    folder = tmp_path / "pooled"
    fill(folder, pool_bank(tmp_path), 2)
    (folder / "2026-11-22-locked-3f9a.json.age").write_bytes(b"age-encryption.org/v1\n")
    result = invoke("export", "--from", str(folder), "--output", str(tmp_path / "e.csv"))
    assert result.exit_code == 0
    assert "2026-11-22-locked-3f9a.json.age: locked with a passphrase" in result.stderr
    assert len(read_csv(tmp_path / "e.csv")) == 3  # the header and the two open results


def test_a_result_copied_from_two_machines_counts_once(tmp_path: Path) -> None:
    folder = tmp_path / "pooled"
    fill(folder, pool_bank(tmp_path), 2)
    first = sorted(folder.iterdir())[0]
    (folder / "copy.json").write_bytes(first.read_bytes())
    out = tmp_path / "e.csv"
    result = invoke("export", "--from", str(folder), "--output", str(out))
    assert len(read_csv(out)) == 3
    assert "copy.json" in result.stderr and "the same result as" in result.stderr


def test_cells_never_become_formulas_but_numbers_stay_numbers() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+cmd") == "'+cmd"
    assert safe_cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell(-2) == "-2" and safe_cell("-2") == "-2" and safe_cell("-1.5") == "-1.5"
    assert safe_cell(None) == "" and safe_cell("We talk.") == "We talk."


# -- the codebook and bank import ------------------------------------------------------------


def export_codebook(tmp_path: Path, bank_text: str = POOL_BANK) -> Path:
    bank = load_bank(write(tmp_path, "b.yaml", bank_text))
    folder = tmp_path / "pooled"
    fill(folder, bank, 1)
    book = tmp_path / "codebook.csv"
    result = invoke(
        "export",
        "--from",
        str(folder),
        "--output",
        str(tmp_path / "e.csv"),
        "--codebook",
        str(book),
    )
    assert result.exit_code == 0, result.output
    return book


def test_codebook_is_a_redcap_data_dictionary(tmp_path: Path) -> None:
    rows = read_csv(export_codebook(tmp_path))
    assert rows[0] == list(COLUMNS) and len(COLUMNS) == 18
    by_name = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert list(by_name)[:4] == ["record_id", "pseudonym", "date", "kind"]
    assert by_name["date"]["Text Validation Type OR Show Slider Number"] == "date_ymd"
    talk = by_name["talk_1"]
    assert talk["Field Type"] == "radio" and talk["Section Header"] == "Talk"
    assert talk["Choices, Calculations, OR Slider Labels"] == (
        "1, Never | 2, Sometimes | 3, Often | 4, Always"
    )
    care = by_name["care_1"]
    assert care["Choices, Calculations, OR Slider Labels"].startswith("'-2, Strongly disagree |")
    assert by_name["talk_3"]["Field Label"].startswith("'=HYPERLINK")  # never a formula
    assert by_name["care_2"]["Field Label"].startswith("'@SUM")
    for row in rows[1:]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", row[0]) and re.fullmatch(r"[a-z][a-z0-9_]*", row[1])


def test_codebook_round_trips_through_bank_import(tmp_path: Path) -> None:
    book = export_codebook(tmp_path)
    out = tmp_path / "back.yaml"
    result = invoke("bank", "import", str(book), "--output", str(out))
    assert result.exit_code == 0, result.output
    for fixed in ("record_id", "pseudonym", "date", "kind"):
        assert f"{fixed}: a free-text field" in result.stderr
    assert invoke("bank", "validate", str(out)).exit_code == 0
    original, back = pool_bank(tmp_path), load_bank(out)
    assert back.id == original.id and back.title == original.title
    assert [(c.id, c.title, c.description) for c in back.categories] == [
        (c.id, c.title, c.description) for c in original.categories
    ]
    assert [(q.id, q.category, q.text, q.reverse, tuple(q.scale)) for q in back.questions] == [
        (q.id, q.category, q.text, q.reverse, tuple(q.scale)) for q in original.questions
    ]
    assert back.scale == original.scale and back.scales == original.scales


def test_the_default_bank_round_trips_too(tmp_path: Path) -> None:
    default = load_bank()
    guidance = load_guidance()
    a = {q.id: 2 for q in default.questions}
    write_result(
        tmp_path / "p" / "r.json",
        build_result(default, a, score(default, guidance, a), name="A", taken_at=datetime.now(UTC)),
    )
    book, out = tmp_path / "cb.csv", tmp_path / "back.yaml"
    invoke(
        "export",
        "--from",
        str(tmp_path / "p"),
        "-o",
        str(tmp_path / "e.csv"),
        "--codebook",
        str(book),
    )
    assert invoke("bank", "import", str(book), "-o", str(out)).exit_code == 0
    back = load_bank(out)
    assert [(q.id, q.category, q.text, q.reverse) for q in back.questions] == [
        (q.id, q.category, q.text, q.reverse) for q in default.questions
    ]


REDCAP_DICTIONARY = """\
Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation
study_id,ras,,text,Study ID,,,,,,,,,,,,,
ras1,ras,Satisfaction,radio,How well does your partner meet your needs?,"1, Poorly | 2, 2 | 3, Average | 4, 4 | 5, Extremely well",,,,,,,,,,,,
ras2,ras,,dropdown,"<b>In general</b>, how satisfied are you?","5, Extremely | 4, 4 | 3, Average | 2, 2 | 1, Unsatisfied",,,,,,,,,,,,
ras3,ras,,radio,How often do you wish you hadn't got into this?,"1, Never | 2, Rarely | 3, Sometimes | 4, Often | 5, Very often",,,,,,,,,,,,
fun,ras,Fun,checkbox,What do you do together?,"1, Walks | 2, Films",,,,,,,,,,,,
bad,ras,,radio,Broken choices,"a, Yes | b, No",,,,,,,,,,,,
swap,ras,,radio,Mislabelled,"0, 1 | 1, 2",,,,,,,,,,,,
notes,ras,,notes,Anything else?,,,,,,,,,,,,,
"""


def test_import_of_a_redcap_dictionary_lists_what_it_leaves_out(tmp_path: Path) -> None:
    source = write(tmp_path, "ras_dictionary.csv", REDCAP_DICTIONARY)
    result = invoke("bank", "import", str(source))
    assert result.exit_code == 0, result.output
    for name, why in (
        ("study_id", "free-text"),
        ("fun", "several answers at once"),
        ("bad", "'a' is not a whole number"),
        ("swap", "labelled '1', another number"),
        ("notes", "free-text"),
    ):
        assert re.search(rf"{name}: .*{why}", result.stderr), (name, result.stderr)
    bank_file = write(tmp_path, "ras.yaml", result.stdout)
    assert invoke("bank", "validate", str(bank_file)).exit_code == 0
    bank = load_bank(bank_file)
    assert [q.id for q in bank.questions] == ["ras1", "ras2", "ras3"]
    assert [c.title for c in bank.categories] == ["Satisfaction"]
    assert bank.questions[1].text == "In general , how satisfied are you?"  # tags gone
    assert [c.value for c in bank.questions[1].scale] == [1, 2, 3, 4, 5]  # sorted
    assert bank.questions[0].scale != bank.questions[2].scale
    assert bank.scales  # the second set of choices is a named scale


def test_import_refuses_what_is_not_a_data_dictionary(tmp_path: Path) -> None:
    source = write(tmp_path, "x.csv", "name,age\nA,3\n")
    result = invoke("bank", "import", str(source))
    assert result.exit_code == 2
    assert "x.csv" in result.stderr and "not a REDCap data dictionary" in result.stderr
    assert "Traceback" not in result.output
    only_text = write(
        tmp_path, "t.csv", REDCAP_DICTIONARY.splitlines()[0] + "\nid,f,,text,ID,,,,,,,,,,,,,\n"
    )
    result = invoke("bank", "import", str(only_text))
    assert result.exit_code == 2 and "no radio or dropdown field" in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"Variable / Field Name\x00,Form Name\n", "binary"),
        (
            b"Variable \xc3\x28 not utf-8",
            "not UTF-8",
        ),  # (\xff\xfe would start UTF-16: read as such)
        (
            REDCAP_DICTIONARY.splitlines()[0].encode()
            + b'\nx,f,,radio,"'
            + b"a" * 200_000
            + b'"\n',
            "is not a CSV file this program can read",
        ),
    ],
)
def test_import_refuses_hostile_files_with_one_clear_line(
    tmp_path: Path, content: bytes, says: str
) -> None:
    source = tmp_path / "d.csv"
    source.write_bytes(content)
    result = invoke("bank", "import", str(source))
    assert result.exit_code == 2, result.output
    assert "d.csv" in result.stderr and says in result.stderr
    assert "Traceback" not in result.output


def test_import_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    head = REDCAP_DICTIONARY.splitlines()[0]
    row = 'q1,f,Area \x1b[2J,radio,"We talk \u202e\x1b]0;x\x07.","1, No | 2, Yes",,,,,,,,,,,,'
    source = write(tmp_path, "d.csv", f"{head}\n{row}\n")
    result = invoke("bank", "import", str(source))
    assert result.exit_code == 0, result.output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout)
    bank = load_bank(write(tmp_path, "b.yaml", result.stdout))
    assert bank.questions[0].text == "We talk \\u202e\\x1b]0;x\\x07."


def test_export_notes_questions_left_from_older_versions(tmp_path: Path) -> None:
    folder = tmp_path / "pooled"
    old = load_bank(
        write(
            tmp_path,
            "old.yaml",
            POOL_BANK.replace(
                "  - {id: care-1,",
                "  - {id: talk-4, category: talk, text: Gone now.}\n  - {id: care-1,",
            ),
        )
    )
    fill(folder, old, 1)
    fill(folder, pool_bank(tmp_path), 1, seed=3, later=5)
    out = tmp_path / "e.csv"
    result = invoke("export", "--from", str(folder), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "talk-4" in result.stderr and "not in its newest version" in result.stderr
    assert "talk_4" not in read_csv(out)[0]


def test_import_never_overwrites(tmp_path: Path) -> None:
    source = write(tmp_path, "d.csv", REDCAP_DICTIONARY)
    out = write(tmp_path, "bank.yaml", "mine\n")
    assert invoke("bank", "import", str(source), "-o", str(out)).exit_code == 0
    assert out.read_text() == "mine\n" and (tmp_path / "bank-2.yaml").exists()


# -- reliability in a bank and in history ----------------------------------------------------

RELIABLE_BANK = (
    POOL_BANK
    + """\
reliability: {talk: 0.84}
scoring:
  sd: {talk: 15}
"""
)


def test_bank_validate_checks_reliability_and_sd(tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.yaml",
        POOL_BANK + "reliability: {talk: 1.2, tlak: 0.8}\nscoring:\n  sd: {care: -3}\n",
    )
    result = invoke("bank", "validate", str(bad))
    assert result.exit_code == 2
    assert re.search(r"line \d+: reliability.talk: should be a reliability", result.stderr)
    assert "reliability.tlak: unknown category. Did you mean 'talk'?" in result.stderr
    assert "scoring.sd.care: should be a standard deviation above 0" in result.stderr
    good = write(tmp_path, "good.yaml", RELIABLE_BANK)
    assert invoke("bank", "validate", str(good)).exit_code == 0
    bank = load_bank(good)
    assert bank.reliability == {"talk": 0.84} and bank.scoring.sd == {"talk": 15.0}


def take_twice(tmp_path: Path, first: dict[str, int], second: dict[str, int]) -> None:
    bank = write(tmp_path, "rel.yaml", RELIABLE_BANK)
    for answers in (first, second):
        file = tmp_path / "a.json"
        file.write_text(json.dumps(answers))
        result = invoke(
            "take", "--bank", str(bank), "--answers", str(file), "--name", "Ana", "--format", "json"
        )
        assert result.exit_code == 0, result.output


# Talk: three items on 1-4, so one step on one item moves it by 11.1 points. With SD 15
# and alpha .84 the reliable change is 1.96 x sqrt(2) x 15 x 0.4 = 16.6: one step is within
# what a retake could show, two steps (22.2) are a reliable change.
STEADY = {"talk-1": 2, "talk-2": 3, "talk-3": 2, "care-1": 0, "care-2": 0}


def test_history_marks_a_reliable_change(tmp_path: Path) -> None:
    take_twice(tmp_path, STEADY, {**STEADY, "talk-1": 3, "talk-3": 3, "care-1": 2})
    data = json.loads(invoke("history", "--format", "json").stdout)
    change = data["results"][1]["change"]
    assert change["scores"]["talk"] == 22.3  # 33.3 -> 55.6
    assert change["reliable"] == {"talk": True, "care": None}  # care: no reliability known
    text = invoke("history").stdout
    assert "+22.3*" in text
    assert "A reliable change: more than a retake alone could show" in " ".join(text.split())
    assert "Unmarked changes in Talk are within what a retake could show." in " ".join(text.split())
    assert "Care are" not in text


def test_a_small_change_is_within_what_a_retake_could_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_twice(tmp_path, STEADY, {**STEADY, "talk-1": 3})
    data = json.loads(invoke("history", "--format", "json").stdout)
    assert data["results"][1]["change"]["reliable"]["talk"] is False
    monkeypatch.setenv("CLOSENESS_QUIZ_PLAIN", "1")
    text = " ".join(invoke("history").stdout.split())
    assert "Talk: 44.4 (+11.1 since the last one, within what a retake could show)" in text
    assert "*" not in text


def test_thirty_pooled_results_give_the_sd(tmp_path: Path) -> None:
    """With 30 complete results of the bank in the folder, their SD replaces the bank's."""
    from closeness_quiz.commands.history import reliable_changes
    from closeness_quiz.store.results import read_result

    bank = load_bank(write(tmp_path, "rel.yaml", RELIABLE_BANK))
    folder = tmp_path / "pooled"
    fill(folder, bank, 30, names=30)
    results = [read_result(p) for p in sorted(folder.iterdir())]
    needed = reliable_changes(results)
    talk = [r.answers for r in results if all(q.id in r.answers for q in bank.questions_in("talk"))]
    assert category_stats(bank, "talk", talk).sd is None and len(talk) < 30
    assert needed(results[0], "talk") == pytest.approx(reliable_change(15, 0.84))
    fill(folder, bank, 8, seed=9, names=8)
    results = [read_result(p) for p in sorted(folder.iterdir())]
    talk = [r.answers for r in results if all(q.id in r.answers for q in bank.questions_in("talk"))]
    pooled = category_stats(bank, "talk", talk).sd
    assert pooled is not None and len(talk) >= 30
    assert reliable_changes(results)(results[0], "talk") == pytest.approx(
        reliable_change(pooled, 0.84)
    )
    assert reliable_changes(results)(results[0], "care") is None


def test_history_says_nothing_of_reliability_without_it(tmp_path: Path) -> None:
    bank = write(tmp_path, "plain.yaml", POOL_BANK)
    for answers in (STEADY, {**STEADY, "talk-1": 3}):
        file = tmp_path / "a.json"
        file.write_text(json.dumps(answers))
        invoke("take", "--bank", str(bank), "--answers", str(file), "--name", "Ana")
    data = json.loads(invoke("history", "--format", "json").stdout)
    assert "reliable" not in data["results"][1]["change"]
    text = invoke("history").stdout
    assert "retake" not in text and "*" not in text


def test_bank_stats_with_a_bank_file_measures_that_bank_only(tmp_path: Path) -> None:
    folder = tmp_path / "pooled"
    fill(folder, pool_bank(tmp_path), 31)
    fill(folder, load_bank(), 3, later=40)
    several = invoke("bank", "stats", "--from", str(folder))
    assert several.exit_code == 2 and "closeness-default, pool" in several.stderr
    result = invoke(
        "bank", "stats", "--from", str(folder), "--bank", str(tmp_path / "pool.yaml"), "-f", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["bank"]["id"] == "pool" and data["results"] == 31
    assert data["categories"]["care"]["alpha"] is not None
    other = write(tmp_path, "other.yaml", POOL_BANK.replace("id: pool", "id: elsewhere"))
    missing = invoke("bank", "stats", "--from", str(folder), "--bank", str(other))
    assert missing.exit_code == 2 and "no results of the bank 'elsewhere'" in missing.stderr
