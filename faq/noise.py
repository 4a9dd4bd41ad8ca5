"""Noisy copies of a pack's own phrasings, written the way students type: the training questions
the engine's decision is learned from (`faq.training`) besides the clean phrasings.

Every copy keeps its phrasing's meaning: typos, vowels left out, chat abbreviations and endings,
chatter around the question, or only its keywords.
"""

from __future__ import annotations

import random
from functools import cache
from importlib import resources

import nlp
from nlp.chat_spelling import VOWELS
from nlp.lexicon import slang_table

KINDS = ("typo", "chat", "chatter", "keywords", "chat+chatter")

WORD_NOISE_SHARE = 0.5
"""Share of a copy's longer words that get a chat spelling (`chat`)."""

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def noisy_copy(text: str, kind: str, rng: random.Random, *, kept: frozenset[str] = frozenset()) -> str:
    """One copy of `text` with the noise of `kind` (one of KINDS); `kept`: stopwords the pack's
    names need ("sekolah" of "koperasi sekolah"), which a keywords-only copy keeps."""
    words = nlp.tokenize(text)
    if kind == "typo":
        return " ".join(_typo(words, rng))
    if kind == "chat":
        return " ".join(_chat(words, rng))
    if kind == "chatter":
        return _with_chatter(" ".join(words), rng)
    if kind == "keywords":
        keywords = nlp.remove_stopwords(words, keep=kept)
        return " ".join(w for w in keywords if w not in nlp.QUESTION_WORDS) or " ".join(words)
    if kind == "chat+chatter":
        return _with_chatter(" ".join(_chat(words, rng)), rng)
    raise ValueError(f"unknown kind of noise: {kind}")


def _typo(words: list[str], rng: random.Random) -> list[str]:
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return words
    out = list(words)
    i = rng.choice(long)
    word = out[i]
    at = rng.randrange(1, len(word) - 1)
    operation = rng.randrange(4)
    if operation == 0:
        word = word[:at] + word[at + 1 :]  # a letter left out
    elif operation == 1:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped
    elif operation == 2:
        word = word[:at] + word[at] + word[at:]  # a letter doubled
    else:
        word = word[:at] + rng.choice(_LETTERS) + word[at + 1 :]  # a wrong letter
    out[i] = word
    return out


def _chat(words: list[str], rng: random.Random) -> list[str]:
    abbreviations = _abbreviations()
    out = []
    for word in words:
        short = abbreviations.get(word)
        if short and rng.random() < WORD_NOISE_SHARE * 2:
            out.append(rng.choice(short))
        elif len(word) >= 5 and word.isalpha() and rng.random() < WORD_NOISE_SHARE:
            out.append(_drop_vowels(word, rng))
        elif word.endswith("nya") and len(word) > 5 and rng.random() < WORD_NOISE_SHARE:
            out.append(word[:-1])  # "tujuannya" -> "tujuanny"
        else:
            out.append(word)
    return out


def _drop_vowels(word: str, rng: random.Random) -> str:
    # The first letter stays, as students write it ("kerjasama" -> "krjsama", "krjsm").
    return word[0] + "".join(ch for ch in word[1:] if ch not in VOWELS or rng.random() < 0.3)


def _with_chatter(text: str, rng: random.Random) -> str:
    before, after = _chatter()
    parts = [text]
    if rng.random() < 0.7:
        parts.insert(0, rng.choice(before))
    if rng.random() < 0.6 or len(parts) == 1:
        parts.append(rng.choice(after))
    return " ".join(parts)


@cache
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """Standard word -> the chat forms the slang table lists for it ("bagaimana" -> "gmn", ...)."""
    forms: dict[str, list[str]] = {}
    for slang, standard in slang_table().items():
        if len(standard) == 1 and slang != standard[0]:
            forms.setdefault(standard[0], []).append(slang)
    return {word: tuple(sorted(slangs)) for word, slangs in forms.items()}


@cache
def _chatter() -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = resources.files("faq").joinpath("data", "chatter.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    before = tuple(line for line in lines if not line.startswith("+"))
    after = tuple(line[1:].strip() for line in lines if line.startswith("+"))
    return before, after
