"""The only module that imports questionary: one arrow-key prompt per question.

Every text the prompt shows is wrapped at word boundaries to the terminal's width (measured
in cells), so no statement is ever cut at the edge. While a question is asked, the prompt is
live; once answered it is erased and one clean line stays in the scrollback: the statement
and the chosen answer. A private safety question leaves nothing at all, even after Ctrl-C.
Where the terminal's encoding can't show our glyphs, the prompt uses ASCII ones."""

from __future__ import annotations

import sys
from typing import Any

from closeness_quiz.content.scale import parse_answer
from closeness_quiz.quiz.loop import SHORTCUTS, Nav, Step
from closeness_quiz.render import display
from closeness_quiz.render.glyphs import ASCII, UNICODE, Glyphs
from closeness_quiz.render.lines import text_width, wrap

# The quiz makes no connection, but prompt_toolkit runs on asyncio, which loads OpenSSL for
# connections it might make: ~5 ms before the first question. asyncio takes a Python without
# ssl in its stride (its `ssl` is None then, so it can make no TLS connection in this process);
# `import ssl` itself works as usual afterwards.
_ssl_loaded = "ssl" in sys.modules
if not _ssl_loaded:
    sys.modules["ssl"] = None  # type: ignore[assignment]
try:
    import questionary
    from questionary import Choice as QChoice
finally:
    if not _ssl_loaded:
        del sys.modules["ssl"]

STYLE = questionary.Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("answer", "fg:ansicyan"),
        ("instruction", "fg:ansibrightblack"),
    ]
)


def glyphs() -> Glyphs:
    """The prompt's glyphs: ours, or ASCII where standard output's encoding can't show them."""
    return UNICODE if display.encodes(sys.stdout) else ASCII


def keys_hint(step: Step, g: Glyphs = UNICODE) -> str:
    count = min(SHORTCUTS, len(step.choices) + bool(step.not_applicable))
    back = f"{g.dot}b back" if step.can_go_back else ""
    return f"(arrows or 1-{count}, Enter{back}{g.dot}s skip)"


def message(step: Step, cols: int, g: Glyphs = UNICODE) -> str:
    """Progress, then the statement, wrapped to `cols` (the prompt mark takes two cells)."""
    lines = [*wrap(g.text(step.progress), cols - 2), *wrap(g.text(step.text), cols - 2)]
    lines += wrap(keys_hint(step, g), cols - 2)
    return "\n  ".join(lines)


class Rewrapped(str):
    """The prompt's text, wrapped again to the terminal's width each time it is drawn (the
    prompt formats it on every redraw): narrowing the window mid-question must not cut the
    statement off."""

    def __new__(cls, step: Step, g: Glyphs) -> Rewrapped:
        made = super().__new__(cls, message(step, text_width(), g))
        made.step, made.g = step, g
        return made

    step: Step
    g: Glyphs

    def __format__(self, spec: str) -> str:
        return format(message(self.step, text_width(), self.g), spec)


def build_question(step: Step, **kwargs: Any) -> Any:
    """The questionary select for one step (kwargs reach prompt_toolkit, e.g. input/output)."""
    g = glyphs()
    titles: list[tuple[str, int | str]] = [(g.text(c.label), c.value) for c in step.choices]
    if step.not_applicable:
        titles.append((g.text(step.not_applicable), Nav.NOT_APPLICABLE.value))
    choices: list[Any] = [
        QChoice(title=title, value=value, shortcut_key=str(i) if i <= SHORTCUTS else False)
        for i, (title, value) in enumerate(titles, 1)
    ]
    choices.append(QChoice(title="Skip this question", value=Nav.SKIP.value, shortcut_key="s"))
    if step.can_go_back:
        choices.append(QChoice(title="Go back", value=Nav.BACK.value, shortcut_key="b"))
    default = next((c for c in choices if c.value == step.current), None)
    question = questionary.select(
        Rewrapped(step, g),
        choices=choices,
        default=default,
        qmark="›" if g is UNICODE else ">",  # noqa: RUF001 - a gentle prompt mark, on purpose
        pointer="»" if g is UNICODE else ">",
        style=STYLE,
        use_shortcuts=True,
        use_arrow_keys=True,
        instruction=" ",
        **kwargs,
    )
    # Leave no live prompt behind: `ask` prints the one line that should stay.
    question.application.erase_when_done = True
    if not step.can_go_back:
        nothing_before(question, text_width(), g)
    _suspend_on_ctrl_z(question.application)
    return question


NOTHING_BEFORE = (
    "This is the first statement: there is nothing to go back to. Choose an answer, or s to skip."
)
notes_shown: list[int] = []  # lines the note left above the prompt, for `ask` to count


def nothing_before(question: Any, cols: int, g: Glyphs) -> None:
    """On the first statement `b` (go back, offered everywhere else) says there is nothing to
    go back to, and Enter then records nothing until an answer is chosen (a number, an
    arrow, s): a `b` then Enter out of habit must never become the highlighted answer."""
    from prompt_toolkit.application import run_in_terminal
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    waiting = [False]
    bindings = KeyBindings()  # merged last, so they win over questionary's while `waiting`

    def note() -> None:
        text = "\n".join(wrap(g.text(NOTHING_BEFORE), cols))
        print(text)
        notes_shown.append(text.count("\n") + 1)

    @bindings.add("b", eager=True)
    @bindings.add("B", eager=True)
    def _back(event: Any) -> None:
        if not waiting[0]:
            run_in_terminal(note)
        waiting[0] = True

    when = Condition(lambda: waiting[0])

    @bindings.add("enter", eager=True, filter=when)
    def _enter(event: Any) -> None:
        """Nothing chosen since `b`: nothing to record."""

    def chosen(move: Any) -> Any:
        def handler(event: Any) -> None:
            waiting[0] = False
            move()

        return handler

    def step_by(forward: bool) -> None:
        move = control.select_next if forward else control.select_previous
        move()
        while not control.is_selection_valid():
            move()

    for index, choice in enumerate(control.choices):
        if isinstance(choice.shortcut_key, str):
            bindings.add(choice.shortcut_key, eager=True, filter=when)(
                chosen(lambda index=index: setattr(control, "pointed_at", index))
            )
    for key, forward in (("down", True), ("j", True), ("up", False), ("k", False)):
        bindings.add(key, eager=True, filter=when)(chosen(lambda forward=forward: step_by(forward)))
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _suspend_on_ctrl_z(app: Any) -> None:
    """Ctrl-Z stops the quiz to the shell as everywhere else (`fg` brings it back, redrawn).
    Without it Ctrl-Z did nothing, and the `fg` and Enter typed next answered the question."""
    import signal

    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    if not hasattr(signal, "SIGTSTP"):
        return  # Windows: no job control
    bindings = KeyBindings()

    @bindings.add("c-z")
    def _suspend(event: Any) -> None:
        event.app.suspend_to_background()

    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def prompt_height(step: Step, cols: int, g: Glyphs) -> int:
    """Lines the prompt takes: its text, a line per choice (not applicable, skip, back too),
    and the line its answer is typed on."""
    choices = len(step.choices) + bool(step.not_applicable) + 1 + bool(step.can_go_back)
    return message(step, cols, g).count("\n") + 1 + choices + 1


def answered_line(step: Step, reply: int | Nav, cols: int, g: Glyphs = UNICODE) -> str | None:
    """What stays on screen after a question: nothing for a private one or for going back."""
    if step.private or reply is Nav.BACK:
        return None
    if reply is Nav.SKIP:
        answer = "skipped"
    elif reply is Nav.NOT_APPLICABLE:
        answer = step.not_applicable or "skipped"
    else:
        answer = next(c.label for c in step.choices if c.value == reply)
    number = f"{step.number}. "
    lines = wrap(g.text(f"{step.text}{g.dash}{answer}"), cols - len(number))
    # Hanging under the statement, so each answer's first line stands out in the scrollback.
    return "\n".join(
        (number if i == 0 else " " * len(number)) + line for i, line in enumerate(lines)
    )


# How many lines each answered step left on screen (its intro and its answered line), latest
# last: going back erases the previous step's, so the scrollback never holds a stale answer.
_shown: list[int] = []


def _erase(lines: int) -> None:
    if lines:
        sys.stdout.write(f"\x1b[{lines}A\r\x1b[J")
        sys.stdout.flush()


def _say(text: str) -> int:
    print(text)
    return text.count("\n") + 1


def ask(step: Step) -> int | Nav:
    """Ask one question in the terminal. Ctrl-C raises KeyboardInterrupt (unsafe_ask)."""
    cols = text_width()
    g = glyphs()
    display.protect(sys.stdout)
    if not step.can_go_back:  # the first question: nothing earlier is on screen to erase
        _shown.clear()
    printed = 0
    if step.intro:
        printed += _say("\n" + "\n".join(wrap(g.text(step.intro), cols)) + "\n")
    notes_shown.clear()
    try:
        raw = build_question(step).unsafe_ask()
    finally:
        printed += sum(notes_shown)  # erased with this step's lines if the person goes back
    reply = Nav(raw) if raw in {n.value for n in Nav} else None
    if reply is Nav.BACK:
        _erase(printed + (_shown.pop() if _shown else 0))
        return Nav.BACK
    value: int | Nav = reply if reply is not None else parse_answer(raw, step.choices, labels=False)
    if step.private and printed + prompt_height(step, cols, g) >= display.height() - 1:
        # Taller than the screen, the prompt pushed its own top lines (the private statement)
        # into the scrollback, where erasing can't reach: clear the screen and scrollback.
        sys.stdout.write(display.CLEAR_ALL)
        sys.stdout.flush()
        _shown.clear()
        return value
    line = answered_line(step, value, cols, g)
    if line is not None:
        printed += _say(line)
    _shown.append(printed)
    return value
