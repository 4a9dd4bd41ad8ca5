"""The parts of a long question worth deciding on their own: students tell a story first and ask
last ("..., aku jadi penasaran ASEAN itu apa?"), and homework gives several tasks ("Jelaskan X dan
sebutkan Y!"). Pure text: the engine decides each part (`faq.engine.Engine.decide`).
"""

from __future__ import annotations

import itertools
import re

import nlp
from faq.analyzer import MAX_QUESTION_CHARS

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?=(?:terus|trus|trs|nah|tapi|tp|lalu|makanya)\s)", re.IGNORECASE)
# Task words: one list, read three ways (a task joined by "dan", a sentence that gives a task, and
# a task word inside an unpunctuated sentence).
_INSTRUCTIONS = ("sebutkan", "jelaskan", "uraikan", "tuliskan", "sebutin", "jelasin")
_CHAT_INSTRUCTIONS = ("sbtkn", "jlskn", "jlsin")
_GIVING = ("berikan", "kasih")
_FORMAL_INSTRUCTIONS = ("deskripsikan", "paparkan", "jabarkan")

_TASK_BREAK = re.compile(
    r"\s(?:dan|dn|serta|lalu|terus|trs|n)\s+(?=(?:"
    + "|".join((*_INSTRUCTIONS, *_GIVING, *_CHAT_INSTRUCTIONS))
    + r"|apa|bagaimana|gimana|kenapa|mengapa|kapan|siapa|dimana|di mana|berapa|buat apa|untuk apa"
    + r"|ap|gmn|gmna|knp|knapa|kpn|sp|spa|brp|dmn)\b)",  # and in chat spellings
    re.IGNORECASE,
)
_TASK_WORDS = re.compile(
    r"^(?:" + "|".join((*_INSTRUCTIONS, *_GIVING, *_FORMAL_INSTRUCTIONS)) + r"|identifikasi\w*|analisis\w*)\b",
    re.IGNORECASE,
)
_TASK_VERBS = frozenset((*_INSTRUCTIONS, *_CHAT_INSTRUCTIONS, *_FORMAL_INSTRUCTIONS))
_ASKS_FOR_TASK = frozenset(
    {"dan", "dn", "serta", "lalu", "terus", "trs", "n", "tolong", "tlg", "bisa", "bs", "coba", "mohon", "dong"}
    | {"pls", "please"}
)


def _split_at_tasks(sentence: str) -> list[str]:
    # A task word inside a sentence starts the task, as a full stop would have: chat leaves it out
    # ("... salah satunya asean jelasin ap itu asean"). "tolong jelasin", "dan sebutkan" stay whole.
    words = sentence.split()
    starts = [
        i
        for i in range(1, len(words))
        if words[i].casefold() in _TASK_VERBS and words[i - 1].casefold().strip(",") not in _ASKS_FOR_TASK
    ]
    bounds = [0, *starts, len(words)]
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds) if a < b]


def _gives_task(sentence: str) -> bool:
    return bool(_TASK_WORDS.match(sentence)) or any(w in nlp.QUESTION_WORDS for w in nlp.tokenize(sentence))


MAX_TASK_SENTENCES = 3
"""Sentences of a question without "?" tried as tasks at most (a pasted page has dozens)."""

MAX_ASKING_PARTS = 2
"""Clauses, counted from the end of the asking sentence, tried on their own at most."""


def first_task(question: str) -> str | None:
    """The first of several tasks of a one-sentence instruction ("Jelaskan X dan sebutkan Y!"), else None.

    Homework names its topic in the first task; the next ones lean on it ("sebutkan contohnya",
    "bandingkan dengan Z") or ask a side of it another topic may cover."""
    sentences = [s.strip() for s in _SENTENCE.findall(question[:MAX_QUESTION_CHARS]) if s.strip()]
    if len(sentences) != 1 or not _TASK_WORDS.match(sentences[0]):
        return None
    tasks = [t.strip() for t in _TASK_BREAK.split(sentences[0]) if t.strip()]
    return tasks[0] if len(tasks) > 1 else None


def asking_parts(question: str) -> list[str]:
    """The parts of a question worth deciding on their own, most likely first: the end of the
    sentence that asks ("..., aku penasaran ASEAN itu apa?"), and each task of a homework question
    ("Jelaskan X dan sebutkan Y!", "Sebutkan X. Jelaskan masing-masing!"). Empty for one clause."""
    sentences = [
        part for sentence in _SENTENCE.findall(question[:MAX_QUESTION_CHARS]) for part in _split_at_tasks(sentence)
    ]
    questions = [s for s in sentences if s.endswith("?")]
    # A sentence asks ("?"): the last such. Else each that gives a task or has a question word, the
    # last first ("Sebutkan tiga tujuan X. Jelaskan masing-masing!"), not a premise ("X digunakan
    # untuk menangani isu global. Identifikasilah empat isu tersebut!"); else the last.
    tasks = [s for s in reversed(sentences) if _gives_task(s)]
    asking = questions[-1:] or tasks[:MAX_TASK_SENTENCES] or sentences[-1:]
    parts = []
    for sentence in asking:
        clauses = [c.strip() for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
        # Every clause of a one-sentence question is the question itself again: not worth deciding twice.
        most = min(MAX_ASKING_PARTS, len(clauses) - (len(sentences) == 1))
        parts += [", ".join(clauses[-n:]) for n in range(1, most + 1)]
        tasks = [t.strip() for t in _TASK_BREAK.split(sentence) if t.strip()]
        if len(tasks) > 1:
            parts += tasks
        if len(sentences) > 1:
            parts.append(sentence)
    return [p for p in dict.fromkeys(parts) if p != question.strip()]
