"""Word-level rules: tokenise, expand slang and English, drop stopwords."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from nlp.colloquial import standard_form
from nlp.lexicon import english_table, phrase_first_words, phrase_table, slang_table, stopwords
from nlp.normalize import normalize


def tokenize(text: str) -> list[str]:
    """Split `text` into normalised words; a stretched last vowel is one ("halooo", "apaa")."""
    english = english_table()
    return [_unstretched(word, english) for word in normalize(text).split()]


_STRETCHED_END = re.compile(r"([aiueo])\1+$")


def _unstretched(word: str, english: Mapping[str, object]) -> str:
    # No Indonesian word ends in a doubled vowel; English ones ("tree", "refugee") keep theirs.
    if len(word) < 3 or word[-1] != word[-2] or word in english:
        return word
    return _STRETCHED_END.sub(r"\1", word)


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
    """Replace common English question words by Indonesian ones ("why" -> "mengapa")."""
    return _replace_words(tokens, english_table())


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
    """Drop words that carry no topic, except those in `keep`."""
    drop = stopwords()
    return [token for token in tokens if token in keep or not _is_stopword(token, drop)]


def _is_stopword(token: str, drop: frozenset[str]) -> bool:
    # "penjelasannya" is "penjelasan" + the clitic "-nya".
    return token in drop or any(token.endswith(c) and token[: -len(c)] in drop for c in _CLITICS)


_CLITICS = ("nya", "lah", "kah", "ku", "mu")


def _replace_words(tokens: Iterable[str], table: dict[str, tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(table.get(token, (token,)))
    return out
