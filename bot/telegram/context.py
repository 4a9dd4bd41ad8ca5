"""What the handlers read from an update and the application's shared data: the engine, the
message, a command's argument, and the subjects a chat chose."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.questionlog.chats import ChatChoices
from bot.telegram.questionlog import CHAT_CHOICES
from faq import Engine, Topic

ENGINE = "engine"
"""`bot_data` key of the shared `Engine`."""


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    engine: Engine = context.bot_data[ENGINE]
    return engine


def message_of(update: Update) -> Message:
    # The handlers that call this are registered for messages only: their filters guarantee one.
    message = update.effective_message
    if message is None:
        raise TypeError(f"update {update.update_id} carries no message")
    return message


def command_argument(message: Message) -> str:
    # The raw text after "/tanya" or "/tanya@bot", spacing and punctuation kept (context.args splits it).
    # The command is ASCII at offset 0, so its UTF-16 entity length is also its length in characters.
    text = message.text or ""
    command = next((e for e in message.entities if e.type == e.BOT_COMMAND and e.offset == 0), None)
    return text[command.length :].strip() if command else ""


def chat_subjects(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> tuple[str, ...] | None:
    """The subjects the chat chose with /mapel; None for every subject."""
    choices: ChatChoices | None = context.bot_data.get(CHAT_CHOICES)
    return choices.subjects(chat_id) if choices is not None else None


def topic_groups(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> list[tuple[str, list[Topic]]]:
    """The chat's topics by subject, in the KB's order."""
    engine, chosen = engine_of(context), chat_subjects(context, chat_id)
    subjects = [s for s in engine.kb.subjects if chosen is None or s in chosen]
    groups = [(subject, engine.topics([subject])) for subject in subjects]
    return [(subject, topics) for subject, topics in groups if topics]
