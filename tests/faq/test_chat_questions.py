"""Chat and alay spellings reach the same terms as the standard spelling (`faq.spelling.restore`)."""

from collections import Counter

import pytest

from faq import Engine
from faq.schema import Intent, KnowledgeBase
from faq.spelling import SpellingCorrector


@pytest.mark.parametrize(
    ("chat", "standard"),
    [
        ("krjsama multilatral apah", "kerjasama multilateral apa"),
        ("tujuanny krjsm multilateral", "tujuannya kerjasama multilateral"),
        ("pbbb itu 4pa", "pbb itu apa"),
        ("uni erop tuh apa", "uni eropa tuh apa"),
        ("manfaaat kerjasama multilateral", "manfaat kerjasama multilateral"),
        ("pnjlsn kerjasama multilateral", "penjelasan kerjasama multilateral"),
        ("cnth kerjasama multilateral gmnah", "contoh kerjasama multilateral bagaimana"),
        ("keamanann dunia", "keamanan dunia"),
        ("multilateral 4rtiny 4pa", "multilateral artinya apa"),  # digits, then a cut "-nya"
        ("pembangunan berkelanjutan gmnh", "pembangunan berkelanjutan bagaimana"),  # "-h" on a vowel-less form
        ("masalh global apa", "masalah global apa"),  # but a dropped vowel first: not "masal"
        ("cth organisasi multilateral", "contoh organisasi multilateral"),
        ("fokus forumny apa", "fokus forumnya apa"),  # "forum" is a word, so "-ny" is a cut "-nya"
        ("wto n g20", "wto dan g20"),
        ("tjn kerjasama multilateral", "tujuan kerjasama multilateral"),  # not the old spelling "tj" for "c"
        ("mksdny kerjasama multilateral", "maksudnya kerjasama multilateral"),  # vowels and "-nya" cut
        ("hmbatanny multilateral", "hambatannya multilateral"),
        ("pbb berdiri sampe sekarang", "pbb berdiri sampai sekarang"),  # Jakarta "e" for "ai", a word the KB lacks
        ("asean wkwkwk apa sih hehe", "asean apa"),  # laughter is chatter
        ("asean masi ada gak", "asean masih ada tidak"),
        ("kenapa pbb gabisa bubar", "kenapa pbb tidak bisa bubar"),  # a negation glued on
        ("katanya asean itu organisasi apa", "asean itu organisasi apa"),  # hearsay is chatter
        ("knp pbb dbilang penting", "kenapa pbb penting"),  # "dibilang" too, as "bilang"
        ("pbb dibentuk abis perang dunia 2", "pbb dibentuk setelah perang dunia 2"),  # "abis": after
        ("multilateral pntingg", "multilateral penting"),  # a repeated letter and vowels left out
        ("p3rserikatan b4ngsa2", "perserikatan bangsa bangsa"),
        ("msh bingung sm multilateral", "masih bingung sama multilateral"),
        ("negara kt ikut organisasi dunia mn aj", "negara kita ikut organisasi dunia mana aja"),
        ("pbb th brp brdiri", "pbb tahun berapa berdiri"),
        ("pngrtian krj4sm multilateral", "pengertian kerjasama multilateral"),  # digits and vowels left out
        ("pmbngnn brkljtn", "pembangunan berkelanjutan"),  # a nasal left out with the vowels
    ],
)
def test_chat_spellings_are_restored(engine, chat, standard):
    assert engine.analyzer.analyze(chat).terms == engine.analyzer.analyze(standard).terms


def test_a_consonant_left_out_with_the_vowels_is_the_kbs_word_only():
    corrector = SpellingCorrector(Counter({"penduduk": 3, "kependudukan": 2, "padat": 1}))
    assert corrector.restore("pddk") == "penduduk"
    assert corrector.restore("kpddkn") == "kependudukan"
    assert corrector.restore("pdk") != "penduduk"  # three letters fit too many words
    assert corrector.restore("pddt") != "penduduk"  # the last letter stays


def test_a_correction_landing_on_the_packs_own_misspelling_reads_as_its_word():
    # The pack writes "Junghuhn" and, once, a student's "junghun"; "jungun" corrects to the latter.
    junghuhn = Intent(
        "junghuhn",
        "Klasifikasi iklim Junghuhn",
        ("klasifikasi iklim junghuhn", "pembagian iklim menurut junghuhn", "iklim junghun apa"),
        "Junghuhn membagi iklim menurut ketinggian tempat.",
    )
    koppen = Intent("koppen", "Klasifikasi iklim Koppen", ("klasifikasi iklim koppen",), "Koppen memakai suhu.")
    analyzer = Engine(KnowledgeBase((junghuhn, koppen))).analyzer
    assert "junghuhn" in analyzer.analyze("klasifikasi iklim jungun").terms


def test_a_short_misspelling_whose_root_is_no_word_in_use_is_corrected():
    # "kemanan" reads to Sastrawi as "keman" + "-an", a root nobody writes: it is "keamanan" one letter off.
    corrector = SpellingCorrector(Counter({"keamanan": 3, "perdamaian": 2}))
    assert corrector.correct("kemanan") == "keamanan"
    assert corrector.correct("kemarin") == "kemarin"  # a word in use stays


def test_a_misspelling_sastrawi_reads_as_a_derived_word_nobody_writes_is_corrected():
    # Sastrawi reads "keamaan" as "ke-" + "ama" + "-an" and "beraka" as "ber-" + "raka", roots in use;
    # the words as written are not.
    corrector = SpellingCorrector(Counter({"keamanan": 3, "keadilan": 2, "berapa": 4}))
    assert corrector.correct("keamaan") == "keamanan"
    assert corrector.correct("kedilan") == "keadilan"
    assert corrector.correct("beraka") == "berapa"
    assert corrector.correct("berakal") == "berakal"  # a derived word in use stays


def test_a_four_letter_word_nobody_writes_is_the_packs_word_with_a_letter_left_out():
    corrector = SpellingCorrector(Counter({"jenis": 3, "orang": 2, "hidup": 2, "liga": 1, "jelas": 1}))
    assert corrector.correct("jeis") == "jenis"
    assert corrector.correct("orag") == "orang"
    assert corrector.correct("hiup") == "hidup"
    assert corrector.correct("enis") == "enis"  # the first letter is kept
    assert corrector.correct("lagi") == "lagi"  # a word in use


def test_a_doubled_letter_may_be_a_letter_left_out_between_two_alike():
    corrector = SpellingCorrector(Counter({"pasar": 3, "turun": 2, "malam": 2, "manfaat": 2}))
    assert corrector.restore("paar") == "pasar"  # not "par", "pasar" with a letter repeated
    assert corrector.restore("tuun") == "turun"
    assert corrector.restore("maam") == "malam"
    assert corrector.restore("manfaaat") == "manfaat"  # a letter repeated still is one


def test_three_consonants_may_leave_out_the_n_of_a_nasal_pair():
    # "bdg" is general words' "badge" and "ckg" the Malay "cikgu" by their consonants alone; chat drops
    # the "n" of "ng" with the vowels, and the pack writes "bidang" and "cekung".
    corrector = SpellingCorrector(Counter({"bidang": 3, "cekung": 2, "kanibal": 2, "badan": 1}))
    assert corrector.restore("bdg") == "bidang"
    assert corrector.restore("ckg") == "cekung"
    assert corrector.restore("kbl") != "kanibal"  # its "n" is between vowels: no nasal pair
    assert corrector.restore("bdgn") == "bdgn"  # a consonant of its own is no vowel left out


def test_a_word_in_everyday_use_is_no_typo_of_the_packs_word():
    corrector = SpellingCorrector(Counter({"austria": 2, "soekarno": 3, "tingkatan": 2, "perdamaian": 2}))
    assert corrector.correct("australia") == "australia"  # two letters off "austria", and a country
    assert corrector.correct("soeharto") == "soeharto"
    assert corrector.correct("singkatan") == "singkatan"  # one letter off, and a word of its own
    assert corrector.correct("perdamian") == "perdamaian"  # Sastrawi reads it, but nobody writes it
    assert corrector.correct("soekrano") == "soekarno"  # a typo of the name still is one


def test_a_word_in_everyday_use_is_neither_a_doubled_letter_nor_a_plural():
    corrector = SpellingCorrector(Counter({"masa": 3, "arti": 5, "bu": 2, "asean": 4, "wto": 2}))
    assert corrector.correct("massa") == "massa"  # "media massa", not "masa" (a time)
    assert corrector.correct("artis") == "artis"  # not "arti" in the plural
    assert corrector.correct("bus") == "bus"
    assert corrector.correct("aseaan") == "asean"  # a letter doubled by mistake still is one
    assert corrector.correct("wtos") == "wto"  # "WTO's", normalised


def test_the_teachers_errand_around_a_question_is_chatter_unless_the_pack_speaks_of_it():
    pengertian = Intent("pengertian", "Pengertian Pancasila", ("apa itu pancasila",), "Pancasila dasar negara.")
    errand = Engine(KnowledgeBase((pengertian,))).analyzer.analyze("guru nyuruh cari pengertian pancasila").terms
    assert "suruh" not in errand and "cari" not in errand
    kpk = Intent("kpk", "Mencari KPK", ("cara mencari kpk dua bilangan",), "KPK dicari dengan faktorisasi prima.")
    assert "cari" in Engine(KnowledgeBase((kpk,))).analyzer.analyze("cara cari kpk").terms


def test_a_doubled_letter_left_out_with_the_vowels_is_the_kbs_word():
    corrector = SpellingCorrector(Counter({"kirchhoff": 2, "hukum": 3, "korek": 1}))
    assert corrector.restore("krchof") == "kirchhoff"
    assert corrector.restore("krchf") == "kirchhoff"
    assert corrector.restore("kchf") != "kirchhoff"  # a consonant of its own left out too


@pytest.mark.parametrize("word", ["fotosintesis", "unesco", "nato", "internet"])  # not "internat"
def test_real_words_and_names_are_left_alone(engine, word):
    assert engine.analyzer.analyze(f"apa itu {word}").terms[-1].lstrip("#") == word


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("tujuanny krjsma multilateral ap", "tujuan"),
        ("cnth krjsm multilateral apa aj", "contoh"),
        ("bda bilatral ama multilatral ap", "bilateral_vs_multilateral"),
        ("asen itu apa", "asean"),
        ("pbb th brp brdiri", "pbb"),
    ],
)
def test_chat_spelled_questions_are_answered(engine, question, intent):
    assert engine.answer(question).intent == intent


def test_a_number_is_no_spelling_with_digits_for_letters(engine):
    assert engine.analyzer.analyze("halaman 45").terms == ("45",)  # not "as"


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("ji twenty itu apa", "g20 itu apa"),
        ("pe be be tu apa", "pbb tu apa"),
        ("a es e a en", "asean"),
        ("i a e a itu apa", "iaea itu apa"),  # "i" is I, not E
        ("g twenty itu apa", "g20 itu apa"),  # a letter written as itself beside one said aloud
        ("g dua puluh itu apa", "g20 itu apa"),  # a number said in words
    ],
)
def test_letters_said_aloud_make_the_packs_acronym(engine, said, written):
    assert engine.analyzer.analyze(said).terms == engine.analyzer.analyze(written).terms


def test_number_words_that_join_no_letters_stay_words(engine):
    assert "3" not in engine.analyzer.analyze("tiga negara atau lebih itu kerjasama apa").terms


def test_letter_names_that_make_no_word_of_the_pack_stay_words(engine):
    assert engine.analyzer.analyze("es teh di kantin").terms == ("es", "teh", "kantin")


def test_a_packs_own_misspelling_is_read_as_the_word_it_misspells():
    # Teachers write phrasings the way students type ("klasifkasi iklm"): the typo is the word it
    # misspells, not the pack's rarest (so weightiest) term.
    from faq import Engine
    from faq.schema import Intent, KnowledgeBase

    klasifikasi = Intent(
        "klasifikasi",
        "Klasifikasi iklim",
        ("apa saja klasifikasi iklim", "klasifikasi iklim koppen", "klasifkasi iklm"),
        "Klasifikasi iklim membagi iklim menurut suhu dan hujan.",
    )
    cuaca = Intent("cuaca", "Cuaca dan iklim", ("beda cuaca dan iklim", "iklim itu apa"), "Iklim adalah ...")
    analyzer = Engine(KnowledgeBase((klasifikasi, cuaca))).analyzer
    assert analyzer.terms("klasifkasi iklm") == analyzer.terms("klasifikasi iklim")
    assert analyzer.analyze("iklm itu apa").terms == analyzer.analyze("iklim itu apa").terms


def test_a_packs_own_vowel_less_form_is_read_as_its_word():
    # "proyeksi pta" in a phrasing: wordfreq lists "pta" (rarely), so it is no typo by a word list,
    # yet in a pack writing "peta" everywhere it is that; left alone it was the pack's weightiest term.
    proyeksi = Intent(
        "proyeksi",
        "Proyeksi peta",
        ("apa itu proyeksi peta", "jenis proyeksi peta", "proyeksi pta"),
        "Proyeksi peta memindahkan garis lintang dan bujur ke bidang datar.",
    )
    skala = Intent("skala", "Skala peta", ("apa itu skala peta", "jenis skala peta"), "Skala peta adalah ...")
    analyzer = Engine(KnowledgeBase((proyeksi, skala))).analyzer
    assert analyzer.terms("proyeksi pta") == analyzer.terms("proyeksi peta")
    assert analyzer.analyze("jenis skala pta").terms == analyzer.analyze("jenis skala peta").terms


def test_a_vowel_less_word_chat_writes_often_is_the_packs_word():
    # "bpk", "brt" are common enough in chat for wordfreq to list them, yet no words.
    berat = Intent("berat", "Rumus berat", ("rumus berat apa", "berat benda di bulan"), "w = m x g.")
    kelajuan = Intent("kelajuan", "Rumus kelajuan", ("rumus kelajuan apa", "kelajuan itu apa"), "v = s / t.")
    analyzer = Engine(KnowledgeBase((berat, kelajuan))).analyzer
    assert analyzer.analyze("rmus brt ap kak").terms == analyzer.analyze("rumus berat apa").terms


def test_a_listed_form_that_is_no_word_gets_the_packs_vowels():
    # "abd" and "tori" are listed (an abbreviation, a name), yet no Indonesian words; a pack that
    # writes "abad" and "teori" means those. "ia" keeps its meaning: too few consonants to tell.
    teori = Intent("teori", "Teori arus balik", ("teori arus balik apa", "siapa pencetus teori itu"), "F.D.K. Bosch.")
    kutai = Intent(
        "kutai", "Kutai", ("kutai berdiri abad berapa", "raja kutai"), "Abad ke-4 Masehi; ia dipimpin Mulawarman."
    )
    analyzer = Engine(KnowledgeBase((teori, kutai))).analyzer
    assert analyzer.analyze("tori arus balik").terms == analyzer.analyze("teori arus balik").terms
    assert analyzer.analyze("kutai abd brp").terms == analyzer.analyze("kutai abad berapa").terms


@pytest.mark.parametrize(
    "chatter",
    ["lupa aku", "aku penasaran", "besok kuis", "tadi disuruh guru"],
)
def test_what_the_asker_feels_or_was_told_is_no_term(engine, chatter):
    # "PBB tuh dibentuk tahun berapa ya kak, lupa aku": in a short question an unknown word weighs
    # fully, and "lupa" had made the known fact of the year look unasked.
    analyze = engine.analyzer.analyze
    assert analyze(f"pbb dibentuk tahun berapa, {chatter}").terms == analyze("pbb dibentuk tahun berapa").terms


def test_a_cut_nya_written_apart_is_no_term(engine):
    assert engine.analyzer.analyze("fungsi ny apa").terms == engine.analyzer.analyze("fungsinya apa").terms


def test_a_jakarta_vowel_is_the_packs_word():
    angin = Intent("angin", "Angin", ("angin paling kencang di planet mana", "apa itu angin"), "Neptunus.")
    jarak = Intent("jarak", "Jarak", ("planet paling dekat matahari", "jarak planet"), "Merkurius.")
    analyzer = Engine(KnowledgeBase((angin, jarak))).analyzer
    assert analyzer.analyze("angin paling kenceng").terms == analyzer.analyze("angin paling kencang").terms
    assert analyzer.analyze("planet paling deket").terms == analyzer.analyze("planet paling dekat").terms


def test_gede_is_besar(engine):
    assert engine.analyzer.analyze("negara paling gede").terms == engine.analyzer.analyze("negara paling besar").terms


@pytest.mark.parametrize("question", ["what can you do?", "can you help me"])
def test_english_small_talk_is_answered(engine, question):
    assert engine.answer(question).intent == "bantuan"


def test_a_colloquial_form_is_no_typo_of_another():
    # "ngebantu" is "bantu" said colloquially, not the pack's "ngebentuk" one letter off.
    bentuk = Intent("bentuk", "Bentuk", ("siapa yang ngebentuk asean", "asean dibentuk kapan"), "ASEAN dibentuk 1967.")
    bantu = Intent("bantu", "Bantuan", ("negara membantu negara lain", "apa itu bantuan"), "Bantuan luar negeri.")
    analyzer = Engine(KnowledgeBase((bentuk, bantu))).analyzer
    assert "bentuk" not in analyzer.analyze("negara ngebantu negara").terms


@pytest.mark.parametrize(("said", "standard"), [("muter", "berputar"), ("ilang", "hilang"), ("belom", "belum")])
def test_everyday_colloquial_words_are_standard_ones(engine, said, standard):
    assert engine.analyzer.analyze(f"bumi {said}").terms == engine.analyzer.analyze(f"bumi {standard}").terms


def test_thanks_for_a_finished_task_is_thanks(engine):
    # "kelar" (done) is no "selesai" of the pack's conflicts to resolve.
    assert engine.answer("makasi bgt, tugasku jadi kelar").intent == "terima_kasih"


def test_every_form_of_asking_is_chatter(engine):
    assert engine.answer("topik apa aja yang bisa ditanya?").intent == "bantuan"


@pytest.mark.parametrize(
    ("chat", "standard"),
    [
        ("kmrn pbb rapat soal apa", "kemarin pbb rapat soal apa"),  # not "merah"
        ("uni eropa kerja sama lgsg sm asean", "uni eropa kerja sama langsung sama asean"),
        ("kerjasama multilateral gk sll mulus", "kerjasama multilateral gk selalu mulus"),
        ("kerjasama multilateral kdg gagal", "kerjasama multilateral kadang gagal"),  # not "duga"
        ("direktur jendral wto", "direktur jenderal wto"),
    ],
)
def test_chat_forms_people_write_are_their_words(engine, chat, standard):
    # The Colloquial Indonesian Lexicon (`nlp.chat_lexicon`), where a guess at vowels and affixes misreads
    # or finds nothing. The pack's own words still come first: "kpl slm" is "kapal selam", not "salam".
    assert engine.analyzer.analyze(chat).terms == engine.analyzer.analyze(standard).terms


def test_the_lexicon_gives_way_to_the_packs_words_and_our_colloquial_rules():
    corrector = SpellingCorrector(Counter({"kapal": 2, "selam": 2, "cek": 2}))
    assert corrector.restore("slm") == "selam"  # the pack's word, not the lexicon's "salam"
    assert corrector.restore("ngecek") == "ngecek"  # left to "cek", not the lexicon's "mengecek" ("ecek")
    assert corrector.restore("dtg") == "datang"
