"""The question log: what students asked and how they rated the answers, in one SQLite file.

Data for the FAQ's author, apart from the application's logs. A user is kept only as a salted
HMAC-SHA256 of their id. Writing never stops the bot: a locked database or a full disk costs the
log entry (a warning without user text), never an answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.config import ConfigError
from bot.questionlog.store import QuestionLogError, connect, migrate, transaction
from faq import Answer

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650
MIN_SALT_CHARS = 16
"""A shorter TANYABOT_SALT would let anyone holding the file guess user ids back from their hashes."""

PRUNE_INTERVAL_SECONDS = 3600
"""How often (seconds) `record()` also deletes entries older than the retention period."""

MAX_STORED_CHARS = 1000
"""Characters of a question that are kept."""

STATS_TOP_INTENTS = 5
"""Topics listed by `stats()`."""

UP, DOWN = 1, -1


@dataclass(frozen=True)
class QuestionLogSettings:
    """Where the log lives, how long entries are kept, and whether questions are logged at all."""

    path: Path
    enabled: bool = True
    retention_days: int = DEFAULT_RETENTION_DAYS
    salt: str | None = field(default=None, repr=False)  # None: generated once, kept beside the database

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> QuestionLogSettings:
        """Settings from TANYABOT_DB, TANYABOT_LOG_QUESTIONS, TANYABOT_RETENTION_DAYS and TANYABOT_SALT."""
        problems = []
        enabled = (env.get("TANYABOT_LOG_QUESTIONS") or "1").strip().lower()
        if enabled not in ("0", "1", "false", "true", "no", "yes", "off", "on"):
            problems.append("TANYABOT_LOG_QUESTIONS: expected 1 or 0 (on or off)")
        days = (env.get("TANYABOT_RETENTION_DAYS") or str(DEFAULT_RETENTION_DAYS)).strip()
        if not days.isdigit() or not 1 <= int(days) <= MAX_RETENTION_DAYS:
            problems.append(f"TANYABOT_RETENTION_DAYS: {days!r} is not a number of days from 1 to {MAX_RETENTION_DAYS}")
        salt = (env.get("TANYABOT_SALT") or "").strip() or None
        if salt is not None and len(salt) < MIN_SALT_CHARS:
            problems.append(f"TANYABOT_SALT: use at least {MIN_SALT_CHARS} random characters")
        if problems:
            raise ConfigError(problems)
        return cls(database_path(env), enabled not in ("0", "false", "no", "off"), int(days), salt)


def database_path(env: Mapping[str, str]) -> Path:
    """TANYABOT_DB, else questions.sqlite3 under $XDG_DATA_HOME/tanyabot (~/.local/share/tanyabot)."""
    if (env.get("TANYABOT_DB") or "").strip():
        return Path(env["TANYABOT_DB"].strip()).expanduser()
    data_home = (env.get("XDG_DATA_HOME") or "").strip() or Path.home() / ".local" / "share"
    return Path(data_home) / "tanyabot" / "questions.sqlite3"


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
        connection = None
        try:
            settings.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            salt = settings.salt.encode() if settings.salt else _salt_beside(settings.path)
            # students' questions: readable by the bot's user only (SQLite gives -wal and -shm the same mode)
            if not settings.path.exists():
                os.close(os.open(settings.path, os.O_WRONLY | os.O_CREAT, 0o600))
            connection = connect(settings.path, create=True)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: one fsync per checkpoint
            migrate(connection, settings.path)
        except (OSError, ValueError, sqlite3.Error, QuestionLogError) as error:
            if connection is not None:
                connection.close()
            if isinstance(error, QuestionLogError):
                raise
            raise QuestionLogError(f"{settings.path}: {error}") from error
        log = cls(connection, salt, retention_days=settings.retention_days, clock=clock)
        log.prune()
        return log

    def user_hash(self, user_id: int | str) -> str:
        """The pseudonym stored for a user: HMAC-SHA256 of the id under the salt, hex."""
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()

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


def open_question_log(settings: QuestionLogSettings) -> QuestionLog | NullQuestionLog:
    """The bot's log: a NullQuestionLog when logging is off or the file is unusable (with a warning)."""
    if not settings.enabled:
        return NullQuestionLog()
    try:
        return QuestionLog.open(settings)
    except QuestionLogError as error:
        logger.warning("question log is off: %s", error)
        return NullQuestionLog()


def _salt_beside(database: Path) -> bytes:
    """The salt in `<database>.salt`, created once (0600) when missing."""
    path = database.with_name(database.name + ".salt")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        if database.exists():
            logger.warning("question log: %s was missing, so /hapusdata cannot find entries made before now", path)
    except FileExistsError:
        salt = path.read_text(encoding="utf-8").strip()
        if len(salt) < MIN_SALT_CHARS:
            raise QuestionLogError(
                f"{path}: the salt file is damaged (shorter than {MIN_SALT_CHARS} characters)"
            ) from None
        return salt.encode()
    salt = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(salt + "\n")
    return salt.encode()
