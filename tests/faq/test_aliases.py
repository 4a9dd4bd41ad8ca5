"""Names of what an intent is about (aliases), as students write them."""

from pathlib import Path

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


def test_a_topic_whose_title_says_a_chatter_word_keeps_it():
    # "HAM di lingkungan sekolah": its title and its phrasings say "sekolah", no other topic's do.
    # Without a name to keep it, it was dropped, and the general topic got its questions.
    pelanggaran = Intent(
        "pelanggaran",
        "Pelanggaran HAM",
        ("apa itu pelanggaran ham", "contoh pelanggaran ham", "jenis pelanggaran ham"),
        "Pelanggaran HAM adalah perbuatan yang merampas hak orang lain.",
    )
    sekolah = Intent(
        "sekolah",
        "HAM di lingkungan sekolah",
        ("contoh pelanggaran ham di sekolah", "penerapan ham di sekolah", "ham di sekolah"),
        "Di sekolah, perundungan dan pemalakan melanggar HAM.",
    )
    engine = Engine(KnowledgeBase((pelanggaran, sekolah)))
    assert engine.answer("kak contoh pelanggaran ham di sekolah apa aja").intent == "sekolah"
    assert engine.answer("contoh pelanggaran ham").intent == "pelanggaran"
    # In a pack whose titles do not say it, it stays chatter.
    assert "sekolah" not in _engine().analyzer.analyze("tugas sekolah: apa itu bpupki").terms


def test_an_alias_that_is_a_lone_chatter_word_names_its_topic():
    # "rangkuman" is chatter in most questions ("rangkuman materi WTO"); a pack naming its summary
    # topic so means it: in the pressure pack "rangkuman materi tekanan zat" went to a topic on pressure.
    ringkasan = Intent(
        "ringkasan", "Ringkasan bab", ("ringkasan bab ini", "bab ini apa"), "...", aliases=("rangkuman",)
    )
    zat = Intent("zat", "Tekanan zat", ("apa itu tekanan zat", "tekanan zat padat"), "Tekanan zat ...")
    engine = Engine(KnowledgeBase((ringkasan, zat)))
    assert engine.analyzer.entity_of("ringkasan") in engine.analyzer.analyze("rangkuman materi tekanan zat").terms
    assert "rangkuman" not in _engine().analyzer.analyze("rangkuman materi wto").terms
    pressure = Engine.from_paths([Path(__file__).parents[1] / "data" / "subject" / "tekanan.yaml"])
    assert pressure.answer("rangkuman materi tekanan zat").intent == "tz_ringkasan"


def test_a_chatter_word_several_titles_say_keeps_them_apart():
    # "Contoh soal hukum Pascal", "Contoh soal Archimedes": no one topic owns "soal", their family
    # does; without it "soal archimedes" was the law's, not its worked example's.
    topics = []
    for name in ("archimedes", "pascal", "hidrostatis"):
        topics.append(Intent(name, f"Hukum {name}", (f"apa itu {name}", f"bunyi {name}", f"{name} itu apa"), "..."))
        topics.append(
            Intent(
                f"soal_{name}",
                f"Contoh soal {name}",
                (f"contoh soal {name}", f"soal {name} dan pembahasannya", f"latihan soal {name} dong"),
                "...",
            )
        )
    for name in ("barometer", "manometer", "kapilaritas", "bejana", "satuan", "balon"):
        topics.append(Intent(name, name.title(), (f"apa itu {name}", f"{name} itu apa", f"fungsi {name}"), "..."))
    engine = Engine(KnowledgeBase(tuple(topics)))
    assert engine.answer("soal archimedes").intent == "soal_archimedes"
    assert engine.answer("archimedes").intent == "archimedes"
    # Said by most titles, such a word names none ("Hukum ..." is no stopword; "dan" is one).
    assert "dan" not in engine.analyzer.analyze("archimedes dan pascal").terms


def test_names_whose_words_share_a_root_stay_apart():
    # "kecepatan" and "percepatan" are both "cepat" to the stemmer; as names they are two topics.
    kelajuan = Intent(
        "kelajuan", "Kelajuan", ("apa itu kecepatan",), "Kecepatan adalah ...", aliases=("kelajuan", "kecepatan")
    )
    percepatan = Intent(
        "percepatan", "Percepatan", ("apa itu percepatan",), "Percepatan adalah ...", aliases=("percepatan",)
    )
    engine = Engine(KnowledgeBase((kelajuan, percepatan)))
    assert engine.answer("percepatannya apa").intent == "percepatan"
    assert engine.answer("kecepatan itu apa").intent == "kelajuan"


def test_names_numbered_in_a_series_are_told_apart():
    laws = [
        Intent(
            f"newton_{n}",
            f"Hukum {roman} Newton",
            (f"bunyi hukum {roman} newton", f"contoh hukum newton {n}"),
            f"Hukum {roman} Newton berbunyi ...",
            aliases=(f"Hukum {roman} Newton", f"hukum Newton {n}"),
        )
        for n, roman in ((1, "I"), (2, "II"), (3, "III"))
    ]
    engine = Engine(KnowledgeBase(tuple(laws)))
    for question, expected in [
        ("hukum newton III", "newton_3"),
        ("hukum newton ketiga itu apa", "newton_3"),
        ("hukum II newton", "newton_2"),
        ("hukum newton pertama", "newton_1"),
    ]:
        ranked = engine.decide(question).ranked
        assert engine.kb.intents[ranked[0].position].id == expected, question


def test_a_name_written_with_number_words_is_asked_in_digits():
    usus = Intent(
        "usus", "Usus halus", ("apa itu usus halus",), "Usus halus ...", aliases=("usus halus", "usus dua belas jari")
    )
    lambung = Intent("lambung", "Lambung", ("apa itu lambung",), "Lambung ...", aliases=("lambung",))
    analyzer = Engine(KnowledgeBase((usus, lambung))).analyzer
    assert analyzer.analyze("usus 12 jari itu apa").terms == analyzer.analyze("usus dua belas jari itu apa").terms


def test_a_synonym_written_with_number_words_is_asked_in_digits():
    multi = Intent("multi", "Multilateral", ("apa itu multilateral",), "Kerjasama tiga negara atau lebih.")
    kb = KnowledgeBase((multi,), synonyms=(("multilateral", "tiga negara atau lebih"),))
    analyzer = Engine(kb).analyzer
    assert analyzer.analyze("kerjasama 3 negara atau lebih").terms == analyzer.analyze("kerjasama multilateral").terms


def test_a_name_the_stemmer_would_cut_a_lone_ke_from_stays_whole():
    # Sastrawi makes "Kediri" "diri": every "berdiri" and "pendiri" would have named the kingdom.
    kediri = Intent(
        "kediri",
        "Kerajaan Kediri",
        ("apa itu kerajaan kediri", "raja kediri siapa"),
        "Setelah Airlangga, kerajaan dibagi dua dan Kediri menjadi pusatnya.",
        aliases=("Kediri",),
    )
    kutai = Intent(
        "kutai",
        "Kerajaan Kutai",
        ("kapan kerajaan kutai berdiri", "siapa pendiri kerajaan kutai"),
        "Kerajaan Kutai berdiri sekitar abad ke-4 di Kalimantan Timur.",
    )
    analyzer = Engine(KnowledgeBase((kediri, kutai))).analyzer
    assert analyzer.analyze("kerajaan kediri").entities
    assert not analyzer.analyze("kapan kerajaan itu berdiri").entities
