"""Names of what an intent is about (aliases), as students write them."""

from faq import Engine
from faq.schema import Intent, KnowledgeBase


def _engine() -> Engine:
    bpupki = Intent(
        "bpupki",
        "BPUPKI",
        ("apa itu bpupki", "bpupki dibentuk kapan", "ketua bpupki siapa"),
        "BPUPKI dibentuk pada 1 Maret 1945.",
        aliases=("BPUPKI", "Badan Penyelidik Usaha-Usaha Persiapan Kemerdekaan Indonesia"),
    )
    ppki = Intent("ppki", "PPKI", ("apa itu ppki", "ppki dibentuk kapan"), "PPKI dibentuk pada 7 Agustus 1945.")
    return Engine(KnowledgeBase((bpupki, ppki)))


def test_a_long_name_without_its_last_word_is_still_the_name():
    analyzer = _engine().analyzer
    shortened = analyzer.analyze("badan penyelidik usaha persiapan kemerdekaan itu apa").terms
    assert shortened == analyzer.analyze("bpupki itu apa").terms


def test_a_name_of_three_words_is_not_shortened():
    # "Uni Eropa"-like short names: two words of three could be anything.
    intent = Intent("ue", "Uni Eropa", ("apa itu uni eropa",), "Uni Eropa ...", aliases=("Uni Eropa Barat",))
    analyzer = Engine(KnowledgeBase((intent,))).analyzer
    assert analyzer.analyze("uni eropa").terms != analyzer.analyze("uni eropa barat").terms
