"""The clauses of a question that change how its terms are read.

A "sebagai" clause says what the asked thing is taken as ("pengertian sugesti sebagai faktor pendorong":
sugesti is asked, not the factors); a clause asking a fact ("... dan berapa lama revolusinya?") says what
an answer sentence must state. Both read each clause as a question is read (`faq.analyzer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nlp
from faq.index import FACT_QUESTION_WORDS

Terms = Callable[[str], tuple[str, ...]]

_CALLING = frozenset({"sebut", "kenal", "anggap", "juluk", "nama"})
"""Terms of calling ("disebut sebagai", "dikenal sebagai"): with nothing else before it, the clause is asked."""

# "Jelaskan pengertian sugesti sebagai faktor pendorong interaksi sosial": what follows "sebagai",
# to the clause's end, says what the thing asked about is taken as; the thing itself is asked.
_QUALIFIER = re.compile(r"\bsebagai\s+([^.?!,;:]+?)(?=\s+(?:dan|serta|lalu|terus)\s|[.?!,;:]|$)", re.IGNORECASE)

_CLAUSE = re.compile(r"[.?!;]+\s*|,\s+|\s+(?:dan|serta|lalu|terus|trus|kemudian|sama)\s+", re.IGNORECASE)
"""Where a question splits into the clauses a fact question word belongs to."""


def qualified(text: str, terms_of: Terms) -> frozenset[str]:
    """The terms of "sebagai" clauses that the rest of the question does not say, when the rest names
    something: in "siapa yang disebut sebagai Bapak Proklamator" the clause is the question."""
    if "sebagai" not in text.casefold():
        return frozenset()
    clauses = [m.group(1) for m in _QUALIFIER.finditer(text)]
    if not clauses:
        return frozenset()
    rest = set(terms_of(_QUALIFIER.sub(" ", text)))
    if not any(t not in nlp.QUESTION_WORDS and t not in _CALLING for t in rest):
        return frozenset()
    return frozenset(t for clause in clauses for t in terms_of(clause) if t not in rest)


def fact_scope(text: str, terms: tuple[str, ...], terms_of: Terms) -> tuple[str, ...]:
    """The question's terms in the clauses that ask a fact (kapan, berapa ...), () when it is one clause.

    "Apa akibatnya bagi suhu di planet tersebut dan berapa lama satu kali revolusinya?": the number asked
    for is the revolution's; an answer stating it need not speak of temperature."""
    if FACT_QUESTION_WORDS.isdisjoint(terms):
        return ()
    clauses = [c for c in _CLAUSE.split(text) if c and c.strip()]
    if len(clauses) < 2:
        return ()
    scope: dict[str, None] = {}
    for clause in clauses:
        found = terms_of(clause)
        if not FACT_QUESTION_WORDS.isdisjoint(found):
            scope.update(dict.fromkeys(found))
    return tuple(t for t in scope if t in terms) if scope and len(scope) < len(set(terms)) else ()
