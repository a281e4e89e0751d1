"""The HTML report and comparison, printed to PDF by a real headless Chromium: every area, score,
suggestion and starter must be on the printed page, on A4 and on Letter paper, and no area's
advice may be split across two pages."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.compare.build import build_compare
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.report.view import build_report
from closeness_quiz.store.results import read_result
from tests.test_report_cli import ALEX, SAM

pytestmark = pytest.mark.browser

PAPER = {"letter": "", "a4": "<style>@page { size: A4; }</style>"}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found and shutil.which("pdftotext"):
        return found
    if os.environ.get("CLOSENESS_QUIZ_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium and pdftotext are required (CLOSENESS_QUIZ_REQUIRE_BROWSER=1)")
    pytest.skip("chromium or pdftotext is not installed")


def print_pages(page: Path, tmp_path: Path, paper: str) -> list[str]:
    """Print `page` to PDF in headless Chromium; the text of each printed page, whitespace
    squashed (pdftotext separates pages with form feeds)."""
    source = tmp_path / f"{page.stem}-{paper}.html"
    source.write_text(
        page.read_text(encoding="utf-8").replace("</head>", PAPER[paper] + "</head>", 1),
        encoding="utf-8",
    )
    pdf = tmp_path / f"{source.stem}.pdf"
    subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, "Chromium wrote no PDF"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return [squash(p) for p in text.split("\f") if p.strip()]


def squash(text: str) -> str:
    return " ".join(text.split())


def make_result(tmp_path: Path, answers: dict[str, object], name: str) -> Path:
    import yaml

    stem = "".join(c if c.isalnum() else "_" for c in name)
    answers_file = tmp_path / f"{stem}.yaml"
    answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
    target = tmp_path / f"{stem}.json"
    took = CliRunner().invoke(
        app, ["take", "--answers", str(answers_file), "--output", str(target), "-n", name]
    )
    assert took.exit_code == 0, took.stderr
    return target


def write_html(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / f"{args[0]}.html"
    outcome = CliRunner().invoke(app, [*args, "--format", "html", "--output", str(target)])
    assert outcome.exit_code == 0, outcome.stderr
    return target


def fmt(score: float | None) -> str:
    return "\u2014" if score is None else f"{score:.1f}"


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_printed_report_has_every_area_score_and_suggestion(tmp_path: Path, paper: str) -> None:
    alex = make_result(tmp_path, ALEX, "Alex")
    view = build_report(read_result(alex), load_guidance())
    pages = print_pages(write_html(tmp_path, "report", str(alex)), tmp_path, paper)
    printed = " ".join(pages)

    assert "Alex" in printed and squash(view.title) in printed
    assert fmt(view.overall) in printed
    assert "Start here" in printed and view.focus
    ideas = [*view.focus, *(i for cat in view.categories for i in cat.ideas)]
    for cat in view.categories:
        assert cat.title in printed
        assert f"{fmt(cat.score)} · {cat.band_label}" in printed  # in the chart and the heading
        assert f"{cat.title} {fmt(cat.score)} · {cat.band_label}" in printed
        for item in (*cat.strengths_shown, *cat.hardest_shown):
            assert squash(item.text) in printed, item.text
    for idea in ideas:
        assert squash(idea.text) in printed, idea.text
    assert 3 <= len(ideas) <= 7
    notes = [n.id for n in view.notes]
    assert notes == ["counselling", "not_diagnosis", "resources"]
    for note in view.notes:
        assert squash(note.text) in printed
    # the help line is the last thing printed
    assert printed.rstrip().endswith(squash(view.notes[-1].text))
    guidance = load_guidance()
    assert squash(guidance.notes.safety) not in printed
    # areas may break across pages, so no page is left half empty
    assert len(pages) <= 3


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_printed_comparison_has_both_partners_scores_and_starters(
    tmp_path: Path, paper: str
) -> None:
    alex, sam = make_result(tmp_path, ALEX, "Alex"), make_result(tmp_path, SAM, "Sam")
    view = build_compare(read_result(alex), read_result(sam), load_guidance())
    pages = print_pages(write_html(tmp_path, "compare", str(alex), str(sam)), tmp_path, paper)
    printed = " ".join(pages)

    assert "Alex" in printed and "Sam" in printed
    for area in (*view.categories, view.overall):
        assert area.title in printed
        # chart labels, then the table row: title, both scores and bands, the gap
        assert f"{fmt(area.a)} · {area.a_band_label}" in printed
        assert f"{fmt(area.b)} · {area.b_band_label}" in printed
        row = (
            f"{area.title} {fmt(area.a)} {area.a_band_label} "
            f"{fmt(area.b)} {area.b_band_label} {fmt(area.gap)}"
        )
        assert row in printed, row
    assert view.items and view.starters
    for item in view.items:
        assert squash(item.text) in printed
        assert f"Alex: {item.a_label} · Sam: {item.b_label}" in printed
    for starter in view.starters:
        assert squash(starter.text) in printed
    for item in view.strong_items_shown:
        assert squash(item.text) in printed
    for note in view.notes:
        assert squash(note.text) in printed
    guidance = load_guidance()
    assert squash(guidance.notes.safety) not in printed
    assert len(pages) <= 4


def test_html_escapes_names_when_printed(tmp_path: Path) -> None:
    """A name that looks like markup prints as the same characters, not as markup."""
    alex = make_result(tmp_path, ALEX, "<i>Al</i> & Jo")
    page = write_html(tmp_path, "report", str(alex))
    assert html.escape("<i>Al</i> & Jo") in page.read_text(encoding="utf-8")
    printed = " ".join(print_pages(page, tmp_path, "a4"))
    assert "<i>Al</i> & Jo" in printed
