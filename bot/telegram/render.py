"""Telegram rendering: an `Answer` (or a topic list) to HTML text and an inline keyboard.

Everything that reaches Telegram with `parse_mode=HTML` is escaped here, so a `<`, `>` or `&` in
KB text or in a user's name can never break a reply; replies and `callback_data` stay within
Telegram's limits by construction.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import ParseMode

from faq import Answer, Suggestion, Topic

MAX_MESSAGE_CHARS = 4096
"""Telegram's limit on one message, in UTF-16 code units (we count the HTML source, which is never shorter)."""

MAX_CALLBACK_BYTES = 64
"""Telegram's limit on `callback_data`, in UTF-8 bytes."""

MAX_RESULT_ID_BYTES = 64
"""Telegram's limit on an inline result id, in UTF-8 bytes."""

MAX_BUTTON_CHARS = 48
"""Longest button label, in characters; longer titles are shortened with an ellipsis."""

MAX_DESCRIPTION_CHARS = 100
"""Longest one-line description of an inline result, in characters."""

MAX_TITLE_CHARS = 200
"""Longest answer title shown in bold, in characters (KB titles are far shorter; this bounds any input)."""

TOPICS_PER_PAGE = 8
"""Topic buttons on one /topik page."""

TOPIC_PREFIX = "t:"
PAGE_PREFIX = "p:"
SUBJECT_PREFIX = "m:"
"""/mapel's toggle buttons carry "m:<n>", n the subject's place in the KB's subjects."""
VOTE_PREFIX = "f"
"""👍 and 👎 carry "f+<id>" and "f-<id>", <id> the question log's row id of the answer they rate."""
VOTES = (("+", "👍"), ("-", "👎"))
VOTE_CHOSEN = " ✓"
_VOTE = re.compile(rf"{VOTE_PREFIX}([+-])([0-9]{{1,19}})")  # a SQLite row id has at most 19 digits
BULLET = "• "
ELLIPSIS = "…"

# User-facing text (Indonesian).
GREETING = (
    "Halo, {name}! Aku <b>Tanyabot</b>, teman belajarmu tentang <b>kerjasama multilateral</b>: "
    "pengertian, tujuan, contoh, manfaat dan tantangannya, peran Indonesia, serta organisasi "
    "seperti PBB, WTO, ASEAN dan G20.\n\n"
    "Tulis saja pertanyaanmu, misalnya <i>apa itu kerjasama multilateral?</i>\n"
    "• /topik: daftar semua topik\n"
    "• /tanya &lt;pertanyaan&gt;: bertanya di grup\n"
    "• /bantuan: cara memakai bot ini"
)
QUESTIONS_KEPT = "\n\nPertanyaanmu disimpan untuk memperbaiki FAQ ini (lihat /privasi)."
HELP = (
    "<b>Cara memakai Tanyabot</b>\n"
    "• Di chat pribadi: tulis pertanyaanmu dengan kata-kata biasa, misalnya <i>kapan PBB didirikan?</i>\n"
    "• Boleh bertanya lanjutan, misalnya <i>terus tujuannya apa?</i>\n"
    "• Di grup: awali dengan /tanya (contoh: <i>/tanya apa itu WTO?</i>), sebut {mention}, "
    "atau balas pesanku.\n"
    "• Dari chat mana pun: ketik {mention} lalu kata kunci untuk mencari topik.\n"
    "• /topik: daftar semua topik."
)
ASK_USAGE = "Tulis pertanyaannya setelah /tanya, misalnya: <i>/tanya apa itu WTO?</i>"
EMPTY_QUESTION = "Pertanyaannya masih kosong. Coba tulis pertanyaanmu, misalnya <i>apa itu ASEAN?</i>"
TOO_LONG = (
    "Wah, pesannya panjang sekali. Coba ringkas jadi satu pertanyaan singkat, "
    "misalnya <i>apa manfaat kerjasama multilateral?</i>"
)
NOT_TEXT = "Aku hanya bisa membaca tulisan. Coba ketik pertanyaanmu, ya 🙂"
UNKNOWN_COMMAND = "Perintah itu belum kukenal. Ketik /bantuan untuk melihat cara memakai bot ini."
TOPIC_GONE = "Maaf, topik ini sudah tidak ada. Ketik /topik untuk melihat daftar topik terbaru."
APOLOGY = "Maaf, ada gangguan saat menjawab. Coba kirim pertanyaanmu sekali lagi, ya."
SLOW_DOWN = (
    "Pelan-pelan, ya 🙂 Pesanmu banyak sekali dalam waktu singkat. "
    "Tunggu sebentar, lalu kirim lagi pertanyaanmu satu per satu."
)
SLOW_DOWN_SHORT = "Pelan-pelan, ya 🙂 Tunggu sebentar, lalu coba lagi."
"""The flood notice as a button-press toast (plain text, at most 200 characters)."""
SUGGESTIONS_INTRO = "Mungkin maksudmu salah satu topik ini:"
TOPICS_HEADER = "<b>Daftar topik</b> (halaman {page}/{pages})\nPilih topik untuk membaca jawabannya:"
NO_TOPICS = "Belum ada topik yang tersedia."
SUBJECT_HEADER = "📚 <b>{subject}</b>"
OTHER_SUBJECT = (
    "Pertanyaan ini ada di mapel <b>{subject}</b>, yang belum aktif di chat ini. Ketik /mapel untuk menyalakannya."
)
PREVIOUS_PAGE = "« Sebelumnya"
NEXT_PAGE = "Berikutnya »"


@dataclass(frozen=True)
class Reply:
    """One message to send: HTML text and an optional inline keyboard."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def clean_text(text: str) -> str:
    """`text` that Telegram can take: surrogate pairs joined, lone surrogates (not UTF-8) made U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def format_body(text: str) -> str:
    """KB or user text as safe HTML: escaped, with "- " list lines as "• " bullets."""
    lines = []
    for line in clean_text(text).strip().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("- "):
            line = BULLET + stripped[2:].lstrip()
        lines.append(html.escape(line, quote=False))
    return "\n".join(lines)


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fit_message(head: str, body: str, tail: str = "", *, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`head + format_body(body) + tail`, cutting `body` (plain text) so the result fits `limit`."""
    full = head + format_body(body) + tail
    if utf16_length(full) <= limit:
        return full
    # Cut the plain text, not the HTML, so an escape like "&amp;" is never split.
    low, high = 0, len(body)
    while low < high:
        middle = (low + high + 1) // 2
        candidate = head + format_body(body[:middle].rstrip() + ELLIPSIS) + tail
        if utf16_length(candidate) <= limit:
            low = middle
        else:
            high = middle - 1
    return head + format_body(body[:low].rstrip() + ELLIPSIS) + tail


def utf8_size(text: str) -> int | None:
    """Bytes of `text` in UTF-8, or None when it cannot be sent at all (a lone surrogate)."""
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return None


def callback_data(prefix: str, value: str) -> str | None:
    """`prefix + value` when it fits Telegram's 64 bytes, else None (no button)."""
    data = prefix + value
    size = utf8_size(data)
    return data if size is not None and size <= MAX_CALLBACK_BYTES else None


def parse_callback(data: str | None) -> tuple[str, str]:
    """("topic", id), ("page", number), ("vote", "+<id>" or "-<id>") or ("unknown", data) from callback data."""
    data = data or ""
    if vote := _VOTE.fullmatch(data):
        return "vote", vote.group(1) + vote.group(2)
    if data.startswith(TOPIC_PREFIX):
        return "topic", data[len(TOPIC_PREFIX) :]
    if data.startswith(PAGE_PREFIX):
        return "page", data[len(PAGE_PREFIX) :]
    if data.startswith(SUBJECT_PREFIX):
        return "subject", data[len(SUBJECT_PREFIX) :]
    return "unknown", data


def shorten(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters (an ellipsis marks a cut)."""
    line = " ".join(clean_text(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + ELLIPSIS


def topic_keyboard(topics: Sequence[Topic | Suggestion], *, label: str = "{title}") -> list[list[InlineKeyboardButton]]:
    """One button per topic and row; `label` formats each title. Ids too long for callback data are skipped."""
    rows = []
    for topic in topics:
        data = callback_data(TOPIC_PREFIX, topic.id)
        if data is not None:
            text = label.format(title=shorten(topic.title, MAX_BUTTON_CHARS))
            rows.append([InlineKeyboardButton(text, callback_data=data)])
    return rows


def vote_row(question_id: int, *, chosen: str | None = None) -> list[InlineKeyboardButton]:
    """The 👍/👎 pair rating logged answer `question_id`; `chosen` ("+" or "-") is marked with a tick."""
    return [
        InlineKeyboardButton(
            label + (VOTE_CHOSEN if sign == chosen else ""), callback_data=f"{VOTE_PREFIX}{sign}{question_id}"
        )
        for sign, label in VOTES
    ]


def mark_vote(keyboard: InlineKeyboardMarkup, data: str) -> InlineKeyboardMarkup:
    """`keyboard` with its 👍/👎 row showing the vote pressed (`data`, that button's callback data)."""
    kind, value = parse_callback(data)
    if kind != "vote":
        return keyboard
    rows = [
        row
        for row in keyboard.inline_keyboard
        if not any(isinstance(b.callback_data, str) and parse_callback(b.callback_data)[0] == "vote" for b in row)
    ]
    return InlineKeyboardMarkup([*rows, vote_row(int(value[1:]), chosen=value[0])])


def render_answer(answer: Answer, *, feedback: int | None = None) -> Reply:
    """An engine answer: bold title, body, related-topic buttons; a fallback gets "Maksudmu ...?" buttons.

    `feedback` is the answer's id in the question log: a last row of 👍/👎 buttons rates it
    (never under a fallback, which has nothing to rate).
    """
    if answer.is_fallback:
        rows = topic_keyboard(answer.suggestions, label="Maksudmu: {title}?")
        tail = f"\n\n{SUGGESTIONS_INTRO}" if rows else ""
        if answer.other_subject:
            tail = "\n\n" + OTHER_SUBJECT.format(subject=html.escape(answer.other_subject, quote=False)) + tail
        return Reply(fit_message("", answer.text, tail), InlineKeyboardMarkup(rows) if rows else None)
    title = shorten(answer.title, MAX_TITLE_CHARS)
    head = f"<b>{html.escape(title, quote=False)}</b>\n\n" if title else ""
    rows = topic_keyboard(answer.related)
    if feedback is not None:
        rows.append(vote_row(feedback))
    return Reply(fit_message(head, answer.text), InlineKeyboardMarkup(rows) if rows else None)


def render_topic_page(groups: Sequence[tuple[str, Sequence[Topic]]], page: int) -> Reply:
    """Page `page` (0-based, clamped) of the /topik list, with previous/next buttons.

    `groups` are the topics by subject; with several, a page holds one subject's topics and names it.
    """
    chunks = [
        (subject, topics[start : start + TOPICS_PER_PAGE])
        for subject, topics in groups
        for start in range(0, len(topics), TOPICS_PER_PAGE)
    ]
    if not chunks:
        return Reply(NO_TOPICS)
    pages = len(chunks)
    page = min(max(page, 0), pages - 1)
    subject, shown = chunks[page]
    rows = topic_keyboard(shown)
    navigation = []
    if page > 0:
        navigation.append(InlineKeyboardButton(PREVIOUS_PAGE, callback_data=f"{PAGE_PREFIX}{page - 1}"))
    if page < pages - 1:
        navigation.append(InlineKeyboardButton(NEXT_PAGE, callback_data=f"{PAGE_PREFIX}{page + 1}"))
    if navigation:
        rows.append(navigation)
    header = TOPICS_HEADER.format(page=page + 1, pages=pages)
    if len(groups) > 1:
        header += "\n\n" + SUBJECT_HEADER.format(subject=html.escape(subject, quote=False))
    return Reply(header, InlineKeyboardMarkup(rows))


def render_greeting(first_name: str | None, *, questions_kept: bool = False) -> Reply:
    """The /start greeting, addressing the user by (escaped) first name; one line more when questions are logged."""
    name = html.escape(shorten(first_name or "", MAX_BUTTON_CHARS), quote=False) or "teman"
    return Reply(GREETING.format(name=name) + (QUESTIONS_KEPT if questions_kept else ""))


def render_help(bot_username: str | None) -> Reply:
    """The /bantuan text; mentions the bot by @username when known."""
    mention = f"@{html.escape(bot_username, quote=False)}" if bot_username else "nama bot ini"
    return Reply(HELP.format(mention=mention))


def describe(answer: Answer) -> str:
    """A one-line plain-text description of an answer, for inline results."""
    first_line = next((line for line in answer.text.splitlines() if line.strip()), answer.text)
    return shorten(first_line, MAX_DESCRIPTION_CHARS)


def render_article(answer: Answer) -> InlineQueryResultArticle | None:
    """An inline-mode result for a topic answer (None when its id is too long to be a result id)."""
    size = utf8_size(answer.intent) if answer.intent is not None else None
    if answer.intent is None or size is None or size > MAX_RESULT_ID_BYTES:
        return None
    return InlineQueryResultArticle(
        id=answer.intent,
        title=shorten(answer.title, MAX_TITLE_CHARS) or answer.intent,
        description=describe(answer),
        input_message_content=InputTextMessageContent(render_answer(answer).text, parse_mode=ParseMode.HTML),
    )
