"""Five published relationship measures written as custom banks (tests/data/instruments/,
every item paraphrased), scored as their authors publish, against numbers worked out by hand.

RAS: 7 items 1-5, items 4 and 7 reversed (6 - value), the mean, two decimals.
CSI-4: item 1 on 0-6, items 2-4 on 0-5, the sum 0-21, every item needed, below 13.5 notable
dissatisfaction. KMS: 3 items 1-7, the sum 3-21 (prorated when one is skipped). ECR-S: 12
items 1-7, anxiety and avoidance each the mean of six (items 1, 5, 8, 9 reversed as
8 - value), higher is worse, no total. DAS-7: six items 0-5 and one 0-6, the sum 0-36, below
21 distressed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import Scores, score
from tests.conftest import ROOT

INSTRUMENTS = ROOT / "tests" / "data" / "instruments"
runner = CliRunner()


def bank_of(name: str) -> Bank:
    return load_bank(INSTRUMENTS / f"{name}.yaml")


def scored(name: str, values: list[int | None], prefix: str) -> Scores:
    bank = bank_of(name)
    answers = {f"{prefix}-{i}": v for i, v in enumerate(values, 1) if v is not None}
    return score(bank, load_guidance(), answers)


@pytest.mark.parametrize("name", ["ras", "csi4", "kms", "ecrs", "das7"])
def test_every_instrument_validates(name: str) -> None:
    result = runner.invoke(app, ["bank", "validate", str(INSTRUMENTS / f"{name}.yaml")])
    assert result.exit_code == 0, result.output
    assert ": OK (" in result.stdout


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5, 5, 5, 5, 5, 5, 5], 3.86),  # 5 x 5 + 1 + 1 (reversed) = 27; 27 / 7 = 3.857
        ([5, 4, 5, 1, 4, 5, 2], 4.57),  # keyed 5 4 5 5 4 5 4 = 32; 32 / 7 = 4.571
        ([5, 5, 4, 1, 5, 5, 2], 4.71),  # keyed 5 5 4 5 5 5 4 = 33; 33 / 7 = 4.714
        ([1, 1, 1, 5, 1, 1, 5], 1.00),  # the lowest possible
        ([4, 4, None, 2, 4, 4, 2], 4.00),  # one skipped: keyed 4 x 6 = 24; 24 / 6
        ([3, None, None, None, 3, 3, 3], 3.00),  # 4 of 7 answered: more than half
        ([3, None, None, None, 3, 3, None], None),  # 3 of 7: fewer than half, no score
    ],
)
def test_ras_is_the_mean_with_items_4_and_7_reversed(
    values: list[int | None], expected: float | None
) -> None:
    scores = scored("ras", values, "ras")
    assert scores.categories["satisfaction"].score == expected
    assert scores.overall == expected
    assert scores.categories["satisfaction"].units.as_json() == [1, 5]


def test_ras_label_and_value_are_one_answer(tmp_path: Path) -> None:
    """`ras-1: 4` and `ras-1: "4"` are the same answer: the label "4" is the value 4."""
    bank = INSTRUMENTS / "ras.yaml"
    outs = []
    for raw in ("4", '"4"'):
        path = tmp_path / "answers.yaml"
        path.write_text(f"ras-1: {raw}\nras-2: 4\nras-3: 4\nras-4: 2\n", encoding="utf-8")
        args = ["take", "--bank", str(bank), "--answers", str(path), "--format", "json"]
        result = runner.invoke(app, [*args, "--no-save"])
        assert result.exit_code == 0, result.output
        outs.append(json.loads(result.stdout)["scores"]["satisfaction"])
    assert (
        outs[0]
        == outs[1]
        == {
            "score": 4.0,
            "band": None,
            "answered": 4,
            "total": 7,
            "range": [1, 5],
        }
    )


@pytest.mark.parametrize(
    ("values", "expected", "band"),
    [
        ([4, 3, 3, 4], 14.0, "satisfied"),  # 14: above the cut-off
        ([3, 3, 3, 4], 13.0, "dissatisfied"),  # 13: below 13.5
        ([6, 5, 5, 5], 21.0, "satisfied"),  # the highest possible
        ([0, 0, 0, 0], 0.0, "dissatisfied"),
        ([4, 3, None, 4], None, None),  # min_answered: all
    ],
)
def test_csi4_is_the_sum_with_a_cut_off_at_13_5(
    values: list[int | None], expected: float | None, band: str | None
) -> None:
    scores = scored("csi4", values, "csi")
    cat = scores.categories["satisfaction"]
    assert (cat.score, cat.band) == (expected, band)
    assert cat.units.as_json() == [0, 21]


def test_csi4_item_1_has_seven_choices_and_the_others_six() -> None:
    bank = bank_of("csi4")
    assert [len(q.scale) for q in bank.questions] == [7, 6, 6, 6]
    assert bank.questions[0].scale.hi == 6 and bank.questions[1].scale.hi == 5


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([7, 7, 7], 21.0),
        ([1, 1, 1], 3.0),
        ([5, 6, 5], 16.0),
        ([6, None, 5], 16.5),  # prorated: (6 + 5) / 2 x 3
        ([6, None, None], None),  # one of three: fewer than half
    ],
)
def test_kms_is_the_sum_of_three_prorated_when_one_is_skipped(
    values: list[int | None], expected: float | None
) -> None:
    scores = scored("kms", values, "kms")
    assert scores.categories["satisfaction"].score == expected
    assert scores.categories["satisfaction"].units.as_json() == [3, 21]


@pytest.mark.parametrize(
    ("values", "anxiety", "avoidance"),
    [
        ([4] * 12, 4.00, 4.00),
        # anxiety 7 7 7 (8-7=1) 7 7 = 36 / 6; avoidance (1) 7 (1) 7 (1) 7 = 24 / 6
        ([7] * 12, 6.00, 4.00),
        # anxiety 2 2 1 (8-7=1) 3 2 = 11 / 6 = 1.833; avoidance (8-7=1) 1 (1) 1 (8-6=2) 2 = 8 / 6
        ([7, 2, 1, 2, 7, 1, 1, 7, 6, 3, 2, 2], 1.83, 1.33),
        # ecr-12 skipped: anxiety 7 7 7 1 7 = 29 / 5
        ([7] * 11 + [None], 5.80, 4.00),
    ],
)
def test_ecrs_two_subscale_means_and_no_overall(
    values: list[int | None], anxiety: float, avoidance: float
) -> None:
    scores = scored("ecrs", values, "ecr")
    assert scores.categories["anxiety"].score == anxiety
    assert scores.categories["avoidance"].score == avoidance
    assert scores.overall is None and scores.overall_units is None
    assert scores.as_json()["overall"] is None


@pytest.mark.parametrize(
    ("values", "expected", "band"),
    [
        ([5, 5, 5, 5, 5, 5, 6], 36.0, "not-distressed"),  # the highest possible
        ([3, 3, 3, 3, 3, 3, 3], 21.0, "not-distressed"),  # exactly on the cut-off
        ([3, 3, 3, 3, 3, 2, 3], 20.0, "distressed"),  # one below it
        ([4, 4, 4, 3, 3, None, 4], 25.7, "not-distressed"),  # 22 / 6 x 7 = 25.67, prorated
    ],
)
def test_das7_is_the_sum_with_a_cut_off_at_21(
    values: list[int | None], expected: float, band: str
) -> None:
    scores = scored("das7", values, "das")
    cat = scores.categories["adjustment"]
    assert (cat.score, cat.band) == (expected, band)
    assert cat.units.as_json() == [0, 36]


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def answers(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_reports_print_scores_as_the_instrument_would(tmp_path: Path) -> None:
    csi = run(
        "take", "--bank", str(INSTRUMENTS / "csi4.yaml"), "--no-save", "--format", "markdown",
        "--answers", answers(tmp_path, "csi-1: 4\ncsi-2: 3\ncsi-3: Mostly\ncsi-4: 4\n"),
    )  # fmt: skip
    assert "| Relationship satisfaction | 14 of 21 |" in csi
    assert "Above the cut-off" in csi  # the band of the bank it was scored with
    ras = run(
        "take", "--bank", str(INSTRUMENTS / "ras.yaml"), "--no-save", "--plain",
        "--answers", answers(tmp_path, "ras-1: 5\nras-2: 4\nras-3: 5\nras-4: 1\nras-5: 4\n"
                                       "ras-6: 5\nras-7: 2\n"),
    )  # fmt: skip
    assert "- Relationship satisfaction: 4.57 on 1-5\n" in ras
    assert "out of 100" not in ras


def test_ecrs_report_has_no_overall_line_and_high_anxiety_is_not_going_well(
    tmp_path: Path,
) -> None:
    text = "".join(f"ecr-{i}: 7\n" for i in range(1, 13))
    args = ["take", "--bank", str(INSTRUMENTS / "ecrs.yaml"), "--no-save"]
    out = run(*args, "--answers", answers(tmp_path, text))
    assert "Overall" not in out
    assert "6.00 on 1\u20137" in out
    assert (
        " ".join(out.split()).count(
            "For Attachment anxiety and Attachment avoidance, a higher score means more difficulty."
        )
        == 1
    )
    data = json.loads(run(*args, "--format", "json", "--answers", answers(tmp_path, text)))
    assert data["overall"] is None
    assert data["scores"]["anxiety"]["range"] == [1, 7]
    # Strongly agreeing to "I need my partner to keep showing me that I am loved" is never
    # "going well"; strongly agreeing to the reversed "Being left is not something I often
    # fear" is.
    assert data["categories"]["anxiety"]["strengths"] == ["ecr-8"]
    assert "ecr-2" in data["categories"]["anxiety"]["hardest"]


def test_a_score_without_bands_is_never_called_not_scored(tmp_path: Path) -> None:
    """KMS has no published cut-off here: its score shows with no band, not as 'not scored'."""
    text = "kms-1: 5\nkms-2: 6\nkms-3: 5\n"
    args = ["take", "--bank", str(INSTRUMENTS / "kms.yaml"), "--no-save"]
    out = run(*args, "--answers", answers(tmp_path, text))
    assert "16 on 3\u201321" in out
    assert "not scored" not in out
    markdown = run(*args, "--format", "markdown", "--answers", answers(tmp_path, text))
    assert "| Satisfaction | 16 on 3\u201321 |" in markdown
    assert "not scored" not in markdown


def test_the_readme_worked_example_is_the_kms_bank_and_scores_as_it_says(
    tmp_path: Path,
) -> None:
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Giving a published questionnaire", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)[0]
    shipped = (INSTRUMENTS / "kms.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(block) == yaml.safe_load(shipped)
    assert "check the instrument's licence or terms of use with its authors or publisher" in (
        " ".join(section.split())
    )
    out = run(
        "take", "--bank", str(INSTRUMENTS / "kms.yaml"), "--no-save",
        "--answers", answers(tmp_path, 'kms-1: 6\nkms-3: "A little satisfied"\n'),
        "--format", "json",
    )  # fmt: skip
    assert json.loads(out)["scores"]["satisfaction"]["score"] == 16.5  # as the README says
