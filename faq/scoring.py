"""Scoring one question against the index: candidates first, then the full score of the few best."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from itertools import islice
from typing import NamedTuple

import nlp
from faq.analyzer import ENTITY_PREFIX
from faq.facts import asks_unknown_fact
from faq.index import Index, IntentTerms
from faq.query import ANSWER_CREDIT, Query

OFF_QUESTION_WORD_CREDIT = 0.5
"""Credit (0-1) for a question word that none of an intent's phrasings use."""

UNKNOWN_FACT_FACTOR = 0.6
"""Score multiplier (0-1) when the question asks a fact none of the intent's phrasings asks about."""

FOREIGN_ENTITY_FACTOR = 0.7
"""Score multiplier (0-1) for an intent when the question names an entity the intent is not about."""

EXPLAINED_POWER = 1.0
COVERED_POWER = 0.7
"""Exponents of the two parts of a score (see `score`)."""

CANDIDATE_LIMIT = 64
"""Intents fully scored per question: the best by a cheap weighted overlap."""

COMMON_TERM_SHARE = 0.05
"""A term in more than this share of the intents does not fetch candidates when a rarer term does."""

EXCLUDED_SCAN_FACTOR = 4
"""With intents left out (a chat's subjects), a term's postings are read this many times the usual
cut at most: they are strongest first, so what is allowed among them is the best allowed."""


CEILING_MARGIN = 1.0 + 1e-9
"""`score_ceiling`'s allowance for rounding (a float's last bits, far below any score's difference)."""


class Match(NamedTuple):
    """One intent's phrasing evidence for a prepared question (see `match`)."""

    score: float  # 0-100: the phrasing score lowered by the two factors below
    position: int
    explained: float  # 0-1
    covered: float  # 0-1
    unknown_fact: bool  # asks a fact (kapan, berapa ...) none of the intent's phrasings asks
    other_entity: bool  # names an entity the intent is not about, or a name the KB does not know


def best_matches(
    index: Index,
    query: Query,
    *,
    limit: int,
    exclude: Collection[int] = (),
    replaced: Mapping[int, IntentTerms] | None = None,
) -> list[Match]:
    """The `limit` intents with the best phrasing scores for a prepared question, best first.

    `replaced` stands in other terms for some intents (training holds one phrasing out this way).
    """
    if not query.weights:
        return []
    entries = index.entries
    scored = []
    for position in candidates(index, query, exclude):
        entry = replaced.get(position, entries[position]) if replaced else entries[position]
        scored.append((-explained_share(query, entry), position, entry))
    # Most explained first: covered <= 1 and the factors <= 1, so a score is at most 100 * explained,
    # and once that ceiling cannot reach the weakest of the best so far, no later candidate can.
    scored.sort(key=lambda item: item[:2])
    best: list[tuple[float, float, int, Match]] = []  # a min-heap of the best scores so far
    for negative, position, entry in scored:
        explained = -negative
        if len(best) == limit:
            if (100.0 * explained, explained, -position) < best[0][:3]:
                break
            if (score_ceiling(query, entry, explained), explained, -position) < best[0][:3]:
                continue  # its phrasings are too long for what of them the question can cover
        found = match(index, query, entry, explained)
        # Equal scores (0 for intents only their answer explains) go to the one explaining more.
        item = (found.score, explained, -position, found)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item[:3] > best[0][:3]:
            heapq.heapreplace(best, item)
    return [item[3] for item in sorted(best, key=lambda item: item[:3], reverse=True)]


def score_ceiling(query: Query, entry: IntentTerms, explained: float) -> float:
    """The most (0-100) `match` can score this intent: no phrasing can be covered by more than the
    question's terms it knows, against the lightest of them."""
    if entry.lightest <= 0.0:
        return 100.0 * explained
    vocabulary = entry.vocabulary
    known = 0.0
    for term, weight, _ in query.covering:
        if term in vocabulary:
            known += weight
    # A hair more: sums of the same weights in another order may differ in their last bits (a
    # phrasing's total against the question's terms in it: `covered_share` can be 1.0000000000000002).
    return 100.0 * combine(explained, min(1.0, known / entry.lightest) * CEILING_MARGIN)


def candidates(index: Index, query: Query, exclude: Collection[int] = ()) -> list[int]:
    """The intents worth scoring: those sharing terms with the question, best overlap first.

    Intents in `exclude` (another subject's, say) are passed over before the best are cut, so a
    chat choosing a few subjects of a large KB still gets its own candidates."""
    overlap: dict[int, float] = defaultdict(float)
    common = max(CANDIDATE_LIMIT, COMMON_TERM_SHARE * index.size)
    content = sorted(
        (t for t in query.weights if t not in nlp.QUESTION_WORDS),
        key=lambda t: len(index.postings.get(t, ())) + len(index.answer_postings.get(t, ())),
    )
    limit = int(common)
    for number, term in enumerate(content):
        postings, answer_postings = index.postings.get(term, ()), index.answer_postings.get(term, ())
        if number and overlap and len(postings) + len(answer_postings) > common:
            continue  # a word half the KB uses adds cost, not candidates
        weight = query.weights[term]
        # Postings are strongest first: for a common term only the head can make the cut.
        shares = index.shares.get(term, ())
        if not exclude:
            for position, share in zip(postings[:limit], shares, strict=False):
                overlap[position] += weight * (1.0 + share)
            for position in answer_postings[:limit]:
                overlap[position] += weight * ANSWER_CREDIT
            continue
        for position, share in islice(
            ((p, s) for p, s in zip(postings, shares, strict=False) if p not in exclude), limit
        ):
            overlap[position] += weight * (1.0 + share)
        for position in islice((p for p in answer_postings if p not in exclude), limit):
            overlap[position] += weight * ANSWER_CREDIT
    if len(overlap) <= CANDIDATE_LIMIT:
        return list(overlap)
    return heapq.nlargest(CANDIDATE_LIMIT, overlap, key=overlap.__getitem__)


def explained_share(query: Query, entry: IntentTerms) -> float:
    """The weighted share (0-1) of the question's terms the intent knows."""
    vocabulary, answer_terms = entry.vocabulary, entry.answer_terms
    explained = 0.0
    for term, weight in query.weights.items():
        if term in vocabulary:
            explained += weight
        elif term in nlp.QUESTION_WORDS:
            explained += weight * OFF_QUESTION_WORD_CREDIT
        elif term in answer_terms and (query.asks_name or not term.startswith(ENTITY_PREFIX)):
            # An entity the answer merely mentions is not what the intent is about, unless the
            # question describes something by it ("protein di sel darah merah ... namanya apa").
            explained += weight * query.answer_credit
    return explained / query.total


def match(index: Index, query: Query, entry: IntentTerms, explained: float | None = None) -> Match:
    """One intent's phrasing evidence: how much of the question its words explain, how much of its
    closest phrasing the question covers, and the phrasing score, 100 * explained^a * covered^b,
    lowered when the question asks a fact the intent's phrasings never ask or names another entity.
    """
    explained = explained_share(query, entry) if explained is None else explained
    where = index.phrasings_with(entry)
    covered = covered_share(query, entry, where)
    unknown_fact = asks_unknown_fact(index, query, entry, where)
    other_entity = names_other_entity(query, entry)
    score = with_factors(100.0 * combine(explained, covered), unknown_fact=unknown_fact, other_entity=other_entity)
    return Match(score, entry.position, explained, covered, unknown_fact, other_entity)


def with_factors(score: float, *, unknown_fact: bool, other_entity: bool) -> float:
    """A score (0-100) lowered for a fact the intent does not state and for another entity named."""
    if unknown_fact:
        score *= UNKNOWN_FACT_FACTOR
    if other_entity:
        score *= FOREIGN_ENTITY_FACTOR  # "apa yang dimaksud dengan PBB" is about PBB, not definitions
    return score


def combine(explained: float, covered: float) -> float:
    """The phrasing score (0-1) before its factors: explained^a * covered^b."""
    return float(explained**EXPLAINED_POWER * covered**COVERED_POWER)


def covered_share(query: Query, entry: IntentTerms, where: Mapping[str, Sequence[int]]) -> float:
    """The largest weighted share (0-1) of one of the intent's phrasings that the question contains.

    `where`: the intent's `Index.phrasings_with`."""
    phrasings = entry.phrasings
    shared = [0.0] * len(phrasings)
    topical: set[int] = set()  # phrasings sharing more than a question word with the question
    for term, weight, is_topic in query.covering:
        found = where.get(term)
        if found is None:
            continue
        for number in found:
            shared[number] += weight
        if is_topic:
            topical.update(found)
    best = 0.0
    for number in topical:
        share = shared[number] / phrasings[number].total
        if share > best:
            best = share
    return best


def names_other_entity(query: Query, entry: IntentTerms) -> bool:
    """True when the question names an entity this intent is not about, or a name the KB does not know."""
    if query.names_unknown:
        return True
    if not query.entities:
        return False
    foreign = [e for e in query.entities if e not in entry.vocabulary]
    if not foreign:
        return False
    if all(e in entry.answer_terms for e in foreign):
        if query.asks_name:
            return False  # the names describe what is asked for, which the answer names
        # "indonesia pbb asean g20 peran": names the answer lists, several of them, ask about this
        # intent; so does one its answer uses beside two words of its own ("gerak lurus yang
        # percepatannya tetap": GLBB's answer speaks of percepatan).
        known = sum(1 for t in query.weights if t in entry.vocabulary and t not in nlp.QUESTION_WORDS)
        return len(query.entities) < 2 and known < 2
    return True
