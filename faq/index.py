"""The index built once per knowledge base, and the scoring of one question against it."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import nlp
from faq.analyzer import ENTITY_PREFIX, Analyzer
from faq.schema import KnowledgeBase

QUESTION_WORD_WEIGHT = 0.6
"""Weight of a general question word (apa, bagaimana, ...): it shapes the question but names no topic."""

FACT_QUESTION_WORDS = frozenset({"kapan", "siapa", "berapa", "dimana"})
FACT_QUESTION_WORD_WEIGHT = 1.5
"""Weight of a question word asking for one fact: "berapa" wants a number an answer may not have."""

UNKNOWN_DECAY_TERMS = 5
"""Questions longer than this many terms count each unknown word less: long questions carry chatter."""

OFF_QUESTION_WORD_CREDIT = 0.5
"""Credit (0-1) for a question word that none of an intent's phrasings use."""

ANSWER_CREDIT = 0.6
"""Credit (0-1) for a word found in an intent's answer but in none of its phrasings."""

MIN_COVERAGE_WEIGHT = 0.1
"""Floor of a term's coverage weight (its idf), so no term counts for nothing."""

UNKNOWN_FACT_FACTOR = 0.6
"""Score multiplier (0-1) when the question asks a fact none of the intent's phrasings asks about."""

MIN_FACT_OVERLAP = 0.5
"""Share (0-1) of a fact question's words that one of the intent's fact phrasings must contain."""

FOREIGN_ENTITY_FACTOR = 0.7
"""Score multiplier (0-1) for an intent when the question names an entity the intent is not about."""

EXPLAINED_POWER = 1.0
COVERED_POWER = 0.7
"""Exponents of the two parts of a score (see `Index.score`)."""


@dataclass(frozen=True)
class IntentTerms:
    """One intent as the index sees it."""

    position: int
    phrasings: tuple[tuple[str, ...], ...]
    vocabulary: frozenset[str]
    answer_terms: frozenset[str]


class Index:
    """Analysed phrasings of every intent, term weights and an inverted index from term to intents."""

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer):
        self.kb = kb
        self.analyzer = analyzer
        self.entries: list[IntentTerms] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        answer_postings: dict[str, list[int]] = defaultdict(list)
        for position, intent in enumerate(kb.intents):
            texts = (intent.title, *intent.questions, *intent.aliases, *intent.keywords)
            # A phrasing of question words alone ("aku harus nanya apa?") names no topic.
            phrasings = tuple(
                dict.fromkeys(t for t in (analyzer.terms(x) for x in texts) if not nlp.QUESTION_WORDS.issuperset(t))
            )
            vocabulary = frozenset(term for p in phrasings for term in p)
            answer_terms = frozenset(analyzer.terms(intent.answer)) - vocabulary
            self.entries.append(IntentTerms(position, phrasings, vocabulary, answer_terms))
            for term in vocabulary:
                self._postings[term].append(position)
            for term in answer_terms:
                answer_postings[term].append(position)
        self._answer_postings = dict(answer_postings)
        count = len(self.entries)
        self.unknown_weight = 1.0 + math.log(count + 1)
        self._idf = {term: math.log((count + 1) / (len(intents) + 1)) for term, intents in self._postings.items()}
        self._weights = {term: 1.0 + idf for term, idf in self._idf.items()}

    def weight(self, term: str, *, length: int = 1) -> float:
        """How much a term says about which intent is meant: rare terms more, unknown ones most.

        `length` is the number of terms in the question the term comes from.
        """
        if term in nlp.QUESTION_WORDS:
            return FACT_QUESTION_WORD_WEIGHT if term in FACT_QUESTION_WORDS else QUESTION_WORD_WEIGHT
        weight = self._weights.get(term)
        if weight is None:
            weight = self.unknown_weight if term not in self._answer_postings else self.unknown_weight - 1.0
            weight *= min(1.0, UNKNOWN_DECAY_TERMS / length)
        return weight

    def _asks_known_fact(self, query: dict[str, None], entry: IntentTerms) -> bool:
        """False when the question asks a fact (berapa, kapan, ...) none of the intent's phrasings asks.

        "PBB berdiri tahun brp" matches the phrasing "tahun berapa PBB berdiri"; "berapa
        anggaran tahunan PBB" shares too little with any "berapa"-phrasing of PBB.
        """
        asked = [t for t in query if t in FACT_QUESTION_WORDS]
        if not asked:
            return True
        content = [t for t in query if t not in nlp.QUESTION_WORDS and not t.startswith(ENTITY_PREFIX)]
        if not content:
            return True
        wanted = sum(self.weight(t, length=len(query)) for t in content)
        for phrasing in entry.phrasings:
            if any(q in phrasing for q in asked):
                found = sum(self.weight(t, length=len(query)) for t in content if t in phrasing)
                if found / wanted >= MIN_FACT_OVERLAP:
                    return True
        return False

    def coverage_weight(self, term: str) -> float:
        """Weight of a phrasing's term when asking how much of the phrasing a question contains.

        Words nearly every intent uses ("kerjasama multilateral" in this KB) are the bot's
        whole subject: a question that leaves them out still matches.
        """
        if term in nlp.QUESTION_WORDS:
            return self.weight(term)
        return max(self._idf.get(term, 0.0), MIN_COVERAGE_WEIGHT)

    def is_known(self, term: str) -> bool:
        return term in self._postings or term in self._answer_postings

    def candidates(self, terms: Iterable[str]) -> set[int]:
        """Positions of the intents sharing at least one term with the question."""
        found: set[int] = set()
        for term in terms:
            if term in nlp.QUESTION_WORDS:
                continue
            found.update(self._postings.get(term, ()))
            found.update(self._answer_postings.get(term, ()))
        return found

    def score(self, terms: Sequence[str], position: int) -> float:
        """Score 0-100 of one intent for a question's terms.

        explained: the weighted share of the question's terms this intent knows (an unknown
        word such as "NATO" in "apa itu NATO" keeps it low). covered: the weighted share of
        the intent's closest phrasing found in the question. score = 100 * explained^a * covered^b.
        """
        entry = self.entries[position]
        query = dict.fromkeys(terms)
        if not query:
            return 0.0
        total = explained = 0.0
        # "berapa jumlah anggota PBB": an answer that merely mentions "anggota" does not
        # state the number asked for; only the intent's own phrasings vouch for such a fact.
        answer_credit = 0.0 if any(t in FACT_QUESTION_WORDS for t in query) else ANSWER_CREDIT
        for term in query:
            weight = self.weight(term, length=len(query))
            total += weight
            if term in entry.vocabulary:
                explained += weight
            elif term in nlp.QUESTION_WORDS:
                explained += weight * OFF_QUESTION_WORD_CREDIT
            elif term in entry.answer_terms and not term.startswith(ENTITY_PREFIX):
                # An entity the answer merely mentions is not what the intent is about.
                explained += weight * answer_credit
        covered = 0.0
        for phrasing in entry.phrasings:
            if not any(t in query and t not in nlp.QUESTION_WORDS for t in phrasing):
                continue
            phrasing_total = sum(self.coverage_weight(t) for t in phrasing)
            shared = sum(self.coverage_weight(t) for t in phrasing if t in query)
            covered = max(covered, shared / phrasing_total)
        score = 100.0 * (explained / total) ** EXPLAINED_POWER * covered**COVERED_POWER
        if not self._asks_known_fact(query, entry):
            score *= UNKNOWN_FACT_FACTOR
        if any(t.startswith(ENTITY_PREFIX) and t not in entry.vocabulary for t in query):
            score *= FOREIGN_ENTITY_FACTOR  # "apa yang dimaksud dengan PBB" is about PBB, not definitions
        return score
