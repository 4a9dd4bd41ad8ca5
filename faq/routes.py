"""The ways one question is decided, each a method `faq.engine.Engine.decide` chooses among.

A question is decided whole ("question"), without its greetings ("without small talk"), by the part of
a long question that asks ("asking part"), or with the previous topic of a conversation ("with
previous topic"). Each way ranks the candidates with the pack's learned model, lets the students'
check have the last word, and refuses what only an answer's everyday words or a lone letter support.
"""

from __future__ import annotations

from dataclasses import replace

from faq.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from faq.asking import asking_parts
from faq.decision import Decision, DecisionModel, by_answer_alone, decide_by_rule, letter_alone, sole_exact
from faq.evidence import Candidate, weigh
from faq.index import Index
from faq.query import Query
from faq.schema import Intent, KnowledgeBase
from faq.small_talk import SmallTalk
from faq.student_check import StudentCheck, check_inputs

ASKING_PART_RANK = 2
"""A part of a long question is answered alone only with one of the whole question's this many best
intents. Over our labelled sets, parts answered with another intent were wrong more often than right."""


class DecisionRoutes:
    """The routes of a decision, for `faq.engine.Engine`, which builds what they read."""

    kb: KnowledgeBase
    analyzer: Analyzer
    index: Index
    small_talk: SmallTalk
    model: DecisionModel | None  # None: the pack is too small to learn from, a fixed rule decides
    check: StudentCheck | None
    _small_talk: frozenset[int]

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
        probability = self.check.probability(checked)
        return replace(
            decision,
            confidence=100.0 * probability,
            accepted=self.check.answers(probability, checked, decision.accepted),
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
