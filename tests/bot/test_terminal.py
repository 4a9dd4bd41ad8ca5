"""The terminal chat (`tanyabot chat`): piped and at a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from faq import Engine
from tests.bot.test_cli import run


def test_topik_lists_every_topic_as_a_numbered_choice_and_a_number_opens_it():
    engine = Engine.from_paths()
    topics = engine.topics()
    result = run("chat", stdin=b"/topik\n3\n")
    out = result.stdout.decode()
    assert result.returncode == 0
    for number, topic in enumerate(topics, start=1):
        assert f"  {number}. {topic.title}\n" in out
    opened = engine.topic(topics[2].id)
    assert f"bot> {opened.text.splitlines()[0]}" in out


def _read_until(fd: int, needle: bytes, seen: bytearray, *, times: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while seen.count(needle) < times:
        left = deadline - time.monotonic()
        assert left > 0, f"waited for {needle!r}; got {bytes(seen)[-500:]!r}"
        if select.select([fd], [], [], left)[0]:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break


def test_at_a_terminal_arrow_keys_edit_and_recall_earlier_questions():
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_"))}
    env["TERM"] = "xterm"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat"], stdin=child, stdout=child, stderr=child, env=env, close_fds=True
    )
    os.close(child)
    seen = bytearray()
    try:
        _read_until(main, b"kamu> ", seen)
        os.write(main, b"apa itu pbb\r")
        _read_until(main, b"kamu> ", seen, times=2)
        answers = seen.count(b"bot> PBB")
        os.write(main, b"\x1b[A\r")  # up arrow: the last question again, then Enter
        _read_until(main, b"kamu> ", seen, times=3)
        os.write(main, b"keluar\r")
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    assert seen.count(b"bot> PBB") == answers + 1  # the recalled question was answered again
    assert b"^[[A" not in seen  # the arrow key edited the line instead of printing its escape code
