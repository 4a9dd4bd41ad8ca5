"""A small question log with known content, written through the real engine and `QuestionLog`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.questionlog import DOWN, UP, QuestionLog, QuestionLogSettings
from faq import Engine

FIRST_DAY = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
HOUR = 3600

SEED: tuple[tuple[int, str, int], ...] = (
    # (hours after FIRST_DAY, question, user id)
    (0, "apa itu NATO", 1),
    (1, "apa itu PBB", 1),
    (2, "nato itu apa", 2),
    (3, "wto brdiri thn brp", 3),
    (4, "pbb itu ngapain aja", 4),
    (5, "halo", 5),
    # 2025-03-04 is quiet
    (48, "NATO apaan", 6),
    (49, "apa itu PBB", 7),
    (50, "thn brp wto berdri", 8),
    (51, "siapa presiden indonesia", 9),
    (52, "tujuan asean", 9),
    (53, "apa itu wto", 10),
    (54, "apa itu OKI", 11),
    (55, "kapan wto didirikn", 12),
)
"""14 questions from 12 users over 3 days: 7 answered (pbb 3, wto 2, asean 1, salam 1), 7 not."""

VOTES = (("pbb itu ngapain aja", 4, DOWN), ("pbb itu ngapain aja", 13, DOWN), ("apa itu wto", 10, UP))
"""(question, voting user, vote)."""


def seed_log(path: Path, engine: Engine) -> dict[str, int]:
    """Write SEED and VOTES to a new log at `path`; the row id of each question."""
    now = [FIRST_DAY.timestamp()]
    log = QuestionLog.open(QuestionLogSettings(path, salt="seed-salt-0123456789"), clock=lambda: now[0])
    ids = {}
    for hours, question, user in SEED:
        now[0] = FIRST_DAY.timestamp() + hours * HOUR
        ids[question] = log.record(question, engine.answer(question), user_id=user, chat_type="private")
    for question, user, vote in VOTES:
        log.feedback(ids[question], vote, user_id=user)
    log.close()
    return ids
