"""Operator actions: reload the knowledge base on /reload (admins only) or SIGHUP; /statistik (admins only).

The new engine is built off the event loop, so answers keep flowing while YAML is read and
indexed, and swapped in only when the whole KB loaded; a broken file leaves the last good KB
serving and every problem is reported (log, and the admin's chat).
"""

from __future__ import annotations

import asyncio
import html
import logging
import signal
from collections.abc import Collection
from dataclasses import dataclass

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.questionlog.render import render_stats
from bot.telegram.context import ENGINE
from bot.telegram.delivery import send_reply
from bot.telegram.questionlog import question_log
from bot.telegram.render import Reply, fit_message
from faq import Engine, KnowledgeBaseError

logger = logging.getLogger(__name__)

KB_PATHS = "kb_paths"
"""`bot_data` key of the KB files to reload (None: the bundled packs)."""

ADMIN_IDS = "admin_ids"
"""`bot_data` key of the user ids allowed to run admin commands."""

RELOADED = "Basis pengetahuan dimuat ulang: <b>{count}</b> topik (sebelumnya {previous})."
STATS_OFF = (
    "Pertanyaan tidak dicatat (TANYABOT_LOG_QUESTIONS=0, atau basis datanya tidak bisa dibuka; "
    "lihat log bot), jadi belum ada statistik."
)
STATS_FAILED = "Statistik belum bisa dibaca sekarang. Coba lagi nanti."
RELOAD_FAILED = (
    "<b>Gagal memuat ulang</b> basis pengetahuan; bot tetap menjawab dengan versi terakhir yang baik.\n"
    "Masalah ({count}):\n"
)


@dataclass(frozen=True)
class ReloadOutcome:
    """What a reload did: the intents served now and before, and the problems that kept the old KB (if any)."""

    intents: int
    previous: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


async def reload_knowledge_base(application: Application, *, trigger: str) -> ReloadOutcome:
    """Load the KB again in a worker thread and swap it in; on any problem keep serving the old one."""
    current: Engine = application.bot_data[ENGINE]
    previous = len(current.kb.intents)
    try:
        engine = await asyncio.to_thread(Engine.from_paths, application.bot_data.get(KB_PATHS))
    except KnowledgeBaseError as error:
        problems = tuple(str(problem) for problem in error.problems)
        logger.error(
            "reload (%s) failed with %d problem(s); still serving the last good knowledge base", trigger, len(problems)
        )
        for problem in problems:
            logger.error("reload problem: %s", problem)
        return ReloadOutcome(previous, previous, problems)
    application.bot_data[ENGINE] = engine  # in-flight answers finish with the engine they started with
    logger.info("knowledge base reloaded (%s): %d intents, was %d", trigger, len(engine.kb.intents), previous)
    return ReloadOutcome(len(engine.kb.intents), previous)


def render_outcome(outcome: ReloadOutcome) -> Reply:
    """The admin's report: the new topic count, or every problem (as many as fit one message)."""
    if outcome.ok:
        return Reply(RELOADED.format(count=outcome.intents, previous=outcome.previous))
    head = RELOAD_FAILED.format(count=len(outcome.problems))
    return Reply(fit_message(head, "\n".join(f"- {problem}" for problem in outcome.problems)))


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload from an admin in a private chat (the handler's filter checks both): reload and report."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    outcome = await reload_knowledge_base(context.application, trigger=f"/reload by user {user.id}")
    await send_reply(context.application, chat.id, render_outcome(outcome))


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/statistik from an admin in a private chat (the handler's filter checks both): a summary of the log."""
    engine: Engine = context.bot_data[ENGINE]
    log, chat = question_log(context), update.effective_chat
    if chat is None:
        return
    stats = log.stats(exclude=[intent.id for intent in engine.kb.intents if intent.small_talk])
    if stats is None:
        text = STATS_FAILED if log.enabled else STATS_OFF
    else:
        text = html.escape(render_stats(stats, engine.kb), quote=False)
    await send_reply(context.application, chat.id, Reply(text))


async def reload_on_signal(application: Application) -> None:
    """SIGHUP: reload; a failure is also sent to every admin who has a chat with the bot."""
    outcome = await reload_knowledge_base(application, trigger="SIGHUP")
    if not outcome.ok:
        await notify_admins(application, render_outcome(outcome), application.bot_data.get(ADMIN_IDS, ()))


async def notify_admins(application: Application, reply: Reply, admin_ids: Collection[int]) -> None:
    """Send `reply` to each admin's private chat; an admin who never started the bot is skipped."""
    for admin_id in sorted(admin_ids):
        try:
            await send_reply(application, admin_id, reply)
        except TelegramError as error:
            logger.warning("could not tell admin %s about the reload: %s", admin_id, error)


def install_reload_signal(application: Application) -> None:
    """Make SIGHUP reload the KB (where the platform and the event loop support signals)."""
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None:
        return
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(hangup, lambda: application.create_task(reload_on_signal(application)))
    except (NotImplementedError, RuntimeError) as error:
        logger.warning("SIGHUP reload is not available here: %s", error)
