"""What the quizzes say (Indonesian), rendered as HTML replies with topic buttons."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.questionlog.quiz import Record, Standing
from bot.telegram.render import TOPIC_PREFIX, Reply, callback_data, shorten, topic_keyboard
from faq import KnowledgeBase, Topic

MAX_ROUND = 20
READ_BUTTON = "📖 Baca: {title}"

USAGE = (
    "<b>Kuis</b>\n"
    "• /kuis: satu soal\n"
    "• /kuis &lt;topik&gt;: satu soal tentang topik itu, misalnya <i>/kuis wto</i>\n"
    "• /kuis 5: satu ronde berisi 5 soal (1 sampai {max})\n"
    "• /kuis stop: hentikan ronde yang sedang berjalan\n"
    "• /skor: papan skor (di chat pribadi: catatanmu sendiri)"
)
NO_ITEMS = "Belum ada soal kuis di basis pengetahuan ini."
UNKNOWN_TOPIC = "Aku belum punya soal kuis tentang itu. Pilih salah satu topik ini:"
DUE = "Ada {due} soal yang perlu kamu ulang hari ini. Ini salah satunya:"
NOTHING_DUE = "Tidak ada soal yang perlu diulang sekarang; ini soal latihan berikutnya:"
ROUND_STARTED = "🎯 <b>Kuis dimulai!</b> {size} soal, masing-masing {seconds} detik. Jawaban pertama yang dihitung."
ROUND_RUNNING = "Masih ada kuis yang berjalan di sini. Ketik /kuis stop untuk menghentikannya."
NO_ROUND = "Tidak ada kuis yang sedang berjalan."
STOP_REFUSED = "Hanya yang memulai kuis atau admin grup yang bisa menghentikannya."
ROUND_SIZE = "Jumlah soal satu ronde 1 sampai {max}, misalnya <i>/kuis 5</i>."
RESULTS_HEAD = "🏁 <b>Hasil kuis</b> ({asked} soal)"
RESULTS_STOPPED = "🏁 <b>Kuis dihentikan.</b> Hasil sejauh ini ({asked} soal):"
NOBODY = "Belum ada yang menjawab."
WRONG_PRIVATE = "Belum tepat. Yuk baca lagi topiknya, nanti soal ini kutanyakan lagi:"
SCORES_HEAD = "🏆 <b>Papan skor</b>"
SCORES_WEEK = "<b>Minggu ini</b>"
SCORES_ALL = "<b>Sepanjang masa</b>"
NO_SCORES = "Belum ada yang menjawab kuis di sini. Mulai dengan /kuis!"
RECORD = "📊 <b>Catatan kuismu</b>\nDijawab: {answered}\nBenar: {right}{share}"
RECORD_MISSED = "\n\nTopik yang paling sering salah (ketuk untuk membaca):"
NO_RECORD = "Kamu belum pernah menjawab kuis. Coba /kuis sekarang!"
DAILY_GROUPS_ONLY = "Kuis harian hanya untuk grup. Di chat pribadi, ketik /kuis kapan saja untuk berlatih."
DAILY_ADMINS_ONLY = "Maaf, hanya admin grup yang bisa mengatur kuis harian."
DAILY_SET = "✅ Kuis harian dijadwalkan setiap hari pukul {at} ({tz})."
DAILY_OFF = "Kuis harian dihentikan."
DAILY_NONE = "Belum ada kuis harian di grup ini. Admin bisa mengaturnya, misalnya <i>/kuisharian 07:00</i>."
DAILY_SHOW = "Kuis harian grup ini: setiap hari pukul {at} ({tz}). Ketik <i>/kuisharian off</i> untuk menghentikan."
DAILY_BAD_TIME = "Tulis jamnya seperti <i>/kuisharian 07:00</i> (00:00 sampai 23:59), atau <i>/kuisharian off</i>."
DAILY_HEAD = "☀️ Kuis harian!"
SAVE_FAILED = "Maaf, pengaturannya belum bisa disimpan. Coba lagi nanti."


def read_button(kb: KnowledgeBase, intent_id: str) -> InlineKeyboardMarkup | None:
    """The button under a quiz poll that opens its topic's answer (the topic callback)."""
    intent = kb.get(intent_id)
    data = callback_data(TOPIC_PREFIX, intent_id)
    if intent is None or data is None:
        return None
    label = READ_BUTTON.format(title=shorten(intent.title, 40))
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def render_usage() -> Reply:
    return Reply(USAGE.format(max=MAX_ROUND))


def render_topics_with_quiz(topics: Sequence[Topic]) -> Reply:
    if not topics:
        return Reply(NO_ITEMS)
    return Reply(UNKNOWN_TOPIC, InlineKeyboardMarkup(topic_keyboard(topics)))


def render_results(standings: Sequence[Standing], asked: int, *, stopped: bool = False) -> Reply:
    head = (RESULTS_STOPPED if stopped else RESULTS_HEAD).format(asked=asked)
    return Reply("\n".join([head, *(_standing(s) for s in standings)] if standings else [head, NOBODY]))


def render_scores(week: Sequence[Standing], all_time: Sequence[Standing]) -> Reply:
    if not all_time:
        return Reply(NO_SCORES)
    lines = [SCORES_HEAD, "", SCORES_WEEK, *(_standing(s) for s in week)]
    if not week:
        lines.append(NOBODY)
    lines += ["", SCORES_ALL, *(_standing(s) for s in all_time)]
    return Reply("\n".join(lines))


def render_record(record: Record, kb: KnowledgeBase) -> Reply:
    if not record.answered:
        return Reply(NO_RECORD)
    share = f" ({100 * record.right / record.answered:.0f}%)"
    text = RECORD.format(answered=record.answered, right=record.right, share=share)
    topics = [Topic(i.id, i.title) for i in (kb.get(intent_id) for intent_id, _ in record.missed) if i is not None]
    if not topics:
        return Reply(text)
    return Reply(text + RECORD_MISSED, InlineKeyboardMarkup(topic_keyboard(topics)))


def _standing(standing: Standing) -> str:
    medal = {1: "🥇", 2: "🥈", 3: "🥉"}.get(standing.place, f"{standing.place}.")
    name = html.escape(standing.first_name or "Tanpa nama", quote=False)
    return f"{medal} {name}: {standing.right} benar dari {standing.answered}"
