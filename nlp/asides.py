"""What a student says around a question without asking it: how the answer should be said ("pakai
bahasa yang mudah") and which homework exercise it is ("soal nomor 5"). Their words are dropped
before matching; a pack may well use them for something it teaches ("dipakai untuk", "nomor 14")."""

from __future__ import annotations

from collections.abc import Iterable

ANSWER_STYLE = frozenset({"sederhana", "mudah", "simpel", "singkat", "ringkas", "santai", "awam", "jelas"})
"""How a student wants the answer said, after "bahasa": "pakai bahasa yang mudah" asks nothing."""

_STYLE_LEADS = frozenset({"pakai", "memakai", "dengan", "dalam", "gunakan", "menggunakan"})
_STYLE_FILLERS = frozenset({"yang", "lebih", "paling", "sangat", "kamu", "anda"})
_STYLE_TAILS = frozenset({"dipahami", "dimengerti", "dicerna", "sendiri", "dan", "tapi"})

_HOMEWORK = frozenset({"soal", "lks", "pr", "tugas", "latihan", "ulangan", "kuis", "uts", "uas"})
_NUMBERING = frozenset({"nomor", "no", "nomer", "nmr"})


def drop_answer_style(tokens: Iterable[str]) -> list[str]:
    """Without a request for how the answer is said ("jelasin pakai bahasa yang mudah dipahami",
    "dengan bahasamu sendiri")."""
    words = list(tokens)
    out: list[str] = []
    i = 0
    while i < len(words):
        end = _style_end(words, i)
        if end is None:
            out.append(words[i])
            i += 1
            continue
        if out and out[-1] in _STYLE_LEADS:
            out.pop()
        i = end
    return out


def _style_end(words: list[str], i: int) -> int | None:
    # Where a request for a style starting at `i` ends: "bahasa (yang) mudah (dipahami)", "bahasamu
    # sendiri", "bahasa sendiri" after "pakai" or "dengan"; None when none starts there.
    if words[i] == "bahasamu":
        return i + 1 + (i + 1 < len(words) and words[i + 1] == "sendiri")
    if words[i] != "bahasa":
        return None
    j = i + 1
    while j < len(words) and words[j] in _STYLE_FILLERS:
        j += 1
    if j < len(words) and words[j] == "sendiri" and i > 0 and words[i - 1] in _STYLE_LEADS:
        return j + 1  # "dengan bahasa sendiri"; "tiap daerah punya bahasa sendiri" asks about languages
    if j == len(words) or words[j] not in ANSWER_STYLE:
        return None
    j += 1
    while j < len(words) and (words[j] in ANSWER_STYLE or words[j] in _STYLE_TAILS):
        j += 1
    return j


def drop_homework_numbers(tokens: Iterable[str]) -> list[str]:
    """Without the number of a homework exercise ("soal nomor 5", "LKS no 3"):
    which exercise it is says nothing of the topic, unlike "SDGs nomor 14" or "sila 3"."""
    words = list(tokens)
    out: list[str] = []
    i = 0
    while i < len(words):
        out.append(words[i])
        if words[i] in _HOMEWORK:
            j = i + 1 + (i + 1 < len(words) and words[i + 1] in _NUMBERING)
            if j < len(words) and words[j].isdigit():
                i = j + 1
                continue
        i += 1
    return out
