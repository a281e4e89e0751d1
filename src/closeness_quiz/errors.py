"""The one error type a user sees: which file, which id or field, and what is wrong."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input. The CLI prints it and exits with code 2."""

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        where: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = Path(path) if path is not None else None
        self.where = where
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path is not None:
            location = str(self.path)
            if self.line is not None:
                location += f", line {self.line}"
            parts.append(location)
        if self.where:
            parts.append(self.where)
        head = ": ".join(parts)
        message = f"{head}: {self.problem}" if head else self.problem
        if self.hint:
            message += f" {self.hint}"
        return message


class ValidationError(UserError):
    """Several problems found in one file at once (for `bank validate` and loading)."""

    def __init__(self, path: Path | str, problems: list[UserError]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        detail = "; ".join(
            f"{p.where + ': ' if p.where else ''}{p.problem}"
            + (f" (line {p.line})" if p.line else "")
            for p in problems
        )
        super().__init__(f"{count} {noun}: {detail}", path=path)
