"""The prior ranker every pack's own ranker is drawn towards (`faq.prior`)."""

import math

import pytest

from faq import Engine, training
from faq.evidence import FEATURES
from faq.model import fit_pairwise
from faq.prior import format_prior, parse_prior, ranker_prior
from faq.prior_fit import PRIOR_PACKS, SUBJECT_DIR, student_pairs, students_prior
from tests.conftest import UNREAD_SETS

# Two features: the data says the first orders the pairs, the prior says the second.
PAIRS = [((1.0, 0.0), (0.0, 0.0)), ((1.0, 1.0), (0.0, 0.0)), ((1.0, 0.0), (0.0, 1.0))] * 20


def test_the_shipped_prior_is_for_these_features():
    weights = ranker_prior()
    assert weights is not None and len(weights) == len(FEATURES)


def test_a_prior_for_other_features_is_not_used():
    text = format_prior([1.0] * len(FEATURES), ["bundled"]).replace("named\t", "renamed\t")
    assert parse_prior(text) is None
    assert parse_prior(format_prior([0.5] * len(FEATURES), ["bundled"])) == (0.5,) * len(FEATURES)


def test_the_weights_are_drawn_towards_the_prior_not_zero():
    alone = fit_pairwise(PAIRS)
    drawn = fit_pairwise(PAIRS, prior=(0.0, 3.0), strength=10.0)
    held = fit_pairwise(PAIRS, prior=(0.0, 3.0), strength=1e6)
    assert alone.weights[0] > 0 and abs(alone.weights[1]) < alone.weights[0]
    assert drawn.weights[1] > alone.weights[1] and drawn.weights[0] > 0  # the data still speaks
    assert held.weights == pytest.approx((0.0, 3.0), abs=0.01)


def test_a_packs_ranker_is_drawn_towards_the_prior(monkeypatch):
    # The weights fitted with the prior lie nearer it than those the pack's pairs give alone.
    path = SUBJECT_DIR / "gerak.yaml"
    with_prior = Engine.from_paths([path]).model.ranker.weights
    monkeypatch.setattr(training, "ranker_prior", lambda: None)
    alone = Engine.from_paths([path]).model.ranker.weights
    shipped = ranker_prior()
    assert math.dist(with_prior, shipped) < math.dist(alone, shipped)


def test_the_prior_learns_from_no_unread_pack():
    # Their questions measure how a pack the prior never saw is answered.
    assert PRIOR_PACKS and not UNREAD_SETS.intersection(PRIOR_PACKS)
    assert all((SUBJECT_DIR / f"{name}_eval.yaml").is_file() for name in PRIOR_PACKS)


def test_a_students_question_pairs_its_topic_with_each_other_candidate(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """intents:
  - {id: fotosintesis, title: Fotosintesis, questions: ["apa itu fotosintesis", "proses fotosintesis"],
     answer: "Fotosintesis adalah proses tumbuhan membuat makanan dengan bantuan cahaya matahari.", related: []}
  - {id: klorofil, title: Klorofil, questions: ["apa itu klorofil", "fungsi klorofil"],
     answer: "Klorofil adalah zat hijau daun yang menyerap cahaya untuk fotosintesis.", related: []}
  - {id: stomata, title: Stomata, questions: ["apa itu stomata", "fungsi stomata"],
     answer: "Stomata adalah mulut daun, tempat keluar masuknya gas.", related: []}
""",
        encoding="utf-8",
    )
    questions = tmp_path / "questions.yaml"
    questions.write_text(
        '- {q: "zat hijau daun itu apa sih", intent: klorofil}\n- {q: "ibukota jepang apa", intent: null}\n',
        encoding="utf-8",
    )
    pairs = student_pairs(pack, questions)
    engine = Engine.from_paths([pack])
    candidates = training.weigh_example(
        training.Example("zat hijau daun itu apa sih", engine.kb.position("klorofil")),
        engine.analyzer,
        engine.index,
        engine.small_talk_positions,
    ).candidates
    right = next(c for c in candidates if c.position == engine.kb.position("klorofil"))
    # The off-topic question has no topic to rank first: only the labelled one gives pairs.
    assert len(candidates) >= 2 and len(pairs) == len(candidates) - 1
    assert all(better == right.features for better, _ in pairs)
    assert {worse for _, worse in pairs} == {c.features for c in candidates if c is not right}


@pytest.mark.slow
def test_the_shipped_prior_is_what_the_packs_give_now():
    # Stale after a change to the evidence or to the packs' labelled sets: `make ranker-prior` refits it.
    fresh = students_prior()
    shipped = ranker_prior()
    scale = max(abs(w) for w in shipped)
    assert all(abs(a - b) <= 0.02 * scale for a, b in zip(fresh, shipped, strict=True)), (fresh, shipped)
