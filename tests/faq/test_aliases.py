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


def test_a_word_of_a_name_points_to_its_intent():
    # "panitia 9": half of the alias "Panitia Sembilan", whose intent is about the Jakarta Charter.
    sidang = Intent("sidang", "Sidang BPUPKI", ("sidang bpupki membahas apa",), "Sidang membahas dasar negara.")
    piagam = Intent(
        "piagam",
        "Piagam Jakarta",
        ("apa itu piagam jakarta", "siapa perumus piagam jakarta"),
        "Piagam Jakarta dirumuskan pada 22 Juni 1945.",
        aliases=("Piagam Jakarta", "Panitia Sembilan"),
    )
    engine = Engine(KnowledgeBase((sidang, piagam)))
    ranked = engine.decide("siapa saja anggota panitia itu").ranked
    assert ranked and engine.kb.intents[ranked[0].position].id == "piagam"


def test_a_name_keeps_the_chatter_word_that_makes_it():
    # "sekolah" is chatter in most questions ("tadi di sekolah ..."), but without it the alias
    # "Koperasi Sekolah" would be the one word "koperasi", and every question about koperasi its.
    pengertian = Intent(
        "pengertian",
        "Pengertian koperasi",
        ("apa itu koperasi", "koperasi artinya apa", "pengertian koperasi"),
        "Koperasi adalah badan usaha yang beranggotakan orang-orang.",
    )
    sekolah = Intent(
        "sekolah",
        "Koperasi sekolah",
        ("apa itu koperasi sekolah", "koperasi sekolah jual apa"),
        "Koperasi sekolah beranggotakan warga sekolah.",
        aliases=("Koperasi Sekolah", "kopsis"),
    )
    engine = Engine(KnowledgeBase((pengertian, sekolah)))
    assert engine.answer("koperasi itu apa sih").intent == "pengertian"
    assert engine.answer("kak koperasi sekolah itu apa").intent == "sekolah"
    assert engine.analyzer.analyze("kopsis").terms == engine.analyzer.analyze("koperasi sekolah").terms
