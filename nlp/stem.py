"""Sastrawi stemming with one stemmer per process and a bounded cache."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from nlp.frequency import zipf_frequency
from nlp.lexicon import root_words, stem_exceptions

STEM_CACHE_SIZE = 65_536
"""Distinct words whose stems are remembered (least recently used are forgotten)."""

MIN_STEMMED_LENGTH = 4
"""Words shorter than this (letters) are returned as they are: "pbb", "ue", "wto"."""

NOUN_PREFIXES = ("ke", "pe", "ber")
"""Prefixes that never take the suffix "-kan" (pe-/ke-/ber-...-an make nouns): a word of theirs ending
in "kan" is a root ending in "k" with "-an" ("pergerakan", "kerusakan", "penyerbukan")."""


@cache
def _stemmer() -> Any:
    # Built once: the stemmer reads its 30k-word dictionary when built. The factory's own
    # result cache is unbounded, so the bare Stemmer is used behind our LRU cache.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """Return the Indonesian stem of one normalised word ("keuntungan" -> "untung").

    Words with digits, short words and words Sastrawi is known to get wrong are
    left alone or corrected; callers protect proper nouns themselves.
    """
    exception = stem_exceptions().get(word)
    if exception is not None:
        return exception
    if len(word) < MIN_STEMMED_LENGTH or not word.isalpha() or not word.isascii():
        return word
    return _with_final_k(word, _stemmer().stem(word) or word)


def _with_final_k(word: str, stemmed: str) -> str:
    # Sastrawi strips "-kan" before "-an" and keeps the first root its dictionary holds:
    # "kerusakan" -> "rusa", "gerakan" -> "gera", "penyerbukan" -> "serbu". The root ending in "k"
    # that stripping "-an" alone finds is taken where "-kan" cannot be (a noun prefix), or where it
    # is the more usual word ("gerak" over "gera"; "beda" over "bedak" in "membedakan").
    if not word.endswith("kan") or word.endswith("kkan") or stemmed.endswith("k"):
        return stemmed
    base = word[:-2]
    other: str = _stemmer().stem(base)
    if (
        len(other) < MIN_STEMMED_LENGTH
        or not other.endswith("k")
        or not base.endswith(other[1:])  # the root, its first letter perhaps nasalised ("pemasuk")
        or other not in root_words()
    ):
        return stemmed
    if word.startswith(NOUN_PREFIXES) or zipf_frequency(other) > zipf_frequency(stemmed):
        return other
    return stemmed


def is_root_word(word: str) -> bool:
    """True when `word` itself is an Indonesian root word ("damai", not "perdamaian")."""
    return word in root_words()


def is_known_word(word: str) -> bool:
    """True when `word` or its stem is an Indonesian root word (so not a typo)."""
    words = root_words()
    if word in words or stem(word) in words:
        return True
    # A word whose stem we keep whole ("pengertian", kept apart from "arti") is still a word.
    return word in stem_exceptions() and word.isalpha() and (_stemmer().stem(word) or word) in words


_PREFIXES = (
    ("", ""),
    ("di", ""),
    ("ter", ""),
    ("te", ""),
    ("ber", ""),
    ("be", ""),
    ("ke", ""),
    ("se", ""),
    ("per", ""),
    ("pe", ""),
    ("me", ""),
    ("diper", ""),
    ("memper", ""),
    ("mem", ""),
    ("mem", "p"),
    ("pem", ""),
    ("pem", "p"),
    ("men", ""),
    ("men", "t"),
    ("pen", ""),
    ("pen", "t"),
    ("meng", ""),
    ("meng", "k"),
    ("peng", ""),
    ("peng", "k"),
    ("menge", ""),
    ("penge", ""),
    ("meny", "s"),
    ("peny", "s"),
)
"""Indonesian prefixes, each with the letter its nasal replaces ("menulis" = "men" + "t" -> "tulis")."""

_SUFFIXES = ("", "i", "an", "kan", "nya", "kah", "lah", "inya", "annya", "kannya")


def root_candidates(word: str) -> list[str]:
    """Every root an affix reading of `word` leaves, longest first ("dikuasai": "kuasai", "kuasa" ...).

    Sastrawi keeps the first reading its dictionary holds, so "dikuasai" is "asai" and "menikah"
    "meni"; a caller that knows which roots its own text uses picks among these instead.
    """
    if not word.isalpha() or len(word) < MIN_STEMMED_LENGTH:
        return []
    found: set[str] = set()
    for prefix, restored in _PREFIXES:
        if not word.startswith(prefix):
            continue
        body = word[len(prefix) :]
        if restored:
            if body[:1] not in "aiueo":
                continue  # a nasal replaced a consonant only before a vowel ("menulis", not "mentari")
            body = restored + body
        for suffix in _SUFFIXES:
            if suffix and not body.endswith(suffix):
                continue
            root = body[: len(body) - len(suffix)] if suffix else body
            if len(root) >= MIN_STEMMED_LENGTH and root != word:
                found.add(root)
    return sorted(found, key=lambda r: (-len(r), r))
