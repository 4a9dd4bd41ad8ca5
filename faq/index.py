"""The index built once per knowledge base: analysed phrasings, term weights, inverted lists."""

from __future__ import annotations

import math
import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple, Protocol

import nlp
from faq.intent_maps import IntentMaps
from faq.schema import KnowledgeBase

QUESTION_WORD_WEIGHT = 0.6
"""Weight of a general question word (apa, bagaimana, ...): it shapes the question but names no topic."""

FACT_QUESTION_WORDS = frozenset({"kapan", "siapa", "berapa", "dimana", "terkini"})
FACT_QUESTION_WORD_WEIGHT = 1.5
"""Weight of a question word asking for one fact: "berapa" wants a number an answer may not have."""

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
"""Where an answer splits into the sentences and list items its evidence is weighed by."""

# How an answer sentence says who or where (`_name_terms`).
_PUNCTUATION = "()[]\"'.,;:!?"
_AGENT_MARKERS = frozenset({"oleh"})  # "... oleh N.J. Krom": who
_PLACE_MARKERS = frozenset({"di", "ke", "dalam"})  # "... di sumsum tulang": where

KEY_TERMS = 3
"""Key terms kept per intent (see `Index.key_terms`)."""

TYPICAL_SHARE = 0.25
"""A term used by this share of one intent's phrasings is typical of it (`Index.key_terms`, and a
question's term weights in `faq.scoring`)."""

MIN_COVERAGE_WEIGHT = 0.1
"""Floor of a term's coverage weight (its idf), so no term counts for nothing."""


class Phrasing(NamedTuple):
    """One analysed way of asking an intent, with its total coverage weight precomputed.

    A tuple, not a set: a 100,000-intent KB has 600,000 phrasings, and small sets cost ~700 bytes each.
    """

    terms: tuple[str, ...]
    total: float


class IntentTerms(NamedTuple):
    """One intent as the index sees it (tuples: they load fast from the compiled-index cache)."""

    position: int
    phrasings: tuple[Phrasing, ...]
    vocabulary: frozenset[str]
    answer_terms: frozenset[str]
    answer_sentences: tuple[tuple[str, ...], ...] = ()  # the analysed sentences and list items of the answer
    key_terms: tuple[str, ...] = ()  # the terms that most make a question this intent's (see `key_terms`)
    entity: str = ""  # the term naming what the intent is about (its first alias's), "" without aliases
    entity_words: frozenset[str] = frozenset()  # the words of its names of several words, each a term
    # Per answer sentence, the terms that may say who (capitalised words, "oleh X") and where ("di X").
    answer_names: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    lightest: float = 0.0  # the least total coverage weight of one of its phrasings (0: none)


class TermSource(Protocol):
    """What turns a KB text into index terms (the `Analyzer`, or its chat-word-keeping variant)."""

    def terms(self, text: str) -> tuple[str, ...]: ...

    def name_words(self, alias: str) -> tuple[str, ...]: ...

    def entity_of(self, intent_id: str) -> str | None: ...


class Index:
    """Analysed phrasings of every intent, term weights and inverted lists from term to intents."""

    def __init__(self, kb: KnowledgeBase, analyzer: TermSource):
        self.maps = IntentMaps()
        analysed = []
        postings: dict[str, list[int]] = defaultdict(list)
        answer_postings: dict[str, list[int]] = defaultdict(list)
        # Per intent position, its questions that are question words alone once analysed (the
        # engine matches those on their chat words in a small index of their own).
        self.chat_questions: dict[int, tuple[str, ...]] = {}
        for position, intent in enumerate(kb.intents):
            texts = (intent.title, *intent.questions, *intent.aliases, *intent.keywords)
            terms_of = {text: analyzer.terms(text) for text in texts}
            # Each word of a name of several words too: "panitia 9" is half of "Panitia Sembilan".
            name_words = [analyzer.name_words(alias) for alias in intent.aliases]
            # A phrasing of question words alone ("aku harus nanya apa?") names no topic.
            phrasings = [
                tuple(dict.fromkeys(terms))
                for terms in dict.fromkeys([*terms_of.values(), *name_words])
                if not nlp.QUESTION_WORDS.issuperset(terms)
            ]
            chat = tuple(q for q in intent.questions if nlp.QUESTION_WORDS.issuperset(terms_of[q]))
            if chat:
                self.chat_questions[position] = chat
            vocabulary = frozenset().union(*phrasings)
            named: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}
            for text in _SENTENCE.split(intent.answer):
                terms = tuple(dict.fromkeys(analyzer.terms(text)))
                if terms:
                    who, where = named.get(terms, (frozenset(), frozenset()))
                    more_who, more_where = _name_terms(text, analyzer)
                    named[terms] = (who | more_who, where | more_where)
            sentences = tuple(named)
            answer_terms = frozenset(t for terms in sentences for t in terms) - vocabulary
            words = frozenset(word for words in name_words for word in words)
            analysed.append((phrasings, vocabulary, answer_terms, sentences, tuple(named.values()), words))
            for term in vocabulary:
                postings[term].append(position)
            for term in answer_terms:
                answer_postings[term].append(position)
        self.postings = {term: array("i", p) for term, p in postings.items()}
        self.answer_postings = {term: array("i", p) for term, p in answer_postings.items()}
        self.size = len(kb.intents)
        self.unknown_weight = 1.0 + math.log(self.size + 1)
        self._idf = {term: math.log((self.size + 1) / (len(p) + 1)) for term, p in self.postings.items()}
        self._weights = {term: 1.0 + idf for term, idf in self._idf.items()}
        self.coverage = {term: self.coverage_weight(term) for term in self.postings}
        self.entries = []
        for position, (phrasings, vocabulary, answer_terms, sentences, names, words) in enumerate(analysed):
            weighed = tuple(dict.fromkeys(Phrasing(p, sum(self.coverage_weight(t) for t in p)) for p in phrasings))
            self.entries.append(
                IntentTerms(
                    position,
                    weighed,
                    vocabulary,
                    answer_terms,
                    sentences,
                    entity=analyzer.entity_of(kb.intents[position].id) or "",
                    entity_words=words,
                    answer_names=names,
                    lightest=lightest(weighed),
                )
            )
        # For each term, the largest share of one intent's phrasings that use it (see `typical_share`).
        self._typical_share: dict[str, float] = {}
        for position, entry in enumerate(self.entries):
            counts = _phrasing_counts(entry)
            self.entries[position] = entry._replace(key_terms=self.key_terms(entry, counts))
            for term, count in counts.items():
                share = count / len(entry.phrasings)
                if share > self._typical_share.get(term, 0.0):
                    self._typical_share[term] = share
        # For candidate retrieval: how much of its best phrasing each posting's term makes up,
        # strongest first, so a common term's list can be cut short.
        self.shares: dict[str, array[float]] = {}
        for term, positions in self.postings.items():
            ranked = sorted(((self._share(term, self.entries[p]), p) for p in positions), key=lambda x: (-x[0], x[1]))
            self.postings[term] = array("i", (p for _, p in ranked))
            self.shares[term] = array("f", (share for share, _ in ranked))

    def phrasings_with(self, entry: IntentTerms) -> dict[str, list[int]]:
        """Term -> the numbers of the intent's phrasings that hold it (see `faq.intent_maps`)."""
        return self.maps.phrasings_with(entry, keep=entry is self.entries[entry.position])

    def sentences_with(self, entry: IntentTerms) -> dict[str, list[int]]:
        """Term -> the numbers of the intent's answer sentences that hold it."""
        return self.maps.sentences_with(entry)

    def pairs_of(self, entry: IntentTerms) -> array[int]:
        """The pairs of topic words the intent's phrasings or answer sentences say side by side, for
        `faq.intent_maps.says_pair`."""
        return self.maps.pairs_of(entry, keep=entry is self.entries[entry.position])

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["maps"] = IntentMaps()  # rebuilt as questions come; not worth the cache file's bytes
        return state

    def key_terms(self, entry: IntentTerms, counts: dict[str, int]) -> tuple[str, ...]:
        """The KEY_TERMS terms that most make a question this intent's: in many of its phrasings
        (a quarter at least), in few other intents'. `counts`: how many phrasings use each term."""
        enough = max(2, int(len(entry.phrasings) * TYPICAL_SHARE))
        ranked = sorted(
            (
                (count * self.coverage_weight(term), term)
                for term, count in counts.items()
                if count >= enough and term not in nlp.QUESTION_WORDS
            ),
            reverse=True,
        )
        return tuple(term for _, term in ranked[:KEY_TERMS])

    def _share(self, term: str, entry: IntentTerms) -> float:
        weight = self.coverage_weight(term)
        return max(weight / p.total for p in entry.phrasings if term in p.terms)

    def weight(self, term: str) -> float:
        """How much a term says about which intent is meant: rare terms more, unknown ones most."""
        if term in nlp.QUESTION_WORDS:
            return FACT_QUESTION_WORD_WEIGHT if term in FACT_QUESTION_WORDS else QUESTION_WORD_WEIGHT
        weight = self._weights.get(term)
        if weight is None:
            return self.unknown_weight if term not in self.answer_postings else self.unknown_weight - 1.0
        return weight

    def typical_share(self, term: str) -> float:
        """The largest share (0-1) of one intent's phrasings that use the term: "tujuan" is in most of
        tujuan's, "sekaligus" in one phrasing of one intent."""
        return self._typical_share.get(term, 0.0)

    def is_known(self, term: str) -> bool:
        """True when some intent's phrasings know the term."""
        return term in self._weights

    def known_in(self, term: str) -> str:
        """Where the KB knows a term from: "phrasings", "answers" (only) or "unknown"."""
        if term in self._weights:
            return "phrasings"
        return "answers" if term in self.answer_postings else "unknown"

    def coverage_weight(self, term: str) -> float:
        """Weight of a phrasing's term when asking how much of the phrasing a question contains.

        Words nearly every intent uses ("kerjasama multilateral" in this KB) are the bot's
        whole subject: a question that leaves them out still matches.
        """
        if term in nlp.QUESTION_WORDS:
            return self.weight(term)
        return max(self._idf.get(term, 0.0), MIN_COVERAGE_WEIGHT)


def lightest(phrasings: Sequence[Phrasing]) -> float:
    """The least total coverage weight of one of `phrasings` (0 for none): see `IntentTerms.lightest`."""
    return min((p.total for p in phrasings), default=0.0)


def _name_terms(sentence: str, analyzer: TermSource) -> tuple[frozenset[str], frozenset[str]]:
    # "Teori Waisya dikemukakan oleh N.J. Krom": a capitalised word after the first names someone or
    # somewhere, as the word after "oleh" names who; "Eritrosit dibentuk di sumsum tulang": the words
    # after "di", "ke" or "dalam" say where. A "siapa" or "di mana" question may be asking them.
    words = [word.strip(_PUNCTUATION) for word in sentence.split()]
    while words and not any(ch.isalpha() for ch in words[0]):
        words.pop(0)  # a list item's "-" or "1."
    names: set[str] = set()
    places: set[str] = set()
    for at, word in enumerate(words):
        if at and word[:1].isupper():
            found = analyzer.terms(word)
            names.update(found)
            places.update(found)
        marker = word.lower()
        if at + 1 < len(words) and (marker in _AGENT_MARKERS or marker in _PLACE_MARKERS):
            (names if marker in _AGENT_MARKERS else places).update(analyzer.terms(words[at + 1]))
    return frozenset(names), frozenset(places)


def _phrasing_counts(entry: IntentTerms) -> dict[str, int]:
    """Term -> how many of the intent's phrasings use it."""
    counts: dict[str, int] = {}
    for phrasing in entry.phrasings:
        for term in phrasing.terms:
            counts[term] = counts.get(term, 0) + 1
    return counts
