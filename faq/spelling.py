"""Typo correction towards a knowledge base's own vocabulary."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

import nlp
from nlp.chat_lexicon import chat_forms
from nlp.chat_spelling import (
    has_own_meaning,
    has_vowel,
    is_chat_abbreviation,
    is_listed_word,
    is_vowel_drop,
    jakarta_vowel_variants,
    skeleton,
    spelling_variants,
    squeezed,
    vowel_restorations,
)
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency

MIN_FUZZY_LENGTH = 5
"""Shorter words are only fixed by swapped letters or digits: "ieaa" -> "iaea", never "who" -> "wto"."""

LONG_WORD_LENGTH = 8
"""Words this long may be two edits away from the KB's word; shorter ones one edit."""

MIN_ABBREVIATION = 4
"""Vowel-less forms this long may also leave out one consonant ("pddk"); shorter ones only the "n" of
a nasal pair, which chat drops with the vowels ("bdg": "bidang"). Any other letter would make a short
form too many words'."""

_DIGIT_LETTERS = str.maketrans("0134578", "oieastb")
_LETTER_DIGITS = str.maketrans("oil", "011")
_CACHE_SIZE = 50_000


class SpellingCorrector:
    """Maps a misspelt word to the KB word it most likely is, or leaves it alone.

    A word is left alone when the KB knows it, when it is a stopword, or when it is a real
    Indonesian word (Sastrawi's dictionary): "merdeka" is not a typo of "mereka".
    """

    def __init__(self, vocabulary: Counter[str], *, protected: frozenset[str] = frozenset()):
        self._counts = vocabulary
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._by_letters: dict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            if word.isalpha():
                self._by_length[len(word)].append(word)
                if len(word) < MIN_FUZZY_LENGTH:
                    self._by_letters["".join(sorted(word))].append(word)
        self._protected = protected
        self._cache: dict[str, str] = {}
        self._restored: dict[str, str] = {}
        # Chat forms people write (`nlp.chat_lexicon`), kept here to be cached with the index. A form the
        # KB writes never reaches them: `_restore` returns it first.
        self._chat_forms = chat_forms()
        self._skeletons: dict[str, list[str]] = defaultdict(list)  # the KB's words by their consonants
        self._doubled: dict[str, list[str]] = defaultdict(list)  # those with a doubled one, by it once
        # The KB's words and their consonants by first and last letter (`_kb_abbreviated`).
        self._by_ends: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for word in vocabulary:
            if word.isalpha() and len(word) > 2:
                consonants = skeleton(word)
                self._skeletons[consonants].append(word)
                once = squeezed(consonants)
                if once != consonants:
                    self._doubled[once].append(word)
                self._by_ends[word[0], word[-1]].append((word, consonants))

    def restore(self, word: str) -> str:
        """The standard word a chat spelling stands for ("krjsama" -> "kerjasama", "apah" -> "apa"),
        or `word` itself when it is a word already or no rule finds one.

        The knowledge base's own words come first: in a pack about cooperation "krjsm" is "kerjasama".
        """
        return _remembered(self._restored, word, self._restore)

    def _restore(self, word: str) -> str:
        if len(word) < 2 or word in self._counts:
            return word
        if word.isalpha() and not has_own_meaning(word):
            # "kenceng" is a word to Sastrawi too; in a pack that writes "kencang", it is that word.
            said = next((v for v in jakarta_vowel_variants(word) if v in self._counts), None)
            if said is not None:
                return said
        if is_chat_abbreviation(word):
            # "bpk", "brt": common in chat, so listed, yet no word: the KB's word with those consonants.
            from_kb = self._kb_vowels_restored(word)
            if from_kb is not None:
                return from_kb
        if nlp.is_known_word(word):
            return word
        standard = self._chat_forms.get(word)
        if standard is not None and self._kb_vowels_restored(word) is None and not _said_colloquially(word):
            # "kmrn", "blg", "kdg": the lexicon's "kemarin", "bilang", "kadang", not the "merah",
            # "blog", "kuduga" a guess at vowels and affixes finds. The pack's words were
            # tried first and still win: in a pack on submarines "slm" is "selam", not "salam".
            return standard
        if is_listed_word(word):
            if word.isalpha() and not has_own_meaning(word):
                # "sampe", "deket", "males": common in chat, so listed, yet no word; said for the
                # commoner word the pack may not write ("sampai"), which then weighs as the common
                # word it is. "internet" is commoner than "internat" and stays.
                said = next(
                    (
                        v
                        for v in jakarta_vowel_variants(word)
                        if nlp.is_known_word(v) and zipf_frequency(v) > zipf_frequency(word)
                    ),
                    None,
                )
                if said is not None:
                    return said
            if word.isalpha() and len(skeleton(word)) >= 2 and not has_own_meaning(word):
                # "abd", "tori": listed (a name, an abbreviation), yet no word; in a pack that
                # writes "abad" and "teori", those with their vowels.
                return self._kb_vowels_restored(word) or word
            return word
        variants = spelling_variants(word)
        known = [v for v in variants if v in self._counts]
        if known:
            return known[0]
        from_kb = self._kb_vowels_restored(word) if word.isalpha() else None
        if from_kb is not None:
            return from_kb  # "sstem" is the KB's "sistem", before "stem", a general word one letter off
        from_kb = self._kb_abbreviated(word)
        if from_kb is not None:
            return from_kb
        if word.isalpha() and zipf_frequency(word) == 0 and any(a == b for a, b in pairwise(word)):
            # "paar", "tuun": not "par" and "tun" with a letter repeated, but "pasar" and "turun" with a
            # letter left out between two alike.
            longer = self._one_letter_more(word)
            if longer is not None:
                return longer
        listed = [v for v in variants if is_listed_word(v)]
        if listed:
            return listed[0]
        if word.isalpha() and not has_own_meaning(word):
            # "ketuker", "kepake": neither a word nor listed; with the Jakarta vowel restored, a
            # word ("ketukar", "kepakai"), which would otherwise pass for an unknown name.
            said = next((v for v in jakarta_vowel_variants(word) if nlp.is_known_word(v)), None)
            if said is not None:
                return said
        base = word[:-2]
        if len(word) > 4 and word.endswith("ny") and has_vowel(base) and (base in self._counts or is_listed_word(base)):
            return word + "a"  # "forumny": "forum" + a cut "-nya", though "forumnya" is in no list
        if not word.isalpha():
            # Digits for letters and vowels left out at once ("krj4sm"): the KB's word only.
            found = (self._kb_vowels_restored(v) for v in variants if v.isalpha())
            return next((f for f in found if f is not None), word)
        general = vowel_restorations(word)  # the KB's words were tried above
        if general:
            return general[0]
        # Two habits at once: a repeated letter ("pntingg"), a cut "-nya" ("mksdny", "hmbatanny").
        for variant in variants:
            restored = self._vowels_restored(variant) if variant.isalpha() else None
            if restored is not None:
                return restored
        for clitic in ("nya", "ny"):
            base = word[: -len(clitic)]
            if word.endswith(clitic) and len(base) >= 3:
                restored = self._vowels_restored(base)
                if restored is not None:
                    return restored + "nya"
        if len(word) > 3 and word.endswith("h"):
            # "gmnh": an "-h" tacked on a vowel-less form; tried last, as "masalh" is "masalah"
            shorter = self._restore(word[:-1])
            if shorter != word[:-1] or is_listed_word(shorter):
                return shorter
        return word

    def _one_letter_more(self, word: str) -> str | None:
        # The KB's commonest word that is `word` with one letter put back, its first letter the same.
        found = [
            w for w in self._by_length.get(len(word) + 1, ()) if w[0] == word[0] and _is_subsequence(word, w, extra=1)
        ]
        return max(found, key=lambda w: (self._counts[w], w)) if found else None

    def _vowels_restored(self, word: str) -> str | None:
        # Vowels left out: the KB's words first (even "bda" -> "beda" when the KB has only that one),
        # then the commonest general word with those consonants.
        from_kb = self._kb_vowels_restored(word)
        if from_kb is not None:
            return from_kb
        general = vowel_restorations(word)
        return general[0] if general else None

    def _kb_abbreviated(self, word: str) -> str | None:
        # "pddk", "kpddkn": a nasal left out with the vowels ("penduduk", "kependudukan"). Only the
        # KB's words, first and last letters kept, one consonant more at most.
        if len(word) < 3 or not word.isalpha() or has_vowel(word):
            return None
        # "bdg" is "bidang", not the "badge" general words give; "ckg" "cekung", not "cikgu".
        short = len(word) < MIN_ABBREVIATION
        found = [
            w
            for w, consonants in self._by_ends.get((word[0], word[-1]), ())
            if (_nasal_pair_dropped(w) == word if short else _is_subsequence(word, consonants, extra=1))
        ]
        return max(found, key=lambda w: (self._counts[w], w)) if found else None

    def _kb_vowels_restored(self, word: str) -> str | None:
        found = [w for w in self._skeletons.get(skeleton(word), ()) if is_vowel_drop(word, w)]
        if not found and len(word) >= MIN_FUZZY_LENGTH:
            # "krchof": vowels and the second of two letters left out of the KB's "kirchhoff".
            found = [
                w
                for w in self._doubled.get(squeezed(skeleton(word)), ())
                if word[0] == w[0] and _is_subsequence(word, w, extra=len(w))
            ]
        return max(found, key=lambda w: (self._counts[w], w)) if found else None

    def correct(self, word: str) -> str:
        """The KB word `word` was meant to be, or `word` itself."""
        return _remembered(self._cache, word, self._correct)

    def _correct(self, word: str) -> str:
        if word in self._counts or word in nlp.QUESTION_WORDS or not word:
            return word
        if len(set(word)) == 1 and word.isalpha():
            return word  # "hhhhh" (squeezed to "hh") is junk or a laugh, not the "h" of "P = rho g h"
        if word.isdigit():
            return word  # "45" is a number, not "as" in digits
        if any(ch.isdigit() for ch in word):
            # "wt0" -> "wto", "g2o" -> "g20"; "g20" is a word of its own and was returned above.
            for fixed in (word.translate(_DIGIT_LETTERS), word.translate(_LETTER_DIGITS)):
                if fixed in self._counts:
                    return fixed
            return word
        if not word.isalpha() or nlp.remove_stopwords([word]) == []:
            return word
        common = zipf_frequency(word) >= EVERYDAY_ZIPF
        if common and nlp.is_known_word(word):
            # A real word in everyday use is no typo of the KB's word: "singkatan" is not one letter
            # off "tingkatan", "massa" not "masa" with a letter doubled, "artis" no plural of "arti".
            return word
        for i in range(1, len(word)):
            # "aseaan", "tujuuan": one doubled letter too many.
            if word[i] == word[i - 1] and word[:i] + word[i + 1 :] in self._counts:
                return word[:i] + word[i + 1 :]
        if word.endswith("s") and word[:-1] in self._counts:
            return word[:-1]  # English plural or possessive: "wto's" (normalised "wtos") -> "wto"
        if _said_colloquially(word):
            return word  # "ngebantu" is "bantu" said colloquially, not a typo of the pack's "ngebentuk"
        if len(word) < MIN_FUZZY_LENGTH:
            if nlp.is_known_word(word):
                return word  # "liga" is a word, not "lagi" with its letters swapped
            same_letters = self._by_letters.get("".join(sorted(word)), [])
            if len(same_letters) == 1:
                return same_letters[0]
            if len(word) == MIN_FUZZY_LENGTH - 1 and zipf_frequency(word) == 0:
                # "jeis", "orag", "hiup": a letter of the KB's "jenis", "orang", "hidup" left out, in a
                # form nobody writes. Its first letter kept, as a student keeps it.
                return self._one_letter_more(word) or word
            return word
        if nlp.is_known_word(word):
            # A real word is no typo; but a rarer long derived form may be one letter off the KB's
            # ("perdamian": Sastrawi finds the root "dami" in it, the student meant "perdamaian").
            if nlp.is_root_word(word):
                return word
            if len(word) < LONG_WORD_LENGTH and zipf_frequency(nlp.stem(word)) > 0 and zipf_frequency(word) > 0:
                # A short derived word in use, of a root in use. "kemanan" (7 letters) is "keamanan" one
                # letter off: its root "keman" is no word in use. "keamaan" and "beraka" are "keamanan"
                # and "berapa": Sastrawi finds the roots "ama" and "raka" in them, but nobody writes them.
                return word
            max_edits = 1
        else:
            # "australia", "soeharto": names in everyday use are two letters off the KB's
            # "austria" and "soekarno", not typos of them.
            max_edits = 2 if len(word) >= LONG_WORD_LENGTH and not common else 1
        candidates: list[str] = []
        for size in range(len(word) - max_edits, len(word) + max_edits + 1):
            candidates += self._by_length.get(size, ())  # a list's extend: a 10,000-intent KB has thousands
        matches = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=max_edits, limit=8)
        if not matches:
            return word
        best_distance = min(distance for _, distance, _ in matches)
        best = [w for w, distance, _ in matches if distance == best_distance]
        return max(best, key=lambda w: (self._counts[w], w))


def _nasal_pair_dropped(word: str) -> str:
    # The consonants of `word` without the "n" of its first nasal pair ("ng", "nd", "nt" ...): "bidang"
    # -> "bdg". "" without one ("panas": its "n" is between vowels).
    at = next((i for i in range(len(word) - 1) if word[i] == "n" and not has_vowel(word[i + 1])), None)
    return "" if at is None else skeleton(word[:at] + word[at + 1 :])


def _is_subsequence(short: str, full: str, *, extra: int) -> bool:
    # `short` is `full` with at most `extra` letters left out, in order.
    if not 0 < len(full) - len(short) <= extra:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _remembered(cache: dict[str, str], word: str, compute: Callable[[str], str]) -> str:
    # A plain dict, emptied when full: per-engine (unlike functools caches) and cheap to hit.
    found = cache.get(word)
    if found is None:
        found = compute(word)
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[word] = found
    return found


def _said_colloquially(word: str) -> bool:
    # A colloquial form of known words ("ngebantu", "ngecek"), left to `nlp.standardize_colloquial`:
    # no typo of another word, nor the lexicon's "mengecek", which Sastrawi stems to "ecek".
    standard = nlp.standardize_colloquial([word])
    return standard != [word] and all(nlp.is_known_word(w) for w in standard)
