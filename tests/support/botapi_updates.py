"""Getting updates from the test Bot API server: long polling, its conflicts, and webhook delivery."""

from __future__ import annotations

import copy
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from .botapi_http import ApiError, _Drop, _peer_closed
from .botapi_validation import BadRequest

CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
MAX_GET_UPDATES_LIMIT = 100
PEER_CHECK_SECONDS = 0.2  # how often a waiting getUpdates looks whether its client hung up
WEBHOOK_RETRY_MAX_SECONDS = 1.0  # Telegram backs off far longer; tests want quick retries
_DEFAULT_ALLOWED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})  # excluded


class UpdatesMixin:
    """getUpdates (offsets, long polling, 409s), setWebhook/deleteWebhook/getWebhookInfo, the webhook pusher."""

    def _init_updates(self) -> None:
        self._updates: list[dict] = []
        self._pending: list[dict] = []
        self._allowed_updates: list | None = None
        self._poll_generation = 0
        self._poll_terminator = CONFLICT_OTHER_POLL
        self._conflicts = 0
        self._webhook: dict | None = None
        self._webhook_deliveries: list[dict] = []

    def _update_allowed(self, update: dict) -> bool:
        kind = next(k for k in update if k != "update_id")
        allowed = self._allowed_updates
        return kind in allowed if allowed else kind not in _DEFAULT_ALLOWED

    def _deliverable(self, limit: int) -> list[dict]:
        """The first ``limit`` pending updates; updates of unwanted types are discarded."""
        self._pending = [u for u in self._pending if self._update_allowed(u)]
        return self._pending[:limit]

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def _set_allowed(self, params: dict) -> None:
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = list(allowed) or None

    def _terminate_poll(self, reason: str) -> None:
        self._poll_generation += 1
        self._poll_terminator = reason
        self._changed()

    def _api_getupdates(self, params: dict) -> list:
        try:
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or MAX_GET_UPDATES_LIMIT), 1), MAX_GET_UPDATES_LIMIT)
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except (TypeError, ValueError):
            raise BadRequest("Bad Request: wrong parameter in getUpdates request") from None
        with self._cond:
            if _peer_closed():  # abandoned while delayed: must not cut off the client's newer poll
                raise _Drop
            if self._webhook:
                raise ApiError(409, CONFLICT_WEBHOOK)
            self._set_allowed(params)
            self._confirm(offset)
            self._terminate_poll(CONFLICT_OTHER_POLL)
            generation, epoch = self._poll_generation, self._down_epoch
            deadline = time.monotonic() + timeout
            while True:
                if self._conflicts:
                    self._conflicts -= 1
                    raise ApiError(409, CONFLICT_OTHER_POLL)
                if epoch != self._down_epoch or _peer_closed():  # outage, or a cancelled poll
                    raise _Drop
                if generation != self._poll_generation:
                    raise ApiError(409, self._poll_terminator)
                batch = self._deliverable(limit)
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0:
                    return copy.deepcopy(batch)
                self._cond.wait(min(remaining, PEER_CHECK_SECONDS))

    def _set_webhook(self, params: dict) -> None:
        """setWebhook semantics; http:// is accepted too (Telegram insists on https)."""
        url, secret = params.get("url") or "", params.get("secret_token")
        if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise BadRequest("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        if url and secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise BadRequest("Bad Request: bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._set_allowed(params)
        if not url:
            self._webhook = None
        else:
            self._webhook = {
                "url": url,
                "secret_token": secret,
                "max_connections": params.get("max_connections") or 40,
                "last_error_date": None,
                "last_error_message": None,
            }
            self._terminate_poll("Conflict: terminated by setWebhook request")
        self._changed()

    def _api_setwebhook(self, params: dict) -> bool:
        with self._cond:
            self._set_webhook(params)
            return True

    def _api_deletewebhook(self, params: dict) -> bool:
        with self._cond:
            self._set_webhook({"url": "", "drop_pending_updates": params.get("drop_pending_updates")})
            return True

    def _api_getwebhookinfo(self, params: dict) -> dict:
        with self._cond:
            info = {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._pending)}
            if self._webhook:
                info.update(url=self._webhook["url"], max_connections=self._webhook["max_connections"])
                if self._webhook["last_error_date"]:
                    info.update(
                        last_error_date=self._webhook["last_error_date"],
                        last_error_message=self._webhook["last_error_message"],
                    )
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
            return info

    def _webhook_loop(self) -> None:
        failures = 0
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            with self._cond:
                while self._running and not (self._webhook and self._deliverable(1)):
                    self._cond.wait(1.0)
                if not self._running:
                    return
                hook, update = dict(self._webhook), copy.deepcopy(self._deliverable(1)[0])
            headers = {"Content-Type": "application/json"}
            if hook["secret_token"]:
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
            request = urllib.request.Request(
                hook["url"], data=json.dumps(update).encode("utf-8"), headers=headers, method="POST"
            )
            status, error = None, None
            try:
                with opener.open(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status, error = exc.code, f"Wrong response from the webhook: {exc.code} {exc.reason}"
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                error = getattr(reason, "strerror", None) or str(reason)  # e.g. "Connection refused"
            with self._cond:
                self._webhook_deliveries.append(
                    {
                        "update_id": update["update_id"],
                        "time": time.time(),
                        "url": hook["url"],
                        "status": status,
                        "error": error,
                    }
                )
                if error is None:
                    self._pending = [u for u in self._pending if u["update_id"] != update["update_id"]]
                elif self._webhook:
                    self._webhook.update(last_error_date=int(time.time()), last_error_message=error)
                self._changed()
            failures = 0 if error is None else failures + 1
            if failures and self._stop_event.wait(min(0.05 * 2**failures, WEBHOOK_RETRY_MAX_SECONDS)):
                return
