"""The core returns or raises; it never prints. What the person should be told goes back to
the command layer (a return value, an exception, or a callback the command passes in), so
the same code runs under a test, a pipe or a terminal (STYLE.md).

Every module of the core packages is read as Python (not as text: a word in a docstring is
no call) and may not call print, typer.echo or errors.notice, nor touch sys.stdout or
sys.stderr. The exceptions are named below, each with why."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from closeness_quiz.store import locking, paths

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "closeness_quiz"
CORE = (
    "store",
    "content",
    "quiz",
    "report",
    "compare",
    "history",
    "checkin",
    "pooled",
    "worksheet",
)

# (module, function or None for the whole module): why it may talk to the terminal.
ALLOWED = {
    # The ask callables the command picks and passes to the quiz loop: they *are* the
    # terminal (STYLE.md, "one seam for prompts").
    ("quiz/prompts.py", None): "the arrow-key prompt",
    ("quiz/plain.py", None): "the plain, line-by-line prompt",
    # A developer's build step (`python -m closeness_quiz.content.compiled`), not the program.
    ("content/compiled.py", "main"): "the build script's own output",
}


def modules() -> list[Path]:
    return sorted(p for package in CORE for p in (PACKAGE / package).rglob("*.py"))


def talk(tree: ast.AST) -> list[tuple[int, str, str | None]]:
    """Where `tree` talks to the terminal: (line, what, the function it is in)."""
    found: list[tuple[int, str, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = function or node.name  # the top-level function it belongs to
        what = None
        if isinstance(node, ast.Call):
            callee = node.func
            name = callee.id if isinstance(callee, ast.Name) else None
            attr = callee.attr if isinstance(callee, ast.Attribute) else None
            if name in ("print", "notice") or attr in ("notice", "echo", "secho"):
                what = f"{name or attr}()"
        elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr"):
            if isinstance(node.value, ast.Name) and node.value.id == "sys":
                what = f"sys.{node.attr}"
        elif isinstance(node, ast.ImportFrom):
            names = {a.name for a in node.names}
            if node.module == "sys" and names & {"stdout", "stderr"}:
                what = "from sys import"
            if node.module == "closeness_quiz.errors" and "notice" in names:
                what = "import of notice"
            if (node.module or "").startswith("typer"):
                what = "import of typer"
        elif isinstance(node, ast.Import) and any(a.name.startswith("typer") for a in node.names):
            what = "import of typer"
        if what is not None:
            found.append((getattr(node, "lineno", 0), what, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, None)
    return found


def test_the_scan_covers_every_core_package_and_finds_what_it_looks_for() -> None:
    """The guard below could pass by looking at nothing: it looks at each package, and it
    sees each kind of talking when it is there."""
    seen = {p.relative_to(PACKAGE).parts[0] for p in modules()}
    assert seen == set(CORE)
    sample = (
        "import sys\nfrom closeness_quiz.errors import notice\nimport typer\n"
        "def f():\n    print('x')\n    sys.stderr.write('x')\n    notice('x')\n"
        "    typer.echo('x')\n"
    )
    assert [w for _, w, _ in talk(ast.parse(sample))] == [
        "import of notice", "import of typer", "print()", "sys.stderr", "notice()", "echo()"
    ]  # fmt: skip


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_core_module_prints(path: Path) -> None:
    where = path.relative_to(PACKAGE).as_posix()
    if (where, None) in ALLOWED:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    talking = [
        f"{where}:{line}: {what}"
        for line, what, function in talk(tree)
        if (where, function) not in ALLOWED
    ]
    assert talking == [], "the core returns or raises; the command layer tells the person"


def test_the_allowed_exceptions_still_exist() -> None:
    """An exception to the rule that no longer applies is taken off the list."""
    for where, function in ALLOWED:
        tree = ast.parse((PACKAGE / where).read_text(encoding="utf-8"))
        assert any(f == function or function is None for _, _, f in talk(tree)), where


# --- What used to be printed from the core now reaches the command layer -------------------


def test_a_results_folder_made_private_is_reported_not_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "results"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    told: list[Path] = []
    monkeypatch.setattr(paths, "_TOLD", [told.append])
    assert paths.results_dir() == home
    assert home.stat().st_mode & 0o777 == 0o700
    assert told == [home]
    assert paths.results_dir() == home and told == [home]  # private now: nothing more to say
    assert capsys.readouterr() == ("", "")


def test_a_mistyped_new_passphrase_is_said_by_the_caller(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["", "first", "other", "right", "right"])
    source = locking.Passphrases()
    monkeypatch.setattr(source, "ask", lambda _prompt: next(typed))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    told: list[str] = []
    assert source.new(told.append) == "right"
    assert told == [
        "The passphrase can't be empty.",
        "The two passphrases differ; please type them again.",
    ]
    assert capsys.readouterr() == ("", "")
