"""Unit tests of the bot's settings (`bot.telegram.settings`) and log redaction (`bot.telegram.app`)."""

from __future__ import annotations

import io
import logging

import pytest

from bot.telegram.logs import REDACTED, RedactingFilter
from bot.telegram.settings import DEFAULT_WEBHOOK_LISTEN, DEFAULT_WEBHOOK_PORT, ConfigError, load_settings

TOKEN = "123456:TEST-token-abc"


def test_settings_defaults_need_only_the_token():
    settings = load_settings({"TELEGRAM_BOT_TOKEN": f"  {TOKEN} "})
    assert settings.token == TOKEN and settings.base_url is None and settings.kb_paths is None
    assert settings.log_level == logging.INFO and settings.rate_limit is True
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert (settings.webhook_listen, settings.webhook_port) == (DEFAULT_WEBHOOK_LISTEN, DEFAULT_WEBHOOK_PORT)
    assert TOKEN not in repr(settings)


@pytest.mark.parametrize(
    "env, attribute, expected",
    [
        ({"TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"}, "base_url", "http://127.0.0.1:8081/bot"),
        ({"TELEGRAM_BASE_FILE_URL": "http://h/file/bot"}, "base_file_url", "http://h/file/bot"),
        ({"TANYABOT_KB": "a.yaml:b.yaml"}, "kb_paths", ("a.yaml", "b.yaml")),
        ({"LOG_LEVEL": "debug"}, "log_level", logging.DEBUG),
        ({"TANYABOT_RATE_LIMIT": "0"}, "rate_limit", False),
        ({"TANYABOT_RATE_LIMIT": "off"}, "rate_limit", False),
        ({"TANYABOT_RATE_LIMIT": "1"}, "rate_limit", True),
        ({"TELEGRAM_WEBHOOK_PORT": "8443"}, "webhook_port", 8443),
        ({"TELEGRAM_WEBHOOK_LISTEN": "0.0.0.0"}, "webhook_listen", "0.0.0.0"),
        (
            {"TELEGRAM_WEBHOOK_URL": "https://x.id/hook", "TELEGRAM_WEBHOOK_SECRET": "s3cret_-"},
            "webhook_secret",
            "s3cret_-",
        ),
        ({}, "admin_ids", frozenset()),
        ({"TANYABOT_ADMIN_IDS": "42"}, "admin_ids", frozenset({42})),
        ({"TANYABOT_ADMIN_IDS": " 42, 7 ,"}, "admin_ids", frozenset({42, 7})),
        ({}, "user_rate", (10, 10.0)),
        ({"TANYABOT_USER_RATE": "5/2.5"}, "user_rate", (5, 2.5)),
        ({"TANYABOT_USER_RATE": " 20 / 60s "}, "user_rate", (20, 60.0)),
        ({"TANYABOT_USER_RATE": "off"}, "user_rate", None),
        ({"TANYABOT_USER_RATE": "0"}, "user_rate", None),
    ],
)
def test_settings_from_env(env, attribute, expected):
    assert getattr(load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, **env}), attribute) == expected


def test_webhook_without_secret_gets_a_random_one():
    first, second = (
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "https://x.id/hook"}) for _ in range(2)
    )
    assert first.webhook_secret and first.webhook_secret != second.webhook_secret


@pytest.mark.parametrize(
    "env, named",
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "   "}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "127.0.0.1:8081"}, "TELEGRAM_BASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "LOG_LEVEL": "loud"}, "LOG_LEVEL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TANYABOT_RATE_LIMIT": "maybe"}, "TANYABOT_RATE_LIMIT"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "ftp://x"}, "TELEGRAM_WEBHOOK_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": "no spaces!"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_PORT": "70000"}, "TELEGRAM_WEBHOOK_PORT"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TANYABOT_ADMIN_IDS": "42,@guru"}, "TANYABOT_ADMIN_IDS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TANYABOT_USER_RATE": "10 per minute"}, "TANYABOT_USER_RATE"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TANYABOT_USER_RATE": "0/10"}, "TANYABOT_USER_RATE"),
    ],
)
def test_bad_settings_name_the_variable(env, named):
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].startswith(named)


def test_every_bad_setting_is_reported_at_once():
    with pytest.raises(ConfigError) as caught:
        load_settings({"LOG_LEVEL": "x", "TELEGRAM_WEBHOOK_PORT": "x"})
    assert len(caught.value.problems) == 3


def log_through_filter(*secrets: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(secrets))
    logger = logging.getLogger(f"test.redact.{id(stream)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


@pytest.mark.parametrize(
    "message, args",
    [
        ("POST http://api/bot%s/getUpdates", (TOKEN,)),
        ("url=http://api/bot" + TOKEN + "/sendMessage", ()),
        ("quoted %s", ("123456%3ATEST-token-abc",)),
        ("secret part alone: %s", ("TEST-token-abc",)),
        ("%(token)s in a mapping", ({"token": TOKEN},)),
    ],
)
def test_redacting_filter_hides_the_token_in_messages(message, args):
    logger, stream = log_through_filter(TOKEN)
    logger.debug(message, *args)
    assert "TEST-token-abc" not in stream.getvalue() and REDACTED in stream.getvalue()


def test_redacting_filter_hides_the_token_in_tracebacks_and_stacks():
    logger, stream = log_through_filter(TOKEN, "hook-secret")
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected; secret hook-secret")
    except RuntimeError:
        logger.exception("failed")
    logger.warning("with stack", stack_info=True)
    output = stream.getvalue()
    assert "RuntimeError" in output and "Stack (most recent call last)" in output
    assert "TEST-token-abc" not in output and "hook-secret" not in output


def test_redacting_filter_leaves_other_text_and_percent_signs_alone():
    logger, stream = log_through_filter(TOKEN)
    logger.info("skor %d%% untuk %s", 80, "apa itu pbb")
    assert stream.getvalue() == "skor 80% untuk apa itu pbb\n"


def test_redacting_filter_survives_a_bad_format_string():
    logger, stream = log_through_filter(TOKEN)
    logger.info("%s and %s", TOKEN)  # noqa: PLE1206 - the bad format string is the test
    assert "TEST-token-abc" not in stream.getvalue() and REDACTED in stream.getvalue()
