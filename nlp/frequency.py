"""How common a word is in everyday Indonesian, from wordfreq's Indonesian word list.

The Zipf scale: log10 of a word's occurrences per billion words. "dan" is 7.4, "sekolah" 5.7,
"koran" 4.6, "unesco" 3.8; wordfreq lists words down to 3.0, and a word it does not list gets 0.
Everyday words a student adds around a question ("internet", "sederhana") are common; the rare
words of a question ("fotosintesis", "NATO") are usually what it is about.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache
from pathlib import Path

import msgpack

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
    # Read once per process: wordfreq's packed list, turned into Zipf values exactly as
    # `wordfreq.get_frequency_dict` and `math.log10` made them (a later bucket's word wins, as there).
    table = {}
    for index, bucket in enumerate(_frequency_buckets(LANGUAGE)):
        zipf = _bucket_zipf(index)
        for word in bucket:
            table[word] = zipf
    return table


def words_at_least(zipf: float, language: str) -> frozenset[str]:
    """The words wordfreq lists for `language` (an ISO code, "en") at this Zipf frequency or more.

    Read afresh on each call and not kept: for a table built once, such as `nlp.chat_lexicon`'s."""
    words: set[str] = set()
    for index, bucket in enumerate(_frequency_buckets(language)):
        if _bucket_zipf(index) < zipf:
            break  # most frequent first
        words.update(bucket)
    return frozenset(words)


def _bucket_zipf(index: int) -> float:
    # wordfreq's centibels (`cB_to_freq`), on the Zipf scale.
    return math.log10(10 ** (-index / 100)) + 9.0


def _frequency_buckets(language: str) -> list[list[str]]:
    # wordfreq's own list file, read without importing wordfreq: its import (tokenisers, ftfy,
    # langcodes) was 0.2 s of the 0.66 s from a cached start to the first answer, and we look up
    # one normalised word at a time. The file is wordfreq's documented "cBpack" (`read_cBpack`):
    # gzipped msgpack, a header, then the words of each centibel of frequency, most frequent first.
    with gzip.open(_wordlist_path(language), "rb") as packed:
        data = msgpack.load(packed, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"unexpected wordfreq list header: {header!r}")
    buckets: list[list[str]] = data[1:]
    return buckets


def _wordlist_path(language: str) -> Path:
    # find_spec locates the package without running it. wordfreq's "best" list is its large one
    # where it ships one (English; not Indonesian in wordfreq 3), else the small one.
    spec = importlib.util.find_spec("wordfreq")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        raise LookupError("wordfreq is not installed")
    data = Path(next(iter(folders))) / "data"
    for size in ("large", "small"):
        path = data / f"{size}_{language}.msgpack.gz"
        if path.exists():
            return path
    raise LookupError(f"wordfreq ships no word list for {language!r} in {data}")


def zipf_frequency(word: str) -> float:
    """The Zipf frequency (0-8) of one normalised word in Indonesian; 0.0 for a word wordfreq does not list."""
    return _zipf_table().get(word, 0.0)


def common_words() -> frozenset[str]:
    """Every alphabetic word wordfreq lists for Indonesian (about 31,000)."""
    return _common_words()


@cache
def _common_words() -> frozenset[str]:
    return frozenset(word for word in _zipf_table() if word.isalpha())
