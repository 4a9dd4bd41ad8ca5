"""Helpers for end-to-end tests: playing a user against the test Bot API server and reading the bot's replies."""

from __future__ import annotations

import html
import re

from tests.support.botapi import BotApiServer


def plain(markup: str) -> str:
    """What a user sees of one of the bot's HTML strings."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def callbacks(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


def labels(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


def topic_of(message: dict, engine) -> str | None:
    """The intent a bot message answers: its first line is the topic's title."""
    first_line = message["text"].split("\n", 1)[0]
    return next((i.id for i in engine.kb.intents if i.title == first_line), None)


def sent_messages(server: BotApiServer, chat: dict) -> list[dict]:
    """The bot's messages in `chat`, without the snapshots of its edits (a ticked 👍, a turned page)."""
    return [m for m in server.bot_messages(chat) if m["_event"] == "sent"]


def say(
    server: BotApiServer, chat: dict, user: dict, text: str, *, timeout: float = 10.0, **kwargs
) -> tuple[dict, dict]:
    """Send `text` and return (the user's message, the next message the bot sends in that chat)."""
    count = len(sent_messages(server, chat))
    sent = server.send_text(chat, user, text, **kwargs)
    server.wait_for(lambda calls: len(sent_messages(server, chat)) > count, timeout=timeout)
    return sent, sent_messages(server, chat)[count]


def private(server: BotApiServer, new_id) -> tuple[dict, dict]:
    user = server.user(new_id())
    return server.private_chat(user), user


def group(server: BotApiServer, new_id) -> tuple[dict, dict]:
    return server.group_chat(-1_000_000_000_000 - new_id()), server.user(new_id())
