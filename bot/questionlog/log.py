"""The question log: what students asked and how they rated the answers, in one SQLite file.

Data for the FAQ's author, apart from the application's logs. A user is kept only as a salted
HMAC-SHA256 of their id. Writing never stops the bot: a locked database or a full disk costs the
log entry (a warning without user text), never an answer.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from bot.questionlog.chats import ChatChoices
from bot.questionlog.database import QuestionLogSettings, open_database, open_in_memory, pseudonym
from bot.questionlog.quiz import QuizStore
from bot.questionlog.store import QuestionLogError, transaction
from faq import Answer

logger = logging.getLogger(__name__)

PRUNE_INTERVAL_SECONDS = 3600
"""How often (seconds) `record()` also deletes entries older than the retention period."""

MAX_STORED_CHARS = 1000
"""Characters of a question that are kept."""

STATS_TOP_INTENTS = 5
"""Topics listed by `stats()`."""

UP, DOWN = 1, -1


@dataclass(frozen=True)
class Stats:
    """A short summary for /statistik."""

    questions: int
    answered: int
    users: int
    thumbs_up: int
    thumbs_down: int
    top_intents: tuple[tuple[str, int], ...]  # (intent id, times answered), most first
    since: datetime | None = None

    @property
    def answer_rate(self) -> float | None:
        """Answered questions in percent, None when nothing was asked."""
        return 100.0 * self.answered / self.questions if self.questions else None


class QuestionLog:
    """The log on one SQLite file; build it with `open()` (the bot uses `open_question_log()`)."""

    enabled = True

    def __init__(
        self,
        connection: sqlite3.Connection,
        salt: bytes,
        *,
        retention_days: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = connection
        self._salt = salt
        self._retention_seconds = retention_days * 86400
        self._clock = clock
        self._last_prune = float("-inf")

    @classmethod
    def open(cls, settings: QuestionLogSettings, *, clock: Callable[[], float] = time.time) -> QuestionLog:
        """Open (creating and migrating) the database and prune old entries; QuestionLogError if unusable."""
        connection, salt = open_database(settings)
        log = cls(connection, salt, retention_days=settings.retention_days, clock=clock)
        log.prune()
        return log

    def user_hash(self, user_id: int | str) -> str:
        return pseudonym(self._salt, user_id)

    def record(self, question: str, answer: Answer, *, user_id: int | str, chat_type: str) -> int | None:
        """Log one answered (or not answered) question; its row id (the feedback key), or None on failure."""
        suggestions = json.dumps([[s.id, s.score] for s in answer.suggestions])
        row = (
            int(self._clock()),
            chat_type,
            self.user_hash(user_id),
            question[:MAX_STORED_CHARS],
            answer.intent,
            float(answer.score),
            suggestions,
        )
        try:
            cursor = self._db.execute(
                "INSERT INTO questions (asked_at, chat_type, user_hash, question, intent, score, suggestions)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        except sqlite3.Error as error:
            logger.warning("question log: could not record a question: %s", error)
            return None
        if self._clock() - self._last_prune >= PRUNE_INTERVAL_SECONDS:
            self.prune()
        return cursor.lastrowid

    def feedback(self, question_id: int, vote: int, *, user_id: int | str) -> bool | None:
        """Record 👍 (UP) or 👎 (DOWN) for a logged answer, once per user and answer.

        A second press with the other vote replaces the first (a mis-tap can be corrected); the same
        vote again changes nothing. True when stored or changed, False when nothing changed or the
        answer is no longer in the log, None on a database failure.
        """
        if vote not in (UP, DOWN):
            raise ValueError(f"vote must be {UP} or {DOWN}, not {vote!r}")
        try:
            cursor = self._db.execute(
                "INSERT INTO feedback (question_id, user_hash, vote, voted_at)"
                " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)"
                " ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote,"
                " voted_at = excluded.voted_at WHERE vote != excluded.vote",
                (question_id, self.user_hash(user_id), vote, int(self._clock()), question_id),
            )
        except sqlite3.Error as error:
            logger.warning("question log: could not record feedback: %s", error)
            return None
        return cursor.rowcount > 0

    def delete_user(self, user_id: int | str) -> int | None:
        """Delete every question and vote of one user (/hapusdata); how many rows went, None on failure."""
        user = self.user_hash(user_id)
        try:
            with transaction(self._db):
                votes = self._db.execute("DELETE FROM feedback WHERE user_hash = ?", (user,)).rowcount
                asked = self._db.execute("DELETE FROM questions WHERE user_hash = ?", (user,)).rowcount
        except sqlite3.Error as error:
            logger.warning("question log: could not delete a user's data: %s", error)
            return None
        try:  # secure_delete zeroed the freed pages; a checkpoint also rewrites the old ones in the file
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            logger.warning("question log: checkpoint after a deletion failed: %s", error)
        return votes + asked

    def prune(self) -> int | None:
        """Delete entries older than the retention period; how many questions went, None on failure."""
        self._last_prune = self._clock()
        cutoff = int(self._clock()) - self._retention_seconds
        try:
            deleted = self._db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
        except sqlite3.Error as error:
            logger.warning("question log: could not delete old entries: %s", error)
            return None
        if deleted:
            logger.info("question log: deleted %d questions older than the retention period", deleted)
        return deleted

    def stats(self, *, since: datetime | None = None, exclude: Collection[str] = ()) -> Stats | None:
        """Counts for /statistik (from `since` on, when given); None on a database failure.

        `exclude` names intents left out of the top topics (small talk, say).
        """
        start = int(since.timestamp()) if since else 0
        exclude = tuple(exclude)
        others = ", ".join("?" * len(exclude))
        try:
            questions, answered, users = self._db.execute(
                "SELECT count(*), count(intent), count(DISTINCT user_hash) FROM questions WHERE asked_at >= ?", (start,)
            ).fetchone()
            up, down = self._db.execute(
                "SELECT coalesce(sum(vote = 1), 0), coalesce(sum(vote = -1), 0) FROM feedback"
                " JOIN questions ON questions.id = feedback.question_id WHERE asked_at >= ?",
                (start,),
            ).fetchone()
            top = self._db.execute(
                "SELECT intent, count(*) AS n FROM questions WHERE intent IS NOT NULL AND asked_at >= ?"
                f" AND intent NOT IN ({others}) GROUP BY intent ORDER BY n DESC, intent LIMIT ?",
                (start, *exclude, STATS_TOP_INTENTS),
            ).fetchall()
        except sqlite3.Error as error:
            logger.warning("question log: could not read statistics: %s", error)
            return None
        return Stats(questions, answered, users, up, down, tuple(top), since)

    def close(self) -> None:
        self._db.close()


class NullQuestionLog:
    """The log when TANYABOT_LOG_QUESTIONS=0 (or the database cannot be opened): keeps nothing."""

    enabled = False

    def record(self, question: str, answer: Answer, *, user_id: int | str, chat_type: str) -> None:
        return None

    def feedback(self, question_id: int, vote: int, *, user_id: int | str) -> None:
        return None

    def delete_user(self, user_id: int | str) -> int:
        return 0  # nothing was kept

    def prune(self) -> int:
        return 0

    def stats(self, *, since: datetime | None = None, exclude: Collection[str] = ()) -> None:
        return None

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Stores:
    """Everything the bot keeps in the database file: questions, quizzes and chats' choices."""

    log: QuestionLog | NullQuestionLog
    quiz: QuizStore
    chats: ChatChoices

    def close(self) -> None:
        self.log.close()
        self.quiz.close()


def open_stores(settings: QuestionLogSettings, *, clock: Callable[[], float] = time.time) -> Stores:
    """The bot's question log, quiz store and chat choices, on one database file.

    With the log off (TANYABOT_LOG_QUESTIONS=0), or the file unusable (with a warning), nothing is
    written to disk: no question log, and quizzes and choices kept in memory until the bot stops.
    """
    if settings.enabled:
        try:
            connection, salt = open_database(settings)
        except QuestionLogError as error:
            logger.warning("question log is off: %s", error)
        else:
            log = QuestionLog(connection, salt, retention_days=settings.retention_days, clock=clock)
            log.prune()
            quiz = QuizStore(connection, salt, retention_days=settings.retention_days, clock=clock)
            quiz.prune()
            return Stores(log, quiz, ChatChoices(connection, clock=clock))
    connection, salt = open_in_memory()
    quiz = QuizStore(connection, salt, retention_days=settings.retention_days, persistent=False)
    return Stores(NullQuestionLog(), quiz, ChatChoices(connection))


def open_question_log(settings: QuestionLogSettings) -> QuestionLog | NullQuestionLog:
    """The bot's log: a NullQuestionLog when logging is off or the file is unusable (with a warning)."""
    if not settings.enabled:
        return NullQuestionLog()
    try:
        return QuestionLog.open(settings)
    except QuestionLogError as error:
        logger.warning("question log is off: %s", error)
        return NullQuestionLog()
