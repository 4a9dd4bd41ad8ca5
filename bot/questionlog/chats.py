"""What each chat chose: the subjects it studies (/mapel). Kept in the question log's database, so
a choice survives a restart; a database failure costs the choice (with a warning), never an answer."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Collection

logger = logging.getLogger(__name__)

REMEMBERED_CHATS = 10_000
"""Chats whose choice is kept in memory (each question reads it); more and the memory starts over."""


class ChatChoices:
    """Per-chat subject choices on one SQLite connection (shared with the question log, or in memory)."""

    def __init__(self, connection: sqlite3.Connection, *, clock: Callable[[], float] = time.time) -> None:
        self._db = connection
        self._clock = clock
        self._remembered: dict[int, tuple[str, ...] | None] = {}  # this process is the only writer

    def subjects(self, chat_id: int) -> tuple[str, ...] | None:
        """The subjects the chat chose, None for every subject (nothing chosen)."""
        if chat_id in self._remembered:
            return self._remembered[chat_id]
        try:
            chosen = self._read(chat_id)
        except sqlite3.Error as error:
            logger.warning("chat choices: could not read: %s", error)
            return None  # not remembered: the next question tries again
        if len(self._remembered) >= REMEMBERED_CHATS:
            self._remembered.clear()
        self._remembered[chat_id] = chosen
        return chosen

    def _read(self, chat_id: int) -> tuple[str, ...] | None:
        row = self._db.execute("SELECT subjects FROM chat_subjects WHERE chat_id = ?", (chat_id,)).fetchone()
        if row is None:
            return None
        try:
            chosen = json.loads(row[0])
        except ValueError:
            return None  # a hand-edited row: every subject
        return tuple(str(s) for s in chosen) if isinstance(chosen, list) else None

    def choose(self, chat_id: int, subjects: Collection[str] | None) -> bool:
        """Keep the chat's choice (None: every subject again); False on a database failure."""
        self._remembered.pop(chat_id, None)
        try:
            if subjects is None:
                self._db.execute("DELETE FROM chat_subjects WHERE chat_id = ?", (chat_id,))
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO chat_subjects (chat_id, subjects, set_at) VALUES (?, ?, ?)",
                    (chat_id, json.dumps(list(subjects), ensure_ascii=False), int(self._clock())),
                )
        except sqlite3.Error as error:
            logger.warning("chat choices: could not write: %s", error)
            return False
        return True

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its choice follows it."""
        self._remembered.pop(old_chat_id, None)
        self._remembered.pop(new_chat_id, None)
        try:
            self._db.execute(
                "UPDATE OR IGNORE chat_subjects SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id)
            )
        except sqlite3.Error as error:
            logger.warning("chat choices: could not move a chat: %s", error)
