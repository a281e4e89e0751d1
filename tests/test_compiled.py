"""data/compiled.json: the default content pre-parsed, current, identical, and never stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from closeness_quiz.content import compiled
from closeness_quiz.content.bank import load_bank, parse_bank
from closeness_quiz.content.files import parse_yaml, read_text
from closeness_quiz.content.guidance import load_guidance, parse_guidance
from closeness_quiz.store.paths import data_dir
from tests.conftest import ROOT

DATA = ROOT / "data"


@pytest.mark.parametrize("name", compiled.SOURCES)
def test_compiled_json_is_current(name: str) -> None:
    entry = json.loads((DATA / compiled.FILENAME).read_text(encoding="utf-8"))["files"][name]
    text = read_text(DATA / name)
    assert {k: entry[k] for k in ("length", "crc32")} == compiled.fingerprint(text), (
        f"data/{compiled.FILENAME} is out of date with data/{name}: "
        "run `python -m closeness_quiz.content.compiled`"
    )
    assert entry["data"] == parse_yaml(text, DATA / name)


def test_the_packaged_loaders_use_it_and_build_the_same_content() -> None:
    assert data_dir() == DATA
    bank_text = read_text(DATA / "questions.yaml")
    guidance_text = read_text(DATA / "guidance.yaml")
    assert load_bank() == parse_bank(bank_text, DATA / "questions.yaml", require_signs=True)
    assert load_guidance() == parse_guidance(guidance_text, DATA / "guidance.yaml")


def test_the_loaders_do_not_import_yaml_when_it_matches() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from closeness_quiz.content.bank import load_bank\n"
        "from closeness_quiz.content.guidance import load_guidance\n"
        "load_bank(); load_guidance()\n"
        "print('yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_edited_yaml_wins_over_a_stale_compiled_json(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    source = folder / "guidance.yaml"
    old = read_text(source)
    edited = old.replace("strong", "flourishing", 1)
    assert edited != old
    source.write_text(edited, encoding="utf-8")
    compiled._entries.cache_clear()
    assert compiled.parse(edited, source) == parse_yaml(edited, source)
    assert compiled.parse(edited, source) != compiled.parse(old, source)


def test_a_damaged_compiled_json_falls_back_to_the_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / compiled.FILENAME).write_text('{"files": ', encoding="utf-8")
    compiled._entries.cache_clear()
    text = read_text(folder / "questions.yaml")
    assert compiled.parse(text, folder / "questions.yaml") == parse_yaml(
        text, folder / "questions.yaml"
    )


def test_compile_folder_writes_what_the_loader_reads(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in compiled.SOURCES:
        shutil.copy(DATA / name, folder / name)
    target = compiled.compile_folder(folder)
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(
        (DATA / compiled.FILENAME).read_text(encoding="utf-8")
    )
