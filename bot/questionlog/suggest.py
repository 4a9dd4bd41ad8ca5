"""`suggest`: for each cluster of unanswered questions, the intent to add them to, or a new one."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.questionlog.report import Cluster
from faq import Engine
from faq.schema import INTENT_ID

INTENT_FLOOR = 25.0
"""Mean rank score (0-100) over a cluster's questions that `suggest` needs to name an intent; below it,
the cluster is a new topic ("siapa presiden indonesia" ranks `indonesia` at 17: not that topic)."""

MAX_PHRASINGS = 10
"""Phrasings per cluster proposed by `suggest`."""

NEW_INTENT_ID = "topik_baru"


@dataclass(frozen=True)
class Proposal:
    """What `suggest` proposes for one cluster: add its phrasings to `intent`, or (`new_id` set) a new intent.

    `intent` and `score` are the nearest intent and its mean score, also for a new topic (None, 0 when none).
    """

    cluster: Cluster
    intent: str | None
    score: float
    phrasings: tuple[str, ...]
    new_id: str | None = None

    @property
    def new_topic(self) -> bool:
        return self.new_id is not None


def suggest(clusters: Sequence[Cluster], engine: Engine, *, floor: float = INTENT_FLOOR) -> list[Proposal]:
    """For each cluster, the intent its questions rank highest on average, or a new intent when below `floor`."""
    taken = {i.id for i in engine.kb.intents}
    proposals = []
    for cluster in clusters:
        totals: defaultdict[str, float] = defaultdict(float)
        for text, n in cluster.phrasings:
            for s in engine.rank(text):
                totals[s.id] += s.score * n
        best = min(totals.items(), key=lambda item: (-item[1], item[0]), default=None)
        score = best[1] / cluster.count if best else 0.0
        texts = [text for text, _ in cluster.phrasings]
        intent = engine.kb.get(best[0]) if best is not None else None
        if best is not None and intent is not None and score >= floor:
            known = {q.casefold() for q in intent.questions}
            fresh = tuple(t for t in texts if t.casefold() not in known)[:MAX_PHRASINGS]
            proposals.append(Proposal(cluster, best[0], round(score, 2), fresh))
        else:
            new_id = _new_id(cluster.terms, taken)
            taken.add(new_id)
            nearest = best[0] if best else None
            proposals.append(Proposal(cluster, nearest, round(score, 2), tuple(texts[:MAX_PHRASINGS]), new_id))
    return proposals


def _new_id(terms: str, taken: set[str]) -> str:
    words = [re.sub(r"[^a-z0-9_]", "", t) for t in terms.split()]
    base = "_".join(w for w in words[:3] if w)[:36] or NEW_INTENT_ID
    candidate, n = base, 2
    while candidate in taken or not INTENT_ID.fullmatch(candidate):
        candidate, n = f"{base}_{n}", n + 1
    return candidate
