"""What the engine returns for one question: a value, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Topic:
    """An intent as a student sees it: its id and its short title."""

    id: str
    title: str


@dataclass(frozen=True)
class Suggestion:
    """A topic the question might be about, with its score (0-100)."""

    id: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    """The engine's reply: the matched intent (None when falling back), its text and what to read next.

    `score` is 0-100. When `intent` is None, `text` is the fallback message, `related` is
    empty and `suggestions` lists the closest topics.
    """

    intent: str | None
    score: float
    text: str
    title: str = ""
    related: tuple[Topic, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    other_subject: str | None = None  # falling back: a subject left out of the chat's choice has the answer

    @property
    def is_fallback(self) -> bool:
        return self.intent is None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI contract."""
        return {
            "intent": self.intent,
            "score": round(float(self.score), 2),
            "answer": self.text,
            "related": [{"id": t.id, "title": t.title} for t in self.related],
            "suggestions": [
                {"id": s.id, "title": s.title, "score": round(float(s.score), 2)} for s in self.suggestions
            ],
        }
