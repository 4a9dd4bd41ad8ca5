"""Letters said aloud ("es de ji es", "ji twenty") joined back into the acronym they spell."""

from __future__ import annotations

from collections.abc import Container, Mapping

from nlp.lexicon import NUMBER_WORDS, SPELLED_LETTERS
from nlp.text import number_words_as_digits

MAX_SPELLED_LETTERS = 8
"""Longest run of letters said aloud that is joined into a word: acronyms are short, and a line of
500 letters would cost a square of joins."""


def letters_said_aloud(tokens: list[str], known: Container[str]) -> list[str]:
    """`tokens` with each run of letters said aloud joined when the result is a `known` word:
    "es de ji es" -> "sdgs", "ji twenty" -> "g20" (so "es" stays ice and "di" a preposition elsewhere).

    A number said in words joins them too ("g dua puluh" -> "g20"), but "tiga negara" stays words.
    """
    if any(t in NUMBER_WORDS for t in tokens):
        in_digits = number_words_as_digits(tokens)
        digits = {t: t for t in in_digits if t.isdigit()}
        joined = _joined(in_digits, {**SPELLED_LETTERS, **digits}, known)
        if any(t not in joined for t in digits):
            return joined
    return _joined(tokens, SPELLED_LETTERS, known)


def _joined(tokens: list[str], letters: Mapping[str, str], known: Container[str]) -> list[str]:
    if sum(1 for t in tokens if t in letters) < 2:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        run = 0
        while i + run < len(tokens) and tokens[i + run] in letters and run < MAX_SPELLED_LETTERS:
            run += 1
        joined = next(
            (
                (size, word)
                for size in range(run, 1, -1)
                if (word := "".join(letters[t] for t in tokens[i : i + size])) in known
            ),
            None,
        )
        if joined is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(joined[1])
            i += joined[0]
    return out
