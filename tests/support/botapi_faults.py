"""Fault injection and call dispatch of the test Bot API server: every call passes through here.

Faults are queued per method ("*" = any) and consumed in order: a delay, then a drop before the
call is applied, then a failure answer, then a drop after it was applied. A delayed call whose
client hung up (a timeout) or whose connection an outage cut is dropped unapplied, as a request
stuck in the network would be; a graceful outage lets it finish. Besides the queues, a chat can be
forbidden (``forbid_chat``): every call naming it answers 403 until ``allow_chat``.
"""

from __future__ import annotations

import time
import traceback

from .botapi_http import ApiError, _Drop, _local, _peer_closed
from .botapi_updates import CONFLICT_OTHER_POLL
from .botapi_validation import BadRequest

_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: CONFLICT_OTHER_POLL,
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class FaultsMixin:
    """``fail_next``/``delay_next``/``drop_next``/``simulate_conflict`` and the dispatcher that applies them."""

    def _init_faults(self) -> None:
        self._calls: list[dict] = []
        self._faults: dict[str, dict[str, list]] = {"delay": {}, "drop_before": {}, "fail": {}, "drop_after": {}}
        self._forbidden: dict[int, str] = {}  # chat id -> 403 description

    def _add_fault(self, kind: str, method: str, count: int, value) -> None:
        with self._cond:
            self._faults[kind].setdefault(method.lower(), []).append([count, value])

    def _take_fault(self, kind: str, method: str):
        with self._cond:
            for key in (method.lower(), "*"):
                queue = self._faults[kind].get(key)
                if queue:
                    queue[0][0] -= 1
                    return (queue.pop(0) if queue[0][0] <= 0 else queue[0])[1]
        return None

    def fail_next(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """The next ``count`` calls of ``method`` ("*" = any) get this error and are not applied."""
        parameters = {}
        if status == 429:
            parameters["retry_after"] = 1 if retry_after is None else retry_after
            description = description or f"Too Many Requests: retry after {parameters['retry_after']}"
        elif retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or "Bad Request: group chat was upgraded to a supergroup chat"
        error = ApiError(status, description or _DESCRIPTIONS.get(status, f"Error {status}"), parameters)
        self._add_fault("fail", method, count, (status, error.payload()))

    def failures_pending(self, method: str) -> int:
        """How many injected failures of ``method`` are still waiting for a call."""
        with self._cond:
            return sum(count for count, _ in self._faults["fail"].get(method.lower(), []))

    def delay_next(self, method: str, seconds: float, *, count: int = 1) -> None:
        self._add_fault("delay", method, count, seconds)

    def drop_next(self, method: str, *, count: int = 1, after_processing: bool = False) -> None:
        """Close the connection unanswered, before applying the call or after applying it."""
        self._add_fault("drop_after" if after_processing else "drop_before", method, count, True)

    def simulate_conflict(self, count: int = 1) -> None:
        """The waiting (or next) getUpdates answers 409 as if another bot instance polled."""
        with self._cond:
            self._conflicts += count
            self._changed()

    def forbid_chat(self, chat, description: str | None = None) -> None:
        """From now on every call with this ``chat_id`` (sendPoll, sendMessage, getChatMember, ...) answers 403.

        As when the bot was kicked from a group or blocked by a user; the description follows the chat's
        type ("Forbidden: bot was kicked from the group chat", "... the supergroup chat", "Forbidden: bot
        was blocked by the user") unless given. The calls are recorded, not applied.
        """
        chat_id = chat["id"] if isinstance(chat, dict) else chat
        with self._cond:
            registered = self._chats.get(chat_id)
            if registered is None:
                raise LookupError(f"no chat {chat_id}")
            kind = registered["type"]
            default = f"Forbidden: bot was kicked from the {kind} chat"
            if kind == "private":
                default = "Forbidden: bot was blocked by the user"
            self._forbidden[chat_id] = description or default

    def allow_chat(self, chat) -> None:
        """Undo ``forbid_chat`` (the bot was added back, or unblocked)."""
        with self._cond:
            self._forbidden.pop(chat["id"] if isinstance(chat, dict) else chat, None)

    def _forbidden_failure(self, params: dict):
        if params.get("chat_id") is None:
            return None
        with self._cond:
            if not self._forbidden:
                return None
            try:
                chat = self._chat(params["chat_id"])
            except BadRequest:
                return None  # the handler answers "chat not found"
            description = self._forbidden.get(chat["id"])
        return None if description is None else (403, ApiError(403, description).payload())

    def set_webhook_target(self, url: str | None, secret_token: str | None = None) -> None:
        """Set (or, with a false url, remove) the webhook without an API call."""
        with self._cond:
            self._set_webhook({"url": url or "", "secret_token": secret_token})

    def _handle_call(self, token: str, method: str, params: dict) -> tuple[int, dict]:
        started = time.time()
        if token != self.token:
            return self._record(method, params, started, 401, ApiError(401, "Unauthorized").payload())
        delay = self._take_fault("delay", method)
        if delay:
            time.sleep(delay)
            if _peer_closed():  # its client gave up (a timeout), or an outage cut the connection
                self._record(method, params, started, None, None, dropped="abandoned")
                raise _Drop
        if self._take_fault("drop_before", method):
            self._record(method, params, started, None, None, dropped="before")
            raise _Drop
        failure = self._take_fault("fail", method) or self._forbidden_failure(params)
        if failure is not None:
            status, payload = failure
        else:
            handler = getattr(self, "_api_" + method.lower(), None)
            try:
                if handler is None:
                    raise ApiError(404, "Not Found")
                status, payload = 200, {"ok": True, "result": handler(params)}
            except BadRequest as exc:
                status, payload = 400, ApiError(400, exc.description).payload()
            except ApiError as exc:
                status, payload = exc.status, exc.payload()
            except _Drop:
                self._record(method, params, started, None, None, dropped="disconnected")
                raise
            except Exception as exc:  # noqa: BLE001 - a bug in this server: answer 500 and keep it for server_errors()
                with self._cond:
                    self._errors.append(f"{method}: {traceback.format_exc()}")
                status, payload = 500, ApiError(500, f"Internal Server Error: {exc!r}").payload()
        if self._take_fault("drop_after", method):
            self._record(method, params, started, status, payload, dropped="after")
            raise _Drop
        return self._record(method, params, started, status, payload)

    def _record(self, method, params, started, status, payload, dropped=None) -> tuple[int, dict]:
        call = {
            "method": method,
            "params": params,
            "time": started,
            "status": status,
            "response": payload,
            "dropped": dropped,
            "answered": False,
        }
        with self._cond:
            self._calls.append(call)
            self._changed()
        _local.call = call
        return status, payload

    def _mark_answered(self, call: dict | None, answered: bool) -> None:
        """Whether the answer to ``call`` reached the client; one that did not was applied, but unacknowledged."""
        if call is None:
            return
        with self._cond:
            if answered:
                call["answered"] = True
            elif call["dropped"] is None:
                call["dropped"] = "unanswered"
            self._changed()
