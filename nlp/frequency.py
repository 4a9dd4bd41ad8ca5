"""How common a word is in everyday Indonesian, from wordfreq's Indonesian word list.

The Zipf scale: log10 of a word's occurrences per billion words. "dan" is 7.4, "sekolah" 5.7,
"koran" 4.6, "unesco" 3.8; wordfreq lists words down to 3.0, and a word it does not list gets 0.
Everyday words a student adds around a question ("internet", "sederhana") are common; the rare
words of a question ("fotosintesis", "NATO") are usually what it is about.
"""

from __future__ import annotations

import math
from functools import cache

LANGUAGE = "id"

EVERYDAY_ZIPF = 4.0
"""A word this common (Zipf) or more is in everyday use ("koran" 4.6, "makan" 5.6); a rarer one
("kromosom" 3.6, "unesco" 3.8) or an unlisted one names something a question may be about. The one
bar the engine draws between the two: an everyday word keeps its own sense rather than a pack's
equivalent, a topic named by a rarer word names someone in particular, the off-topic bank's rarer
words stand in for foreign names, and a short question needs a rarer word for an answer alone to
vouch for it."""


@cache
def _zipf_table() -> dict[str, float]:
    # Read once per process (about 80 ms): wordfreq's packed list, turned into Zipf values.
    from wordfreq import get_frequency_dict

    return {word: math.log10(share) + 9.0 for word, share in get_frequency_dict(LANGUAGE).items() if share > 0}


def zipf_frequency(word: str) -> float:
    """The Zipf frequency (0-8) of one normalised word in Indonesian; 0.0 for a word wordfreq does not list."""
    return _zipf_table().get(word, 0.0)


def common_words() -> frozenset[str]:
    """Every alphabetic word wordfreq lists for Indonesian (about 31,000)."""
    return _common_words()


@cache
def _common_words() -> frozenset[str]:
    return frozenset(word for word in _zipf_table() if word.isalpha())
