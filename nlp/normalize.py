"""Text normalisation: one canonical, lowercase, space-separated form of any string."""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|id|org|net|io|me|co)(?:/\S*)?\b")
_MENTION = re.compile(r"(?<!\w)@\w+")
# "p.b.b." / "u.e" / "w.t.o": single letters joined by dots are one acronym.
_DOTTED_ACRONYM = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){1,}[^\W\d_](?:\.|(?![\w]))")
# "g-20", "g 20" are one token; Telegram users write all three.
_LETTER_DIGITS = re.compile(r"(?<![\w])([^\W\d_]) (\d{1,3})(?![\w])")
# Reduplication "negara-negara" means plural; one copy carries the meaning.
_REDUPLICATION = re.compile(r"\b(\w+)-\1(nya|ny|ku|mu|an)?\b")  # "hambatan-hambatannya", "tarik-tarikan" too
# ... and students write it "negara2"; a word of letters with a 2 glued on is such a plural
# ("b4ngsa2", "hambatan2nya", and "tarik2an", pulling each other).
_NUMERAL_REDUPLICATION = re.compile(r"\b([^\W\d_][^\W_]+[^\W\d_])2(nya+|ny|an)?\b")
_APOSTROPHES = frozenset("'\u2019\u2018`\u00b4")
_DELETE_APOSTROPHES = str.maketrans("", "", "".join(_APOSTROPHES))
_ASCII_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SQUEEZE = re.compile(r"([^\W\d_])\1{2,}")
_TWICE = r"\1\1"
_NOT_WORD = re.compile(r"[^\w]+|_+")
# "10.000 N", "Rp1.500.000": Indonesian writes thousands with dots; one number, not "10" and "000".
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")


def normalize(text: str) -> str:
    """Return `text` as casefolded words of letters and digits separated by single spaces.

    NFKC folds look-alike characters; URLs and @mentions are dropped; dotted acronyms are joined
    ("P.B.B." -> "pbb"), as are thousands written with dots ("10.000" -> "10000"); plurals lose their
    repetition ("negara-negara", "negara2" -> "negara"); letters repeated three or more times are
    squeezed to two ("halooo" -> "haloo", "pbbb" -> "pbb"; which of the two a word needs is the
    analyzer's to tell); everything else that is not a letter or digit separates words.
    Never raises, and ``normalize(normalize(x)) == normalize(x)``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    # casefold can produce decomposable sequences again ("İ"); fold once more.
    text = unicodedata.normalize("NFKC", text)
    # Each pattern only where its telltale character is: most texts have no URL, "@", "." or "-".
    if "." in text or ":" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if "." in text:
        text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
        text = _THOUSANDS.sub(lambda m: m.group(0).replace(".", ""), text)
    if "-" in text:
        text = _REDUPLICATION.sub(r"\1\2", text)
    if "=" in text:
        # "aki mobil 12 V = 6 sel", "I = 12 / 20": read as said, so that a letter and a number on
        # either side stay two words ("g 20" and "g-20" are one name, "v6" and "i12" were none).
        text = text.replace("=", " sama dengan ")
    if text.isascii():  # the common case, without a per-character loop
        text = _squeeze(_ASCII_NOT_WORD.sub(" ", text.translate(_DELETE_APOSTROPHES)))
        text = " ".join(text.split())  # only [a-z0-9 ] is left
    else:
        text = _squeeze("".join(_keep_or_space(ch) for ch in text))
        text = " ".join(_NOT_WORD.sub(" ", text).split())
    if "2" in text:
        text = _NUMERAL_REDUPLICATION.sub(r"\1\2", text)
    return _LETTER_DIGITS.sub(r"\1\2", text)


def _squeeze(text: str) -> str:
    if _ROMAN_RUN.search(text):
        # "Hukum III Newton", "kelas VIII": a Roman numeral keeps its letters.
        return " ".join(w if _ROMAN_WORD.fullmatch(w) else _SQUEEZE.sub(_TWICE, w) for w in text.split(" "))
    return _SQUEEZE.sub(_TWICE, text)


_ROMAN_RUN = re.compile(r"(?<![^\W\d_])x{0,3}v?iii(?![^\W\d_])")
_ROMAN_WORD = re.compile(r"x{0,3}v?iii")


def _keep_or_space(ch: str) -> str:
    # Letters and digits stay; combining marks vanish (they belong to the letter before);
    # the rest separates words.
    category = unicodedata.category(ch)
    if category[0] in "LN":
        return ch
    if category[0] == "M" or ch in _APOSTROPHES:
        return ""
    return " "
