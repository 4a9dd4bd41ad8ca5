"""Chat and alay spellings back to standard words, by rules that generalise beyond a table.

Students drop vowels ("krjsama", "pnjlsn"), tack on or cut off endings ("apah", "tujuanny"),
repeat letters ("manfaaat"), write digits for letters ("4pa"), "ch" for "c" and "z" for "s".
`spelling_variants` proposes standard forms by those rules; `vowel_restorations` finds the words a
vowel-less form can stand for (its consonant skeleton). Neither checks a dictionary: the caller
decides which proposal is a word it knows (`faq.analyzer` prefers its knowledge base's words).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from nlp.frequency import common_words, zipf_frequency
from nlp.lexicon import QUESTION_WORDS, english_table, root_words, school_words, slang_table, stopwords
from nlp.stem import is_known_word

VOWELS = frozenset("aeiou")

_LEET = str.maketrans("43105786", "aeiostbg")
_DIGITS = frozenset("0123456789")
_NAME_WITH_NUMBER = re.compile(r"[a-z]+[0-9]+")  # "g20", "sdg16", "covid19": a name, not leet
_CLOSED_E = re.compile(r"([a-z]*[^aeiou])e([^aeiou]+)")  # "kenc" "e" "ng": an "e" in the last syllable
_LETTER_SWAPS = (("ch", "c"), ("dj", "j"), ("tj", "c"), ("oe", "u"), ("z", "s"), ("q", "k"), ("v", "f"))

GLUED_NEGATIONS = ("nggak", "ngga", "gak", "ga")
"""Negations chat glues to the next word ("gabisa", "gatau", "gakngerti"), longest first."""

MIN_SKELETON = 3
"""Consonants a vowel-less form needs before a general word is restored from it ("dmn" -> "dimana");
shorter ones ("sm", "bd") are too ambiguous outside one knowledge base's words."""


def is_listed_word(word: str) -> bool:
    """True when `word` is a word as it stands: common Indonesian, a root, slang, English, a stopword."""
    return (
        word in common_words()
        or word in root_words()
        or word in slang_table()
        or word in english_table()
        or word in stopwords()
        or word in QUESTION_WORDS
    )


def unglued_negation(word: str) -> tuple[str, str] | None:
    """("ga", "bisa") for "gabisa": a negation glued to a word, when the whole is no word itself
    ("gagal", "garam" are); None otherwise."""
    if not word.startswith(GLUED_NEGATIONS) or not word.isalpha() or is_known_word(word) or word in slang_table():
        return None  # the cheap test first: most words start with no negation
    for negation in GLUED_NEGATIONS:
        rest = word[len(negation) :]
        if word.startswith(negation) and len(rest) >= MIN_SKELETON and (is_known_word(rest) or rest in slang_table()):
            return negation, rest
    return None


def is_chat_abbreviation(word: str) -> bool:
    """True for a vowel-less form listed only because chat writes it often ("bpk", "brt"): no root,
    slang entry, English word, stopword or school word ("smp"), which have meanings of their own."""
    return (
        len(word) >= MIN_SKELETON
        and word.isalpha()
        and not has_vowel(word)
        and word in common_words()
        and word not in root_words()
        and not has_own_meaning(word)
    )


def has_own_meaning(word: str) -> bool:
    """True for a slang entry ("bareng" is "bersama", not "barang"), an English word, a stopword, a
    question word or a school word ("smp"): each has a meaning of its own that no rule replaces."""
    return (
        word in slang_table()
        or word in english_table()
        or word in stopwords()
        or word in QUESTION_WORDS
        or word in school_words()
    )


def jakarta_vowel_variants(word: str) -> list[str]:
    """Standard forms of a Jakarta colloquial vowel (unchecked): "a" of a closed last syllable said
    "e" ("kenceng" -> "kencang", "deket" -> "dekat"), "-ai" said "-e" ("sampe" -> "sampai") and
    "-au" said "-o" ("pulo" -> "pulau"). With "-nya" too ("kencengnya" -> "kencangnya")."""
    stem, clitic = (word[:-3], "nya") if word.endswith("nya") and len(word) > 6 else (word, "")
    out = []
    closed = _CLOSED_E.fullmatch(stem)
    if closed:
        out.append(closed.group(1) + "a" + closed.group(2))
    if len(stem) > 3 and stem[-1] in "eo" and stem[-2] not in VOWELS:
        out.append(stem[:-1] + ("ai" if stem[-1] == "e" else "au"))
    return [variant + clitic for variant in out]


def has_vowel(word: str) -> bool:
    """False for a vowel-less chat form ("mksd", "krjsm"), which is no word however often it is written."""
    return not VOWELS.isdisjoint(word)


def skeleton(word: str) -> str:
    """The consonants of `word` in order ("kerjasama" -> "krjsm")."""
    return "".join(ch for ch in word if ch not in VOWELS)


def squeezed(letters: str) -> str:
    """`letters` with each run of one letter written once ("krchhff" -> "krchf")."""
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])


def is_vowel_drop(short: str, full: str) -> bool:
    """True when `short` is `full` with some vowels left out ("krjsama" of "kerjasama"). The first
    letter stays, vowel or not ("ats" is "atas"; "tgn" is not "autogen")."""
    if len(short) >= len(full) or short[:1] != full[:1] or skeleton(short) != skeleton(full):
        return False
    rest = iter(full)
    return all(any(ch == other for other in rest) for ch in short)


def spelling_variants(word: str) -> list[str]:
    """Standard spellings `word` may be a chat form of, most likely first (unchecked)."""
    out: list[str] = []
    forms = [word]
    if _DIGITS.intersection(word) and not word.isdigit() and not _NAME_WITH_NUMBER.fullmatch(word):
        leet = word.translate(_LEET)
        if leet.isalpha():  # "4pa" -> "apa", "t3ntang" -> "tentang"; "g20" keeps its digits
            out.append(leet)
            forms.append(leet)  # and its ending may be chat too: "4rtiny" -> "artiny" -> "artinya"
    for form in forms:  # "h4l000" -> "halooo" -> "halo"
        out += _single_letters(form)
    for form in forms:
        out += _ending_variants(form)
    if has_vowel(word):  # old spellings ("tjinta"); "tjn" is "tujuan" without its vowels
        for old, new in _LETTER_SWAPS:
            if old in word:
                out.append(word.replace(old, new))
    return [variant for variant in dict.fromkeys(out) if variant and variant != word]


def _ending_variants(word: str) -> list[str]:
    out = []
    if len(word) > 3 and word.endswith("h") and word[-2] in VOWELS:
        out.append(word[:-1])  # "apah", "gimanah"
    if len(word) > 4 and word.endswith("ny"):
        out.append(word + "a")  # "tujuanny" -> "tujuannya"
    if len(word) > 4 and word.endswith("x") and word[-2] not in VOWELS:
        out.append(word[:-1] + "nya")  # "tujuanx" -> "tujuannya"
    return out


def _single_letters(word: str) -> list[str]:
    # "manfaat" keeps its "aa"; "keamanann" and "haloo" lose one of theirs: one run at a time, then all.
    runs = [i for i in range(1, len(word)) if word[i] == word[i - 1] and word[i].isalpha()]
    variants = [word[:i] + word[i + 1 :] for i in runs]
    if len(runs) > 1:
        variants.append(squeezed(word))
    return variants


def vowel_restorations(word: str, vocabulary: Iterable[str] | None = None) -> list[str]:
    """Words `word` is a vowel-less form of, most frequent first.

    Without `vocabulary`, the general Indonesian words (wordfreq's list and Sastrawi's roots), and
    only when `word` keeps at least MIN_SKELETON consonants.
    """
    shape = skeleton(word)
    if vocabulary is not None:
        found = [w for w in vocabulary if is_vowel_drop(word, w)]
        return sorted(found, key=lambda w: (-zipf_frequency(w), w))
    if len(shape) < MIN_SKELETON:
        return []
    return [w for w in _general_skeletons().get(shape, ()) if is_vowel_drop(word, w)]


@cache
def _general_skeletons() -> dict[str, tuple[str, ...]]:
    # Built once per process from about 55,000 words.
    groups: dict[str, list[str]] = defaultdict(list)
    for word in common_words() | root_words():
        if word.isalpha() and len(word) > 2:
            groups[skeleton(word)].append(word)
    return {shape: tuple(sorted(words, key=lambda w: (-zipf_frequency(w), w))) for shape, words in groups.items()}
