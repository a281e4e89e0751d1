"""Ideas follow the respondent's own weakest answers, not a generic list; strengths are only
what was answered on the close side; after a safety signal nothing is done with the partner."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from closeness_quiz.content.bank import load_bank
from closeness_quiz.content.guidance import load_guidance
from closeness_quiz.content.scoring import score
from closeness_quiz.report.tailoring import for_area, matching, strengths, weak
from closeness_quiz.report.view import ReportView, build_report, said
from closeness_quiz.store.results import new_result
from tests.helpers import respected, small_bank, small_guidance

BANK = load_bank()
GUIDANCE = load_guidance()


def test_weakest_answer_gets_its_idea_first(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    tips = guidance.categories["talk"].suggestions
    # talk-3 ("I feel heard") answered Never: the listening idea leads.
    ideas = matching(talk, {"talk-1": 2, "talk-2": 3, "talk-3": 0, "talk-4": 2}, tips, "talk")
    # weakest first: talk-3 (keyed 0), talk-2 (reverse: 4 - 3 = 1), then talk-1 (keyed 2)
    assert [i.tip.id for i in ideas] == ["listen", "share", "deeper", "pause"]
    assert [q.id for q in ideas[0].because] == ["talk-3"]


def test_same_score_different_weak_points_different_ideas(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    tips = guidance.categories["talk"].suggestions
    a = {"talk-1": 0, "talk-2": 0, "talk-3": 4, "talk-4": 2}  # weak: surface talk
    b = {"talk-1": 4, "talk-2": 0, "talk-3": 0, "talk-4": 2}  # weak: not heard
    assert (
        score(bank, guidance, a).categories["talk"].score
        == score(bank, guidance, b).categories["talk"].score
    )
    first_a = matching(talk, a, tips, "talk")[0].tip.id
    first_b = matching(talk, b, tips, "talk")[0].tip.id
    assert (first_a, first_b) == ("deeper", "listen")


def test_a_general_idea_only_when_an_area_has_weak_answers_but_none_tied(tmp_path: Path) -> None:
    bank, guidance = small_bank(tmp_path), small_guidance(tmp_path)
    talk = bank.questions_in("talk")
    tips = guidance.categories["talk"].suggestions
    untied = [t for t in tips if t.id in ("general",)]
    ideas = for_area(talk, {"talk-1": 0, "talk-3": 3}, untied, "talk", exclude=set())
    assert [i.tip.id for i in ideas] == ["general"] and ideas[0].because == ()
    assert for_area(talk, {"talk-1": 4, "talk-3": 4}, untied, "talk", exclude=set()) == []


def test_strengths_are_never_below_keyed_3(tmp_path: Path) -> None:
    bank = small_bank(tmp_path)
    talk = bank.questions_in("talk")
    # talk-2 and talk-4 are reverse-keyed: Rarely (1) keys as 3, Sometimes (2) as 2.
    answers = {"talk-1": 2, "talk-2": 1, "talk-3": 4, "talk-4": 2}
    assert [q.id for q in strengths(talk, answers)] == ["talk-3", "talk-2"]
    assert all(q.keyed(answers[q.id]) >= 3 for q in strengths(talk, answers))
    assert [q.id for q in weak(talk, answers)] == ["talk-1", "talk-4"]
    assert strengths(talk, {"talk-1": 2, "talk-2": 2, "talk-3": 1}) == []


def view_of(answers: dict[str, int], **kwargs: bool) -> ReportView:
    result = new_result(BANK, answers, name="Sam", taken_at=datetime(2026, 11, 22, tzinfo=UTC))
    return build_report(result, GUIDANCE, **kwargs)


def all_strong_but(category: str) -> dict[str, int]:
    answers = {q.id: (0 if q.reverse else 4) for q in BANK.questions}
    for q in BANK.questions_in(category):
        answers[q.id] = 4 if q.reverse else 0
    return respected(BANK, answers)


def test_default_content_start_here_follows_the_weakest_answers() -> None:
    view = view_of(all_strong_but("communication"))
    by_id = {c.id: c for c in view.categories}
    assert by_id["communication"].band == "strained"
    assert 1 <= len(view.focus) <= 3
    weak_ids = {q.id for q in BANK.questions_in("communication")}
    assert all(i.category == "communication" and set(i.because) <= weak_ids for i in view.focus)
    assert all(i.because for i in view.focus)
    for strong in ("affection", "trust", "time-together"):
        assert by_id[strong].band == GUIDANCE.bands[-1].id
        assert by_id[strong].ideas == () and by_id[strong].hardest == ()
    assert [n.id for n in view.notes] == ["counselling", "not_diagnosis", "resources"]


def test_two_people_with_the_same_area_score_get_different_focus() -> None:
    trust = BANK.questions_in("trust")
    base = {q.id: (1 if q.reverse else 3) for q in BANK.questions}
    first, second = dict(base), dict(base)
    # Each is low on a different pair of trust statements: the same score, other weak points.
    for answers, pair in ((first, trust[:2]), (second, trust[-2:])):
        for q in pair:
            answers[q.id] = 4 if q.reverse else 0
    a, b = view_of(first), view_of(second)
    area_a = next(c for c in a.categories if c.id == "trust")
    area_b = next(c for c in b.categories if c.id == "trust")
    assert area_a.score == area_b.score
    assert [i.id for i in a.focus] != [i.id for i in b.focus]
    assert set(a.focus[0].because) <= {q.id for q in trust[:2]}
    assert set(b.focus[0].because) <= {q.id for q in trust[-2:]}


def test_each_statement_is_quoted_once_and_an_area_shows_at_most_two_more_ideas() -> None:
    answers = respected(BANK, {q.id: (4 if q.reverse else 0) for q in BANK.questions})
    view = view_of(answers)
    for cat in view.categories:
        assert len(cat.ideas) <= 2
        quoted = [i.id for i in (*cat.strengths_shown, *cat.hardest_shown)]
        assert len(quoted) == len(set(quoted))
    everything = view_of(answers, show_all=True)
    assert sum(len(c.ideas) for c in everything.categories) > sum(
        len(c.ideas) for c in view.categories
    )


def test_an_area_with_no_strengths_says_so_and_reverse_strengths_read_naturally() -> None:
    view = view_of({q.id: (4 if q.reverse else 0) for q in BANK.questions})
    assert all(c.strengths == () for c in view.categories)
    good = view_of({q.id: (0 if q.reverse else 4) for q in BANK.questions})
    reverse = next(s for c in good.categories for s in c.strengths if s.reverse)
    before, text, after = said(reverse)
    assert before == "You said this never happens: " and after == "" and text == reverse.text


def test_after_a_safety_signal_nothing_is_done_with_the_partner() -> None:
    answers = respected(BANK, {q.id: (4 if q.reverse else 0) for q in BANK.questions})
    together = {t.id for c in GUIDANCE.categories.values() for t in c.suggestions if t.together}
    view = view_of(answers, notice=True, show_all=True)
    shown = {i.id for i in view.focus} | {i.id for c in view.categories for i in c.all_ideas}
    assert shown and not (shown & together)
    assert [n.id for n in view.first] == ["safety"]
    assert [n.id for n in view.notes] == ["individual_support", "not_diagnosis", "resources"]
    alone = view_of(answers, solo=True)  # the same, without the notice: support comes first
    assert [n.id for n in alone.first] == ["individual_support"]
    assert [n.id for n in alone.notes] == ["not_diagnosis", "resources"]
    plain = view_of(answers)
    assert plain.first == () and plain.notes[0].id == "counselling"


def test_partner_statements_get_ideas_to_ask_not_to_do_more() -> None:
    """A statement about what the partner does is answered by asking or self-care ideas."""
    by_id = {t.id: t for c in GUIDANCE.categories.values() for t in c.suggestions}
    do_more = {"specific-thanks", "kind-surprise", "touch-that-feels-good"}
    for question in BANK.questions:
        if question.about != "partner":
            continue
        tips = GUIDANCE.categories[question.category].suggestions
        answering = {t.id for t in tips if t.addresses(question)}
        assert answering, question.id
        assert not (answering & do_more), (question.id, answering)
        assert all(by_id[t].text for t in answering)


def test_no_touch_idea_where_a_no_is_not_always_respected() -> None:
    """'My partner accepts it when I say no to sex' answered on the far side: no touch,
    intimacy or gesture idea anywhere in the report, even --all."""
    kept_out = {
        t.id
        for c in GUIDANCE.categories.values()
        for t in c.suggestions
        if "trust-15" in t.unless_weak
    }
    assert {"touch-that-feels-good", "talk-about-intimacy"} <= kept_out
    answers = {q.id: (4 if q.reverse else 0) for q in BANK.questions}
    shown_with = view_of(answers, show_all=True)
    ids = {i.id for i in shown_with.focus} | {
        i.id for c in shown_with.categories for i in c.all_ideas
    }
    assert ids and not ids & kept_out
    assert "your-wishes-count" in ids
    answers = respected(BANK, answers)  # a no respected: the touch ideas may come back
    again = view_of(answers, show_all=True)
    back = {i.id for i in again.focus} | {i.id for c in again.categories for i in c.all_ideas}
    assert back & kept_out


def _shown(view: ReportView) -> set[str]:
    return {i.id for i in view.focus} | {i.id for c in view.categories for i in c.all_ideas}


DO_MORE = {
    t.id
    for c in GUIDANCE.categories.values()
    for t in c.suggestions
    if t.about and "partner" not in t.about
}


def test_a_weakness_the_partner_describes_is_never_answered_by_doing_more() -> None:
    """Each statement about what the partner does, alone on the far side: neither "Start
    here" nor the area's ideas (even --all) ask the person to do more, and the area's summary
    asks nothing of them ("Being reliable in small things can steady it" to someone whose
    partner is unreliable, in v2). Where the efforts go unnoticed, no kind message to send."""
    assert {"kind-surprise", "specific-thanks", "touch-that-feels-good"} <= DO_MORE
    for question in BANK.questions:
        if question.about != "partner":
            continue
        answers = respected(BANK, {q.id: (0 if q.reverse else 4) for q in BANK.questions})
        answers[question.id] = 4 if question.reverse else 1
        view = view_of(answers, show_all=True)
        shown = _shown(view)
        assert shown, question.id
        assert not shown & DO_MORE, (question.id, shown & DO_MORE)
    unnoticed = respected(BANK, {q.id: (0 if q.reverse else 4) for q in BANK.questions})
    for qid in ("affection-02", "affection-04", "affection-13"):
        question = BANK.question(qid)
        assert question is not None
        unnoticed[qid] = 4 if question.reverse else 0
    view = view_of(unnoticed, show_all=True)
    assert "kind-surprise" not in _shown(view)
    summary = next(c.summary for c in view.categories if c.id == "affection")
    assert summary and "you" in summary
    for body in GUIDANCE.categories.values():
        for band in ("mixed", "strained"):
            text = body.summaries[band]
            assert not re.search(r"\b(being reliable|try|make time|offer|show more)\b", text, re.I)


def test_a_strong_profile_gets_one_idea_to_start_with() -> None:
    """Every area strong, with one "Sometimes" in each: one idea, not three (v2 gave three
    "Start here" ideas for single Sometimes answers)."""
    answers = {q.id: (0 if q.reverse else 4) for q in BANK.questions}
    for category in ("communication", "affection", "trust", "time-together"):
        first = BANK.questions_in(category)[0]
        answers[first.id] = 2
    view = view_of(answers)
    assert all(c.band == GUIDANCE.bands[-1].id for c in view.categories)
    assert len(view.focus) == 1
    # one area below strong: up to three again
    for q in BANK.questions_in("trust"):
        answers[q.id] = 2
    again = view_of(answers)
    assert len(again.focus) == 3


def test_every_area_has_two_ideas_a_person_can_take_up_alone() -> None:
    """After a signal, or in a report for oneself, every area with weak answers still has
    ideas: in v2 communication had none at all."""
    for body in GUIDANCE.categories.values():
        assert sum(not t.together for t in body.suggestions) >= 2
    answers = respected(BANK, {q.id: (4 if q.reverse else 0) for q in BANK.questions})
    view = view_of(answers, notice=True, show_all=True)
    for cat in view.categories:
        mine = [i for i in view.focus if i.category == cat.id] + list(cat.all_ideas)
        assert len(mine) >= 2, cat.id


def test_the_signalled_report_has_no_conversation_starter_wording_and_guards_the_device() -> None:
    answers = respected(BANK, {q.id: (4 if q.reverse else 0) for q in BANK.questions})
    view = view_of(answers, notice=True, show_all=True)
    texts = [n.text for n in (*view.first, *view.notes)]
    texts += [i.text for i in view.focus] + [i.text for c in view.categories for i in c.all_ideas]
    assert not any("conversation starter" in t.casefold() for t in texts)
    notice = view.first[0].text
    assert "phone or computer" in notice and "clear this screen" in notice
    # nothing shown after a signal asks the person to raise sex with the partner
    assert not any("name it" in t for t in texts)


def test_a_critical_statement_answered_close_is_never_listed_as_going_well() -> None:
    """ "My partner accepts it when I say no to sex" - Almost always is a floor, not a
    strength: listed as the one thing going well in Trust, it read oddly (v3 reading)."""
    answers = {q.id: (0 if q.reverse else 4) for q in BANK.questions}
    view = view_of(answers, show_all=True)
    listed = {s.id for c in view.categories for s in c.strengths}
    critical = {q.id for q in BANK.questions if q.critical is not None}
    assert critical and not listed & critical
    assert len(listed) == len(BANK.questions) - len(critical)


def test_without_a_signal_start_here_leads_with_ideas_to_share() -> None:
    """Someone struggling who gave no signal: "Start here" is not three exercises done
    alone (in the first v3 draft it was three writing tasks); those stay for a report for
    oneself, where they are all there is."""
    together = {t.id for c in GUIDANCE.categories.values() for t in c.suggestions if t.together}
    answers = respected(BANK, {q.id: (3 if q.reverse else 1) for q in BANK.questions})
    view = view_of(answers)
    assert len(view.focus) == 3
    assert all(i.id in together for i in view.focus), [i.id for i in view.focus]
    alone = view_of(answers, solo=True)
    assert len(alone.focus) == 3 and not {i.id for i in alone.focus} & together
