"""Sending one reply, with the remedies Telegram's refusals allow.

A reply to a deleted message is sent without the quote; a group that became a supergroup is
followed to its new chat id (its chat_data moves along). Network errors are retried below this,
in `bot.telegram.network`; a 403 (blocked, or removed from the group) reaches the error handler,
which logs it and does not try to apologise.
"""

from __future__ import annotations

import logging

from telegram import Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated
from telegram.ext import Application

from bot.telegram.render import Reply

logger = logging.getLogger(__name__)

REPLY_TARGET_GONE = "message to be replied not found"
"""Telegram's 400 description (lower case) when the quoted message no longer exists."""

MAX_MIGRATIONS = 2
"""Chat-id moves followed for one reply (a group migrates once; more would be a loop)."""


async def send_reply(application: Application, chat_id: int, reply: Reply, *, reply_to: int | None = None) -> Message:
    """Send `reply` to `chat_id` as HTML, quoting message `reply_to` when given."""
    migrations = 0
    while True:
        quote = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to is not None else None
        try:
            return await application.bot.send_message(
                chat_id, reply.text, parse_mode=ParseMode.HTML, reply_markup=reply.keyboard, reply_parameters=quote
            )
        except ChatMigrated as moved:
            if migrations == MAX_MIGRATIONS:
                raise
            migrations += 1
            logger.info("chat %s is now supergroup %s; replying there", chat_id, moved.new_chat_id)
            move_chat_data(application, chat_id, moved.new_chat_id)
            chat_id, reply_to = moved.new_chat_id, None  # the quoted message stayed in the old chat
        except BadRequest as error:
            if reply_to is None or REPLY_TARGET_GONE not in error.message.lower():
                raise
            logger.info("chat %s: the question was deleted before the reply; sending it unquoted", chat_id)
            reply_to = None


def move_chat_data(application: Application, old_chat_id: int, new_chat_id: int) -> None:
    """Move the chat's memory (its last topic) to its new id; a second notice of the same move changes nothing."""
    if application.chat_data.get(old_chat_id) and old_chat_id != new_chat_id:
        application.migrate_chat_data(old_chat_id=old_chat_id, new_chat_id=new_chat_id)
