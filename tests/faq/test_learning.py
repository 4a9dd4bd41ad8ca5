"""The decision learned per knowledge base (`faq.model`, `faq.training`, `faq.decision`)."""

import pickle
import random

import pytest

from faq import Engine, KnowledgeBase, training
from faq.analyzer import Analyzer
from faq.examples import _names_known_subject, training_examples
from faq.index import Index
from faq.model import LinearModel, fit_logistic, fit_monotone, fit_pairwise
from faq.noise import KINDS, noisy_copy
from faq.schema import Intent
from faq.training import (
    MAX_THRESHOLD,
    MAX_WRONG_THRESHOLD,
    MIN_THRESHOLD,
    OFF_TOPIC_TARGET,
    WRONG_TARGET,
    _threshold,
)
from tests.conftest import REPO


def test_fit_logistic_learns_a_separable_rule():
    rows = [[x / 10] for x in range(20)]
    model = fit_logistic(rows, [int(x >= 10) for x in range(20)])
    assert model.probability([1.9]) > 0.85 > 0.15 > model.probability([0.0])


def test_fit_pairwise_scores_the_better_of_each_pair_higher():
    pairs = [([1.0, random.Random(i).random()], [0.0, random.Random(-i).random()]) for i in range(30)]
    model = fit_pairwise(pairs)
    assert model.logit([1.0, 0.5]) > model.logit([0.0, 0.5])
    assert model.weights[0] > abs(model.weights[1])


def test_a_linear_model_scores_by_its_stated_formula_also_once_pickled():
    model = LinearModel(weights=(2.0, -0.5, 0.0), bias=0.3, means=(0.5, 1.0, 7.0), scales=(0.25, 2.0, 1.0))
    x = (0.9, -1.0, 3.0)
    expected = 0.3 + 2.0 * (0.9 - 0.5) / 0.25 - 0.5 * (-1.0 - 1.0) / 2.0
    assert model.logit(x) == pytest.approx(expected)
    assert model.logit(x) == pytest.approx(expected)  # the folded coefficients, kept after the first call
    assert pickle.loads(pickle.dumps(model)).logit(x) == pytest.approx(expected)
    with pytest.raises(ValueError):
        model.logit((0.9, -1.0))


def test_fit_monotone_drops_a_feature_that_would_lower_confidence():
    rng = random.Random(1)
    rows = [[x / 50, rng.random()] for x in range(100)]
    labels = [int(row[0] > 1.0) if row[1] > 0.2 else 1 for row in rows]  # the 2nd feature "hurts"
    model = fit_monotone(rows, labels)
    assert all(w >= 0 for w in model.weights)
    assert model.weights[1] == 0.0 and model.weights[0] > 0


def test_the_bundled_pack_learns_a_decision_within_its_targets(engine):
    model = engine.model
    assert model is not None and MIN_THRESHOLD <= model.threshold <= MAX_THRESHOLD
    summary = model.summary
    assert summary.in_scope > 500 and summary.off_topic > 200
    # Within both targets, unless the bar was lowered to its ceiling (which answers more); the bar
    # wrong answers set is never above MAX_WRONG_THRESHOLD, so at or above it they may exceed theirs.
    capped = model.threshold == MAX_THRESHOLD
    assert summary.answered_wrong <= WRONG_TARGET or model.threshold >= MAX_WRONG_THRESHOLD
    assert summary.off_topic_answered <= OFF_TOPIC_TARGET or capped
    assert summary.answered_wrong <= 2 * WRONG_TARGET
    assert summary.answered_right > 0.6
    assert all(w >= 0 for w in model.acceptor.weights)


def test_the_threshold_is_the_lowest_that_keeps_wrong_answers_and_off_topic_within_target():
    # 100 in scope, 50 off topic; walking down, the 4th wrong answer (at 0.6) breaks the 3 % target.
    probabilities = [0.95] * 60 + [0.9, 0.8, 0.7, 0.6] + [0.5] * 36 + [0.3] * 50
    labels = [1] * 60 + [0, 0, 0, 0] + [1] * 36 + [0] * 50
    off_topic = [False] * 100 + [True] * 50
    assert _threshold(probabilities, labels, off_topic, 100, 50) == 0.7
    # Off-topic questions bind when they come first: 4 of 50 is over 6 %.
    probabilities = [0.95] * 96 + [0.9, 0.85, 0.8, 0.75] + [0.3] * 50
    labels = [1] * 100 + [0] * 50
    off_topic = [False] * 96 + [True] * 4 + [False] * 0 + [True] * 50
    assert _threshold(probabilities, labels, off_topic, 96, 54) == 0.8


def test_the_bar_wrong_answers_set_is_capped_and_the_off_topic_bar_is_not():
    # Held-out phrasings of overlapping topics answer wrongly high up (the 4th at 0.85): that bar is
    # capped; a bar off-topic questions set at 0.8 is kept.
    probabilities = [0.95] * 60 + [0.9, 0.9, 0.9, 0.85] + [0.5] * 36 + [0.3] * 50
    labels = [1] * 60 + [0, 0, 0, 0] + [1] * 36 + [0] * 50
    off_topic = [False] * 100 + [True] * 50
    assert _threshold(probabilities, labels, off_topic, 100, 50) == MAX_WRONG_THRESHOLD
    probabilities = [0.95] * 60 + [0.9, 0.9, 0.9, 0.85] + [0.5] * 36 + [0.9, 0.85, 0.8, 0.75] + [0.3] * 46
    assert _threshold(probabilities, labels, off_topic, 100, 50) == 0.8


def test_a_pack_too_small_to_learn_from_falls_back_to_the_fixed_rule():
    kb = KnowledgeBase((Intent("kopi", "Kopi", ("apa itu kopi", "minuman kopi"), "Kopi itu minuman."),))
    engine = Engine(kb)
    assert engine.model is None
    assert engine.answer("apa itu kopi").intent == "kopi"
    assert engine.answer("apa itu fotosintesis").intent is None


def test_each_pack_learns_its_own_decision(engine):
    other = Engine.from_paths([REPO / "tests" / "data" / "subject" / "cuaca_iklim.yaml"])
    assert other.model is not None and other.model != engine.model


def test_off_topic_bank_questions_naming_the_packs_subject_are_left_out():
    kb = KnowledgeBase(
        (
            Intent("hujan", "Hujan", ("apa itu hujan", "kenapa bisa hujan", "hujan terjadi karena apa"), "Hujan..."),
            Intent("angin", "Angin", ("apa itu angin", "angin terjadi karena apa"), "Angin adalah udara bergerak."),
        )
    )
    analyzer = Analyzer(kb)
    index = Index(kb, analyzer)
    assert _names_known_subject("besok hujan gak ya", analyzer, index)
    assert not _names_known_subject("proses terjadinya gempa bumi", analyzer, index)


def test_a_definition_in_an_answer_gives_the_ranker_a_described_question():
    hambatan = Intent(
        "hambatan",
        "Hambatan listrik",
        ("apa itu hambatan", "satuan hambatan", "rumus hambatan kawat"),
        "Hambatan adalah kemampuan suatu bahan untuk menghambat arus listrik. Satuannya ohm.",
    )
    # Defines something, but not what the intent is about: no described question.
    arus = Intent(
        "arus",
        "Arus listrik",
        ("apa itu arus listrik", "satuan arus listrik"),
        "Contoh: ampere adalah satuan kuat arus yang dipakai di rumah.",
    )
    kb = KnowledgeBase((hambatan, arus))
    analyzer = Analyzer(kb)
    index = Index(kb, analyzer)
    examples = list(training_examples(kb, analyzer, index, random.Random(1)))
    described = [e for e in examples if e.ranking_only]
    assert [kb.intents[e.position].id for e in described] == ["hambatan"]
    text = described[0].text
    assert text.endswith(("namanya apa", "disebut apa", "apa namanya")) and "hambatan" not in text
    assert set(text.split()) & {"kemampuan", "bahan", "menghambat", "arus", "listrik"}


def test_described_questions_teach_the_ranker_but_not_the_acceptor(engine):
    summary = engine.model.summary
    analyzer, index = engine.analyzer, engine.index
    examples = list(training_examples(engine.kb, analyzer, index, random.Random(training.SEED)))
    in_scope = [e for e in examples if e.position is not None]
    assert any(e.ranking_only for e in in_scope)
    assert summary.in_scope == sum(1 for e in in_scope if not e.ranking_only)


@pytest.mark.parametrize("kind", KINDS)
def test_noisy_copies_change_the_text_but_keep_its_subject(engine, kind):
    question = "Apa tujuan utama kerjasama multilateral bagi negara berkembang?"
    copies = {noisy_copy(question, kind, random.Random(seed)) for seed in range(5)}
    assert copies and all(copy.strip() for copy in copies)
    assert any(copy != question.lower() for copy in copies)
    kept = [engine.answer(copy).intent in (None, "tujuan") for copy in copies]
    assert sum(kept) >= len(kept) - 1
