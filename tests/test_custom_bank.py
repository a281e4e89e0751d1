"""A counsellor's own bank with two made-up areas, end to end: validate it, print the
worksheet, score a filled sheet with `take --answers`, and read the report back; with the
matching guidance and without any guidance for its areas. Also: the README's example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from closeness_quiz.cli import app
from tests.conftest import ROOT

runner = CliRunner()
EXAMPLES = ROOT / "examples"
BANK = EXAMPLES / "custom-bank.yaml"
GUIDANCE = EXAMPLES / "custom-guidance.yaml"
README_SECTION = "## Writing your own question bank"
NO_SUGGESTIONS = "No suggestions are available for this area in the guidance file."
NO_GUIDANCE = "No ideas come with this question bank for this area."


def cli(*args: str) -> tuple[str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


def filled_answers(tmp_path: Path, guidance: Path | None = None) -> tuple[Path, str]:
    """The key's template from `worksheet --with-key`, filled in as a counsellor would."""
    args = ["worksheet", "--bank", str(BANK), "--with-key"]
    if guidance is not None:
        args += ["--guidance", str(guidance)]
    sheet, _ = cli(*args)
    template = sheet.split("```yaml\n", 1)[1].split("\n```", 1)[0]
    ticks = {"teamwork-01": "3", "teamwork-02": "Often", "teamwork-03": "2", "fun-01": "1"}
    lines = [
        re.sub(r"^([\w-]+):(\s+)#", lambda m: f"{m[1]}: {ticks[m[1]]}{m[2]}#", line)
        if line.split(":")[0] in ticks
        else line
        for line in template.splitlines()
    ]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, sheet


def test_the_example_bank_and_guidance_validate_together() -> None:
    out, err = cli("bank", "validate", str(BANK), str(GUIDANCE))
    assert out.splitlines() == [
        f"{BANK}: OK (5 questions in 2 categories; 1 reverse-keyed)",
        f"{GUIDANCE}: OK (guidance: bands Needs care from 0, Mixed from 50, Going well from 75; "
        "suggestions for 2 categories; 2 reflection questions)",
    ]
    assert err == ""
    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["categories"]] == ["teamwork", "fun"]
    assert not any("sign" in q for q in data["questions"])  # sign is optional here


def test_worksheet_for_the_custom_bank(tmp_path: Path) -> None:
    _, sheet = filled_answers(tmp_path, GUIDANCE)
    assert sheet.startswith("# How do we share the load and the laughs?\n")
    assert sheet.index("## Teamwork") < sheet.index("## Fun") < sheet.index("## To reflect on")
    assert "**2.** I end up carrying more than my fair share of the everyday jobs.  \n" in sheet
    assert "**5.** We make room for play" in sheet
    assert "What would make the everyday load feel fairer to me?" in sheet
    assert "Private" not in sheet  # this bank has no safety statements
    assert "| Teamwork | 1\u20133 | 2 | 2 answered |" in sheet
    assert "| Fun | 4\u20135 | none | 1 answered |" in sheet
    assert "| Needs care | 0 to under 50 | the report also suggests counselling support |" in sheet
    command = sheet.split("```sh\n", 1)[1].split("\n```", 1)[0].replace(" \\\n ", " ")
    assert " ".join(command.split()) == (
        f"closeness-quiz take --answers answers.yaml --bank {BANK} --guidance {GUIDANCE}"
    )
    html, _ = cli("worksheet", "--bank", str(BANK), "--format", "html")
    assert "We laugh together about something, big or small." in html
    assert html.count('type="radio"') == 25


def test_take_and_report_with_the_matching_guidance(tmp_path: Path) -> None:
    answers, _ = filled_answers(tmp_path, GUIDANCE)
    result_file = tmp_path / "result.json"
    out, err = cli(
        "take", "--answers", str(answers), "--bank", str(BANK), "--guidance", str(GUIDANCE),
        "--output", str(result_file), "--name", "Sam",
    )  # fmt: skip
    assert "Teamwork" in out and "Fun" in out
    assert f"Saved your result to {result_file}" in err
    data = json.loads(result_file.read_text(encoding="utf-8"))
    # teamwork: 3, Often on a reverse item (4 - 3 = 1), 2 -> mean 2 -> 50.0; fun: 1 of 2 -> 25.0
    assert data["answers"] == {"teamwork-01": 3, "teamwork-02": 3, "teamwork-03": 2, "fun-01": 1}
    assert data["scores"]["teamwork"] == {
        "score": 50.0,
        "band": "middle",
        "answered": 3,
        "total": 3,
        "range": [0, 100],
    }
    fun = {"score": 25.0, "band": "low", "answered": 1, "total": 2, "range": [0, 100]}
    assert data["scores"]["fun"] == fun
    assert data["overall"] == {"score": 37.5, "band": "low", "range": [0, 100]}
    assert data["bank"]["id"] == "teamwork-and-fun"

    report, _ = cli(
        "report", str(result_file), "--bank", str(BANK), "--guidance", str(GUIDANCE),
        "--format", "markdown",
    )  # fmt: skip
    assert "## Teamwork: 50.0 · Mixed" in report
    assert "## Fun: 25.0 · Needs care" in report
    assert "Lightness seems hard to find between you at the moment." in report
    assert "Each write down the jobs you do in a normal week" in report
    harder = report[report.index("**Harder right now:**") :]
    assert "- “I end up carrying more" in harder and "” \u2014 Often" in harder
    assert "If things feel hard, a couples counsellor can help" in report
    assert NO_SUGGESTIONS not in report


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_areas_without_guidance_show_scores_and_say_no_ideas_come_with_the_bank(
    tmp_path: Path, fmt: str
) -> None:
    """A bank with no guidance of its own (a published scale, say): its areas come with no
    ideas, said as such, never as if a guidance file were missing something."""
    answers, _ = filled_answers(tmp_path)
    result_file = tmp_path / "result.json"
    cli("take", "--answers", str(answers), "--bank", str(BANK), "--output", str(result_file))
    report, _ = cli("report", str(result_file), "--format", fmt)
    assert report.count(NO_GUIDANCE) == 2 and NO_SUGGESTIONS not in report
    assert "Teamwork" in report and "50.0" in report
    assert "Fun" in report and "25.0" in report
    assert "Strained" in report  # bands from the default guidance


def test_an_area_whose_guidance_has_no_suggestions_says_so(tmp_path: Path) -> None:
    text = GUIDANCE.read_text(encoding="utf-8")
    fun = text.index("  fun:\n")
    suggestions = text.index("    suggestions:\n", fun)
    starters = text.index("    starters:\n", fun)
    bare = tmp_path / "guidance.yaml"
    bare.write_text(text[:suggestions] + text[starters:], encoding="utf-8")
    answers, _ = filled_answers(tmp_path)
    report, _ = cli(
        "take", "--answers", str(answers), "--bank", str(BANK), "--guidance", str(bare), "--no-save"
    )
    assert report.count(NO_SUGGESTIONS) == 1
    assert "Start here" in report  # teamwork still has its suggestions


def test_compare_two_results_from_the_custom_bank(tmp_path: Path) -> None:
    answers, _ = filled_answers(tmp_path, GUIDANCE)
    other = tmp_path / "other.yaml"
    other.write_text("teamwork-01: 0\nteamwork-02: 0\nteamwork-03: 4\nfun-01: 4\nfun-02: 4\n")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    cli("take", "--answers", str(answers), "--bank", str(BANK), "--output", str(a), "-n", "Sam")
    cli("take", "--answers", str(other), "--bank", str(BANK), "--output", str(b), "-n", "Kai")
    out, _ = cli("compare", str(a), str(b), "--bank", str(BANK), "--format", "json")
    data = json.loads(out)
    fun = data["categories"]["fun"]
    assert (fun["a"], fun["b"], fun["gap"]) == (25.0, 100.0, 75.0)
    assert data["categories"]["teamwork"]["gap"] == 16.7  # 50.0 vs 66.7
    # Items both answered whose values differ by 2 or more (teamwork-03: 2 vs 4).
    gaps = {item["id"]: item["gap"] for item in data["items"]}
    assert gaps == {"teamwork-01": 3, "teamwork-02": 3, "fun-01": 3, "teamwork-03": 2}


def test_a_custom_bank_with_problems_is_refused_by_every_command(tmp_path: Path) -> None:
    broken = tmp_path / "bank.yaml"
    broken.write_text(
        BANK.read_text(encoding="utf-8")
        .replace(
            'category: fun\n    about: us\n    text: "We laugh',
            'category: fnu\n    about: us\n    text: "We laugh',
        )
        .replace('    text: "We make room', '    txet: "We make room'),
        encoding="utf-8",
    )
    for args in (["worksheet"], ["take", "--answers", str(tmp_path / "none.yaml")]):
        result = runner.invoke(app, [*args, "--bank", str(broken)])
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert lines[0] == f"closeness-quiz: error: {broken} has 2 problems:"
        assert (
            "question 'fun-01', category: unknown category 'fnu'. Did you mean 'fun'?" in lines[1]
        )
        assert lines[2].endswith("question 'fun-02': unknown key 'txet'. Did you mean 'text'?")


def readme_example_files(tmp_path: Path) -> list[Path]:
    """The YAML blocks of the README's section, each written to a file."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if README_SECTION not in readme:
        pytest.skip("README.md has no 'Writing your own question bank' section yet")
    section = readme.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    paths = []
    for n, block in enumerate(blocks, 1):
        path = tmp_path / f"readme-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_readme_example_passes_bank_validate(tmp_path: Path) -> None:
    paths = readme_example_files(tmp_path)
    yaml_blocks = [p for p in paths if "scale:" in p.read_text() or "bands:" in p.read_text()]
    assert len(yaml_blocks) == 2
    out, _ = cli("bank", "validate", *map(str, yaml_blocks))
    assert "OK (5 questions in 2 categories; 1 reverse-keyed)" in out
    assert "OK (guidance:" in out
    assert "note:" not in out
    # The README shows the same files that ship in examples/.
    shipped = {BANK.read_text(encoding="utf-8"), GUIDANCE.read_text(encoding="utf-8")}
    assert {p.read_text(encoding="utf-8") for p in yaml_blocks} == shipped
