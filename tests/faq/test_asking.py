"""Long questions decided in parts: the sentence that asks, a homework instruction's first task (`faq.asking`)."""

import pytest


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("apa itu pbb", []),  # one clause: nothing more to try
        (
            "halo kak, aku anak smp, asean itu apa? makasih ya",
            ["asean itu apa?", "aku anak smp, asean itu apa?", "halo kak, aku anak smp, asean itu apa?"],
        ),
        ("Kapan PBB berdiri? Jelaskan perannya!", ["Kapan PBB berdiri?"]),
        ("tadi guru cerita soal dagang. wto ngurus apa", ["wto ngurus apa"]),
        ("tadi guru cerita soal dagang terus aku penasaran wto ngurus apa", ["terus aku penasaran wto ngurus apa"]),
        ("kak, asean itu apa", ["asean itu apa"]),
        # homework: each task on its own, and not a premise sentence
        ("Jelaskan pengertian WTO dan sebutkan fungsinya!", ["Jelaskan pengertian WTO", "sebutkan fungsinya!"]),
        (
            "Sebutkan tiga tujuan ASEAN. Jelaskan masing-masing!",
            ["Jelaskan masing-masing!", "Sebutkan tiga tujuan ASEAN."],
        ),
        ("PBB berdiri pada 1945. Jelaskan perannya!", ["Jelaskan perannya!"]),
        ("Kapan ASEAN berdiri dan apa tujuannya?", ["Kapan ASEAN berdiri", "apa tujuannya?"]),  # two asks
        # chat leaves the full stop out: the task word starts the task
        ("salah satunya asean jelasin ap itu asean", ["jelasin ap itu asean"]),
        ("tolong jelasin g20 pake bahasa sederhana", []),  # a request, not a second sentence
    ],
)
def test_asking_parts_are_the_end_of_the_sentence_that_asks(question, parts):
    from faq.asking import asking_parts

    assert asking_parts(question) == parts


@pytest.mark.parametrize(
    ("question", "task"),
    [
        ("Jelaskan apa itu ASEAN dan bagaimana peran Indonesia di dalamnya!", "Jelaskan apa itu ASEAN"),
        ("Sebutkan tujuan PBB, lalu jelaskan perannya bagi Indonesia.", "Sebutkan tujuan PBB,"),
        ("Jelaskan pengertian WTO!", None),  # one task
        ("Aku bingung. Jelaskan ASEAN dan sebutkan anggotanya!", None),  # a story first: its last part asks
        ("kak asean itu apa dan siapa pendirinya", None),  # no instruction
    ],
)
def test_first_task_of_a_homework_instruction(question, task):
    from faq.asking import first_task

    assert first_task(question) == task


def test_homework_is_about_its_first_task(engine):
    # The second task asks about Indonesia's part in it; the topic is the first task's.
    decision = engine.decide("Jelaskan apa itu ASEAN dan bagaimana peran Indonesia di dalamnya!")
    assert decision.accepted and engine.kb.intents[decision.best.position].id == "asean"
    assert decision.route == "first task"


@pytest.mark.parametrize(
    "question",
    [
        "kalau ada negara yang mau perang, kerjasama multilateral bisa bantu gak?",
        "kalo ada negara yg berantem, kerjasama multilateral bisa bantu apa?",
    ],
)
def test_a_last_clause_alone_does_not_answer_against_the_whole_question(engine, question):
    # "kerjasama multilateral bisa bantu apa" alone is its definition; the whole question is about
    # conflicts, whose intent is not among the whole question's best two for that part.
    assert engine.answer(question).intent in (None, "perdamaian_keamanan")
