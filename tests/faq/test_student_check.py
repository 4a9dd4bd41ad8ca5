"""The students' check: a second look at each learned decision, fitted on real students' questions."""

import random
from dataclasses import replace

import pytest

from faq import Engine
from faq.evidence import FEATURES
from faq.model import LinearModel, fit_monotone
from faq.prior_fit import PRIOR_PACKS, SUBJECT_DIR, fit_check, pack_check_rows
from faq.query import Query
from faq.student_check import (
    BEST_EVIDENCE,
    CHECK_FEATURES,
    MAX_RANK_GAP,
    SURER,
    StudentCheck,
    check_inputs,
    choose_threshold,
    format_check,
    parse_check,
    student_check,
)

LONG_QUESTION = "kak aku mau tanya buat tugas besok, alat buat ngukur kuat arus listrik itu namanya apa ya"


@pytest.fixture(scope="module")
def listrik() -> Engine:
    return Engine.from_paths([SUBJECT_DIR / "listrik.yaml"])


def test_the_threshold_answers_the_most_right_with_no_more_wrong_than_the_packs_gave():
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    rights = [True, False, True, True, False, True]
    accepted = [True, True, False, False, False, False]  # the packs answered one wrong (0.8)
    # Down to 0.6: three right, one wrong; 0.5 would be a second wrong.
    assert choose_threshold(probabilities, rights, accepted) == 0.6
    # Allowed no wrong answer, the check answers only above the first wrong one.
    assert choose_threshold(probabilities, rights, [True, False, False, False, False, False]) == 0.9


def test_questions_of_one_probability_are_answered_together():
    # 0.7 is one right and one wrong question: taking it would answer both, one wrong too many.
    assert choose_threshold([0.9, 0.7, 0.7], [True, True, False], [True, False, False]) == 0.9


def test_a_check_file_round_trips_and_one_for_other_features_is_not_used():
    model = LinearModel(
        tuple(float(n) for n in range(len(CHECK_FEATURES))),
        -1.5,
        (0.5,) * len(CHECK_FEATURES),
        (2.0,) * len(CHECK_FEATURES),
    )
    text = format_check(StudentCheck(model, 0.6), ["cahaya"])
    assert parse_check(text) == StudentCheck(model, 0.6)
    assert parse_check(text.replace("words\t", "letters\t")) is None


def test_fit_monotone_leaves_free_features_either_sign():
    rng = random.Random(3)
    rows = [[x / 50, rng.random()] for x in range(200)]
    labels = [int(row[0] > 1.0 and row[1] < 0.6) for row in rows]  # the 2nd feature lowers the odds
    assert fit_monotone(rows, labels).weights[1] == 0.0
    assert fit_monotone(rows, labels, free=[1]).weights[1] < 0


def test_the_check_decides_a_learned_packs_answer(listrik):
    check = student_check()
    assert check is not None and listrik.check == check
    decision = listrik.decide(LONG_QUESTION)
    inputs = dict(zip(CHECK_FEATURES, decision.checked, strict=True))
    assert inputs["words"] == len(LONG_QUESTION.split())
    assert inputs["pack_threshold"] == listrik.model.threshold
    probability = check.probability(decision.checked)
    assert decision.confidence == pytest.approx(100.0 * probability)
    assert decision.accepted == (probability >= check.threshold)


def test_the_check_weighs_the_best_candidates_evidence_and_its_lead_over_the_runner_up(listrik):
    decision = listrik.decide(LONG_QUESTION)
    inputs = dict(zip(CHECK_FEATURES, decision.checked, strict=True))
    best, runner_up = (dict(zip(FEATURES, r.candidate.features, strict=True)) for r in decision.ranked[:2])
    assert all(inputs[f"best_{name}"] == best[name] for name in BEST_EVIDENCE)
    assert all(inputs[f"over_{name}"] == pytest.approx(best[name] - runner_up[name]) for name in FEATURES)
    # Alone, the best leads by all its evidence.
    query = Query.prepare(listrik.index, decision.terms, decision.background, decision.fact_scope)
    words = len(LONG_QUESTION.split())
    as_the_pack_decided = replace(decision, confidence=100.0 * inputs["pack_confidence"])
    assert check_inputs(as_the_pack_decided, query, listrik.index, listrik.model.threshold, words) == decision.checked
    alone = replace(as_the_pack_decided, ranked=decision.ranked[:1])
    lone_inputs = check_inputs(alone, query, listrik.index, listrik.model.threshold, words)
    lone = dict(zip(CHECK_FEATURES, lone_inputs, strict=True))
    assert all(lone[f"over_{name}"] == best[name] for name in FEATURES)
    assert lone["rank_gap"] == MAX_RANK_GAP


def test_the_shipped_check_weighs_the_signs_of_a_right_answer_zero_or_more():
    weights = dict(zip(CHECK_FEATURES, student_check().model.weights, strict=True))
    assert all(weights[name] >= 0.0 for name in SURER)
    assert any(weights[name] < 0.0 for name in CHECK_FEATURES if name not in SURER)


def test_a_check_that_answers_nothing_still_answers_a_phrasing_word_for_word(listrik, monkeypatch):
    never = StudentCheck(student_check().model, 1.01)
    monkeypatch.setattr(listrik, "check", never)
    phrasing = listrik.kb.get("ls_alat_ukur").questions[0]
    assert listrik.answer(phrasing).intent == "ls_alat_ukur"
    assert listrik.answer("alat ukur kuat arus listrik namanya apa ya").intent is None


def test_without_a_check_the_packs_own_acceptor_decides(listrik, monkeypatch):
    monkeypatch.setattr(listrik, "check", None)
    decision = listrik.decide(LONG_QUESTION)
    pack_confidence = decision.checked[CHECK_FEATURES.index("pack_confidence")]
    assert decision.confidence == pytest.approx(100.0 * pack_confidence)
    assert decision.accepted == (pack_confidence >= listrik.model.threshold)


def test_the_bundled_pack_is_checked_too(engine):
    decision = engine.decide("kak td bu guru nanya, organisasi yg ngatur perdagangan antar negara apa ya")
    assert len(decision.checked) == len(CHECK_FEATURES)


def test_a_check_drawn_from_one_pack_answers_within_its_packs_wrong_answers():
    # Fitted on one pack's rows, the threshold keeps that pack's wrong and off-topic answers as its
    # own acceptor had them, and answers at least as many right.
    rows = pack_check_rows("cahaya")
    check = fit_check(rows)
    decided = [(check.probability(inputs) >= check.threshold, right, answered) for inputs, right, answered in rows]
    assert sum(a and not r for a, r, _ in decided) <= sum(a and not r for _, r, a in decided)
    assert sum(a and r for a, r, _ in decided) >= sum(a and r for _, r, a in decided)


@pytest.mark.slow
def test_the_shipped_check_is_what_the_packs_give_now():
    # Stale after a change to the evidence, the decision or the packs' labelled sets: `make ranker-prior`.
    fresh = fit_check([row for name in PRIOR_PACKS for row in pack_check_rows(name)])
    shipped = student_check()
    scale = max(abs(w) for w in shipped.model.weights)
    pairs = zip(fresh.model.weights, shipped.model.weights, strict=True)
    assert all(abs(a - b) <= 0.02 * scale for a, b in pairs), (fresh, shipped)
    assert fresh.threshold == pytest.approx(shipped.threshold, abs=0.01)
