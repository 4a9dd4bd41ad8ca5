"""An in-process Telegram Bot API server for end-to-end tests (standard library only).

The bot under test talks to it over real HTTP with ``base_url=server.base_url``; the test
plays the users (``send_text``, ``press_button``, ...) and inspects what the bot called
(``calls``, ``bot_messages``, ``wait_for``). The server is split by responsibility:
``botapi_http`` (sockets and decoding), ``botapi_users`` (what users do), ``botapi_methods``
(sendMessage and friends), ``botapi_polls`` (sendPoll, stopPoll, votes; checks in
``botapi_poll_validation``), ``botapi_members`` (getChatMember, getChatAdministrators),
``botapi_updates`` (getUpdates and webhooks), ``botapi_faults`` (fault injection, forbidden chats and
dispatch) and ``botapi_validation`` (Telegram's checks on texts and markup).
This module holds the lifecycle (start, stop, outages) and the inspection helpers.
"""

from __future__ import annotations

import copy
import threading
import time

from .botapi_faults import FaultsMixin
from .botapi_http import ApiError, BotApiTimeout, _HttpServer
from .botapi_members import MEMBER_STATUSES, MembersMixin
from .botapi_methods import NOT_MODIFIED, QUERY_INVALID, MethodsMixin
from .botapi_polls import PollClosed, PollsMixin
from .botapi_updates import CONFLICT_OTHER_POLL, CONFLICT_WEBHOOK, MAX_GET_UPDATES_LIMIT, UpdatesMixin
from .botapi_users import UsersMixin

__all__ = [
    "CONFLICT_OTHER_POLL",
    "CONFLICT_WEBHOOK",
    "MAX_GET_UPDATES_LIMIT",
    "MEMBER_STATUSES",
    "NOT_MODIFIED",
    "QUERY_INVALID",
    "ApiError",
    "BotApiServer",
    "BotApiTimeout",
    "PollClosed",
]


class BotApiServer(UsersMixin, MethodsMixin, PollsMixin, MembersMixin, UpdatesMixin, FaultsMixin):
    """Fake api.telegram.org for one bot token; see the module docstring.

    ``poll_time_scale`` multiplies the real time a poll's open_period takes (0.02: a 5-second poll
    closes after 0.1 s); the Poll still reports the open_period and close_date the bot asked for.
    """

    def __init__(
        self,
        token: str,
        *,
        bot_username: str = "tanya_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        bot_first_name: str = "Tanya",
        strict_ampersand: bool = True,
        poll_time_scale: float = 1.0,
    ) -> None:
        self.token = token
        self.poll_time_scale = poll_time_scale
        self.host, self.port = host, port
        self.strict_ampersand = strict_ampersand
        prefix = token.split(":", 1)[0]
        self.bot_user = {
            "id": int(prefix) if prefix.isdigit() else 7000000001,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._cond = threading.Condition(threading.RLock())
        self._version = 0
        self._init_users()
        self._init_methods()
        self._init_polls()
        self._init_members()
        self._init_updates()
        self._init_faults()
        self._errors: list[str] = []
        self._down_epoch = 0
        self._running = False
        self._httpd: _HttpServer | None = None
        self._threads: list[threading.Thread] = []
        self._restart_timer: threading.Timer | None = None
        self._lifecycle = threading.Lock()  # start/stop/go_down/come-up never interleave
        self._stop_event = threading.Event()

    # ----------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def is_down(self) -> bool:
        return self._httpd is None

    def start(self) -> None:
        with self._lifecycle:
            self._running = True
            self._stop_event.clear()
            self._listen()
        worker = threading.Thread(target=self._webhook_loop, name="botapi-webhook", daemon=True)
        worker.start()
        self._threads.append(worker)

    def stop(self) -> None:
        with self._cond:
            self._running = False
            self._down_epoch += 1
            self._changed()
        self._stop_event.set()
        self._cancel_poll_timers()
        with self._lifecycle:
            if self._restart_timer:
                self._restart_timer.cancel()
            self._close_listener()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> BotApiServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _listen(self) -> None:
        for attempt in range(50):
            try:
                httpd = _HttpServer((self.host, self.port), self)
                break
            except OSError:
                if attempt == 49:
                    raise
                time.sleep(0.05)
        self.port = httpd.server_address[1]
        thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="botapi-http", daemon=True
        )
        thread.start()
        self._threads.append(thread)
        self._httpd = httpd

    def _close_listener(self, *, graceful: bool = False) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.close_all_connections(graceful=graceful)  # first: from now on no call begins
            httpd.shutdown()
            httpd.server_close()

    def go_down(self, seconds: float, *, graceful: bool = False) -> None:
        """Refuse connections for ``seconds``, then listen on the same port again.

        Open connections are cut, waiting getUpdates included; with ``graceful`` a call being
        answered still gets its answer (a crash cuts mid-answer, a restart of a proxy may not).
        """
        with self._cond:
            self._down_epoch += 1
            self._changed()
        with self._lifecycle:
            if self._restart_timer:
                self._restart_timer.cancel()
            self._close_listener(graceful=graceful)
            self._restart_timer = threading.Timer(seconds, self._come_up)
            self._restart_timer.daemon = True
            self._restart_timer.start()

    def _come_up(self) -> None:
        with self._lifecycle:
            if self._running and self._httpd is None:
                self._listen()

    # ------------------------------------------------------------- inspection
    def _changed(self) -> None:
        self._version += 1
        self._cond.notify_all()

    def calls(self, method: str | None = None) -> list[dict]:
        """Every API call so far (or those of ``method``), oldest first.

        A call has "method", "params", "time" (when it arrived), "status" and "response" (None when
        dropped), "dropped" (None, or "before"/"after" applying it, "disconnected" while waiting,
        "abandoned" after a delay its client did not wait for, "unanswered" when applied but its
        answer was cut off) and "answered" (the answer reached the client).
        """
        with self._cond:
            return [c for c in self._calls if method is None or c["method"].lower() == method.lower()]

    def clear_calls(self) -> None:
        with self._cond:
            self._calls.clear()

    def updates(self) -> list[dict]:
        """Every update ever queued, with its update_id, in order."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def pending_updates(self) -> list[dict]:
        with self._cond:
            return copy.deepcopy(self._pending)

    def bot_messages(self, chat_id) -> list[dict]:
        """Snapshots of each message the bot sent ("_event": "sent") or edited ("edited").

        Besides the Message fields there are "_method", "_raw_text", "_parse_mode" and
        "_reply_markup" (the reply_markup parameter as sent, any keyboard type).
        """
        chat_id = chat_id["id"] if isinstance(chat_id, dict) else chat_id
        with self._cond:
            return copy.deepcopy(self._bot_messages.get(chat_id, []))

    def message(self, chat_id, message_id: int) -> dict | None:
        """The current state of a stored message (user's or bot's)."""
        chat_id = chat_id["id"] if isinstance(chat_id, dict) else chat_id
        with self._cond:
            return copy.deepcopy(self._stored(chat_id, message_id))

    def server_errors(self) -> list[str]:
        """Tracebacks of crashes inside this server (answered with 500); should stay empty."""
        with self._cond:
            return list(self._errors)

    def webhook_deliveries(self) -> list[dict]:
        with self._cond:
            return list(self._webhook_deliveries)

    def _wait(self, probe, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                version = self._version
            result = probe()
            if result is not None:
                return result
            with self._cond:
                while self._version == version:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        recent = [f"{c['method']}->{c['status']}" for c in self._calls[-15:]]
                        raise BotApiTimeout(f"timed out after {timeout}s waiting for {what}; latest calls: {recent}")
                    self._cond.wait(remaining)

    def wait_for(self, predicate, timeout: float = 10.0) -> list[dict]:
        """Block until ``predicate(calls)`` is truthy; return the calls it accepted."""

        def probe():
            calls = self.calls()
            return calls if predicate(calls) else None

        return self._wait(probe, timeout, getattr(predicate, "__name__", "predicate"))

    def wait_bot_messages(self, chat_id, n: int, timeout: float = 10.0) -> list[dict]:
        def probe():
            messages = self.bot_messages(chat_id)
            return messages if len(messages) >= n else None

        return self._wait(probe, timeout, f"{n} bot message(s) in chat {chat_id}")
