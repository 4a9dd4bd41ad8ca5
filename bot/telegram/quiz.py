"""/kuis and /skor: one quiz poll (practice that remembers in a private chat), a round of polls,
and the scoreboards.

A round is one poll at a time, each open for TANYABOT_QUIZ_SECONDS; a JobQueue job sends the next
once it closed, then the results (ties share a place).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from telegram import Chat, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes, Job

from bot.telegram import quiz_text as text
from bot.telegram.context import command_argument, engine_of, message_of
from bot.telegram.delivery import send_reply
from bot.telegram.quiz_polls import is_admin, quiz_items, reply_to, rng, send_quiz_poll, settings_of, store_of
from bot.telegram.render import Reply
from faq import Topic
from faq.practice import practice_order
from faq.schema import QuizItem

logger = logging.getLogger(__name__)

ROUNDS = "quiz_rounds"
ROUND_GAP_SECONDS = 2
"""Seconds between a round's poll closing and the next one (Telegram closes it at open_period)."""


@dataclass
class Round:
    """A round running in one chat."""

    id: int | None
    chat_id: int
    chat_type: str
    starter: int
    items: list[QuizItem]
    asked: int = 0
    poll_message: int | None = None
    job: Job | None = field(default=None, repr=False)


def _rounds(context: ContextTypes.DEFAULT_TYPE | Application) -> dict[int, Round]:
    rounds: dict[int, Round] = context.bot_data.setdefault(ROUNDS, {})
    return rounds


async def quiz_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/kuis, /kuis <kata>, /kuis <N> (a round), /kuis stop."""
    message = message_of(update)
    argument = command_argument(message).strip()
    if argument.casefold() == "stop":
        await _stop_round(update, context, message)
    elif argument.isdigit():
        await _start_round(update, context, message, int(argument))
    elif argument.casefold() in ("bantuan", "help", "?"):
        await reply_to(context, message, text.render_usage())
    else:
        await _single(update, context, message, argument)


async def _single(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message, words: str) -> None:
    engine = engine_of(context)
    items = _items(context, message.chat_id, words)
    if not items:
        available = {i.intent for i in quiz_items(context, message.chat_id)}
        topics = [Topic(i.id, i.title) for i in engine.kb.intents if i.id in available]
        await reply_to(context, message, text.render_topics_with_quiz(topics))
        return
    user = update.effective_user
    if message.chat.type == ChatType.PRIVATE and user is not None:
        store = store_of(context)
        ordered, due = practice_order(items, store.practice_states(user.id, [i.id for i in items]), store.now(), rng())
        item = ordered[0]
        await reply_to(context, message, Reply(text.DUE.format(due=due) if due else text.NOTHING_DUE))
    else:
        item = rng().choice(items)
    await send_quiz_poll(context.application, message.chat, item)


def _items(context: ContextTypes.DEFAULT_TYPE, chat_id: int, words: str) -> list[QuizItem]:
    # The chat's items, or those of the topic the words name (through the engine, in the chat's subjects).
    items = quiz_items(context, chat_id)
    if not words:
        return items
    answer = engine_of(context).answer(words, subjects=_subjects(context, items))
    return [i for i in items if i.intent == answer.intent] if answer.intent else []


def _subjects(context: ContextTypes.DEFAULT_TYPE, items: list[QuizItem]) -> set[str]:
    kb = engine_of(context).kb
    return {intent.subject for intent in (kb.get(i.intent) for i in items) if intent is not None}


async def _start_round(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message, size: int) -> None:
    rounds, user = _rounds(context), update.effective_user
    if not 1 <= size <= text.MAX_ROUND:
        await reply_to(context, message, Reply(text.ROUND_SIZE.format(max=text.MAX_ROUND)))
        return
    if message.chat_id in rounds:
        await reply_to(context, message, Reply(text.ROUND_RUNNING))
        return
    store = store_of(context)
    items = quiz_items(context, message.chat_id)
    if not items or user is None:
        await reply_to(context, message, Reply(text.NO_ITEMS))
        return
    if message.chat.type == ChatType.PRIVATE:
        items, _ = practice_order(items, store.practice_states(user.id, [i.id for i in items]), store.now(), rng())
    else:
        rng().shuffle(items)
    chosen = items[: min(size, len(items))]
    round_ = Round(
        store.start_round(message.chat_id, user_id=user.id, size=len(chosen)),
        message.chat_id,
        message.chat.type,
        user.id,
        chosen,
    )
    rounds[message.chat_id] = round_
    seconds = settings_of(context).quiz_seconds
    await reply_to(context, message, Reply(text.ROUND_STARTED.format(size=len(chosen), seconds=seconds)))
    await _ask_next(context.application, round_)


async def _ask_next(application: Application, round_: Round) -> None:
    if round_.asked >= len(round_.items):
        await _finish(application, round_)
        return
    seconds = settings_of(application).quiz_seconds
    item = round_.items[round_.asked]
    try:
        poll = await send_quiz_poll(
            application, Chat(round_.chat_id, round_.chat_type), item, round_id=round_.id, open_period=seconds
        )
    except (Forbidden, BadRequest) as error:
        logger.warning("quiz round in chat %s stopped: %s", round_.chat_id, error.message)
        _rounds(application).pop(round_.chat_id, None)
        return
    round_.asked += 1
    round_.poll_message = poll.message_id
    if application.job_queue is not None:
        round_.job = application.job_queue.run_once(
            _round_tick, seconds + ROUND_GAP_SECONDS, chat_id=round_.chat_id, name=f"round-{round_.chat_id}"
        )


async def _round_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The round's poll has closed: the next one, or the results."""
    chat_id = context.job.chat_id if context.job else None
    round_ = _rounds(context).get(chat_id) if chat_id is not None else None
    if round_ is not None:
        round_.job = None  # this run is the job: nothing left to cancel
        await _ask_next(context.application, round_)


async def _finish(application: Application, round_: Round, *, stopped: bool = False) -> None:
    _rounds(application).pop(round_.chat_id, None)
    if round_.job is not None:
        round_.job.schedule_removal()
    store = store_of(application)
    standings = []
    if round_.id is not None:
        store.finish_round(round_.id)
        standings = store.round_results(round_.id)
    await send_reply(application, round_.chat_id, text.render_results(standings, round_.asked, stopped=stopped))


async def _stop_round(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    round_, user = _rounds(context).get(message.chat_id), update.effective_user
    if round_ is None:
        await reply_to(context, message, Reply(text.NO_ROUND))
        return
    if user is None or (user.id != round_.starter and not await is_admin(context, message)):
        await reply_to(context, message, Reply(text.STOP_REFUSED))
        return
    if round_.poll_message is not None:
        try:
            await context.bot.stop_poll(round_.chat_id, round_.poll_message)
        except TelegramError as error:  # already closed: nothing to stop
            logger.debug("stopPoll in chat %s: %s", round_.chat_id, error)
    await _finish(context.application, round_, stopped=True)


# ---------------------------------------------------------------- answers and scores
async def scores_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/skor: the chat's leaderboard (this week and all time); in a private chat, your own record."""
    message, user, store = message_of(update), update.effective_user, store_of(context)
    if message.chat.type == ChatType.PRIVATE:
        if user is not None:
            await reply_to(context, message, text.render_record(store.record_of(user.id), engine_of(context).kb))
        return
    week = store.leaderboard(message.chat_id, since=_week_start(settings_of(context).timezone))
    await reply_to(context, message, text.render_scores(week, store.leaderboard(message.chat_id)))


def _week_start(timezone: str) -> int:
    now = dt.datetime.now(ZoneInfo(timezone))
    monday = (now - dt.timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return int(monday.timestamp())


# ---------------------------------------------------------------- daily questions
