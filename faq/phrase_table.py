"""Synonyms and aliases of several words, each read as one term ("perserikatan bangsa" -> "@pbb")."""

from __future__ import annotations

from collections.abc import Sequence

MAX_PHRASE_WORDS = 6
"""Longest synonym or alias phrase, in words, that is looked up as one term."""


class PhraseTable:
    """Phrases of stems and the term each one stands for; the first term given for a phrase wins."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, ...], str] = {}
        self._starts: set[str] = set()  # first stems of the phrases, so most stems skip the lookups

    def add(self, stems: Sequence[str], term: str) -> None:
        """Read `stems` as `term` (a phrase longer than MAX_PHRASE_WORDS is left out)."""
        if stems and len(stems) <= MAX_PHRASE_WORDS:
            self._terms.setdefault(tuple(stems), term)
            self._starts.add(stems[0])

    def term_of(self, stem: str) -> str:
        """The term a phrase of one stem stands for, or the stem itself."""
        return self._terms.get((stem,), stem)

    def read(self, stems: Sequence[str]) -> list[str]:
        """`stems` with each phrase replaced by its term: longest match first, left to right."""
        out: list[str] = []
        i = 0
        while i < len(stems):
            if stems[i] not in self._starts:
                out.append(stems[i])
                i += 1
                continue
            for size in range(min(MAX_PHRASE_WORDS, len(stems) - i), 0, -1):
                term = self._terms.get(tuple(stems[i : i + size]))
                if term is not None:
                    out.append(term)
                    i += size
                    break
            else:
                out.append(stems[i])
                i += 1
        return out
