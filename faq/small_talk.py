"""Small talk: greetings and thanks set aside before a question is decided, and questions of chat
words alone ("kamu bisa bantu apa?", "pagi kak") matched on every word in two small indexes."""

from __future__ import annotations

from dataclasses import replace

import nlp
from faq.analyzer import Analyzer
from faq.decision import Decision, Ranked, decide_by_rule
from faq.evidence import FEATURES, Candidate, weigh
from faq.index import Index
from faq.query import Query
from faq.schema import KnowledgeBase

SMALL_TALK_COVERED = 0.5
"""Share (0-1) of one small-talk phrasing that chat words alone must say: "pagi kak" says half of
"selamat pagi"; "oke" a quarter of "oke terima kasih bot", and stays unanswered like "ok"."""


class SmallTalk:
    """The pack's small-talk intents and what sets their words apart from a question's."""

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer, index: Index):
        self._analyzer = analyzer
        self.positions = frozenset(i for i, intent in enumerate(kb.intents) if intent.small_talk)
        # Topics a question about the bot itself may get: those whose phrasings ask one ("bot ini bisa apa?").
        self.about_bot = frozenset(
            p for p, intent in enumerate(kb.intents) if any(nlp.asks_about_bot(q) for q in intent.questions)
        )
        self.vocabulary = (
            frozenset(term for i in self.positions for term in index.entries[i].vocabulary) | nlp.QUESTION_WORDS
        )
        # Small talk's phrasings of more than one term, by their first term: a question holding one
        # holds that term.
        self._phrasings_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrasing in (p.terms for i in sorted(self.positions) for p in index.entries[i].phrasings):
            if len(phrasing) > 1:
                self._phrasings_by_first.setdefault(phrasing[0], []).append(phrasing)
        # Words only small talk uses, set aside before a question is decided; never a question
        # word, though no topic's phrasing asks "siapa" ("siapa penemu enzim?" still asks who).
        self.terms = (
            self.vocabulary
            - nlp.QUESTION_WORDS
            - frozenset(term for e in index.entries if e.position not in self.positions for term in e.vocabulary)
        )
        # The small-talk intent that greets and the one that thanks: whose phrasings most often are one.
        self._said: dict[str, int] = {}
        for kind in ("greeting", "thanks"):
            counts = {p: sum(nlp.small_talk_kind(q) == kind for q in kb.intents[p].questions) for p in self.positions}
            best = max(sorted(counts), key=lambda p: counts[p], default=None)
            if best is not None and counts[best]:
                self._said[kind] = best
        # The terms such a message can have once analysed: any other term rules it out at no cost.
        self._said_terms = frozenset(t for word in nlp.small_talk_vocabulary() for t in analyzer.analyze(word).terms)
        # The first terms of a message opening with thanks or a greeting, to try `nlp.said_then_remark` on it only.
        self._opening_terms = frozenset(
            t
            for kind in ("thanks", "greeting")
            for word in nlp.small_talk_words().get(kind, ())
            for t in analyzer.analyze(word).terms[:1]
        )
        # Phrasings that are nothing but chat words and a question word ("kamu bisa bantu apa?")
        # name no topic, so the index leaves them out; two small indexes keep their words: one of
        # those, one of every small-talk phrasing ("selamat pagi" answers "pagi kak", all chat words).
        self._chat_indexes = tuple(
            self._chat_index_of(kb, chat)
            for chat in (index.chat_questions, {p: kb.intents[p].questions for p in sorted(self.positions)})
            if chat
        )

    def without(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """The question's terms once greetings and thanks are set aside ("halo kak, apa itu WTO?")."""
        asked = set(terms)
        # "halo bot, ...": a whole greeting, "bot" with it, though "bot" is also a help topic's word.
        # Not a greeting of one term: "selamat siang bu" is "selamat" alone once analysed, which
        # "keselamatan listrik" is too ("makasih kak, trus keselamatan listrik gimana?").
        greeting = {
            t
            for first in asked
            for phrasing in self._phrasings_by_first.get(first, ())
            if asked.issuperset(phrasing)
            for t in phrasing
            if t not in nlp.QUESTION_WORDS
        }
        return tuple(t for t in terms if t not in self.terms and t not in greeting)

    def decide_said(self, question: str, terms: tuple[str, ...], *, answered: bool = False) -> Decision | None:
        """The pack's greeting or thanks for a message that is nothing but one ("selamat siang bu",
        "makasih min, ngebantu bgt"), or one and a remark that asks nothing ("makasih, tugasku jadi
        selesai"), whatever its words are to the pack's topics; None otherwise. `terms`: the
        question's, analysed; `answered`: whether a topic would answer it."""
        if not self._said:
            return None
        if self._said_terms.issuperset(t for t in terms if t not in nlp.QUESTION_WORDS):
            kind = nlp.small_talk_kind(question)
        elif not self._opening_terms.isdisjoint(terms[:2]):
            # "terima kasih, tugasku jadi selesai" had met "menyelesaikan" masalah global. After a
            # greeting the rest may be a question without a question word ("halo kak, manfaat
            # kerjasama multilateral"): a greeting answers only what no topic does.
            kind = nlp.said_then_remark(question)
            if kind == "greeting" and answered:
                return None
        else:
            return None
        position = self._said.get(kind) if kind is not None else None
        if position is None:
            return None
        features = tuple(1.0 if name == "small_talk" else 0.0 for name in FEATURES)
        candidate = Candidate(position, 100.0, features)
        return Decision((Ranked(candidate, 0.0),), 100.0, True, terms=terms, route="greeting or thanks")

    def decide_chat(self, question: str) -> Decision | None:
        """A question of question words alone, or of nothing, once the chat words are gone ("bisa
        jawab apa aja?", "pagi min"), matched on every word; None when that is unsure too."""
        terms = self._analyzer.analyze(question, keep_stopwords=True).terms
        for number, (index, positions) in enumerate(self._chat_indexes):
            query = Query.prepare(index, terms)
            candidates = [
                replace(c, position=positions[c.position]) for c in weigh(index, query, frozenset(range(index.size)))
            ]
            decision = replace(decide_by_rule(candidates), terms=terms, route="chat phrasings")
            if decision.accepted and (number == 0 or _says_small_talk(decision)):
                return decision
        return None

    def decide_about_bot(self, question: str, decision: Decision, outside: frozenset[int]) -> Decision:
        """`decision` on a question about the bot itself ("nama kamu siapa", "kamu bisa ngapain aja?"):
        kept when small talk or a topic asking about the bot answers it, not when "rhesus" or "fungsi
        darah" merely share its words; then the chat phrasings' answer, or none."""
        allowed = (self.about_bot | self.positions) - outside
        if decision.best is not None and decision.best.position in allowed:
            return decision
        chat = self.decide_chat(question)
        if chat is not None and chat.best and chat.best.position in allowed:
            return chat
        return replace(decision, confidence=0.0, accepted=False, route="about the bot")

    def _chat_index_of(self, kb: KnowledgeBase, chat: dict[int, tuple[str, ...]]) -> tuple[Index, tuple[int, ...]]:
        intents = [
            replace(kb.intents[position], title="", questions=questions, answer="", aliases=(), keywords=())
            for position, questions in chat.items()
        ]
        return Index(KnowledgeBase(tuple(intents), kb.synonyms), ChatAnalyzer(self._analyzer)), tuple(chat)


_EXPLAINED = FEATURES.index("explained")
_COVERED = FEATURES.index("covered")


def _says_small_talk(decision: Decision) -> bool:
    # Every word is the small talk's, and half of one of its phrasings at least.
    features = decision.ranked[0].candidate.features
    return features[_EXPLAINED] >= 1.0 - 1e-9 and features[_COVERED] >= SMALL_TALK_COVERED


class ChatAnalyzer:
    """The terms of a KB's own text with every chat word kept: for the index of small talk."""

    def __init__(self, analyzer: Analyzer):
        self._analyzer = analyzer

    def terms(self, text: str) -> tuple[str, ...]:
        return self._analyzer.analyze(text, correct=False, keep_stopwords=True).terms

    def name_words(self, alias: str) -> tuple[str, ...]:
        return ()  # small talk is matched on its phrasings' own words

    def entity_of(self, intent_id: str) -> str | None:
        return None
