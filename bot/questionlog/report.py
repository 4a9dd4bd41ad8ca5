"""What the question log tells the FAQ's author: pure functions over logged questions and an `Engine`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process

import nlp
from bot.questionlog.store import LoggedQuestion
from faq import Engine, KnowledgeBase
from faq.analyzer import Analyzer
from faq.names import NAME_PREFIX

CLUSTER_SIMILARITY = 80.0
"""rapidfuzz token_set_ratio (0-100) between two questions' content terms at which they are one cluster.

Content terms are the analyzer's terms without question words ("apa itu NATO" and "NATO apaan" both
give "nato"). token_set_ratio scores a subset as 100, so "kapan NATO berdiri" joins "apa itu NATO";
"@wto diri thn" and "@asean diri thn" (about 75) stay apart.
"""

LOW_CONFIDENCE_SCORE = 60.0
"""Answered questions scoring (0-100) below this are listed as low-confidence (the engine accepts from 45)."""

MAX_EXAMPLES = 3
MAX_LISTED = 10
"""Rows per report section (topics, low-confidence answers, 👎 answers)."""


@dataclass(frozen=True)
class Cluster:
    """Unanswered questions that look alike; `phrasings` are distinct texts with counts, most asked first."""

    id: int
    terms: str
    phrasings: tuple[tuple[str, int], ...]

    @property
    def count(self) -> int:
        return _count(self.phrasings)

    @property
    def examples(self) -> tuple[str, ...]:
        return tuple(text for text, _ in self.phrasings[:MAX_EXAMPLES])


@dataclass(frozen=True)
class TopicCount:
    intent: str
    title: str
    count: int


@dataclass(frozen=True)
class LowConfidence:
    question: str
    intent: str
    score: float
    count: int


@dataclass(frozen=True)
class Disliked:
    intent: str
    title: str
    down: int
    up: int


@dataclass(frozen=True)
class Day:
    day: date
    answered: int
    unanswered: int


@dataclass(frozen=True)
class Report:
    """Everything `tanyabot report` shows."""

    questions: int
    answered: int
    users: int
    since: date | None
    topics: tuple[TopicCount, ...]
    clusters: tuple[Cluster, ...]
    low_confidence: tuple[LowConfidence, ...]
    disliked: tuple[Disliked, ...]
    days: tuple[Day, ...] = field(default=())

    @property
    def answer_rate(self) -> float | None:
        """Answered questions in percent, None for an empty log."""
        return 100.0 * self.answered / self.questions if self.questions else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `tanyabot report --json`."""
        rate = self.answer_rate
        return {
            "since": self.since.isoformat() if self.since else None,
            "questions": self.questions,
            "answered": self.answered,
            "unanswered": self.questions - self.answered,
            "answer_rate": None if rate is None else round(rate, 1),
            "users": self.users,
            "top_topics": [{"intent": t.intent, "title": t.title, "count": t.count} for t in self.topics],
            "unanswered_clusters": [
                {"id": c.id, "count": c.count, "terms": c.terms, "examples": list(c.examples)} for c in self.clusters
            ],
            "low_confidence": [
                {"question": q.question, "intent": q.intent, "score": round(q.score, 1), "count": q.count}
                for q in self.low_confidence
            ],
            "most_disliked": [
                {"intent": d.intent, "title": d.title, "down": d.down, "up": d.up} for d in self.disliked
            ],
            "per_day": [
                {"day": d.day.isoformat(), "answered": d.answered, "unanswered": d.unanswered} for d in self.days
            ],
        }


def build_report(questions: Sequence[LoggedQuestion], engine: Engine, *, since: date | None = None) -> Report:
    """The whole report over `questions` (already filtered by `since`, which is only shown)."""
    answered = sum(q.answered for q in questions)
    return Report(
        questions=len(questions),
        answered=answered,
        users=len({q.user_hash for q in questions}),
        since=since,
        topics=tuple(top_topics(questions, engine.kb)),
        clusters=tuple(cluster_unanswered(questions, engine.analyzer)),
        low_confidence=tuple(low_confidence(questions)),
        disliked=tuple(most_disliked(questions, engine.kb)),
        days=tuple(per_day(questions)),
    )


def top_topics(questions: Sequence[LoggedQuestion], kb: KnowledgeBase, *, limit: int = MAX_LISTED) -> list[TopicCount]:
    """The intents answered most often, small talk left out."""
    counts = Counter(
        q.intent for q in questions if q.intent is not None and q.answered and not _small_talk(kb, q.intent)
    )
    return [TopicCount(i, _title(kb, i), n) for i, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][
        :limit
    ]


def content_terms(analyzer: Analyzer, question: str) -> str:
    """A question's terms without question words, space-separated, each once, in order."""
    terms = [t.removeprefix(NAME_PREFIX) for t in analyzer.analyze(question).terms]  # "#nato" reads "nato"
    content = [t for t in terms if t not in nlp.QUESTION_WORDS] or terms
    return " ".join(dict.fromkeys(content))


def cluster_unanswered(
    questions: Sequence[LoggedQuestion], analyzer: Analyzer, *, threshold: float = CLUSTER_SIMILARITY
) -> list[Cluster]:
    """Unanswered questions grouped by similar content terms, the biggest cluster first.

    Questions with the same terms form a group; groups are taken biggest first and each joins the
    cluster whose leading terms match it best at `threshold` or better, else leads a new one.
    """
    groups: dict[str, Counter] = defaultdict(Counter)
    first_seen: dict[str, int] = {}
    keys: dict[str, str] = {}  # a question asked again is analysed once
    for q in questions:
        if not q.answered:
            text = q.question.strip()
            if text not in keys:
                keys[text] = content_terms(analyzer, text)
            key = keys[text]
            groups[key][text] += 1
            first_seen.setdefault(key, q.id)
    order = sorted(groups, key=lambda key: (-groups[key].total(), first_seen[key]))
    leaders: list[str] = []  # the leading terms of each cluster (none for questions without words)
    members: dict[str, list[Counter]] = {}
    for key in order:
        match = process.extractOne(key, leaders, scorer=fuzz.token_set_ratio, score_cutoff=threshold) if key else None
        leader = match[0] if match else key
        if leader not in members:
            members[leader] = []
            if leader:
                leaders.append(leader)
        members[leader].append(groups[key])
    clusters = sorted(((leader, _phrasings(c)) for leader, c in members.items()), key=lambda item: -_count(item[1]))
    return [Cluster(number, leader, phrasings) for number, (leader, phrasings) in enumerate(clusters, start=1)]


def low_confidence(
    questions: Sequence[LoggedQuestion], *, below: float = LOW_CONFIDENCE_SCORE, limit: int = MAX_LISTED
) -> list[LowConfidence]:
    """Answered questions that scored below `below`, lowest first (each text and intent once, with a count)."""
    counts: Counter = Counter()
    scores: dict[tuple[str, str], float] = {}
    for q in questions:
        if q.intent is not None and q.answered and q.score < below:
            key = (q.question.strip(), q.intent)
            counts[key] += 1
            scores[key] = min(scores.get(key, q.score), q.score)
    rows = [LowConfidence(text, intent, scores[text, intent], n) for (text, intent), n in counts.items()]
    return sorted(rows, key=lambda r: (r.score, -r.count, r.question))[:limit]


def most_disliked(questions: Sequence[LoggedQuestion], kb: KnowledgeBase, *, limit: int = MAX_LISTED) -> list[Disliked]:
    """Intents whose answers got a 👎, the most 👎 first."""
    down: Counter = Counter()
    up: Counter = Counter()
    for q in questions:
        if q.answered:
            down[q.intent] += q.down
            up[q.intent] += q.up
    rows = [Disliked(i, _title(kb, i), n, up[i]) for i, n in down.items() if n > 0]
    return sorted(rows, key=lambda r: (-r.down, r.up, r.intent))[:limit]


def per_day(questions: Sequence[LoggedQuestion]) -> list[Day]:
    """Answered and unanswered questions per UTC day, from the first to the last day with questions."""
    if not questions:
        return []
    answered: Counter = Counter()
    unanswered: Counter = Counter()
    for q in questions:
        (answered if q.answered else unanswered)[q.asked_at.date()] += 1
    first = min(q.asked_at for q in questions).date()
    last = max(q.asked_at for q in questions).date()
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [Day(d, answered[d], unanswered[d]) for d in days]


def _phrasings(counters: list[Counter]) -> tuple[tuple[str, int], ...]:
    # "apa itu NATO" and "Apa itu nato" are one phrasing, shown as first written.
    merged: Counter = Counter()
    shown: dict[str, str] = {}
    for counter in counters:
        for text, n in counter.items():
            merged[text.casefold()] += n
            shown.setdefault(text.casefold(), text)
    return tuple((shown[key], n) for key, n in sorted(merged.items(), key=lambda item: -item[1]))


def _count(phrasings: Sequence[tuple[str, int]]) -> int:
    return sum(n for _, n in phrasings)


def _title(kb: KnowledgeBase, intent_id: str | None) -> str:
    intent = kb.get(intent_id) if intent_id is not None else None
    return intent.title if intent else ""


def _small_talk(kb: KnowledgeBase, intent_id: str | None) -> bool:
    intent = kb.get(intent_id) if intent_id is not None else None
    return intent is not None and intent.small_talk
