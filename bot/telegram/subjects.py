"""/mapel: the subjects a chat studies, as toggle buttons. In a group only its admins and creator
change them (asked with getChatMember); in a private chat the student does. The choice is kept per
chat in the database (`bot.questionlog.chats`) and limits questions, /topik, /kuis and inline lookups."""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.questionlog.chats import ChatChoices
from bot.telegram.context import chat_subjects, engine_of, message_of
from bot.telegram.questionlog import CHAT_CHOICES
from bot.telegram.quiz_polls import is_group_admin, reply_to
from bot.telegram.render import SUBJECT_PREFIX, Reply, callback_data, parse_callback, shorten

logger = logging.getLogger(__name__)

# User-facing text (Indonesian).
SUBJECTS = "📚 <b>Mapel di chat ini</b>\nKetuk sebuah mapel untuk menyalakan ✅ atau mematikan ⬜-nya."
SUBJECTS_GROUP = "\nDi grup, hanya admin yang bisa mengubahnya."
ONE_SUBJECT = "Basis pengetahuan ini hanya punya satu mapel: <b>{subject}</b>."
ADMINS_ONLY = "Hanya admin grup yang bisa mengubah mapel."
KEEP_ONE = "Pilih setidaknya satu mapel."
SAVE_FAILED = "Maaf, pilihannya belum bisa disimpan. Coba lagi nanti."
ON, OFF = "✅ ", "⬜ "


async def subjects_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mapel: the KB's subjects as toggle buttons (the chat's current choice ticked)."""
    message = message_of(update)
    subjects = engine_of(context).kb.subjects
    if len(subjects) == 1:
        await reply_to(context, message, Reply(ONE_SUBJECT.format(subject=html.escape(subjects[0], quote=False))))
        return
    await reply_to(
        context, message, render_subjects(subjects, chat_subjects(context, message.chat_id), message.chat.type)
    )


def render_subjects(subjects: tuple[str, ...], chosen: tuple[str, ...] | None, chat_type: str) -> Reply:
    rows = []
    for number, subject in enumerate(subjects):
        data = callback_data(SUBJECT_PREFIX, str(number))
        mark = ON if chosen is None or subject in chosen else OFF
        rows.append([InlineKeyboardButton(mark + shorten(subject, 60), callback_data=data)])
    text = SUBJECTS + (SUBJECTS_GROUP if chat_type != ChatType.PRIVATE else "")
    return Reply(text, InlineKeyboardMarkup(rows))


async def subject_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed /mapel button ("m:<n>"): toggle that subject for the chat, if allowed."""
    query = update.callback_query
    if query is None or query.message is None or update.effective_chat is None:
        return
    chat = update.effective_chat
    subjects = engine_of(context).kb.subjects
    _, value = parse_callback(query.data)
    if not value.isdigit() or int(value) >= len(subjects):
        await query.answer()
        return
    if chat.type != ChatType.PRIVATE and not await is_group_admin(context, chat.id, query.from_user.id):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    chosen = chat_subjects(context, chat.id)
    current = set(subjects if chosen is None else chosen)
    current ^= {subjects[int(value)]}
    if not current:
        await query.answer(KEEP_ONE, show_alert=True)
        return
    choices: ChatChoices = context.bot_data[CHAT_CHOICES]
    kept = None if current >= set(subjects) else tuple(s for s in subjects if s in current)
    if not choices.choose(chat.id, kept):
        await query.answer(SAVE_FAILED, show_alert=True)
        return
    await query.answer()
    logger.info("chat %s chose subjects: %s", chat.id, "all" if kept is None else len(kept))
    reply = render_subjects(subjects, kept, chat.type)
    try:
        await query.edit_message_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=reply.keyboard)
    except BadRequest as error:  # a double press: the message already shows this choice
        if "not modified" not in error.message.lower():
            raise
