"""End-to-end fixtures: the test Bot API server and the real `tanyabot serve` process talking to it."""

from __future__ import annotations

import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from tests.support.botapi import BotApiServer

TOKEN = "123456:TEST-token-abc"
BOT_USERNAME = "tanya_test_bot"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0


class BotProcess:
    """`python -m bot.cli serve` as a subprocess, its stdout and stderr in one log file."""

    def __init__(self, env: dict[str, str], log_path: Path, cwd: Path) -> None:
        self.log_path = log_path
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_", "LOG_LEVEL"))}
        # The question log goes to the test's directory, never the user's data directory.
        full_env["TANYABOT_DB"] = str(cwd / "questions.sqlite3")
        full_env.update(env)
        self.spawned_at = time.time()  # calls before this are another process's (a restart on one server)
        with open(log_path, "wb") as log:
            # cwd is an empty directory, so no stray .env is read
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "serve"], env=full_env, cwd=cwd, stdout=log, stderr=log
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, server: BotApiServer, method: str = "deleteWebhook") -> None:
        """Wait until the bot has registered its commands and started receiving updates."""

        def started(calls: list[dict]) -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"bot exited with {self.process.returncode}:\n{self.log()}")
            names = [c["method"] for c in calls if c["time"] >= self.spawned_at]
            return "setMyCommands" in names and method in names

        server.wait_for(started, timeout=START_TIMEOUT)

    def wait_log(self, text: str | re.Pattern[str], *, count: int = 1, timeout: float = START_TIMEOUT) -> str:
        """Wait until `text` (a string, or a pattern's matches) appears `count` times in the log; return the log."""

        def found(log: str) -> int:
            return log.count(text) if isinstance(text, str) else len(text.findall(log))

        deadline = time.monotonic() + timeout
        while found(log := self.log()) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{text!r} not {count}x in the bot's log:\n{log}")
            time.sleep(0.05)
        return log

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    def wait_exit(self, timeout: float = STOP_TIMEOUT) -> int:
        """The exit code of a bot that stops by itself (killed, and the test failed, if it does not)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"bot did not exit within {timeout}s:\n{self.log()}") from None

    def stop(self) -> int:
        """SIGTERM, then the exit code (the process is killed if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def bot_env(server: BotApiServer, **settings: str) -> dict[str, str]:
    """The environment of a bot polling `server` (token, base URL) plus `settings`."""
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": server.base_url, **settings}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed test's report ends with the shared bot's log: the module's bot outlives the test's output."""
    report = yield
    bot = getattr(item, "funcargs", {}).get("bot")
    if report.when == "call" and report.failed and isinstance(bot, BotProcess):
        report.sections.append(("bot log, last 80 lines", "\n".join(bot.log().splitlines()[-80:])))
    return report


@pytest.fixture(scope="module")
def server() -> Iterator[BotApiServer]:
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        yield srv


@pytest.fixture(scope="module")
def bot(server: BotApiServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """One polling bot (both rate limits off, DEBUG log) shared by the module's tests."""
    directory = tmp_path_factory.mktemp("bot")
    process = BotProcess(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "TANYABOT_RATE_LIMIT": "0",
            "TANYABOT_USER_RATE": "off",
            "LOG_LEVEL": "DEBUG",
        },
        directory / "bot.log",
        directory,
    )
    try:
        process.wait_ready(server)
        yield process
    finally:
        process.stop()


@pytest.fixture
def start_bot(tmp_path: Path) -> Iterator[Callable[..., BotProcess]]:
    """Start extra bots (webhook mode, rate limiter on, ...) for one test; all are stopped after it."""
    started: list[BotProcess] = []

    def start(env: dict[str, str]) -> BotProcess:
        directory = tmp_path / f"bot{len(started)}"
        directory.mkdir()
        process = BotProcess(env, directory / "bot.log", directory)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


_ids = itertools.count(1001)


@pytest.fixture
def new_id() -> Callable[[], int]:
    """Fresh user/chat numbers, so tests sharing the module's bot never share a conversation."""
    return lambda: next(_ids)
