"""Greetings, thanks and chat: small talk told from questions (`faq.small_talk`)."""


def test_small_talk_said_in_chat_words_alone_is_answered():
    # "pagi kak" is all chat words, so no term is left to match; "selamat pagi" says it.
    from faq import Engine
    from faq.schema import Intent, KnowledgeBase

    salam = Intent("salam", "Salam", ("halo", "selamat pagi", "hai kak"), "Halo juga!", small_talk=True)
    lambung = Intent("lambung", "Lambung", ("apa fungsi lambung", "lambung itu apa"), "Lambung mencerna protein.")
    engine = Engine(KnowledgeBase((salam, lambung)))
    assert engine.answer("pagi kak 👋").intent == "salam"
    assert engine.answer("tes").intent is None


def test_a_greeting_to_the_bot_is_no_question_about_it():
    # "pagi bot": "pagi" is chatter in a question, which leaves "bot", the help topic's word.
    from faq import Engine
    from faq.schema import Intent, KnowledgeBase

    salam = Intent("salam", "Salam", ("halo", "selamat pagi bot", "hai kak"), "Halo juga!", small_talk=True)
    bantuan = Intent(
        "bantuan", "Bantuan", ("bot ini bisa apa", "cara pakai bot ini", "bot bisa bantu apa"), "Tanya saja!"
    )
    lambung = Intent("lambung", "Lambung", ("apa fungsi lambung", "lambung itu apa"), "Lambung mencerna protein.")
    engine = Engine(KnowledgeBase((salam, bantuan, lambung)))
    assert engine.answer("pagi bot").intent == "salam"
    assert engine.answer("bot ini bisa apa aja").intent == "bantuan"


def test_a_whole_greeting_or_thanks_is_small_talk_whatever_the_topics_words():
    # "selamat" is a word of "keselamatan listrik"; "selamat sore bu" greets all the same.
    from faq import Engine
    from faq.schema import Intent, KnowledgeBase

    salam = Intent("salam", "Salam", ("halo", "selamat pagi", "hai kak"), "Halo juga!", small_talk=True)
    makasih = Intent("makasih", "Terima kasih", ("makasih", "terima kasih kak"), "Sama-sama!", small_talk=True)
    aman = Intent(
        "keselamatan",
        "Keselamatan listrik",
        (
            "cara menjaga keselamatan listrik",
            "keselamatan saat memakai listrik",
            "apa itu sekring",
            "tips aman memakai listrik di rumah",
        ),
        "Demi keselamatan, jangan menyentuh kabel terkelupas.",
    )
    engine = Engine(KnowledgeBase((salam, makasih, aman)))
    # "selamat pagi" is "selamat" alone once analysed, as "keselamatan" is: no greeting to set aside.
    assert "selamat" in engine.small_talk.without(engine.analyzer.analyze("makasih kak, keselamatan listrik?").terms)
    decision = engine.decide("selamat sore bu")
    assert engine.kb.intents[decision.best.position].id == "salam" and decision.route == "greeting or thanks"
    assert "selamat" in decision.terms  # explain shows what was read
    assert engine.answer("thx min, ngebantu bgt").intent == "makasih"
    assert engine.answer("keselamatan listrik").intent == "keselamatan"
    # Thanks and a remark asking nothing: "selesai" had met "menyelesaikan" in the bundled pack.
    assert engine.answer("makasih kak, aku jadi tau cara aman pake listrik").intent == "makasih"
    assert engine.answer("makasih kak, trus keselamatan listrik gimana?").intent == "keselamatan"
    # A greeting and a remark: greeted when no topic answers; a topic named after a greeting is answered.
    assert engine.answer("halo kak, aku baru gabung di grup ini").intent == "salam"
    assert engine.answer("halo kak, keselamatan listrik").intent == "keselamatan"


def test_a_question_word_no_topic_asks_is_not_small_talk():
    # No phrasing of the biology pack asks "siapa", but a greeting's words must not take it away:
    # "siapa penemu enzim pencernaan" asks a name the pack never gives.
    from faq import Engine
    from tests.conftest import REPO

    engine = Engine.from_paths([REPO / "tests" / "data" / "subject" / "pencernaan.yaml"])
    assert engine.answer("siapa penemu enzim pencernaan").intent is None
    assert engine.answer("enzim pencernaan apa saja").intent == "cerna_enzim"


def test_a_question_about_the_bot_gets_no_topic_that_shares_its_words():
    # "nama kamu siapa" shares "nama" with "kenapa namanya rhesus", "kamu bisa ngapain aja" reads as
    # "fungsi apa": a pack without a topic asking about the bot falls back; one with it answers.
    from faq import Engine
    from faq.schema import Intent, KnowledgeBase

    rhesus = Intent("rhesus", "Rhesus", ("apa itu rhesus", "kenapa namanya rhesus", "rhesus positif"), "Rhesus ...")
    fungsi = Intent("fungsi", "Fungsi darah", ("fungsi darah apa", "darah bisa ngapain aja", "guna darah"), "...")
    topics = (rhesus, fungsi)
    engine = Engine(KnowledgeBase(topics))
    for question in ("nama kamu siapa", "kamu bisa ngapain aja?"):
        answer = engine.answer(question)
        assert answer.intent is None, question
        assert answer.suggestions
    assert engine.answer("darah bisa ngapain aja").intent == "fungsi"
    bantuan = Intent("bantuan", "Bantuan", ("bot ini bisa apa", "cara pakai bot ini", "kamu bisa bantu apa"), "Tanya!")
    assert Engine(KnowledgeBase((*topics, bantuan))).answer("kamu bisa ngapain aja?").intent == "bantuan"
