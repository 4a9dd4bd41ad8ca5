"""Surviving the network and Telegram's hiccups: retried sends and a getUpdates client that knows its state.

python-telegram-bot retries getUpdates by itself (with a back-off of 1 s growing to 30 s), but
not the other calls: a reply whose sendMessage got a 502 is simply lost. `RetryingLimiter`
sits where PTB lets one wrap every call except getUpdates (the rate-limiter hook) and retries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 10
"""Tries of one Bot API call (the first and nine retries) before its error reaches the handler. With
seven (about 23 s) a clean-clone run of the soak test lost one reply: it met an outage, 5xx answers
and a second outage in a row."""

FIRST_BACKOFF_SECONDS = 0.5
"""Wait before the first retry after a network error or 5xx; it doubles each time."""

MAX_BACKOFF_SECONDS = 8.0
"""Longest wait between two tries; with the above, ten tries span about 47 s (a 30 s outage fits)."""

RETRY_AFTER_SLACK_SECONDS = 0.1
"""Added to Telegram's `retry_after`, so the retry does not arrive a hair too early."""

CONFLICTED_POLL_SECONDS = 0.2
"""How long a getUpdates answered locally after a 409 takes (the bot is stopping meanwhile)."""

_EMPTY_UPDATES = (HTTPStatus.OK, b'{"ok":true,"result":[]}')


def backoff(attempt: int) -> float:
    """Seconds to wait before try number `attempt + 1` (attempt counts from 1)."""
    return min(FIRST_BACKOFF_SECONDS * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's `retry_after`, in seconds, whichever type this PTB version gives it."""
    with warnings.catch_warnings():  # PTB 22 warns that the attribute will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def is_retryable(error: Exception) -> bool:
    """Network errors, timeouts and 5xx answers; not Telegram's refusals (400, 403, 409, migration)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


class RetryingLimiter(BaseRateLimiter[int]):
    """Retries every Bot API call but getUpdates on network errors, 5xx and (without `inner`) 429.

    With `inner` (PTB's AIORateLimiter) calls are also throttled to Telegram's limits, and 429s
    are left to it. Retrying means at least once: a call whose connection broke after Telegram
    received it (a dropped connection, a read timeout) may, rarely, be delivered twice; a 5xx or
    a refused connection never is.
    """

    def __init__(
        self,
        inner: BaseRateLimiter | None = None,
        *,
        attempts: int = SEND_ATTEMPTS,
        sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep,
    ) -> None:
        self._inner = inner
        self._attempts = attempts
        self._sleep = sleep

    async def initialize(self) -> None:
        if self._inner is not None:
            await self._inner.initialize()

    async def shutdown(self) -> None:
        if self._inner is not None:
            await self._inner.shutdown()

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        """One Bot API call, retried; the last error is raised unchanged."""
        for attempt in range(1, self._attempts + 1):
            try:
                if self._inner is None:
                    return await callback(*args, **kwargs)
                return await self._inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except RetryAfter as error:
                if self._inner is not None or attempt == self._attempts:
                    raise
                delay = retry_after_seconds(error) + RETRY_AFTER_SLACK_SECONDS
                logger.info("%s: Telegram asks to slow down; retrying in %.1f s", endpoint, delay)
            except NetworkError as error:
                if not is_retryable(error) or attempt == self._attempts:
                    raise
                delay = backoff(attempt)
                logger.warning(
                    "%s failed (%s); try %d of %d in %.1f s", endpoint, error, attempt + 1, self._attempts, delay
                )
            await self._sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")


class PollingRequest(HTTPXRequest):
    """The HTTP client of getUpdates: logs when polling breaks and when it works again, and goes quiet after a 409.

    A 409 Conflict means another instance polls the same token. This bot then stops, and on the
    way out PTB calls getUpdates once more to confirm the offset; against Telegram that call would
    cut the other instance's poll and make it stop too. After a 409 this client therefore answers
    getUpdates itself, with no updates, and never reaches the network again.
    """

    def __init__(self, *args: Any, clock: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflicted = False
        self._clock = clock
        self._failures = 0
        self._failing_since = 0.0

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if self.conflicted:
            await asyncio.sleep(CONFLICTED_POLL_SECONDS)  # like an empty long poll, not a busy loop
            return _EMPTY_UPDATES
        try:
            code, payload = await super().do_request(url, method, *args, **kwargs)
        except NetworkError as error:  # refused, dropped, timed out: the updater backs off and retries
            self._failed(str(error) or type(error).__name__)
            raise
        if code == HTTPStatus.CONFLICT:
            self.conflicted = True
        elif code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            self._failed(f"HTTP {code}")
        elif code < HTTPStatus.MULTIPLE_CHOICES and self._failures:
            logger.info(
                "polling works again after %d failed getUpdates over %.1f s",
                self._failures,
                self._clock() - self._failing_since,
            )
            self._failures = 0
        return code, payload

    def _failed(self, reason: str) -> None:
        if not self._failures:
            self._failing_since = self._clock()
            logger.warning("getUpdates failed (%s); polling again with a growing back-off", reason)
        else:
            logger.debug("getUpdates failed again (%s), %d in a row", reason, self._failures + 1)
        self._failures += 1
