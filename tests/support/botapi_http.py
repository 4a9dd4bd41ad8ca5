"""HTTP plumbing of the test Bot API server: request decoding, the handler, the threaded server.

Everything here is about bytes on sockets; what a call *means* lives in the ``botapi_*`` mixins.
"""

from __future__ import annotations

import contextlib
import json
import re
import select
import socket
import sys
import threading
import traceback
import urllib.parse
from email.parser import BytesParser
from email.policy import HTTP as HTTP_POLICY
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .botapi import BotApiServer

# form values PTB sends unencoded; everything else is JSON (RequestParameter.json_value)
_STRING_PARAMS = frozenset(
    [
        "text",
        "caption",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "parse_mode",
        "url",
        "secret_token",
        "next_offset",
        "action",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "title",
        "description",
        "short_description",
        "name",
        "emoji",
        "query",
        "question",
        "question_parse_mode",
        "explanation",
        "explanation_parse_mode",
        "type",
    ]
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


_local = threading.local()  # the connection (and call record) of the request this thread serves


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
                raw[name] = {
                    "filename": part.get_filename(),
                    "size": len(payload),
                    "content_type": part.get_content_type(),
                }
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

    def log_message(self, format, *args):
        pass

    def do_GET(self):
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
        if not self.server.begin_call(self.connection):  # the server is going down: refuse unread
            self._drop()
            return
        _local.connection, _local.call = self.connection, None
        try:
            params = _decode_params(url.query, self.headers.get("Content-Type", ""), body)
            status, payload = api._handle_call(match.group(1), match.group(2), params)
        except ApiError as exc:
            status, payload = exc.status, exc.payload()
        except _Drop:
            self.server.end_call(self.connection)
            self._drop()
            return
        if self.server.closing:  # answered during a graceful outage: the connection's last call
            self.close_connection = True
        try:  # busy until the answer is out, so a graceful outage cannot cut it half-sent
            self._send(status, payload)
        except OSError:  # cut while answering: the call was applied but the client never heard
            api._mark_answered(_local.call, False)
            raise
        finally:
            self.server.end_call(self.connection)
        api._mark_answered(_local.call, True)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, status: int, payload: dict) -> None:
        try:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (user text) travel as JSON escapes
            data = json.dumps(payload).encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


class _HttpServer(ThreadingHTTPServer):
    """Tracks its connections, and which of them are inside a call, so outages can cut them."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # bursts of parallel connections from the bot's connection pool

    def __init__(self, address, api: BotApiServer) -> None:
        self.api = api
        self._connections: set = set()
        self._busy: set = set()
        self._closing = False
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
            self._busy.discard(request)
        super().shutdown_request(request)

    def begin_call(self, connection) -> bool:
        """Mark ``connection`` as inside a call; False when the server is closing."""
        with self._connections_lock:
            if self._closing:
                return False
            self._busy.add(connection)
            return True

    @property
    def closing(self) -> bool:
        """An outage has begun: calls in hand are answered, then their connections close."""
        with self._connections_lock:
            return self._closing

    def end_call(self, connection) -> None:
        """The call on ``connection`` is answered (or its answer failed)."""
        with self._connections_lock:
            self._busy.discard(connection)

    def close_all_connections(self, *, graceful: bool = False) -> None:
        """Cut every connection; ``graceful`` lets calls being answered finish (waiting polls still end)."""
        with self._connections_lock:
            self._closing = True
            connections = list(self._connections - self._busy if graceful else self._connections)
        for sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # vanished clients (drops, outages) are expected
            with self.api._cond:
                self.api._errors.append(traceback.format_exc())
