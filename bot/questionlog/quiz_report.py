"""The quiz part of `tanyabot report`: how students answer, per topic, and the items they miss most
(an item most students get wrong is a sign that its FAQ answer is unclear)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.questionlog.store import QuizAnswer
from faq import KnowledgeBase

MOST_MISSED = 10
CSV_HEADER = ("item", "intent", "question", "answers", "right", "right_percent")


@dataclass(frozen=True)
class ItemStat:
    item_id: str
    intent: str
    question: str  # the item's question, or its id when the pack no longer has it
    answers: int
    right: int

    @property
    def wrong(self) -> int:
        return self.answers - self.right


@dataclass(frozen=True)
class TopicStat:
    intent: str
    title: str
    answers: int
    right: int


@dataclass(frozen=True)
class QuizReport:
    answers: int
    right: int
    students: int
    topics: tuple[TopicStat, ...]  # most answered first
    items: tuple[ItemStat, ...]  # most missed first

    @property
    def most_missed(self) -> tuple[ItemStat, ...]:
        return tuple(i for i in self.items if i.wrong)[:MOST_MISSED]

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "right": self.right,
            "right_percent": _percent(self.right, self.answers),
            "students": self.students,
            "per_topic": [
                {
                    "intent": t.intent,
                    "title": t.title,
                    "answers": t.answers,
                    "right_percent": _percent(t.right, t.answers),
                }
                for t in self.topics
            ],
            "most_missed": [
                {"item": i.item_id, "intent": i.intent, "question": i.question, "answers": i.answers, "wrong": i.wrong}
                for i in self.most_missed
            ],
        }


def build_quiz_report(answers: Sequence[QuizAnswer], kb: KnowledgeBase) -> QuizReport:
    per_item: dict[str, list[int]] = {}
    for answer in answers:
        counts = per_item.setdefault(answer.item_id, [0, 0])
        counts[0] += 1
        counts[1] += answer.right
    items = []
    for item_id, (total, right) in per_item.items():
        item = kb.quiz_item(item_id)
        items.append(ItemStat(item_id, item_id.partition(":")[0], item.question if item else item_id, total, right))
    per_topic: dict[str, list[int]] = {}
    for stat in items:
        counts = per_topic.setdefault(stat.intent, [0, 0])
        counts[0] += stat.answers
        counts[1] += stat.right
    topics = [TopicStat(intent, _title(kb, intent), total, right) for intent, (total, right) in per_topic.items()]
    return QuizReport(
        answers=len(answers),
        right=sum(a.right for a in answers),
        students=len({a.user_hash for a in answers}),
        topics=tuple(sorted(topics, key=lambda t: (-t.answers, t.intent))),
        items=tuple(sorted(items, key=lambda i: (-i.wrong, -i.answers, i.item_id))),
    )


def render_quiz_section(report: QuizReport) -> list[str]:
    """The quiz lines of the human-readable report."""
    if not report.answers:
        return ["quizzes: no answers"]
    lines = [
        (
            f"quizzes: {report.answers} answers from {report.students} students, "
            f"{_percent(report.right, report.answers):.1f} % right"
        ),
        "",
        "quiz answers per topic (answers, % right):",
    ]
    lines += [f"{t.answers:7d}  {_percent(t.right, t.answers):5.1f}  {t.intent:28} {t.title}" for t in report.topics]
    if report.most_missed:
        lines += ["", "quiz items most often missed (wrong of answers) - is the FAQ answer clear?"]
        lines += [f"{i.wrong:4d}/{i.answers:<4d} {i.intent:24} {i.question!r}" for i in report.most_missed]
    return lines


def render_quiz_csv(report: QuizReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in report.items:
        writer.writerow(
            (
                item.item_id,
                item.intent,
                item.question,
                item.answers,
                item.right,
                f"{_percent(item.right, item.answers):.1f}",
            )
        )
    return out.getvalue()


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _title(kb: KnowledgeBase, intent_id: str) -> str:
    intent = kb.get(intent_id)
    return intent.title if intent else ""
