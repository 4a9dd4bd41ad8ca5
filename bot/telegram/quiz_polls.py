"""Quiz polls on Telegram, shared by /kuis and the daily question: sending one (options shuffled, a
button to its topic), recording it, scoring the answers (`poll_answer` updates), and the helpers
the quiz commands share.

What was sent and answered is kept by the quiz store (`bot.questionlog.quiz`).
"""

from __future__ import annotations

import asyncio
import logging
import random

from telegram import Chat, ChatMember, Message, Poll, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.questionlog.quiz import QuizStore
from bot.telegram import quiz_text as text
from bot.telegram.context import chat_subjects, engine_of
from bot.telegram.delivery import send_reply
from bot.telegram.questionlog import QUIZ_STORE
from bot.telegram.render import Reply
from bot.telegram.settings import Settings
from faq import Engine
from faq.schema import QuizItem

logger = logging.getLogger(__name__)

QUIZ_SETTINGS = "quiz_settings"
SENDING = "quiz_polls_in_flight"
"""`bot_data` key: polls sent whose reply (with the poll's id) has not come back yet."""
ANSWER_WAIT_SECONDS = 2.0
"""How long an answer to a poll not known yet waits for the send in flight that will record it."""

ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


def store_of(context: ContextTypes.DEFAULT_TYPE | Application) -> QuizStore:
    store: QuizStore = context.bot_data[QUIZ_STORE]
    return store


def settings_of(context: ContextTypes.DEFAULT_TYPE | Application) -> Settings:
    settings: Settings = context.bot_data[QUIZ_SETTINGS]
    return settings


def quiz_items(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> list[QuizItem]:
    """Every quiz item of the subjects the chat chose."""
    engine, chosen = engine_of(context), chat_subjects(context, chat_id)
    return [i for i in engine.kb.quiz_items() if chosen is None or _subject(engine, i) in chosen]


def _subject(engine: Engine, item: QuizItem) -> str:
    intent = engine.kb.get(item.intent)
    return intent.subject if intent else ""


async def send_quiz_poll(
    application: Application, chat: Chat, item: QuizItem, *, round_id: int | None = None, open_period: int | None = None
) -> Message:
    """Send `item` as a quiz poll (options shuffled, not anonymous) with a button to its topic."""
    engine: Engine = application.bot_data["engine"]
    order = list(range(len(item.options)))
    rng().shuffle(order)
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
            store_of(application).record_poll(
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
async def poll_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A student answered a quiz poll: the first answer of each user counts."""
    answer = update.poll_answer
    if answer is None or answer.user is None or not answer.option_ids:
        return  # an anonymous voter or a retracted vote
    store = store_of(context)
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


async def is_admin(context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    """True when the message's sender is the group's creator or an administrator, or an anonymous
    admin writing as the group itself."""
    if message.sender_chat is not None and message.sender_chat.id == message.chat_id:
        return True
    return message.from_user is not None and await is_group_admin(context, message.chat_id, message.from_user.id)


async def is_group_admin(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> bool:
    """True for the group's creator and administrators, asked with getChatMember."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as error:
        logger.info("getChatMember in chat %s failed: %s", chat_id, error)
        return False
    return member.status in ADMIN_STATUSES


async def reply_to(context: ContextTypes.DEFAULT_TYPE, message: Message, reply: Reply) -> None:
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await send_reply(context.application, message.chat_id, reply, reply_to=quote)


def rng() -> random.Random:
    return random.Random()
