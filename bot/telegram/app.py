"""The Telegram bot: per-chat update ordering, `build_application()` and `serve()`."""

from __future__ import annotations

import asyncio
import logging
import sys
import urllib.parse
from collections.abc import Awaitable, Mapping
from typing import Any

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    PollAnswerHandler,
    TypeHandler,
    filters,
)

from bot.questionlog.chats import ChatChoices
from bot.questionlog.database import DEFAULT_RETENTION_DAYS, QuestionLogSettings, open_in_memory
from bot.questionlog.log import NullQuestionLog, Stores, open_stores
from bot.questionlog.quiz import QuizStore
from bot.telegram import admin, handlers, quiz, quiz_daily, subjects
from bot.telegram.context import ENGINE
from bot.telegram.flood import FloodGate
from bot.telegram.logs import configure_logging
from bot.telegram.network import PollingRequest, RetryingLimiter
from bot.telegram.questionlog import (
    CHAT_CHOICES,
    QUESTION_LOG,
    QUIZ_STORE,
    RETENTION_DAYS,
    delete_data_command,
    is_vote,
    privacy_command,
    vote_button,
)
from bot.telegram.quiz_polls import QUIZ_SETTINGS, poll_answer
from bot.telegram.render import SUBJECT_PREFIX
from bot.telegram.settings import ConfigError, Settings, load_settings
from faq import Engine

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_CONFIG = 2
RATE_LIMIT_RETRIES = 3
"""How often AIORateLimiter retries a request Telegram answered with 429 (its default, 0, drops the reply)."""

FLOOD_GROUP = -1
"""Handler group of the per-user flood gate: before every answering handler (group 0)."""

BOT_API_CONNECTIONS = 8
"""HTTP connections for replies. httpcore scans every pooled connection for every request, so PTB's
default of 256 made each reply cost milliseconds of CPU under load; 8 kept up best (bench/bot_capacity.py)."""

CONCURRENT_UPDATES = 64
"""Updates processed at once (across chats); within one chat they still go one at a time."""

POLL_TIMEOUT_SECONDS = 10
"""Long-polling timeout of getUpdates."""

BOOTSTRAP_RETRIES = 5
"""Start-up attempts (getMe, deleteWebhook/setWebhook) on network errors before giving up."""

ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.POLL_ANSWER,  # quiz answers: a user's choice in a (non-anonymous) quiz poll the bot sent
]

COMMANDS = [
    BotCommand("start", "Mulai dan kenalan dengan Tanyabot"),
    BotCommand("tanya", "Tanya sesuatu, misalnya: /tanya apa itu WTO?"),
    BotCommand("topik", "Lihat daftar semua topik"),
    BotCommand("kuis", "Kuis: satu soal, /kuis 5 untuk satu ronde, /kuis wto untuk satu topik"),
    BotCommand("skor", "Papan skor kuis (di chat pribadi: catatanmu)"),
    BotCommand("kuisharian", "Atur kuis harian grup, misalnya /kuisharian 07:00 (admin)"),
    BotCommand("mapel", "Pilih mapel yang dipelajari di chat ini"),
    BotCommand("bantuan", "Cara memakai bot ini"),
    BotCommand("help", "Cara memakai bot ini"),
    BotCommand("privasi", "Apa yang disimpan dari pertanyaanmu"),
    BotCommand("hapusdata", "Hapus semua pertanyaan dan penilaianmu"),
]
"""The "/" menu; admin commands (/reload, /statistik) stay out of it."""


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Processes updates concurrently across chats, but one at a time and in arrival order within a chat.

    PTB's own `concurrent_updates=N` would let two questions from one chat race, so answers could
    come back out of order. Instead of locking inside every handler, one place serialises per chat
    id: PTB starts the update tasks in arrival order, and an `asyncio.Lock` wakes its waiters first
    in, first out, so a chat's updates run in the order Telegram sent them. Updates without a chat
    (inline queries) run freely. A chat waiting for its lock holds one of the `CONCURRENT_UPDATES`
    slots, which is fine for short FAQ handlers.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = getattr(update, "effective_chat", None)
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] = self._users.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:  # forget idle chats, so the table stays small
                del self._users[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


async def _post_init(application: Application) -> None:
    # The bot's own @username addresses it in groups; commands show up in Telegram's "/" menu.
    application.bot_data[handlers.BOT_USERNAME] = application.bot.username
    admin.install_reload_signal(application)
    quiz_daily.schedule_all_daily(application)
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as error:  # a missing menu is no reason not to answer questions
        logger.warning("setMyCommands failed: %s", error)
    logger.info("Tanyabot is running as @%s", application.bot.username)


def build_application(
    engine: Engine,
    settings: Settings,
    *,
    stores: Stores | None = None,
    retention_days: int = DEFAULT_RETENTION_DAYS,
) -> Application:
    """The PTB application with every handler wired to `engine` (kept in `bot_data["engine"]`).

    `stores` keep the questions asked, quiz answers and chats' choices (None: nothing on disk,
    quizzes and choices in memory); `retention_days` is their retention, which /privasi tells.
    """
    if stores is None:
        connection, salt = open_in_memory()
        quiz_store = QuizStore(connection, salt, retention_days=retention_days, persistent=False)
        stores = Stores(NullQuestionLog(), quiz_store, ChatChoices(connection))
    throttle = AIORateLimiter(max_retries=RATE_LIMIT_RETRIES) if settings.rate_limit else None
    builder = (
        Application.builder()
        .token(settings.token)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES))
        .rate_limiter(RetryingLimiter(throttle))
        .connection_pool_size(BOT_API_CONNECTIONS)
        .get_updates_request(PollingRequest(connection_pool_size=1))
        .post_init(_post_init)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    application = builder.build()
    application.bot_data.update(
        {
            ENGINE: engine,
            admin.KB_PATHS: settings.kb_paths,
            admin.ADMIN_IDS: settings.admin_ids,
            QUESTION_LOG: stores.log,
            QUIZ_STORE: stores.quiz,
            CHAT_CHOICES: stores.chats,
            QUIZ_SETTINGS: settings,
            RETENTION_DAYS: retention_days,
        }
    )
    if settings.user_rate:
        application.bot_data[handlers.FLOOD_GATE] = FloodGate(*settings.user_rate)
        application.add_handler(TypeHandler(Update, handlers.flood_guard), group=FLOOD_GROUP)

    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    if settings.admin_ids:  # for anyone else /reload and /statistik are just unknown commands
        admins = private & filters.User(user_id=settings.admin_ids)
        application.add_handler(CommandHandler("reload", admin.reload_command, filters=admins))
        application.add_handler(CommandHandler("statistik", admin.stats_command, filters=admins))
    application.add_handlers(
        [
            MessageHandler(filters.StatusUpdate.MIGRATE, handlers.chat_migrated),
            CommandHandler("start", handlers.start),
            CommandHandler(["bantuan", "help"], handlers.help_command),
            CommandHandler("topik", handlers.topics_command),
            CommandHandler("tanya", handlers.ask_command),
            CommandHandler("kuis", quiz.quiz_command),
            CommandHandler("skor", quiz.scores_command),
            CommandHandler("kuisharian", quiz_daily.daily_command),
            CommandHandler("mapel", subjects.subjects_command),
            CommandHandler("privasi", privacy_command),
            CommandHandler("hapusdata", delete_data_command),
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.private_text),
            MessageHandler(groups & filters.TEXT & ~filters.COMMAND, handlers.group_text),
            MessageHandler(private & filters.COMMAND, handlers.unknown_command),
            MessageHandler(
                private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.not_text
            ),
            CallbackQueryHandler(vote_button, pattern=is_vote),
            CallbackQueryHandler(subjects.subject_button, pattern=f"^{SUBJECT_PREFIX}"),
            CallbackQueryHandler(handlers.button),
            InlineQueryHandler(handlers.inline_query),
            PollAnswerHandler(poll_answer),
        ]
    )
    application.add_error_handler(handlers.error_handler)
    return application


def serve(env: Mapping[str, str]) -> int:
    """Run the bot until SIGINT/SIGTERM: long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set."""
    try:
        settings, log_settings = _load_settings(env)
    except ConfigError as error:
        for problem in error.problems:
            print(f"tanyabot serve: {problem}", file=sys.stderr)
        return EXIT_BAD_CONFIG
    configure_logging(settings.log_level, settings.secrets)
    engine = Engine.from_paths(settings.kb_paths)
    stores = open_stores(log_settings)  # no log on disk (and a warning) when it cannot be used
    application = build_application(engine, settings, stores=stores, retention_days=log_settings.retention_days)
    try:
        return _run(application, settings)
    finally:
        stores.close()  # here, not in post_shutdown: also when start-up failed before there was one


def _load_settings(env: Mapping[str, str]) -> tuple[Settings, QuestionLogSettings]:
    # The bot's and the question log's settings, every problem of both in one ConfigError.
    problems: list[str] = []
    try:
        settings = load_settings(env)
    except ConfigError as error:
        problems += error.problems
    try:
        log_settings = QuestionLogSettings.from_env(env)
    except ConfigError as error:
        problems += error.problems
    if problems:
        raise ConfigError(problems)
    return settings, log_settings


def _run(application: Application, settings: Settings) -> int:
    # Serve until stopped; the exit code.
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urllib.parse.urlsplit(settings.webhook_url).path.strip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                bootstrap_retries=BOOTSTRAP_RETRIES,
            )
        else:
            application.run_polling(
                timeout=POLL_TIMEOUT_SECONDS, allowed_updates=ALLOWED_UPDATES, bootstrap_retries=BOOTSTRAP_RETRIES
            )
    except InvalidToken:  # its message repeats the token, so it is not shown
        print("tanyabot serve: TELEGRAM_BOT_TOKEN was rejected by the Bot API server", file=sys.stderr)
        return EXIT_BAD_CONFIG
    except TelegramError as error:
        logger.error("the bot stopped: %s", error)
        return EXIT_FAILED
    if application.bot_data.get(handlers.STOPPED_BY_CONFLICT):
        return EXIT_FAILED
    return EXIT_OK
