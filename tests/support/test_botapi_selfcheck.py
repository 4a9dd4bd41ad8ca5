"""Self-checks of the test Bot API server, with python-telegram-bot's own Bot as the client."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent
from telegram.error import BadRequest, Conflict, InvalidToken

from .ptb_client import TOKEN, make_bot, raw_post, run_with_bot


def test_get_me_returns_bot_identity(server):
    me = run_with_bot(server, lambda bot: bot.get_me())
    assert me.is_bot and me.username == "tanya_test_bot"
    assert me.can_read_all_group_messages is False and me.supports_inline_queries is True
    assert server.calls("getMe")[0]["status"] == 200


def test_send_message_valid_html_stores_plain_text_and_utf16_entities(server):
    chat = server.private_chat(server.user(11))
    html = '🏟 <b>Sila</b> &lt;1&gt; <a href="https://id.wikipedia.org/wiki/Pancasila">tautan</a>'
    sent = run_with_bot(server, lambda bot: bot.send_message(chat["id"], html, parse_mode="HTML"))
    assert sent.text == "🏟 Sila <1> tautan" and sent.message_id == 1 and sent.from_user.is_bot
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 3, 4), ("text_link", 12, 6)]
    stored = server.bot_messages(chat["id"])
    assert stored[0]["_raw_text"] == html and stored[0]["_parse_mode"] == "HTML"
    assert stored[0]["text"] == sent.text


@pytest.mark.parametrize(
    "html, error",
    [
        ("<b>tebal", "Can't find end tag corresponding to start tag b"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<p>paragraf</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("Hak & kewajiban", 'Character "&" at byte offset 4 must be escaped as "&amp;"'),
    ],
)
def test_send_message_malformed_html_rejected(server, html, error):
    chat = server.private_chat(server.user(12))
    with pytest.raises(BadRequest) as info:
        run_with_bot(server, lambda bot: bot.send_message(chat["id"], html, parse_mode="HTML"))
    assert str(info.value).lower() == f"can't parse entities: {error}".lower()  # PTB re-cases the text
    assert server.calls("sendMessage")[0]["response"]["description"] == f"Bad Request: can't parse entities: {error}"
    assert server.bot_messages(chat["id"]) == []


def test_send_message_length_is_counted_after_entity_parsing(server):
    chat = server.private_chat(server.user(13))

    async def body(bot):
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(chat["id"], "a" * 4097)
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(chat["id"], "<b> </b>", parse_mode="HTML")
        await bot.send_message(chat["id"], "a" * 4096)
        return await bot.send_message(chat["id"], "&lt;" * 4096, parse_mode="HTML")

    assert run_with_bot(server, body).text == "<" * 4096


def test_callback_data_over_64_bytes_rejected(server):
    chat = server.private_chat(server.user(14))

    def keyboard(data):
        return InlineKeyboardMarkup([[InlineKeyboardButton("Konsep", callback_data=data)]])

    async def body(bot):
        with pytest.raises(BadRequest, match=r"Button_data_invalid"):
            await bot.send_message(chat["id"], "x", reply_markup=keyboard("a" * 65))
        with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
            await bot.send_message(chat["id"], "x", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("t")]]))
        return await bot.send_message(chat["id"], "x", reply_markup=keyboard("é" * 32))

    sent = run_with_bot(server, body)
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "é" * 32


def test_get_updates_returns_pushed_update_and_honours_offset(server):
    user = server.user(15, username="siswa_satu")
    chat = server.private_chat(user)
    server.send_text(chat, user, "/start@tanya_test_bot halo @siswa_dua")

    async def body(bot):
        first = await bot.get_updates(timeout=0)
        again = await bot.get_updates(timeout=0)  # unconfirmed updates are served again
        after = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
        return first, again, after

    first, again, after = run_with_bot(server, body)
    assert [u.update_id for u in first] == [u.update_id for u in again] == [server.updates()[0]["update_id"]]
    message = first[0].message
    assert message.text.startswith("/start") and message.from_user.id == 15
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 21), ("mention", 27, 10)]
    assert after == () and server.pending_updates() == []


def test_long_polling_returns_promptly_on_new_update(server):
    user = server.user(16)
    chat = server.private_chat(user)

    async def body(bot):
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        empty_wait = time.monotonic() - started
        threading.Timer(0.2, server.send_text, (chat, user, "apa itu pancasila?")).start()
        started = time.monotonic()
        updates = await bot.get_updates(timeout=10)
        return empty_wait, time.monotonic() - started, updates

    empty_wait, wait, updates = run_with_bot(server, body)
    assert 0.9 <= empty_wait < 2.5
    assert 0.15 <= wait < 1.5 and updates[0].message.text == "apa itu pancasila?"


def test_answer_callback_query_requires_a_known_id(server):
    user = server.user(20)
    chat = server.private_chat(user)

    async def body(bot):
        sent = await bot.send_message(
            chat["id"],
            "Pilih:",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Sila 1", callback_data="concept:sila1")]]),
        )
        query_id = server.press_button(chat, user, sent.message_id, "concept:sila1")
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query("987654321")
        assert await bot.answer_callback_query(query_id) is True
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query(query_id)  # answered already
        return await bot.get_updates(timeout=0)

    updates = run_with_bot(server, body)
    assert updates[0].callback_query.data == "concept:sila1"
    assert updates[0].callback_query.message.text == "Pilih:"
    with pytest.raises(LookupError):
        server.press_button(chat, user, 1, "not-a-button")


def test_answer_inline_query_accepts_known_id_and_checks_results(server):
    query_id = server.inline_query(server.user(21), "pancasila")

    def article(result_id):
        return InlineQueryResultArticle(
            result_id, "Pancasila", InputTextMessageContent("<b>Dasar</b> negara", parse_mode="HTML")
        )

    async def body(bot):
        with pytest.raises(BadRequest, match="Results_too_much"):
            await bot.answer_inline_query(query_id, [article(str(i)) for i in range(51)])
        with pytest.raises(BadRequest, match="Result_id_invalid"):
            await bot.answer_inline_query(query_id, [article("x" * 65)])
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_inline_query("1", [article("a")])
        return await bot.answer_inline_query(query_id, [article("a")])

    assert run_with_bot(server, body) is True


def test_reply_to_missing_message_rejected_unless_allowed(server):
    user = server.user(22)
    chat = server.private_chat(user)
    question = server.send_text(chat, user, "apa itu demokrasi?")

    async def body(bot):
        with pytest.raises(BadRequest, match="Message to be replied not found"):
            await bot.send_message(chat["id"], "x", reply_to_message_id=999)
        loose = await bot.send_message(chat["id"], "x", reply_to_message_id=999, allow_sending_without_reply=True)
        reply = await bot.send_message(chat["id"], "jawaban", reply_to_message_id=question["message_id"])
        return loose, reply

    loose, reply = run_with_bot(server, body)
    assert loose.reply_to_message is None
    assert reply.reply_to_message.text == "apa itu demokrasi?"
    assert server.bot_messages(chat["id"])[-1]["reply_to_message"]["message_id"] == question["message_id"]


def test_edit_message_text_and_commands_round_trip(server):
    chat = server.private_chat(server.user(23))

    async def body(bot):
        sent = await bot.send_message(chat["id"], "lama")
        edited = await bot.edit_message_text("baru", chat_id=chat["id"], message_id=sent.message_id)
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("baru", chat_id=chat["id"], message_id=sent.message_id)
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", chat_id=chat["id"], message_id=77)
        await bot.set_my_commands([("start", "Mulai"), ("bantuan", "Bantuan")])
        return edited, await bot.get_my_commands()

    edited, commands = run_with_bot(server, body)
    assert edited.text == "baru" and edited.edit_date is not None
    assert [c.command for c in commands] == ["start", "bantuan"]
    assert [m["_event"] for m in server.bot_messages(chat["id"])] == ["sent", "edited"]


def test_wrong_token_unknown_method_and_wait_helpers(server):
    with pytest.raises(InvalidToken):
        asyncio.run(make_bot(server, "42:wrong").get_me())
    assert raw_post(server, "/bot42:wrong/getMe") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert raw_post(server, f"/bot{TOKEN}/sendTeleport")[0] == 404
    chat = server.private_chat(server.user(24))
    sender = threading.Timer(
        0.1, raw_post, (server, f"/bot{TOKEN}/sendMessage", {"chat_id": chat["id"], "text": "hai"})
    )
    sender.start()
    assert server.wait_bot_messages(chat["id"], 1, timeout=5)[0]["text"] == "hai"
    assert server.wait_for(lambda calls: any(c["method"] == "sendMessage" for c in calls), timeout=1)
    sender.join(timeout=5)  # its answer read before the server stops, or the cut shows as a thread exception


def test_webhook_receives_updates_with_secret_and_blocks_get_updates(server):
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), json.loads(body)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    hook = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    try:
        user = server.user(25)
        chat = server.private_chat(user)

        async def body(bot):
            await bot.set_webhook(f"http://127.0.0.1:{hook.server_port}/hook", secret_token="rahasia")
            with pytest.raises(Conflict, match="webhook is active"):
                await bot.get_updates(timeout=0)
            server.send_text(chat, user, "lewat webhook")
            server.wait_for(lambda _: server.webhook_deliveries(), timeout=5)
            return await bot.get_webhook_info()

        info = run_with_bot(server, body)
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert received[0][0] == "rahasia" and received[0][1]["message"]["text"] == "lewat webhook"
    finally:
        hook.shutdown()
        hook.server_close()
