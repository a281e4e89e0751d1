"""Hostile input, at any size: files that never end, that wait for ever, that explode when read,
dates at the edge of the calendar, a results folder that can't be read, sizes far beyond the
default bank, values megabytes long, control characters meant for the terminal, and two quizzes
at once under one name. Each bad input ends in exit 2 (or, in `history`, one skipped file) with
a message naming the file, never a hang or a traceback.

Every case is a row in a table below; add a row to test another. Anything that could hang if
it regressed runs the real program in a subprocess with a timeout, so it fails instead. No
test asserts a time: the size rows check the answers at size, and `bench/size.py` times them.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.commands import history as history_cmd
from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.files import MAX_BYTES
from closeness_quiz.content.scoring import score
from closeness_quiz.store.holder import DraftLock, lock_path
from tests.conftest import ROOT, env_for_subprocess
from tests.helpers import SMALL_BANK, SMALL_GUIDANCE, past_the_plan
from tests.test_bad_input import fill_in, good_result, result_with
from tests.test_imports import imported
from tests.test_resume import Script
from tests.test_resume import take as take_here

runner = CliRunner()
HANG_TIMEOUT = 60  # seconds: only reached if a case hangs again; a pass takes well under one

# Any control character that would act on a terminal: C0 but newline and tab, DEL, C1, and the
# bidirectional overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
DRAFT_OF_TWO = {
    "format": "closeness-quiz/draft",
    "format_version": 1,
    "bank": {"id": "small", "sha256": ""},
    "name": None,
    "started_at": "2026-03-01T10:00:00+00:00",
    "answers": {"talk-1": 3, "talk-2": 1},
}


def small_content(tmp_path: Path) -> list[str]:
    bank, guidance = tmp_path / "small-bank.yaml", tmp_path / "small-guidance.yaml"
    bank.write_text(SMALL_BANK, encoding="utf-8")
    guidance.write_text(SMALL_GUIDANCE, encoding="utf-8")
    return ["--bank", str(bank), "--guidance", str(guidance)]


def quiz(home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real program, in its own process: a hang becomes TimeoutExpired, a failed test."""
    return subprocess.run(
        [sys.executable, "-m", "closeness_quiz", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=HANG_TIMEOUT,
        env=env_for_subprocess(home),
        check=False,
    )


def assert_one_clear_error(done: subprocess.CompletedProcess[str], name: str, must: str) -> None:
    """Exit 2, one message naming the file, saying `must` (any of "|"-separated wordings)."""
    everything = done.stdout + done.stderr
    assert done.returncode == 2, everything[-3000:]
    assert "Traceback" not in everything
    assert name in done.stderr
    assert any(wording in done.stderr for wording in must.split("|")), done.stderr[-3000:]
    assert done.stderr.count("closeness-quiz: error:") == 1
    assert len(done.stderr) < 2000, "the message should be one short paragraph"


# --- Special files given as input: each would hang (or fill memory) if opened and read ----------

FIFO, DEV_ZERO, SPARSE = "<fifo>", "/dev/zero", "<sparse>"

# (case, what FILE is, command line; `take` also gets --no-save)
SPECIAL: list[tuple[str, str, list[str]]] = [
    ("answers-dev-zero", DEV_ZERO, ["take", "--answers", "FILE"]),
    ("answers-fifo", FIFO, ["take", "--answers", "FILE"]),
    ("answers-huge-sparse", SPARSE, ["take", "--answers", "FILE"]),
    ("bank-fifo-take", FIFO, ["take", "--bank", "FILE", "--answers", "SMALL_ANSWERS"]),
    ("bank-fifo-worksheet", FIFO, ["worksheet", "--bank", "FILE"]),
    ("bank-fifo-validate", FIFO, ["bank", "validate", "FILE"]),
    ("bank-dev-zero-validate", DEV_ZERO, ["bank", "validate", "FILE"]),
    ("guidance-fifo-take", FIFO, ["take", "--guidance", "FILE", "--answers", "ANSWERS"]),
    ("guidance-fifo-report", FIFO, ["report", "GOOD_RESULT", "--guidance", "FILE"]),
    ("result-fifo-report", FIFO, ["report", "FILE"]),
    ("result-fifo-compare", FIFO, ["compare", "GOOD_RESULT", "FILE"]),
    ("result-dev-zero-report", DEV_ZERO, ["report", "FILE"]),
]
SAYS = {FIFO: "named pipe", DEV_ZERO: "is a device", SPARSE: "too large"}


def make_special(tmp_path: Path, kind: str) -> Path:
    if kind == DEV_ZERO:
        if not Path(DEV_ZERO).exists():
            pytest.skip("no /dev/zero here")
        return Path(DEV_ZERO)
    path = tmp_path / ("special.yaml" if kind == FIFO else "sparse.yaml")
    if kind == FIFO:
        if not hasattr(os, "mkfifo"):
            pytest.skip("needs named pipes (POSIX)")
        os.mkfifo(path)
    else:  # a regular file of a gigabyte that takes no disk space: reading it all would be slow
        with path.open("wb") as handle:
            handle.truncate(200 * MAX_BYTES)
    return path


@pytest.mark.parametrize(("kind", "args"), [r[1:] for r in SPECIAL], ids=[r[0] for r in SPECIAL])
def test_a_special_file_is_refused_without_being_read(
    tmp_path: Path, quiz_home: Path, kind: str, args: list[str]
) -> None:
    path = make_special(tmp_path, kind)
    done = quiz(
        quiz_home, *fill_in([*args, "--no-save"] if "take" in args else args, tmp_path, path)
    )
    assert_one_clear_error(done, path.name, SAYS[kind])


@pytest.mark.parametrize("given", ["alex.json", "alex"])
def test_a_special_file_in_the_results_folder_named_as_a_result_is_refused(
    quiz_home: Path, given: str
) -> None:
    """`report alex.json` where alex.json in the results folder is a named pipe: said so, not
    "no such result file" (it is there), and never opened."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes (POSIX)")
    quiz_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.mkfifo(quiz_home / "alex.json")
    assert_one_clear_error(quiz(quiz_home, "report", given), "alex.json", "named pipe")


def test_a_file_is_read_up_to_its_limit_whatever_size_it_says_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is read in one go at the size it says it is, and on to its end when it says
    less (a file still being written, or a /proc file, which says 0): never past the limit."""
    from closeness_quiz.content import files
    from closeness_quiz.errors import UserError

    path = tmp_path / "f.txt"
    path.write_text("x" * 100, encoding="utf-8")
    assert files.read_text(path, limit=100) == "x" * 100
    with pytest.raises(UserError, match="too large"):
        files.read_text(path, limit=99)
    real = os.fstat

    def says_less(fd: int) -> os.stat_result:  # as a file that grew since, or /proc says
        status = list(real(fd))
        status[6] = 10  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(files.os, "fstat", says_less)
    assert files.read_text(path, limit=100) == "x" * 100
    with pytest.raises(UserError, match="too large"):
        files.read_text(path, limit=99)
    monkeypatch.undo()
    if Path("/proc/self/status").exists():
        assert "Name:" in files.read_text(Path("/proc/self/status"))


# --- YAML that explodes when expanded ("billion laughs"), under real ids -------------------------


def laughs(levels: int = 9, width: int = 9) -> str:
    """A flow list whose aliases would expand to width**levels items (9**9: 387 million)."""
    items = [f"&l0 [{', '.join(['lol'] * width)}]"]
    items += [f"&l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return f"[{', '.join(items)}]"


def long_text_repeated(size: int = MAX_BYTES // 8, times: int = 12) -> str:
    """One long text, then aliases repeating it: small as a file, large once expanded."""
    return f"[&t {'x' * size}, {', '.join(['*t'] * times)}]"


def nested_json_aliases(levels: int = 9, width: int = 10) -> str:
    """JSON-style flow mappings whose aliases follow a ':' with no space (`"k":*x1`)."""
    parts = ['"x0": &x0 {"a": "lolololololololol"}']
    for n in range(1, levels):
        keys = ",".join(f'"k{j}":*x{n - 1}' for j in range(width))
        parts.append(f'"x{n}": &x{n} {{{keys}}}')
    return ", ".join(parts) + f', "last":*x{levels - 1}'


# (case, kind of file, its text, what the message must say)
BOMBS: list[tuple[str, str, str, str]] = [
    (
        "answers-json-style-aliases",
        "answers",
        '{"communication-01": 3, ' + nested_json_aliases(7).replace('"last"', '"trust-14"') + "}\n",
        "alias",
    ),
    (
        "bank-json-style-alias-as-id",
        "bank",
        SMALL_BANK.replace("{id: play-1,", '{"id":*x6,').replace(
            "questions:\n", "anchors: {" + nested_json_aliases(7) + "}\nquestions:\n", 1
        ),
        "alias",
    ),
    ("answers-laughs", "answers", f"communication-01: {laughs()}\n", "alias"),
    ("answers-laughs-last", "answers", f"communication-01: 3\ntrust-14: {laughs()}\n", "alias"),
    ("answers-long-text", "answers", f"communication-01: {long_text_repeated()}\n", "alias"),
    ("answers-itself", "answers", "communication-01: &me [1, *me]\n", "alias"),
    (
        "bank-laughs-in-text",
        "bank",
        SMALL_BANK.replace("text: We talk about our day.", f"text: {laughs()}"),
        "alias",
    ),
    (
        "bank-laughs-as-category",
        "bank",
        SMALL_BANK.replace("{id: play-2, category: play", f"{{id: play-2, category: {laughs()}"),
        "alias",
    ),
    (
        "bank-long-text-as-id",
        "bank",
        SMALL_BANK.replace("{id: play-1,", f"{{id: {long_text_repeated()},"),
        "alias",
    ),
    (
        "bank-long-category-repeated",
        "bank",
        SMALL_BANK.replace(
            "{id: talk-1, category: talk,", f"{{id: talk-1, category: &c {'x' * (MAX_BYTES // 8)},"
        ).replace(
            "sign: nothing-new}\n",
            "sign: nothing-new}\n"
            + "".join(f"  - {{id: more-{n}, category: *c, text: More.}}\n" for n in range(10)),
        ),
        "alias",
    ),
    (
        "guidance-laughs-in-suggestion",
        "guidance",
        SMALL_GUIDANCE.replace("text: Listen for five minutes.", f"text: {laughs()}"),
        "alias",
    ),
    (
        "guidance-laughs-as-question-ids",
        "guidance",
        SMALL_GUIDANCE.replace("questions: [talk-4]", f"questions: {laughs()}"),
        "alias",
    ),
]
READ_BY = {
    "answers": ["take", "--answers", "FILE", "--no-save"],
    "bank": ["bank", "validate", "FILE"],
    "guidance": ["bank", "validate", "BANK", "FILE"],
}


@pytest.mark.parametrize(
    ("kind", "text", "must"), [r[1:] for r in BOMBS], ids=[r[0] for r in BOMBS]
)
def test_an_alias_bomb_is_refused_quickly_with_a_short_message(
    tmp_path: Path, quiz_home: Path, kind: str, text: str, must: str, request: pytest.FixtureRequest
) -> None:
    # Not under tmp_path: its name holds this test's, and so the word the message must say.
    folder = Path(tempfile.mkdtemp(prefix="bombs-"))
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    path = folder / f"bomb-{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    bank = tmp_path / "small-bank.yaml"
    bank.write_text(SMALL_BANK, encoding="utf-8")
    args = [str(bank) if a == "BANK" else a for a in READ_BY[kind]]
    assert_one_clear_error(quiz(quiz_home, *fill_in(args, tmp_path, path)), path.name, must)


# Aliases used as intended still work: a value reused, a mapping merged into another.
FAIR_ALIASES: list[tuple[str, str, list[str], str]] = [
    (
        "answers-value-reused",
        "communication-01: &often 3\ncommunication-13: *often\n",
        ["take", "--answers", "FILE", "--no-save", "--format", "json"],
        '"communication"',
    ),
    (
        "bank-merge-key",
        SMALL_BANK.replace(
            "  - {id: play-1, category: play, text: We laugh together., sign: routine}",
            "  - &play {id: play-1, category: play, text: We laugh together., sign: routine}\n"
            "  - {<<: *play, id: play-3, text: We plan something fun.}",
        ),
        ["bank", "validate", "FILE"],
        "OK (7 questions",
    ),
]


@pytest.mark.parametrize(
    ("text", "args", "shows"), [r[1:] for r in FAIR_ALIASES], ids=[r[0] for r in FAIR_ALIASES]
)
def test_ordinary_aliases_are_still_read(
    tmp_path: Path, text: str, args: list[str], shows: str
) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, fill_in(args, tmp_path, path))
    assert result.exit_code == 0, result.output
    assert shows in result.stdout


# --- history: a results folder with things in it that are not results ----------------------------


def fifo(path: Path) -> None:
    os.mkfifo(path)


def taken_at(when: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(result_with(lambda d: d.update(taken_at=when)), encoding="utf-8")

    return make


def huge(change: Callable[[dict[str, Any], str], object]) -> Callable[[Path], None]:
    """A result with one value of several megabytes in it, put there by `change`."""

    def make(path: Path) -> None:
        path.write_text(result_with(lambda d: change(d, "x" * 3_000_000)), encoding="utf-8")

    return make


# (case, how to make the entry, what its "skipped" line says, needs a FIFO)
FOLDER_ENTRIES: list[tuple[str, Callable[[Path], None], str, bool]] = [
    ("fifo-named-json", fifo, "named pipe", True),
    ("year-1-east-of-utc", taken_at("0001-01-01T00:00:00+05:00"), "taken_at", False),
    ("year-1-no-offset", taken_at("0001-01-01T00:00:00"), "taken_at", False),
    ("year-9999-west-of-utc", taken_at("9999-12-31T23:59:59-05:00"), "taken_at", False),
    ("a-folder-named-json", lambda p: p.mkdir(), "is a folder", False),
    ("a-broken-link", lambda p: p.symlink_to(p.with_name("nowhere.json")), "can't be read", False),
    ("huge-answer", huge(lambda d, x: d["answers"].update({"trust-14": x})), "trust-14", False),
    ("huge-id", huge(lambda d, x: d["answers"].update({x: 3})), "unknown question id", False),
    ("huge-format", huge(lambda d, x: d.update(format=x)), "not a closeness-quiz result", False),
]


@pytest.mark.parametrize(
    ("make", "says", "fifo_needed"),
    [r[1:] for r in FOLDER_ENTRIES],
    ids=[r[0] for r in FOLDER_ENTRIES],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_history_skips_what_is_not_a_readable_result_and_shows_the_rest(
    quiz_home: Path, make: Callable[[Path], None], says: str, fifo_needed: bool, fmt: str
) -> None:
    if fifo_needed and not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes (POSIX)")
    quiz_home.mkdir()
    (quiz_home / "good.json").write_text(good_result(), encoding="utf-8")
    make(quiz_home / "odd.json")
    done = quiz(quiz_home, "history", "--format", fmt)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    if fmt == "json":
        data = json.loads(done.stdout)
        assert [r["file"] for r in data["results"]] == ["good.json"]
        (skipped,) = data["skipped"]
        assert skipped["file"] == "odd.json" and says in skipped["problem"], skipped
        assert len(skipped["problem"]) < 300, "a reason is one short line"
    else:
        assert "1 result in" in done.stdout and "2026-03-01" in done.stdout
        assert "Skipped 1 file that could not be read:" in done.stdout
        assert "odd.json" in done.stdout and says in done.stdout
        assert len(done.stdout) < 3000


# --- history: a results folder that can't be read is an error, not "no results yet" -------------


def home_is_a_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home.write_text("not a folder", encoding="utf-8")
    return home


def home_inside_a_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home.write_text("not a folder", encoding="utf-8")
    inner = home / "results"
    monkeypatch.setenv("CLOSENESS_QUIZ_HOME", str(inner))
    return inner


def refuse(call: str, error: OSError) -> Callable[[Path, pytest.MonkeyPatch], Path]:
    """The folder exists, but `os.<call>` on it fails (as for a user without permission:
    the tests run as root, who may read anything)."""

    def make(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        home.mkdir()
        (home / "good.json").write_text(good_result(), encoding="utf-8")
        real = getattr(os, call)

        def failing(path: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(path) == home:
                raise error
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, call, failing)
        return home

    return make


# (case, how to make the folder unreadable, what the message says)
UNREADABLE_FOLDERS: list[tuple[str, Callable[[Path, pytest.MonkeyPatch], Path], str]] = [
    ("home-is-a-file", home_is_a_file, "is a file, not a folder"),
    ("home-inside-a-file", home_inside_a_file, "part of its path is a file"),
    ("listing-denied", refuse("scandir", PermissionError(13, "Permission denied")), "permission"),
    ("looking-denied", refuse("stat", PermissionError(13, "Permission denied")), "permission"),
    ("disk-error", refuse("scandir", OSError(5, "Input/output error")), "Input/output error"),
]


@pytest.mark.parametrize(
    ("make", "says"), [r[1:] for r in UNREADABLE_FOLDERS], ids=[r[0] for r in UNREADABLE_FOLDERS]
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_unreadable_results_folder_is_exit_2_naming_it(
    quiz_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path, pytest.MonkeyPatch], Path],
    says: str,
    fmt: str,
) -> None:
    folder = make(quiz_home, monkeypatch)
    result = runner.invoke(app, ["history", "--format", fmt])
    assert result.exit_code == 2, result.output
    assert str(folder) in result.stderr and says in result.stderr, result.stderr
    assert "No saved results" not in result.stdout
    assert "Traceback" not in result.output


# --- Size: the answers stay right with 10,000 questions (bench/size.py times them) ---------------


def load_bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_size", ROOT / "bench" / "size.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A bench bank of 10,000 questions and two results answered against it."""
    bench = load_bench()
    folder = tmp_path_factory.mktemp("big")
    bench.BANK_SIZES = (10_000,)
    bank, a, b = bench.make_banks(folder)[10_000]
    return bank, a, b


# (case, command line with BANK / A / B, what the output must show)
AT_SIZE: list[tuple[str, list[str], str]] = [
    ("validate", ["bank", "validate", "BANK"], "OK (10000 questions in 4 categories; 2000 reverse"),
    ("compare", ["compare", "A", "B"], "10000 questions answered by both"),
    ("compare-json", ["compare", "A", "B", "--format", "json"], '"gap": 2'),
    ("report", ["report", "A", "--format", "json"], '"total": 2500'),
]


@pytest.mark.parametrize(("args", "shows"), [r[1:] for r in AT_SIZE], ids=[r[0] for r in AT_SIZE])
def test_commands_give_the_right_answers_at_size(
    big: tuple[Path, Path, Path], args: list[str], shows: str
) -> None:
    files = dict(zip(("BANK", "A", "B"), map(str, big), strict=True))
    result = runner.invoke(app, [files.get(a, a) for a in args])
    assert result.exit_code == 0, result.output[-3000:]
    assert shows in result.stdout


class CountingQuestions(tuple):  # type: ignore[type-arg]
    """A bank's questions that count how often they are walked through."""

    walks = 0

    def __iter__(self) -> Any:
        CountingQuestions.walks += 1
        return super().__iter__()


def test_looking_up_questions_by_id_walks_the_bank_once() -> None:
    """`Bank.question` must not scan the bank on each call: compare and reading a result look up
    every answer, so a scan each time made them quadratic (16 s at 20,000 questions)."""
    bank = load_bank()
    counted: Bank = bank._replace(questions=CountingQuestions(bank.questions))
    CountingQuestions.walks = 0
    for question in bank.questions * 50:
        assert counted.question(question.id) == question
    assert counted.question("no-such-id") is None
    assert CountingQuestions.walks <= 1


# --- history's terminal table: laid out by us, fitting the terminal -----------------------------


@pytest.fixture
def saved(quiz_home: Path) -> Path:
    quiz_home.mkdir()
    first = result_with(lambda d: d.update(taken_at="2026-01-05T20:00:00+00:00"))
    (quiz_home / "first.json").write_text(first, encoding="utf-8")
    lower = {**json.loads(first)["answers"], "trust-14": 0, "trust-02": 0, "affection-13": 0}
    (quiz_home / "second.json").write_text(
        result_with(lambda d: d.update(taken_at="2026-02-01T09:30:00+00:00", answers=lower)),
        encoding="utf-8",
    )
    return quiz_home


# (terminal width, the layout, lines the output must have exactly)
WIDTHS: list[tuple[int, str, list[str]]] = [
    (
        100,
        "one line: each change beside its score, and the file name",
        [
            "Date        Name  Communication  Affection    Trust  Time together    Overall  File",
            "2026-01-05  Alex           55.0       55.0     60.0           52.8       55.7  first",
            "2026-02-01  Alex        55.0 ±0  47.5 -7.5  60.0 ±0        52.8 ±0  53.8 -1.9  second",
        ],
    ),
    (
        76,
        "the change under its score, the file name under the date",
        [
            "Date        Name  Communication  Affection  Trust  Time together  Overall",
            "2026-02-01  Alex           55.0       47.5   60.0           52.8     53.8",
            "first",
            "second                       ±0       -7.5     ±0             ±0     -1.9",
        ],
    ),
    (
        70,
        "and long titles wrapped",
        [
            "                                                         Time",
            "Date        Name  Communication  Affection  Trust    together  Overall",
            "second                       ±0       -7.5     ±0          ±0     -1.9",
        ],
    ),
    (
        50,
        "one block per result",
        [
            "2026-02-01  Alex",
            "  second",
            "  Affection       47.5  -7.5",
            "  Overall         53.8  -1.9",
        ],
    ),
    (
        30,
        "one block per result; each trend's summary under its sparkline",
        ["  Trust           60.0  ±0", "  Affection      ▅▄", "    55.0 → 47.5 (-7.5)"],
    ),
]
BESIDE = "  Affection      ▅▄  55.0 → 47.5 (-7.5)"  # a trend, where the width allows


@pytest.mark.parametrize(("width", "layout", "shows"), WIDTHS, ids=[f"{w}" for w, _, _ in WIDTHS])
def test_history_table_fits_the_terminal(
    saved: Path, monkeypatch: pytest.MonkeyPatch, width: int, layout: str, shows: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = runner.invoke(app, ["history"]).stdout
    lines = out.splitlines()
    assert max(len(text) for text in lines) <= width, out
    assert all(text == text.rstrip() for text in lines)
    for line in shows:
        assert line in lines, (layout, line, out)
    assert (BESIDE in lines) == (width >= len(BESIDE))


def test_history_text_does_not_build_a_rich_table(saved: Path) -> None:
    """The Rich table re-measured every cell of every row: 2,000 results took four times as long
    as the JSON. The layout is ours (render/lines.py); Rich only prints it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "closeness_quiz", "history"],
        capture_output=True,
        text=True,
        timeout=HANG_TIMEOUT,
        env=env_for_subprocess(saved),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2026-02-01" in done.stdout
    names = imported(done.stderr)
    assert "closeness_quiz.render.history" in names  # the listing covers the renderer
    assert "rich.table" not in names


# --- Two `take`s under one name at once: the second refuses at once, the first loses nothing ---


def take_in_a_terminal(home: Path, content: list[str], *args: str) -> pexpect.spawn:
    """`take` in its own pseudo-terminal, in plain mode: a real second process and terminal."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", "take", "--plain", *content, *args],
        env=env_for_subprocess(home),
        encoding="utf-8",
        timeout=HANG_TIMEOUT,
        dimensions=(40, 100),
    )
    child.logfile_read = io.StringIO()
    return child


def answer(child: pexpect.spawn, *replies: str) -> None:
    for reply in replies:
        child.expect_exact("Your answer")
        child.sendline(reply)


def finished(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.logfile_read.getvalue()


REFUSED = "another quiz under the name 'Alex' is being answered right now in another terminal"

# (case, the second command's flags, its exit code, what it must say; None: it starts a quiz)
SECOND_TAKES: list[tuple[str, list[str], int, str | None]] = [
    ("take", ["--name", "Alex"], 2, f"{REFUSED} (/dev/pts/|so this one stops."),
    ("take-resume", ["--name", "alex", "--resume"], 2, "so this one stops."),
    ("take-discard", ["--name", "Alex", "--discard"], 2, "it can't be discarded while"),
    ("take-discard-no-save", ["--name", "Alex", "--discard", "--no-save"], 2, "can't be discarded"),
    ("another-name", ["--name", "Sam"], 130, None),
    ("no-save-writes-nothing", ["--name", "Alex", "--no-save"], 130, None),
]


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("args", "code", "says"), [r[1:] for r in SECOND_TAKES], ids=[r[0] for r in SECOND_TAKES]
)
def test_a_second_take_under_the_same_name_refuses_and_the_first_loses_nothing(
    tmp_path: Path, quiz_home: Path, args: list[str], code: int, says: str | None
) -> None:
    bank, guidance = tmp_path / "bank.yaml", tmp_path / "guidance.yaml"
    bank.write_text(SMALL_BANK, encoding="utf-8")
    guidance.write_text(SMALL_GUIDANCE, encoding="utf-8")
    content = ["--bank", str(bank), "--guidance", str(guidance)]
    first = take_in_a_terminal(quiz_home, content, "--name", "Alex")
    answer(first, "4", "2")
    first.expect_exact("Statement 3 of 6")
    draft = quiz_home / "small--alex.draft.json"
    before = draft.read_bytes()

    second = take_in_a_terminal(quiz_home, content, *args)
    if says is None:  # not the same draft: it goes ahead; stopped at its first question
        second.expect_exact("Statement 1 of 6")
        second.sendcontrol("c")
    status, shown = finished(second)
    assert status == code, shown
    assert "Traceback" not in shown
    if says is not None:
        assert f"closeness-quiz: error: {draft}: {REFUSED}".casefold() in shown.casefold()
        assert any(wording in shown for wording in says.split("|")), shown
        assert "process" in shown and "started" in shown
    assert draft.read_bytes() == before  # nothing of the first quiz's written over or removed

    answer(first, "3", "1", "4", "1", "1", "1")  # the rest, then the two private questions
    past_the_plan(first, "Save your scores on this computer? [Y/n]")
    first.sendline("")
    status, shown = finished(first)
    assert status == 0, shown
    (saved,) = (p for p in quiz_home.glob("*.json") if not p.name.endswith(".draft.json"))
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers == {"talk-1": 3, "talk-2": 1, "talk-3": 2, "talk-4": 0, "play-1": 3, "play-2": 0}
    assert not draft.exists()
    assert not (quiz_home / f".{draft.name}.lock").exists()  # released and tidied away


# --- The draft's lock, in one process: whoever holds it, whatever is where the lock file goes ---


def held(info: bytes | None) -> Callable[[Path], object]:
    """The lock held (as another take would hold it), with `info` in place of its holder's."""

    def make(draft: Path) -> object:
        lock = DraftLock.take(draft, "under test", "the test holds it.")
        if info is not None:
            assert lock.fd is not None
            os.ftruncate(lock.fd, 0)
            os.pwrite(lock.fd, info, 0)
        return lock  # kept alive for the test, so the lock stays held

    return make


def not_a_file(make: Callable[[Path], None]) -> Callable[[Path], object]:
    def where(draft: Path) -> object:
        draft.parent.mkdir(parents=True, exist_ok=True)
        make(lock_path(draft))
        return None

    return where


HOSTILE_HOLDER = json.dumps(
    {"pid": "1; rm -rf", "terminal": "\x1b]0;pwned\x07\x9b2J", "since": "0001-01-01T00:00:00+05:00"}
).encode()

# (case, what is at the lock, what `take` must say; None: it goes ahead)
LOCKS: list[tuple[str, Callable[[Path], object], str | None]] = [
    ("held", held(None), "another quiz with no --name is being answered right now"),
    ("held-holder-unreadable", held(b"\x00\xff{"), "right now in another terminal. Two quizzes"),
    ("held-holder-hostile", held(HOSTILE_HOLDER), "another terminal (\\x1b]0;pwned\\x07\\x9b2J)"),
    ("a-folder", not_a_file(lambda p: p.mkdir()), "is not a lock file"),
    ("a-fifo", not_a_file(fifo), "is not a lock file"),
    ("a-link", not_a_file(lambda p: p.symlink_to(p.with_name("elsewhere"))), "is not a lock file"),
    ("left-by-a-killed-take", not_a_file(lambda p: p.write_text('{"pid": 1}')), None),
]


@pytest.mark.parametrize(("make", "says"), [r[1:] for r in LOCKS], ids=[r[0] for r in LOCKS])
@pytest.mark.parametrize(
    "flags", [[], ["--resume"], ["--discard"]], ids=["take", "resume", "discard"]
)
def test_the_draft_lock_refuses_clearly_or_lets_the_quiz_go_ahead(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    quiz_home: Path,
    make: Callable[[Path], object],
    says: str | None,
    flags: list[str],
) -> None:
    content = small_content(tmp_path)
    draft = quiz_home / "small.draft.json"
    quiz_home.mkdir()
    draft.write_text(json.dumps(DRAFT_OF_TWO), encoding="utf-8")
    before = draft.read_bytes()
    keep = make(draft)
    result = take_here(monkeypatch, Script(draft, [3] * 6 + [0, 0]), content, *flags)
    everything = result.stdout + result.stderr
    assert "Traceback" not in everything
    assert not UNSAFE.search(everything), everything
    if says is None:
        assert result.exit_code == (2 if not flags else 0), everything  # 2: a draft is waiting
        if flags:
            assert not draft.exists() and not lock_path(draft).exists()
        return
    assert result.exit_code == 2, everything
    assert says in result.stderr, result.stderr
    assert result.stderr.count("closeness-quiz: error:") == 1
    assert draft.read_bytes() == before  # never written over, never discarded
    assert not (quiz_home / "elsewhere").exists()  # nothing written through a link
    del keep


# --- Control characters in files: shown as escapes, never sent to the terminal ------------------

HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x9b2J\u202e"  # clear screen, window title, C1 CSI, RTL override
HOSTILE_YAML = "\\e[2J\\e]0;pwned\\a\\x9b2J\\u202e"  # the same, as YAML writes it in "quotes"
SEEN = "x1b"  # what is shown instead (JSON and Markdown escape its backslash once more)


def hostile_result(change: Callable[[dict[str, Any]], object] | None = None) -> str:
    def spoil(data: dict[str, Any]) -> None:
        data["name"] = f"Al{HOSTILE}ex"
        data["bank"].update(title=f"Bank{HOSTILE}", id=f"bank{HOSTILE}")
        data["questions"][0]["text"] += HOSTILE
        data["categories"][0]["title"] += HOSTILE
        data["scale"][0]["label"] += HOSTILE
        if change is not None:
            change(data)

    return result_with(spoil)


def quoted(text: str, plain: str) -> str:
    """`plain` in SMALL_BANK or SMALL_GUIDANCE written as a double-quoted hostile YAML string."""
    assert plain in text
    return text.replace(plain, f'"{plain}{HOSTILE_YAML}"')


HOSTILE_BANK = quoted(
    quoted(quoted(SMALL_BANK, "We talk about our day."), "Small bank"), "How we talk."
).replace("{id: talk, title: Talk,", f'{{id: talk, title: "Talk{HOSTILE_YAML}",')
HOSTILE_GUIDANCE = quoted(
    quoted(quoted(SMALL_GUIDANCE, "Listen for five minutes."), "A couples counsellor can help."),
    "What is on your mind?",
).replace("label: Low,", f'label: "Low{HOSTILE_YAML}",')
HOSTILE_FILES: dict[str, str] = {
    "RESULT": hostile_result(),
    "RESULT_B": hostile_result(lambda d: d.update(taken_at="2026-04-01T10:00:00+00:00")),
    "BANK": HOSTILE_BANK,
    "GUIDANCE": HOSTILE_GUIDANCE,
    "ANSWERS": "talk-1: 0\ntalk-2: 4\ntalk-3: 0\ntalk-4: 4\nplay-1: 0\nplay-2: 0\n",
    "BAD_ANSWERS": json.dumps({f"talk{HOSTILE}": 3}),
    "BAD_RESULT": result_with(lambda d: d["answers"].update({f"trust{HOSTILE}": 3})),
    "BAD_TAKEN_AT": result_with(lambda d: d.update(taken_at=f"2026{HOSTILE}")),
    "BAD_BANK_KEY": SMALL_BANK.replace("version: 1", f'version: 1\n"x{HOSTILE_YAML}": 1'),
    "BAD_CATEGORY": SMALL_BANK.replace(
        "category: play, text: We try", f'category: "p{HOSTILE_YAML}", text: We try'
    ),
    "BAD_GUIDANCE": SMALL_GUIDANCE.replace("  play:\n", f'  "play{HOSTILE_YAML}":\n'),
}
SUFFIXES = {"RESULT": ".json", "RESULT_B": ".json", "BAD_RESULT": ".json", "BAD_TAKEN_AT": ".json"}
TAKE = ["take", "--bank", "BANK", "--guidance", "GUIDANCE", "--answers", "ANSWERS", "--no-save"]

# (case, command line with the names above, exit code, whether the hostile text is shown)
SHOWN_HARMLESSLY: list[tuple[str, list[str], int, bool]] = [
    *((f"report-{f}", ["report", "RESULT", "-f", f], 0, True) for f in ("text", "markdown", "html", "json")),
    *((f"compare-{f}", ["compare", "RESULT", "RESULT_B", "-f", f], 0, True) for f in ("text", "markdown", "html", "json")),
    *((f"take-{f}", [*TAKE, "-f", f], 0, True) for f in ("text", "markdown", "html", "json")),
    *((f"history-{f}", ["history", "-f", f], 0, True) for f in ("text", "json")),
    *((f"worksheet-{f}", ["worksheet", "--bank", "BANK", "--guidance", "GUIDANCE", "--with-key", "-f", f], 0, True) for f in ("markdown", "html")),
    ("report-to-a-file", ["report", "RESULT", "-f", "markdown", "--output", "OUT"], 0, True),
    ("validate-ok", ["bank", "validate", "BANK", "GUIDANCE"], 0, False),
    ("error-answers-id", ["take", "--answers", "BAD_ANSWERS", "--bank", "BANK", "--no-save"], 2, True),
    ("error-result-id", ["report", "BAD_RESULT"], 2, True),
    ("error-result-taken-at", ["report", "BAD_TAKEN_AT"], 2, True),
    ("error-bank-key", ["bank", "validate", "BAD_BANK_KEY"], 2, True),
    ("error-bank-category", ["take", "--bank", "BAD_CATEGORY", "--answers", "ANSWERS"], 2, True),
    ("error-guidance-category", ["take", "--bank", "BANK", "--guidance", "BAD_GUIDANCE", "--answers", "ANSWERS"], 2, True),
    ("error-guidance-validate", ["bank", "validate", "BANK", "BAD_GUIDANCE"], 2, True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "shown"),
    [r[1:] for r in SHOWN_HARMLESSLY],
    ids=[r[0] for r in SHOWN_HARMLESSLY],
)
def test_control_characters_from_files_never_reach_the_terminal(
    tmp_path: Path, quiz_home: Path, args: list[str], code: int, shown: bool
) -> None:
    files = {}
    for key, text in HOSTILE_FILES.items():
        files[key] = tmp_path / f"{key.lower()}{SUFFIXES.get(key, '.yaml')}"
        files[key].write_text(text, encoding="utf-8")
    quiz_home.mkdir()
    (quiz_home / "hostile.json").write_text(HOSTILE_FILES["RESULT"], encoding="utf-8")
    files["OUT"] = tmp_path / "out.md"
    result = runner.invoke(app, [str(files[a]) if a in files else a for a in args])
    everything = result.stdout + result.stderr
    if files["OUT"].exists():
        everything += files["OUT"].read_text(encoding="utf-8")
    assert result.exit_code == code, everything[-3000:]
    assert "Traceback" not in everything
    assert not UNSAFE.search(everything), repr(UNSAFE.findall(everything)[:5])
    if shown:
        assert SEEN in everything, everything[-3000:]


def test_a_hostile_name_in_a_draft_is_harmless_in_the_resume_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    draft = {**DRAFT_OF_TWO, "name": f"Sam{HOSTILE}"}
    (quiz_home / "small--sam.draft.json").write_text(json.dumps(draft), encoding="utf-8")
    result = take_here(
        monkeypatch, Script(quiz_home / "x", []), small_content(tmp_path), "--resume"
    )
    assert result.exit_code == 2
    assert "Unfinished quizzes under another name: Sam\\x1b[2J" in result.stderr
    assert not UNSAFE.search(result.stdout + result.stderr)


# --- A guidance file that doesn't fit its bank: `take` & co. refuse what `bank validate` does ---

# (case, the change to SMALL_GUIDANCE, what the message must say)
MISFITS: list[tuple[str, Callable[[str], str], str]] = [
    (
        "unknown-category",
        lambda g: g.replace("  play:\n", "  games:\n"),
        "categories.games: is not a category of",
    ),
    (
        "unknown-question",
        lambda g: g.replace("questions: [talk-4]", "questions: [talk-9]"),
        "'talk-9' is not a question in the bank. Did you mean 'talk-4'?",
    ),
    (
        "question-of-another-category",
        lambda g: g.replace("questions: [talk-4]", "questions: [play-1]"),
        "'play-1' belongs to 'play', not 'talk'",
    ),
    (
        "and-a-problem-of-its-own",
        lambda g: g.replace("  play:\n", "  games:\n").replace("min: 50}", "min: half}"),
        "min: should be a number",
    ),
]
WITH_CONTENT = ["--bank", "BANK", "--guidance", "GUIDANCE"]
USES: list[tuple[str, list[str]]] = [
    ("bank-validate", ["bank", "validate", "BANK", "GUIDANCE"]),
    ("take", ["take", *WITH_CONTENT, "--answers", "ANSWERS", "--no-save"]),
    ("worksheet", ["worksheet", *WITH_CONTENT]),
    ("report", ["report", "RESULT", *WITH_CONTENT]),
    ("compare", ["compare", "RESULT", "RESULT_B", *WITH_CONTENT]),
]


@pytest.mark.parametrize(("change", "says"), [r[1:] for r in MISFITS], ids=[r[0] for r in MISFITS])
def test_every_command_refuses_a_guidance_file_that_does_not_fit_its_bank(
    tmp_path: Path, change: Callable[[str], str], says: str
) -> None:
    from tests.helpers import build_result, small_bank, small_guidance

    files = {
        "BANK": tmp_path / "bank.yaml",
        "GUIDANCE": tmp_path / "misfit.yaml",
        "ANSWERS": tmp_path / "answers.yaml",
        "RESULT": tmp_path / "a.json",
        "RESULT_B": tmp_path / "b.json",
    }
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    answers = dict.fromkeys((q.id for q in bank.questions), 2)
    for key in ("RESULT", "RESULT_B"):
        data = build_result(
            bank, answers, score(bank, guidance, answers), name=key, taken_at=datetime.now(UTC)
        )
        files[key].write_text(json.dumps(data), encoding="utf-8")
    files["BANK"].write_text(SMALL_BANK, encoding="utf-8")
    files["GUIDANCE"].write_text(change(SMALL_GUIDANCE), encoding="utf-8")
    files["ANSWERS"].write_text("talk-1: 3\n", encoding="utf-8")
    errors = {}
    for use, args in USES:
        result = runner.invoke(app, [str(files[a]) if a in files else a for a in args])
        assert result.exit_code == 2, (use, result.output)
        assert "Traceback" not in result.output
        assert says in result.stderr, (use, result.stderr)
        errors[use] = result.stderr
    assert len(set(errors.values())) == 1, errors  # the same problems, in the same words


# --- What it writes, it reads back: a result larger than the 5 MB any input may be -------------


def test_a_result_from_a_bank_near_the_size_limit_reads_back(
    tmp_path: Path, quiz_home: Path
) -> None:
    """34,000 questions in a bank just under MAX_BYTES make a result of over 8 MB: `report` reads
    it (results may be up to results.MAX_RESULT_BYTES), with every answer."""
    from closeness_quiz.store.results import MAX_RESULT_BYTES

    size = 34_000
    text = load_bench().bank_yaml(size).replace(" about ", " about the way we share our days in ")
    assert MAX_BYTES * 0.9 < len(text.encode()) <= MAX_BYTES
    bank = tmp_path / "big-bank.yaml"
    bank.write_text(text, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"q-{i:05d}: {i % 5}\n" for i in range(size)), encoding="utf-8")
    saved = tmp_path / "big-result.json"
    taken = runner.invoke(
        app,
        ["take", "--bank", str(bank), "--answers", str(answers), "-o", str(saved), "-f", "json"],
    )
    assert taken.exit_code == 0, taken.stderr[-3000:]
    assert MAX_BYTES < saved.stat().st_size <= MAX_RESULT_BYTES
    shown = runner.invoke(app, ["report", str(saved), "--format", "json"])
    assert shown.exit_code == 0, shown.stderr[-3000:]
    report = json.loads(shown.stdout)
    assert len(report["answers"]) == size
    assert report["scores"] == json.loads(taken.stdout)["scores"]


# --- Damaged drafts: `take` explains, `take --discard` always works --------------------------------

# (case, the draft's started_at: None leaves it out)
BAD_STARTS: list[tuple[str, str | None]] = [
    ("year-1-east-of-utc", "0001-01-01T00:00:00+05:00"),
    ("year-1-no-offset", "0001-01-01T00:00:00"),
    ("year-9999-west-of-utc", "9999-12-31T23:59:59-05:00"),
    ("not-a-date", "yesterday"),
    ("missing", None),
]


@pytest.mark.parametrize("started", [r[1] for r in BAD_STARTS], ids=[r[0] for r in BAD_STARTS])
@pytest.mark.parametrize(
    "flags", [[], ["--resume"], ["--discard"]], ids=["take", "resume", "discard"]
)
def test_a_draft_with_a_date_that_cannot_be_used_is_damaged_and_can_be_discarded(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    quiz_home: Path,
    started: str | None,
    flags: list[str],
) -> None:
    quiz_home.mkdir()
    draft = quiz_home / "small.draft.json"
    data = {k: v for k, v in DRAFT_OF_TWO.items() if k != "started_at"}
    if started is not None:
        data["started_at"] = started
    draft.write_text(json.dumps(data), encoding="utf-8")
    result = take_here(
        monkeypatch, Script(draft, [3] * 6 + [0, 0]), small_content(tmp_path), *flags
    )
    assert "Traceback" not in result.output and "internal error" not in result.output
    if flags == ["--discard"]:
        assert result.exit_code == 0, result.output
        assert f"Discarded the unfinished quiz in {draft}" in result.stderr
        assert not draft.exists()
        assert len([p for p in quiz_home.glob("*.json") if p != draft]) == 1  # the new result
        return
    assert result.exit_code == 2, result.output
    assert f"{draft}: started_at: is missing or not a date and time this program can use" in (
        result.stderr
    )
    bank = small_content(tmp_path)[1]  # the hint names the --bank it was started with
    assert f"To throw it away and start again: closeness-quiz take --discard --bank {bank}." in (
        result.stderr
    )
    assert draft.exists()


def test_resume_with_no_save_keeps_the_draft_and_its_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    draft = quiz_home / "small.draft.json"
    draft.write_text(json.dumps(DRAFT_OF_TWO), encoding="utf-8")
    for script in ([3] * 4 + [0, 0], [3, KeyboardInterrupt]):  # to the end; stopped part-way
        result = take_here(
            monkeypatch, Script(draft, script), small_content(tmp_path), "--resume", "--no-save"
        )
        assert result.exit_code in (0, 130), result.output
        assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == DRAFT_OF_TWO["answers"]
    assert "still there for --resume" in result.stderr
    assert [p.name for p in quiz_home.iterdir()] == [draft.name]  # no result, no lock file


def test_the_hint_for_a_damaged_named_draft_names_it_and_discards_only_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    unnamed = quiz_home / "small.draft.json"
    unnamed.write_text(json.dumps(DRAFT_OF_TWO), encoding="utf-8")
    alex = quiz_home / "small--alex.draft.json"
    alex.write_text('{"format": "closeness-quiz/draft", "answ', encoding="utf-8")
    content = small_content(tmp_path)
    result = take_here(monkeypatch, Script(alex, []), content, "--name", "Alex")
    assert result.exit_code == 2
    assert str(alex) in result.stderr
    hint = f"To throw it away and start again: closeness-quiz take --discard --bank {content[1]} --name Alex."
    assert hint in result.stderr, result.stderr

    command = hint.split(": ", 1)[1].rstrip(".").split()[2:]  # what the person would type
    done = take_here(monkeypatch, Script(alex, [3] * 6 + [0, 0]), content, *command)
    assert done.exit_code == 0, done.output
    assert f"Discarded the unfinished quiz in {alex}" in done.stderr
    assert not alex.exists()
    assert json.loads(unnamed.read_text(encoding="utf-8")) == DRAFT_OF_TWO  # not touched


# --- --output: a folder is refused; a long name works up to what the system allows ---------------

LONG_OK, TOO_LONG = "a" * 195 + ".json", "b" * 295 + ".json"  # 200 and 300 characters
# (case, command line, exit code, what it must say)
OUTPUTS: list[tuple[str, list[str], int, str]] = [
    *(
        (f"{cmd[0]}-{label}", [*cmd, "--output", target], code, says)
        for cmd in (
            ["take", "--answers", "ANSWERS"],
            ["report", "RESULT"],
            ["compare", "RESULT", "RESULT_B"],
            ["worksheet"],
        )
        for label, target, code, says in (
            ("into-a-folder", "DIR", 2, "/out/DIR: is a folder; give a file name to write to."),
            ("200-character-name", LONG_OK, 0, LONG_OK),
            ("300-character-name", TOO_LONG, 2, "the file name is too long for this folder."),
        )
    )
]


@pytest.mark.parametrize(
    ("args", "code", "says"), [r[1:] for r in OUTPUTS], ids=[r[0] for r in OUTPUTS]
)
def test_output_names_a_folder_or_a_long_file_name(
    tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    if os.pathconf(tmp_path, "PC_NAME_MAX") < 255:
        pytest.skip("this file system allows shorter names")
    out = tmp_path / "out"
    (out / "DIR").mkdir(parents=True)
    (tmp_path / "b.json").write_text(result_with(lambda d: d.update(name="Sam")), "utf-8")
    args = [{"RESULT": "GOOD_RESULT", "RESULT_B": str(tmp_path / "b.json")}.get(a, a) for a in args]
    filled = [
        str(out / a) if a in ("DIR", LONG_OK, TOO_LONG) else a
        for a in fill_in(args, tmp_path, tmp_path / "unused")
    ]
    result = runner.invoke(app, filled)
    assert result.exit_code == code, result.output[-3000:]
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert says in result.stderr, result.stderr[-3000:]
    if code == 2:
        assert result.stderr.count("closeness-quiz: error:") == 1
        assert list((out / "DIR").iterdir()) == []
        assert [p.name for p in out.iterdir()] == ["DIR"]  # no temp file left behind
    else:
        assert (out / LONG_OK).stat().st_size > 0


# --- A Unicode digit typed at a --plain prompt: asked again, never read as the number -------------

# (case, what is typed first)
NOT_DIGITS: list[tuple[str, str]] = [
    ("superscript-three", "³"),
    ("arabic-indic-three", "٣"),
    ("fullwidth-three", "\uff13"),
    ("circled-three", "③"),
    ("control-characters", HOSTILE),
]


@pytest.mark.parametrize("typed", [r[1] for r in NOT_DIGITS], ids=[r[0] for r in NOT_DIGITS])
def test_a_reply_that_only_looks_like_a_number_is_asked_again(tmp_path: Path, typed: str) -> None:
    from closeness_quiz.quiz.loop import run_quiz
    from closeness_quiz.quiz.plain import make_ask
    from tests.helpers import small_bank

    replies = iter([typed, "3", "3", "3", "3", "3", "3", "1", "1"])
    shown: list[str] = []

    def read(prompt: str) -> str:
        shown.append(prompt)
        return next(replies)

    outcome = run_quiz(small_bank(tmp_path), make_ask(read=read, write=shown.append))
    assert shown.count("Please type a number from 1 to 5, or s to skip.") == 1
    assert outcome.answers["talk-1"] == 2  # the "3" typed next: Sometimes
    assert not any(typed in line for line in shown)  # the reply is not echoed back


# --- Ctrl-C outside a quiz: "stopped.", exit 130, and no advice to --resume -----------------------

# (command line, the module whose `run` is interrupted)
INTERRUPTED: list[tuple[list[str], str]] = [
    (["bank", "validate", "x.yaml"], "validate"),
    (["report", "x.json"], "report"),
    (["compare", "x.json", "y.json"], "compare"),
    (["history"], "history"),
    (["worksheet"], "worksheet"),
]


def interrupted(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("args", "module"), INTERRUPTED, ids=[r[1] for r in INTERRUPTED])
def test_ctrl_c_outside_take_says_stopped_without_resume_advice(
    monkeypatch: pytest.MonkeyPatch, args: list[str], module: str
) -> None:
    monkeypatch.setattr(
        importlib.import_module(f"closeness_quiz.commands.{module}"), "run", interrupted
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 130
    assert result.stderr == "closeness-quiz: stopped.\n"
    assert "--resume" not in result.output and "Traceback" not in result.output


# --- CLOSENESS_QUIZ_DEBUG: only a yes turns debugging on ------------------------------------------

# (the variable's value, whether it shows the traceback)
DEBUG_VALUES: list[tuple[str, bool]] = [
    ("0", False),
    ("no", False),
    ("false", False),
    ("off", False),
    ("", False),
    ("  ", False),
    ("2", False),
    ("1", True),
    ("yes", True),
    (" TRUE ", True),
    ("on", True),
]


def broken(**kwargs: object) -> None:
    raise RuntimeError("something inside broke")


@pytest.mark.parametrize(("value", "on"), DEBUG_VALUES, ids=[repr(v) for v, _ in DEBUG_VALUES])
def test_the_debug_variable_is_on_only_when_it_says_so(
    monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setattr(history_cmd, "run", broken)
    monkeypatch.setenv("CLOSENESS_QUIZ_DEBUG", value)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1
    if on:
        assert isinstance(result.exception, RuntimeError)  # raised on: its traceback is shown
    else:
        assert isinstance(result.exception, SystemExit)
        assert "please report it" in result.stderr and "something inside broke" in result.stderr


# --- A file with thousands of problems: `take` shows the first few, `bank validate` all ----------


@pytest.mark.parametrize(
    "args",
    [
        ["take", "--bank", "FILE", "--answers", "SMALL_ANSWERS", "--no-save"],
        ["worksheet", "--bank", "FILE"],
    ],
    ids=["take", "worksheet"],
)
def test_thousands_of_problems_are_a_short_message_and_validate_lists_them_all(
    tmp_path: Path, args: list[str]
) -> None:
    bank = tmp_path / "broken.yaml"
    extra = "".join(
        f"  - {{id: x-{n}, category: talk, text: More., colour: red}}\n" for n in range(3000)
    )
    bank.write_text(SMALL_BANK.replace("safety:\n", extra + "safety:\n"), encoding="utf-8")
    result = runner.invoke(app, fill_in(args, tmp_path, bank))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"closeness-quiz: error: {bank} has 3000 problems:"
    assert len(lines) == 22 and "unknown key 'colour'" in lines[1]
    assert lines[-1] == f"  ... and 2,980 more: closeness-quiz bank validate {bank} lists them all."
    every = runner.invoke(app, ["bank", "validate", str(bank)])
    assert every.exit_code == 2 and len(every.stderr.splitlines()) == 3001


def test_status_lines_wrap_at_spaces_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped-quiz and save messages on a terminal never break inside a word or a path."""
    import io

    from closeness_quiz import errors

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("COLUMNS", "40")
    path = "/home/someone/.local/share/closeness-quiz/closeness-default--robin.draft.json"
    errors.notice(f"Stopped. Your 3 answers are kept in a draft ({path}). Nothing was lost.")
    lines = stream.getvalue().splitlines()
    assert len(lines) > 1 and path + ")." in " ".join(lines)
    assert all(len(line) <= 39 or path in line for line in lines)


def test_report_by_name_in_a_results_folder_that_cannot_be_read(
    quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder is readable, so the refusal is simulated where it happens."""
    quiz_home.mkdir()
    real = Path.is_file

    def refused(self: Path) -> bool:
        if self.parent == quiz_home:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "is_file", refused)
    for args in (["report", "alex"], ["compare", "alex", "sam"]):
        done = runner.invoke(app, args)
        assert done.exit_code == 2, done.stderr
        assert "can't be read" in done.stderr and str(quiz_home) in done.stderr
        assert "Traceback" not in done.stderr


# --- Names no encoder can write, clocks Python can't hold, names of megabytes -------------------

LONE_SURROGATE = "A\ud800lex"  # what JSON's "A\\ud800lex" reads as: no UTF-8 file can hold it

# (case, command line: RESULT has the name, OTHER is a good result, OUT a file to write)
SURROGATE: list[tuple[str, list[str]]] = [
    *((f"report-{f}-output", ["report", "RESULT", "-f", f, "-o", "OUT"]) for f in ("text", "markdown", "html", "json")),
    *((f"compare-{f}-output", ["compare", "RESULT", "OTHER", "-f", f, "-o", "OUT"]) for f in ("text", "markdown", "html", "json")),
    ("report-to-the-terminal", ["report", "RESULT"]),
    ("history", ["history"]),
]  # fmt: skip


@pytest.mark.parametrize("args", [r[1] for r in SURROGATE], ids=[r[0] for r in SURROGATE])
def test_a_lone_surrogate_in_a_name_is_shown_as_its_escape(
    tmp_path: Path, quiz_home: Path, args: list[str]
) -> None:
    quiz_home.mkdir()
    paths = {"RESULT": quiz_home / "odd.json", "OTHER": tmp_path / "other.json"}
    paths["RESULT"].write_text(result_with(lambda d: d.update(name=LONE_SURROGATE)))
    paths["OTHER"].write_text(result_with(lambda d: d.update(name="Sam")))
    out = tmp_path / "out.txt"
    done = quiz(quiz_home, *[out if a == "OUT" else paths.get(a, a) for a in args])
    assert done.returncode == 0, done.stderr[-2000:]
    written = out.read_text(encoding="utf-8") if out.exists() else done.stdout
    assert "ud800" in written  # A\ud800lex, as its escape
    assert "Traceback" not in done.stderr


def test_take_resume_with_a_lone_surrogate_in_the_drafts_name_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    draft = quiz_home / "small.draft.json"
    draft.write_text(json.dumps({**DRAFT_OF_TWO, "name": LONE_SURROGATE}), encoding="utf-8")
    script = Script(draft, [2, 2, 2, 2, 0, 0])  # the four left, then the private two: Never
    done = take_here(monkeypatch, script, small_content(tmp_path), "--resume")
    assert done.exit_code == 0, done.output
    (saved,) = [p for p in quiz_home.glob("*.json") if "draft" not in p.name]
    result = json.loads(saved.read_text(encoding="utf-8"))
    assert result["name"] == "A\\ud800lex"
    assert result["answers"] == {
        "talk-1": 3, "talk-2": 1, "talk-3": 2, "talk-4": 2, "play-1": 2, "play-2": 2
    }  # fmt: skip


@pytest.mark.parametrize("zone", ["UTC-24", "UTC+24"])
def test_a_time_zone_a_whole_day_off_utc_still_takes_and_reports(
    tmp_path: Path, quiz_home: Path, zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)  # valid POSIX; Python's offsets stop short of 24 hours
    answers = tmp_path / "answers.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    for args in (["take", "--answers", answers, "--name", "Tz"], ["report", "tz"], ["history"]):
        done = quiz(quiz_home, *args)
        assert done.returncode == 0, (args, done.stderr[-2000:])
    (saved,) = quiz_home.glob("*.json")
    taken = datetime.fromisoformat(json.loads(saved.read_text())["taken_at"])
    assert abs((taken - datetime.now(UTC)).total_seconds()) < 600  # the real time, in UTC


def test_a_name_of_megabytes_is_cut_short_wherever_it_is_shown(
    tmp_path: Path, quiz_home: Path
) -> None:
    quiz_home.mkdir()
    huge = tmp_path / "huge.json"
    huge.write_text(result_with(lambda d: d.update(name="N" * 20_000_000)), encoding="utf-8")
    (quiz_home / "other.json").write_text(result_with(lambda d: d.update(name="Sam")))
    for args in (["report", huge], ["report", huge, "-f", "json"], ["compare", huge, "sam"]):
        done = quiz(quiz_home, *args)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "N" * 99 + "…" in done.stdout and "N" * 101 not in done.stdout
        assert len(done.stdout) < 100_000
    (quiz_home / "huge.json").write_text(huge.read_text(encoding="utf-8"), encoding="utf-8")
    done = quiz(quiz_home, "report", "kim")  # the names there are, in the message
    assert done.returncode == 2 and len(done.stderr) < 2000 and "N" * 99 + "…" in done.stderr


# --- Ctrl-C or SIGTERM while the result is being saved ------------------------------------------


def test_ctrl_c_during_the_final_save_keeps_the_result_once_and_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path
) -> None:
    import signal

    from closeness_quiz.commands import saving

    real = saving.write_new

    def interrupted(target: Path, text: str | bytes) -> Path:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the file is being written
        return real(target, text)

    monkeypatch.setattr(saving, "write_new", interrupted)
    script = Script(quiz_home / "small.draft.json", [3, 1, 2, 2, 2, 2, 0, 0])
    done = take_here(monkeypatch, script, small_content(tmp_path))
    assert done.exit_code == 130
    assert "Stopped, after your result was saved to" in done.stderr
    assert sorted(p.name for p in quiz_home.iterdir()) == [f"{datetime.now():%Y-%m-%d}-result.json"]


SIGTERM_DURING_SAVE = """
import os, signal, sys
from closeness_quiz.commands import saving
real = saving.write_new
def terminated(target, text):
    os.kill(os.getpid(), signal.SIGTERM)
    return real(target, text)
saving.write_new = terminated
from closeness_quiz.cli import main
sys.argv = ["closeness-quiz", "take", "--answers", sys.argv[1]]
main()
"""


def test_sigterm_during_the_final_save_leaves_the_result_and_no_temp_file(
    tmp_path: Path, quiz_home: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_SAVE, str(answers)],
        capture_output=True, text=True, timeout=HANG_TIMEOUT,
        env=env_for_subprocess(quiz_home), check=False,
    )  # fmt: skip
    assert done.returncode == -15, done.stderr
    assert sorted(os.listdir(quiz_home)) == [f"{datetime.now():%Y-%m-%d}-result.json"]


# --- File names that are escape sequences: history shows them harmlessly -----------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_history_shows_file_names_with_escape_sequences_harmlessly(
    quiz_home: Path, fmt: str
) -> None:
    quiz_home.mkdir()
    (quiz_home / "\x1b]0;pwned\x07\x1b[2J.json").write_text(good_result(), encoding="utf-8")
    (quiz_home / "\x1b[31mjunk.json").write_text("not json", encoding="utf-8")
    (quiz_home / "\u202enosj.json").write_text("[]", encoding="utf-8")
    done = quiz(quiz_home, "history", "--format", fmt)
    assert done.returncode == 0, done.stderr[-3000:]
    shown = done.stdout + done.stderr
    assert not UNSAFE.search(shown), repr(UNSAFE.findall(shown)[:5])
    assert "2026-03-01" in shown and "x1b]0;pwned" in shown and "u202enosj.json" in shown


# --- A worksheet's code blocks hold whatever a bank's labels and path hold ---------------------


def test_a_label_with_backticks_and_newlines_cant_end_the_worksheets_code_blocks(
    tmp_path: Path,
) -> None:
    import yaml

    label = "Never\\n```\\n<script>alert(1)</script>\\n```"
    bank = SMALL_BANK.replace("{value: 0, label: Never}", f'{{value: 0, label: "{label}"}}')
    folder = tmp_path / "odd ```\nfolder"
    folder.mkdir()
    (folder / "bank.yaml").write_text(bank, encoding="utf-8")
    done = runner.invoke(
        app, ["worksheet", "--bank", str(folder / "bank.yaml"), "--with-key", "-f", "markdown"]
    )
    assert done.exit_code == 0, done.output
    text = done.stdout
    blocks = re.findall(r"^(`{3,})(\w*)\n(.*?)\n\1$", text, flags=re.M | re.S)
    assert [info for _, info, _ in blocks] == ["sh", "yaml"]
    outside = re.sub(r"^(`{3,})(\w*)\n(.*?)\n\1$", "", text, flags=re.M | re.S)
    assert "<script>" not in outside  # only inside a code block, where it is shown as text
    template = yaml.safe_load(blocks[1][2])
    assert set(template) == {"talk-1", "talk-2", "talk-3", "talk-4", "play-1", "play-2"}
    assert all(value is None for value in template.values())  # every answer still blank


# --- Hints that work when followed -------------------------------------------------------------


@pytest.mark.parametrize("name", [None, "Alex", "\u202eAlex", "\x1b[2JSam"])
def test_the_resume_hint_after_ctrl_c_finds_the_same_draft_when_followed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quiz_home: Path, name: str | None
) -> None:
    import shlex

    content = small_content(tmp_path)  # a custom --bank: the hint must carry it
    named = ["--name", name] if name else []
    stopped = take_here(
        monkeypatch, Script(quiz_home / "x", [3, 1, KeyboardInterrupt]), content, *named
    )
    assert stopped.exit_code == 130, stopped.output
    assert not UNSAFE.search(stopped.stderr)
    hint = stopped.stderr.split("To go on where you left off, run:\n  ", 1)[1].splitlines()[0]
    words = shlex.split(hint)
    given = words[words.index("take") + 1 :]
    assert "--bank" in given and "--resume" in given
    if "--guidance" not in given:
        given += content[2:]  # the guidance file, which the draft doesn't depend on
    resumed = take_here(monkeypatch, Script(quiz_home / "x", [2, 2, 2, 2, 0, 0]), [], *given)
    assert resumed.exit_code == 0, resumed.output
    assert "Welcome back. 2 of 6 statements answered" in resumed.stdout + resumed.stderr


# --- Unclear before: each now does what was meant, or says plainly why not ---------------------


def test_a_utf16_answers_file_from_notepad_is_read(tmp_path: Path, quiz_home: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes("communication-01: 3\r\naffection-13: Often\r\n".encode("utf-16"))
    done = quiz(quiz_home, "take", "--answers", answers, "--no-save", "-f", "json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)["scores"]
    assert scores["communication"]["answered"] == 1 and scores["affection"]["answered"] == 1


def test_a_name_that_is_also_a_folder_here_is_looked_up_as_a_name(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz_home.mkdir()
    (quiz_home / "a.json").write_text(good_result(), encoding="utf-8")  # Alex's
    (tmp_path / "alex").mkdir()
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["report", "alex", "-f", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["name"] == "Alex"


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_output_dash_or_dev_stdout_is_standard_output_not_a_file(
    tmp_path: Path, quiz_home: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    result = tmp_path / "r.json"
    result.write_text(good_result(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = quiz(quiz_home, "report", result, "-f", "json", "-o", target)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == "Alex"
    assert sorted(os.listdir(tmp_path)) == ["r.json"]  # no file '-'
    assert "Wrote" not in done.stderr  # nor /dev/stdout-2: the report went to standard output


def test_thousands_of_junk_files_dont_bury_the_results_in_history(quiz_home: Path) -> None:
    quiz_home.mkdir()
    (quiz_home / "good.json").write_text(good_result(), encoding="utf-8")
    for number in range(500):
        (quiz_home / f"junk-{number:03}.json").write_text("not json", encoding="utf-8")
    done = quiz(quiz_home, "history")
    assert done.returncode == 0, done.stderr
    assert "1 result in" in done.stdout and "Skipped 500 files" in done.stdout
    assert "... and 480 more (--format json lists them all)." in done.stdout
    assert len(done.stdout.splitlines()) < 80
    listed = json.loads(quiz(quiz_home, "history", "-f", "json").stdout)["skipped"]
    assert len(listed) == 500


def test_the_report_hint_for_a_file_name_that_isnt_utf8_works_when_pasted(
    tmp_path: Path, quiz_home: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    target = os.fsdecode(os.fsencode(str(tmp_path)) + b"/res-\xff.json")
    done = quiz(quiz_home, "take", "--answers", answers, "--output", target)
    assert done.returncode == 0, done.stderr
    hint = done.stderr.split("See it again with:", 1)[1].split("\n")[1].strip()  # its own line
    assert "\\xff" in hint and not UNSAFE.search(hint)
    pasted = subprocess.run(
        ["bash", "-c", hint + " -f json"], capture_output=True, text=True,
        timeout=HANG_TIMEOUT, env=env_for_subprocess(quiz_home), check=False,
    )  # fmt: skip
    assert pasted.returncode == 0, pasted.stderr
    assert json.loads(pasted.stdout)["scores"]["communication"]["answered"] == 1


# --- Ctrl-Z in the arrow-key prompt: stops to the shell; `fg` comes back with nothing answered ---


@pytest.mark.terminal
def test_ctrl_z_suspends_the_quiz_and_fg_resumes_without_answering(quiz_home: Path) -> None:
    import shutil
    import time

    from tests.tmux import tmux

    server = f"cq-suspend-{os.getpid()}"
    env = env_for_subprocess(quiz_home)
    env.pop("TMUX", None)
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("needs bash for job control")

    def run(*args: str) -> str:
        return subprocess.run(
            [tmux(), "-L", server, *args], env=env, capture_output=True, text=True, check=True
        ).stdout

    def wait_for(text: str, after: int = 0) -> str:
        end = time.monotonic() + HANG_TIMEOUT
        while time.monotonic() < end:
            shown = run("capture-pane", "-p", "-J", "-S", "-", "-t", "quiz")
            if text in shown[after:]:
                return shown
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared:\n{shown}")

    first = load_bank().questions[0]
    draft = quiz_home / "closeness-default.draft.json"
    run("-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "80", "-y", "30",
        f"{bash} --norc --noprofile -i")  # fmt: skip
    try:
        run("send-keys", "-t", "quiz", f"{sys.executable} -m closeness_quiz take", "Enter")
        wait_for("Statement 1 of")
        run("send-keys", "-t", "quiz", "C-z")
        stopped = wait_for("Stopped")
        assert not draft.exists()  # nothing answered
        run("send-keys", "-t", "quiz", "fg", "Enter")
        wait_for("Statement 1 of", after=len(stopped))  # redrawn, still the first statement
        assert not draft.exists()  # `fg` and Enter went to the shell, not to the question
        run("send-keys", "-t", "quiz", "4", "Enter")
        wait_for("Statement 2 of")
        assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == {first.id: 3}
    finally:
        subprocess.run([tmux(), "-L", server, "kill-server"], env=env, check=False)


@pytest.mark.terminal
def test_narrowing_the_window_mid_question_rewraps_the_whole_statement(quiz_home: Path) -> None:
    import time

    from tests.tmux import tmux

    server = f"cq-resize-{os.getpid()}"
    env = env_for_subprocess(quiz_home)
    env.pop("TMUX", None)
    env.pop("COLUMNS", None)  # the live width, as in a real terminal
    env.pop("LINES", None)

    def run(*args: str) -> str:
        return subprocess.run(
            [tmux(), "-L", server, *args], env=env, capture_output=True, text=True, check=True
        ).stdout

    def prompt_after(mark: str, ends: str, whole: str = "") -> str:
        """The prompt as now drawn (from its last `mark`), once it shows `ends` (and `whole`
        unbroken: just after a resize the terminal may still show the old drawing cut up,
        until the program draws it again)."""
        end = time.monotonic() + HANG_TIMEOUT
        while time.monotonic() < end:
            shown = run("capture-pane", "-p", "-t", "quiz")
            drawn = shown[shown.rfind(mark) :] if mark in shown else ""
            if ends in drawn and whole in " ".join(drawn.split()):
                return " ".join(drawn.split())
            time.sleep(0.1)
        pytest.fail(f"{ends!r} (and {whole!r}) never appeared after {mark!r}:\n{shown}")

    statement = load_bank().questions[0].text
    run("-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "80", "-y", "30",
        f"{sys.executable} -m closeness_quiz take; sleep 60")  # fmt: skip
    try:
        assert statement in prompt_after("Statement 1 of", "Skip this question")
        run("resize-window", "-t", "quiz", "-x", "34")
        narrow = prompt_after("Statement 1 of", "Skip this question", whole=statement)
        assert statement in narrow, narrow  # every word, wrapped at 34 columns
        lines = run("capture-pane", "-p", "-t", "quiz").splitlines()
        assert all(len(line.rstrip()) <= 34 for line in lines)
    finally:
        subprocess.run([tmux(), "-L", server, "kill-server"], env=env, check=False)


def test_thousands_of_digits_are_no_number_to_crash_on(tmp_path: Path, quiz_home: Path) -> None:
    """Python refuses to turn a run of over 4,300 digits into a number: an unknown id made of
    them (an answers file) or a scale label of them (a bank) is still a clear exit 2 or fine."""
    digits = "1" * 5000
    answers = tmp_path / "digits.yaml"
    answers.write_text(
        f'communication-01: 3\n? x{digits}\n: 2\n? "{digits}"\n: 1\nguesses:\n  ? "{digits}"\n  : 1\n',
        encoding="utf-8",
    )
    assert_one_clear_error(
        quiz(quiz_home, "take", "--answers", str(answers), "--no-save"),
        answers.name,
        "unknown question id",
    )
    bank = tmp_path / "digits-bank.yaml"
    bank.write_text(
        SMALL_BANK.replace("{value: 0, label: Never}", f'{{value: 0, label: "{digits}"}}'),
        encoding="utf-8",
    )
    for args in (["bank", "validate", str(bank)], ["worksheet", "--bank", str(bank)]):
        done = quiz(quiz_home, *args)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
