"""Floods, a second instance, stopping and restarting, reloading the KB: the real bot, end to end.

Each test runs its own server and bot process(es), with the settings the behaviour needs.
"""

from __future__ import annotations

import signal

from bot.telegram.render import SLOW_DOWN, UNKNOWN_COMMAND
from tests.bot.conftest import BOT_USERNAME, TOKEN, bot_env
from tests.support.botapi import BotApiServer
from tests.support.conversation import callbacks, plain, say, topic_of

SECRET_PART = TOKEN.split(":", 1)[1]

KB = """\
intents:
  - id: gunung
    title: Gunung
    questions: [apa itu gunung, pengertian gunung]
    answer: Gunung adalah bukit yang sangat tinggi.
    related: [sungai]
  - id: sungai
    title: Sungai
    questions: [apa itu sungai, pengertian sungai]
    answer: Sungai adalah aliran air yang besar.
    related: []
"""
LAUT = """\
  - id: laut
    title: Laut
    questions: [apa itu laut]
    answer: Laut adalah perairan asin yang luas.
    related: []
"""
DANAU = LAUT.replace("laut", "danau").replace("Laut", "Danau").replace("perairan asin yang luas", "air tawar")
BROKEN = KB + "  - id: rusak\n    title: Tanpa jawaban\n    questions: [apa itu rusak]\n"


def server() -> BotApiServer:
    return BotApiServer(TOKEN, bot_username=BOT_USERNAME)


def title(message: dict) -> str:
    return message["text"].split("\n", 1)[0]


# ------------------------------------------------------------------------- flood
def test_a_flooding_user_gets_one_notice_then_silence_while_others_are_served(start_bot, engine):
    with server() as srv:
        bot = start_bot(bot_env(srv, TANYABOT_RATE_LIMIT="0"))  # TANYABOT_USER_RATE unset: 10 per 10 s
        bot.wait_ready(srv)
        flooder, other = srv.user(501), srv.user(502)
        chat, other_chat = srv.private_chat(flooder), srv.private_chat(other)
        for _ in range(30):  # 30 messages at once, well within 5 seconds
            srv.send_text(chat, flooder, "apa itu pbb")
        _, answer = say(srv, other_chat, other, "apa itu wto")
        assert topic_of(answer, engine) == "wto"  # served in the middle of the flood
        first = srv.wait_bot_messages(chat, 1)[0]
        # A button press comes after the 30 messages in the same chat, so once it is answered all
        # 30 were handled; it is over the limit too, and answered without a word.
        query_id = srv.press_button(chat, flooder, first["message_id"], callbacks(first)[0])

        def answered(calls):
            return [
                c
                for c in calls
                if c["method"] == "answerCallbackQuery" and c["params"]["callback_query_id"] == query_id
            ]

        (press,) = answered(srv.wait_for(answered))
        assert "text" not in press["params"]
        messages = srv.bot_messages(chat)
        assert [topic_of(m, engine) for m in messages[:10]] == ["pbb"] * 10
        assert [m["text"] for m in messages[10:]] == [plain(SLOW_DOWN)]
        assert bot.log().count(f"user {flooder['id']} sent over 10 messages in 10 s") == 1

        # In a group only what is meant for the bot counts: a chatty pupil is still answered.
        chatty = srv.user(504)
        class_group = srv.group_chat(-1_000_000_000_504)
        for i in range(15):
            srv.send_text(class_group, chatty, f"ada yang sudah ngerjain PR nomor {i}?")
            srv.send_text(class_group, chatty, "/tanya@other_bot apa itu wto")
        _, reply = say(srv, class_group, chatty, "/tanya apa itu asean")
        assert topic_of(reply, engine) == "asean" and len(srv.bot_messages(class_group)) == 1
        assert bot.stop() == 0


# ---------------------------------------------------------------------- conflict
def test_a_second_instance_polling_the_token_makes_the_first_stop_clearly(start_bot, engine):
    with server() as srv:
        env = bot_env(srv, TANYABOT_RATE_LIMIT="0")
        first = start_bot(env)
        first.wait_ready(srv)
        second = start_bot(env)
        assert first.wait_exit(timeout=20) == 1
        log = first.wait_log("another instance is polling this token")
        assert " ERROR bot.telegram.handlers: another instance is polling this token" in log and SECRET_PART not in log
        user = srv.user(503)
        _, reply = say(srv, srv.private_chat(user), user, "apa itu pbb")  # the newcomer keeps serving
        assert topic_of(reply, engine) == "pbb"
        assert second.process.poll() is None and "another instance" not in second.log()
        assert second.stop() == 0


# ------------------------------------------------------------------ stop, restart
def test_sigterm_finishes_answers_in_flight_and_a_restart_answers_nothing_twice(start_bot, engine):
    with server() as srv:
        env = bot_env(srv, TANYABOT_RATE_LIMIT="0")
        first = start_bot(env)
        first.wait_ready(srv)
        users = [srv.user(600 + i) for i in range(6)]
        chats = [srv.private_chat(user) for user in users]
        srv.delay_next("sendMessage", 0.5, count=len(users))  # every answer is still in flight at SIGTERM
        for chat, user in zip(chats, users, strict=True):
            srv.send_text(chat, user, "apa itu pbb")
        first.wait_log("answered intent=", count=len(users))  # all six handled, their replies on the way
        first.signal(signal.SIGTERM)
        assert first.wait_exit() == 0
        assert [len(srv.bot_messages(chat)) for chat in chats] == [1] * len(chats)  # finished, not dropped
        assert srv.pending_updates() == []  # the offset was confirmed on the way out
        for chat, user in zip(chats, users, strict=True):
            srv.send_text(chat, user, "apa itu wto")  # asked while no bot runs
        second = start_bot(env)
        second.wait_ready(srv)  # its start-up is no part of the answers' time (it took over 10 s once, under load)
        for chat in chats:
            srv.wait_bot_messages(chat, 2)
        assert all([topic_of(m, engine) for m in srv.bot_messages(chat)] == ["pbb", "wto"] for chat in chats)
        assert second.stop() == 0


# ------------------------------------------------------------------------ reload
def test_reload_by_admin_and_sighup_keep_the_last_good_kb_and_user_text_stays_out_of_the_log(start_bot, tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text(KB, encoding="utf-8")
    with server() as srv:
        admin, student = srv.user(700), srv.user(701)
        admin_chat, student_chat = srv.private_chat(admin), srv.private_chat(student)
        bot = start_bot(
            bot_env(
                srv,
                TANYABOT_KB=str(kb),
                TANYABOT_ADMIN_IDS=f"{admin['id']}, 999",
                TANYABOT_RATE_LIMIT="0",
                LOG_LEVEL="INFO",
            )
        )
        bot.wait_ready(srv)

        # Anyone else gets /reload answered like any unknown command: nothing reveals it exists.
        _, refused = say(srv, student_chat, student, "/reload")
        _, unknown = say(srv, student_chat, student, "/perintahasal")
        assert refused["text"] == unknown["text"] == plain(UNKNOWN_COMMAND)
        class_group = srv.group_chat(-1_000_000_000_777)
        srv.send_text(class_group, admin, "/reload")  # not in a group, even from an admin
        say(srv, class_group, admin, "/tanya apa itu gunung")
        assert [title(m) for m in srv.bot_messages(class_group)] == ["Gunung"]

        kb.write_text(KB + LAUT, encoding="utf-8")
        _, report = say(srv, admin_chat, admin, "/reload")
        assert "dimuat ulang: 3 topik (sebelumnya 2)" in report["text"]
        assert title(say(srv, student_chat, student, "apa itu laut")[1]) == "Laut"

        kb.write_text(BROKEN, encoding="utf-8")
        _, report = say(srv, admin_chat, admin, "/reload")
        assert report["text"].startswith("Gagal memuat ulang") and f"{kb}:" in report["text"]
        assert "rusak: answer" in report["text"]
        assert title(say(srv, student_chat, student, "apa itu laut")[1]) == "Laut"  # the last good KB

        count = len(srv.bot_messages(admin_chat))
        bot.signal(signal.SIGHUP)  # still broken: the admin hears about it too
        assert srv.wait_bot_messages(admin_chat, count + 1)[count]["text"].startswith("Gagal memuat ulang")
        kb.write_text(KB + DANAU, encoding="utf-8")
        bot.signal(signal.SIGHUP)
        log = bot.wait_log("knowledge base reloaded (SIGHUP): 3 intents")
        assert title(say(srv, student_chat, student, "apa itu danau")[1]) == "Danau"

        assert log.count("reload (SIGHUP) failed with") == 1 and "ERROR bot.telegram.admin: reload problem: " in log
        assert "Traceback" not in log

        # At INFO the log tells what was answered, never what was asked.
        say(srv, student_chat, student, "apa itu gunung kata Kucingoranye42")
        say(srv, student_chat, student, "tulisan-rahasia-Zebrabiru77")
        assert bot.stop() == 0
        log = bot.log()
        assert "answered intent=gunung" in log
        assert "Kucingoranye42" not in log and "Zebrabiru77" not in log and SECRET_PART not in log
