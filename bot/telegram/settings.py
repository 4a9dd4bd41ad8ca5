"""Settings of the Telegram bot, from the environment (plus .env); every problem reported at once."""

from __future__ import annotations

import logging
import re
import secrets
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import ConfigError, kb_paths

DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"
DEFAULT_WEBHOOK_PORT = 8080
DEFAULT_QUIZ_SECONDS = 30
QUIZ_SECONDS_RANGE = (5, 600)
"""How long a round's poll stays open (Telegram's open_period allows 5 to 600 seconds)."""
DEFAULT_TIMEZONE = "Asia/Jakarta"
DEFAULT_USER_RATE = (10, 10.0)
"""TANYABOT_USER_RATE when unset: at most 10 messages per user in any 10 seconds."""

_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_FALSE = frozenset({"0", "false", "no", "off"})
_TRUE = frozenset({"1", "true", "yes", "on"})
_USER_RATE = re.compile(r"(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?")


@dataclass(frozen=True)
class Settings:
    """Everything `serve()` needs from the environment."""

    token: str = field(repr=False)  # repr=False: a printed Settings never shows a secret
    base_url: str | None = None
    base_file_url: str | None = None
    kb_paths: tuple[str, ...] | None = None
    log_level: int = logging.INFO
    rate_limit: bool = True
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = DEFAULT_WEBHOOK_LISTEN
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    admin_ids: frozenset[int] = frozenset()
    user_rate: tuple[int, float] | None = DEFAULT_USER_RATE  # (messages, seconds); None = no per-user limit
    quiz_seconds: int = DEFAULT_QUIZ_SECONDS
    timezone: str = DEFAULT_TIMEZONE  # daily questions are posted at their HH:MM here
    daily_period: int | None = None  # testing: daily questions every this many seconds instead

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.token, self.webhook_secret) if s)


def load_settings(env: Mapping[str, str]) -> Settings:
    """Settings from `env` (environment plus .env); every problem is collected into one `ConfigError`."""
    problems: list[str] = []

    def get(name: str) -> str | None:
        return (env.get(name) or "").strip() or None

    token = get("TELEGRAM_BOT_TOKEN")
    if token is None:
        problems.append("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in the environment or .env")
    base_url, base_file_url = get("TELEGRAM_BASE_URL"), get("TELEGRAM_BASE_FILE_URL")
    for name, value in (("TELEGRAM_BASE_URL", base_url), ("TELEGRAM_BASE_FILE_URL", base_file_url)):
        if value is not None and urllib.parse.urlsplit(value).scheme not in ("http", "https"):
            problems.append(f"{name}: not an http(s) URL (expected e.g. http://127.0.0.1:8081/bot)")
    level_name = (get("LOG_LEVEL") or "INFO").upper()
    log_level = logging.getLevelNamesMapping().get(level_name)
    if log_level is None or level_name in ("NOTSET", "WARN", "FATAL"):
        problems.append(f"LOG_LEVEL: {level_name!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
    rate_limit = (get("TANYABOT_RATE_LIMIT") or "1").lower()
    if rate_limit not in _TRUE | _FALSE:
        problems.append("TANYABOT_RATE_LIMIT: expected 1 or 0 (on or off)")
    webhook_url, webhook_secret = get("TELEGRAM_WEBHOOK_URL"), get("TELEGRAM_WEBHOOK_SECRET")
    if webhook_url is not None and urllib.parse.urlsplit(webhook_url).scheme not in ("http", "https"):
        problems.append("TELEGRAM_WEBHOOK_URL: not an http(s) URL (Telegram itself needs https)")
    if webhook_secret is not None and not _WEBHOOK_SECRET.fullmatch(webhook_secret):
        problems.append("TELEGRAM_WEBHOOK_SECRET: use 1-256 characters of A-Z, a-z, 0-9, _ and -")
    port = get("TELEGRAM_WEBHOOK_PORT") or str(DEFAULT_WEBHOOK_PORT)
    if not port.isdigit() or not 0 < int(port) < 65536:
        problems.append(f"TELEGRAM_WEBHOOK_PORT: {port!r} is not a port number")
    admin_ids = _admin_ids(get("TANYABOT_ADMIN_IDS"), problems)
    user_rate = _user_rate(get("TANYABOT_USER_RATE"), problems)
    quiz_seconds = get("TANYABOT_QUIZ_SECONDS") or str(DEFAULT_QUIZ_SECONDS)
    low, high = QUIZ_SECONDS_RANGE
    if not quiz_seconds.isdigit() or not low <= int(quiz_seconds) <= high:
        problems.append(f"TANYABOT_QUIZ_SECONDS: {quiz_seconds!r} is not a number of seconds from {low} to {high}")
    timezone = get("TANYABOT_TZ") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"TANYABOT_TZ: {timezone!r} is not a time zone (e.g. Asia/Jakarta, Asia/Makassar)")
    period = get("TANYABOT_QUIZ_DAILY_PERIOD")
    if period is not None and not (period.isdigit() and int(period) > 0):
        problems.append(f"TANYABOT_QUIZ_DAILY_PERIOD: {period!r} is not a number of seconds")
    if problems or token is None or log_level is None:
        raise ConfigError(problems)
    if webhook_url is not None and webhook_secret is None:
        # Telegram echoes the secret in a header on every delivery; a random one per start keeps
        # strangers from posting fake updates even when the operator set none.
        webhook_secret = secrets.token_urlsafe(32)
    paths = kb_paths(None, env)
    return Settings(
        token=token,
        base_url=base_url,
        base_file_url=base_file_url,
        kb_paths=tuple(paths) if paths else None,
        log_level=log_level,
        rate_limit=rate_limit in _TRUE,
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        webhook_listen=get("TELEGRAM_WEBHOOK_LISTEN") or DEFAULT_WEBHOOK_LISTEN,
        webhook_port=int(port),
        admin_ids=admin_ids,
        user_rate=user_rate,
        quiz_seconds=int(quiz_seconds),
        timezone=timezone,
        daily_period=int(period) if period else None,
    )


def _admin_ids(value: str | None, problems: list[str]) -> frozenset[int]:
    # "123, 456": the numeric user ids allowed to run /reload
    ids = [part.strip() for part in (value or "").split(",") if part.strip()]
    bad = [part for part in ids if not part.isdigit()]
    if bad:
        problems.append(f"TANYABOT_ADMIN_IDS: {bad[0]!r} is not a numeric Telegram user id (comma-separated ids)")
        return frozenset()
    return frozenset(int(part) for part in ids)


def _user_rate(value: str | None, problems: list[str]) -> tuple[int, float] | None:
    # "10/10": at most 10 messages per user in any 10 seconds; "off" (or 0) switches the limit off
    if value is None:
        return DEFAULT_USER_RATE
    if value.lower() in _FALSE:
        return None
    match = _USER_RATE.fullmatch(value.lower())
    if match is None or int(match.group(1)) < 1 or float(match.group(2)) <= 0:
        problems.append(
            f"TANYABOT_USER_RATE: {value!r} is not N/S (at most N messages per S seconds, e.g. 10/10) or off"
        )
        return None
    return int(match.group(1)), float(match.group(2))
