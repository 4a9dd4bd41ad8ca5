"""The word tables shipped in ``nlp/data``, read once on first use."""

from __future__ import annotations

from functools import cache
from importlib import resources

from nlp.frequency import zipf_frequency


def _data_lines(name: str) -> list[str]:
    text = resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(name: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _data_lines(name):
        word, _, replacement = line.partition("\t")
        table[word.strip()] = tuple(replacement.split())
    return table


@cache
def slang_table() -> dict[str, tuple[str, ...]]:
    """Colloquial word -> its standard words ("gmn" -> ("bagaimana",)), chains resolved."""
    table = _pairs("slang.tsv")
    # "knp" -> "kenapa" -> "mengapa": one lookup must reach the standard form.
    return {word: tuple(w for part in words for w in table.get(part, (part,))) for word, words in table.items()}


@cache
def equivalent_words() -> tuple[tuple[str, ...], ...]:
    """Groups of everyday words that mean the same in a school question ("hemat", "irit")."""
    return tuple(tuple(line.split("\t")) for line in _data_lines("equivalents.tsv"))


@cache
def root_words() -> frozenset[str]:
    """Sastrawi's dictionary of Indonesian root words."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(word for word in StemmerFactory().get_words() if word)


@cache
def english_table() -> dict[str, tuple[str, ...]]:
    """English word -> Indonesian words: question words ("why" -> ("mengapa",)) and the general
    school words students ask with ("mixture" -> ("campuran",))."""
    # A word that is also Indonesian ("air", "main") must not be translated in Indonesian questions.
    indonesian = root_words()
    table = {w: t for w, t in _pairs("english_school.tsv").items() if w not in indonesian}
    table.update(_pairs("english.tsv"))
    # "joining", "handled", "spins": the regular forms of a listed word mean what it means.
    # Never a form Indonesian uses more ("proses" is not "process" + "-es").
    inflected: dict[str, tuple[str, ...]] = {}
    for word, meaning in table.items():
        if len(word) >= 3 and word.isalpha():
            for form in english_inflections(word):
                if form not in table and form not in indonesian and zipf_frequency(form) < INDONESIAN_ZIPF:
                    inflected.setdefault(form, meaning)
    return {**inflected, **table}


_VOWELS = frozenset("aeiou")

INDONESIAN_ZIPF = 4.0
"""An English word's derived form this common in Indonesian (Zipf) is left to Indonesian ("proses")."""


def english_inflections(word: str) -> list[str]:
    """The regular -s, -ed and -ing forms of an English word ("stop" -> "stops", "stopped", "stopping")."""
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    if word.endswith("e"):
        return [word + "s", word + "d", word[:-1] + "ing"]
    plural = word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
    # A short word's one vowel before its last consonant doubles it: "plan" -> "planned" ("visit" does not).
    short_vowel = word[-2] in _VOWELS and word[-3] not in _VOWELS
    doubles = len(word) <= 4 and short_vowel and word[-1] not in _VOWELS | {"w", "x", "y"}
    stem = word + word[-1] if doubles else word
    return [plural, stem + "ed", stem + "ing"]


@cache
def small_talk_words() -> dict[str, frozenset[str]]:
    """The words of greetings ("greeting"), of thanks ("thanks") and the chat words said with them ("chat")."""
    return _kinds("small_talk.txt")


@cache
def about_bot_words() -> dict[str, frozenset[str]]:
    """The words naming or speaking to the bot ("bot") and what a question about it asks ("about")."""
    return _kinds("about_bot.txt")


def _kinds(name: str) -> dict[str, frozenset[str]]:
    # Lines of kind<TAB>words.
    kinds: dict[str, frozenset[str]] = {}
    for line in _data_lines(name):
        kind, _, words = line.partition("\t")
        kinds[kind.strip()] = frozenset(words.split())
    return kinds


@cache
def phrase_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Word sequences that mean one thing ("tahun berapa" -> ("kapan",))."""
    return {tuple(phrase.split()): words for phrase, words in _pairs("phrases.tsv").items()}


@cache
def phrase_first_words() -> frozenset[str]:
    """The words a phrase of `phrase_table` starts with: any other word starts none."""
    return frozenset(phrase[0] for phrase in phrase_table())


@cache
def stopwords() -> frozenset[str]:
    """Words that never carry the topic of a question."""
    return frozenset(_data_lines("stopwords.txt"))


@cache
def school_words() -> frozenset[str]:
    """School words around a question (SMP, PKn, UTS, murid): chatter, unless a KB uses them."""
    return frozenset(_data_lines("school_words.txt"))


@cache
def country_names() -> frozenset[str]:
    """Countries in one word each ("jepang", "amerika"): a name, though everyday Indonesian."""
    return frozenset(_data_lines("country_names.txt"))


@cache
def stem_exceptions() -> dict[str, str]:
    """Words Sastrawi stems wrongly -> the right stem ("berikan" -> "beri")."""
    return {word: stems[0] for word, stems in _pairs("stem_exceptions.tsv").items()}


QUESTION_WORDS = frozenset({"apa", "siapa", "kapan", "mengapa", "bagaimana", "berapa", "mana", "dimana", "terkini"})
"""Kept out of the stopwords: "kapan PBB berdiri" and "apa itu PBB" ask different things. "terkini"
stands for asking how things are now ("tahun ini", "tahun depan", "terbaru"): `nlp/data/phrases.tsv`."""

NEGATIONS = frozenset({"tidak", "bukan", "belum", "jangan"})

SPELLED_LETTERS = {
    # Indonesian letter names, then English ones as students say them ("ji twenty" is G20)
    **dict.fromkeys(["a", "ei"], "a"),
    **dict.fromkeys(["be", "bi"], "b"),
    **dict.fromkeys(["ce", "si"], "c"),
    **dict.fromkeys(["de", "di"], "d"),
    **dict.fromkeys(["e"], "e"),
    **dict.fromkeys(["ef"], "f"),
    **dict.fromkeys(["ge", "ji"], "g"),
    **dict.fromkeys(["ha", "eich", "ech"], "h"),
    **dict.fromkeys(["i", "ai"], "i"),
    **dict.fromkeys(["je", "jei"], "j"),
    **dict.fromkeys(["ka", "kei"], "k"),
    **dict.fromkeys(["el"], "l"),
    **dict.fromkeys(["em"], "m"),
    **dict.fromkeys(["en"], "n"),
    **dict.fromkeys(["o", "ou"], "o"),
    **dict.fromkeys(["pe", "pi"], "p"),
    **dict.fromkeys(["ki", "kyu"], "q"),
    **dict.fromkeys(["er", "ar"], "r"),
    **dict.fromkeys(["es"], "s"),
    **dict.fromkeys(["te", "ti"], "t"),
    **dict.fromkeys(["u", "yu"], "u"),
    **dict.fromkeys(["ve", "fe", "vi"], "v"),
    **dict.fromkeys(["we", "dabelyu"], "w"),
    **dict.fromkeys(["eks", "iks"], "x"),
    **dict.fromkeys(["ye", "wai"], "y"),
    **dict.fromkeys(["zet", "zi"], "z"),
    **dict.fromkeys(["twenty", "twenti", "tuenti", "duapuluh"], "20"),
    **dict.fromkeys(["seven", "tujuh"], "7"),
    **dict.fromkeys(["eight", "delapan"], "8"),
    # a letter written as itself beside letters said aloud ("g twenty")
    **{letter: letter for letter in "bcdfghjklmnpqrstvwxyz"},
}
"""A letter or number said aloud, as students write an acronym they heard ("es de ji es", "ji
twenty"): `faq.analyzer` joins a run of them when the pack knows the result."""

NUMBER_WORDS = frozenset(
    [
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
        "sebelas",
        "belas",
        "puluh",
        "ratus",
        "ribu",
        "juta",
        "miliar",
        "seratus",
        "seribu",
        "sejuta",
    ]
)
"""Numbers written as words ("tiga negara atau lebih"): an answer holding one states a count."""

SCHOOL_SUBJECTS = frozenset(
    [
        "bahasa",
        "inggris",
        "sejarah",
        "geografi",
        "ekonomi",
        "fisika",
        "biologi",
        "bio",
        "kimia",
        "matematika",
        "sosiologi",
        "agama",
        "seni",
        "informatika",
        "prakarya",
        "pjok",
        "penjas",
        "ipa",
        "ips",
        "pkn",
        "ppkn",
    ]
)
"""School subjects' names: after a class word ("ulangan sejarah", "guru ekonomi") they say which
lesson the student is in, not what the question is about, even in a pack that uses the word."""

CLASS_WORDS = frozenset(
    [
        "ulangan",
        "ujian",
        "uh",
        "uts",
        "uas",
        "pts",
        "pas",
        "pat",
        "pr",
        "tugas",
        "kuis",
        "quiz",
        "guru",
        "pelajaran",
        "mapel",
        "les",
        "remedial",
    ]
)
"""Words of a lesson that a school subject's name may follow ("tugas geografi")."""

MONTHS = frozenset(
    [
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ]
)
"""Month names: a number before one is a date ("17 Agustus"), which says when, not how many."""
