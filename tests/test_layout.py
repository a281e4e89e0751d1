"""The folder tree is the architecture: no two modules need each other, few modules at the
top, and no module named as a part of a sibling (`bank_parts`, `history_trend`)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "closeness_quiz"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module's imports of other modules of the package, inside functions and under
    TYPE_CHECKING too: a cycle there is still two modules that need each other."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*up, base] if base else up)
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rsplit(".", 1)[0] if "." in target else ""
                inside = name.startswith(target + ".")  # a package's own init
                if target not in ("", name, "closeness_quiz") and not inside:
                    graph[name].add(target)
    return graph


def test_no_two_modules_import_each_other() -> None:
    graph = import_graph()
    assert graph.get("closeness_quiz.cli")  # the graph is real

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            here = todo.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                todo += graph[here]
        return False

    cycles = sorted(f"{m} -> {t}" for m, ts in graph.items() for t in ts if reaches(t, m))
    assert cycles == []


def test_at_most_twelve_modules_at_the_top() -> None:
    top = [p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")]
    assert len(top) <= 12, sorted(top)


def test_no_module_is_named_as_a_part_of_a_sibling() -> None:
    suffixed = []
    for folder in [PACKAGE, *(p.parent for p in PACKAGE.rglob("__init__.py"))]:
        names = {p.stem for p in folder.glob("*.py")}
        suffixed += [f"{folder.name}/{n}" for n in names if n.split("_", 1)[0] in names - {n}]
    assert suffixed == []
