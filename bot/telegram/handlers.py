"""Telegram handlers: read the text, ask the engine, render, reply. Wiring lives in `bot.telegram.app`."""

from __future__ import annotations

import logging
import re

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram.context import chat_subjects, command_argument, engine_of, message_of, topic_groups
from bot.telegram.delivery import move_chat_data, send_reply
from bot.telegram.flood import FloodGate, Verdict
from bot.telegram.network import is_retryable
from bot.telegram.questionlog import log_question, question_log
from bot.telegram.render import (
    APOLOGY,
    ASK_USAGE,
    EMPTY_QUESTION,
    NOT_TEXT,
    SLOW_DOWN,
    SLOW_DOWN_SHORT,
    TOO_LONG,
    TOPIC_GONE,
    UNKNOWN_COMMAND,
    Reply,
    parse_callback,
    render_answer,
    render_article,
    render_greeting,
    render_help,
    render_topic_page,
)
from faq import Answer, Engine, Topic

logger = logging.getLogger(__name__)


BOT_USERNAME = "username"
"""`bot_data` key of the bot's own @username (from getMe), for group addressing."""

LAST_TOPIC = "last_topic"
"""`chat_data` key of the chat's last answered intent id, passed to the engine as `context`."""

FLOOD_GATE = "flood_gate"
"""`bot_data` key of the per-user `FloodGate` (absent: no per-user limit)."""

STOPPED_BY_CONFLICT = "stopped_by_conflict"
"""`bot_data` key set when the bot stopped because another instance polls the same token."""

MAX_QUESTION_CHARS = 1000
"""Longest question (characters) sent to the engine; longer ones get a polite "please shorten"."""

INLINE_RESULTS = 5
"""Articles per inline answer."""

INLINE_CACHE_SECONDS = 30
"""How long Telegram may cache an inline answer; short, so a reloaded KB shows up soon."""


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs first: a user over the per-user rate gets one polite notice, then silence until the window has room."""
    gate: FloodGate | None = context.bot_data.get(FLOOD_GATE)
    user = update.effective_user
    if gate is None or user is None or not _expects_reply(update, context):
        return
    verdict = gate.check(user.id)
    if verdict is Verdict.PASS:
        return
    query = update.callback_query
    if verdict is Verdict.NOTIFY:
        logger.info("user %s sent over %d messages in %g s: one notice, then silence", user.id, gate.limit, gate.window)
        if query is None:
            await _send(context, message_of(update), Reply(SLOW_DOWN))
    if query is not None:  # a pressed button must be answered, or it keeps spinning
        await query.answer(SLOW_DOWN_SHORT if verdict is Verdict.NOTIFY else None)
    raise ApplicationHandlerStop


async def chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its memory (the last topic) moves to the new chat id."""
    message = message_of(update)
    if message.migrate_to_chat_id:
        move_chat_data(context.application, message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        move_chat_data(context.application, message.migrate_from_chat_id, message.chat_id)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet the user, say what the bot knows and how to ask (and that questions are kept, if so)."""
    user = update.effective_user
    greeting = render_greeting(user.first_name if user else None, questions_kept=question_log(context).enabled)
    await _send(context, message_of(update), greeting)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bantuan and /help: how to ask, in private chats, groups and inline."""
    await _send(context, message_of(update), render_help(context.bot_data.get(BOT_USERNAME)))


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/topik: the first page of the chat's topics as buttons (grouped by subject when several)."""
    message = message_of(update)
    await _send(context, message, render_topic_page(topic_groups(context, message.chat_id), 0))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tanya <pertanyaan>: answer the text after the command (the way to ask in a group)."""
    message = message_of(update)
    question = command_argument(message)
    if not question:
        await _send(context, message, Reply(ASK_USAGE))
        return
    await _answer(message, context, question)


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question; an edited one is answered again."""
    message = message_of(update)
    await _answer(message, context, message.text)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, answer only a message that mentions the bot or replies to one of its messages."""
    message = message_of(update)
    username = context.bot_data.get(BOT_USERNAME) or context.bot.username
    if not _addressed(message, username, context.bot.id):
        return
    await _answer(message, context, _without_mention(message.text or "", username))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like in a private chat: ask for a typed question."""
    await _send(context, message_of(update), Reply(NOT_TEXT))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know, in a private chat: point to /bantuan."""
    await _send(context, message_of(update), Reply(UNKNOWN_COMMAND))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button: a topic ("t:<id>") gets its answer, a page ("p:<n>") turns the /topik list."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    chat = update.effective_chat
    if chat is None:  # a button on an inline-mode message: no chat to answer in
        return
    engine = engine_of(context)
    kind, value = parse_callback(query.data)
    if kind == "page" and value.isdigit() and isinstance(query.message, Message):
        await _turn_page(query.message, topic_groups(context, chat.id), int(value))
        return
    answer = engine.topic(value) if kind == "topic" else None
    if answer is None:  # the KB was reloaded since the button was sent, or the data is foreign
        await send_reply(context.application, chat.id, Reply(TOPIC_GONE))
        return
    _remember(context, engine, answer)
    await send_reply(context.application, chat.id, render_answer(answer))


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot <query> from any chat: up to five matching topics as articles; an empty query pages through all."""
    query = update.inline_query
    if query is None:
        return
    engine = engine_of(context)
    subjects = chat_subjects(context, query.from_user.id)  # inline has no chat: the user's own choice
    text = query.query.strip()[:MAX_QUESTION_CHARS]
    next_offset = None
    if text:
        ids = [s.id for s in engine.search(text, limit=INLINE_RESULTS, subjects=subjects)]
        ids = ids or [t.id for t in engine.topics(subjects)[:INLINE_RESULTS]]
    else:
        start_at = int(query.offset) if query.offset.isdigit() else 0
        topics = engine.topics(subjects)
        ids = [t.id for t in topics[start_at : start_at + INLINE_RESULTS]]
        if start_at + INLINE_RESULTS < len(topics):
            next_offset = str(start_at + INLINE_RESULTS)
    logger.debug("inline query %r -> %s", text, ids)
    answers = [a for a in map(engine.topic, ids) if a is not None]
    articles = [article for article in map(render_article, answers) if article is not None]
    await query.answer(articles, cache_time=INLINE_CACHE_SECONDS, next_offset=next_offset)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error (the log filter keeps the token out), then apologise where there is a message.

    Errors of polling come without an update: a 409 Conflict stops the bot (another instance
    polls the token); network errors are logged by `PollingRequest` and retried by PTB. A 403
    means the user blocked the bot, or it was removed from the group: an INFO line, no apology.
    """
    error = context.error
    if not isinstance(update, Update):
        if isinstance(error, Conflict):
            logger.error(
                "another instance is polling this token (Telegram says: %s); stopping this one. Run one bot per token.",
                error.message,
            )
            context.bot_data[STOPPED_BY_CONFLICT] = True
            context.application.stop_running()
        elif isinstance(error, Exception) and is_retryable(error):
            logger.debug("polling error, retried: %s", error)
        else:
            logger.error("error outside an update", exc_info=error)
        return
    chat = update.effective_chat
    if isinstance(error, Forbidden):
        logger.info("chat %s refuses the bot (%s); not replying", chat.id if chat else "?", error.message)
        return
    logger.error("error while handling an update", exc_info=error)
    message = update.effective_message
    if message is None or (
        isinstance(error, Exception) and is_retryable(error)
    ):  # Telegram unreachable even after retries: so is an apology
        return
    try:
        await send_reply(context.application, message.chat_id, Reply(APOLOGY))
    except TelegramError as failure:
        logger.warning("could not send the apology: %s", failure)


async def _answer(message: Message, context: ContextTypes.DEFAULT_TYPE, question: str | None) -> None:
    text = (question or "").strip()
    if not text:
        await _send(context, message, Reply(EMPTY_QUESTION))
        return
    if len(text) > MAX_QUESTION_CHARS:
        await _send(context, message, Reply(TOO_LONG))
        return
    logger.debug("chat %s asked %r", message.chat_id, text)  # user text only at DEBUG
    engine = engine_of(context)
    chat_data = context.chat_data if context.chat_data is not None else {}
    answer = engine.answer(text, context=chat_data.get(LAST_TOPIC), subjects=chat_subjects(context, message.chat_id))
    logger.info("answered intent=%s score=%.1f", answer.intent, answer.score)
    _remember(context, engine, answer)
    feedback = log_question(context, message, text, answer)  # never raises: a locked log costs the entry only
    await _send(context, message, render_answer(answer, feedback=feedback))


def _remember(context: ContextTypes.DEFAULT_TYPE, engine: Engine, answer: Answer) -> None:
    # Small talk ("makasih") keeps the previous subject, so "terus kapan didirikan?" still follows it.
    intent = engine.kb.get(answer.intent) if answer.intent else None
    if intent is not None and not intent.small_talk and context.chat_data is not None:
        context.chat_data[LAST_TOPIC] = intent.id


async def _send(context: ContextTypes.DEFAULT_TYPE, message: Message, reply: Reply) -> None:
    # In groups, and for an edited question, quote the asking message so it is clear what is answered.
    quote = message.chat.type != ChatType.PRIVATE or message.edit_date is not None
    await send_reply(context.application, message.chat_id, reply, reply_to=message.message_id if quote else None)


async def _turn_page(message: Message, groups: list[tuple[str, list[Topic]]], page: int) -> None:
    reply = render_topic_page(groups, page)
    try:
        await message.edit_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=reply.keyboard)
    except BadRequest as error:  # a double press asks for the page already shown
        if "not modified" not in error.message.lower():
            raise


def _mention_pattern(username: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w@])@{re.escape(username)}(?![A-Za-z0-9_])", re.IGNORECASE)


def _expects_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    # What the flood gate counts: button presses, private messages, and group messages for this bot.
    message = update.effective_message
    if update.callback_query is not None or (message is not None and message.chat.type == ChatType.PRIVATE):
        return True
    if message is None or not (message.text or "").strip():
        return False
    username = context.bot_data.get(BOT_USERNAME) or context.bot.username
    first_word = (message.text or "").split(maxsplit=1)[0]
    if first_word.startswith("/"):  # "/tanya" or "/tanya@this_bot", not "/tanya@other_bot"
        _, _, target = first_word.partition("@")
        return not target or target.lower() == (username or "").lower()
    return _addressed(message, username, context.bot.id)


def _addressed(message: Message, username: str | None, bot_id: int) -> bool:
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    return username is not None and _mention_pattern(username).search(message.text or "") is not None


def _without_mention(text: str, username: str | None) -> str:
    return _mention_pattern(username).sub(" ", text) if username else text
