"""The edge where errors become exit codes, in one place: 2 for bad input (a `UserError`),
130 for Ctrl-C, 1 for a bug, each with a short message and no traceback. `cli.py` wraps
every command in it, giving Typer's exit exception (this module imports no Typer)."""

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from closeness_quiz import __version__, errors
from closeness_quiz.errors import DEBUG_ENV, EXIT_INTERRUPTED, Exit, UserError, debugging
from closeness_quiz.safe_text import clean

F = TypeVar("F", bound=Callable[..., Any])


def error_edge(stop: type[Exception]) -> Callable[[F], F]:
    """A decorator that turns errors into `stop(code)`: 2 for bad input, 130 for Ctrl-C,
    1 for bugs."""

    def fail(message: str, code: int) -> Exception:
        """Print the message (any control character from a file shown as its escape)."""
        sys.stderr.write(f"closeness-quiz: {clean(message)}\n")
        return stop(code)

    def handle_errors(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return errors.unless_cut_short(func(*args, **kwargs))
            except BrokenPipeError:  # the reader went away (`| head`): quietly, as git does
                raise stop(errors.output_cut_short()) from None
            except UserError as exc:
                raise fail(f"error: {exc}", 2) from None
            except Exit as exc:  # the user has been told why already
                raise stop(exc.code) from None
            except (KeyboardInterrupt, EOFError):
                # `take` says itself what it kept; anywhere else nothing was being written.
                raise fail("stopped.", EXIT_INTERRUPTED) from None
            except stop:
                raise
            except Exception as exc:
                if debugging():
                    raise
                raise fail(
                    f"internal error: {type(exc).__name__}: {exc}\n"
                    f"This is a bug in closeness-quiz {__version__}; please report it "
                    f"(run again with --debug, or {DEBUG_ENV}=1, to see the details).",
                    1,
                ) from None

        return wrapper  # type: ignore[return-value]

    return handle_errors
