"""The per-intent maps a question's evidence reads (`faq.intent_maps`), and the side-by-side words feature."""

import pytest

from faq import Engine, evidence
from faq.intent_maps import adjacent_pairs, says_pair
from faq.query import Query
from faq.schema import Intent, KnowledgeBase
from faq.training import without_phrasing

WET_MONTH = Intent(
    "bulan_basah",
    "Bulan basah",
    ("apa itu bulan basah", "ciri bulan basah"),
    "Bulan basah adalah bulan dengan curah hujan lebih dari 100 mm.",
)
WET_SOIL = Intent(
    "tanah_basah",
    "Tanah basah",
    ("basah tidaknya tanah tiap bulan", "kenapa tanah jadi basah"),
    "Tanah basah menyimpan air hujan.",
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(KnowledgeBase((WET_MONTH, WET_SOIL)))


def test_adjacent_pairs_leave_question_words_out():
    assert adjacent_pairs([("apa", "bulan", "basah"), ("ciri", "apa", "iklim")]) == [
        ("bulan", "basah"),
        ("ciri", "iklim"),
    ]
    assert adjacent_pairs([("bulan", "basah")], both_orders=True) == [("bulan", "basah"), ("basah", "bulan")]
    assert adjacent_pairs([("bulan",), ()]) == []


def _pairs_feature(engine: Engine, question: str) -> dict[str, float]:
    query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
    at = evidence.FEATURES.index("pairs")
    return {engine.kb.intents[c.position].id: c.features[at] for c in evidence.weigh(engine.index, query, ())}


def test_words_side_by_side_count_for_the_intent_that_says_them_so(engine):
    # Both topics know "bulan" and "basah"; only the wet month's phrasings say them side by side.
    assert _pairs_feature(engine, "bulan basah itu apa") == {"bulan_basah": 1.0, "tanah_basah": 0.0}
    assert _pairs_feature(engine, "basah bulan")["bulan_basah"] == 1.0  # in either order
    assert _pairs_feature(engine, "tanah basah")["tanah_basah"] == 1.0


def test_a_pair_weighs_as_its_two_words(engine):
    query = Query.prepare(engine.index, engine.analyzer.analyze("bulan basah tanah").terms)
    weights = query.weights
    expected = (weights["bulan"] + weights["basah"]) / (
        weights["bulan"] + weights["basah"] + weights["basah"] + weights["tanah"]
    )
    assert query.pairs == (("bulan", "basah"), ("basah", "tanah"))
    assert _pairs_feature(engine, "bulan basah tanah")["bulan_basah"] == pytest.approx(expected)


def test_a_question_of_one_topic_word_has_no_pairs(engine):
    assert set(_pairs_feature(engine, "apa itu bulan").values()) == {0.0}


def test_a_stand_in_without_a_phrasing_loses_its_pairs_and_is_not_kept(engine):
    # Training holds a phrasing out this way; the intent's own pairs must stay as they are.
    entry = engine.index.entries[engine.kb.position("tanah_basah")]
    kept = engine.index.pairs_of(entry)
    held_out = without_phrasing(entry, ("basah", "tidak", "tanah", "tiap", "bulan"))
    assert not says_pair(engine.index.pairs_of(held_out), hash(("tiap", "bulan")))
    assert says_pair(engine.index.pairs_of(entry), hash(("tiap", "bulan")))
    assert engine.index.pairs_of(entry) is kept  # the stand-in's pairs did not take its place
