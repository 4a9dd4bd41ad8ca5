"""Whether a question asks a fact its intent states (`faq.facts.asks_unknown_fact`), on a small pack."""

import pytest

from faq import Engine, facts
from faq.facts import asks_unknown_fact
from faq.query import Query
from faq.schema import Intent, KnowledgeBase

VOLI = Intent(
    "voli",
    "Bola voli",
    ("apa itu bola voli", "permainan bola voli"),
    "Bola voli dimainkan dua tim. Setiap tim terdiri dari enam pemain. Bola voli diciptakan pada 1895.",
)


@pytest.fixture(scope="module")
def voli() -> Engine:
    return Engine(KnowledgeBase((VOLI,)))


def _asks_unknown(engine: Engine, question: str) -> bool:
    query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
    return asks_unknown_fact(engine.index, query, engine.index.entries[0])


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("berapa pemain setiap tim bola voli", False),  # "enam": a count written as a word
        ("kapan bola voli diciptakan", False),  # 1895: a year
        ("bola voli diciptakan tahun berapa", False),  # "tahun berapa" is "kapan"
        ("berapa harga tiket nonton voli", True),  # no sentence about tickets states a number
        ("siapa pencipta bola voli", True),  # no sentence of the answer names anyone
        ("bola voli diciptakan di negara mana", True),  # a place asked, and none named
    ],
)
def test_a_number_the_answer_states_answers_berapa_and_kapan(voli, question, unknown):
    assert _asks_unknown(voli, question) is unknown


VOLI_NAMES = Intent(
    "voli",
    "Bola voli",
    ("apa itu bola voli", "permainan bola voli", "bola voli di indonesia"),
    "Bola voli diciptakan oleh William Morgan di Massachusetts. "
    "Indonesia menjadi anggota tidak tetap dewan federasi bola voli Asia. "
    "Bola voli pantai dimainkan di pasir.",
)


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("siapa pencipta bola voli", False),  # "... oleh William Morgan"
        ("siapa nama penciptanya", False),  # a name asked for: the answer need not say "nama"
        ("disebut siapa pencipta voli", False),
        ("bola voli diciptakan di mana", False),  # "... di Massachusetts"
        ("bola voli pantai dimainkan di mana", False),  # "... di pasir"
        ("bola voli pantai dimainkan siapa", True),  # "di pasir" says where, not who
        ("siapa pemain terbaik bola voli", True),  # no sentence about the best players
        ("siapa anggota tetap dewan federasi bola voli", True),  # the sentence says "tidak tetap"
    ],
)
def test_a_name_the_answer_states_answers_siapa_and_di_mana(question, unknown):
    assert _asks_unknown(Engine(KnowledgeBase((VOLI_NAMES,))), question) is unknown


def test_the_topics_own_name_does_not_answer_who():
    # A topic about Indonesia saying Indonesia is one member does not say who the members are.
    indonesia = Intent(
        "indonesia",
        "Indonesia di bola voli",
        ("peran indonesia di bola voli", "prestasi voli indonesia"),
        "Indonesia menjadi anggota dewan federasi bola voli Asia sejak 1960.",
    )
    assert _asks_unknown(Engine(KnowledgeBase((indonesia,))), "siapa anggota dewan federasi bola voli asia")


def test_who_did_what_a_topic_on_someone_tells_of_is_that_someone():
    hooke = Intent(
        "hooke",
        "Robert Hooke, penemu sel",
        ("siapa penemu sel", "robert hooke menemukan apa"),
        "Robert Hooke adalah ilmuwan Inggris. Ia mengamati sayatan gabus dan menamai ruang kecilnya sel.",
        aliases=("Robert Hooke", "Hooke"),
    )
    engine = Engine(KnowledgeBase((hooke,)))
    assert not _asks_unknown(engine, "siapa yang menamai ruang kecil dalam sayatan gabus")
    assert _asks_unknown(engine, "siapa yang menemukan teleskop")  # the topic tells nothing of telescopes


def test_who_is_not_a_topic_on_an_everyday_name():
    # Indonesia is one member of the federation, not who its members are, alias or not.
    indonesia = Intent(
        "indonesia",
        "Indonesia di bola voli",
        ("peran indonesia di bola voli", "prestasi voli indonesia"),
        "Indonesia menjadi anggota dewan federasi bola voli Asia sejak 1960.",
        aliases=("Indonesia",),
    )
    assert _asks_unknown(Engine(KnowledgeBase((indonesia,))), "siapa anggota dewan federasi bola voli asia")


def test_a_year_is_not_a_count():
    pack = Intent("klub", "Klub", ("apa itu klub voli",), "Klub voli kami punya anggota sejak 1990.")
    engine = Engine(KnowledgeBase((pack,)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("berapa anggota klub voli").terms)
    assert asks_unknown_fact(engine.index, query, engine.index.entries[0])


def test_an_article_numbered_with_a_letter_is_a_number():
    # "Pasal 36A": which article, stated as surely as "Pasal 36".
    pack = Intent("lambang", "Lambang negara", ("apa lambang negara",), "Lambang negara diatur dalam UUD Pasal 36A.")
    engine = Engine(KnowledgeBase((pack,)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("lambang negara diatur di pasal berapa").terms)
    assert not asks_unknown_fact(engine.index, query, engine.index.entries[0])


def test_how_long_is_stated_by_a_number_of_some_unit_of_time():
    def unknown(answer: str, question: str) -> bool:
        engine = Engine(KnowledgeBase((Intent("klub", "Klub voli", ("apa itu klub voli",), answer),)))
        query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
        return asks_unknown_fact(engine.index, query, engine.index.entries[0])

    assert not unknown("Latihan klub voli berlangsung 90 menit.", "berapa lama latihan klub voli")
    # A year, and a number of members, are no length of time.
    assert unknown("Klub voli kami berdiri pada 1990 dengan 12 anggota.", "berapa lama klub voli berdiri")


def test_a_day_of_a_month_is_not_a_count():
    pack = Intent("upacara", "Upacara", ("apa itu upacara bendera",), "Upacara bendera dihadiri warga pada 17 Agustus.")
    engine = Engine(KnowledgeBase((pack,)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("berapa warga yang hadir upacara").terms)
    assert asks_unknown_fact(engine.index, query, engine.index.entries[0])


def test_a_number_the_question_says_itself_states_nothing():
    # "UU 39 tahun 1999 ada berapa pasal": the sentence naming the law holds 39, the question's own
    # number, and says nothing of how many articles it has. A number the question does not say does.
    def unknown(answer: str, question: str) -> bool:
        engine = Engine(KnowledgeBase((Intent("uu", "UU Nomor 39", ("apa isi uu nomor 39",), answer),)))
        query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
        return asks_unknown_fact(engine.index, query, engine.index.entries[0])

    assert unknown("UU Nomor 39 memuat pasal tentang hak hidup.", "UU 39 ada berapa pasal")
    assert not unknown("UU Nomor 39 memuat 106 pasal.", "UU 39 ada berapa pasal")
    assert unknown("UU Nomor 39 memuat pasal tentang lima hak.", "UU 39 ada lima pasal kan, berapa pasal?")


def test_a_sum_with_its_numbers_given_is_stated_by_an_answer_that_works_one_out():
    # The pack never asks "berapa"; a question giving the numbers asks for the sum its answer works out.
    ohm = Intent(
        "ohm",
        "Hukum Ohm",
        ("apa itu hukum ohm", "rumus hukum ohm"),
        "Rumus hukum Ohm: V = I x R. Contoh: lampu berhambatan 20 ohm pada tegangan 12 volt dilalui arus 0,6 A.",
    )
    engine = Engine(KnowledgeBase((ohm,)))
    assert not _asks_unknown(engine, "lampu berhambatan 15 ohm dipasang pada tegangan 3 volt, berapa arusnya")
    assert _asks_unknown(engine, "berapa kuat arus lampu di rumahku")  # nothing given: a fact
    # The student's numbers are not the answer's: "2x + 5 = 12" shares only its 12 with the example.
    assert _asks_unknown(engine, "bantuin pr dong, 2x + 5 = 12, x nya berapa")


def test_a_worked_example_over_several_lines_states_the_sum_together():
    # Each line of the worked example says part of the question's words; none says half of them.
    pascal = Intent(
        "pascal",
        "Contoh soal hukum Pascal",
        ("contoh soal hukum pascal", "latihan soal dongkrak hidrolik"),
        "Diketahui pengisap kecil 10 cm2 dan pengisap besar 500 cm2.\n"
        "Mobil seberat 15000 N diangkat.\n"
        "F1 = F2 x A1 / A2 = 300 N, jadi gaya minimal pada pengisap kecil 300 N.",
    )
    engine = Engine(KnowledgeBase((pascal,)))
    question = "pengisap kecil 20 cm2 dan besar 1000 cm2, berapa gaya untuk mengangkat mobil seberat 10000 N"
    assert not _asks_unknown(engine, question)
    assert _asks_unknown(engine, "berapa harga dongkrak hidrolik")  # nothing given: a fact


def test_a_roman_numeral_says_which_one():
    pack = Intent("pbb", "PBB", ("apa itu pbb",), "PBB didirikan setelah Perang Dunia II berakhir.")
    engine = Engine(KnowledgeBase((pack,)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("pbb didirikan setelah perang dunia ke berapa").terms)
    assert not asks_unknown_fact(engine.index, query, engine.index.entries[0])


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("aturan nomor 6 bola voli apa", True),  # the answer numbers no sixth rule
        ("pasal 12 aturan bola voli isinya apa", True),
        ("bola voli tim nomor 6 itu apa", True),
        ("sebutkan 6 aturan bola voli", False),  # a count asked for, no item referred to
    ],
)
def test_a_numbered_item_the_intent_never_numbers_is_an_unknown_fact(voli, question, unknown):
    assert _asks_unknown(voli, question) is unknown


def test_a_numbered_item_the_answer_gives_is_known():
    uu = Intent("uu", "Undang-undang koperasi", ("uu koperasi",), "Koperasi diatur UU Nomor 25 Tahun 1992.")
    engine = Engine(KnowledgeBase((uu,)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("isi uu no 25 tentang koperasi").terms)
    assert query.items == (("no", "25"),) and not asks_unknown_fact(engine.index, query, engine.index.entries[0])


@pytest.mark.parametrize(("question", "unknown"), [("bunyi alinea pertama", True), ("bunyi alinea keempat", False)])
def test_an_item_the_topic_numbers_otherwise_is_not_its_own(question, unknown):
    # The topic numbers alinea (the fourth) and says "1" elsewhere (its first sila): "alinea 1" is not its.
    sila = Intent(
        "sila",
        "Bunyi sila",
        ("bunyi sila 1", "bunyi kelima sila"),
        "Rumusan sila ada di Pembukaan UUD 1945 alinea keempat.",
    )
    assert _asks_unknown(Engine(KnowledgeBase((sila,))), question) is unknown


def test_a_definition_question_asks_a_fact_only_an_intent_defining_the_thing_states():
    # "Pentingnya di era globalisasi" speaks of globalisation but never says what it is.
    pentingnya = Intent(
        "pentingnya",
        "Pentingnya kerjasama di era globalisasi",
        ("kenapa kerjasama penting di era globalisasi", "hubungan globalisasi dengan kerjasama"),
        "Di era globalisasi negara-negara saling terhubung, maka kerjasama penting.",
    )
    hemofilia = Intent(
        "hemofilia",
        "Penyakit darah sukar membeku",
        ("penyakit darah sukar membeku namanya apa", "kenapa darah penderita sukar membeku"),
        "Hemofilia adalah penyakit keturunan yang membuat darah sukar membeku.",
    )
    engine = Engine(KnowledgeBase((pentingnya, hemofilia)))
    unknown = [
        asks_unknown_fact(
            engine.index, Query.prepare(engine.index, engine.analyzer.analyze(q).terms), engine.index.entries[0]
        )
        for q in ("apa itu globalisasi", "globalisasi", "kenapa kerjasama penting di era globalisasi")
    ]
    assert unknown == [True, False, False]
    # An answer sentence that begins with the thing defines it.
    query = Query.prepare(engine.index, engine.analyzer.analyze("apa itu hemofilia").terms)
    assert not asks_unknown_fact(engine.index, query, engine.index.entries[1])


def test_the_clause_asking_a_fact_says_what_an_answer_sentence_must_state():
    # The temperature is asked in another clause: the sentence stating the period need not speak of it.
    merkurius = Intent(
        "merkurius",
        "Planet Merkurius",
        ("ciri planet merkurius", "apa itu merkurius", "suhu di merkurius"),
        "Merkurius hampir tidak punya atmosfer, jadi suhunya ekstrem. Revolusi Merkurius lamanya 88 hari.",
    )
    venus = Intent("venus", "Planet Venus", ("ciri planet venus", "apa itu venus"), "Revolusi Venus lamanya 225 hari.")
    engine = Engine(KnowledgeBase((merkurius, venus)))
    question = "Kata guru Merkurius hampir tidak punya atmosfer. Apa akibatnya bagi suhu, dan berapa lama revolusinya?"
    analysis = engine.analyzer.analyze(question)
    assert set(analysis.fact_scope) == {"berapa", "lama", "revolusi"}
    scoped = Query.prepare(engine.index, analysis.terms, analysis.background, analysis.fact_scope)
    whole = Query.prepare(engine.index, analysis.terms, analysis.background)
    assert not asks_unknown_fact(engine.index, scoped, engine.index.entries[0])
    assert asks_unknown_fact(engine.index, whole, engine.index.entries[0])
    # One clause: the whole question is the scope.
    assert engine.analyzer.analyze("berapa lama revolusi merkurius").fact_scope == ()


def test_a_topic_the_teacher_names_bare_defines_that_name():
    # "deskripsi" is a phrasing of "Teks deskripsi" (whose alias makes the pair one name): asking
    # what deskripsi is asks this topic, not a fact it never states.
    deskripsi = Intent(
        "deskripsi",
        "Teks deskripsi",
        ("apa itu teks deskripsi", "ciri teks deskripsi", "deskripsi"),
        "Teks deskripsi menggambarkan suatu objek secara rinci.",
        aliases=("teks deskripsi",),
    )
    eksposisi = Intent(
        "eksposisi", "Teks eksposisi", ("apa itu teks eksposisi",), "Teks eksposisi memaparkan pendapat."
    )
    engine = Engine(KnowledgeBase((deskripsi, eksposisi)))
    query = Query.prepare(engine.index, engine.analyzer.analyze("deskripsi apa").terms)
    assert query.defined == "deskripsi"
    assert not asks_unknown_fact(engine.index, query, engine.index.entries[0])
    assert asks_unknown_fact(engine.index, query, engine.index.entries[1])


def test_a_phrasing_asking_the_fact_vouches_for_it_with_enough_of_the_question_s_words(monkeypatch):
    # The answer states no year: only the phrasing asking "kapan" can vouch for the fact, and does
    # when it holds MIN_PHRASING_FACT_OVERLAP of the question's words ("koperasi", not "muncul").
    koperasi = Intent(
        "sejarah",
        "Sejarah koperasi",
        ("kapan koperasi pertama ada di indonesia", "sejarah koperasi indonesia"),
        "Koperasi di Indonesia bermula dari bank simpan pinjam di Purwokerto.",
    )
    engine = Engine(KnowledgeBase((koperasi,)))
    entry = engine.index.entries[0]
    query = Query.prepare(engine.index, engine.analyzer.analyze("koperasi sekolah pertama muncul kapan").terms)
    asking = next(p.terms for p in entry.phrasings if "kapan" in p.terms)
    shared = sum(query.weights[t] for t in query.fact_content if t in asking)
    share = shared / sum(query.weights[t] for t in query.fact_content)
    assert 0 < share < 1
    monkeypatch.setattr(facts, "MIN_PHRASING_FACT_OVERLAP", share)
    assert not asks_unknown_fact(engine.index, query, entry)
    monkeypatch.setattr(facts, "MIN_PHRASING_FACT_OVERLAP", share + 0.01)
    assert asks_unknown_fact(engine.index, query, entry)


def test_a_phrasing_saying_the_intents_name_says_the_names_words():
    # "detak jantung normal berapa" reads the alias "detak jantung" as the intent's name, one term;
    # "berapa kali jantung berdetak dalam satu menit" says its words apart and the other way round.
    nadi = Intent(
        "nadi",
        "Denyut nadi",
        ("apa itu denyut nadi", "detak jantung normal berapa", "cara menghitung denyut nadi"),
        "Denyut nadi adalah denyutan arteri akibat pemompaan jantung.",
        aliases=("denyut nadi", "detak jantung"),
    )
    engine = Engine(KnowledgeBase((nadi,)))
    entry = engine.index.entries[0]
    assert {"detak", "jantung"} <= entry.entity_words
    query = Query.prepare(engine.index, engine.analyzer.analyze("berapa kali jantung berdetak dalam satu menit").terms)
    assert not asks_unknown_fact(engine.index, query, entry)
    # Without the name's words, the phrasing shares too little of the question to vouch for it.
    assert asks_unknown_fact(engine.index, query, entry._replace(entity_words=frozenset()))
