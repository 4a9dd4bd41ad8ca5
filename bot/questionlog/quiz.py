"""Quizzes in the question log's database: the polls sent, who answered what, each student's
practice state (Leitner boxes), group rounds and daily schedules.

A user is kept as the same salted hash as in the question log, plus the first name they had when
answering, which only that chat's leaderboard shows. Like the question log, a database failure
costs an entry (with a warning), never an answer.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from bot.questionlog.database import pseudonym
from bot.questionlog.store import transaction
from faq.practice import PracticeState, after_answer

logger = logging.getLogger(__name__)

LEADERBOARD_SIZE = 10
MOST_MISSED = 5


@dataclass(frozen=True)
class SentPoll:
    """A quiz poll the bot sent, as its answers need it."""

    poll_id: str
    chat_id: int
    chat_type: str
    item_id: str
    correct_option: int
    round_id: int | None


@dataclass(frozen=True)
class Recorded:
    """A user's answer to a quiz poll, once recorded."""

    poll: SentPoll
    right: bool
    first: bool  # the user's first answer to this poll: the one that counts


@dataclass(frozen=True)
class Standing:
    """One place on a leaderboard or in a round's results; ties share a place."""

    place: int
    first_name: str
    right: int
    answered: int


@dataclass(frozen=True)
class Record:
    """A student's own quiz record (/skor in a private chat)."""

    answered: int
    right: int
    missed: tuple[tuple[str, int], ...]  # (intent id, wrong answers), most first


class QuizStore:
    """Quiz state on one SQLite connection (shared with the question log, or in memory)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        salt: bytes,
        *,
        retention_days: int,
        clock: Callable[[], float] = time.time,
        persistent: bool = True,
    ) -> None:
        self._db = connection
        self._salt = salt
        self._retention_seconds = retention_days * 86400
        self._clock = clock
        self.persistent = persistent  # False: kept in memory until the bot stops

    def now(self) -> int:
        return int(self._clock())

    def user_hash(self, user_id: int | str) -> str:
        return pseudonym(self._salt, user_id)

    # ---------------------------------------------------------------- polls and answers
    def record_poll(
        self, poll_id: str, *, chat_id: int, chat_type: str, item_id: str, correct_option: int, round_id: int | None
    ) -> None:
        self._write(
            "INSERT OR REPLACE INTO quiz_polls"
            " (poll_id, chat_id, chat_type, item_id, correct_option, round_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (poll_id, chat_id, chat_type, item_id, correct_option, round_id, self.now()),
        )

    def sent_poll(self, poll_id: str) -> SentPoll | None:
        row = self._read_one(
            "SELECT poll_id, chat_id, chat_type, item_id, correct_option, round_id FROM quiz_polls WHERE poll_id = ?",
            (poll_id,),
        )
        return SentPoll(*row) if row else None

    def record_answer(
        self, poll_id: str, *, user_id: int | str, first_name: str, option_ids: Iterable[int]
    ) -> Recorded | None:
        """Record a user's answer to a poll the bot sent; only the first answer of a user counts.

        None when the poll is not the bot's (or was pruned) or on a database failure. A private
        chat's answer also moves the student's practice state for the item.
        """
        poll = self.sent_poll(poll_id)
        if poll is None:
            return None
        right = list(option_ids) == [poll.correct_option]
        user = self.user_hash(user_id)
        try:
            with transaction(self._db):
                first = (
                    self._db.execute(
                        "INSERT OR IGNORE INTO quiz_answers"
                        " (poll_id, user_hash, first_name, chat_id, item_id, right, answered_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (poll_id, user, first_name[:64], poll.chat_id, poll.item_id, int(right), self.now()),
                    ).rowcount
                    > 0
                )
                if first and poll.chat_type == "private":
                    self._practised(user, poll.item_id, right)
        except sqlite3.Error as error:
            logger.warning("quiz: could not record an answer: %s", error)
            return None
        return Recorded(poll, right, first)

    # ---------------------------------------------------------------- practice
    def practice_states(self, user_id: int | str, item_ids: Collection[str]) -> dict[str, PracticeState]:
        """The student's Leitner state of each item they have practised (others are unseen)."""
        rows = self._read_all(
            "SELECT item_id, box, due_at FROM quiz_practice WHERE user_hash = ?", (self.user_hash(user_id),)
        )
        wanted = set(item_ids)
        return {item: PracticeState(box, due) for item, box, due in rows if item in wanted}

    def _practised(self, user: str, item_id: str, right: bool) -> None:
        row = self._db.execute(
            "SELECT box, due_at FROM quiz_practice WHERE user_hash = ? AND item_id = ?", (user, item_id)
        ).fetchone()
        state = after_answer(PracticeState(*row) if row else None, right, self.now())
        self._db.execute(
            "INSERT OR REPLACE INTO quiz_practice (user_hash, item_id, box, due_at, answered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (user, item_id, state.box, state.due_at, self.now()),
        )

    # ---------------------------------------------------------------- rounds
    def start_round(self, chat_id: int, *, user_id: int | str, size: int) -> int | None:
        """A new round's id, or None on a database failure."""
        try:
            cursor = self._db.execute(
                "INSERT INTO quiz_rounds (chat_id, started_by, size, started_at) VALUES (?, ?, ?, ?)",
                (chat_id, self.user_hash(user_id), size, self.now()),
            )
        except sqlite3.Error as error:
            logger.warning("quiz: could not start a round: %s", error)
            return None
        return cursor.lastrowid

    def finish_round(self, round_id: int) -> None:
        self._write("UPDATE quiz_rounds SET finished_at = ? WHERE id = ?", (self.now(), round_id))

    def round_results(self, round_id: int) -> list[Standing]:
        """Who answered the round's polls, by right answers (ties share a place)."""
        rows = self._read_all(
            "SELECT a.user_hash, max(a.first_name), sum(a.right), count(*) FROM quiz_answers AS a"
            " JOIN quiz_polls AS p ON p.poll_id = a.poll_id WHERE p.round_id = ? GROUP BY a.user_hash",
            (round_id,),
        )
        return places((name, right, answered) for _, name, right, answered in rows)

    # ---------------------------------------------------------------- scores
    def leaderboard(self, chat_id: int, *, since: int = 0) -> list[Standing]:
        """The chat's top LEADERBOARD_SIZE by right answers since `since` (unix seconds)."""
        rows = self._read_all(
            "SELECT user_hash, sum(right), count(*),"
            " (SELECT first_name FROM quiz_answers AS b WHERE b.user_hash = a.user_hash AND b.chat_id = a.chat_id"
            "  ORDER BY answered_at DESC LIMIT 1)"
            " FROM quiz_answers AS a WHERE chat_id = ? AND answered_at >= ? GROUP BY user_hash",
            (chat_id, since),
        )
        return places((name, right, answered) for _, right, answered, name in rows)[:LEADERBOARD_SIZE]

    def record_of(self, user_id: int | str) -> Record:
        """The student's answers, right answers and most missed topics, over every chat."""
        user = self.user_hash(user_id)
        row = self._read_one("SELECT count(*), coalesce(sum(right), 0) FROM quiz_answers WHERE user_hash = ?", (user,))
        missed = self._read_all("SELECT item_id FROM quiz_answers WHERE user_hash = ? AND right = 0", (user,))
        counts: dict[str, int] = {}
        for (item_id,) in missed:
            intent = item_id.partition(":")[0]
            counts[intent] = counts.get(intent, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MOST_MISSED]
        answered, right = row if row else (0, 0)
        return Record(answered, right, tuple(ranked))

    # ---------------------------------------------------------------- daily schedules
    def set_daily(self, chat_id: int, at: str | None) -> bool:
        """Schedule the chat's daily question at "HH:MM" (None: stop it); False on a database failure."""
        if at is None:
            return self._write("DELETE FROM quiz_daily WHERE chat_id = ?", (chat_id,))
        return self._write(
            "INSERT OR REPLACE INTO quiz_daily (chat_id, at, set_at) VALUES (?, ?, ?)", (chat_id, at, self.now())
        )

    def daily(self, chat_id: int) -> str | None:
        row = self._read_one("SELECT at FROM quiz_daily WHERE chat_id = ?", (chat_id,))
        return row[0] if row else None

    def all_daily(self) -> list[tuple[int, str]]:
        return [(chat_id, at) for chat_id, at in self._read_all("SELECT chat_id, at FROM quiz_daily ORDER BY chat_id")]

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its schedule, scores and rounds follow it."""
        for table in ("quiz_daily", "quiz_answers", "quiz_polls", "quiz_rounds"):
            self._write(f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id))

    # ---------------------------------------------------------------- privacy and retention
    def delete_user(self, user_id: int | str) -> int | None:
        """Delete the user's quiz answers and practice state (/hapusdata); rows deleted, None on failure."""
        user = self.user_hash(user_id)
        try:
            with transaction(self._db):
                answers = self._db.execute("DELETE FROM quiz_answers WHERE user_hash = ?", (user,)).rowcount
                practice = self._db.execute("DELETE FROM quiz_practice WHERE user_hash = ?", (user,)).rowcount
                self._db.execute("DELETE FROM quiz_rounds WHERE started_by = ? AND finished_at IS NOT NULL", (user,))
        except sqlite3.Error as error:
            logger.warning("quiz: could not delete a user's data: %s", error)
            return None
        return answers + practice

    def prune(self) -> None:
        """Delete quiz entries older than the retention period (daily schedules stay)."""
        cutoff = self.now() - self._retention_seconds
        try:
            with transaction(self._db):
                self._db.execute("DELETE FROM quiz_answers WHERE answered_at < ?", (cutoff,))
                self._db.execute("DELETE FROM quiz_polls WHERE sent_at < ?", (cutoff,))
                self._db.execute("DELETE FROM quiz_practice WHERE answered_at < ?", (cutoff,))
                self._db.execute("DELETE FROM quiz_rounds WHERE started_at < ?", (cutoff,))
        except sqlite3.Error as error:
            logger.warning("quiz: could not delete old entries: %s", error)

    def close(self) -> None:
        """Close the connection (a no-op when the question log already closed the shared one)."""
        self._db.close()

    # ---------------------------------------------------------------- helpers
    def _write(self, sql: str, parameters: tuple[object, ...]) -> bool:
        try:
            self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            logger.warning("quiz: could not write: %s", error)
            return False
        return True

    def _read_one(self, sql: str, parameters: tuple[object, ...] = ()) -> tuple[Any, ...] | None:
        rows = self._read_all(sql, parameters)
        return rows[0] if rows else None

    def _read_all(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            logger.warning("quiz: could not read: %s", error)
            return []


def places(scores: Iterable[tuple[object, object, object]]) -> list[Standing]:
    """(first name, right, answered) rows ranked by right answers; equal scores share a place."""
    ranked = sorted(((str(n), int(str(r)), int(str(a))) for n, r, a in scores), key=lambda s: (-s[1], s[0]))
    out: list[Standing] = []
    for number, (name, right, answered) in enumerate(ranked, start=1):
        place = out[-1].place if out and out[-1].right == right else number
        out.append(Standing(place, name, right, answered))
    return out
