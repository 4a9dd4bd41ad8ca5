"""Why a question was answered or fell back: its terms, the best candidates with their evidence,
and the decision, for `tanyabot ask --explain` (a teacher checking their pack)."""

from __future__ import annotations

from dataclasses import dataclass

from faq.decision import ACCEPTOR_FEATURES, Decision, acceptor_features
from faq.engine import Engine
from faq.evidence import FEATURES
from faq.query import Query, rarity
from faq.student_check import CHECK_FEATURES

EXPLAINED_CANDIDATES = 5


@dataclass(frozen=True)
class TermInfo:
    term: str
    weight: float  # how much it says about which intent is meant
    known: str  # "phrasings", "answers" or "unknown" to the KB
    rarity: float  # 0 for an everyday word, 1 for a rare word or a name (unknown terms only matter)


@dataclass(frozen=True)
class CandidateInfo:
    id: str
    title: str
    rank_score: float
    phrasing_score: float  # 0-100
    evidence: dict[str, float]


@dataclass(frozen=True)
class Explanation:
    question: str
    terms: tuple[TermInfo, ...]
    candidates: tuple[CandidateInfo, ...]
    decision: Decision
    answered: str | None
    learned: bool  # the decision came from the KB's learned model, not the fixed rule
    threshold: float | None  # the acceptor's threshold (0-100) when learned
    acceptor_inputs: dict[str, float]
    # The students' check, when it decided (`faq.student_check`): what it weighed, its threshold (0-100).
    check_inputs: dict[str, float]
    check_threshold: float | None


def explain(engine: Engine, question: str, *, context: str | None = None) -> Explanation:
    """Everything `engine.answer(question, context=context)` decided on, for a person to read."""
    decision = engine.decide(question, context=context)
    index = engine.index
    query = Query.prepare(index, decision.terms, decision.background, decision.fact_scope)
    terms = tuple(
        TermInfo(
            term,
            round(weight, 2),
            index.known_in(term),
            round(rarity(term), 2),
        )
        for term, weight in query.weights.items()
    )
    candidates = tuple(
        CandidateInfo(
            engine.kb.intents[r.position].id,
            engine.kb.intents[r.position].title,
            round(r.rank_score, 2),
            round(r.candidate.prior, 1),
            {name: round(value, 2) for name, value in zip(FEATURES, r.candidate.features, strict=True)},
        )
        for r in decision.ranked[:EXPLAINED_CANDIDATES]
    )
    model = engine.model
    inputs = acceptor_features(decision.ranked) if decision.ranked else ()
    return Explanation(
        question=question,
        terms=terms,
        candidates=candidates,
        decision=decision,
        answered=engine.kb.intents[decision.ranked[0].position].id if decision.accepted and decision.ranked else None,
        learned=model is not None and decision.route != "chat phrasings",
        threshold=round(100.0 * model.threshold, 1) if model is not None else None,
        acceptor_inputs={name: round(v, 2) for name, v in zip(ACCEPTOR_FEATURES, inputs, strict=False)},
        check_inputs={name: round(v, 4) for name, v in zip(CHECK_FEATURES, decision.checked, strict=False)},
        check_threshold=round(100.0 * engine.check.threshold, 1) if engine.check and decision.checked else None,
    )
