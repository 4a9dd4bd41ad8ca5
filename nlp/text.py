"""Word-level rules: tokenise, expand slang and English, drop stopwords."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from nlp.colloquial import standard_form
from nlp.lexicon import (
    CLASS_WORDS,
    SCHOOL_SUBJECTS,
    english_table,
    phrase_first_words,
    phrase_table,
    slang_table,
    stopwords,
)
from nlp.normalize import normalize


def tokenize(text: str) -> list[str]:
    """Split `text` into normalised words; a stretched last vowel is one ("halooo", "apaa")."""
    english = english_table()
    return [_unstretched(word, english) for word in normalize(text).split()]


_STRETCHED_END = re.compile(r"([aiueo])\1+$")
_ROMAN_ONES = re.compile(r"x{0,3}v?i{2,3}")  # "iii", "xviii": a Roman numeral, not a stretched "i"


def _unstretched(word: str, english: Mapping[str, object]) -> str:
    # No Indonesian word ends in a doubled vowel; English ones ("tree", "refugee") keep theirs.
    if len(word) < 3 or word[-1] != word[-2] or word in english or _ROMAN_ONES.fullmatch(word):
        return word  # "iii" is three
    return _STRETCHED_END.sub(r"\1", word)


_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_ORDINALS = {
    "pertama": "1",
    "kedua": "2",
    "ketiga": "3",
    "keempat": "4",
    "kelima": "5",
    "keenam": "6",
    "ketujuh": "7",
    "kedelapan": "8",
    "kesembilan": "9",
    "kesepuluh": "10",
}


def number_names(tokens: Iterable[str]) -> list[str]:
    """Numbers that name one of a series, as digits: a Roman numeral ("Perang Dunia II", "Hukum I
    Newton") and an ordinal after the noun it numbers ("sidang kedua", "hukum newton pertama").

    A lone "i" or an ordinal only counts after a word it can number: "kedua negara" is "both
    countries", "pertama kali" is "the first time", "can i" is English.
    """
    words = list(tokens)
    if not any(_may_be_number_name(word) for word in words):
        return words
    out: list[str] = []
    drop, english = stopwords(), english_table()
    for i, word in enumerate(words):
        if not _may_be_number_name(word):
            out.append(word)
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        numbers_previous = i > 0 and _can_be_numbered(words[i - 1], drop, english)
        if is_roman_numeral(word) and not word.startswith("xx"):  # "xx" is junk, not 20
            out.append(str(_roman_value(word)))
        elif word == "i" and numbers_previous and after not in english:
            out.append("1")
        elif word in _ORDINALS and numbers_previous and not (word == "pertama" and after == "kali"):
            out.append(_ORDINALS[word])
        elif word.startswith("ke") and word[2:].isdigit() and numbers_previous:
            out.append(word[2:])  # "hukum newton ke2"
        else:
            out.append(word)
    return out


def is_roman_numeral(word: str) -> bool:
    """True for a Roman numeral of two letters or more ("ii", "xiv"): a lone "i" or "v" is a word."""
    return len(word) >= 2 and _ROMAN.fullmatch(word) is not None


_UNITS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
_TENS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}


def number_words_as_digits(tokens: Iterable[str]) -> list[str]:
    """A number written in words as digits ("dua belas" -> "12", "sembilan" -> "9"), up to 199:
    for the names a pack writes in words and students in digits ("usus 12 jari", "panitia 9")."""
    words = list(tokens)
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _number_at(words, i)
        if used:
            out.append(str(value))
            i += used
        else:
            out.append(words[i])
            i += 1
    return out


def _number_at(words: list[str], i: int) -> tuple[int, int]:
    # (value, words used) of the number starting at words[i]; (0, 0) when none does.
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "seratus":
        rest, used = _number_at(words, i + 1) if i + 1 < len(words) else (0, 0)
        return (100 + rest, 1 + used) if rest < 100 else (100, 1)
    if word in _TENS:
        return _TENS[word], 1
    if word not in _UNITS:
        return 0, 0
    unit = _UNITS[word]
    if following == "belas":
        return 10 + unit, 2
    if following == "puluh":
        after = words[i + 2] if i + 2 < len(words) else ""
        return (unit * 10 + _UNITS[after], 3) if after in _UNITS else (unit * 10, 2)
    return unit, 1


def _may_be_number_name(word: str) -> bool:
    first = word[:1]
    return (
        (first in "ivx" and _ROMAN.fullmatch(word) is not None)
        or (first == "k" and word.startswith("ke"))
        or (first == "p" and word == "pertama")
    )


def _can_be_numbered(word: str, drop: frozenset[str], english: Mapping[str, object]) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in drop and word not in english


def _roman_value(numeral: str) -> int:
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[letter]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def expand_slang(tokens: Iterable[str]) -> list[str]:
    """Replace colloquial words and abbreviations by their standard form ("gmn" -> "bagaimana").

    A clitic does not hide a slang word: "dibikinnya" is "dibikin" + "-nya" ("dibuat").
    """
    table = slang_table()
    out: list[str] = []
    for token in tokens:
        replacement = table.get(token)
        if replacement is None and token.endswith(_CLITICS):
            replacement = next(
                (table[token[: -len(c)]] for c in _CLITICS if token.endswith(c) and token[: -len(c)] in table), None
            )
        if replacement is None:
            out.append(token)
        else:
            out.extend(replacement)
    return out


def standardize_colloquial(tokens: Iterable[str]) -> list[str]:
    """Replace colloquial verb forms by standard ones ("nyariin" -> "carikan"); see `nlp.colloquial`."""
    return [standard_form(token) for token in tokens]


def translate_english(tokens: Iterable[str]) -> list[str]:
    """Replace common English question words by Indonesian ones ("why" -> "mengapa").

    "when" between two clauses joins them ("what happens to the scale when a map is enlarged"): no
    "kapan"; it asks when it opens one, follows "and", or ends the question ("pbb berdiri when?")."""
    words = list(tokens)
    words = [
        w
        for at, w in enumerate(words)
        if not (w == "when" and 0 < at < len(words) - 1 and words[at - 1] not in _JOINING)
    ]
    return _replace_words(words, english_table())


_JOINING = frozenset({"and", "or", "dan", "atau", "n"})  # "where and when was it read": both asked


def rewrite_phrases(tokens: Iterable[str]) -> list[str]:
    """Replace word pairs that mean one thing ("tahun berapa" -> "kapan"); some mean nothing ("bener gak")."""
    words = list(tokens)
    # Again on what a pass made: "bedanya di mana" -> "bedanya dimana" -> "bedanya apa".
    for _ in range(3):
        rewritten = _rewrite_pairs(words)
        if rewritten == words:
            break
        words = rewritten
    return words


def _rewrite_pairs(words: list[str]) -> list[str]:
    table = phrase_table()
    first_words = phrase_first_words()
    out: list[str] = []
    i = 0
    while i < len(words):
        replacement = table.get(tuple(words[i : i + 2])) if words[i] in first_words else None
        if replacement is not None:
            out.extend(replacement)
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def remove_stopwords(tokens: Iterable[str], *, keep: frozenset[str] = frozenset()) -> list[str]:
    """Drop words that carry no topic, except those in `keep`, and a school subject named after a
    class word ("besok ulangan sejarah", "pelajaran bahasa indonesia")."""
    drop = stopwords()
    words = list(tokens)
    out = []
    lesson = False  # the words so far name a lesson: a class word, then subjects
    previous = ""
    for token in words:
        subject = token in SCHOOL_SUBJECTS or (token == "indonesia" and previous == "bahasa")
        previous = token
        if lesson and subject and token not in keep:
            continue
        lesson = token in CLASS_WORDS
        if token in keep or not _is_stopword(token, drop):
            out.append(token)
    return out


def _is_stopword(token: str, drop: frozenset[str]) -> bool:
    # "penjelasannya" is "penjelasan" + the clitic "-nya".
    return (
        token in drop
        or any(token.endswith(c) and token[: -len(c)] in drop for c in _CLITICS)
        or _LAUGHTER.fullmatch(token) is not None
    )


# Laughter in any length: "wkwk", "wkwkwkw", "hahaa", "hehe", "xixi", "awokwok", "akwkwk".
_LAUGHTER = re.compile(r"a?(?:wk){2,}w?|ak(?:wk)+w?|(?:h[aeiou]){2,}[aeiouh]?|(?:xi){2,}|aw(?:ok)+(?:wok)*")


_CLITICS = ("nya", "lah", "kah", "ku", "mu")


def _replace_words(tokens: Iterable[str], table: dict[str, tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(table.get(token, (token,)))
    return out
