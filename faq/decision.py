"""Which candidate answers a question, and whether to answer at all: two small models learned per KB.

The ranker weighs each candidate's evidence (`faq.evidence`) with weights learned from pairs (the
right intent against each other candidate of the KB's own held-out questions). The acceptor looks
at the best one's phrasing score, its lead over the others and some of its evidence, and gives the
probability that answering is right (its weights can only raise it as the evidence grows). Its
threshold was chosen at build time (`faq.training`) so that on the KB's own held-out, noisy and
off-topic questions few answers are wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from faq.evidence import FEATURES, Candidate
from faq.model import LinearModel, sigmoid

ACCEPTOR_FEATURES = (
    "score",  # the best candidate's phrasing score (0-1), see `faq.evidence.Candidate.prior`
    "lead",  # its lead over the next best phrasing score (-1..1)
    "known_fact",  # 1 unless the question asks a fact (kapan, berapa ...) its phrasings never ask
    "own_entity",  # 1 unless the question names another entity, or a name the KB does not know
    "typical",  # how typical of the best intent the question's words are (0-1, see faq.evidence)
    "answer",  # the share of the question in one sentence of the best intent's answer (0-1)
    "rank_lead",  # the ranker's odds (0-1) that the best beats the runner-up
)


@dataclass(frozen=True)
class Ranked:
    """A candidate with its rank score (higher is better) and the score (0-100) shown for it."""

    candidate: Candidate
    rank_score: float

    @property
    def position(self) -> int:
        return self.candidate.position

    @property
    def score(self) -> float:
        return self.candidate.prior


@dataclass(frozen=True)
class Decision:
    """The ranked candidates of one question and whether the best one is answered."""

    ranked: tuple[Ranked, ...]
    confidence: float  # how sure (0-100) the engine is that answering with the best is right
    accepted: bool
    terms: tuple[str, ...] = ()  # the question's terms the candidates were found for
    background: frozenset[str] = frozenset()  # of them, those weighed as a qualifier's
    fact_scope: tuple[str, ...] = ()  # of them, those of the clauses asking a fact (`faq.analyzer.Analysis`)
    route: str = "question"  # which way decided: see `faq.engine.Engine.decide`
    checked: tuple[float, ...] = ()  # what the students' check weighs (`faq.student_check`); () if not asked

    @property
    def best(self) -> Ranked | None:
        return self.ranked[0] if self.ranked else None


@dataclass(frozen=True)
class TrainingSummary:
    """What the model was learned from, and how the chosen threshold did on it (rates 0-1)."""

    in_scope: int  # training questions that should get their intent
    off_topic: int  # training questions that must fall back
    answered_right: float  # share of the in-scope ones answered with their intent
    answered_wrong: float  # share of the in-scope ones answered with another intent
    off_topic_answered: float  # share of the off-topic ones answered


@dataclass(frozen=True)
class DecisionModel:
    """The learned ranker and acceptor of one KB, and the acceptor's threshold (0-1)."""

    ranker: LinearModel
    acceptor: LinearModel
    threshold: float
    summary: TrainingSummary | None = None

    def rank(self, candidates: Sequence[Candidate]) -> tuple[Ranked, ...]:
        ranked = (Ranked(c, self.ranker.logit(c.features)) for c in candidates)
        return tuple(sorted(ranked, key=lambda r: (-r.rank_score, r.position)))

    def decide(self, candidates: Sequence[Candidate]) -> Decision:
        ranked = self.rank(candidates)
        if not ranked:
            return Decision((), 0.0, False)
        exact = sole_exact(ranked)
        if exact is not None:
            ranked = (exact, *(r for r in ranked if r is not exact))
        probability = self.acceptor.probability(acceptor_features(ranked))
        if exact is not None:
            # The teacher wrote this very question for it: the acceptor, which learned from held-out
            # phrasings, never saw such a match ("Selamat siang, Kak." had fallen back).
            probability = max(probability, self.threshold)
        return Decision(ranked, 100.0 * probability, probability >= self.threshold)


EXACT_SCORE = 99.99
"""A phrasing score (0-100) this high: the question says one of the intent's phrasings and nothing else."""


def sole_exact(ranked: tuple[Ranked, ...]) -> Ranked | None:
    # A question that is one of an intent's phrasings word for word (once analysed), and no other's,
    # is that intent's: it comes first. The ranker learned from held-out phrasings, which never match
    # so: left to itself it once put "majas" second for "apa yang dimaksud dengan majas?".
    exact = [r for r in ranked if r.score >= EXACT_SCORE and r.candidate.features[_PHRASING] >= EXACT_SCORE / 100.0]
    return exact[0] if len(exact) == 1 else None


_PHRASING = FEATURES.index("phrasing")  # not the answer's score, which a described name may take
_FACT = FEATURES.index("unknown_fact")
_OTHER_ENTITY = FEATURES.index("other_entity")
_TYPICAL = FEATURES.index("typical")
_ANSWER = FEATURES.index("answer")


def by_answer_alone(decision: Decision) -> bool:
    """Whether the best candidate has nothing but its answer's words: no phrasing shares one."""
    best = decision.best
    return best is not None and best.candidate.features[_PHRASING] <= 0.0


def letter_alone(terms: Sequence[str], decision: Decision) -> bool:
    """Whether the question is one letter and no phrasing is just that letter: "p" pings in chat; in a
    pack on lenses it is also a symbol ("P = 1/f"), which asks nothing without its formula."""
    best = decision.best
    lone = len(terms) == 1 and len(terms[0]) == 1 and terms[0].isalpha()
    return lone and best is not None and best.score < EXACT_SCORE


def acceptor_features(ranked: Sequence[Ranked]) -> tuple[float, ...]:
    """What the acceptor weighs (ACCEPTOR_FEATURES), each oriented so that more means surer."""
    best = ranked[0].candidate
    runner_up = max((r.candidate.prior for r in ranked[1:]), default=0.0)
    evidence = best.features
    return (
        best.prior / 100.0,
        (best.prior - runner_up) / 100.0,
        1.0 - evidence[_FACT],
        1.0 - evidence[_OTHER_ENTITY],
        evidence[_TYPICAL],
        evidence[_ANSWER],
        sigmoid(ranked[0].rank_score - ranked[1].rank_score) if len(ranked) > 1 else 1.0,
    )


ACCEPT_SCORE = 45.0
"""`decide_by_rule`: lowest phrasing score (0-100) at which the best intent is answered."""

MIN_MARGIN = 8.0
"""`decide_by_rule`: points (0-100) the best intent must lead the runner-up by."""

DOMINANT_SCORE = 35.0
DOMINANT_RATIO = 2.5
"""`decide_by_rule`: a best intent scoring at least DOMINANT_SCORE and DOMINANT_RATIO times the
runner-up is answered too, unless it is asked a fact its phrasings never ask."""


def decide_by_rule(candidates: Sequence[Candidate]) -> Decision:
    """A fixed rule on the phrasing score, for what no model was learned for: a pack too small
    to learn from, and the small index of chat phrasings ("kamu bisa apa?")."""
    ranked = tuple(sorted((Ranked(c, c.prior) for c in candidates), key=lambda r: (-r.rank_score, r.position)))
    if not ranked:
        return Decision((), 0.0, False)
    best = ranked[0].score
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    clear_leader = best >= DOMINANT_SCORE and best >= DOMINANT_RATIO * runner_up
    accepted = (clear_leader and not ranked[0].candidate.features[_FACT]) or (
        best >= ACCEPT_SCORE and best - runner_up >= MIN_MARGIN
    )
    return Decision(ranked, best, accepted)
