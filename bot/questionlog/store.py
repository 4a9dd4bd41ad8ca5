"""The question log's SQLite file: schema, migrations, connections, and reading it back for reports."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 200
"""How long (milliseconds) a statement waits for a lock before it gives up."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: questions
        """CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            asked_at INTEGER NOT NULL,          -- unix seconds, UTC
            chat_type TEXT NOT NULL,
            user_hash TEXT NOT NULL,            -- HMAC-SHA256 of the user id, never the id
            question TEXT NOT NULL,
            intent TEXT,                        -- NULL: not answered
            score REAL NOT NULL,
            suggestions TEXT NOT NULL DEFAULT '[]'  -- JSON [[intent id, score], ...] offered instead
        )""",
        "CREATE INDEX questions_asked_at ON questions (asked_at)",
        "CREATE INDEX questions_user_hash ON questions (user_hash)",
    ),
    (  # 2: feedback, one vote per user and answer
        """CREATE TABLE feedback (
            question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
            user_hash TEXT NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (1, -1)),
            voted_at INTEGER NOT NULL,
            PRIMARY KEY (question_id, user_hash)
        )""",
        "CREATE INDEX feedback_user_hash ON feedback (user_hash)",
    ),
    (  # 3: quizzes: rounds, the polls sent, answers, practice state and daily schedules
        """CREATE TABLE quiz_rounds (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            started_by TEXT NOT NULL,           -- user hash
            size INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER
        )""",
        """CREATE TABLE quiz_polls (
            poll_id TEXT PRIMARY KEY,           -- Telegram's poll id
            chat_id INTEGER NOT NULL,
            chat_type TEXT NOT NULL,
            item_id TEXT NOT NULL,              -- intent id ":" hash of the question
            correct_option INTEGER NOT NULL,    -- after the options were shuffled
            round_id INTEGER REFERENCES quiz_rounds (id) ON DELETE SET NULL,
            sent_at INTEGER NOT NULL
        )""",
        "CREATE INDEX quiz_polls_sent_at ON quiz_polls (sent_at)",
        """CREATE TABLE quiz_answers (
            poll_id TEXT NOT NULL REFERENCES quiz_polls (poll_id) ON DELETE CASCADE,
            user_hash TEXT NOT NULL,
            first_name TEXT NOT NULL,           -- shown on that chat's leaderboard only
            chat_id INTEGER NOT NULL,
            item_id TEXT NOT NULL,
            right INTEGER NOT NULL CHECK (right IN (0, 1)),
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (poll_id, user_hash)    -- a user's first answer to a poll counts
        )""",
        "CREATE INDEX quiz_answers_chat ON quiz_answers (chat_id, answered_at)",
        "CREATE INDEX quiz_answers_user_hash ON quiz_answers (user_hash)",
        """CREATE TABLE quiz_practice (
            user_hash TEXT NOT NULL,
            item_id TEXT NOT NULL,
            box INTEGER NOT NULL,               -- Leitner box, 1 to 4
            due_at INTEGER NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (user_hash, item_id)
        )""",
        """CREATE TABLE quiz_daily (
            chat_id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,                   -- HH:MM in TANYABOT_TZ
            set_at INTEGER NOT NULL
        )""",
    ),
    (  # 4: the subjects a chat chose (/mapel); no row: every subject
        """CREATE TABLE chat_subjects (
            chat_id INTEGER PRIMARY KEY,
            subjects TEXT NOT NULL,             -- JSON list of the subjects' names
            set_at INTEGER NOT NULL
        )""",
    ),
)
"""Schema steps in order; PRAGMA user_version counts the steps applied. Append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


class QuestionLogError(Exception):
    """The file cannot be used as a question log (missing, corrupt, or from a newer Tanyabot)."""


@dataclass(frozen=True)
class LoggedQuestion:
    """One logged question as reports see it, with the 👍/👎 its answer got."""

    id: int
    asked_at: datetime  # UTC
    chat_type: str
    user_hash: str
    question: str
    intent: str | None
    score: float
    suggestions: tuple[str, ...] = ()
    up: int = 0
    down: int = 0

    @property
    def answered(self) -> bool:
        return self.intent is not None


@dataclass(frozen=True)
class QuizAnswer:
    """One student's first answer to one quiz poll, as reports see it."""

    item_id: str
    user_hash: str
    right: bool
    answered_at: datetime  # UTC


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """A connection in autocommit mode, so one INSERT holds no lock after it returns."""
    mode = "rwc" if create else "rw"
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")  # deleted questions do not linger in free pages
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations the file has not had yet, each in its own transaction."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise QuestionLogError(f"{path}: schema version {version} is newer than this Tanyabot's ({SCHEMA_VERSION})")
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise QuestionLogError(f"{path}: another program's database, not a question log")  # leave it untouched
    for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(connection):
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
        logger.info("question log: schema migrated to version %d", number)


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def read_quiz_answers(path: Path, *, since: datetime | None = None) -> list[QuizAnswer]:
    """Every quiz answer (given at or after `since`), oldest first; QuestionLogError like `read_questions`."""
    start = int(since.timestamp()) if since else 0
    rows = _read(
        path,
        "SELECT item_id, user_hash, right, answered_at FROM quiz_answers WHERE answered_at >= ? ORDER BY answered_at",
        (start,),
    )
    return [QuizAnswer(item, user, bool(right), datetime.fromtimestamp(at, UTC)) for item, user, right, at in rows]


def _read(path: Path, sql: str, parameters: tuple[object, ...]) -> list[tuple]:
    if not path.is_file():
        raise QuestionLogError(f"{path}: no question log there (set TANYABOT_DB or pass --db)")
    try:
        connection = connect(path, create=False)
        try:
            migrate(connection, path)
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise QuestionLogError(f"{path}: not a usable question log ({error})") from error


def read_questions(path: Path, *, since: datetime | None = None) -> list[LoggedQuestion]:
    """Every logged question (asked at or after `since`, an aware datetime), oldest first.

    QuestionLogError when there is no file at `path` or it is not a question log. An older
    schema is migrated first, so the report runs on a log the bot has not opened since an upgrade.
    """
    start = int(since.timestamp()) if since else 0
    rows = _read(
        path,
        "SELECT q.id, q.asked_at, q.chat_type, q.user_hash, q.question, q.intent, q.score, q.suggestions,"
        " coalesce(sum(f.vote = 1), 0), coalesce(sum(f.vote = -1), 0)"
        " FROM questions AS q LEFT JOIN feedback AS f ON f.question_id = q.id"
        " WHERE q.asked_at >= ? GROUP BY q.id ORDER BY q.id",
        (start,),
    )
    return [_logged(row) for row in rows]


def _logged(row: tuple) -> LoggedQuestion:
    qid, asked_at, chat_type, user_hash, question, intent, score, suggestions, up, down = row
    try:
        shown = tuple(str(item[0]) for item in json.loads(suggestions))
    except (ValueError, TypeError, IndexError, KeyError):
        shown = ()  # a hand-edited row should not stop the report
    return LoggedQuestion(
        qid,
        datetime.fromtimestamp(asked_at, UTC),
        chat_type,
        user_hash,
        question,
        intent,
        float(score),
        shown,
        up,
        down,
    )
