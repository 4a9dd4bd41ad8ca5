"""A second look at each answer, learned from real students' questions to many packs, shipped as data.

A pack's acceptor (`faq.decision`) learns from its own held-out and noisy phrasings: short, and worded
as a teacher words them. Students' questions are longer, tell a story, describe instead of naming; on
those the pack's acceptor falls back more than it should. The check weighs what it decided (its
confidence and threshold) with what it cannot learn from phrasings: how long the question is, how much
of it the KB knows, how much only an answer knows, how far the ranker's best leads. Its weights and
threshold are fitted on the labelled questions of the packs the ranker prior learns from
(`faq.prior_fit.PRIOR_PACKS`), in `data/student_check.txt`; regenerate it with `make ranker-prior`
whenever the evidence changes. The threshold keeps the wrong and off-topic answers on those questions
to no more than the packs' own acceptors give, and answers more of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from faq.decision import ACCEPTOR_FEATURES, Decision, acceptor_features
from faq.evidence import FEATURES
from faq.index import Index
from faq.model import LinearModel
from faq.query import Query

CHECK_FILE = "student_check.txt"

BEST_EVIDENCE = ("phrasing", "explained", "covered", "small_talk", "specific", "named", "pairs")
"""The evidence (`faq.evidence.FEATURES`) of the best candidate the check weighs as it is: the rest the
acceptor's inputs already carry (its prior is the score, other_entity the inverse of own_entity ...)."""
_BEST_EVIDENCE = tuple(FEATURES.index(name) for name in BEST_EVIDENCE)

CHECK_FEATURES = (
    *ACCEPTOR_FEATURES,  # as the pack's acceptor saw them
    "pack_confidence",  # the pack's acceptor: its probability (0-1) that answering is right
    "pack_threshold",  # and its learned threshold (0-1)
    "terms",  # how many terms the question has after analysis
    "weight",  # their total weight
    "unknown_weight",  # of it, the terms no phrasing and no answer of the KB uses
    "answer_weight",  # of it, the terms only an answer uses
    "rank_gap",  # the ranker's score of the best minus the runner-up's (at most MAX_RANK_GAP)
    "candidates",  # how many intents share a term with the question
    "words",  # how many words the question was written with
    *(f"best_{name}" for name in BEST_EVIDENCE),  # the best candidate's evidence the acceptor does not weigh
    *(f"over_{name}" for name in FEATURES),  # how much more of each evidence the best has than the runner-up
)

_AGAINST = frozenset({"other_entity", "unknown_fact", "small_talk"})
SURER = frozenset(
    {
        *ACCEPTOR_FEATURES,
        "pack_confidence",
        "rank_gap",
        *(f"best_{name}" for name in BEST_EVIDENCE if name not in _AGAINST),
        *(f"over_{name}" for name in FEATURES if name not in _AGAINST),
    }
)
"""The features that, growing, can only make an answer surer: fitted, they weigh nothing or more. (Fitted
freely, naming no other entity came out a sign against a right answer.) The others (how long the
question is, how much of it is unknown) may weigh either way."""

_KNOWN_FACT = CHECK_FEATURES.index("known_fact")
_OWN_ENTITY = CHECK_FEATURES.index("own_entity")

_NO_EVIDENCE = (0.0,) * len(FEATURES)  # the runner-up's evidence when there is none

MAX_RANK_GAP = 10.0
"""A lone candidate's rank gap, and the largest one counted (the odds are certain well before it)."""


@dataclass(frozen=True)
class StudentCheck:
    """The fitted check: answer when its probability reaches `threshold`."""

    model: LinearModel
    threshold: float

    def probability(self, inputs: Sequence[float]) -> float:
        return self.model.probability(inputs)

    def answers(self, probability: float, inputs: Sequence[float], pack_answered: bool) -> bool:
        """Whether to answer, given the check's `probability` for `inputs`: it reaches the threshold, and
        the question is one the pack's acceptor answered or one that asks no fact the intent's phrasings
        never ask and names nothing else ("berapa negara anggota WTO" to a pack that never says: the
        answer would not say it)."""
        return probability >= self.threshold and (pack_answered or clean(inputs))


def clean(inputs: Sequence[float]) -> bool:
    """The question asks no fact its best intent never states and names no other entity."""
    return inputs[_KNOWN_FACT] >= 1.0 and inputs[_OWN_ENTITY] >= 1.0


def check_inputs(decision: Decision, query: Query, index: Index, threshold: float, words: int) -> tuple[float, ...]:
    """The CHECK_FEATURES of a decision of the pack's learned model on `query` (`words` long as written)."""
    ranked = decision.ranked
    weight_by_source = {"phrasings": 0.0, "answers": 0.0, "unknown": 0.0}
    for term, weight in query.weights.items():
        weight_by_source[index.known_in(term)] += weight
    gap = ranked[0].rank_score - ranked[1].rank_score if len(ranked) > 1 else MAX_RANK_GAP
    best = ranked[0].candidate.features
    runner_up = ranked[1].candidate.features if len(ranked) > 1 else _NO_EVIDENCE
    return (
        *acceptor_features(ranked),
        decision.confidence / 100.0,
        threshold,
        float(len(query.weights)),
        sum(query.weights.values()),
        weight_by_source["unknown"],
        weight_by_source["answers"],
        min(gap, MAX_RANK_GAP),
        float(len(ranked)),
        float(words),
        *(best[number] for number in _BEST_EVIDENCE),
        *(b - r for b, r in zip(best, runner_up, strict=True)),
    )


@cache
def student_check() -> StudentCheck | None:
    """The shipped check; None when it was fitted on other features (the packs' acceptors decide alone)."""
    return parse_check(resources.files("faq").joinpath("data", CHECK_FILE).read_text(encoding="utf-8"))


def parse_check(text: str) -> StudentCheck | None:
    """`name<TAB>weight<TAB>mean<TAB>scale` lines, a `bias` and a `threshold` line (and # comments)."""
    rows: dict[str, list[float]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, *values = line.split("\t")
            rows[name.strip()] = [float(v) for v in values]
    if set(rows) != {*CHECK_FEATURES, "bias", "threshold"}:
        return None
    model = LinearModel(
        weights=tuple(rows[name][0] for name in CHECK_FEATURES),
        bias=rows["bias"][0],
        means=tuple(rows[name][1] for name in CHECK_FEATURES),
        scales=tuple(rows[name][2] for name in CHECK_FEATURES),
    )
    return StudentCheck(model, rows["threshold"][0])


def format_check(check: StudentCheck, packs: Sequence[str]) -> str:
    """The check file's text: what it was fitted on, then its weights, bias and threshold."""
    model = check.model
    lines = [
        "# The students' check (faq.student_check): feature<TAB>weight<TAB>mean<TAB>scale, fitted on the",
        "# labelled students' questions of the packs below. Regenerate with `make ranker-prior`.",
        *(f"# pack: {name}" for name in packs),
        *(
            f"{name}\t{w:.6f}\t{m:.6f}\t{s:.6f}"
            for name, w, m, s in zip(CHECK_FEATURES, model.weights, model.means, model.scales, strict=True)
        ),
        f"bias\t{model.bias:.6f}",
        f"threshold\t{check.threshold:.4f}",
    ]
    return "\n".join(lines) + "\n"


def choose_threshold(probabilities: Sequence[float], rights: Sequence[bool], accepted: Sequence[bool]) -> float:
    """The threshold answering the most right questions with no more wrong or off-topic answers than
    `accepted` (the packs' own decisions) gives; `rights[i]`: the best candidate of question i is right."""
    allowed = sum(1 for a, r in zip(accepted, rights, strict=True) if a and not r)
    by_probability: dict[float, list[int]] = {}
    for p, r in zip(probabilities, rights, strict=True):
        by_probability.setdefault(p, [0, 0])[r] += 1
    best, best_right = 1.0, -1
    wrong = right = 0
    # Lowering the threshold to each probability in turn accepts the questions that have it.
    for p in sorted(by_probability, reverse=True):
        wrong, right = wrong + by_probability[p][0], right + by_probability[p][1]
        if wrong > allowed:
            break
        if right > best_right:
            best, best_right = p, right
    return best
