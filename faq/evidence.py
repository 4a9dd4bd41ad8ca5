"""The evidence weighed for each candidate intent of a question: one feature vector per candidate.

The few intents the phrasing score ranks best (`faq.scoring`) are weighed on everything the KB
says about them: how much of the question their phrasings explain and cover, how typical of them
its words are, whether they say its words side by side as it does, the best sentence of their
answer, whether the question names another entity or asks a fact they never state.
`faq.decision` ranks them with weights learned per KB.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import nlp
from faq.index import Index, IntentTerms
from faq.intent_maps import says_pair
from faq.query import Query
from faq.scoring import Match, best_matches, combine, with_factors
from nlp.frequency import zipf_frequency

FEATURES = (
    "prior",  # the phrasing score with its fixed factors (0-1); see Candidate.prior
    "phrasing",  # explained^a * covered^b of the intent's phrasings (0-1)
    "explained",  # weighted share of the question the intent's words explain (0-1)
    "covered",  # weighted share of the intent's closest phrasing found in the question (0-1)
    "answer",  # weighted share of the question's topic words in one sentence of the answer (0-1)
    "other_entity",  # the question names an entity the intent is not about (0/1)
    "unknown_fact",  # the question asks a fact (kapan, berapa ...) no phrasing of the intent asks (0/1)
    "small_talk",  # the intent is small talk (0/1)
    "typical",  # the question's topic words, each weighted by the share of the intent's phrasings using it (0-1)
    "specific",  # the intent knows the question's most specific topic word (0/1)
    "named",  # the question names what the intent is about, one of its aliases (0/1)
    "pairs",  # weighted share of the question's side-by-side topic words said side by side by the intent (0-1)
)

CANDIDATES_WEIGHED = 8
"""Intents whose full evidence is weighed per question: the best by the phrasing score."""

DESCRIBED_POOL = 4
"""A question asking the name of what it describes ("kecenderungan benda mempertahankan keadaannya
namanya apa") picks its CANDIDATES_WEIGHED from this many times as many by the phrasing score, by
the better of that and their answer's sentence: the topic whose answer says the description may
have no phrasing near it, and would not be weighed at all."""


@dataclass(frozen=True)
class Candidate:
    """One intent's evidence for one question."""

    position: int
    # The phrasing score with its fixed factors (0-100), which chose the candidate; for a question
    # asking a name ("... itu disebut apa"), the best of it and its answer sentence's.
    prior: float
    features: tuple[float, ...]  # one value per name in FEATURES


def weigh(
    index: Index,
    query: Query,
    small_talk: Collection[int],
    *,
    exclude: Collection[int] = (),
    replaced: Mapping[int, IntentTerms] | None = None,
) -> list[Candidate]:
    """The best `CANDIDATES_WEIGHED` intents for a prepared question, each with its evidence.

    `replaced` stands in other terms for some intents (training holds one phrasing out this way).
    """
    pool = CANDIDATES_WEIGHED * (DESCRIBED_POOL if query.asks_name else 1)
    matches = best_matches(index, query, limit=pool, exclude=exclude, replaced=replaced)
    content = {t: w for t, w in query.weights.items() if t not in nlp.QUESTION_WORDS}
    content_total = sum(content.values())
    # Of words weighing the same (each in one topic's phrasings), the rarer in Indonesian: "komposisi",
    # not "pengertian", is what "pengertian komposisi penduduk" asks about.
    specific = max(content, key=lambda t: (content[t], -zipf_frequency(t), t)) if content else None
    # A pair of words side by side weighs as its two words.
    pairs = [(hash(pair), content[pair[0]] + content[pair[1]]) for pair in query.pairs]
    pairs_total = sum(weight for _, weight in pairs)
    weighed = []
    for found in matches:
        entry = (
            replaced.get(found.position, index.entries[found.position]) if replaced else index.entries[found.position]
        )
        answer = _best_sentence(index, entry, content, content_total)
        prior = max(found.score, _described(found, answer)) if query.asks_name else found.score
        weighed.append((prior, found, entry, answer))
    if len(weighed) > CANDIDATES_WEIGHED:
        weighed = sorted(weighed, key=lambda item: -item[0])[:CANDIDATES_WEIGHED]
    out = []
    for prior, found, entry, answer in weighed:
        features = (
            prior / 100.0,
            combine(found.explained, found.covered),
            found.explained,
            found.covered,
            answer,
            1.0 if found.other_entity else 0.0,
            1.0 if found.unknown_fact else 0.0,
            1.0 if found.position in small_talk else 0.0,
            _typical(index, entry, content, content_total),
            1.0 if specific is not None and specific in entry.vocabulary else 0.0,
            1.0 if entry.entity and entry.entity in query.entities else 0.0,
            _pairs(index, entry, pairs, pairs_total),
        )
        out.append(Candidate(found.position, prior, features))
    return out


def _described(found: Match, answer: float) -> float:
    # "muatan listrik yang diam di suatu benda itu disebut apa": a question asking the name of what
    # it describes says a sentence of the answer ("Listrik statis adalah muatan listrik yang diam
    # ..."), not a phrasing, which names the thing asked for. That sentence scores as a phrasing
    # would, with the same factors.
    return with_factors(100.0 * answer, unknown_fact=found.unknown_fact, other_entity=found.other_entity)


def _typical(index: Index, entry: IntentTerms, content: Mapping[str, float], total: float) -> float:
    # "contoh" in one phrasing of definisi and in most of contoh's: it says contoh much more.
    if not total or not entry.phrasings:
        return 0.0
    where = index.phrasings_with(entry)
    share = 0.0
    for term, weight in content.items():
        found = where.get(term)
        if found:
            share += weight * len(found)
    return share / (total * len(entry.phrasings))


def _pairs(index: Index, entry: IntentTerms, pairs: Sequence[tuple[int, float]], total: float) -> float:
    # "bedanya bulan basah sama bulan lembap apa": both climate topics know "bulan" and "basah"; the one
    # whose phrasings or answer say "bulan basah" is asked about. `pairs`: (hash, weight) of the question's.
    if not pairs:
        return 0.0
    said = index.pairs_of(entry)
    return sum(weight for pair, weight in pairs if says_pair(said, pair)) / total


def _best_sentence(index: Index, entry: IntentTerms, content: Mapping[str, float], total: float) -> float:
    # "organisasi yang bikin aturan dagang antarnegara": the phrasings of WTO may not say it, a
    # sentence of its answer does.
    if not total or not entry.answer_sentences:
        return 0.0
    where = index.sentences_with(entry)
    found = [0.0] * len(entry.answer_sentences)
    for term, weight in content.items():
        numbers = where.get(term)
        if numbers:
            for number in numbers:
                found[number] += weight
    return max(found) / total
