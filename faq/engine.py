"""The answer engine: question in, `Answer` out."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

import nlp
from faq import cache, isolated, training
from faq.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from faq.answer import Answer, Suggestion, Topic
from faq.asking import asking_parts, first_task
from faq.decision import Decision, DecisionModel, by_answer_alone, decide_by_rule, letter_alone, sole_exact
from faq.evidence import Candidate, weigh
from faq.index import Index
from faq.loader import bundled_pack_paths, load_knowledge_base
from faq.query import Query
from faq.schema import Intent, KnowledgeBase
from faq.similar import closest_intents
from faq.small_talk import SmallTalk
from faq.student_check import StudentCheck, check_inputs, student_check

SUGGESTION_FLOOR = 15.0
"""Lowest phrasing score (0-100) of a topic offered as a suggestion."""

MAX_SUGGESTIONS = 3

OUTSIDE_CACHE_SIZE = 256
"""Choices of subjects whose left-out topics are kept (chats mostly share a few choices)."""

MAX_CHAT_OVERRIDE_TERMS = 2
"""A question of this few terms is also matched on its chat words, which win when they match better."""

ASKING_PART_RANK = 2
"""A part of a long question is answered alone only with one of the whole question's this many best
intents. Over our labelled sets, parts answered with another intent were wrong more often than right."""


class Engine:
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

    def _decide(
        self,
        terms: tuple[str, ...],
        *,
        exclude: frozenset[int] = frozenset(),
        background: frozenset[str] = frozenset(),
        fact_scope: tuple[str, ...] = (),
        words: int | None = None,
    ) -> Decision:
        query = Query.prepare(self.index, terms, background, fact_scope)
        decision = self.judge(weigh(self.index, query, self._small_talk, exclude=exclude))
        if words is not None:
            decision = self._check(decision, query, words)
        if decision.accepted and not query.describes and by_answer_alone(decision):
            # "kamu udah makan?" is in no phrasing; that an answer says "makan" vouches for nothing.
            decision = replace(decision, accepted=False, route="answer alone")
        elif decision.accepted and letter_alone(terms, decision):
            decision = replace(decision, confidence=0.0, accepted=False, route="letter alone")
        return replace(decision, terms=terms, background=background, fact_scope=fact_scope)

    def _check(self, decision: Decision, query: Query, words: int) -> Decision:
        # The students' check decides, unless the question is one of an intent's phrasings word for
        # word: the teacher wrote it for that intent. Without a check its inputs are kept, to fit one.
        if self.model is None or not decision.ranked or sole_exact(decision.ranked):
            return decision
        checked = check_inputs(decision, query, self.index, self.model.threshold, words)
        if self.check is None:
            return replace(decision, checked=checked)
        return replace(
            decision,
            confidence=100.0 * self.check.probability(checked),
            accepted=self.check.answers(checked, decision.accepted),
            checked=checked,
        )

    @property
    def small_talk_positions(self) -> frozenset[int]:
        """The positions of the small-talk intents."""
        return self._small_talk

    def judge(self, candidates: list[Candidate]) -> Decision:
        """The decision on weighed candidates: the learned model, or the fixed rule without one."""
        return self.model.decide(candidates) if self.model is not None else decide_by_rule(candidates)

    def _decide_question(self, analysis: Analysis, outside: frozenset[int]) -> Decision:
        # "halo kak, apa itu WTO?": greetings and thanks give way to a real question,
        # when what is left names something small talk does not ("hallo bot" stays a greeting).
        content = self.small_talk.without(analysis.terms)
        if content != analysis.terms and any(t not in self.small_talk.vocabulary for t in content):
            decision = self._decide(
                content,
                exclude=self._small_talk | outside,
                background=analysis.background,
                fact_scope=analysis.fact_scope,
                words=analysis.words,
            )
            if decision.accepted and self._names_its_topic(decision):
                return replace(decision, route="without small talk")
        return self._decide(
            analysis.terms,
            exclude=outside,
            background=analysis.background,
            fact_scope=analysis.fact_scope,
            words=analysis.words,
        )

    def _decide_asking_part(self, question: str, outside: frozenset[int], whole: Decision) -> Decision | None:
        # "Waktu upacara kemarin pembina nyebut ASEAN, terus ..., aku jadi penasaran ASEAN itu
        # organisasi apa sih?": a story first, the question last. Each part `asking_parts` finds
        # (the asking sentence from its last clause back, a homework question's tasks) in turn.
        # The part's intent must be one of the whole question's best few: "Seorang siswa meniru
        # gaya bicara ... Faktor pendorong apa yang terjadi?" asks which factor the story shows
        # (imitasi), not the factors' overview its last sentence alone names.
        agreeing = {r.position for r in whole.ranked[:ASKING_PART_RANK]}
        for part in asking_parts(question):
            decision = self._decide_question(self.analyzer.analyze(part), outside)
            if (
                decision.accepted
                and decision.best is not None
                and decision.best.position in agreeing
                and self._names_its_topic(decision)
            ):
                return replace(decision, route="asking part")
        return None

    def _names_its_topic(self, decision: Decision) -> bool:
        # What is left of a question once greetings or a story are set aside must still name what
        # the answer is about: a key word of the intent or its entity, not a word one phrasing
        # happens to use ("makasi, tugasku jadi kelar": "kelar" is in one phrasing about PBB).
        if decision.best is None:
            return True
        entry = self.index.entries[decision.best.position]
        return any(t in entry.key_terms or (t[:1] == ENTITY_PREFIX and t in entry.vocabulary) for t in decision.terms)

    def _with_context(
        self, analysis: Analysis, decision: Decision, previous: Intent, outside: frozenset[int]
    ) -> Decision:
        # A question naming its own topic ignores the context. A follow-up about an entity
        # ("terus tujuannya?" after PBB) or an unclear question borrows the previous subject.
        # "kapan didirikan?" after ASEAN: a question about some entity that names none is about this one.
        about_unnamed_entity = decision.best is not None and bool(self.kb.intents[decision.best.position].aliases)
        leans_on_entity = (
            not analysis.entities and bool(previous.aliases) and (analysis.follow_up or about_unnamed_entity)
        )
        if decision.accepted and not leans_on_entity:
            return decision
        entity = self.analyzer.entity_of(previous.id)
        subject = (entity,) if entity is not None else self.analyzer.terms(previous.title)
        combined = self._decide(analysis.terms + tuple(t for t in subject if t not in analysis.terms), exclude=outside)
        return replace(combined, route="with previous topic") if combined.accepted else decision

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
