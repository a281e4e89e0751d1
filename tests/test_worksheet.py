"""`worksheet`: the paper version a counsellor hands out, and the scoring key that goes with it.

The key's answers-file template is checked the way a counsellor would use it: fill it in,
score it with `take --answers`, and get the scores the key's own rules give by hand."""

from __future__ import annotations

import json
import re
import shlex
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.worksheet.build import build_worksheet, wrap_command, yaml_key
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, write

runner = CliRunner()
BOXES = "[ ] Never   [ ] Rarely   [ ] Sometimes   [ ] Often   [ ] Almost always"


def sheet(*args: str) -> str:
    result = runner.invoke(app, ["worksheet", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def template_of(markdown: str) -> str:
    return markdown.split("```yaml\n", 1)[1].split("\n```", 1)[0] + "\n"


def fill(template: str, answers: dict[str, object]) -> str:
    """What a counsellor does: type each tick after its id's colon."""
    out = []
    for line in template.splitlines():
        match = re.match(r'^("?[^#\s"]+"?):(\s+)#', line)
        if match:
            ident = yaml.safe_load(match.group(1))
            if ident in answers:
                line = f"{match.group(1)}: {answers[ident]}{line[match.end(1) + 1 :]}"
        out.append(line)
    return "\n".join(out) + "\n"


def by_hand(bank: Bank, ticks: dict[str, int]) -> tuple[dict[str, float | None], float]:
    """The key's rules, done the long way: reverse as 4 - value, mean / 4 * 100, one decimal,
    no score under half answered, overall = mean of the area scores."""

    def one_decimal(value: Fraction) -> float:
        return float(Fraction(int(value * 10 + Fraction(1, 2)), 10))

    scores: dict[str, float | None] = {}
    for category in bank.categories:
        questions = [q for q in bank.questions if q.category == category.id]
        keyed = [4 - ticks[q.id] if q.reverse else ticks[q.id] for q in questions if q.id in ticks]
        if not keyed or 2 * len(keyed) < len(questions):
            scores[category.id] = None
        else:
            scores[category.id] = one_decimal(Fraction(sum(keyed), len(keyed)) / 4 * 100)
    existing = [Fraction(str(s)) for s in scores.values() if s is not None]
    return scores, one_decimal(sum(existing, Fraction(0)) / len(existing))


# --- the client's part ------------------------------------------------------------------


def test_default_worksheet_explains_itself_and_has_room_for_name_and_date() -> None:
    text = sheet()
    assert text.startswith("# How close do we feel?\n")
    assert "Name: ____" in text and "Date: ____" in text
    assert "not a diagnosis" in text
    assert "tick the one box that fits best" in text
    assert "the last month or so" in text
    assert "Scoring key" not in text and "```yaml" not in text


def test_every_question_is_numbered_under_its_category_with_five_boxes() -> None:
    text = sheet()
    bank = load_bank()
    client = text.split("## Private: for you only")[0]
    number = 0
    position = 0
    for category in bank.categories:
        heading = client.index(f"\n## {category.title}\n", position)
        assert heading > position
        position = heading
        for question in bank.questions_in(category.id):
            number += 1
            na = f"   [ ] {question.not_applicable}" if question.not_applicable else ""
            block = f"**{number}.** {question.text}  \n{BOXES}{na}\n"
            found = client.index(block, position)
            position = found
    assert number == len(bank.questions) == 39
    assert client.count(BOXES) == 39


def test_safety_questions_are_on_a_private_part_after_the_reflection() -> None:
    text = sheet()
    bank = load_bank()
    guidance = load_guidance()
    reflection = text.index("## To reflect on")
    private = text.index("## Private: for you only")
    assert reflection < private
    assert "tear off" in text[reflection:private]
    part = text[private:]
    assert "This part is just for you" in part and "never scored" in part
    assert "you may tear it off and keep it, or skip it" in part
    for n, question in enumerate(bank.safety, 1):
        assert f"**{n}.** {question.text}  \n{BOXES}\n" in part
        assert question.text not in text[:private]
    assert part.count(BOXES) == len(bank.safety) == 13
    assert guidance.notes.safety_title in part
    for question in guidance.reflection:
        assert question in text[reflection:private]


def test_a_published_instruments_worksheet_holds_the_instrument_alone(tmp_path: Path) -> None:
    """The default guidance's reflection questions are about the default bank's closeness:
    they are not added to a counsellor's published scale, unless a --guidance gives some."""
    csi4 = str(Path(__file__).parent / "data" / "instruments" / "csi4.yaml")
    assert "To reflect on" not in sheet("--bank", csi4, "--with-key")
    guidance = write(tmp_path, "guidance.yaml", SMALL_GUIDANCE)
    small = write(tmp_path, "bank.yaml", SMALL_BANK)
    with_guidance = sheet("--bank", str(small), "--guidance", str(guidance))
    assert "## To reflect on" in with_guidance and "What would you like more of?" in with_guidance


def test_a_bank_without_safety_or_reflection_has_neither_part(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", SMALL_BANK.split("safety:")[0])
    guidance = write(
        tmp_path,
        "guidance.yaml",
        SMALL_GUIDANCE.replace("reflection:\n  - What would you like more of?\n", ""),
    )
    text = sheet("--bank", str(bank), "--guidance", str(guidance), "--with-key")
    assert "Private" not in text and "To reflect on" not in text
    assert "private safety statements" not in template_of(text)
    assert "**6.** We try new things.  \n" in text


def test_markdown_escapes_text_from_the_bank(tmp_path: Path) -> None:
    bank = write(
        tmp_path,
        "bank.yaml",
        SMALL_BANK.replace("We laugh together.", "'We *really* laugh <b>[together]</b>.'"),
    )
    text = sheet("--bank", str(bank))
    assert r"We \*really\* laugh \<b\>\[together\]\</b\>." in text
    assert "<b>" not in text


# --- the counsellor's key ---------------------------------------------------------------


def test_key_lists_exactly_the_reverse_keyed_items_with_their_numbers() -> None:
    text = sheet("--with-key")
    key = text[text.index("# Scoring key (for the counsellor)") :]
    section = key.split("## 2.", 1)[1].split("## 3.", 1)[0]
    assert "4 minus the value ticked" in section
    bank = load_bank()
    listed = re.findall(r"^- \*\*(\d+)\.\*\* (.+) \(([\w-]+)\)$", section, flags=re.M)
    numbers = {q.id: n for n, q in enumerate(bank.questions, 1)}
    assert [(int(n), qid) for n, _, qid in listed] == [
        (numbers[q.id], q.id) for q in bank.questions if q.reverse
    ]
    assert len(listed) == 15
    assert "| Communication | 1\u201310 | 4, 5, 6, 10 | 5 answered |" in key
    assert "| Affection | 11\u201320 | 13, 18, 19, 20 | 5 answered |" in key


def test_key_explains_the_scoring_rules_with_a_correct_example() -> None:
    key = sheet("--with-key").split("# Scoring key (for the counsellor)")[1]
    assert "| Never | 0 |" in key and "| Almost always | 4 |" in key
    assert "Divide that by 4 and multiply by 100, then round to one decimal place" in key
    assert "fewer than half of the statements were answered gets no score" in key
    assert "The overall score is the mean of the area scores that exist" in key
    assert (
        "an area of 4 statements ticked 3, 2, 4, 1, where the fourth is reverse-keyed, counts "
        "as 3, 2, 4, 3: the mean is 3, and 3 \u00f7 4 \u00d7 100 = 75.0." in key
    )


def test_key_bands_come_from_the_guidance(tmp_path: Path) -> None:
    default = sheet("--with-key")
    assert "| Strained | 0 to under 50 | the report also suggests counselling support |" in default
    assert "| Mixed | 50 to under 75 |  |" in default
    assert "| Strong | 75 to 100 |  |" in default
    guidance = write(
        tmp_path,
        "guidance.yaml",
        SMALL_GUIDANCE.replace("min: 50}", "min: 40}").replace("min: 75}", "min: 82.5}"),
    )
    bank = write(tmp_path, "bank.yaml", SMALL_BANK)
    custom = sheet("--with-key", "--bank", str(bank), "--guidance", str(guidance))
    assert "| Low | 0 to under 40 | the report also suggests counselling support |" in custom
    assert "| Middle | 40 to under 82.5 |  |" in custom
    assert "| High | 82.5 to 100 |  |" in custom


def test_key_gives_the_exact_command_default_and_custom(tmp_path: Path) -> None:
    assert "```sh\ncloseness-quiz take --answers answers.yaml\n```" in sheet("--with-key")
    bank = write(tmp_path, "my bank.yaml", SMALL_BANK)
    text = sheet("--with-key", "--bank", str(bank))
    command = text.split("```sh\n", 1)[1].split("\n```", 1)[0]
    words = shlex.split(command.replace("\\\n", " "))
    assert words == ["closeness-quiz", "take", "--answers", "answers.yaml", "--bank", str(bank)]


def test_template_lists_every_scored_id_with_its_text_and_leaves_out_safety() -> None:
    text = sheet("--with-key")
    template = template_of(text)
    bank = load_bank()
    parsed = yaml.safe_load(template)
    assert parsed == {q.id: None for q in bank.questions}
    comments = " ".join(
        line.split("#", 1)[1].strip() for line in template.splitlines() if "#" in line
    )
    for number, question in enumerate(bank.questions, 1):
        assert f"{number}. {question.text}" in comments
    for question in bank.safety:
        assert question.id not in template and question.text not in template
    assert "private safety statements are left out on purpose" in template
    assert max(len(line) for line in template.splitlines()) <= 90


def test_filled_template_scores_as_the_key_says(tmp_path: Path) -> None:
    """Fill the key's template (values and labels, some blanks), score it with the exact
    command from the key, and compare with the key's rules done by hand."""
    bank = load_bank()
    text = sheet("--with-key")
    ticks: dict[str, int] = {}
    written: dict[str, object] = {}
    for n, question in enumerate(bank.questions):
        if n % 7 == 3:
            continue  # left blank: skipped
        value = (n * 3 + 1) % 5
        ticks[question.id] = value
        written[question.id] = bank.label(value) if n % 2 else value
    # Leave most of 'trust' blank: fewer than half answered, so no score there.
    for question in bank.questions_in("trust")[1:]:
        ticks.pop(question.id, None)
        written.pop(question.id, None)
    answers = tmp_path / "answers.yaml"
    answers.write_text(fill(template_of(text), written), encoding="utf-8")
    command = text.split("```sh\n", 1)[1].split("\n```", 1)[0]
    args = [*shlex.split(command)[1:], "--no-save", "--format", "json"]
    args[args.index("answers.yaml")] = str(answers)
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    scores, overall = by_hand(bank, ticks)
    assert scores["trust"] is None
    assert {cid: s["score"] for cid, s in data["scores"].items()} == scores
    assert data["overall"]["score"] == overall
    assert data["answers"] == ticks


def test_blank_template_is_refused_as_having_no_answers(tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.yaml", template_of(sheet("--with-key")))
    result = runner.invoke(app, ["take", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 2
    assert "has no answers to score" in result.stderr


@pytest.mark.parametrize(
    "ident", ["yes", "No", "on", "1", "2.5", "a b", "x: y", "#z", "fun-01", "null"]
)
def test_template_keys_read_back_as_the_same_id(ident: str) -> None:
    assert yaml.safe_load(f"{yaml_key(ident)}: 3  # comment") == {ident: 3}


def test_template_with_odd_ids_and_a_long_bank_path_scores(tmp_path: Path) -> None:
    folder = tmp_path / ("a-long-folder-name-for-counselling-materials" * 2)
    folder.mkdir()
    text = SMALL_BANK.replace("id: play-1,", "id: 'yes',").replace("id: talk-1,", "id: '1',")
    bank = write(folder, "custom bank.yaml", text)
    sheet_text = sheet("--with-key", "--bank", str(bank))
    template = template_of(sheet_text)
    assert "#   closeness-quiz take --answers answers.yaml \\\n#     --bank " in template
    filled = fill(template, {"1": 4, "yes": "Often", "talk-2": 0, "talk-3": 4, "play-2": 2})
    answers = write(tmp_path, "answers.yaml", filled)
    result = runner.invoke(
        app, ["take", "--answers", str(answers), "--bank", str(bank), "--no-save", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answers"] == {"1": 4, "talk-2": 0, "talk-3": 4, "yes": 3, "play-2": 2}
    assert data["scores"]["talk"]["score"] == 100.0
    assert data["scores"]["play"]["score"] == 62.5


def test_wrap_command_keeps_the_words() -> None:
    long = (
        "closeness-quiz take --answers answers.yaml --bank '/a very/long/path/"
        + "x" * 60
        + ".yaml'"
    )
    lines = wrap_command(long)
    assert len(lines) == 2 and lines[0].endswith(" \\")
    assert shlex.split(" ".join(line.rstrip("\\") for line in lines)) == shlex.split(long)
    assert wrap_command("closeness-quiz take --answers answers.yaml") == [
        "closeness-quiz take --answers answers.yaml"
    ]


# --- HTML and files ---------------------------------------------------------------------


def test_html_has_real_boxes_print_css_and_escapes_text(tmp_path: Path) -> None:
    bank = write(
        tmp_path, "bank.yaml", SMALL_BANK.replace("We laugh together.", "'We laugh <b>& play</b>.'")
    )
    html = sheet("--format", "html", "--bank", str(bank), "--with-key")
    assert html.startswith("<!DOCTYPE html>")
    assert "We laugh &lt;b&gt;&amp; play&lt;/b&gt;." in html and "<b>" not in html
    assert html.count('type="radio"') == 5 * (6 + 2)
    assert html.count('name="q-talk-1"') == 5
    assert "@page" in html and "break-inside: avoid" in html
    assert '<section class="private page">' in html
    assert '<section class="key page">' in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")


def test_worksheet_written_to_a_file_never_replaces_one(tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["worksheet", "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    written = tmp_path / "sheet-2.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"Wrote {written}" in result.stderr


def test_view_numbers_and_needed_counts(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, "bank.yaml", SMALL_BANK))
    guidance = load_guidance(write(tmp_path, "guidance.yaml", SMALL_GUIDANCE))
    view = build_worksheet(bank, guidance, with_key=True)
    assert [i.number for i in view.items] == [1, 2, 3, 4, 5, 6]
    assert [s.needed for s in view.sections] == [2, 1]
    assert view.key is not None
    assert [i.id for i in view.key.reverse_items] == ["talk-2", "talk-4"]
    assert view.private is not None and [i.id for i in view.private.items] == ["safe-1", "safe-2"]


def test_the_templates_example_label_reads_back_even_with_a_colon(tmp_path: Path) -> None:
    bank = load_bank(
        write(tmp_path, "bank.yaml", SMALL_BANK.replace("label: Often}", 'label: "Often: yes"}'))
    )
    view = build_worksheet(
        bank, load_guidance(write(tmp_path, "g.yaml", SMALL_GUIDANCE)), with_key=True
    )
    assert view.key is not None
    example = re.search(r"A label works too \(e\.g\. `(.+?)`\)", view.key.answers_template)
    assert example is not None
    assert yaml.safe_load(example.group(1)) == {"talk-1": "Often: yes"}
