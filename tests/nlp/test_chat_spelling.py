"""Chat and alay spellings (`nlp.chat_spelling`) and word frequency (`nlp.frequency`)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp import chat_spelling
from nlp.frequency import zipf_frequency


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("4pa", "apa"),  # digits for letters
        ("t3ntang", "tentang"),
        ("apah", "apa"),  # an "h" tacked on
        ("gimanah", "gimana"),
        ("tujuanny", "tujuannya"),  # "-ny" for "-nya"
        ("tujuanx", "tujuannya"),  # "x" for "nya"
        ("haloo", "halo"),  # a letter repeated (normalize leaves two)
        ("h4l000", "halo"),  # digits for letters, one of them repeated
        ("keamanann", "keamanan"),
        ("chontoh", "contoh"),  # "ch" for "c"
        ("biza", "bisa"),  # "z" for "s"
    ],
)
def test_spelling_variants_propose_the_standard_word(word, expected):
    assert expected in chat_spelling.spelling_variants(word)


@pytest.mark.parametrize(("word", "not_proposed"), [("g20", "gbo"), ("2030", "boeo"), ("pbb", "pbbnya")])
def test_names_and_numbers_are_not_turned_into_letters(word, not_proposed):
    assert not_proposed not in chat_spelling.spelling_variants(word)


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("krjsama", "kerjasama", True),
        ("pnjlsn", "penjelasan", True),
        ("cnth", "contoh", True),
        ("kyk", "kayak", True),
        ("kerjasama", "kerjasama", False),  # not shorter
        ("krjsm", "kerjasamaa", True),
        ("tntg", "tentang", False),  # a consonant left out too: not only vowels
        ("kjrsm", "kerjasama", False),  # consonants in another order
        ("ats", "atas", True),  # a first vowel stays
        ("tgn", "autogen", False),  # so one left out is no vowel drop ("tgn" is "tangan" in chat)
    ],
)
def test_is_vowel_drop(short, full, expected):
    assert chat_spelling.is_vowel_drop(short, full) is expected


@pytest.mark.parametrize(
    ("word", "first"),
    [("pnjlsn", "penjelasan"), ("krjsama", "kerjasama"), ("cnth", "contoh"), ("dmn", "dimana"), ("blm", "belum")],
)
def test_vowel_restorations_prefer_the_commonest_word(word, first):
    assert chat_spelling.vowel_restorations(word)[0] == first


def test_vowel_restorations_against_a_vocabulary_and_short_skeletons():
    assert chat_spelling.vowel_restorations("erop", ["eropa", "arep"]) == ["eropa"]
    assert chat_spelling.vowel_restorations("sm") == []  # two consonants are too ambiguous among all words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("bpk", True),  # "bapak": written so often in chat that wordfreq lists it
        ("brt", True),
        ("yg", False),  # too short, and slang with a meaning of its own
        ("dlm", False),  # slang: "dalam"
        ("smp", False),  # a school word: chatter, or the pack's own
        ("bapak", False),  # has vowels
        ("xqzv", False),  # not even written often
    ],
)
def test_is_chat_abbreviation(word, expected):
    assert chat_spelling.is_chat_abbreviation(word) is expected


@pytest.mark.parametrize(
    ("said", "standard"),
    [
        ("kenceng", "kencang"),
        ("deket", "dekat"),
        ("sampe", "sampai"),
        ("pulo", "pulau"),
        ("kencengnya", "kencangnya"),
    ],
)
def test_jakarta_vowels_propose_the_standard_form(said, standard):
    assert standard in chat_spelling.jakarta_vowel_variants(said)


def test_jakarta_vowels_leave_standard_vowels_alone():
    assert chat_spelling.jakarta_vowel_variants("besar") == []
    assert chat_spelling.jakarta_vowel_variants("apa") == []


def test_a_slang_entry_has_its_own_meaning():
    assert chat_spelling.has_own_meaning("bareng")  # "bersama", not the "barang" a vowel rule would make of it
    assert not chat_spelling.has_own_meaning("kenceng")


def test_skeleton_keeps_consonants_in_order():
    assert chat_spelling.skeleton("kerjasama") == "krjsm"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=20))
def test_spelling_variants_never_raise_and_never_return_the_word(word):
    assert word not in chat_spelling.spelling_variants(word)


def test_word_frequency_tells_everyday_words_from_rare_ones():
    assert zipf_frequency("dan") > zipf_frequency("sekolah") > zipf_frequency("fotosintesis") > 0
    assert zipf_frequency("internet") > zipf_frequency("unesco")
    assert zipf_frequency("qzxwv") == 0.0
    assert (
        chat_spelling.is_listed_word("internet")
        and chat_spelling.is_listed_word("gmn")
        and not chat_spelling.is_listed_word("krjsama")
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("gabisa", ("ga", "bisa")),  # a negation glued to the next word
        ("gatau", ("ga", "tau")),
        ("gakngerti", ("gak", "ngerti")),
        ("nggakada", ("nggak", "ada")),
        ("gagal", None),  # a word of its own
        ("garam", None),
        ("gabung", None),
        ("gajah", None),
        ("ga", None),
        ("gaxy", None),  # the rest is no word
    ],
)
def test_a_glued_negation_comes_apart(word, expected):
    assert chat_spelling.unglued_negation(word) == expected
