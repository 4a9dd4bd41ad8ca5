"""Per-user flood control: a sliding window of recent messages, one polite notice, then silence.

Pure bookkeeping (no Telegram here), so it is tested with a fake clock. Messages that are
turned away do not count against the user, so the silence ends as soon as the window has
room again, however many messages arrive meanwhile.
"""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable


class Verdict(enum.Enum):
    """What to do with one message."""

    PASS = "pass"  # answer it
    NOTIFY = "notify"  # the first message over the limit: send the one notice
    SILENCE = "silence"  # further messages over the limit: ignore


class FloodGate:
    """At most `limit` messages per user in any `window` seconds (a sliding window, not fixed buckets).

    Memory stays bounded by the users active within the last `window` seconds: idle users are
    swept out at most once per window.
    """

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit, self.window = limit, window
        self._clock = clock
        self._recent: dict[int, deque[float]] = {}
        self._notified: set[int] = set()
        self._last_sweep = clock()

    def check(self, user_id: int) -> Verdict:
        """Record a message from `user_id` (when it may pass) and say what to do with it."""
        now = self._clock()
        if now - self._last_sweep >= self.window:
            self._sweep(now)
        recent = self._recent.setdefault(user_id, deque())
        while recent and now - recent[0] >= self.window:
            recent.popleft()
        if len(recent) < self.limit:
            recent.append(now)
            self._notified.discard(user_id)
            return Verdict.PASS
        if user_id in self._notified:
            return Verdict.SILENCE
        self._notified.add(user_id)
        return Verdict.NOTIFY

    def __len__(self) -> int:
        """Users currently tracked."""
        return len(self._recent)

    def _sweep(self, now: float) -> None:
        idle = [user for user, recent in self._recent.items() if not recent or now - recent[-1] >= self.window]
        for user in idle:
            del self._recent[user]
            self._notified.discard(user)
        self._last_sweep = now
