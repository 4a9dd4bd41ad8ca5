"""`tanyabot serve` set up in other ways than the shared bot of test_e2e.py: no token, a rejected
token, webhook mode, and a Bot API that answers 429."""

from __future__ import annotations

from tests.bot.conftest import BOT_USERNAME, TOKEN, free_port
from tests.bot.test_cli import run
from tests.support.botapi import BotApiServer
from tests.support.conversation import say, topic_of

SECRET_PART = TOKEN.split(":", 1)[1]


def test_missing_token_exits_2_naming_the_variable(tmp_path):
    result = run("serve", cwd=tmp_path)  # no TELEGRAM_ or TANYABOT_ variable reaches it
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and "TELEGRAM_BOT_TOKEN" in stderr
    assert "Traceback" not in stderr


def test_rejected_token_exits_2_without_printing_it(start_bot):
    with BotApiServer(TOKEN) as other:
        wrong = "654321:WRONG-secret-token"
        process = start_bot({"TELEGRAM_BOT_TOKEN": wrong, "TELEGRAM_BASE_URL": other.base_url, "LOG_LEVEL": "DEBUG"})
        assert process.process.wait(timeout=30) == 2
        log = process.log()
        assert "TELEGRAM_BOT_TOKEN" in log and "WRONG-secret-token" not in log


def test_webhook_mode_receives_posted_updates_and_stops_cleanly(start_bot, engine):
    port = free_port()
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as hooked:
        process = start_bot(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_BASE_URL": hooked.base_url,
                "TANYABOT_RATE_LIMIT": "0",
                "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/tanyabot-hook",
                "TELEGRAM_WEBHOOK_PORT": str(port),
                "TELEGRAM_WEBHOOK_SECRET": "rahasia-webhook_123",
                "LOG_LEVEL": "DEBUG",
            }
        )
        process.wait_ready(hooked, method="setWebhook")
        (set_webhook,) = hooked.calls("setWebhook")
        assert set_webhook["params"]["secret_token"] == "rahasia-webhook_123"
        user = hooked.user(7)
        chat = hooked.private_chat(user)
        _, reply = say(hooked, chat, user, "apa itu asean")
        assert topic_of(reply, engine) == "asean"
        assert hooked.webhook_deliveries()[-1]["status"] == 200
        assert process.stop() == 0
        assert "rahasia-webhook_123" not in process.log() and SECRET_PART not in process.log()


def test_rate_limiter_retries_after_429_instead_of_dropping_the_reply(start_bot, engine):
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as limited:
        process = start_bot({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": limited.base_url})
        process.wait_ready(limited)
        limited.fail_next("sendMessage", 429, retry_after=1)
        user = limited.user(8)
        chat = limited.private_chat(user)
        _, reply = say(limited, chat, user, "apa itu g20")
        assert topic_of(reply, engine) == "g20"
        assert [c["status"] for c in limited.calls("sendMessage")] == [429, 200]
        assert process.stop() == 0
