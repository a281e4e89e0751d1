"""Small builders for tests: inline banks and guidance written to tmp_path."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from textwrap import dedent
from typing import Any

from closeness_quiz.content.bank import Bank, load_bank
from closeness_quiz.content.guidance import Guidance, load_guidance
from closeness_quiz.content.scoring import Scores
from closeness_quiz.store.results import new_result, result_json
from closeness_quiz.store.writing import write_new

SMALL_BANK = """\
id: small
version: 1
title: Small bank
scale:
  - {value: 0, label: Never}
  - {value: 1, label: Rarely}
  - {value: 2, label: Sometimes}
  - {value: 3, label: Often}
  - {value: 4, label: Almost always}
categories:
  - {id: talk, title: Talk, description: How we talk.}
  - {id: play, title: Play, description: How we have fun.}
questions:
  - {id: talk-1, category: talk, text: We talk about our day., sign: surface-talk}
  - {id: talk-2, category: talk, text: I keep worries to myself., reverse: true, sign: withholding}
  - {id: talk-3, category: talk, text: I feel heard., sign: not-heard}
  - {id: talk-4, category: talk, text: Arguments go round in circles., reverse: true, sign: unresolved-conflict}
  - {id: play-1, category: play, text: We laugh together., sign: routine}
  - {id: play-2, category: play, text: We try new things., sign: nothing-new}
safety:
  - {id: safe-1, text: I feel afraid of my partner.}
  - {id: safe-2, text: I watch every word., signal_at: 2}
"""

SMALL_GUIDANCE = """\
version: 1
bands:
  - {id: low, label: Low, min: 0, counselling: true}
  - {id: middle, label: Middle, min: 50}
  - {id: high, label: High, min: 75}
notes:
  not_diagnosis: This is a conversation starter, not a diagnosis.
  counselling: A couples counsellor can help.
  safety_title: Your safety comes first
  safety: Please reach out in confidence to someone trained to help.
reflection:
  - What would you like more of?
categories:
  talk:
    summaries: {low: Talking is hard now., middle: Talking is mixed., high: Talking flows.}
    suggestions:
      - {id: listen, strategy: active-listening, signs: [not-heard], text: Listen for five minutes.}
      - {id: share, strategy: vulnerability, signs: [withholding], text: Share one worry.}
      - {id: deeper, strategy: meaningful-questions, signs: [surface-talk], text: Ask a big question.}
      - {id: pause, strategy: repair, questions: [talk-4], text: Agree on a pause.}
      - {id: general, strategy: daily-check-in, text: Check in daily.}
    starters:
      - {id: s1, strategy: meaningful-questions, signs: [surface-talk], text: What is on your mind?}
  play:
    summaries: {low: Play is rare., middle: Play is mixed., high: Play is alive.}
    suggestions:
      - {id: new, strategy: new-together, signs: [nothing-new], text: Try a new class.}
      - {id: laugh, strategy: happy-memories, signs: [routine], text: Share a funny memory.}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def small_bank(tmp_path: Path) -> Bank:
    return load_bank(write(tmp_path, "bank.yaml", SMALL_BANK))


def small_guidance(tmp_path: Path) -> Guidance:
    return load_guidance(write(tmp_path, "guidance.yaml", SMALL_GUIDANCE))


def build_result(
    bank: Bank,
    answers: Mapping[str, int],
    scores: Scores,
    *,
    name: str | None,
    taken_at: datetime,
) -> dict[str, Any]:
    """A result file's content, as `take` writes it (for tests that write or tamper with one)."""
    return result_json(new_result(bank, answers, name=name, taken_at=taken_at), scores)


def write_result(target: Path, data: Mapping[str, Any]) -> Path:
    """Write result data as `take` would: atomic, 0600, never over an existing file."""
    return write_new(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def respected(bank: Bank, answers: Mapping[str, int]) -> dict[str, int]:
    """`answers` with every critical statement ("My partner respects my no") answered on the
    close side, for tests about something else: a critical answer on the far side would make
    the report one for oneself alone and hide that area in a comparison."""
    close = {q.id: (0 if q.reverse else 4) for q in bank.questions if q.critical is not None}
    return {**answers, **{qid: v for qid, v in close.items() if qid in answers}}


PLAN_PROMPT = "press Enter for none:"  # the plan question's prompt (commands/take.py)


def past_the_plan(child: Any, then: str) -> None:
    """A pexpect child past the plan question, if ideas were shown (Enter: none), up to `then`."""
    if child.expect_exact([PLAN_PROMPT, then]) == 0:
        child.send("\r")
        child.expect_exact(then)
