"""Logging of the Telegram bot: one stderr handler whose filter keeps every secret out, at every level."""

from __future__ import annotations

import logging
import sys
import urllib.parse
from collections.abc import Iterable

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[REDACTED]"


class RedactingFilter(logging.Filter):
    """Replaces secrets (the bot token, the webhook secret) in a record's message, traceback and stack."""

    def __init__(self, secret_values: Iterable[str]) -> None:
        super().__init__()
        variants: set[str] = set()
        for secret in secret_values:
            variants |= {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote(secret)}
            _, _, key = secret.partition(":")  # the part after the bot id is the actual secret
            if len(key) >= 8:
                variants.add(key)
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must not escape from a filter into the caller
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: int, secret_values: Iterable[str]) -> None:
    """Log to stderr at `level` through a filter that keeps every secret out, at every level."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    # On the handler, not a logger: handler filters see records from every logger (PTB, httpx, asyncio).
    handler.addFilter(RedactingFilter(secret_values))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.captureWarnings(True)
    # httpx and httpcore log every request URL, and every Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
