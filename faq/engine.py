"""The answer engine: question in, `Answer` out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import nlp
from faq import cache, isolated, scoring
from faq.analyzer import Analysis, Analyzer, ChatAnalyzer
from faq.answer import Answer, Suggestion, Topic
from faq.index import Index
from faq.loader import bundled_pack_paths, load_knowledge_base
from faq.schema import Intent, KnowledgeBase

ACCEPT_SCORE = 45.0
"""Lowest score (0-100) at which the best intent is answered."""

MIN_MARGIN = 8.0
"""Points (0-100) the best intent must lead the runner-up by; closer means "ask which one"."""

DOMINANT_SCORE = 35.0
DOMINANT_RATIO = 2.5
"""A best intent scoring at least DOMINANT_SCORE and DOMINANT_RATIO times the runner-up is answered
too: a long or chatty question about one topic scores low, but no other topic comes close. Not when
the question asks a fact (kapan, berapa ...) that intent's phrasings never ask."""

SUGGESTION_FLOOR = 15.0
"""Lowest score (0-100) of a topic offered as a suggestion."""

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class _Ranking:
    scores: tuple[tuple[float, int], ...]  # (score, intent position), best first
    unknown_fact: bool = False  # the best intent's phrasings never ask the fact asked ("berapa anggota WTO")

    @property
    def best(self) -> tuple[float, int] | None:
        return self.scores[0] if self.scores else None

    @property
    def confident(self) -> bool:
        if not self.scores:
            return False
        best = self.scores[0][0]
        runner_up = self.scores[1][0] if len(self.scores) > 1 else 0.0
        if best >= DOMINANT_SCORE and best >= DOMINANT_RATIO * runner_up and not self.unknown_fact:
            return True
        return best >= ACCEPT_SCORE and best - runner_up >= MIN_MARGIN


class Engine:
    """Answers questions from one knowledge base; build it once, ask it many times."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.analyzer = Analyzer(kb)
        self.index = Index(kb, self.analyzer)
        self._small_talk = frozenset(i for i, intent in enumerate(kb.intents) if intent.small_talk)
        self._topics = tuple(Topic(i.id, i.title) for i in kb.intents if not i.small_talk)
        self._small_talk_vocabulary = (
            frozenset(term for i in self._small_talk for term in self.index.entries[i].vocabulary) | nlp.QUESTION_WORDS
        )
        self._small_talk_terms = self._small_talk_vocabulary - frozenset(
            term for e in self.index.entries if e.position not in self._small_talk for term in e.vocabulary
        )
        # Phrasings that are nothing but chat words and a question word ("kamu bisa bantu apa?")
        # name no topic, so the index leaves them out; a second, small index keeps their words.
        self._chat_positions = tuple(self.index.chat_questions)
        chat_intents = [
            replace(kb.intents[position], title="", questions=chat, answer="", aliases=(), keywords=())
            for position, chat in self.index.chat_questions.items()
        ]
        self._chat_index = (
            Index(KnowledgeBase(tuple(chat_intents), kb.synonyms), ChatAnalyzer(self.analyzer))
            if chat_intents
            else None
        )

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path] | None = None, *, cache_dir: str | Path | None = None) -> Engine:
        """Load the packs at `paths` (the bundled ones when None) and build the engine.

        With `cache_dir`, a compiled engine for the same files and code is reused from there,
        and a new build is stored there. Large packs are built in a child process (`faq.isolated`).
        """
        path_list = [Path(p) for p in paths] if paths is not None else bundled_pack_paths()
        cache_path = Path(cache_dir) if cache_dir is not None else None
        key = cache.cache_key(path_list) if cache_path is not None and path_list else None
        if cache_path is not None and key is not None:
            engine = cache.load(cache_path, key)
            if isinstance(engine, cls):
                return engine
        engine = isolated.build_in_child(path_list, cls) if isolated.is_large(path_list) else None
        if not isinstance(engine, cls):
            engine = cls(load_knowledge_base(path_list))
        if cache_path is not None and key is not None:
            cache.store(cache_path, key, engine)
        return engine

    def answer(self, question: str, *, context: str | None = None) -> Answer:
        """Answer `question`; `context` is the previous topic's intent id in a conversation."""
        question = question if isinstance(question, str) else ""
        analysis = self.analyzer.analyze(question)
        ranking = self._rank_question(analysis)
        previous = self.kb.get(context) if context is not None else None
        if previous is not None:
            ranking = self._with_context(analysis, ranking, previous)
        if not ranking.confident and nlp.QUESTION_WORDS.issuperset(analysis.terms):
            ranking = self._rank_chat(question) or ranking
        return self._to_answer(ranking)

    def topic(self, intent_id: str) -> Answer | None:
        """The answer of one intent (a pressed button), or None if the KB has no such intent."""
        intent = self.kb.get(intent_id)
        return None if intent is None else self._intent_answer(intent, 100.0)

    def topics(self) -> list[Topic]:
        """Every topic students can ask about (small talk left out), in KB order."""
        return list(self._topics)

    def search(self, query: str, *, limit: int = 5) -> list[Suggestion]:
        """The topics closest to `query`, best first, small talk left out (for inline lookups)."""
        return self.rank(query, limit=limit, small_talk=False)

    def rank(self, question: str, *, limit: int = 3, small_talk: bool = True) -> list[Suggestion]:
        """The intents scoring above zero for `question`, best first (for reports)."""
        exclude = frozenset() if small_talk else self._small_talk
        ranking = self._rank(self.analyzer.analyze(question).terms, exclude=exclude)
        return [self._suggestion(score, pos) for score, pos in ranking.scores[:limit] if score > 0]

    def _rank(self, terms: tuple[str, ...], *, exclude: set[int] | frozenset[int] = frozenset()) -> _Ranking:
        query = scoring.Query.prepare(self.index, terms)
        scores = tuple(scoring.rank_query(self.index, query, exclude=exclude))
        # A clear leader is no proof when it was asked a fact it never states: its answer would talk
        # around the question, so such a question needs the ordinary threshold.
        unknown_fact = bool(scores) and scoring.asks_unknown_fact(query, self.index.entries[scores[0][1]])
        return _Ranking(scores, unknown_fact)

    def _rank_question(self, analysis: Analysis) -> _Ranking:
        # "halo kak, apa itu WTO?": greetings and thanks give way to a real question,
        # when what is left names something small talk does not ("hallo bot" stays a greeting).
        content = tuple(t for t in analysis.terms if t not in self._small_talk_terms)
        if content != analysis.terms and any(t not in self._small_talk_vocabulary for t in content):
            ranking = self._rank(content, exclude=self._small_talk)
            if ranking.confident:
                return ranking
        return self._rank(analysis.terms)

    def _rank_chat(self, question: str) -> _Ranking | None:
        # A question of question words alone, or of nothing, once the chat words are gone ("bisa
        # jawab apa aja?", "pagi min") is small talk, matched on every word. None when that is unsure too.
        if self._chat_index is None:
            return None
        terms = self.analyzer.analyze(question, keep_stopwords=True).terms
        scores = scoring.rank(self._chat_index, terms)
        ranking = _Ranking(tuple((score, self._chat_positions[p]) for score, p in scores))
        return ranking if ranking.confident else None

    def _with_context(self, analysis: Analysis, ranking: _Ranking, previous: Intent) -> _Ranking:
        # A question naming its own topic ignores the context. A follow-up about an entity
        # ("terus tujuannya?" after PBB) or an unclear question borrows the previous subject.
        leans_on_entity = analysis.follow_up and not analysis.entities and bool(previous.aliases)
        if ranking.confident and not leans_on_entity:
            return ranking
        subject: tuple[str, ...]
        if previous.aliases:
            subject = (self.analyzer.entity_term(previous.aliases[0]),)
        else:
            subject = self.analyzer.terms(previous.title)
        combined = self._rank(analysis.terms + tuple(t for t in subject if t not in analysis.terms))
        return combined if combined.confident else ranking

    def _to_answer(self, ranking: _Ranking) -> Answer:
        best = ranking.best
        if ranking.confident and best is not None:
            return self._intent_answer(self.kb.intents[best[1]], best[0])
        suggestions = [self._suggestion(s, p) for s, p in ranking.scores[:MAX_SUGGESTIONS] if s >= SUGGESTION_FLOOR]
        if not suggestions:
            # Nothing is close: offer the first topics of the KB as a way in.
            suggestions = [Suggestion(t.id, t.title, 0.0) for t in self._topics[:MAX_SUGGESTIONS]]
        return Answer(
            intent=None,
            score=round(best[0], 2) if best else 0.0,
            text=self.kb.fallback,
            suggestions=tuple(suggestions[:MAX_SUGGESTIONS]),
        )

    def _suggestion(self, score: float, position: int) -> Suggestion:
        intent = self.kb.intents[position]
        return Suggestion(intent.id, intent.title, round(score, 2))

    def _intent_answer(self, intent: Intent, score: float) -> Answer:
        targets = (self.kb.get(r) for r in intent.related)
        related = tuple(Topic(t.id, t.title) for t in targets if t is not None)
        return Answer(intent=intent.id, score=round(score, 2), text=intent.answer, title=intent.title, related=related)
