"""Maps of one intent's terms that a question's evidence reads (`faq.index.Index` keeps them).

They are built when a question first needs them and kept for the most recently asked intents only:
kept for every intent, they would cost a 100,000-intent KB hundreds of MB. They are never stored
with the compiled index (`Index.__getstate__`), so the hashes of word pairs may differ by process.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Protocol, TypeVar

import nlp

PHRASING_MAPS_KEPT = 16_384
"""Intents whose maps of each kind are kept between questions. A term -> phrasings map (see
`Index.phrasings_with`) is ~1.8 KB, 30 MB at most; an intent's pairs ~1-2 KB. A question reads some
40 intents' phrasing maps in a 10,000-intent KB; with 4,096 kept, the benchmark's 200 questions (8,600
intents) rebuilt most of them on every pass (p50 0.95-1.03 ms against 0.85-0.88 ms now, for 13 MB more)."""

Pair = tuple[str, str]


class _Phrasing(Protocol):
    """What the maps read of a phrasing (`faq.index.Phrasing`)."""

    @property
    def terms(self) -> tuple[str, ...]: ...


class _Intent(Protocol):
    """What the maps read of an intent (`faq.index.IntentTerms`; that module imports this one)."""

    @property
    def position(self) -> int: ...

    @property
    def phrasings(self) -> Sequence[_Phrasing]: ...

    @property
    def answer_sentences(self) -> tuple[tuple[str, ...], ...]: ...


class IntentMaps:
    """Per intent: term -> the numbers of its phrasings that hold it, term -> the numbers of its
    answer sentences, and the pairs of topic words its phrasings and sentences say side by side."""

    def __init__(self) -> None:
        self._phrasings: dict[int, tuple[object, dict[str, list[int]]]] = {}
        self._sentences: dict[int, tuple[object, dict[str, list[int]]]] = {}
        self._pairs: dict[int, tuple[object, array[int]]] = {}

    def phrasings_with(self, entry: _Intent, *, keep: bool) -> dict[str, list[int]]:
        """`keep`: the intent is the index's own, not a stand-in training held a phrasing out of."""
        cached = self._phrasings.get(entry.position)
        if cached is not None and cached[0] is entry.phrasings:
            return cached[1]
        where = numbers_by_term(phrasing.terms for phrasing in entry.phrasings)
        if keep:
            _keep(self._phrasings, entry.position, (entry.phrasings, where))
        return where

    def sentences_with(self, entry: _Intent) -> dict[str, list[int]]:
        """(A stand-in shares its intent's answer sentences.)"""
        sentences = entry.answer_sentences
        cached = self._sentences.get(entry.position)
        if cached is not None and cached[0] is sentences:
            return cached[1]
        where = numbers_by_term(sentences)
        _keep(self._sentences, entry.position, (sentences, where))
        return where

    def pairs_of(self, entry: _Intent, *, keep: bool) -> array[int]:
        """The pairs of topic words side by side, in either order, in a phrasing or an answer sentence,
        as the sorted hashes `says_pair` looks up: 8 bytes a pair, where a set of tuples takes ~100."""
        cached = self._pairs.get(entry.position)
        if cached is not None and cached[0] is entry.phrasings:
            return cached[1]
        rows = [*(phrasing.terms for phrasing in entry.phrasings), *entry.answer_sentences]
        pairs = array("q", sorted({hash(pair) for pair in adjacent_pairs(rows, both_orders=True)}))
        if keep:
            _keep(self._pairs, entry.position, (entry.phrasings, pairs))
        return pairs


def says_pair(pairs: array[int], pair_hash: int) -> bool:
    """True when `pairs` (`IntentMaps.pairs_of`) holds the pair with this hash (`hash((a, b))`)."""
    at = bisect_left(pairs, pair_hash)
    return at < len(pairs) and pairs[at] == pair_hash


def adjacent_pairs(rows: Iterable[Sequence[str]], *, both_orders: bool = False) -> list[Pair]:
    """The pairs of topic words (question words left out) next to each other in each row of terms:
    "bulan basah" of "apa itu bulan basah", which "bulan lembap" and "curah hujan tiap bulan" lack."""
    pairs: list[Pair] = []
    for row in rows:
        topic = [term for term in row if term not in nlp.QUESTION_WORDS]
        for first, second in pairwise(topic):
            pairs.append((first, second))
            if both_orders:
                pairs.append((second, first))
    return pairs


def numbers_by_term(rows: Iterable[tuple[str, ...]]) -> dict[str, list[int]]:
    """Term -> the numbers of the rows (an intent's phrasings or answer sentences) that hold it."""
    where: dict[str, list[int]] = {}
    for number, terms in enumerate(rows):
        for term in terms:
            where.setdefault(term, []).append(number)
    return where


_Kept = TypeVar("_Kept")


def _keep(maps: dict[int, _Kept], position: int, kept: _Kept) -> None:
    # At most PHRASING_MAPS_KEPT intents' maps, all dropped at once when full: cheap to keep, and the
    # intents asked about again soon are built again at once.
    if len(maps) >= PHRASING_MAPS_KEPT:
        maps.clear()
    maps[position] = kept
