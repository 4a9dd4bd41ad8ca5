"""Colloquial (Jakarta-style) verb forms back to standard ones: "nyariin" -> "carikan", "ngawasin" -> "awaskan".

Students write the nasal prefix without "me-" (ng-, ny-, nge-, and n-/m- for t-/p- roots) and
"-in" for "-kan"/"-i". Sastrawi knows only the standard forms, so such a word would stay unknown.
The rules below propose standard forms, and the first one Sastrawi's dictionary recognises wins;
failing that, the same with the root's Jakarta vowel made standard ("ngadepin" -> "hadapkan"). A
word no rule turns into a known word is left as it is.
"""

from __future__ import annotations

from functools import lru_cache

from nlp.chat_spelling import jakarta_vowel_variants
from nlp.frequency import zipf_frequency
from nlp.stem import is_known_word, stem

_VOWELS = frozenset("aeiou")
_NASAL_PAIRED = frozenset("cjd")
"""First letters of roots that "men-" meets as "n" ("mencapai", "menjalankan", "mendapat")."""
_MIN_LENGTH = 5
"""Shorter words are left alone: "ngga", "nyak", "ingin" are words of their own or slang."""


def colloquial_candidates(word: str) -> list[str]:
    """Standard forms `word` may stand for, most likely first (not checked against a dictionary)."""
    bodies = [word]
    base = _without_in(word)
    if base != word:
        bodies = [base + "kan", base + "i", base, word]
        if base.endswith("a"):
            bodies.insert(0, base + "ikan")  # "nyelesain": "selesai" + "-in", its "i" written once
        elif base.endswith("e"):
            bodies.insert(0, base[:-1] + "aikan")  # "nyelesein": Jakarta "e" for "ai", as "sampe" for "sampai"
    out: list[str] = []
    for body in bodies:
        rest = body[2:]
        if body.startswith("nge") and len(body) > _MIN_LENGTH and body[3] not in _VOWELS:
            out.append(body[3:])  # "ngedukung" -> "dukung"; or "ngelola" -> "kelola", below
        if body.startswith("ny") and len(rest) > 2 and rest[0] in _VOWELS:
            out += ["c" + rest, "s" + rest]  # "nyari" -> "cari", "nyusun" -> "susun"
        elif body.startswith("ng") and len(rest) > 2:
            # "ngorbanin" -> "korban", "ngawasin" -> "awas", "ngeliat" -> "liat"
            out += ["k" + rest, rest, "h" + rest] if rest[0] in _VOWELS else [rest]
        elif body[:1] in "nm" and len(body) > 3 and body[1] in _VOWELS:
            out.append(("t" if body[0] == "n" else "p") + body[1:])  # "nentuin" -> "tentukan", "milih" -> "pilih"
        elif body[:1] == "n" and body[1:2] in _NASAL_PAIRED and len(body) > 4:
            out.append(body[1:])  # "ncapai" -> "capai", "njalanin" -> "jalankan": "men-" said as its "n" alone
        out.append(body)
    return [candidate for candidate in dict.fromkeys(out) if candidate != word]


@lru_cache(maxsize=16_384)
def standard_form(word: str) -> str:
    """The standard form of a colloquial verb ("nyebutin" -> "sebutkan"), or `word` itself."""
    if word.endswith("nya") and len(word) - 3 >= _MIN_LENGTH:
        base = standard_form(word[:-3])  # "diucapinnya" -> "diucapkan" + "nya"
        if base != word[:-3]:
            return base + "nya"
    if len(word) < _MIN_LENGTH or not word.isalpha() or not (word[0] in "nm" or word.endswith("in")):
        return word
    if is_known_word(word):
        return word
    known = [c for c in colloquial_candidates(word) if is_known_word(c)]
    if not known:
        # The root said with a Jakarta vowel too: "ngadepin" ("hadapkan"), "nemenin" ("temankan").
        root = _without_in(word)
        suffix = word[len(root) :]  # "-in", or ""
        known = [c for v in jakarta_vowel_variants(root) for c in colloquial_candidates(v + suffix) if is_known_word(c)]
    if not known:
        return word
    # "nguntungin": "untungkan" and "kuntungkan" are both words; the commoner root is meant.
    return max(known, key=lambda c: zipf_frequency(stem(c)))


def _without_in(word: str) -> str:
    # The word without a colloquial "-in" ("nyariin" -> "nyari"); a short word keeps its "in" ("ingin").
    return word[:-2] if len(word) > _MIN_LENGTH and word.endswith("in") else word
