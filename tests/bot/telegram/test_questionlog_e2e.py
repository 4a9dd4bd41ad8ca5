"""The question log through the real `tanyabot serve`: a real SQLite file, the test Bot API server, and
users played by the tests.

The module's bot logs to its own file; each test reads it back with `read_questions` or sqlite3.
"""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.questionlog.store import LoggedQuestion, read_questions
from bot.telegram.admin import STATS_OFF
from bot.telegram.questionlog import (
    DELETE_FAILED,
    NOTHING_KEPT,
    NOTHING_TO_DELETE,
    PRIVACY_OFF,
    VOTE_THANKS,
)
from bot.telegram.render import UNKNOWN_COMMAND
from tests.bot.conftest import BOT_USERNAME, TOKEN, BotProcess, bot_env
from tests.bot.test_cli import run
from tests.support.botapi import BotApiServer
from tests.support.conversation import callbacks, labels, plain, say, sent_messages, topic_of

SALT = "garam-rahasia-untuk-tes-0123456789"
ADMIN_ID = 9_100_000_001
RETENTION_DAYS = 30
_user_ids = iter(range(7_345_678_901, 7_345_679_901))  # distinctive: a stray raw id would show in the file bytes


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("log") / "questions.sqlite3"


@pytest.fixture(scope="module")
def bot(server: BotApiServer, db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """One polling bot logging to `db`, with one admin and a 30-day retention."""
    directory = tmp_path_factory.mktemp("bot")
    env = bot_env(
        server,
        TANYABOT_DB=str(db),
        TANYABOT_SALT=SALT,
        TANYABOT_ADMIN_IDS=str(ADMIN_ID),
        TANYABOT_RETENTION_DAYS=str(RETENTION_DAYS),
        TANYABOT_RATE_LIMIT="0",
        TANYABOT_USER_RATE="off",
        LOG_LEVEL="DEBUG",
    )
    process = BotProcess(env, directory / "bot.log", directory)
    try:
        process.wait_ready(server)
        yield process
    finally:
        process.stop()


def user_hash(user: dict) -> str:
    return hmac.new(SALT.encode(), str(user["id"]).encode(), hashlib.sha256).hexdigest()


def logged(db: Path, user: dict) -> list[LoggedQuestion]:
    return [q for q in read_questions(db) if q.user_hash == user_hash(user)]


def student(server: BotApiServer, name: str = "Siswa") -> tuple[dict, dict]:
    user = server.user(next(_user_ids), first_name=name)
    return server.private_chat(user), user


def class_group(server: BotApiServer) -> dict:
    return server.group_chat(-1_000_000_000_000 - next(_user_ids))


def settle(server: BotApiServer, chat: dict, user: dict) -> None:
    """Wait until everything sent to `chat` so far was handled: a chat's updates run in order."""
    say(server, chat, user, "/bantuan")


def votes(message: dict) -> list[str]:
    return [data for data in callbacks(message) if data.startswith("f")]


def press(server: BotApiServer, chat: dict, user: dict, message: dict, data: str) -> dict:
    """Press a button, wait until the press was handled, return its answerCallbackQuery call."""
    query_id = server.press_button(chat, user, message["message_id"], data)
    settle(server, chat, user)
    return next(c for c in server.calls("answerCallbackQuery") if c["params"]["callback_query_id"] == query_id)


def feedback_rows(db: Path, question_id: int) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT user_hash, vote FROM feedback WHERE question_id = ?", (question_id,)
        ).fetchall()


# ---------------------------------------------------------------- questions
def test_questions_land_in_the_log_with_a_hashed_user_and_never_the_raw_id(server, bot, db):
    chat, user = student(server, name="Zulaikha-Unik")
    group = class_group(server)
    asked, first = say(server, chat, user, "apa itu pbb")
    count = len(server.bot_messages(chat))
    server.edit_text(chat, user, asked["message_id"], "apa itu g20")  # an edited question is logged again
    server.wait_bot_messages(chat, count + 1)
    server.send_text(group, user, "apa itu wto?")  # chatter, not for the bot
    say(server, group, user, "/tanya apa itu asean")
    say(server, group, user, f"@{BOT_USERNAME} apa itu wto")
    query_id = server.inline_query(user, "iaea")  # inline queries and topic buttons are not questions asked
    server.wait_for(
        lambda calls: any(
            c["method"] == "answerInlineQuery" and c["params"]["inline_query_id"] == query_id for c in calls
        )
    )
    server.press_button(chat, user, first["message_id"], callbacks(first)[0])
    settle(server, chat, user)

    rows = logged(db, user)
    assert [(q.chat_type, q.question, q.intent) for q in rows] == [
        ("private", "apa itu pbb", "pbb"),
        ("private", "apa itu g20", "g20"),
        ("supergroup", "apa itu asean", "asean"),
        ("supergroup", "apa itu wto", "wto"),
    ]
    assert all(q.score > 0 for q in rows)
    stored = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))
    assert user_hash(user).encode() in stored
    assert str(user["id"]).encode() not in stored and b"Zulaikha-Unik" not in stored


def test_a_fallback_is_logged_without_an_intent_with_its_suggestions_and_no_vote_buttons(server, bot, db):
    chat, user = student(server)
    _, reply = say(server, chat, user, "resep nasi goreng yang enak")
    (row,) = logged(db, user)
    assert row.intent is None and row.question == "resep nasi goreng yang enak"
    assert row.suggestions and row.suggestions == tuple(data[2:] for data in callbacks(reply))
    assert votes(reply) == []


# ----------------------------------------------------------------- feedback
def test_vote_buttons_record_once_per_user_and_answer_and_a_change_of_mind_replaces_the_vote(server, bot, db):
    chat, user = student(server)
    _, reply = say(server, chat, user, "apa itu wto")
    (row,) = logged(db, user)
    assert votes(reply) == [f"f+{row.id}", f"f-{row.id}"] and labels(reply)[-2:] == ["👍", "👎"]

    assert press(server, chat, user, reply, f"f+{row.id}")["params"]["text"] == VOTE_THANKS
    assert feedback_rows(db, row.id) == [(user_hash(user), 1)]
    assert labels(server.message(chat, reply["message_id"]))[-2:] == ["👍 ✓", "👎"]
    press(server, chat, user, reply, f"f+{row.id}")  # the same vote again changes nothing
    assert feedback_rows(db, row.id) == [(user_hash(user), 1)]
    press(server, chat, user, reply, f"f-{row.id}")  # the other one replaces it
    assert feedback_rows(db, row.id) == [(user_hash(user), -1)]
    assert labels(server.message(chat, reply["message_id"]))[-2:] == ["👍", "👎 ✓"]
    (after,) = logged(db, user)
    assert (after.up, after.down) == (0, 1)
    replies = sent_messages(server, chat)
    assert len(replies) == 4 and all(m["text"].startswith("Cara memakai") for m in replies[1:])  # votes send nothing


def test_answers_in_groups_carry_no_vote_buttons(server, bot, db, engine):
    _, user = student(server)
    group = class_group(server)
    _, reply = say(server, group, user, "/tanya apa itu pbb")
    assert topic_of(reply, engine) == "pbb"
    assert votes(reply) == [] and callbacks(reply)  # related topics still offered
    assert [q.intent for q in logged(db, user)] == ["pbb"]


# -------------------------------------------------------- privacy commands
def test_start_privasi_and_the_command_menu_tell_what_is_kept(server, bot):
    commands = {c["command"] for c in server.calls("setMyCommands")[-1]["params"]["commands"]}
    assert {"privasi", "hapusdata"} <= commands and not {"statistik", "reload"} & commands
    chat, user = student(server)
    _, greeting = say(server, chat, user, "/start")
    assert greeting["text"].count("/privasi") == 1
    _, privacy = say(server, chat, user, "/privasi")
    text = privacy["text"]
    assert f"{RETENTION_DAYS} hari" in text and "/hapusdata" in text and "bukan ID" in text


def test_hapusdata_deletes_that_users_questions_and_votes_only(server, bot, db):
    chat, user = student(server)
    other_chat, other = student(server)
    group = class_group(server)
    _, reply = say(server, chat, user, "apa itu asean")
    say(server, chat, user, "kapan asean berdiri")
    say(server, group, user, "/tanya apa itu g20")
    press(server, chat, user, reply, votes(reply)[0])
    say(server, other_chat, other, "apa itu asean")
    say(server, other_chat, other, "apa itu pbb")
    assert len(logged(db, user)) == 3 and len(logged(db, other)) == 2

    _, done = say(server, chat, user, "/hapusdata")
    assert "4 catatan" in done["text"]  # three questions and one vote
    assert logged(db, user) == [] and len(logged(db, other)) == 2
    assert not [h for h, _ in feedback_rows(db, logged(db, other)[0].id) if h == user_hash(user)]
    _, again = say(server, chat, user, "/hapusdata")
    assert again["text"] == plain(NOTHING_TO_DELETE)


# ----------------------------------------------------------------- /statistik
def test_statistik_summarises_the_log_for_an_admin_and_is_unknown_to_everyone_else(server, bot, db):
    admin = server.user(ADMIN_ID)
    admin_chat = server.private_chat(admin)
    chat, user = student(server)
    _, reply = say(server, chat, user, "apa itu pbb")
    press(server, chat, user, reply, votes(reply)[0])
    rows = read_questions(db)
    _, stats = say(server, admin_chat, admin, "/statistik")
    text = stats["text"]
    assert text.startswith("Statistik pertanyaan")
    assert f"Pertanyaan: {len(rows)} dari {len({q.user_hash for q in rows})} pengguna" in text
    answered = sum(q.answered for q in rows)
    assert f"Terjawab: {answered} ({100 * answered / len(rows):.0f}%)" in text
    assert f"👍 {sum(q.up for q in rows)} · 👎 {sum(q.down for q in rows)}" in text
    assert "Topik teratas: " in text

    _, refused = say(server, chat, user, "/statistik")
    assert refused["text"] == plain(UNKNOWN_COMMAND)
    group = class_group(server)
    server.send_text(group, admin, "/statistik")  # not in a group, even from an admin
    server.send_text(group, user, "/statistik")
    _, answer = say(server, group, user, "/tanya apa itu wto")
    assert len(server.bot_messages(group)) == 1 and "Statistik" not in answer["text"]


# ---------------------------------------------------------- a locked database
def test_a_locked_database_costs_log_entries_never_answers(server, bot, db, engine):
    chat, user = student(server)
    # The bot may be finishing a write of its own (an earlier test's question): wait for it, then lock.
    locker = sqlite3.connect(db, isolation_level=None, timeout=10)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        warnings = bot.log().count("could not record a question")
        replies = [say(server, chat, user, question)[1] for question in ("apa itu pbb", "apa itu wto", "apa itu asean")]
        assert [topic_of(m, engine) for m in replies] == ["pbb", "wto", "asean"]
        assert all(votes(m) == [] for m in replies)  # nothing logged, so nothing to rate
        bot.wait_log("could not record a question", count=warnings + 3)
        _, refused = say(server, chat, user, "/hapusdata")
        assert refused["text"] == plain(DELETE_FAILED)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    _, reply = say(server, chat, user, "apa itu g20")
    assert topic_of(reply, engine) == "g20" and len(votes(reply)) == 2
    assert [q.intent for q in logged(db, user)] == ["g20"]


# ------------------------------------------------------------- logging off
@pytest.mark.parametrize("setting", ["off", "unusable"])
def test_with_the_log_off_or_unusable_the_bot_answers_keeps_nothing_and_says_so(start_bot, tmp_path, engine, setting):
    data = tmp_path / "data"
    data.mkdir()
    if setting == "off":
        env = {"TANYABOT_DB": str(data / "questions.sqlite3"), "TANYABOT_LOG_QUESTIONS": "0"}
    else:
        (data / "not-a-directory").write_text("", encoding="utf-8")
        env = {"TANYABOT_DB": str(data / "not-a-directory" / "questions.sqlite3")}
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        process = start_bot(bot_env(srv, TANYABOT_RATE_LIMIT="0", TANYABOT_ADMIN_IDS=str(ADMIN_ID), **env))
        process.wait_ready(srv)
        chat, user = student(srv)
        _, reply = say(srv, chat, user, "apa itu pbb")
        assert topic_of(reply, engine) == "pbb" and votes(reply) == []
        assert "/privasi" not in say(srv, chat, user, "/start")[1]["text"]
        assert say(srv, chat, user, "/privasi")[1]["text"] == plain(PRIVACY_OFF)
        assert say(srv, chat, user, "/hapusdata")[1]["text"] == plain(NOTHING_KEPT)
        admin = srv.user(ADMIN_ID)
        assert say(srv, srv.private_chat(admin), admin, "/statistik")[1]["text"] == plain(STATS_OFF)
        assert process.stop() == 0
    names = sorted(path.name for path in data.iterdir())
    if setting == "off":
        assert names == [] and "question log is off" not in process.log()
    else:
        assert names == ["not-a-directory"] and "question log is off" in process.log()


def test_bad_question_log_settings_are_each_reported_and_exit_2(tmp_path):
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "LOG_LEVEL": "loud",
        "TANYABOT_LOG_QUESTIONS": "kadang",
        "TANYABOT_RETENTION_DAYS": "0",
        "TANYABOT_SALT": "pendek",
        "TANYABOT_DB": str(tmp_path / "q.db"),
    }
    result = run("serve", env=env, cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    named = [line.removeprefix("tanyabot serve: ").split(":")[0] for line in stderr.splitlines()]
    assert named == ["LOG_LEVEL", "TANYABOT_LOG_QUESTIONS", "TANYABOT_RETENTION_DAYS", "TANYABOT_SALT"]
    assert not (tmp_path / "q.db").exists()
