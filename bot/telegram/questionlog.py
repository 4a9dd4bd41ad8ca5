"""The question log in Telegram: logging each answered question, 👍/👎 votes, /privasi and /hapusdata
(which also deletes the user's quiz answers and practice state).

The log's methods never raise (a locked database or a full disk costs the entry, with a warning),
so none of this can keep an answer from being sent. Wiring lives in `bot.telegram.app`.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.questionlog.database import DEFAULT_RETENTION_DAYS
from bot.questionlog.log import DOWN, UP, NullQuestionLog, QuestionLog
from bot.questionlog.quiz import QuizStore
from bot.telegram.delivery import send_reply
from bot.telegram.render import Reply, mark_vote, parse_callback
from faq import Answer

logger = logging.getLogger(__name__)

QUESTION_LOG = "question_log"
"""`bot_data` key of the `QuestionLog` (absent: a `NullQuestionLog`, nothing is kept)."""

RETENTION_DAYS = "retention_days"
"""`bot_data` key of the days a logged question is kept, for /privasi."""

QUIZ_STORE = "quiz_store"
"""`bot_data` key of the `QuizStore` (quiz polls, answers, practice, daily schedules)."""

CHAT_CHOICES = "chat_choices"
"""`bot_data` key of the `ChatChoices` (the subjects each chat chose)."""

# User-facing text (Indonesian).
VOTE_THANKS = "Terima kasih atas penilaianmu!"
PRIVACY = (
    "<b>Privasi di Tanyabot</b>\n"
    "Supaya FAQ ini makin baik, Tanyabot menyimpan setiap pertanyaan yang dijawabnya:\n"
    "• teks pertanyaanmu\n"
    "• topik jawabannya (atau topik yang disarankan) dan skor kecocokannya\n"
    "• waktu bertanya dan jenis chat (pribadi atau grup)\n"
    "• penilaian 👍/👎 yang kamu berikan\n"
    "• kode samaran dari ID Telegram-mu (hash bergaram), <b>bukan</b> ID, nama, atau username-mu\n\n"
    "Data ini disimpan paling lama <b>{days} hari</b>, lalu terhapus otomatis, dan hanya dipakai "
    "untuk memperbaiki FAQ. Pencarian lewat mode inline dan tombol topik tidak disimpan.\n\n"
    "Dari kuis, Tanyabot menyimpan jawabanmu (benar atau salah) dan jadwal latihanmu, juga selama "
    "{days} hari, supaya soal yang sering salah bisa diulang. Nama depanmu disimpan bersama jawabanmu "
    "hanya untuk papan skor (/skor) di chat tempat kamu menjawab.\n\n"
    "Ketik /hapusdata untuk menghapus semua pertanyaan, penilaian, dan jawaban kuismu kapan saja."
)
PRIVACY_OFF = (
    "<b>Privasi di Tanyabot</b>\n"
    "Saat ini Tanyabot tidak menyimpan pertanyaanmu: pertanyaan hanya dipakai untuk mencari "
    "jawabannya, lalu dilupakan. Nama dan ID Telegram-mu juga tidak disimpan. Skor kuis hanya "
    "diingat sampai bot dimulai ulang."
)
DELETED = "Selesai: <b>{count}</b> catatan milikmu (pertanyaan, penilaian, dan jawaban kuis) sudah dihapus."
NOTHING_TO_DELETE = (
    "Tidak ada pertanyaan, penilaian, atau jawaban kuis milikmu yang tersimpan, jadi tidak ada yang perlu dihapus."
)
NOTHING_KEPT = "Tanyabot saat ini tidak menyimpan pertanyaan, jadi tidak ada data milikmu yang perlu dihapus."
DELETE_FAILED = "Maaf, datamu belum bisa dihapus sekarang. Coba lagi nanti, ya."


def question_log(context: ContextTypes.DEFAULT_TYPE) -> QuestionLog | NullQuestionLog:
    """The application's question log (a no-op one when none was set up)."""
    return context.bot_data.get(QUESTION_LOG) or NullQuestionLog()


def log_question(context: ContextTypes.DEFAULT_TYPE, message: Message, question: str, answer: Answer) -> int | None:
    """Log an answered question; the id its 👍/👎 buttons rate, or None when it gets none.

    Only answers in private chats are rated, and only real ones (a fallback has nothing to rate).
    """
    user = message.from_user  # always set outside channels; the chat stands in otherwise
    question_id = question_log(context).record(
        question, answer, user_id=user.id if user else message.chat_id, chat_type=message.chat.type
    )
    if message.chat.type != ChatType.PRIVATE or answer.intent is None:
        return None
    return question_id


def is_vote(data: object) -> bool:
    """The callback-data filter of `vote_button`."""
    return isinstance(data, str) and parse_callback(data)[0] == "vote"


async def vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍/👎 under an answer: thank, record once per user and answer (a change of mind replaces it), tick it."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer(VOTE_THANKS)
    _, value = parse_callback(query.data)
    vote = UP if value[0] == "+" else DOWN
    changed = question_log(context).feedback(int(value[1:]), vote, user_id=query.from_user.id)
    message = query.message
    if not changed or not isinstance(message, Message) or message.reply_markup is None:
        return
    try:
        await message.edit_reply_markup(mark_vote(message.reply_markup, query.data))
    except BadRequest as error:  # the tick is a courtesy; the vote is already kept
        logger.info("could not show the vote on the answer: %s", error.message)


async def privacy_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/privasi: what is kept of a question, for how long, what for, and how to delete it."""
    if question_log(context).enabled:
        text = PRIVACY.format(days=context.bot_data.get(RETENTION_DAYS, DEFAULT_RETENTION_DAYS))
    else:
        text = PRIVACY_OFF
    await _reply(update, context, Reply(text))


async def delete_data_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hapusdata: delete every logged question and vote of the user, and say how many went."""
    log, user = question_log(context), update.effective_user
    if user is None:  # a channel post: no user, nothing of theirs is kept
        return
    count = log.delete_user(user.id)
    quiz: QuizStore | None = context.bot_data.get(QUIZ_STORE)
    quiz_count = quiz.delete_user(user.id) if quiz is not None else 0
    if count is not None and quiz_count is not None:
        count += quiz_count
    elif quiz_count is None:
        count = None
    if not log.enabled:
        text = NOTHING_KEPT
    elif count is None:
        text = DELETE_FAILED
    else:
        text = DELETED.format(count=count) if count else NOTHING_TO_DELETE
    logger.info("/hapusdata: %s entries deleted", count)
    await _reply(update, context, Reply(text))


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    # In a group, quote the command so it is clear whom the reply is for.
    message = update.effective_message
    if message is None:
        return
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await send_reply(context.application, message.chat_id, reply, reply_to=quote)
