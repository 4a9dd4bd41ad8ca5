"""A python-telegram-bot client for the server's self-checks, and a raw HTTP poster for what PTB will not send."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import urllib.error
import urllib.request

import telegram

from .botapi import BotApiServer

TOKEN = "123456789:TEST-token_for_selfcheck"


def make_bot(srv: BotApiServer, token: str = TOKEN) -> telegram.Bot:
    return telegram.Bot(token, base_url=srv.base_url, base_file_url=srv.base_file_url)


def run_with_bot(srv: BotApiServer, body):
    """Run ``body(bot)`` in a fresh event loop with an initialised PTB Bot."""

    async def main():
        async with make_bot(srv) as bot:
            return await body(bot)

    return asyncio.run(main())


def seconds(value) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def raw_post(srv: BotApiServer, path: str, data: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://{srv.host}:{srv.port}{path}",
        data=json.dumps(data or {}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
