"""Scoring one question against the index: candidates first, then the full score of the few best."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from itertools import islice
from typing import NamedTuple

import nlp
from faq.analyzer import ENTITY_PREFIX
from faq.index import Index, IntentTerms
from faq.query import ANSWER_CREDIT, DEFINING, Query, is_year

OFF_QUESTION_WORD_CREDIT = 0.5
"""Credit (0-1) for a question word that none of an intent's phrasings use."""

UNKNOWN_FACT_FACTOR = 0.6
"""Score multiplier (0-1) when the question asks a fact none of the intent's phrasings asks about."""

NUMBER_FACT_WORDS = frozenset({"berapa", "kapan"})
"""Fact words an answer can be seen to state: a number, a year."""

NAME_FACT_WORDS = frozenset({"siapa", "dimana"})
"""Fact words an answer can be seen to state: a name (a capitalised word of its text)."""

MIN_FACT_OVERLAP = 0.5
"""Share (0-1) of a fact question's words that one of the intent's fact phrasings must contain."""

MIN_NAME_FACT_OVERLAP = 0.75
"""Share (0-1) of a "siapa" or "di mana" question's words that an answer sentence naming someone must
contain: a sentence holds names more often than numbers, and fewer words meant a name for another
part of the story ("siapa penemu baterai" to a sentence on batteries naming Volta's cell)."""

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
        if len(best) == limit and (100.0 * explained, explained, -position) < best[0][:3]:
            break
        found = match(index, query, entry, explained)
        # Equal scores (0 for intents only their answer explains) go to the one explaining more.
        item = (found.score, explained, -position, found)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item[:3] > best[0][:3]:
            heapq.heapreplace(best, item)
    return [item[3] for item in sorted(best, key=lambda item: item[:3], reverse=True)]


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


def asks_unknown_fact(
    index: Index, query: Query, entry: IntentTerms, where: Mapping[str, Sequence[int]] | None = None
) -> bool:
    """True when the question asks a fact (kapan, berapa, ...) that none of the intent's phrasings asks,
    refers to a numbered item ("SDGs nomor 14") the intent never numbers, or asks what a thing is
    that the intent never defines ("apa itu globalisasi").

    `where`: the intent's `Index.phrasings_with`, when the caller has it already."""
    if query.items and any(n not in entry.vocabulary and n not in entry.answer_terms for n in query.items):
        return True
    if query.defined and not _defines(entry, query.defined):
        return True
    return bool(query.fact_words) and not _asks_known_fact(
        query, entry, index.phrasings_with(entry) if where is None else where
    )


def _defines(entry: IntentTerms, term: str) -> bool:
    # "apa itu globalisasi" to "Pentingnya di era globalisasi": the topic speaks of globalisation
    # but never says what it is. It does when the term is its name, when a short phrasing asks
    # what the term is ("apa itu kerjasama bilateral?") or names it bare ("deskripsi" of "Teks
    # deskripsi"), or when a sentence of its answer begins with the term ("Globalisasi adalah ...").
    if entry.entity == term:
        return True
    for phrasing in entry.phrasings:
        if term in phrasing.terms and len(_named_by(phrasing.terms)) <= 2:
            return True
    return any(sentence[:1] == (term,) for sentence in entry.answer_sentences)


def _named_by(terms: tuple[str, ...]) -> list[str]:
    # What a phrasing names besides its question and defining words ("apa itu X", "pengertian X", "X").
    return [t for t in terms if t not in nlp.QUESTION_WORDS and t not in DEFINING]


def _asks_known_fact(query: Query, entry: IntentTerms, where: Mapping[str, Sequence[int]]) -> bool:
    """False when the question asks a fact (berapa, kapan, ...) none of the intent's phrasings asks.

    "PBB berdiri tahun brp" matches the phrasing "tahun berapa PBB berdiri"; "berapa anggaran
    tahunan PBB" shares too little with any "berapa"-phrasing of PBB.
    """
    if not query.fact_content:
        return True
    wanted = sum(query.weights[t] for t in query.fact_content)
    # Only the phrasings that ask one of the question's fact words.
    for phrasing in (entry.phrasings[n] for n in {n for q in query.fact_words for n in where.get(q, ())}):
        found = sum(query.weights[t] for t in query.fact_content if t in phrasing.terms)
        if found / wanted >= MIN_FACT_OVERLAP:
            return True
    return _answer_states(query, entry, wanted)


def _answer_states(query: Query, entry: IntentTerms, wanted: float) -> bool:
    # "berapa tujuan SDGs?": an answer sentence about the question's words that holds a number
    # states it, asked by a phrasing or not ("kapan": a year). "Siapakah tokoh yang mengemukakan
    # Teori Waisya?": one holding nearly all its words and a name the topic's phrasings never use
    # ("... dikemukakan oleh N.J. Krom") states who, or where. "Terkini" no sentence can vouch for.
    if not all(word in NUMBER_FACT_WORDS or word in NAME_FACT_WORDS for word in query.fact_words):
        return False
    needs_number = any(word in NUMBER_FACT_WORDS for word in query.fact_words)
    needs_name = any(word in NAME_FACT_WORDS for word in query.fact_words)
    # "berapa anggota PBB" wants a count: "anggota PBB sejak 1950" states a year, not how many.
    counts = "berapa" in query.fact_words
    for sentence, (who, where) in zip(entry.answer_sentences, entry.answer_names, strict=True):
        found = sum(query.weights[t] for t in query.fact_content if t in sentence)
        if found / wanted < (MIN_NAME_FACT_OVERLAP if needs_name else MIN_FACT_OVERLAP) or _negates(query, sentence):
            continue
        if needs_number and not any(
            (_is_number(term) and not (counts and _is_date(sentence, at))) or (counts and term in nlp.NUMBER_WORDS)
            for at, term in enumerate(sentence)
        ):
            continue
        # The name is not the question's own, nor the topic's ("Indonesia" of the Indonesia topic).
        if "siapa" in query.fact_words and all(n in query.weights or n in entry.vocabulary for n in who):
            continue
        if "dimana" in query.fact_words and all(n in query.weights or n in entry.vocabulary for n in where):
            continue
        return True
    return False


def _negates(query: Query, sentence: tuple[str, ...]) -> bool:
    # "anggota tetap Dewan Keamanan siapa aja": "anggota tidak tetap Dewan Keamanan" says the opposite.
    if "tidak" in query.weights:
        return False
    negated = {sentence[at + 1] for at, term in enumerate(sentence[:-1]) if term == "tidak"}
    return any(t in negated for t in query.fact_content)


def _is_number(term: str) -> bool:
    # Digits, or a Roman numeral the analyzer left a word ("abad XXI" says which century).
    return term.isdigit() or nlp.is_roman_numeral(term)


def _is_date(sentence: tuple[str, ...], at: int) -> bool:
    # A year ("sejak 1950") or a day of a month ("17 Agustus"): when, not how many.
    term = sentence[at]
    return is_year(term) or (at + 1 < len(sentence) and sentence[at + 1] in nlp.MONTHS)
