"""The pack's own misspellings, found once per knowledge base when it is indexed."""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import OSA

import nlp
from faq.spelling import MIN_FUZZY_LENGTH
from nlp.chat_spelling import is_listed_word, is_vowel_drop, skeleton
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency


def pack_typos(vocabulary: Counter[str], *, protected: frozenset[str] = frozenset()) -> dict[str, str]:
    """The pack's own misspellings: a word it writes once, in no word list, one edit from a word it
    writes more often ("klasifkasi", "iklm" in phrasings written the way students type) -> that word;
    and one with vowels left out of such a word, no word in use ("pta" of "peta"), whatever its length.

    Left as they are, they would be the pack's rarest and so weightiest words.
    """
    often = defaultdict(list)
    by_skeleton = defaultdict(list)
    for word, count in vocabulary.items():
        if count >= 2 and word.isalpha():
            often[len(word)].append(word)
            by_skeleton[skeleton(word)].append(word)
    typos = {}
    for word, count in vocabulary.items():
        if count != 1 or not word.isalpha() or word in protected:
            continue
        # "proyeksi pta": a vowel-less form in a phrasing written as students chat is "peta".
        dropped = [w for w in by_skeleton.get(skeleton(word), ()) if is_vowel_drop(word, w)]
        if dropped and not nlp.is_known_word(word) and zipf_frequency(word) < EVERYDAY_ZIPF:
            typos[word] = max(dropped, key=lambda w: (vocabulary[w], w))
            continue
        if (
            len(word) < MIN_FUZZY_LENGTH - 1
            or nlp.is_known_word(word)
            or is_listed_word(word)
            or nlp.standardize_colloquial([word]) != [word]  # "tulisin": a colloquial form, not a typo
            or (word.endswith("s") and is_listed_word(word[:-1]))  # "runs": English, not "rups"
        ):
            continue
        near = [w for size in (len(word) - 1, len(word), len(word) + 1) for w in often.get(size, ())]
        found = [w for w in near if OSA.distance(word, w, score_cutoff=1) <= 1]
        if found:
            typos[word] = max(found, key=lambda w: (vocabulary[w], w))
    return typos
