"""Quizzes on Telegram: /kuis (one quiz poll, or a round of them), /skor, /kuisharian, and the
answers (`poll_answer` updates) that score them.

Items come from the KB's `quiz:` lists; what was sent and answered is kept by the quiz store
(`bot.questionlog.quiz`). A round is one poll at a time, each open for the configured seconds, the
next sent by a JobQueue job once it closed; a daily question is a JobQueue job per group, set up
again from the store at start-up.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from telegram import Chat, ChatMember, Message, Poll, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes, Job

from bot.questionlog.quiz import QuizStore
from bot.telegram import quiz_text as text
from bot.telegram.delivery import send_reply
from bot.telegram.handlers import command_argument, engine_of, message_of
from bot.telegram.questionlog import QUIZ_STORE
from bot.telegram.render import Reply
from bot.telegram.settings import Settings
from faq import Engine, Topic
from faq.practice import practice_order
from faq.schema import QuizItem

logger = logging.getLogger(__name__)

ROUNDS = "quiz_rounds"
QUIZ_SETTINGS = "quiz_settings"
SENDING = "quiz_polls_in_flight"
"""`bot_data` key: polls sent whose reply (with the poll's id) has not come back yet."""
ANSWER_WAIT_SECONDS = 2.0
"""How long an answer to a poll not known yet waits for the send in flight that will record it."""
ROUND_GAP_SECONDS = 2
"""Seconds between a round's poll closing and the next one (Telegram closes it at open_period)."""

ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})
_CHAT_GONE = ("chat not found", "bot was kicked", "not enough rights", "have no rights")


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


def _store(context: ContextTypes.DEFAULT_TYPE | Application) -> QuizStore:
    store: QuizStore = context.bot_data[QUIZ_STORE]
    return store


def _settings(context: ContextTypes.DEFAULT_TYPE | Application) -> Settings:
    settings: Settings = context.bot_data[QUIZ_SETTINGS]
    return settings


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
        await _reply(context, message, text.render_usage())
    else:
        await _single(update, context, message, argument)


async def _single(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message, words: str) -> None:
    engine = engine_of(context)
    items = _items(engine, words)
    if items is None:
        topics = [Topic(i.id, i.title) for i in engine.kb.intents if i.quiz]
        await _reply(context, message, text.render_topics_with_quiz(topics))
        return
    user = update.effective_user
    if message.chat.type == ChatType.PRIVATE and user is not None:
        store = _store(context)
        ordered, due = practice_order(items, store.practice_states(user.id, [i.id for i in items]), store.now(), _rng())
        item = ordered[0]
        await _reply(context, message, Reply(text.DUE.format(due=due) if due else text.NOTHING_DUE))
    else:
        item = _rng().choice(items)
    await send_quiz_poll(context.application, message.chat, item)


def _items(engine: Engine, words: str) -> list[QuizItem] | None:
    # Every item, or those of the topic the words name (through the engine); None when none fits.
    if not words:
        return list(engine.kb.quiz_items()) or None
    answer = engine.answer(words)
    intent = engine.kb.get(answer.intent) if answer.intent else None
    return list(intent.quiz) if intent is not None and intent.quiz else None


async def send_quiz_poll(
    application: Application, chat: Chat, item: QuizItem, *, round_id: int | None = None, open_period: int | None = None
) -> Message:
    """Send `item` as a quiz poll (options shuffled, not anonymous) with a button to its topic."""
    engine: Engine = application.bot_data["engine"]
    order = list(range(len(item.options)))
    _rng().shuffle(order)
    correct = order.index(item.correct_option)
    application.bot_data[SENDING] = application.bot_data.get(SENDING, 0) + 1
    try:
        message = await application.bot.send_poll(
            chat.id,
            item.question,
            [item.options[i] for i in order],
            type=Poll.QUIZ,
            is_anonymous=False,
            correct_option_id=correct,
            explanation=item.explanation or None,
            open_period=open_period,
            reply_markup=text.read_button(engine.kb, item.intent),
        )
        if message.poll is not None:
            _store(application).record_poll(
                message.poll.id,
                chat_id=chat.id,
                chat_type=chat.type,
                item_id=item.id,
                correct_option=correct,
                round_id=round_id,
            )
    finally:
        application.bot_data[SENDING] -= 1
    return message


# ---------------------------------------------------------------- rounds
async def _start_round(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message, size: int) -> None:
    rounds, user = _rounds(context), update.effective_user
    if not 1 <= size <= text.MAX_ROUND:
        await _reply(context, message, Reply(text.ROUND_SIZE.format(max=text.MAX_ROUND)))
        return
    if message.chat_id in rounds:
        await _reply(context, message, Reply(text.ROUND_RUNNING))
        return
    engine, store = engine_of(context), _store(context)
    items = list(engine.kb.quiz_items())
    if not items or user is None:
        await _reply(context, message, Reply(text.NO_ITEMS))
        return
    if message.chat.type == ChatType.PRIVATE:
        items, _ = practice_order(items, store.practice_states(user.id, [i.id for i in items]), store.now(), _rng())
    else:
        _rng().shuffle(items)
    chosen = items[: min(size, len(items))]
    round_ = Round(
        store.start_round(message.chat_id, user_id=user.id, size=len(chosen)),
        message.chat_id,
        message.chat.type,
        user.id,
        chosen,
    )
    rounds[message.chat_id] = round_
    seconds = _settings(context).quiz_seconds
    await _reply(context, message, Reply(text.ROUND_STARTED.format(size=len(chosen), seconds=seconds)))
    await _ask_next(context.application, round_)


async def _ask_next(application: Application, round_: Round) -> None:
    if round_.asked >= len(round_.items):
        await _finish(application, round_)
        return
    seconds = _settings(application).quiz_seconds
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
    store = _store(application)
    standings = []
    if round_.id is not None:
        store.finish_round(round_.id)
        standings = store.round_results(round_.id)
    await send_reply(application, round_.chat_id, text.render_results(standings, round_.asked, stopped=stopped))


async def _stop_round(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    round_, user = _rounds(context).get(message.chat_id), update.effective_user
    if round_ is None:
        await _reply(context, message, Reply(text.NO_ROUND))
        return
    if user is None or (user.id != round_.starter and not await is_admin(context, message)):
        await _reply(context, message, Reply(text.STOP_REFUSED))
        return
    if round_.poll_message is not None:
        try:
            await context.bot.stop_poll(round_.chat_id, round_.poll_message)
        except TelegramError as error:  # already closed: nothing to stop
            logger.debug("stopPoll in chat %s: %s", round_.chat_id, error)
    await _finish(context.application, round_, stopped=True)


# ---------------------------------------------------------------- answers and scores
async def poll_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A student answered a quiz poll: the first answer of each user counts."""
    answer = update.poll_answer
    if answer is None or answer.user is None or not answer.option_ids:
        return  # an anonymous voter or a retracted vote
    store = _store(context)
    # A quick answer can arrive before the reply to sendPoll, which holds the poll's id: wait for it.
    waited = 0.0
    while store.sent_poll(answer.poll_id) is None and context.bot_data.get(SENDING) and waited < ANSWER_WAIT_SECONDS:
        await asyncio.sleep(0.05)
        waited += 0.05
    recorded = store.record_answer(
        answer.poll_id, user_id=answer.user.id, first_name=answer.user.first_name, option_ids=answer.option_ids
    )
    if recorded is None or not recorded.first or recorded.right or recorded.poll.chat_type != ChatType.PRIVATE:
        return
    intent = recorded.poll.item_id.partition(":")[0]
    keyboard = text.read_button(engine_of(context).kb, intent)
    await send_reply(context.application, recorded.poll.chat_id, Reply(text.WRONG_PRIVATE, keyboard))


async def scores_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/skor: the chat's leaderboard (this week and all time); in a private chat, your own record."""
    message, user, store = message_of(update), update.effective_user, _store(context)
    if message.chat.type == ChatType.PRIVATE:
        if user is not None:
            await _reply(context, message, text.render_record(store.record_of(user.id), engine_of(context).kb))
        return
    week = store.leaderboard(message.chat_id, since=_week_start(_settings(context).timezone))
    await _reply(context, message, text.render_scores(week, store.leaderboard(message.chat_id)))


def _week_start(timezone: str) -> int:
    now = dt.datetime.now(ZoneInfo(timezone))
    monday = (now - dt.timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return int(monday.timestamp())


# ---------------------------------------------------------------- daily questions
async def daily_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/kuisharian [HH:MM | off]: show, set or stop the group's daily question (admins only to change)."""
    message, store, settings = message_of(update), _store(context), _settings(context)
    if message.chat.type == ChatType.PRIVATE:
        await _reply(context, message, Reply(text.DAILY_GROUPS_ONLY))
        return
    argument = command_argument(message).strip().casefold()
    if not argument:
        at = store.daily(message.chat_id)
        shown = text.DAILY_SHOW.format(at=at, tz=settings.timezone) if at else text.DAILY_NONE
        await _reply(context, message, Reply(shown))
        return
    at = None if argument == "off" else _clock_time(argument)
    if argument != "off" and at is None:
        await _reply(context, message, Reply(text.DAILY_BAD_TIME))
        return
    if not await is_admin(context, message):
        await _reply(context, message, Reply(text.DAILY_ADMINS_ONLY))
        return
    if not store.set_daily(message.chat_id, at):
        await _reply(context, message, Reply(text.SAVE_FAILED))
        return
    schedule_daily(context.application, message.chat_id, at)
    done = text.DAILY_SET.format(at=at, tz=settings.timezone) if at else text.DAILY_OFF
    await _reply(context, message, Reply(done))


def _clock_time(value: str) -> str | None:
    hours, _, minutes = value.replace(".", ":").partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return f"{int(hours):02d}:{minutes}"


def schedule_daily(application: Application, chat_id: int, at: str | None) -> None:
    """(Re)schedule the chat's daily question at `at` ("HH:MM" in TANYABOT_TZ); None: none."""
    queue = application.job_queue
    if queue is None:
        return
    name = f"daily-{chat_id}"
    for job in queue.get_jobs_by_name(name):
        job.schedule_removal()
    if at is None:
        return
    settings = _settings(application)
    if settings.daily_period:  # testing: every few seconds instead of once a day
        queue.run_repeating(_daily_tick, settings.daily_period, first=settings.daily_period, chat_id=chat_id, name=name)
        return
    hours, minutes = (int(part) for part in at.split(":"))
    when = dt.time(hours, minutes, tzinfo=ZoneInfo(settings.timezone))
    queue.run_daily(_daily_tick, when, chat_id=chat_id, name=name)


def schedule_all_daily(application: Application) -> None:
    """At start-up: every stored daily question back on the JobQueue."""
    for chat_id, at in _store(application).all_daily():
        schedule_daily(application, chat_id, at)


async def _daily_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Post the group's daily question; a chat that refuses it loses its schedule (one log line)."""
    job = context.job
    if job is None or job.chat_id is None:
        return
    items = list(engine_of(context).kb.quiz_items())
    if not items:
        return
    chat_id = job.chat_id
    try:
        await send_reply(context.application, chat_id, Reply(text.DAILY_HEAD))
        await send_quiz_poll(context.application, Chat(chat_id, ChatType.GROUP), _rng().choice(items))
    except Forbidden as error:
        _drop_daily(context, chat_id, error.message)
    except BadRequest as error:
        if not any(reason in error.message.lower() for reason in _CHAT_GONE):
            raise
        _drop_daily(context, chat_id, error.message)


def _drop_daily(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reason: str) -> None:
    logger.warning("daily quiz for chat %s stopped: Telegram refused the poll (%s)", chat_id, reason)
    _store(context).set_daily(chat_id, None)
    schedule_daily(context.application, chat_id, None)


# ---------------------------------------------------------------- helpers
async def is_admin(context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    """True for the group's creator and administrators (asked with getChatMember), and for a
    message an anonymous admin sent as the group itself."""
    if message.sender_chat is not None and message.sender_chat.id == message.chat_id:
        return True
    if message.from_user is None:
        return False
    try:
        member = await context.bot.get_chat_member(message.chat_id, message.from_user.id)
    except TelegramError as error:
        logger.info("getChatMember in chat %s failed: %s", message.chat_id, error)
        return False
    return member.status in ADMIN_STATUSES


async def _reply(context: ContextTypes.DEFAULT_TYPE, message: Message, reply: Reply) -> None:
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await send_reply(context.application, message.chat_id, reply, reply_to=quote)


def _rng() -> random.Random:
    return random.Random()
