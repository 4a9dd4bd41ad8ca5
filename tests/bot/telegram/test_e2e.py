"""The real `tanyabot serve` against the test Bot API server over HTTP; the tests play the users."""

from __future__ import annotations

import statistics
import time

import pytest

from bot.telegram.render import APOLOGY, ASK_USAGE, EMPTY_QUESTION, NOT_TEXT, TOO_LONG, TOPIC_GONE
from tests.bot.conftest import BOT_USERNAME, TOKEN
from tests.support.botapi import BotApiServer
from tests.support.conversation import callbacks, group, labels, plain, private, say, topic_of

SECRET_PART = TOKEN.split(":", 1)[1]
INDUCED = "Bad Request: failure induced by the test"


# ------------------------------------------------------------ private chats
def test_start_registers_indonesian_commands_and_greets(server, bot, new_id):
    commands = server.calls("setMyCommands")[-1]["params"]["commands"]
    assert {c["command"] for c in commands} == {
        "start",
        "bantuan",
        "help",
        "topik",
        "tanya",
        "kuis",
        "skor",
        "kuisharian",
        "mapel",
        "privasi",
        "hapusdata",
    }
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "/start")
    assert "Tanyabot" in reply["text"] and "/topik" in reply["text"] and "/privasi" in reply["text"]


def test_private_question_gets_its_topic_with_related_buttons(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "apa itu pbb")
    assert topic_of(reply, engine) == "pbb"
    related, votes = callbacks(reply)[:-2], callbacks(reply)[-2:]
    assert related == [f"t:{t.id}" for t in engine.topic("pbb").related]
    assert labels(reply)[-2:] == ["👍", "👎"] and [v[:2] for v in votes] == ["f+", "f-"]
    assert reply["entities"][0]["type"] == "bold" and reply["_parse_mode"] == "HTML"


def test_button_press_answers_the_query_then_sends_that_topic(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "apa itu wto")
    target = callbacks(reply)[0]
    count = len(server.bot_messages(chat))
    query_id = server.press_button(chat, user, reply["message_id"], target)
    answer = server.wait_bot_messages(chat, count + 1)[count]
    assert topic_of(answer, engine) == target.removeprefix("t:")
    calls = server.calls()
    answered = next(
        i
        for i, c in enumerate(calls)
        if c["method"] == "answerCallbackQuery" and c["params"]["callback_query_id"] == query_id
    )
    assert calls[answered]["status"] == 200
    assert any(c["method"] == "sendMessage" and c["params"]["chat_id"] == chat["id"] for c in calls[answered:])


def test_button_of_a_topic_that_no_longer_exists_gets_a_gentle_reply(server, bot, new_id):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "apa itu asean")
    count = len(server.bot_messages(chat))
    server.press_button(chat, user, reply["message_id"], "t:topik_yang_sudah_dihapus", check=False)
    assert server.wait_bot_messages(chat, count + 1)[count]["text"] == plain(TOPIC_GONE)


def test_fallback_offers_up_to_three_maksudmu_buttons_that_open_topics(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "resep nasi goreng yang enak")
    assert topic_of(reply, engine) is None and reply["text"].startswith(engine.kb.fallback)
    assert 1 <= len(callbacks(reply)) <= 3
    assert all(label.startswith("Maksudmu") for label in labels(reply))
    count = len(server.bot_messages(chat))
    server.press_button(chat, user, reply["message_id"], callbacks(reply)[0])
    assert topic_of(server.wait_bot_messages(chat, count + 1)[count], engine) == callbacks(reply)[0][2:]


def test_html_characters_in_the_question_are_escaped(server, bot, new_id):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, "<b>apa</b> itu WTO & PBB?")
    assert server.calls("sendMessage")[-1]["status"] == 200
    assert {"t:wto", "t:pbb"} & set(callbacks(reply))


@pytest.mark.parametrize(
    "text, expected",
    [("x" * 5000, TOO_LONG), ("kata " * 1000, TOO_LONG), ("   ", EMPTY_QUESTION), ("\n\t", EMPTY_QUESTION)],
)
def test_huge_or_blank_message_gets_a_polite_reply(server, bot, new_id, text, expected):
    chat, user = private(server, new_id)
    _, reply = say(server, chat, user, text)
    assert reply["text"] == plain(expected)


def test_follow_up_question_uses_the_previous_topic(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    say(server, chat, user, "apa itu pbb")
    _, follow_up = say(server, chat, user, "terus tujuannya apa?")
    assert topic_of(follow_up, engine) == "pbb"
    fresh_chat, fresh_user = private(server, new_id)
    _, without_context = say(server, fresh_chat, fresh_user, "terus tujuannya apa?")
    assert topic_of(without_context, engine) != "pbb"


def test_edited_question_is_answered_again(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    sent, first = say(server, chat, user, "apa itu pbb")
    count = len(server.bot_messages(chat))
    server.edit_text(chat, user, sent["message_id"], "apa itu g20")
    again = server.wait_bot_messages(chat, count + 1)[count]
    assert topic_of(first, engine) == "pbb" and topic_of(again, engine) == "g20"
    assert again["reply_to_message"]["message_id"] == sent["message_id"]


def test_sticker_and_photo_get_a_friendly_request_to_type(server, bot, new_id):
    chat, user = private(server, new_id)
    server.send_sticker(chat, user)
    server.send_photo(chat, user)
    assert [m["text"] for m in server.wait_bot_messages(chat, 2)] == [plain(NOT_TEXT)] * 2


def test_topik_lists_topics_and_pages_through_them(server, bot, new_id, engine):
    chat, user = private(server, new_id)
    _, listing = say(server, chat, user, "/topik")
    first_page = callbacks(listing)
    assert "p:1" in first_page and first_page[0] == f"t:{engine.topics()[0].id}"
    server.press_button(chat, user, listing["message_id"], "p:1")
    edited = server.wait_for(lambda calls: any(c["method"] == "editMessageText" for c in calls))
    assert [c["status"] for c in edited if c["method"] == "answerCallbackQuery"][-1] == 200
    second_page = callbacks(server.message(chat, listing["message_id"]))
    assert "p:0" in second_page and set(second_page) & set(first_page) <= {"p:1"}


# -------------------------------------------------------------------- groups
def test_group_chatter_is_ignored_and_a_mention_is_answered_in_reply(server, bot, new_id, engine):
    chat, user = group(server, new_id)
    server.send_text(chat, user, "apa itu wto?")
    server.send_text(chat, user, "ada yang sudah ngerjain PR?")
    asked, reply = say(server, chat, user, f"@{BOT_USERNAME} apa itu wto?")
    assert len(server.bot_messages(chat)) == 1  # updates of a chat are handled in order: chatter first
    assert topic_of(reply, engine) == "wto"
    assert reply["reply_to_message"]["message_id"] == asked["message_id"]


@pytest.mark.parametrize("command", ["/tanya", f"/tanya@{BOT_USERNAME}"])
def test_group_tanya_command_is_answered_in_reply(server, bot, new_id, engine, command):
    chat, user = group(server, new_id)
    asked, reply = say(server, chat, user, f"{command} apa itu asean")
    assert topic_of(reply, engine) == "asean"
    assert reply["reply_to_message"]["message_id"] == asked["message_id"]


def test_tanya_without_a_question_gets_a_usage_hint(server, bot, new_id):
    chat, user = group(server, new_id)
    _, reply = say(server, chat, user, "/tanya")
    assert reply["text"] == plain(ASK_USAGE)


def test_group_mention_alone_asks_for_the_question(server, bot, new_id):
    chat, user = group(server, new_id)
    _, reply = say(server, chat, user, f"@{BOT_USERNAME}")
    assert reply["text"] == plain(EMPTY_QUESTION)


def test_group_reply_to_the_bot_is_a_follow_up(server, bot, new_id, engine):
    chat, user = group(server, new_id)
    _, answer = say(server, chat, user, "/tanya apa itu asean")
    asked, reply = say(server, chat, user, "kapan didirikan?", reply_to_message_id=answer["message_id"])
    assert topic_of(reply, engine) == "asean"
    assert reply["reply_to_message"]["message_id"] == asked["message_id"]


def test_command_for_another_bot_is_ignored(server, bot, new_id, engine):
    chat, user = group(server, new_id)
    server.send_text(chat, user, "/tanya@other_bot apa itu wto")
    server.send_text(chat, user, "/start@other_bot")
    _, reply = say(server, chat, user, "/tanya apa itu iaea")
    assert len(server.bot_messages(chat)) == 1 and topic_of(reply, engine) == "iaea"


# --------------------------------------------------------------- inline mode
def inline_answer(server: BotApiServer, user: dict, query: str, offset: str = "") -> dict:
    query_id = server.inline_query(user, query, offset)

    def answered(calls):
        return [c for c in calls if c["method"] == "answerInlineQuery" and c["params"]["inline_query_id"] == query_id]

    (call,) = answered(server.wait_for(answered))
    assert call["status"] == 200, call["response"]
    return call["params"]


def test_inline_query_returns_up_to_five_articles(server, bot, new_id, engine):
    user = server.user(new_id())
    found = inline_answer(server, user, "wto")
    assert 1 <= len(found["results"]) <= 5 and found["results"][0]["id"] == "wto"
    article = found["results"][0]
    assert article["type"] == "article" and article["title"] == engine.topic("wto").title
    assert article["description"] and "\n" not in article["description"]
    assert article["input_message_content"]["parse_mode"] == "HTML"
    assert int(found.get("cache_time", 300)) <= 60


def test_inline_empty_query_pages_through_topics_and_unsure_query_still_suggests(server, bot, new_id, engine):
    user = server.user(new_id())
    first = inline_answer(server, user, "")
    ids = [r["id"] for r in first["results"]]
    assert ids == [t.id for t in engine.topics()[:5]] and first["next_offset"] == "5"
    second = inline_answer(server, user, "", first["next_offset"])
    assert [r["id"] for r in second["results"]] == [t.id for t in engine.topics()[5:10]]
    unsure = inline_answer(server, user, "organisasi dagang")
    assert 1 <= len(unsure["results"]) <= 5


def test_a_failing_reply_is_logged_and_answered_with_an_apology(server, bot, new_id):
    chat, user = private(server, new_id)
    server.fail_next("sendMessage", 400, description=INDUCED)
    _, reply = say(server, chat, user, "apa itu pbb")
    assert reply["text"] == plain(APOLOGY)
    assert "error while handling an update" in bot.log()  # logged before the apology is sent


# ------------------------------------------------------- ordering and latency
def test_replies_keep_question_order_in_a_chat_while_other_chats_go_ahead(server, bot, new_id, engine):
    chat_a, user_a = private(server, new_id)
    chat_b, user_b = private(server, new_id)
    server.delay_next("sendMessage", 1.5)  # the first reply (chat A's first) hangs for 1.5 s
    server.send_text(chat_a, user_a, "apa itu pbb")
    server.send_text(chat_a, user_a, "apa itu wto")
    time.sleep(0.3)
    server.send_text(chat_b, user_b, "apa itu asean")
    b_reply = server.wait_bot_messages(chat_b, 1, timeout=1.0)[0]  # not stuck behind chat A
    assert topic_of(b_reply, engine) == "asean" and len(server.bot_messages(chat_a)) == 0
    assert [topic_of(m, engine) for m in server.wait_bot_messages(chat_a, 2)] == ["pbb", "wto"]


def test_median_latency_from_update_served_to_reply(server, bot, new_id):
    chat, user = private(server, new_id)
    questions = [
        "apa itu pbb",
        "tujuan kerjasama multilateral",
        "contoh kerjasama multilateral",
        "apa itu wto",
        "manfaat kerjasama multilateral",
        "kapan asean berdiri",
        "apa itu g20",
        "peran indonesia",
        "apa itu iaea",
        "uni eropa itu apa",
        "apa itu sdgs",
        "bedanya bilateral dan multilateral",
        "tantangan kerjasama multilateral",
        "isu global apa saja",
        "kenapa kerjasama multilateral penting",
        "perdamaian dunia",
        "markas pbb di mana",
        "halo",
        "makasih",
        "resep rendang",
    ]
    latencies = []
    for question in questions:
        pushed = time.time()
        sent, reply = say(server, chat, user, question)

        # The call that made the very message `say` saw: the server stores a message before it
        # records the call, so the chat's latest recorded call may still be the previous reply.
        def made_the_reply(call, message_id=reply["message_id"]):
            result = (call["response"] or {}).get("result")
            return (
                call["method"] == "sendMessage"
                and isinstance(result, dict)
                and result.get("message_id") == message_id
                and call["params"]["chat_id"] == chat["id"]
            )

        reply_call = next(
            c for c in server.wait_for(lambda calls: any(map(made_the_reply, calls))) if made_the_reply(c)
        )
        # Served = when the getUpdates that carried it began answering: its (long-poll) start, or the push.
        poll = next(
            c
            for c in server.calls("getUpdates")
            if any(
                u.get("message", {}).get("message_id") == sent["message_id"]
                and u["message"]["chat"]["id"] == chat["id"]
                for u in (c["response"] or {}).get("result", [])
            )
        )
        latencies.append(reply_call["time"] - max(poll["time"], pushed))
    median = statistics.median(latencies)
    print(
        f"\nmedian update-served -> sendMessage latency over {len(latencies)} questions: {median * 1000:.1f} ms "
        f"(max {max(latencies) * 1000:.1f} ms)"
    )
    assert (
        len(latencies) == len(questions) and min(latencies) >= 0
    )  # every question answered; timing is reported, not asserted


# ----------------------------------------------- the shared bot, checked last
def test_every_call_was_accepted_and_the_token_never_logged(server, bot):
    rejected = [
        (c["method"], c["status"], c["response"])
        for c in server.calls()
        if c["status"] is not None and c["status"] != 200 and c["response"]["description"] != INDUCED
    ]
    assert rejected == [] and server.server_errors() == []
    log = bot.log()
    assert " DEBUG telegram." in log  # the log really is at DEBUG, where PTB logs the most
    assert TOKEN not in log and SECRET_PART not in log
