"""Self-checks of the test server's fault injection: errors, drops, delays and outages as a PTB client sees them."""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.error

import pytest
from telegram.error import BadRequest, ChatMigrated, Conflict, NetworkError, RetryAfter, TimedOut

from .ptb_client import TOKEN, raw_post, run_with_bot, seconds


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_fail_next_429_raises_retry_after_without_applying_the_call(server):
    chat = server.private_chat(server.user(17))
    server.fail_next("sendMessage", 429, retry_after=7)

    async def body(bot):
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(chat["id"], "satu")
        await bot.send_message(chat["id"], "dua")
        return info.value

    error = run_with_bot(server, body)
    assert seconds(error.retry_after) == 7
    assert [m["text"] for m in server.bot_messages(chat["id"])] == ["dua"]
    assert [c["status"] for c in server.calls("sendMessage")] == [429, 200]


def test_fail_next_502_migration_and_conflict_map_to_ptb_errors(server):
    chat = server.private_chat(server.user(18))
    server.fail_next("sendMessage", 502)
    server.fail_next("sendMessage", 400, migrate_to_chat_id=-1001234)
    server.simulate_conflict()

    async def body(bot):
        with pytest.raises(NetworkError) as info:
            await bot.send_message(chat["id"], "x")
        assert not isinstance(info.value, BadRequest)
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(chat["id"], "x")
        assert migrated.value.new_chat_id == -1001234
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await bot.get_updates(timeout=0)

    run_with_bot(server, body)


def test_dropped_connections_and_outage_surface_as_network_errors(server):
    chat = server.private_chat(server.user(19))
    server.drop_next("sendMessage", after_processing=True)

    async def body(bot):
        with pytest.raises(NetworkError):
            await bot.send_message(chat["id"], "terkirim tanpa jawaban")
        server.go_down(0.5)
        with pytest.raises(NetworkError):
            await bot.send_message(chat["id"], "saat server mati")
        await asyncio.sleep(0.8)
        return await bot.send_message(chat["id"], "pulih")

    assert run_with_bot(server, body).message_id == 2  # the dropped call was applied
    assert [c["dropped"] for c in server.calls("sendMessage")] == ["after", None]


def test_a_delay_its_client_does_not_wait_for_is_dropped_unapplied(server):
    chat = server.private_chat(server.user(20))
    server.delay_next("sendMessage", 0.5)

    async def body(bot):
        with pytest.raises(TimedOut):
            await bot.send_message(chat["id"], "terlambat", read_timeout=0.2)
        await asyncio.sleep(0.5)

    run_with_bot(server, body)
    (call,) = server.calls("sendMessage")
    assert call["dropped"] == "abandoned" and server.bot_messages(chat) == []


def test_a_graceful_outage_answers_the_call_in_hand_and_refuses_new_ones(server):
    chat = server.private_chat(server.user(21))
    server.delay_next("sendMessage", 0.6)
    results: list = []
    worker = threading.Thread(
        target=lambda: results.append(
            raw_post(server, f"/bot{TOKEN}/sendMessage", {"chat_id": chat["id"], "text": "sedang dikirim"})
        )
    )
    worker.start()
    time.sleep(0.2)
    server.go_down(1.0, graceful=True)
    with pytest.raises(urllib.error.URLError):
        raw_post(server, f"/bot{TOKEN}/getMe")
    worker.join()
    assert results[0][0] == 200 and [m["text"] for m in server.bot_messages(chat)] == ["sedang dikirim"]
    # The server marks a call answered once the reply is written, which may be just after the client
    # has read it: wait for the server's verdict on the call, then check what it was.
    server.wait_for(lambda calls: any(c["method"] == "sendMessage" and (c["answered"] or c["dropped"]) for c in calls))
    (call,) = server.calls("sendMessage")
    assert call["answered"] and call["dropped"] is None
    time.sleep(1.0)
    assert raw_post(server, f"/bot{TOKEN}/getMe")[0] == 200


def test_an_abrupt_outage_cuts_the_call_in_hand(server):
    chat = server.private_chat(server.user(22))
    server.delay_next("sendMessage", 0.6)

    async def body(bot):
        asyncio.get_running_loop().call_later(0.2, server.go_down, 0.5)
        with pytest.raises(NetworkError):
            await bot.send_message(chat["id"], "terpotong")
        await asyncio.sleep(1.0)

    run_with_bot(server, body)
    assert server.calls("sendMessage")[0]["dropped"] == "abandoned" and server.bot_messages(chat) == []


def test_failures_pending_counts_what_is_still_queued(server):
    server.fail_next("sendMessage", 500, count=2)
    server.fail_next("sendMessage", 429)
    server.fail_next("getUpdates", 502)
    assert (server.failures_pending("sendMessage"), server.failures_pending("getUpdates")) == (3, 1)
    raw_post(server, f"/bot{TOKEN}/sendMessage", {"chat_id": 1, "text": "x"})
    assert server.failures_pending("sendMessage") == 2


def test_a_lone_surrogate_in_user_text_reaches_the_bot_as_a_json_escape(server):
    user = server.user(23)
    server.send_text(server.private_chat(user), user, "a\ud800b")

    async def body(bot):
        return await bot.get_updates(timeout=0)

    (update,) = run_with_bot(server, body)
    assert update.message.text == "a\ud800b"
