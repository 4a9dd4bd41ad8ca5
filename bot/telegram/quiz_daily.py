"""/kuisharian: a group's daily quiz question, one JobQueue job per group, set up again from the
quiz store at start-up; a group that refuses the poll loses its schedule (one log line)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from telegram import Chat, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, ContextTypes

from bot.telegram import quiz_text as text
from bot.telegram.context import command_argument, message_of
from bot.telegram.delivery import send_reply
from bot.telegram.quiz_polls import is_admin, quiz_items, reply_to, rng, send_quiz_poll, settings_of, store_of
from bot.telegram.render import Reply

logger = logging.getLogger(__name__)

_CHAT_GONE = ("chat not found", "bot was kicked", "not enough rights", "have no rights")


async def daily_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/kuisharian [HH:MM | off]: show, set or stop the group's daily question (admins only to change)."""
    message, store, settings = message_of(update), store_of(context), settings_of(context)
    if message.chat.type == ChatType.PRIVATE:
        await reply_to(context, message, Reply(text.DAILY_GROUPS_ONLY))
        return
    argument = command_argument(message).strip().casefold()
    if not argument:
        at = store.daily(message.chat_id)
        shown = text.DAILY_SHOW.format(at=at, tz=settings.timezone) if at else text.DAILY_NONE
        await reply_to(context, message, Reply(shown))
        return
    at = None if argument == "off" else _clock_time(argument)
    if argument != "off" and at is None:
        await reply_to(context, message, Reply(text.DAILY_BAD_TIME))
        return
    if not await is_admin(context, message):
        await reply_to(context, message, Reply(text.DAILY_ADMINS_ONLY))
        return
    if not store.set_daily(message.chat_id, at):
        await reply_to(context, message, Reply(text.SAVE_FAILED))
        return
    schedule_daily(context.application, message.chat_id, at)
    done = text.DAILY_SET.format(at=at, tz=settings.timezone) if at else text.DAILY_OFF
    await reply_to(context, message, Reply(done))


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
    settings = settings_of(application)
    if settings.daily_period:  # testing: every few seconds instead of once a day
        queue.run_repeating(_daily_tick, settings.daily_period, first=settings.daily_period, chat_id=chat_id, name=name)
        return
    hours, minutes = (int(part) for part in at.split(":"))
    when = dt.time(hours, minutes, tzinfo=ZoneInfo(settings.timezone))
    queue.run_daily(_daily_tick, when, chat_id=chat_id, name=name)


def schedule_all_daily(application: Application) -> None:
    """At start-up: every stored daily question back on the JobQueue."""
    for chat_id, at in store_of(application).all_daily():
        schedule_daily(application, chat_id, at)


async def _daily_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Post the group's daily question; a chat that refuses it loses its schedule (one log line)."""
    job = context.job
    if job is None or job.chat_id is None:
        return
    chat_id = job.chat_id
    items = quiz_items(context, chat_id)
    if not items:
        return
    try:
        await send_reply(context.application, chat_id, Reply(text.DAILY_HEAD))
        await send_quiz_poll(context.application, Chat(chat_id, ChatType.GROUP), rng().choice(items))
    except Forbidden as error:
        _drop_daily(context, chat_id, error.message)
    except BadRequest as error:
        if not any(reason in error.message.lower() for reason in _CHAT_GONE):
            raise
        _drop_daily(context, chat_id, error.message)


def _drop_daily(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reason: str) -> None:
    logger.warning("daily quiz for chat %s stopped: Telegram refused the poll (%s)", chat_id, reason)
    store_of(context).set_daily(chat_id, None)
    schedule_daily(context.application, chat_id, None)


# ---------------------------------------------------------------- helpers
