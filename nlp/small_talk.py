"""Greetings and thanks told apart from questions, on the message's words alone."""

from __future__ import annotations

import re
from functools import cache

from nlp.lexicon import (
    NEGATIONS,
    QUESTION_WORDS,
    SCHOOL_SUBJECTS,
    about_bot_words,
    school_words,
    slang_table,
    small_talk_words,
)
from nlp.text import expand_slang, remove_stopwords, tokenize

MAX_SMALL_TALK_WORDS = 12
"""A longer message is more than a greeting or thanks, whatever its words."""

_REPEATED = re.compile(r"(.)\1+")


@cache
def small_talk_vocabulary() -> frozenset[str]:
    """Every word a greeting or thanks may be made of: its own words, the chat said with them ("kak",
    "boleh nanya"), school subjects ("mau nanya geografi"), negations and "apa"/"siapa" ("apa kabar")."""
    kinds = small_talk_words()
    return frozenset().union(*kinds.values()) | SCHOOL_SUBJECTS | school_words() | NEGATIONS | {"apa", "siapa"}


def _said_words(text: str) -> list[str]:
    # The words of a message short enough to be a greeting or thanks, [] for a longer one.
    said = expand_slang(tokenize(text))
    return said if len(said) <= MAX_SMALL_TALK_WORDS else []


_ASKING = frozenset(
    {"tanya", "nanya", "bertanya", "tanyain", "jelaskan", "jelasin", "sebutkan", "sebutin", "terangkan"}
    | {"what", "how", "why", "when", "where", "who", "which", "explain", "tell"}
)


def said_then_remark(text: str) -> str | None:
    """ "thanks" or "greeting" when `text` opens with one and the rest asks nothing: no question word,
    question mark or asking verb ("makasih kak, tugasku jadi selesai", "halo kak, aku baru gabung");
    None otherwise ("makasih! trus bedanya apa")."""
    if "?" in text:
        return None
    said = _said_words(text)
    if not said:
        return None
    if not QUESTION_WORDS.isdisjoint(said) or not _ASKING.isdisjoint(said):
        return None
    kinds = small_talk_words()
    # "kasih contoh dong" and "can you ..." thank no one.
    if not (kinds.get("thanks", frozenset()) - {"kasih", "you"}).isdisjoint(said[:2]):
        return "thanks"
    if not kinds.get("greeting", frozenset()).isdisjoint(said[:2]):
        return "greeting"
    return None


def small_talk_kind(text: str) -> str | None:
    """ "greeting" or "thanks" when `text` is nothing but one ("selamat siang bu", "thx min, ngebantu
    bgt"), else None. Thanks win over a greeting said with them ("halo, makasih ya")."""
    said = _said_words(text)
    if not said:
        return None
    allowed = small_talk_vocabulary()
    plain = {w: w if w in allowed else _REPEATED.sub(r"\1", w) for w in said}  # "bott" -> "bot"
    # Stopwords say nothing either way ("pagi" is one); every other word must be chat.
    if any(plain[w] not in allowed for w in remove_stopwords(said)):
        return None
    words = [plain[w] for w in said]
    kinds = small_talk_words()
    if not kinds.get("thanks", frozenset()).isdisjoint(words):
        return "thanks"
    # A greeting opens the message ("kak, selamat pagi"): "kenapa ada siang dan malam" greets no one.
    greeting = kinds.get("greeting", frozenset())
    if any(w in greeting for w in words[:2]):
        return "greeting"
    return None


def asks_about_bot(text: str) -> bool:
    """True when `text` asks about the bot itself and nothing else ("nama kamu siapa", "kamu bisa
    ngapain aja?", "cara pakai bot ini gimana"): it names the bot or speaks to it, and every other
    word is a question word, chat, or asks what the bot is or does. "kamu tau fungsi ginjal?" asks
    about kidneys."""
    if not _names_bot(text):
        return False
    naming, allowed = _about_bot_vocabulary()
    words = [w if w in allowed else _REPEATED.sub(r"\1", w) for w in _said_words(text)]  # "bott" -> "bot"
    return not naming.isdisjoint(words) and all(w in allowed for w in remove_stopwords(words))


@cache
def _about_bot_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    # The words naming the bot, and every word a question about it may hold.
    kinds = about_bot_words()
    naming = kinds.get("bot", frozenset())
    return naming, naming | kinds.get("about", frozenset()) | small_talk_words().get(
        "chat", frozenset()
    ) | QUESTION_WORDS


@cache
def _bot_naming() -> re.Pattern[str]:
    # The bot's words and the slang for them ("km", "lu"), any letter repeated ("bottt"): a quick
    # look that spares most questions the full reading.
    naming = _about_bot_vocabulary()[0]
    forms = naming | {slang for slang, words in slang_table().items() if not naming.isdisjoint(words)}
    letters = ("".join(re.escape(c) + "+" for c in form) for form in sorted(forms))
    return re.compile(r"\b(?:" + "|".join(letters) + r")\b", re.IGNORECASE)


def _names_bot(text: str) -> bool:
    return _bot_naming().search(text) is not None
