"""Private at rest: the folders the program makes, `forget`, and locked results.

Folders are 0700 whatever the umask; a results folder others can see into is tightened and
the person told once. `forget` deletes only what this program wrote in the results folder,
after asking. A locked result is an age file that Debian's `age -d` opens."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from closeness_quiz.cli import app
from tests.conftest import env_for_subprocess
from tests.helpers import past_the_plan
from tests.test_hostile import small_content
from tests.test_imports import imported

SMALL_ANSWERS = "communication-01: 3\ncommunication-03: 1\naffection-13: 4\n"


def run_quiz(
    home: Path, *args: str | Path, umask: int | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real program, in its own process (the umask is the process's own)."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "closeness_quiz", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for_subprocess(home),
        preexec_fn=set_umask,
        input=stdin,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(SMALL_ANSWERS, encoding="utf-8")
    return path


# --- Folders ------------------------------------------------------------------------------


def test_every_folder_made_is_private_even_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "a" / "b" / "results"
    out = tmp_path / "x" / "y" / "mine.json"
    answers = answers_file(tmp_path)
    done = run_quiz(home, "take", "--answers", answers, "--name", "Alex", umask=0)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", home):
        assert mode(folder) == 0o700, folder
    (saved,) = home.glob("*.json")
    assert mode(saved) == 0o600
    done = run_quiz(home, "take", "--answers", answers, "--output", out, umask=0)
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "x") == mode(tmp_path / "x" / "y") == 0o700
    assert mode(out) == 0o600
    assert "private to you" not in done.stderr  # made private: nothing to tighten


def test_report_output_folders_are_private_too(tmp_path: Path) -> None:
    home = tmp_path / "results"
    assert run_quiz(home, "take", "--answers", answers_file(tmp_path)).returncode == 0
    out = tmp_path / "shared" / "deep" / "report.html"
    done = run_quiz(home, "report", "-f", "html", "-o", out, umask=0)
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "shared") == mode(tmp_path / "shared" / "deep") == 0o700


@pytest.mark.parametrize("command", [["history"], ["report"], ["take", "--answers", "ANSWERS"]])
def test_a_results_folder_others_can_see_into_is_tightened_and_said_once(
    tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "results"
    assert run_quiz(home, "take", "--answers", answers_file(tmp_path)).returncode == 0
    home.chmod(0o755)
    args = [str(answers_file(tmp_path)) if a == "ANSWERS" else a for a in command]
    done = run_quiz(home, *args)
    assert done.returncode == 0, done.stderr
    assert mode(home) == 0o700
    said = [line for line in done.stderr.splitlines() if "private to you" in line]
    assert len(said) == 1, done.stderr
    assert str(home) in said[0] and "0700" in said[0]
    again = run_quiz(home, *args)
    assert "private to you" not in again.stderr


def test_a_folder_chosen_for_output_is_left_as_it_is(tmp_path: Path) -> None:
    """Only the results folder is the program's to tighten; --output may go anywhere."""
    home = tmp_path / "results"
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    done = run_quiz(home, "take", "--answers", answers_file(tmp_path), "-o", shared / "r.json")
    assert done.returncode == 0, done.stderr
    assert mode(shared) == 0o755


def test_a_results_folder_that_is_a_broken_link_says_so(tmp_path: Path) -> None:
    home = tmp_path / "results"
    home.symlink_to(tmp_path / "unplugged-drive" / "results")
    for command in (["take", "--answers", answers_file(tmp_path)], ["history"], ["report"]):
        done = run_quiz(home, *command)
        assert done.returncode == 2, command
        assert "link to a folder that isn't there" in done.stderr, command
        assert "File exists" not in done.stderr and "No saved results" not in done.stdout


# --- forget ----------------------------------------------------------------------------------

runner = CliRunner()
DRAFT = {
    "format": "closeness-quiz/draft",
    "format_version": 1,
    "bank": {"id": "closeness-default", "sha256": ""},
    "started_at": "2026-03-01T10:00:00+00:00",
    "answers": {"communication-01": 3},
}


@pytest.fixture
def folder(quiz_home: Path, tmp_path: Path) -> Path:
    """Two results for Alex (in two cases), one for Sam, and a draft each for Alex and Sam."""
    answers = answers_file(tmp_path)
    for name in ("Alex", "alex", "Sam"):
        done = runner.invoke(app, ["take", "--answers", str(answers), "--name", name])
        assert done.exit_code == 0, done.output
    for name in ("Alex", "Sam"):
        draft = quiz_home / f"closeness-default--{name.lower()}.draft.json"
        draft.write_text(json.dumps({**DRAFT, "name": name}), encoding="utf-8")
    return quiz_home


def files(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir())


def alex_files(home: Path) -> list[str]:
    return sorted(p.name for p in home.glob("*-alex*.json") if "draft" not in p.name)


def test_forget_a_name_deletes_every_result_with_it_in_any_case(folder: Path) -> None:
    before = files(folder)
    alex = alex_files(folder)
    assert len(alex) == 2
    done = runner.invoke(app, ["forget", "ALEX", "--yes"])
    assert done.exit_code == 0, done.output
    assert files(folder) == [f for f in before if f not in alex]  # Sam and both drafts stay
    assert "This deletes 2 files" in done.stderr and "Deleted 2 files." in done.stderr
    assert all(name in done.stderr for name in alex)


def test_forget_with_drafts_deletes_that_names_unfinished_quizzes_too(folder: Path) -> None:
    done = runner.invoke(app, ["forget", "alex", "--drafts", "--yes"])
    assert done.exit_code == 0, done.output
    assert "closeness-default--alex.draft.json" not in files(folder)
    assert "closeness-default--sam.draft.json" in files(folder)
    assert "unfinished quiz" in done.stderr and "Deleted 3 files." in done.stderr


def test_forget_a_file_by_path_or_by_its_name_in_the_folder(folder: Path) -> None:
    first, second = alex_files(folder)
    assert runner.invoke(app, ["forget", str(folder / first), "--yes"]).exit_code == 0
    assert runner.invoke(app, ["forget", second.removesuffix(".json"), "--yes"]).exit_code == 0
    assert alex_files(folder) == []
    assert any(name.endswith("-sam.json") for name in files(folder))


def test_forget_a_name_says_what_locked_results_it_cannot_see(folder: Path) -> None:
    """A locked result's name is locked too: `forget Alex` can't find it, and says so, so
    nobody believes every one of their results is gone when a locked one stays."""
    locked = folder / "2026-11-22-locked-3f9a.json.age"
    locked.write_bytes(b"age-encryption.org/v1\n")
    done = runner.invoke(app, ["forget", "alex", "--yes"])
    assert done.exit_code == 0, done.output
    assert "Not listed: 1 locked result in the folder" in done.stderr
    assert "give its file name" in done.stderr and locked.exists()
    done = runner.invoke(app, ["forget", locked.name, "--yes"])  # by its file name: no note
    assert done.exit_code == 0 and "Not listed" not in done.stderr and not locked.exists()


def test_forget_without_a_terminal_and_without_yes_deletes_nothing(folder: Path) -> None:
    before = files(folder)
    done = runner.invoke(app, ["forget", "alex", "--drafts"])
    assert done.exit_code == 2
    assert "no terminal to ask in" in done.stderr and "forget alex --drafts --yes" in done.stderr
    assert files(folder) == before


def outside(folder: Path, tmp_path: Path) -> str:
    path = tmp_path / "elsewhere.json"
    path.write_text((folder / alex_files(folder)[0]).read_text(encoding="utf-8"))
    return str(path)


def not_a_result(folder: Path, tmp_path: Path) -> str:
    path = folder / "notes.json"
    path.write_text('{"shopping": ["milk"]}', encoding="utf-8")
    return str(path)


def a_link(folder: Path, tmp_path: Path) -> str:
    link = folder / "2026-01-01-link.json"
    link.symlink_to(outside(folder, tmp_path))
    return str(link)


def a_folder(folder: Path, tmp_path: Path) -> str:
    (folder / "2026-01-01-box.json").mkdir()
    return "2026-01-01-box.json"


def a_yaml_file(folder: Path, tmp_path: Path) -> str:
    path = folder / "answers.yaml"
    path.write_text("communication-01: 3\n", encoding="utf-8")
    return str(path)


def a_fake_lock(folder: Path, tmp_path: Path) -> str:
    path = folder / "2026-01-01-locked-abcd.json.age"
    path.write_text("not age at all\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (outside, "is not in the results folder"),
        (not_a_result, "is not a result or an unfinished quiz saved by closeness-quiz"),
        (a_link, "is a link"),
        (a_folder, "is a folder"),
        (a_yaml_file, "is not a result or an unfinished quiz"),
        (a_fake_lock, "is not a result or an unfinished quiz"),
    ],
)
def test_forget_refuses_what_this_program_did_not_write_and_deletes_nothing(
    folder: Path, tmp_path: Path, make: Callable[[Path, Path], str], says: str
) -> None:
    given = make(folder, tmp_path)
    before = files(folder)
    done = runner.invoke(app, ["forget", "alex", given, "--yes"])
    assert done.exit_code == 2, done.output
    assert says in done.stderr and "Traceback" not in done.output
    assert files(folder) == before  # not even Alex's results, given first
    assert Path(given).exists() or (folder / given).exists()
    if Path(given).is_symlink():
        assert Path(given).resolve().exists()


def test_forget_refuses_a_draft_that_is_being_answered(folder: Path) -> None:
    from closeness_quiz.store.holder import DraftLock

    draft = folder / "closeness-default--alex.draft.json"
    lock = DraftLock.take(draft, "elsewhere", "no.")
    try:
        before = files(folder)
        done = runner.invoke(app, ["forget", "alex", "--drafts", "--yes"])
        assert done.exit_code == 2
        assert "being answered right now" in done.stderr
        assert files(folder) == before
    finally:
        lock.release()


def test_forget_a_name_with_nothing_lists_the_names_there_are(folder: Path) -> None:
    done = runner.invoke(app, ["forget", "kim", "--yes"])
    assert done.exit_code == 2
    assert "'kim'" in done.stderr and "Names with saved results: alex, Sam." in done.stderr


def in_a_terminal(home: Path, *args: str) -> pexpect.spawn:
    """The real program in its own pseudo-terminal, 60 columns wide, its output kept."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "closeness_quiz", *args],
        env=env_for_subprocess(home),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 60),
    )
    child.logfile_read = io.StringIO()
    return child


@pytest.mark.parametrize(("reply", "deleted"), [("", False), ("n", False), ("y", True)])
def test_forget_asks_in_a_terminal_and_the_default_is_no(
    folder: Path, reply: str, deleted: bool
) -> None:
    alex = alex_files(folder)
    child = in_a_terminal(folder, "forget", "alex")
    child.expect_exact("[y/N]")
    child.sendline(reply)
    child.expect(pexpect.EOF)
    child.close()
    shown = child.logfile_read.getvalue()
    assert child.exitstatus == 0, shown
    assert all(name in shown for name in alex)
    assert alex_files(folder) == ([] if deleted else alex)
    assert ("Deleted 2 files." in shown) is deleted
    assert ("Nothing was deleted." in shown) is not deleted


# --- Locked results ----------------------------------------------------------------------------

PASSPHRASE = "correct horse battery"
needs_pyrage = pytest.mark.skipif(
    importlib.util.find_spec("pyrage") is None, reason="needs pyrage (the lock extra)"
)


def passphrase_file(tmp_path: Path, text: str = PASSPHRASE) -> Path:
    path = tmp_path / f"pass-{len(text)}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def locked_take(home: Path, tmp_path: Path, name: str = "Alex") -> Path:
    before = set(home.glob("*.age")) if home.exists() else set()
    done = run_quiz(
        home, "take", "--answers", answers_file(tmp_path), "--name", name, "--lock",
        "--passphrase-file", passphrase_file(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (path,) = set(home.glob("*.age")) - before
    return path


@needs_pyrage
def test_a_locked_result_is_age_named_after_no_one_and_opens_with_its_passphrase(
    tmp_path: Path,
) -> None:
    home = tmp_path / "results"
    path = locked_take(home, tmp_path)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d-locked-[0-9a-f]{4}\.json\.age", path.name)
    data = path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"Alex" not in data and b"communication" not in data
    assert mode(path) == 0o600
    assert list(home.glob("*.json")) == []  # nothing in the clear beside it
    done = run_quiz(
        home, "report", path, "-f", "json", "--passphrase-file", passphrase_file(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["name"] == "Alex" and report["scores"]["communication"]["answered"] == 2
    by_file_name = run_quiz(
        home, "report", path.name.removesuffix(".json.age"), "--passphrase-file",
        passphrase_file(tmp_path),
    )  # fmt: skip
    assert by_file_name.returncode == 0 and "Alex" in by_file_name.stdout


@needs_pyrage
def test_a_wrong_or_missing_passphrase_is_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "results"
    path = locked_take(home, tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns, files(home))
    wrong = run_quiz(home, "report", path, "--passphrase-file", passphrase_file(tmp_path, "nope"))
    assert wrong.returncode == 2
    assert "passphrase is wrong" in wrong.stderr and path.name in wrong.stderr
    assert "Traceback" not in wrong.stderr and wrong.stdout == ""
    none = run_quiz(home, "report", path, stdin="")
    assert none.returncode == 2 and "--passphrase-file" in none.stderr
    for done in (wrong, none):
        assert done.stderr.count("closeness-quiz: error:") == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns, files(home)) == before


@needs_pyrage
def test_history_lists_a_locked_result_it_cant_open_by_its_date_only(tmp_path: Path) -> None:
    home = tmp_path / "results"
    path = locked_take(home, tmp_path)
    done = run_quiz(home, "history", stdin="")
    assert done.returncode == 0, done.stderr
    assert path.name in done.stdout and "locked" in done.stdout and "Alex" not in done.stdout
    as_json = run_quiz(home, "history", "-f", "json", stdin="")
    assert "Alex" not in as_json.stdout and path.name in as_json.stdout
    opened = run_quiz(home, "history", "--passphrase-file", passphrase_file(tmp_path))
    assert opened.returncode == 0 and "Alex" in opened.stdout and "Skipped" not in opened.stdout


@needs_pyrage
def test_compare_opens_two_locked_results_with_one_passphrase(tmp_path: Path) -> None:
    home = tmp_path / "results"
    alex, sam = locked_take(home, tmp_path, "Alex"), locked_take(home, tmp_path, "Sam")
    done = run_quiz(
        home, "compare", alex, sam, "-f", "json", "--passphrase-file", passphrase_file(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    compared = json.loads(done.stdout)
    assert (compared["a"]["name"], compared["b"]["name"]) == ("Alex", "Sam")


def test_lock_without_pyrage_says_how_to_install_and_saves_nothing(
    quiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyrage", None)  # import pyrage fails, as if not installed
    done = runner.invoke(app, ["take", "--answers", str(answers_file(tmp_path)), "--lock"])
    assert done.exit_code == 2
    assert "pip install 'closeness-quiz[lock]'" in done.stderr
    assert not quiz_home.exists() or files(quiz_home) == []
    monkeypatch.setenv("CLOSENESS_QUIZ_LOCK", "1")
    done = runner.invoke(app, ["take", "--answers", str(answers_file(tmp_path))])
    assert done.exit_code == 2 and "closeness-quiz[lock]" in done.stderr


@needs_pyrage
def test_report_of_an_ordinary_result_never_imports_pyrage(tmp_path: Path) -> None:
    home = tmp_path / "results"
    assert run_quiz(home, "take", "--answers", answers_file(tmp_path)).returncode == 0
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "closeness_quiz", "report"],
        capture_output=True, text=True, env=env_for_subprocess(home), timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert "pyrage" not in imported(done.stderr)
    assert "closeness_quiz.store.locking" not in imported(done.stderr)


@needs_pyrage
@pytest.mark.skipif(shutil.which("age") is None, reason="needs the age command (apt install age)")
def test_debians_age_decrypts_a_locked_result_to_the_usual_json(tmp_path: Path) -> None:
    home = tmp_path / "results"
    path = locked_take(home, tmp_path)
    out = tmp_path / "opened.json"
    # age reads a passphrase only from the terminal: give it one.
    child = pexpect.spawn("age", ["-d", "-o", str(out), str(path)], encoding="utf-8", timeout=60)
    child.expect("passphrase")
    child.sendline(PASSPHRASE)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "closeness-quiz/result" and data["name"] == "Alex"
    assert data["answers"] == {"communication-01": 3, "communication-03": 1, "affection-13": 4}


def take_locked_in_a_terminal(home: Path, content: list[str], *args: str) -> pexpect.spawn:
    return in_a_terminal(home, "take", "--plain", "--lock", "--name", "Alex", *content, *args)


@needs_pyrage
def test_a_locked_take_asks_twice_keeps_drafts_locked_and_resumes_with_the_passphrase(
    tmp_path: Path,
) -> None:
    home = tmp_path / "results"
    content = small_content(tmp_path)
    child = take_locked_in_a_terminal(home, content)
    child.expect_exact("Choose a passphrase")
    child.sendline(PASSPHRASE)
    child.expect_exact("Type it again")
    child.sendline(PASSPHRASE)
    for reply in ("2", "3"):
        child.expect_exact("Your answer")
        child.sendline(reply)
    child.expect_exact("Your answer")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    shown = child.logfile_read.getvalue()
    assert child.exitstatus == 130, shown
    assert PASSPHRASE not in shown  # never echoed
    assert "--resume --lock" in shown
    names = files(home)
    assert names == ["small--locked.draft.json.age", "small--locked.key.age"]  # no name
    for name in names:
        data = (home / name).read_bytes()
        assert data.startswith(b"age-encryption.org/v1\n")
        assert b"talk-1" not in data and b"Alex" not in data
    child = take_locked_in_a_terminal(home, content, "--resume")
    child.expect_exact("Passphrase of your unfinished locked quiz")
    child.sendline(PASSPHRASE)
    child.expect_exact("2 of 6 statements answered")
    for _ in range(6):  # the other four, then the two private ones: Never
        child.expect_exact("Your answer")
        child.sendline("1")
    past_the_plan(child, "Save your scores on this computer? [Y/n]")  # asked of every take
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.logfile_read.getvalue()
    (result,) = home.glob("*-locked-*.json.age")
    assert files(home) == [result.name]  # the draft and its key are gone
    done = run_quiz(
        home, "report", result, "-f", "json", "--passphrase-file", passphrase_file(tmp_path)
    )
    assert json.loads(done.stdout)["name"] == "Alex"


def test_lock_without_a_terminal_or_a_passphrase_file_says_what_it_needs(
    tmp_path: Path, quiz_home: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("communication-01: 3\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["take", "--answers", str(answers), "--lock"])
    assert done.exit_code == 2
    assert "--lock needs a passphrase" in done.stderr and "--passphrase-file" in done.stderr
    assert "is locked" not in done.stderr and not list(quiz_home.glob("*"))
