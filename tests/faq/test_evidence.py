"""Which intents a question's evidence is weighed for (`faq.evidence.weigh`), on a small pack."""

import pytest

from faq import Engine, evidence
from faq.query import Query
from faq.schema import Intent, KnowledgeBase

# Many topics whose phrasings say "benda", and one whose answer alone describes what is asked.
DECOYS = tuple(
    Intent(f"benda_{n}", f"Benda {n}", (f"benda jenis {n}", f"contoh benda {n}"), f"Benda {n} ada di sekitar kita.")
    for n in range(12)
)
NEWTON = Intent(
    "newton_1",
    "Hukum I Newton",
    ("apa itu hukum newton pertama", "bunyi hukum newton 1"),
    "Hukum I Newton disebut hukum kelembaman: benda cenderung mempertahankan keadaannya.",
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(KnowledgeBase((*DECOYS, NEWTON)))


def _weighed(engine: Engine, question: str) -> list[str]:
    query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
    candidates = evidence.weigh(engine.index, query, ())
    return [engine.kb.intents[c.position].id for c in candidates]


def test_a_question_asking_a_name_is_weighed_for_the_topic_its_answer_describes(engine, monkeypatch):
    question = "kecenderungan benda mempertahankan keadaannya namanya apa"
    assert "newton_1" in _weighed(engine, question)
    # Picked by the phrasing score alone, the topics saying "benda" fill every place.
    monkeypatch.setattr(evidence, "DESCRIBED_POOL", 1)
    assert "newton_1" not in _weighed(engine, question)


def test_no_more_intents_are_weighed_than_the_limit(engine):
    assert len(_weighed(engine, "benda apa namanya")) == evidence.CANDIDATES_WEIGHED


def test_the_answer_share_is_that_of_the_best_sentence(engine):
    # Newton's answer is two sentences: "Hukum I Newton disebut hukum kelembaman" and "benda cenderung
    # mempertahankan keadaannya". The question's words are all in the answer, but not in one sentence.
    query = Query.prepare(engine.index, engine.analyzer.analyze("hukum newton kecenderungan benda keadaannya").terms)
    found = {c.position: c for c in evidence.weigh(engine.index, query, ())}
    newton = found[engine.kb.position("newton_1")]
    sentences = engine.index.entries[newton.position].answer_sentences
    shares = [sum(w for t, w in query.weights.items() if t in sentence) / query.total for sentence in sentences]
    assert len(shares) == 2 and all(0 < share < 1 for share in shares)
    assert newton.features[evidence.FEATURES.index("answer")] == pytest.approx(max(shares))
    decoy = found[engine.kb.position("benda_0")]
    assert decoy.features[evidence.FEATURES.index("answer")] < max(shares)


def test_the_word_asking_a_name_weighs_as_a_question_word(engine):
    # "nama" is in no phrasing of this pack: as a topic word it would weigh most of all.
    asking = Query.prepare(engine.index, engine.analyzer.analyze("kecenderungan benda namanya apa").terms)
    assert asking.asks_name
    assert asking.weights["nama"] == asking.weights["apa"] < asking.weights["benda"]
    # Without "apa" nothing asks for a name, and "nama" is a word like any other.
    naming = Query.prepare(engine.index, engine.analyzer.analyze("nama benda kecenderungan").terms)
    assert not naming.asks_name
    assert naming.weights["nama"] > naming.weights["benda"]


def test_of_two_words_weighing_the_same_the_rarer_in_indonesian_is_the_specific_one():
    # "pengertian komposisi penduduk": each of the two words is in one topic's phrasings, so they
    # weigh the same; "komposisi" is what is asked, not the everyday "pengertian" of another topic.
    pengertian = Intent(
        "pengertian", "Pengertian penduduk", ("pengertian penduduk", "penduduk itu siapa"), "Penduduk adalah ..."
    )
    komposisi = Intent(
        "komposisi", "Komposisi penduduk", ("komposisi penduduk", "apa itu komposisi penduduk"), "Komposisi ..."
    )
    engine = Engine(KnowledgeBase((pengertian, komposisi)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("pengertian komposisi penduduk").terms)
    assert query.weights["pengertian"] == query.weights["komposisi"]
    specific = evidence.FEATURES.index("specific")
    found = {engine.kb.intents[c.position].id: c.features[specific] for c in evidence.weigh(engine.index, query, ())}
    assert found == {"komposisi": 1.0, "pengertian": 0.0}
