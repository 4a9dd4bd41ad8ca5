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


def _right_option_numbers(out: str, engine) -> list[str]:
    # For each question printed, the number of the option that is the item's answer.
    items = {item.question: item for item in engine.kb.quiz_items()}
    numbers, current = [], None
    for line in out.splitlines():
        if line.startswith("Soal "):
            current = items[line.split(": ", 1)[1]]
        elif current is not None and line.startswith("  ") and line.strip()[0].isdigit():
            number, option = line.strip().split(". ", 1)
            if option == current.answer:
                numbers.append(number)
    return numbers


def test_quiz_asks_again_on_bad_input_explains_and_scores(engine):
    first = run("quiz", "--topic", "apa itu wto", "-n", "1", stdin=b"abc\n0\n99\n")
    out = first.stdout.decode()
    assert first.returncode == 0
    assert out.count("Ketik nomor pilihan dari 1 sampai") == 3  # asked again three times, then EOF
    assert "Kuis dihentikan." in out and "Skor: 0 dari 1 benar." in out
    assert any(item.question in out for item in engine.kb.get("wto").quiz)


def test_quiz_answered_right_then_wrong_explains_and_scores(engine):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "quiz", "--topic", "apa itu asean", "-n", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    items = {item.question: item for item in engine.kb.get("asean").quiz}
    out = ""
    for answer_right in (True, False):
        line = process.stdout.readline()
        while not line.startswith("Soal "):
            out += line
            line = process.stdout.readline()
        item = items[line.rstrip("\n").split(": ", 1)[1]]
        options = [process.stdout.readline() for _ in item.options]
        out += line + "".join(options)
        numbers = {o.strip().split(". ", 1)[1]: o.strip().split(". ", 1)[0] for o in options}
        right = numbers[item.answer]
        process.stdin.write((right if answer_right else next(n for n in numbers.values() if n != right)) + "\n")
        process.stdin.flush()
    rest, _ = process.communicate(timeout=60)
    out += rest
    assert process.returncode == 0
    assert "✅ Benar!" in out and "❌ Belum tepat. Jawabannya:" in out and "Skor: 1 dari 2 benar." in out


def test_quiz_on_a_topic_without_items_is_exit_2():
    result = run("quiz", "--topic", "resep rendang padang")
    assert result.returncode == 2 and b"Belum ada soal kuis" in result.stderr
