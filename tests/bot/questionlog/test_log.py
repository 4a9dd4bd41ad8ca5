"""The question log over a real SQLite file: schema, privacy, feedback, retention and failing disks."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.questionlog.database import QuestionLogSettings
from bot.questionlog.log import (
    DOWN,
    PRUNE_INTERVAL_SECONDS,
    UP,
    NullQuestionLog,
    QuestionLog,
    open_question_log,
)
from bot.questionlog.store import MIGRATIONS, SCHEMA_VERSION, QuestionLogError, connect, migrate
from faq import Answer, Suggestion

DAY = 86400
START = 1_740_000_000.0  # 2025-02-19, UTC
SALT = "s" * 32
USER = 987654321
ANSWERED = Answer(intent="pbb", score=100.0, text="PBB adalah ...", title="PBB")
FALLBACK = Answer(intent=None, score=12.5, text="Maaf", suggestions=(Suggestion("wto", "WTO", 12.5),))


class Clock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "questions.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def log(db: Path, clock: Clock):
    log = QuestionLog.open(QuestionLogSettings(db), clock=clock)
    yield log
    log.close()


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def test_open_creates_schema_at_current_version_in_wal_mode(log, db):
    tables = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"questions", "feedback"} <= tables
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in db.parent.iterdir()} == {
        name: 0o600
        for name in ("questions.sqlite3", "questions.sqlite3-wal", "questions.sqlite3-shm", "questions.sqlite3.salt")
    }


def test_open_migrates_a_version_1_file_and_keeps_its_rows(db, clock):
    db.parent.mkdir()
    old = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO questions (asked_at, chat_type, user_hash, question, intent, score)"
        " VALUES (?, 'private', 'h', 'apa itu PBB', 'pbb', 100)",
        (int(START),),
    )
    old.commit()
    old.close()
    log = QuestionLog.open(QuestionLogSettings(db), clock=clock)
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] and SCHEMA_VERSION > 1
    assert rows(db, "SELECT id, question, suggestions FROM questions") == [(1, "apa itu PBB", "[]")]
    assert log.feedback(1, UP, user_id=USER) is True  # the table added by migration 2 works
    log.close()


def test_open_refuses_a_file_from_a_newer_version(db):
    db.parent.mkdir()
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(QuestionLogError, match="newer"):
        QuestionLog.open(QuestionLogSettings(db))
    assert isinstance(open_question_log(QuestionLogSettings(db)), NullQuestionLog)


def test_open_leaves_another_programs_database_alone(db):
    db.parent.mkdir()
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE grades (name TEXT)")
    with pytest.raises(QuestionLogError, match="another program"):
        QuestionLog.open(QuestionLogSettings(db, salt=SALT))
    assert rows(db, "SELECT name FROM sqlite_master") == [("grades",)]


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"\x00" * 4096])
def test_open_on_a_corrupt_file_gives_a_null_log_and_a_warning(db, content, caplog):
    db.parent.mkdir()
    db.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="bot.questionlog.log"):
        log = open_question_log(QuestionLogSettings(db, salt=SALT))
    assert isinstance(log, NullQuestionLog)
    assert [r.getMessage() for r in caplog.records] == [f"question log is off: {db}: file is not a database"]
    assert db.read_bytes() == content  # left as it was, for the operator to look at


def test_record_stores_the_answer_and_a_hashed_user_never_the_raw_id(log, db, clock):
    first = log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private")
    second = log.record("apa itu NATO", FALLBACK, user_id=USER, chat_type="group")
    assert (first, second) == (1, 2)
    stored = rows(db, "SELECT asked_at, chat_type, user_hash, question, intent, score, suggestions FROM questions")
    assert stored[0] == (int(START), "private", log.user_hash(USER), "apa itu PBB", "pbb", 100.0, "[]")
    assert stored[1][3:] == ("apa itu NATO", None, 12.5, '[["wto", 12.5]]')
    assert len(stored[0][2]) == 64 and str(USER) not in stored[0][2]
    assert str(USER).encode() not in file_bytes(db)


def test_salt_is_generated_once_private_and_reused(db, clock):
    log = QuestionLog.open(QuestionLogSettings(db), clock=clock)
    first_hash = log.user_hash(USER)
    log.close()
    salt_file = db.with_name(db.name + ".salt")
    assert stat.S_IMODE(salt_file.stat().st_mode) == 0o600
    salt = salt_file.read_text().strip()
    assert len(salt) == 64
    log = QuestionLog.open(QuestionLogSettings(db), clock=clock)
    assert log.user_hash(USER) == first_hash
    assert salt_file.read_text().strip() == salt
    log.close()


def test_tanyabot_salt_is_used_and_no_salt_file_is_written(db, clock):
    settings = QuestionLogSettings.from_env({"TANYABOT_DB": str(db), "TANYABOT_SALT": SALT})
    log = QuestionLog.open(settings, clock=clock)
    assert log.user_hash(USER) == hmac.new(SALT.encode(), str(USER).encode(), hashlib.sha256).hexdigest()
    assert not db.with_name(db.name + ".salt").exists()
    log.close()


def test_different_salts_give_unrelated_hashes(tmp_path):
    logs = [QuestionLog.open(QuestionLogSettings(tmp_path / f"{n}.sqlite3")) for n in range(2)]
    assert logs[0].user_hash(USER) != logs[1].user_hash(USER)
    for log in logs:
        log.close()


def test_feedback_is_recorded_once_per_user_and_answer(log, db):
    answer_id = log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private")
    assert log.feedback(answer_id, UP, user_id=USER) is True
    assert log.feedback(answer_id, UP, user_id=USER) is False  # a second press of the same button
    assert rows(db, "SELECT vote FROM feedback") == [(1,)]
    assert log.feedback(answer_id, DOWN, user_id=USER) is True  # a mis-tap corrected: still one row
    assert rows(db, "SELECT vote FROM feedback") == [(-1,)]
    assert log.feedback(answer_id, UP, user_id=USER + 1) is True
    assert sorted(rows(db, "SELECT vote FROM feedback")) == [(-1,), (1,)]


def test_feedback_on_an_answer_no_longer_logged_changes_nothing(log, db):
    assert log.feedback(42, UP, user_id=USER) is False
    assert rows(db, "SELECT count(*) FROM feedback") == [(0,)]


def test_feedback_rejects_a_vote_other_than_up_or_down(log):
    with pytest.raises(ValueError):
        log.feedback(1, 0, user_id=USER)


def test_retention_deletes_old_rows_on_open_and_while_recording(db, clock):
    log = QuestionLog.open(QuestionLogSettings(db, retention_days=90), clock=clock)
    old = log.record("pertanyaan lama", ANSWERED, user_id=USER, chat_type="private")
    log.feedback(old, DOWN, user_id=USER)
    with sqlite3.connect(db) as other:  # rows written long ago, by an earlier run
        other.execute(
            "INSERT INTO questions (asked_at, chat_type, user_hash, question, intent, score)"
            " VALUES (?, 'private', 'h', 'sangat lama', NULL, 0)",
            (int(START - 400 * DAY),),
        )
    clock.now = START + 91 * DAY
    kept = log.record("pertanyaan baru", ANSWERED, user_id=USER, chat_type="private")  # prunes: interval passed
    assert rows(db, "SELECT id, question FROM questions") == [(kept, "pertanyaan baru")]
    assert rows(db, "SELECT count(*) FROM feedback") == [(0,)]  # votes go with their answer
    log.close()
    clock.now = START + 182 * DAY
    QuestionLog.open(QuestionLogSettings(db, retention_days=90), clock=clock).close()  # prunes on open
    assert rows(db, "SELECT count(*) FROM questions") == [(0,)]


def test_record_prunes_at_most_once_per_interval(log, db, clock):
    log.record("a", ANSWERED, user_id=USER, chat_type="private")
    with sqlite3.connect(db) as other:
        other.execute("UPDATE questions SET asked_at = 0")
    clock.now += PRUNE_INTERVAL_SECONDS / 2
    log.record("b", ANSWERED, user_id=USER, chat_type="private")
    assert rows(db, "SELECT count(*) FROM questions") == [(2,)]
    clock.now += PRUNE_INTERVAL_SECONDS
    log.record("c", ANSWERED, user_id=USER, chat_type="private")
    assert rows(db, "SELECT question FROM questions ORDER BY id") == [("b",), ("c",)]


def test_logging_off_writes_nothing(tmp_path):
    db = tmp_path / "q.sqlite3"
    log = open_question_log(QuestionLogSettings.from_env({"TANYABOT_DB": str(db), "TANYABOT_LOG_QUESTIONS": "0"}))
    assert isinstance(log, NullQuestionLog) and not log.enabled
    assert log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private") is None
    assert log.feedback(1, UP, user_id=USER) is None
    assert (log.delete_user(USER), log.prune(), log.stats()) == (0, 0, None)
    assert list(tmp_path.iterdir()) == []


def test_a_locked_database_costs_the_entry_quickly_never_an_exception(log, db, caplog):
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.DEBUG):
            started = time.monotonic()
            assert log.record("rahasia murid", ANSWERED, user_id=USER, chat_type="private") is None
            assert log.feedback(1, UP, user_id=USER) is None
            assert log.delete_user(USER) is None
            assert log.prune() is None
            elapsed = time.monotonic() - started
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert elapsed < 3.0
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings and all("locked" in r.getMessage() for r in warnings)
    assert not any("rahasia murid" in r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG)
    assert log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private") is not None  # recovers


def test_a_full_disk_costs_the_entry_never_an_exception(db, clock, caplog):
    db.parent.mkdir()
    connection = connect(db, create=True)
    migrate(connection, db)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: the disk is full
    log = QuestionLog(connection, SALT.encode(), retention_days=90, clock=clock)
    with caplog.at_level(logging.WARNING):
        results = [log.record("x" * 900, ANSWERED, user_id=n, chat_type="private") for n in range(50)]
    assert results[-1] is None
    assert any("full" in r.getMessage() for r in caplog.records)
    log.close()


def test_a_read_only_database_costs_the_entry_never_an_exception(log, db, clock):
    log.close()
    read_only = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, isolation_level=None)
    log = QuestionLog(read_only, SALT.encode(), retention_days=90, clock=clock)
    assert log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private") is None
    assert log.delete_user(USER) is None
    log.close()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_file_opens_and_records_nothing(log, db, clock):
    log.close()
    db.chmod(0o444)
    log = QuestionLog.open(QuestionLogSettings(db), clock=clock)
    assert log.record("apa itu PBB", ANSWERED, user_id=USER, chat_type="private") is None
    log.close()


def test_an_unusable_path_gives_a_null_log(tmp_path):
    (tmp_path / "file").write_text("")
    assert isinstance(open_question_log(QuestionLogSettings(tmp_path / "file" / "q.sqlite3")), NullQuestionLog)


def test_delete_user_removes_that_users_rows_only_and_their_text_from_the_file(log, db):
    mine = log.record("pertanyaan rahasia saya", ANSWERED, user_id=USER, chat_type="private")
    theirs = log.record("apa itu PBB", ANSWERED, user_id=USER + 1, chat_type="private")
    log.feedback(mine, UP, user_id=USER)
    log.feedback(theirs, DOWN, user_id=USER)
    log.feedback(theirs, UP, user_id=USER + 1)
    assert log.delete_user(USER) == 3  # one question, two votes
    assert rows(db, "SELECT id FROM questions") == [(theirs,)]
    assert rows(db, "SELECT question_id, vote FROM feedback") == [(theirs, 1)]
    assert b"pertanyaan rahasia saya" not in file_bytes(db)
    assert log.delete_user(USER) == 0


def test_stats_summarises_the_log(log, clock):
    for n, (answer, user) in enumerate([(ANSWERED, 1), (ANSWERED, 2), (FALLBACK, 2)]):
        clock.now = START + n * DAY
        answer_id = log.record(f"q{n}", answer, user_id=user, chat_type="private")
        log.feedback(answer_id, DOWN if n else UP, user_id=user)
    salam = Answer(intent="salam", score=100.0, text="Halo")
    log.record("halo", salam, user_id=3, chat_type="private")
    stats = log.stats()
    assert (stats.questions, stats.answered, stats.users, stats.thumbs_up, stats.thumbs_down) == (4, 3, 3, 1, 2)
    assert stats.top_intents == (("pbb", 2), ("salam", 1)) and stats.answer_rate == 75.0
    assert log.stats(exclude={"salam"}).top_intents == (("pbb", 2),)
    later = log.stats(since=datetime.fromtimestamp(START + DAY, UTC))
    assert (later.questions, later.answered, later.thumbs_up, later.thumbs_down) == (3, 2, 0, 2)
