"""A small question log with known content, written through the real `QuestionLog`.

Each question's outcome is fixed here rather than asked of the engine, so the report tests keep
testing the report when the engine gets better at answering ("wto brdiri thn brp" already is).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.questionlog.database import QuestionLogSettings
from bot.questionlog.log import DOWN, UP, QuestionLog
from faq import Answer, Engine

FIRST_DAY = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
HOUR = 3600

SEED: tuple[tuple[int, str, int, str | None, float], ...] = (
    # (hours after FIRST_DAY, question, user id, intent answered or None, score)
    (0, "apa itu NATO", 1, None, 0.0),
    (1, "apa itu PBB", 1, "pbb", 100.0),
    (2, "nato itu apa", 2, None, 0.0),
    (3, "wto brdiri thn brp", 3, None, 38.0),
    (4, "pbb itu ngapain aja", 4, "pbb", 53.8),
    (5, "halo", 5, "salam", 100.0),
    # 2025-03-04 is quiet
    (48, "NATO apaan", 6, None, 0.0),
    (49, "apa itu PBB", 7, "pbb", 100.0),
    (50, "thn brp wto berdri", 8, None, 36.0),
    (51, "siapa presiden indonesia", 9, None, 17.3),
    (52, "tujuan asean", 9, "asean", 100.0),
    (53, "apa itu wto", 10, "wto", 100.0),
    (54, "apa itu OKI", 11, None, 0.0),
    (55, "kapan wto didirikn", 12, "wto", 100.0),
)
"""14 questions from 12 users over 3 days: 7 answered (pbb 3, wto 2, asean 1, salam 1), 7 not."""

VOTES = (("pbb itu ngapain aja", 4, DOWN), ("pbb itu ngapain aja", 13, DOWN), ("apa itu wto", 10, UP))
"""(question, voting user, vote)."""


def seed_log(path: Path, engine: Engine) -> dict[str, int]:
    """Write SEED and VOTES to a new log at `path`; the row id of each question."""
    now = [FIRST_DAY.timestamp()]
    log = QuestionLog.open(QuestionLogSettings(path, salt="seed-salt-0123456789"), clock=lambda: now[0])
    ids = {}
    for hours, question, user, intent, score in SEED:
        now[0] = FIRST_DAY.timestamp() + hours * HOUR
        ids[question] = log.record(
            question, _answer(engine, question, intent, score), user_id=user, chat_type="private"
        )
    for question, user, vote in VOTES:
        log.feedback(ids[question], vote, user_id=user)
    log.close()
    return ids


def _answer(engine: Engine, question: str, intent: str | None, score: float) -> Answer:
    if intent is not None:
        return replace(engine.topic(intent), score=score)
    return Answer(None, score, engine.kb.fallback, suggestions=tuple(engine.rank(question, limit=3)))
