"""How much a question's words weigh (`faq.query.Query`) and whether they name another intent's entity
(`faq.scoring.names_other_entity`), on small packs."""

from faq import Engine
from faq.query import Query
from faq.schema import Intent, KnowledgeBase
from tests.conftest import REPO


def test_an_everyday_word_one_phrasing_uses_weighs_less_than_a_typical_one():
    # "sekaligus" is in one phrasing of eight (as rare in the pack as "tujuan"), but it is everyday
    # Indonesian and typical of no intent: it says less about what is asked.
    tujuan = Intent(
        "tujuan",
        "Tujuan koperasi",
        (
            "tujuan koperasi",
            "apa tujuan koperasi",
            "koperasi tujuannya apa",
            "koperasi didirikan untuk tujuan apa",
            "tujuan utama koperasi",
            "jelaskan tujuan koperasi",
            "tujuan dibentuknya koperasi",
            "sebutkan tujuan dan fungsi koperasi sekaligus",
        ),
        "Koperasi bertujuan menyejahterakan anggota.",
    )
    contoh = Intent("contoh", "Contoh koperasi", ("contoh koperasi", "contoh koperasi sekolah"), "Koperasi sekolah.")
    engine = Engine(KnowledgeBase((tujuan, contoh)))
    weights = Query.prepare(engine.index, engine.analyzer.analyze("tujuan koperasi sekaligus").terms).weights
    assert engine.index.weight("sekaligus") >= engine.index.weight("tuju")  # the pack alone: as rare
    assert weights["sekaligus"] < weights["tuju"]


def _names_other_entity(intents: tuple[Intent, ...], question: str) -> bool:
    """Whether `question` names an entity the first of `intents` is not about."""
    from faq.scoring import names_other_entity

    engine = Engine(KnowledgeBase(intents))
    query = Query.prepare(engine.index, engine.analyzer.analyze(question).terms)
    return names_other_entity(query, engine.index.entries[0])


def test_a_name_the_answer_uses_beside_the_intents_own_words_is_no_other_entity():
    # GLBB's answer speaks of percepatan (another topic's name); "gerak lurus yang percepatannya
    # tetap" asks about GLBB in its own words. "apa itu percepatan" names the other topic.
    glbb = Intent(
        "glbb",
        "GLBB",
        ("apa itu gerak lurus berubah", "contoh gerak lurus berubah"),
        "GLBB adalah gerak lurus dengan percepatan tetap.",
    )
    percepatan = Intent("percepatan", "Percepatan", ("apa itu percepatan",), "...", aliases=("percepatan",))
    assert not _names_other_entity((glbb, percepatan), "gerak lurus yang percepatannya tetap namanya apa")
    assert _names_other_entity((glbb, percepatan), "apa itu percepatan")


def test_a_question_asking_a_name_describes_by_the_names_it_uses():
    # "protein di sel darah merah yang mengikat oksigen namanya apa" asks for hemoglobin, which the
    # question describes by another topic's name; "apa itu sel darah merah" asks about that topic.
    hemoglobin = Intent(
        "hemoglobin",
        "Hemoglobin",
        ("apa itu hemoglobin", "hb fungsinya apa"),
        "Hemoglobin adalah protein di dalam sel darah merah yang mengikat oksigen.",
        aliases=("hemoglobin",),
    )
    eritrosit = Intent("eritrosit", "Eritrosit", ("apa itu eritrosit",), "...", aliases=("sel darah merah",))
    intents = (hemoglobin, eritrosit)
    assert not _names_other_entity(intents, "protein di sel darah merah yang mengikat oksigen namanya apa")
    assert _names_other_entity(intents, "apa itu sel darah merah")


def test_how_many_the_homework_wants_is_not_what_it_is_about():
    # "sebutin 6 jenis ...": the number weighs like chatter beside words; alone it is all there is.
    engine = Engine.from_paths([REPO / "tests" / "data" / "subject" / "ham.yaml"])
    weights = Query.prepare(engine.index, engine.analyzer.analyze("sebutin 6 jenis hak asasi").terms).weights
    assert weights["6"] < engine.index.weight("6") / 2
    assert engine.answer("sebutin 6 jenis hak asasi").intent == "ham_macam"
    assert (
        Query.prepare(engine.index, engine.analyzer.analyze("17 8 45").terms).weights["17"]
        > engine.index.weight("17") / 2
    )


def test_a_description_asking_its_name_weighs_the_everyday_words_of_an_answer():
    # "banyaknya energi yang dipakai tiap detik itu disebut apa": "detik" is only in daya's answer
    # ("energi yang digunakan setiap detik"), an everyday word, but here it is the description the
    # student gives, not chatter around a question.
    daya = Intent(
        "daya",
        "Daya listrik",
        ("apa itu daya listrik", "rumus daya listrik", "satuan daya"),
        "Daya listrik adalah energi listrik yang digunakan setiap detik.",
    )
    energi = Intent("energi", "Energi listrik", ("apa itu energi listrik", "rumus energi listrik"), "W = V I t.")
    engine = Engine(KnowledgeBase((daya, energi)))

    def weight_of_detik(question: str) -> float:
        return Query.prepare(engine.index, engine.analyzer.analyze(question).terms).weights["detik"]

    naming = weight_of_detik("banyaknya energi listrik yang dipakai tiap detik itu disebut apa")
    assert naming > 1.5 * weight_of_detik("banyaknya energi listrik yang dipakai tiap detik itu bagaimana")
    assert engine.answer("banyaknya energi listrik yang dipakai tiap detik itu disebut apa").intent == "daya"
