"""A question's words read as the pack's own: names glued or split, roots Sastrawi misreads, words of
the same meaning (`faq.analyzer`)."""

import pytest

from faq import Engine
from faq.schema import Intent, KnowledgeBase


@pytest.mark.parametrize(
    ("glued", "apart"),
    [("unieropa tu apa", "uni eropa tu apa"), ("kerjasamamultilateral itu apa", "kerjasama multilateral itu apa")],
)
def test_two_words_of_a_name_typed_as_one_are_split(engine, glued, apart):
    assert engine.analyzer.analyze(glued).terms == engine.analyzer.analyze(apart).terms


def test_a_name_of_two_words_glued_inside_affixes_is_split():
    # "melatarbelakangi" is "latar belakang" with "me-...-i" around it; Sastrawi leaves it whole.
    latar = Intent("latar", "Latar belakang proklamasi", ("kenapa proklamasi terjadi",), "Jepang menyerah ...")
    makna = Intent("makna", "Makna proklamasi", ("apa makna proklamasi",), "Proklamasi berarti ...")
    analyzer = Engine(KnowledgeBase((latar, makna))).analyzer
    terms = analyzer.analyze("apa yang melatarbelakangi proklamasi").terms
    assert terms == analyzer.analyze("apa latar belakang proklamasi").terms


def _saving_pack() -> Engine:
    hemat = Intent(
        "hemat",
        "Menghemat listrik",
        ("cara menghemat listrik di rumah", "tips hemat energi", "gimana biar listrik hemat"),
        "Matikan lampu yang tidak dipakai dan cabut pengisi daya.",
    )
    ujian = Intent("ujian", "Jadwal ujian", ("kapan ujian listrik", "ujian bab listrik"), "Ujian hari Senin.")
    return Engine(KnowledgeBase((hemat, ujian)))


def test_a_word_the_pack_does_not_write_is_its_word_of_the_same_meaning():
    # "irit" for a pack that only says "hemat" (nlp/data/equivalents.tsv).
    engine = _saving_pack()
    assert (
        engine.analyzer.analyze("biar listrik irit gmn").terms
        == engine.analyzer.analyze("biar listrik hemat gmn").terms
    )
    assert engine.answer("cara biar listrik di rumah irit").intent == "hemat"


def test_an_everyday_word_keeps_its_own_sense():
    # "tes" is in the group of "ujian", but as common as it is, it is a student testing the bot.
    engine = _saving_pack()
    assert engine.analyzer.analyze("tes").terms != engine.analyzer.analyze("ujian").terms


def test_a_root_sastrawi_misreads_is_the_root_the_pack_uses():
    # Sastrawi reads "dikuasai" as "asai"; the pack's "kekuasaan" and "menguasai" say "kuasa".
    kuasa = Intent(
        "kuasa",
        "Daerah kekuasaan",
        ("wilayah kekuasaan kerajaan", "daerah yang diperintah kerajaan"),
        "Kerajaan menguasai Selat Malaka.",
    )
    nikah = Intent("nikah", "Pernikahan politik", ("pernikahan antarkeluarga raja",), "Raja menikahi putri.")
    engine = Engine(KnowledgeBase((kuasa, nikah)))
    assert "kuasa" in engine.analyzer.analyze("wilayah dikuasai sriwijaya").terms
    assert "nikah" in engine.analyzer.analyze("raja menikah dengan siapa").terms


def test_an_everyday_word_is_not_read_as_a_shorter_root():
    # "selain" is no "lain", "pemuda" no "muda", even where the pack writes only the shorter word.
    lain = Intent("lain", "Negara lain", ("negara lain di asia", "muda dan tua"), "Negara lain di Asia.")
    engine = Engine(KnowledgeBase((lain,)))
    assert "lain" not in engine.analyzer.analyze("pemuda selain itu").terms
    assert "muda" not in engine.analyzer.analyze("pemuda selain itu").terms


def test_equivalent_groups_are_single_words_each_in_one_group():
    import nlp

    seen: set[str] = set()
    for group in nlp.equivalent_words():
        assert len(group) >= 2, group
        for word in group:
            assert word.isalpha() and word.islower(), group
            assert word not in seen, word
            seen.add(word)


def test_a_word_no_list_knows_loses_its_clitic_when_the_pack_writes_it_bare():
    # Sastrawi strips nothing from a word its dictionary lacks: "mitokondrianya" stayed whole.
    organel = Intent("organel", "Organel sel", ("fungsi mitokondria", "apa itu mitokondria"), "Mitokondria ...")
    inti = Intent("inti", "Inti sel", ("fungsi inti sel",), "Inti sel mengatur kegiatan sel.")
    analyzer = Engine(KnowledgeBase((organel, inti))).analyzer
    assert analyzer.analyze("mitokondrianya buat apa").terms == analyzer.analyze("mitokondria buat apa").terms
