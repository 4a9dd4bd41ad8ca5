"""An in-process Telegram Bot API server for end-to-end tests (standard library only).

The bot under test talks to it over real HTTP with ``base_url=server.base_url``; the test
plays the users (``send_text``, ``press_button``, ...) and inspects what the bot called
(``calls``, ``bot_messages``, ``wait_for``). Validation lives in ``botapi_validation``.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import select
import socket
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from email.parser import BytesParser
from email.policy import HTTP as HTTP_POLICY
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .botapi_validation import (
    BadRequest,
    find_auto_entities,
    format_text,
    validate_inline_results,
    validate_reply_markup,
)

CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
MAX_GET_UPDATES_LIMIT = 100
PEER_CHECK_SECONDS = 0.2  # how often a waiting getUpdates looks whether its client hung up
WEBHOOK_RETRY_MAX_SECONDS = 1.0  # Telegram backs off far longer; tests want quick retries
_DEFAULT_ALLOWED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})  # excluded
_CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
_DESCRIPTIONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden: bot was blocked by the user",
    404: "Not Found", 409: CONFLICT_OTHER_POLL, 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
}
# form values PTB sends unencoded; everything else is JSON (RequestParameter.json_value)
_STRING_PARAMS = frozenset(
    "text caption callback_query_id inline_query_id inline_message_id parse_mode url secret_token "
    "next_offset action language_code business_connection_id message_effect_id ip_address "
    "title description short_description name emoji query".split()
)


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional ResponseParameters."""

    def __init__(self, status: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def payload(self) -> dict:
        body = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class BotApiTimeout(AssertionError):
    """A wait_* helper gave up; the message lists the latest API calls."""


class _Drop(Exception):
    """Close the client connection without answering."""


_local = threading.local()  # the connection of the request this handler thread is serving


def _peer_closed() -> bool:
    """True when the client of the current request has closed its connection."""
    sock = getattr(_local, "connection", None)
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _decode_params(query: str, content_type: str, body: bytes) -> dict:
    raw: dict = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    mime = content_type.split(";")[0].strip().lower()
    if mime == "application/json" and body:
        try:
            decoded = json.loads(body)
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise ApiError(400, "Bad Request: can't parse JSON object")
        return {**{k: _decode_value(k, v) for k, v in raw.items()}, **decoded}
    if mime == "multipart/form-data":
        message = BytesParser(policy=HTTP_POLICY).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                raw[name] = {"filename": part.get_filename(), "size": len(payload),
                             "content_type": part.get_content_type()}
            else:
                raw[name] = payload.decode("utf-8", "replace")
    elif body:
        raw.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return {k: _decode_value(k, v) for k, v in raw.items()}


def _decode_value(name: str, value):
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like api.telegram.org
    disable_nagle_algorithm = True  # headers and body go out in two writes; avoid 40 ms ACK stalls
    server_version = "TelegramBotApiTestServer/1.0"

    def log_message(self, format, *args):  # noqa: A002 - silence per-request stderr lines
        pass

    def do_GET(self):  # noqa: N802
        self._serve()

    do_POST = do_GET

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        api: BotApiServer = self.server.api
        url = urllib.parse.urlsplit(self.path)
        body = self._read_body()
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z0-9_]+)/?", url.path)
        if not match:
            self._send(404, ApiError(404, "Not Found").payload())
            return
        _local.connection = self.connection
        try:
            params = _decode_params(url.query, self.headers.get("Content-Type", ""), body)
            status, payload = api._handle_call(match.group(1), match.group(2), params)
        except ApiError as exc:
            status, payload = exc.status, exc.payload()
        except _Drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._send(status, payload)

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # bursts of parallel connections from the bot's connection pool

    def __init__(self, address, api: BotApiServer) -> None:
        self.api = api
        self._connections: set = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_all_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # vanished clients (drops, outages) are expected
            with self.api._cond:
                self.api._errors.append(traceback.format_exc())


class BotApiServer:
    """Fake api.telegram.org for one bot token; see the module docstring."""

    def __init__(self, token: str, *, bot_username: str = "tanya_test_bot", host: str = "127.0.0.1",
                 port: int = 0, bot_first_name: str = "Tanya", strict_ampersand: bool = True) -> None:
        self.token = token
        self.host, self.port = host, port
        self.strict_ampersand = strict_ampersand
        prefix = token.split(":", 1)[0]
        self.bot_user = {
            "id": int(prefix) if prefix.isdigit() else 7000000001, "is_bot": True,
            "first_name": bot_first_name, "username": bot_username, "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": True,
            "can_connect_to_business": False, "has_main_web_app": False,
        }
        self._cond = threading.Condition(threading.RLock())
        self._version = 0
        self._calls: list[dict] = []
        self._updates: list[dict] = []
        self._pending: list[dict] = []
        self._update_ids = itertools.count(100000001)
        self._query_ids = itertools.count(4800000000000000001)
        self._file_ids = itertools.count(1)
        self._chats: dict[int, dict] = {}
        self._messages: dict[int, dict[int, dict]] = {}
        self._last_message_id: dict[int, int] = {}
        self._bot_messages: dict[int, list[dict]] = {}
        self._open_queries: dict[str, str] = {}  # query id -> "callback_query" | "inline_query"
        self._commands: dict[str, list] = {}
        self._allowed_updates: list | None = None
        self._faults: dict[str, dict[str, list]] = {"delay": {}, "drop_before": {}, "fail": {}, "drop_after": {}}
        self._poll_generation = 0
        self._poll_terminator = CONFLICT_OTHER_POLL
        self._conflicts = 0
        self._webhook: dict | None = None
        self._webhook_deliveries: list[dict] = []
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
        thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                  name="botapi-http", daemon=True)
        thread.start()
        self._threads.append(thread)
        self._httpd = httpd

    def _close_listener(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
            httpd.close_all_connections()

    def go_down(self, seconds: float) -> None:
        """Refuse connections (and cut open ones) for ``seconds``, then listen on the same port."""
        with self._cond:
            self._down_epoch += 1
            self._changed()
        with self._lifecycle:
            if self._restart_timer:
                self._restart_timer.cancel()
            self._close_listener()
            self._restart_timer = threading.Timer(seconds, self._come_up)
            self._restart_timer.daemon = True
            self._restart_timer.start()

    def _come_up(self) -> None:
        with self._lifecycle:
            if self._running and self._httpd is None:
                self._listen()

    # ------------------------------------------------------------------- users
    def user(self, user_id: int, first_name: str = "Siswa", username: str | None = None) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "id"}
        if username:
            user["username"] = username
        return user

    def private_chat(self, user: dict) -> dict:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        return self._register_chat(chat)

    def group_chat(self, chat_id: int, title: str = "Kelas PKn", type: str = "supergroup") -> dict:  # noqa: A002
        return self._register_chat({"id": chat_id, "type": type, "title": title})

    def _register_chat(self, chat: dict) -> dict:
        with self._cond:
            self._chats.setdefault(chat["id"], dict(chat))
            self._messages.setdefault(chat["id"], {})
        return dict(chat)

    def _new_message(self, chat: dict, sender: dict, **fields) -> dict:
        with self._cond:
            self._register_chat(chat)
            message_id = self._last_message_id.get(chat["id"], 0) + 1
            self._last_message_id[chat["id"]] = message_id
            message = {"message_id": message_id, "from": dict(sender), "chat": dict(self._chats[chat["id"]]),
                       "date": int(time.time()), **fields}
            self._messages[chat["id"]][message_id] = message
            return message

    def _stored(self, chat_id, message_id) -> dict | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def send_text(self, chat: dict, user: dict, text: str, *, reply_to_message_id: int | None = None,
                  entities: list | None = None) -> dict:
        """A user writes ``text``; Telegram-detected entities are added when ``entities`` is None."""
        fields: dict = {"text": text}
        ents = find_auto_entities(text) if entities is None else entities
        if ents:
            fields["entities"] = ents
        with self._cond:
            if reply_to_message_id is not None:
                target = self._stored(chat["id"], reply_to_message_id)
                if target is None:
                    raise LookupError(f"no message {reply_to_message_id} in chat {chat['id']}")
                fields["reply_to_message"] = _without_reply(target)
            message = self._new_message(chat, user, **fields)
            self.push_update("message", message)
            return copy.deepcopy(message)

    def edit_text(self, chat: dict, user: dict, message_id: int, text: str) -> dict:
        with self._cond:
            message = self._stored(chat["id"], message_id)
            if message is None or message["from"]["id"] != user["id"] or "text" not in message:
                raise LookupError(f"user {user['id']} has no text message {message_id} in chat {chat['id']}")
            message["text"] = text
            message.pop("entities", None)
            if find_auto_entities(text):
                message["entities"] = find_auto_entities(text)
            message["edit_date"] = int(time.time())
            self.push_update("edited_message", message)
            return copy.deepcopy(message)

    def send_sticker(self, chat: dict, user: dict) -> dict:
        file_no = next(self._file_ids)
        sticker = {"file_id": f"CAACAgIAAxkBAAE{file_no:08d}", "file_unique_id": f"AgAD{file_no:06d}",
                   "type": "regular", "width": 512, "height": 512, "is_animated": False,
                   "is_video": False, "emoji": "\U0001f44d"}
        return self._push_user_message(chat, user, sticker=sticker)

    def send_photo(self, chat: dict, user: dict, caption: str | None = None) -> dict:
        file_no = next(self._file_ids)
        photo = [{"file_id": f"AgACAgIAAxkBAAE{file_no:08d}{size}", "file_unique_id": f"AQAD{file_no:06d}{size}",
                  "width": size, "height": size, "file_size": size * 40} for size in (90, 320, 800)]
        fields: dict = {"photo": photo}
        if caption:
            fields["caption"] = caption
        return self._push_user_message(chat, user, **fields)

    def _push_user_message(self, chat: dict, user: dict, **fields) -> dict:
        with self._cond:
            message = self._new_message(chat, user, **fields)
            self.push_update("message", message)
            return copy.deepcopy(message)

    def press_button(self, chat: dict, user: dict, bot_message_id: int, callback_data: str, *,
                     check: bool = True) -> str:
        """A user presses an inline button; with ``check`` the button must exist. Returns the query id."""
        with self._cond:
            message = self._stored(chat["id"], bot_message_id)
            if check:
                buttons = [] if message is None else [
                    b.get("callback_data") for row in message.get("reply_markup", {}).get("inline_keyboard", [])
                    for b in row
                ]
                if callback_data not in buttons:
                    raise LookupError(f"message {bot_message_id} in chat {chat['id']} has no button "
                                      f"{callback_data!r}; buttons: {buttons}")
            query_id = str(next(self._query_ids))
            query = {"id": query_id, "from": dict(user), "chat_instance": f"-{abs(chat['id'])}77",
                     "data": callback_data,
                     "message": copy.deepcopy(message) if message else
                     {"chat": dict(chat), "message_id": bot_message_id, "date": 0}}
            self._open_queries[query_id] = "callback_query"
            self.push_update("callback_query", query)
            return query_id

    def inline_query(self, user: dict, query: str, offset: str = "") -> str:
        with self._cond:
            query_id = str(next(self._query_ids))
            self._open_queries[query_id] = "inline_query"
            self.push_update("inline_query", {"id": query_id, "from": dict(user), "query": query,
                                              "offset": offset, "chat_type": "sender"})
            return query_id

    def push_update(self, kind: str, payload: dict) -> dict:
        """Queue an arbitrary update (``kind`` is the Update field, e.g. "my_chat_member")."""
        with self._cond:
            update = {"update_id": next(self._update_ids), kind: copy.deepcopy(payload)}
            self._updates.append(update)
            self._pending.append(update)
            self._changed()
            return copy.deepcopy(update)

    # ------------------------------------------------------------- inspection
    def _changed(self) -> None:
        self._version += 1
        self._cond.notify_all()

    def calls(self, method: str | None = None) -> list[dict]:
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
                        raise BotApiTimeout(f"timed out after {timeout}s waiting for {what}; "
                                            f"latest calls: {recent}")
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

    # ------------------------------------------------------------------ faults
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

    def fail_next(self, method: str, status: int, *, count: int = 1, description: str | None = None,
                  retry_after: int | None = None, migrate_to_chat_id: int | None = None) -> None:
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

    def set_webhook_target(self, url: str | None, secret_token: str | None = None) -> None:
        """Set (or, with a false url, remove) the webhook without an API call."""
        with self._cond:
            self._set_webhook({"url": url or "", "secret_token": secret_token})

    # -------------------------------------------------------------- dispatching
    def _handle_call(self, token: str, method: str, params: dict) -> tuple[int, dict]:
        started = time.time()
        if token != self.token:
            return self._record(method, params, started, 401, ApiError(401, "Unauthorized").payload())
        delay = self._take_fault("delay", method)
        if delay:
            time.sleep(delay)
        if self._take_fault("drop_before", method):
            self._record(method, params, started, None, None, dropped="before")
            raise _Drop
        failure = self._take_fault("fail", method)
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
            except Exception as exc:  # a bug in this server: answer 500 and keep it for server_errors()
                with self._cond:
                    self._errors.append(f"{method}: {traceback.format_exc()}")
                status, payload = 500, ApiError(500, f"Internal Server Error: {exc!r}").payload()
        if self._take_fault("drop_after", method):
            self._record(method, params, started, status, payload, dropped="after")
            raise _Drop
        return self._record(method, params, started, status, payload)

    def _record(self, method, params, started, status, payload, dropped=None) -> tuple[int, dict]:
        with self._cond:
            self._calls.append({"method": method, "params": params, "time": started, "status": status,
                                "response": payload, "dropped": dropped})
            self._changed()
        return status, payload

    def _chat(self, chat_id) -> dict:
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            chat_id = int(chat_id)
        chat = self._chats.get(chat_id)
        if chat is None and isinstance(chat_id, str):
            chat = next((c for c in self._chats.values()
                         if chat_id.startswith("@") and c.get("username") == chat_id[1:]), None)
        if chat is None:
            raise BadRequest("Bad Request: chat not found")
        return chat

    def _reply_target(self, chat: dict, params: dict) -> dict | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id, allow = reply.get("message_id"), reply.get("allow_sending_without_reply")
            target_chat = self._chat(reply["chat_id"]) if reply.get("chat_id") is not None else chat
        elif params.get("reply_to_message_id") is not None:
            message_id, allow = params["reply_to_message_id"], params.get("allow_sending_without_reply")
            target_chat = chat
        else:
            return None
        target = self._stored(target_chat["id"], message_id)
        if target is None and not allow:
            raise BadRequest("Bad Request: message to be replied not found")
        return _without_reply(target) if target else None

    def _snapshot(self, chat_id: int, message: dict, event: str, method: str, params: dict, markup) -> None:
        self._bot_messages.setdefault(chat_id, []).append({
            **copy.deepcopy(message), "_event": event, "_method": method, "_raw_text": params.get("text"),
            "_parse_mode": params.get("parse_mode"), "_reply_markup": copy.deepcopy(markup),
        })
        self._changed()

    def _format(self, params: dict) -> tuple[str, list]:
        return format_text(params.get("text"), params.get("parse_mode"), params.get("entities"),
                           strict_ampersand=self.strict_ampersand)

    # --------------------------------------------------------------- methods
    def _api_getme(self, params: dict) -> dict:
        return dict(self.bot_user)

    def _api_logout(self, params: dict) -> bool:
        return True

    _api_close = _api_logout

    def _api_sendmessage(self, params: dict) -> dict:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            text, entities = self._format(params)
            markup = validate_reply_markup(params.get("reply_markup"))
            fields: dict = {"text": text}
            if entities:
                fields["entities"] = entities
            reply_to = self._reply_target(chat, params)
            if reply_to:
                fields["reply_to_message"] = reply_to
            if markup and "inline_keyboard" in markup:
                fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
            message = self._new_message(chat, _bot_sender(self.bot_user), **fields)
            self._snapshot(chat["id"], message, "sent", "sendMessage", params, markup)
            return copy.deepcopy(message)

    def _bot_message_to_edit(self, params: dict) -> dict:
        chat = self._chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise BadRequest("Bad Request: message identifier is not specified")
        message = self._stored(chat["id"], params["message_id"])
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise BadRequest("Bad Request: message can't be edited")
        return message

    def _apply_edit(self, message: dict, params: dict, method: str, markup, **fields) -> dict:
        new_markup = {"inline_keyboard": markup["inline_keyboard"]} if markup and "inline_keyboard" in markup else None
        current = {k: message.get(k) for k in fields}
        if current == fields and message.get("reply_markup") == new_markup:
            raise BadRequest(NOT_MODIFIED)
        for key, value in {**fields, "reply_markup": new_markup}.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(time.time())
        self._snapshot(message["chat"]["id"], message, "edited", method, params, markup)
        return copy.deepcopy(message)

    def _api_editmessagetext(self, params: dict):
        with self._cond:
            text, entities = self._format(params)
            markup = validate_reply_markup(params.get("reply_markup"))
            if params.get("inline_message_id"):
                return True
            message = self._bot_message_to_edit(params)
            if "text" not in message:
                raise BadRequest("Bad Request: there is no text in the message to edit")
            return self._apply_edit(message, params, "editMessageText", markup, text=text, entities=entities or None)

    def _api_editmessagereplymarkup(self, params: dict):
        with self._cond:
            markup = validate_reply_markup(params.get("reply_markup"))
            if params.get("inline_message_id"):
                return True
            return self._apply_edit(self._bot_message_to_edit(params), params, "editMessageReplyMarkup", markup)

    def _api_deletemessage(self, params: dict) -> bool:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            if self._messages[chat["id"]].pop(params.get("message_id"), None) is None:
                raise BadRequest("Bad Request: message to delete not found")
            return True

    def _answer_query(self, query_id, kind: str) -> None:
        if self._open_queries.get(query_id) != kind:
            raise BadRequest(QUERY_INVALID)
        del self._open_queries[query_id]

    def _api_answercallbackquery(self, params: dict) -> bool:
        with self._cond:
            self._answer_query(params.get("callback_query_id"), "callback_query")
            return True

    def _api_answerinlinequery(self, params: dict) -> bool:
        with self._cond:
            if self._open_queries.get(params.get("inline_query_id")) != "inline_query":
                raise BadRequest(QUERY_INVALID)
            validate_inline_results(params.get("results"), strict_ampersand=self.strict_ampersand)
            if len(str(params.get("next_offset") or "").encode("utf-8")) > 64:
                raise BadRequest("Bad Request: NEXT_OFFSET_INVALID")
            self._answer_query(params.get("inline_query_id"), "inline_query")
            return True

    def _api_sendchataction(self, params: dict) -> bool:
        with self._cond:
            self._chat(params.get("chat_id"))
            if params.get("action") not in _CHAT_ACTIONS:
                raise BadRequest("Bad Request: wrong parameter action in request")
            return True

    @staticmethod
    def _commands_key(params: dict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _api_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise BadRequest("Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise BadRequest("Bad Request: too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command"))):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not isinstance(command.get("description"), str) or not 1 <= len(command["description"]) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            self._commands[self._commands_key(params)] = copy.deepcopy(commands)
            return True

    def _api_getmycommands(self, params: dict) -> list:
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _api_deletemycommands(self, params: dict) -> bool:
        with self._cond:
            self._commands.pop(self._commands_key(params), None)
            return True

    # ---------------------------------------------------------------- updates
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
            self._webhook = {"url": url, "secret_token": secret, "max_connections": params.get("max_connections") or 40,
                             "last_error_date": None, "last_error_message": None}
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
                    info.update(last_error_date=self._webhook["last_error_date"],
                                last_error_message=self._webhook["last_error_message"])
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
            request = urllib.request.Request(hook["url"], data=json.dumps(update).encode("utf-8"),
                                             headers=headers, method="POST")
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
                self._webhook_deliveries.append({"update_id": update["update_id"], "time": time.time(),
                                                 "url": hook["url"], "status": status, "error": error})
                if error is None:
                    self._pending = [u for u in self._pending if u["update_id"] != update["update_id"]]
                elif self._webhook:
                    self._webhook.update(last_error_date=int(time.time()), last_error_message=error)
                self._changed()
            failures = 0 if error is None else failures + 1
            if failures and self._stop_event.wait(min(0.05 * 2 ** failures, WEBHOOK_RETRY_MAX_SECONDS)):
                return


def _bot_sender(bot_user: dict) -> dict:
    return {k: bot_user[k] for k in ("id", "is_bot", "first_name", "username")}


def _without_reply(message: dict) -> dict:
    """Telegram nests reply_to_message one level deep only."""
    reply = copy.deepcopy(message)
    reply.pop("reply_to_message", None)
    return reply
