"""English questions read as Indonesian (`nlp.translate_english`): question words, school words, their forms."""

import pytest

from nlp import lexicon, translate_english


def test_translate_english_question_words():
    assert translate_english(["what", "is", "multilateral", "cooperation"]) == [
        "apa",
        "is",
        "multilateral",
        "kerjasama",
    ]


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("protect", ["protects", "protected", "protecting"]),
        ("handle", ["handles", "handled", "handling"]),
        ("study", ["studies", "studied", "studying"]),
        ("plan", ["plans", "planned", "planning"]),
        ("reach", ["reaches", "reached", "reaching"]),
    ],
)
def test_english_inflections(word, forms):
    assert lexicon.english_inflections(word) == forms


def test_regular_english_forms_mean_their_word_but_indonesian_words_stay():
    assert translate_english(["members", "benefits", "protecting"]) == ["anggota", "manfaat", "lindung"]
    assert translate_english(["proses"]) == ["proses"]  # "process" + "-es" is an Indonesian word
    assert translate_english(["who", "designed", "the", "foundation"]) == ["siapa", "dirancang", "the", "dasar"]


def test_translate_english_school_words_but_never_an_indonesian_word(monkeypatch):
    assert translate_english(["which", "mixture", "is", "air"]) == ["apa", "campuran", "is", "air"]
    # A word that is also Indonesian ("air", "main") would change the meaning of Indonesian
    # questions: the shipped list holds none, and the table leaves one out should it slip in.
    school_words = set(lexicon._pairs("english_school.tsv"))
    assert len(school_words) > 500 and not school_words & lexicon.root_words()
    shipped = lexicon._pairs
    slipped = {"english_school.tsv": {"air": ("udara",)}}
    monkeypatch.setattr(lexicon, "_pairs", lambda name: {**shipped(name), **slipped.get(name, {})})
    lexicon.english_table.cache_clear()
    try:
        assert "mixture" in lexicon.english_table() and "air" not in lexicon.english_table()
    finally:
        lexicon.english_table.cache_clear()


def test_peoples_and_places_of_history_lessons_are_translated():
    # "Why did regional resistance against the Dutch usually fail?", "indonesian independence".
    assert translate_english(["against", "the", "dutch"]) == ["melawan", "the", "belanda"]
    assert translate_english(["indonesian", "independence"]) == ["indonesia", "kemerdekaan"]
    assert translate_english(["the", "java", "sea"]) == ["the", "jawa", "laut"]


def test_when_between_two_clauses_does_not_ask_when():
    # "what happens to the scale when a map is enlarged" asks what, not when.
    def english(text: str) -> list[str]:
        return translate_english(text.split(" "))

    assert "kapan" not in english("what happens to the scale when a map is enlarged")
    assert english("when was asean founded")[0] == "kapan"
    assert "kapan" in english("what is the united nations and when was it founded")
    assert english("pbb berdiri when") == ["pbb", "berdiri", "kapan"]
