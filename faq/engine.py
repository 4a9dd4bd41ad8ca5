"""The answer engine: question in, `Answer` out."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

import nlp
from faq import cache, isolated, training
from faq.analyzer import Analyzer
from faq.answer import Answer, Suggestion, Topic
from faq.asking import first_task
from faq.decision import Decision, DecisionModel
from faq.index import Index
from faq.loader import bundled_pack_paths, load_knowledge_base
from faq.routes import DecisionRoutes
from faq.schema import Intent, KnowledgeBase
from faq.similar import closest_intents
from faq.small_talk import SmallTalk
from faq.student_check import StudentCheck, student_check

SUGGESTION_FLOOR = 15.0
"""Lowest phrasing score (0-100) of a topic offered as a suggestion."""

MAX_SUGGESTIONS = 3

OUTSIDE_CACHE_SIZE = 256
"""Choices of subjects whose left-out topics are kept (chats mostly share a few choices)."""

MAX_CHAT_OVERRIDE_TERMS = 2
"""A question of this few terms is also matched on its chat words, which win when they match better."""


class Engine(DecisionRoutes):
    """Answers questions from one knowledge base; build it once, ask it many times."""

    def __init__(self, kb: KnowledgeBase, *, training_seed: int = training.SEED):
        self.kb = kb
        self.analyzer = Analyzer(kb)
        self.index = Index(kb, self.analyzer)
        self.small_talk = SmallTalk(kb, self.analyzer, self.index)
        self._small_talk = self.small_talk.positions
        self._topics = tuple(Topic(i.id, i.title) for i in kb.intents if not i.small_talk)
        # Topics (not small talk) by subject, for chats that choose some subjects only.
        self._by_subject: dict[str, frozenset[int]] = {}
        for position, intent in enumerate(kb.intents):
            if not intent.small_talk:
                self._by_subject[intent.subject] = self._by_subject.get(intent.subject, frozenset()) | {position}
        self._outside_cache: dict[frozenset[str], frozenset[int]] = {}
        self._topics_by_subject: dict[str, tuple[Topic, ...]] = {
            subject: tuple(Topic(kb.intents[p].id, kb.intents[p].title) for p in sorted(positions))
            for subject, positions in self._by_subject.items()
        }
        self._closest: dict[str, tuple[Topic, ...]] = {}  # related topics found for intents that list none
        # The decision learned from this KB's own phrasings (None: too small to learn from).
        self.model: DecisionModel | None = training.train(
            kb, self.analyzer, self.index, self._small_talk, seed=training_seed
        )
        # A second look at the learned decision, from real students' questions to other packs.
        self.check: StudentCheck | None = student_check() if self.model is not None else None

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

    def answer(self, question: str, *, context: str | None = None, subjects: Collection[str] | None = None) -> Answer:
        """Answer `question`; `context` is the previous topic's intent id in a conversation.

        `subjects` limits the topics to those subjects (None: all). When the question falls back
        but a topic of another subject would answer it, the Answer names that subject.
        """
        decision = self.decide(question, context=context, subjects=subjects)
        answer = self._to_answer(decision, subjects)
        if not decision.accepted and self.outside(subjects):
            elsewhere = self.decide(question, context=context)
            if elsewhere.accepted and elsewhere.best is not None:
                answer = replace(answer, other_subject=self.kb.intents[elsewhere.best.position].subject)
        return answer

    def outside(self, subjects: Collection[str] | None) -> frozenset[int]:
        """The topics a choice of subjects leaves out (small talk stays in every choice)."""
        if subjects is None:
            return frozenset()
        chosen = frozenset(subjects)
        cached = self._outside_cache.get(chosen)
        if cached is None:
            cached = frozenset().union(*(p for s, p in self._by_subject.items() if s not in chosen))
            if len(self._outside_cache) > OUTSIDE_CACHE_SIZE:
                self._outside_cache.clear()
            self._outside_cache[chosen] = cached
        return cached

    def decide(self, question: str, *, context: str | None = None, subjects: Collection[str] | None = None) -> Decision:
        """The ranked candidates of `question` and whether the best is answered (`answer` builds on it).

        Its `route` says which way decided: "question" (all its terms), "without small talk" ("halo,
        apa itu WTO?"), "first task" (of a homework instruction), "asking part" (a story's question),
        "with previous topic" (a follow-up), "greeting or thanks" (a whole one, "selamat sore bu"),
        "chat phrasings" ("bisa apa aja?"), "about the bot" ("nama kamu siapa"), "answer alone" (a
        short question of everyday words only an answer speaks of, "kamu udah makan?", falls back), or
        "letter alone" ("p": a ping, or a symbol without its formula, falls back).
        """
        question = question if isinstance(question, str) else ""
        outside = self.outside(subjects)
        analysis = self.analyzer.analyze(question)
        decision = self._decide_question(analysis, outside)
        first = first_task(question)
        if first is not None:
            # "Jelaskan apa itu ASEAN dan bagaimana peran Indonesia di dalamnya!" is about ASEAN.
            part = self._decide_question(self.analyzer.analyze(first), outside)
            if part.accepted and self._names_its_topic(part):
                decision = replace(part, route="first task")
        if not decision.accepted:
            decision = self._decide_asking_part(question, outside, decision) or decision
        previous = self.kb.get(context) if context is not None else None
        if previous is not None and self.kb.position(previous.id) not in outside:
            decision = self._with_context(analysis, decision, previous, outside)
        if not (decision.accepted and decision.best and decision.best.position in self._small_talk):
            # "selamat siang bu" greets, though "selamat" is a word of "keselamatan listrik".
            decision = self.small_talk.decide_said(question, analysis.terms, answered=decision.accepted) or decision
        if not decision.accepted and nlp.QUESTION_WORDS.issuperset(analysis.terms):
            decision = self.small_talk.decide_chat(question) or decision
        elif decision.accepted and len(analysis.terms) <= MAX_CHAT_OVERRIDE_TERMS:
            # "pagi bot": "bot" alone is the help topic's word; with its chat words it is a greeting.
            chat = self.small_talk.decide_chat(question)
            if chat is not None and chat.best and decision.best and chat.best.score > decision.best.score:
                decision = chat
        if decision.accepted and decision.best and nlp.asks_about_bot(question):
            decision = self.small_talk.decide_about_bot(question, decision, outside)
        return decision

    def topic(self, intent_id: str) -> Answer | None:
        """The answer of one intent (a pressed button), or None if the KB has no such intent."""
        intent = self.kb.get(intent_id)
        return None if intent is None else self._intent_answer(intent, 100.0)

    def topics(self, subjects: Collection[str] | None = None) -> list[Topic]:
        """Every topic students can ask about (small talk left out), in KB order; of `subjects` only when given."""
        if subjects is None:
            return list(self._topics)
        chosen = set(subjects)
        return [
            t for subject in self.kb.subjects if subject in chosen for t in self._topics_by_subject.get(subject, ())
        ]

    def search(self, query: str, *, limit: int = 5, subjects: Collection[str] | None = None) -> list[Suggestion]:
        """The topics closest to `query`, best first, small talk left out (for inline lookups)."""
        return self.rank(query, limit=limit, small_talk=False, subjects=subjects)

    def rank(
        self, question: str, *, limit: int = 3, small_talk: bool = True, subjects: Collection[str] | None = None
    ) -> list[Suggestion]:
        """The intents scoring above zero for `question`, best first (for reports)."""
        exclude = self.outside(subjects) | (frozenset() if small_talk else self._small_talk)
        decision = self._decide(self.analyzer.analyze(question).terms, exclude=exclude)
        return [self._suggestion(r.score, r.position) for r in decision.ranked[:limit] if r.score > 0]

    def _to_answer(self, decision: Decision, subjects: Collection[str] | None = None) -> Answer:
        best = decision.best
        if decision.accepted and best is not None:
            return self._intent_answer(self.kb.intents[best.position], decision.confidence)
        suggestions = [
            self._suggestion(r.score, r.position) for r in decision.ranked if r.candidate.prior >= SUGGESTION_FLOOR
        ]
        if not suggestions:
            # Nothing is close: offer the first topics of the KB as a way in.
            suggestions = [Suggestion(t.id, t.title, 0.0) for t in self.topics(subjects)[:MAX_SUGGESTIONS]]
        return Answer(
            intent=None,
            score=round(decision.confidence, 2),
            text=self.kb.fallback,
            suggestions=tuple(suggestions[:MAX_SUGGESTIONS]),
        )

    def _suggestion(self, score: float, position: int) -> Suggestion:
        intent = self.kb.intents[position]
        return Suggestion(intent.id, intent.title, round(score, 2))

    def related(self, intent: Intent) -> tuple[Topic, ...]:
        """The topics to read next: the intent's `related`, or (a pack listing none) the closest topics."""
        if intent.related or intent.small_talk:
            targets = [self.kb.get(r) for r in intent.related]
            return tuple(Topic(t.id, t.title) for t in targets if t is not None)
        cached = self._closest.get(intent.id)
        if cached is None:
            position = self.kb.position(intent.id)
            closest = closest_intents(self.index, position, exclude=self._small_talk)
            cached = tuple(Topic(self.kb.intents[p].id, self.kb.intents[p].title) for p in closest)
            self._closest[intent.id] = cached
        return cached

    def _intent_answer(self, intent: Intent, score: float) -> Answer:
        related = self.related(intent)
        return Answer(intent=intent.id, score=round(score, 2), text=intent.answer, title=intent.title, related=related)
