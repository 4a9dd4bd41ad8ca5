"""Quizzes through the real `tanyabot serve`: quiz polls, answers, rounds, scores, practice and daily
questions, with the test Bot API server playing Telegram and its users, and a real SQLite file."""

from __future__ import annotations

import sqlite3
import time

import pytest

from bot.telegram.questionlog import DELETED
from bot.telegram.quiz_text import (
    DAILY_ADMINS_ONLY,
    DAILY_HEAD,
    DAILY_SET,
    DUE,
    NOTHING_DUE,
    STOP_REFUSED,
    WRONG_PRIVATE,
)
from faq.practice import DAY_SECONDS
from tests.bot.conftest import BOT_USERNAME, TOKEN, bot_env
from tests.support.botapi import BotApiServer
from tests.support.conversation import callbacks, plain, say, sent_messages, topic_of

ROUND_SECONDS = "5"  # Telegram's shortest open_period


def polls(server: BotApiServer, chat: dict) -> list[dict]:
    return [m for m in server.bot_messages(chat) if m["_method"] == "sendPoll" and m["_event"] == "sent"]


def wait_polls(server: BotApiServer, chat: dict, count: int, timeout: float = 20.0) -> dict:
    """Wait for the bot's `count`-th poll in `chat`; its current state (with `_correct_option_id`)."""
    server.wait_for(lambda calls: len(polls(server, chat)) >= count, timeout=timeout)
    return server.latest_poll(chat)


def wait_text(server: BotApiServer, chat: dict, text: str, timeout: float = 20.0) -> dict:
    def found(calls):
        return any(text in m.get("text", "") for m in sent_messages(server, chat))

    server.wait_for(found, timeout=timeout)
    return next(m for m in sent_messages(server, chat) if text in m.get("text", ""))


def answer(server: BotApiServer, user: dict, poll: dict, *, right: bool) -> None:
    correct = poll["_correct_option_id"]
    options = len(poll["poll"]["options"])
    server.answer_poll(user, poll, [correct if right else (correct + 1) % options])


def item_of(poll: dict, engine):
    return next(i for i in engine.kb.quiz_items() if i.question == poll["poll"]["question"])


def rows(db, sql, *params):
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def wait_rows(db, sql, expected, *params, timeout=10.0):
    deadline = time.monotonic() + timeout
    while (found := rows(db, sql, *params)) != expected:
        assert time.monotonic() < deadline, found
        time.sleep(0.05)
    return found


# ------------------------------------------------------------- private practice
def test_private_practice_remembers_wrong_answers_over_two_days(server, bot, new_id, engine):
    db = bot.log_path.parent / "questions.sqlite3"
    user = server.user(new_id(), first_name="Ani")
    chat = server.private_chat(user)
    _, intro = say(server, chat, user, "/kuis")
    assert intro["text"] == plain(NOTHING_DUE)  # nothing practised yet
    first = wait_polls(server, chat, 1)
    assert first["poll"]["type"] == "quiz" and not first["poll"]["is_anonymous"]
    missed = item_of(first, engine)
    assert callbacks(first) == [f"t:{missed.intent}"]  # the button opens the topic's answer
    answer(server, user, first, right=False)
    nudge = wait_text(server, chat, plain(WRONG_PRIVATE))
    assert callbacks(nudge) == [f"t:{missed.intent}"]
    hashes = wait_rows(db, "SELECT count(*) FROM quiz_practice", [(1,)])
    ((box, due, answered),) = rows(db, "SELECT box, due_at, answered_at FROM quiz_practice")
    assert hashes and box == 1 and due - answered == DAY_SECONDS  # wrong: box 1, due tomorrow

    say(server, chat, user, "/kuis")  # the missed item is not due yet: an unseen one comes
    second = wait_polls(server, chat, 2)
    assert item_of(second, engine) != missed
    answer(server, user, second, right=True)
    wait_rows(db, "SELECT count(*) FROM quiz_practice", [(2,)])

    # A day passes: every due date moves a day earlier in the real file.
    connection = sqlite3.connect(db)
    connection.execute(
        "UPDATE quiz_practice SET due_at = due_at - ?, answered_at = answered_at - ?", (DAY_SECONDS, DAY_SECONDS)
    )
    connection.commit()
    connection.close()
    _, intro = say(server, chat, user, "/kuis")
    assert intro["text"] == plain(DUE.format(due=1))  # the right one is due in three days, not yet
    third = wait_polls(server, chat, 3)
    assert item_of(third, engine) == missed  # the one got wrong comes back first
    answer(server, user, third, right=True)
    deadline = time.monotonic() + 10
    while rows(db, "SELECT box FROM quiz_practice WHERE item_id = ?", missed.id) != [(2,)]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # /skor in private: the student's own record, the missed topic as a button
    _, record = say(server, chat, user, "/skor")
    assert "Dijawab: 3" in record["text"] and "Benar: 2" in record["text"]
    assert callbacks(record) == [f"t:{missed.intent}"]


def test_kuis_with_words_draws_from_that_topic_and_unknown_words_list_topics(server, bot, new_id, engine):
    user = server.user(new_id())
    chat = server.private_chat(user)
    say(server, chat, user, "/kuis wto")
    poll = wait_polls(server, chat, 1)
    assert item_of(poll, engine).intent == "wto"
    _, reply = say(server, chat, user, "/kuis resep rendang padang")
    assert "Aku belum punya soal kuis tentang itu" in reply["text"]
    assert len(callbacks(reply)) == sum(1 for i in engine.kb.intents if i.quiz)


# ------------------------------------------------------------- group rounds
@pytest.fixture(scope="module")
def round_bot(tmp_path_factory):
    from tests.bot.conftest import BotProcess

    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        directory = tmp_path_factory.mktemp("roundbot")
        env = bot_env(
            srv,
            TANYABOT_RATE_LIMIT="0",
            TANYABOT_USER_RATE="off",
            TANYABOT_QUIZ_SECONDS=ROUND_SECONDS,
            TANYABOT_QUIZ_DAILY_PERIOD="2",
        )
        process = BotProcess(env, directory / "bot.log", directory)
        try:
            process.wait_ready(srv)
            yield srv, process
        finally:
            process.stop()


def test_a_group_round_of_three_with_three_users_then_the_scoreboard(round_bot, new_id):
    srv, _ = round_bot
    chat = srv.group_chat(-1_000_000_000_000 - new_id())
    ani, budi, cici = (srv.user(new_id(), first_name=n) for n in ("Ani", "Budi", "Cici"))
    _, started = say(srv, chat, ani, f"/kuis@{BOT_USERNAME} 3")
    assert "Kuis dimulai" in started["text"] and "3 soal" in started["text"]
    plan = [(ani, (True, True, True)), (budi, (True, False, True)), (cici, (False, True, True))]
    for number in range(3):
        poll = wait_polls(srv, chat, number + 1)
        assert poll["poll"]["open_period"] == int(ROUND_SECONDS)
        for user, rights in plan:
            answer(srv, user, poll, right=rights[number])
    results = wait_text(srv, chat, "Hasil kuis", timeout=40)
    lines = plain(results["text"]).splitlines()
    assert lines[1].startswith("🥇 Ani: 3 benar")
    assert sorted(lines[2:]) == ["🥈 Budi: 2 benar dari 3", "🥈 Cici: 2 benar dari 3"]  # a tie shares a place
    _, board = say(srv, chat, budi, "/skor")
    text = plain(board["text"])
    week, all_time = text.split("Sepanjang masa")
    assert week.index("Ani") < week.index("Budi") and "🥇 Ani: 3 benar dari 3" in all_time


def test_kuis_stop_is_for_the_starter_or_an_admin(round_bot, new_id):
    srv, process = round_bot
    chat = srv.group_chat(-1_000_000_000_000 - new_id())
    starter, other, teacher = (srv.user(new_id(), first_name=n) for n in ("Dimas", "Eka", "Bu Guru"))
    say(srv, chat, starter, "/kuis 5")
    poll = wait_polls(srv, chat, 1)
    answer(srv, starter, poll, right=True)
    db = process.log_path.parent / "questions.sqlite3"
    wait_rows(db, "SELECT count(*) FROM quiz_answers WHERE first_name = 'Dimas'", [(1,)])
    _, refused = say(srv, chat, other, "/kuis stop")
    assert refused["text"] == plain(STOP_REFUSED)
    srv.set_member_status(chat, teacher, "administrator")
    _, stopped = say(srv, chat, teacher, "/kuis stop")
    assert "Kuis dihentikan" in stopped["text"] and "Dimas: 1 benar dari 1" in plain(stopped["text"])
    assert srv.latest_poll(chat)["poll"]["is_closed"]
    time.sleep(int(ROUND_SECONDS) + 3)
    assert len(polls(srv, chat)) == 1  # no next poll after the stop


# ------------------------------------------------------------- daily questions
def test_daily_question_is_for_admins_fires_survives_a_restart_and_stops_on_403(start_bot, new_id, tmp_path, engine):
    db = tmp_path / "daily.sqlite3"
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        env = bot_env(
            srv, TANYABOT_RATE_LIMIT="0", TANYABOT_USER_RATE="off", TANYABOT_QUIZ_DAILY_PERIOD="2", TANYABOT_DB=str(db)
        )
        first = start_bot(env)
        first.wait_ready(srv)
        chat = srv.group_chat(-1_000_000_000_000 - new_id(), type="group")
        student, admin = srv.user(new_id(), first_name="Fajar"), srv.user(new_id(), first_name="Pak Guru")
        srv.set_member_status(chat, admin, "creator")
        _, refused = say(srv, chat, student, "/kuisharian 07:00")
        assert refused["text"] == plain(DAILY_ADMINS_ONLY)
        _, done = say(srv, chat, admin, "/kuisharian 07:00")
        assert done["text"] == plain(DAILY_SET.format(at="07:00", tz="Asia/Jakarta"))
        _, shown = say(srv, chat, student, "/kuisharian")  # anyone may see the setting
        assert "07:00" in shown["text"]
        wait_text(srv, chat, plain(DAILY_HEAD), timeout=15)
        wait_polls(srv, chat, 1, timeout=15)  # TANYABOT_QUIZ_DAILY_PERIOD=2: every two seconds here

        # The schedule is in the database: a new process on the same file keeps posting.
        assert first.stop() == 0
        second = start_bot(env)
        second.wait_ready(srv)
        count = len(polls(srv, chat))
        wait_polls(srv, chat, count + 1, timeout=15)

        srv.forbid_chat(chat)  # the bot was removed from the group
        second.wait_log("daily quiz for chat", timeout=15)
        time.sleep(5)
        assert second.log().count("daily quiz for chat") == 1  # one line, then the schedule is gone
        assert rows(db, "SELECT count(*) FROM quiz_daily WHERE chat_id = ?", chat["id"]) == [(0,)]
        private = srv.private_chat(student)
        assert topic_of(say(srv, private, student, "apa itu wto")[1], engine) == "wto"  # still answering


# ------------------------------------------------------------- privacy
def test_hapusdata_removes_quiz_answers_and_practice(server, bot, new_id):
    db = bot.log_path.parent / "questions.sqlite3"
    user = server.user(new_id(), first_name="Gita")
    chat = server.private_chat(user)
    say(server, chat, user, "/kuis")
    poll = wait_polls(server, chat, 1)
    answer(server, user, poll, right=True)
    wait_rows(db, "SELECT count(*) FROM quiz_answers WHERE first_name = 'Gita'", [(1,)])
    _, reply = say(server, chat, user, "/hapusdata")
    assert reply["text"] == plain(DELETED.format(count=2))  # one answer and one practice row
    assert rows(db, "SELECT count(*) FROM quiz_answers WHERE first_name = 'Gita'") == [(0,)]


def test_the_flood_gate_counts_kuis_like_a_question(start_bot, new_id):
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        process = start_bot(bot_env(srv, TANYABOT_RATE_LIMIT="0", TANYABOT_USER_RATE="2/30"))
        process.wait_ready(srv)
        user = srv.user(new_id())
        chat = srv.private_chat(user)
        for _ in range(2):
            say(srv, chat, user, "/kuis bantuan")  # the usage: one reply each
        _, notice = say(srv, chat, user, "/kuis bantuan")
        assert "Pelan-pelan" in notice["text"]
