"""Safety first: after a signalled private screen, everything the person sees changes.

The private notice comes first, nothing done with or towards the partner is suggested, support
for oneself stands where couples counselling would, help is listed at the end of every report,
nothing is saved without asking, and no private statement stays on the screen."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from closeness_quiz.cli import app
from closeness_quiz.commands.common import render
from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.quiz import prompts
from closeness_quiz.quiz.session import DraftKeeper, Progress, Store, take
from closeness_quiz.report.view import build_report
from tests.conftest import env_for_subprocess
from tests.helpers import PLAN_PROMPT
from tests.tmux import tmux

BANK = load_bank()
GUIDANCE = load_guidance()
NOTES = GUIDANCE.notes
TOGETHER = {t.id: t.text for c in GUIDANCE.categories.values() for t in c.suggestions if t.together}
STARTERS = [t.text for c in GUIDANCE.categories.values() for t in c.starters]
SUMMARIES = [s for c in GUIDANCE.categories.values() for s in c.summaries.values()]
# Every answer far from close, but for the critical statements ("My partner respects my no"),
# answered close: so that what changes the report here is the private screen alone.
LOW = {
    q.id: (4 if q.reverse else 0) if q.critical is None else (0 if q.reverse else 4)
    for q in BANK.questions
}
TIME = re.compile(r"\d{4}-\d\d-\d\d(T[0-9:.+-]+)?")
runner = CliRunner()


def squash(text: str) -> str:
    return " ".join(text.split())


def check_signalled_report(text: str) -> None:
    """What the person who signalled fear sees on their terminal: the private notice first,
    then the report for oneself alone."""
    flat = squash(text)
    assert flat.index(NOTES.safety_title) < flat.index("Communication")
    assert squash(NOTES.safety.splitlines()[0]) in flat
    for place in ("1-800-799-7233", "0808 2000 247", "1800 737 732", "findahelpline.com"):
        assert place in flat
    check_solo_report(text, support_first=False)  # the notice said it: support is at the end


def check_solo_report(text: str, *, support_first: bool = True) -> None:
    """A report for oneself alone: support for oneself (before the scores, unless the private
    notice came first), no couples counselling, no idea done with or towards the partner, no
    starter, no area summary (they speak of working on it together), and where to find help
    at the end."""
    flat = squash(text)
    support = flat.index(squash(NOTES.individual_support))
    assert (support < flat.index("Communication")) == support_first
    assert squash(NOTES.counselling) not in flat
    for summary in SUMMARIES:
        assert squash(summary) not in flat, summary[:60]
    assert flat.rstrip().endswith(squash(NOTES.resources)) or squash(NOTES.resources) in flat[-600:]
    for text_ in TOGETHER.values():
        assert squash(text_) not in flat, text_[:60]
    for starter in STARTERS:
        assert squash(starter) not in flat


def answers_file(tmp_path: Path, extra: dict[str, object]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({**LOW, **extra}), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_signalled_take_written_to_a_file_is_exactly_the_solo_report(
    tmp_path: Path, fmt: str
) -> None:
    """Output that is not the terminal (here CliRunner's) gets the report for oneself alone,
    the same as --solo gives for the same answers: no notice, no trace of the signal."""

    def printed(extra: dict[str, object], *flags: str) -> str:
        done = runner.invoke(
            app, ["take", "--answers", str(answers_file(tmp_path, extra)), "--no-save",
                  "--format", fmt, *flags],
        )  # fmt: skip
        assert done.exit_code == 0, done.stderr
        return TIME.sub("DATE", done.stdout)

    signalled = printed({"safety-01": 2})
    assert signalled == printed({"safety-01": 0}, "--solo")
    assert signalled != printed({"safety-01": 0})  # the signal did change it
    for trace in (NOTES.safety_title, "1-800-799-7233", "note-safety", '"safety"'):
        assert trace not in signalled
    text = signalled
    if fmt == "html":
        import html

        text = html.unescape(text.replace("<", " <"))
    if fmt != "json":
        check_solo_report(text)


def test_the_json_view_after_a_signal_behaves_the_same(tmp_path: Path) -> None:
    done = runner.invoke(
        app, ["take", "--answers", str(answers_file(tmp_path, {"safety-10": 1})), "--no-save",
              "-f", "json"],
    )  # fmt: skip
    view = json.loads(done.stdout)
    assert view["notes"] == ["individual_support", "not_diagnosis", "resources"]
    ideas = [i["id"] for i in view["focus"]] + [
        i["id"] for c in view["categories"].values() for i in c["ideas"]
    ]
    assert ideas and not set(ideas) & set(TOGETHER)
    assert "safety-10" not in done.stdout
    plain = runner.invoke(
        app, ["take", "--answers", str(answers_file(tmp_path, {})), "--no-save", "-f", "json"]
    )
    assert json.loads(plain.stdout)["notes"] == ["counselling", "not_diagnosis", "resources"]


@pytest.mark.parametrize(
    ("private", "signals"),
    [
        ({"safety-03": "Rarely"}, False),  # walking on eggshells, Rarely, alone
        ({"safety-03": "Rarely", "safety-04": "Rarely"}, True),  # and insults, Rarely: together
        ({"safety-04": "Sometimes"}, True),
        ({"safety-14": "Rarely"}, True),  # choked or strangled, ever: any answer but Never
        ({"safety-13": "Rarely"}, True),  # threats to children or pets
        ({"safety-03": "Rarely", "safety-04": "Never"}, False),
    ],
)
def test_the_screens_thresholds_through_take(
    tmp_path: Path, private: dict[str, str], signals: bool
) -> None:
    """The default screen as `take` applies it: any Rarely on the highest-risk statements,
    Sometimes on the others, or two lower answers together make the report one for oneself."""
    done = runner.invoke(
        app, ["take", "--answers", str(answers_file(tmp_path, private)), "--no-save", "-f", "json"]
    )
    assert done.exit_code == 0, done.stderr
    notes = json.loads(done.stdout)["notes"]
    assert (notes[0] == "individual_support") is signals, notes


def test_everyone_sees_where_to_find_help_at_the_end(tmp_path: Path) -> None:
    strong = {q.id: (0 if q.reverse else 4) for q in BANK.questions}
    path = tmp_path / "strong.yaml"
    path.write_text(yaml.safe_dump(strong), encoding="utf-8")
    done = runner.invoke(app, ["take", "--answers", str(path), "--no-save"])
    flat = squash(done.stdout)
    assert flat.endswith(squash(NOTES.resources))
    assert NOTES.safety_title not in flat and squash(NOTES.counselling) not in flat


def test_a_result_saved_after_a_signal_has_the_same_shape(tmp_path: Path) -> None:
    shapes = []
    for extra, name in (({"safety-01": 4}, "signal.json"), ({"safety-01": 0}, "none.json")):
        target = tmp_path / name
        done = runner.invoke(
            app, ["take", "--answers", str(answers_file(tmp_path, extra)), "-o", str(target)]
        )
        assert done.exit_code == 0, done.stderr
        data = json.loads(target.read_text(encoding="utf-8"))
        shapes.append((sorted(data), sorted(data["answers"]), data["scores"], data["overall"]))
        assert "safety" not in target.read_text(encoding="utf-8")
    assert shapes[0] == shapes[1]


def test_a_signalled_take_with_real_prompts(tmp_path: Path) -> None:
    """Through prompt_toolkit pipe input: answers, then a private answer that signals."""
    keys = "".join(f"{LOW[q.id] + 1}\r" for q in BANK.questions)
    keys += "3\r" + "1\r" * (len(BANK.safety) - 1)  # safety-01 "Sometimes": a signal
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        quiet = Progress(*[lambda _: None] * 3)
        with DraftKeeper.open(
            BANK, Store(tmp_path), None, resume=False, discard=False, keep=True, progress=quiet
        ) as keeper:
            taken = take(BANK, GUIDANCE, ask=prompts.ask, keeper=keeper)
    assert taken is not None and taken.signalled
    assert taken.result.answers == LOW
    view = build_report(taken.result, GUIDANCE, taken.scores, notice=taken.signalled)
    check_signalled_report(render("report", view, "text"))


@pytest.mark.terminal
def test_no_private_statement_stays_on_screen_and_enter_saves_nothing(quiz_home: Path) -> None:
    server = f"cq-safety-{os.getpid()}"
    env = env_for_subprocess(quiz_home)
    env.pop("TMUX", None)
    command = f"{sys.executable} -m closeness_quiz take --name Robin; echo EXIT=$?; sleep 60"

    def run(*args: str) -> str:
        return subprocess.run(
            [tmux(), "-L", server, *args], env=env, capture_output=True, text=True, check=True
        ).stdout

    def screen() -> str:
        return run("capture-pane", "-p", "-J", "-S", "-", "-t", "quiz")

    def wait_for(text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared:\n{screen()}")

    run("-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "80", "-y", "30", command)
    try:
        scored = len(BANK.questions)
        for number, question in enumerate(BANK.questions, 1):
            wait_for(f"Statement {number} of {scored}")
            run("send-keys", "-t", "quiz", "5" if question.reverse else "1", "Enter")
        private = len(BANK.safety)
        for number in range(1, private + 1):
            wait_for(f"Private question {number} of {private}")
            run("send-keys", "-t", "quiz", "4" if number == 1 else "1", "Enter")
        wait_for(PLAN_PROMPT)
        run("send-keys", "-t", "quiz", "Enter")
        wait_for("Save your scores on this computer? [y/N]")
        run("send-keys", "-t", "quiz", "Enter")
        wait_for("Clear this screen now, so that none of this stays on it? [Y/n]")
        run("send-keys", "-t", "quiz", "n", "Enter")  # kept, to look at the scrollback
        shown = wait_for("EXIT=0")
    finally:
        subprocess.run([tmux(), "-L", server, "kill-server"], env=env, check=False)
    flat = squash(shown)
    for question in BANK.safety:
        assert squash(question.text) not in flat, question.text
    assert "Private question" not in flat
    assert NOTES.safety_title in flat and "Nothing was saved." in flat
    # The scored statements each left one clean line; the private ones none.
    assert squash(BANK.questions[0].text) in flat
    leftovers = (
        [p for p in quiz_home.glob("*") if p.suffix == ".json"] if quiz_home.exists() else []
    )
    assert leftovers == []  # no result, and the draft is gone too
