"""The HTML worksheet printed to PDF by headless Chromium, on Letter and on A4.

Checks what a counsellor relies on when printing: every statement's text is in the PDF,
whole and on one page with its five boxes; the reflection, the private safety page and the
scoring key each start on a page of their own; and the pages are pure black, white and
grey, so they print the same on any printer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.content.bank import load_bank
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHOICES = "Never Rarely Sometimes Often Almost always"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CLOSENESS_QUIZ_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium and poppler-utils (pdftotext, pdftoppm) are required")
        pytest.skip("chromium or poppler-utils (pdftotext, pdftoppm) is not installed")
    assert found is not None
    return found


def norm(text: str) -> str:
    return " ".join(text.split())


def print_pdf(html: str, tmp_path: Path, paper: str) -> Path:
    """Print `html` as a user would, on `paper` (the page's own CSS leaves the size free)."""
    browser = chromium()
    page = tmp_path / f"worksheet-{paper}.html"
    page.write_text(html.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1))
    pdf = tmp_path / f"worksheet-{paper}.pdf"
    subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf


def pages_of(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [norm(page) for page in text.split("\f") if page.strip()]


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    return float(match[1]), float(match[2])


def grey_only(pdf: Path, tmp_path: Path) -> bool:
    """True when every pixel of every page has equal red, green and blue."""
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "30", str(pdf), str(prefix)], check=True, timeout=60)
    for image in sorted(tmp_path.glob("page*.ppm")):
        data = image.read_bytes()
        # P6 header: magic, width, height, maxval, each followed by whitespace.
        header = re.match(rb"P6\s+\d+\s+\d+\s+\d+\s", data)
        assert header, image
        pixels = data[header.end() :]
        if pixels[0::3] != pixels[1::3] or pixels[1::3] != pixels[2::3]:
            return False
    return True


def worksheet_html(*args: str) -> str:
    result = CliRunner().invoke(app, ["worksheet", "--format", "html", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("A4", (595, 842))])
def test_default_worksheet_prints_cleanly(
    tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    pdf = print_pdf(worksheet_html("--with-key"), tmp_path, paper)
    width, height = page_size(pdf)
    assert (round(width), round(height)) == size
    pages = pages_of(pdf)
    assert 5 <= len(pages) <= 10
    bank = load_bank()

    # Every statement whole on one page, followed by its five answer boxes' labels (and a
    # sixth, "This hasn't come up", whose two-line labels the PDF's text interleaves).
    for number, question in enumerate(bank.questions, 1):
        if question.not_applicable is None:
            block = f"{number}. {norm(question.text)} {CHOICES}"
            assert sum(block in page for page in pages) == 1, question.id
            continue
        head = f"{number}. {norm(question.text)} "
        # the statement with its boxes (the key quotes it again, without them)
        holding = [
            p for p in pages if head in p and p.split(head, 1)[1].startswith(("Never", "Almost"))
        ]
        assert len(holding) == 1, question.id
        after = holding[0].split(head, 1)[1][:120]
        for word in (*CHOICES.split(), *norm(question.not_applicable).split()):
            assert word in after, (question.id, word)
    for number, question in enumerate(bank.safety, 1):
        assert sum(f"{number}. {norm(question.text)} {CHOICES}" in p for p in pages) == 1

    # The reflection, the private page and the key each start a page of their own.
    def page_starting(heading: str) -> int:
        found = [i for i, page in enumerate(pages) if heading in page]
        assert len(found) == 1, heading
        assert pages[found[0]].startswith(heading) or pages[found[0]].startswith("✂"), heading
        return found[0]

    reflect = page_starting("To reflect on")
    private = page_starting("✂ you may tear off this page and keep it Private: for you only")
    key = page_starting("Scoring key (for the counsellor)")
    assert reflect < private < key
    private_page = pages[private]
    assert all(norm(q.text) in private_page for q in bank.safety)
    assert not any(norm(q.text) in private_page for q in bank.questions)
    assert "These answers are never scored" in private_page

    # The key, template included, is all there.
    key_text = " ".join(pages[key:])
    assert "closeness-quiz take --answers answers.yaml" in key_text
    for question in bank.questions:
        assert f"{question.id}: #" in key_text
    assert not any(q.id in key_text for q in bank.safety)

    assert grey_only(pdf, tmp_path), "the worksheet should print in black, white and grey only"


def test_custom_bank_worksheet_prints_every_question(tmp_path: Path) -> None:
    bank_file = ROOT / "examples" / "custom-bank.yaml"
    guidance_file = ROOT / "examples" / "custom-guidance.yaml"
    html = worksheet_html("--bank", str(bank_file), "--guidance", str(guidance_file), "--with-key")
    pdf = print_pdf(html, tmp_path, "A4")
    text = " ".join(pages_of(pdf))
    bank = load_bank(bank_file)
    for number, question in enumerate(bank.questions, 1):
        assert f"{number}. {norm(question.text)} {CHOICES}" in text
    assert "What would make the everyday load feel fairer to me?" in text
    assert "Needs care 0 to under 50" in text
    assert "Private" not in text


INSTRUMENTS = ROOT / "tests" / "data" / "instruments"


@pytest.mark.parametrize(
    ("name", "range_words"),
    [
        ("ras", "a score from 1 to 5"),
        ("csi4", "a score from 0 to 21"),
        ("kms", "a score from 3 to 21"),
        ("ecrs", "a score from 1 to 7"),
        ("das7", "a score from 0 to 36"),
    ],
)
def test_each_instrument_prints_as_a_sheet_to_hand_out(
    tmp_path: Path, name: str, range_words: str
) -> None:
    """Every statement whole on one page with its own boxes, the bank's own instructions,
    and a key for the bank's own scoring (never 'divide by 4' for a bank scored otherwise)."""
    path = INSTRUMENTS / f"{name}.yaml"
    pdf = print_pdf(worksheet_html("--bank", str(path), "--with-key"), tmp_path, "A4")
    pages = pages_of(pdf)
    bank = load_bank(path)
    assert norm(bank.description) in pages[0]
    assert not any("last month or so" in page for page in pages)
    sheet = [q for c in bank.categories for q in bank.questions_in(c.id)]
    for number, question in enumerate(sheet, 1):
        statement = f"{number}. {norm(question.text)}"
        sheet_pages = pages[: next(i for i, p in enumerate(pages) if "Scoring key" in p)]
        found = [page for page in sheet_pages if statement in page]
        assert len(found) == 1, question.id  # whole, on one page
        # Its own boxes on that page, after it (a label broken over two lines in the PDF
        # comes out of pdftotext around its neighbours: each word is looked for alone).
        after = found[0].split(statement, 1)[1]
        for choice in question.scale:
            assert all(word in after for word in choice.label.split()), (question.id, choice)
    key = " ".join(pages[next(i for i, p in enumerate(pages) if "Scoring key" in p) :])
    assert range_words in key
    assert "Divide that by 4" not in key
