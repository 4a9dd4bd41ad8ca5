"""The question log's database file: its settings from the environment, its salt, and opening it.

The questions (`bot.questionlog.log`) and the quizzes (`bot.questionlog.quiz`) share the file, its
salt (a user is kept only as a salted hash of their id) and its retention.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import ConfigError
from bot.questionlog.store import QuestionLogError, connect, migrate

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650
MIN_SALT_CHARS = 16
"""A shorter TANYABOT_SALT would let anyone holding the file guess user ids back from their hashes."""


def pseudonym(salt: bytes, user_id: int | str) -> str:
    """The pseudonym stored for a user: HMAC-SHA256 of the id under the salt, hex. Questions and
    quizzes use the same one, so /hapusdata finds a user's rows in every table."""
    return hmac.new(salt, str(user_id).encode(), hashlib.sha256).hexdigest()


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


def open_database(settings: QuestionLogSettings) -> tuple[sqlite3.Connection, bytes]:
    """The migrated database at `settings.path` (created 0600 when missing) and its salt;
    QuestionLogError when it cannot be used."""
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
    return connection, salt


def open_in_memory() -> tuple[sqlite3.Connection, bytes]:
    """A migrated database that lives as long as the process, with a fresh salt: for quizzes when
    nothing may be written to disk (TANYABOT_LOG_QUESTIONS=0) or the file cannot be used."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection, Path(":memory:"))
    return connection, secrets.token_hex(32).encode()


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
