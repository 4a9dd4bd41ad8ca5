"""`tanyabot quiz`: practise the KB's quiz items in the terminal, no token needed."""

from __future__ import annotations

import random
import sys
from typing import TextIO

from faq import Engine
from faq.schema import QuizItem

EXIT_OK = 0
EXIT_NO_ITEMS = 2
QUIT_WORDS = frozenset({"keluar", "exit", "quit", "q"})


def run_quiz(
    engine: Engine,
    *,
    topic: str | None = None,
    count: int = 5,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    rng: random.Random | None = None,
) -> int:
    """Ask `count` items (of the topic `topic` names, else of every topic), then show the score."""
    rng = rng or random.Random()
    items = _items(engine, topic)
    if not items:
        what = f"tentang {topic!r}" if topic else "di basis pengetahuan ini"
        print(f"Belum ada soal kuis {what}.", file=sys.stderr)
        return EXIT_NO_ITEMS
    chosen = rng.sample(items, min(count, len(items)))
    right = 0
    for number, item in enumerate(chosen, start=1):
        options = list(item.options)
        rng.shuffle(options)
        print(f"\nSoal {number}/{len(chosen)}: {item.question}", file=stdout)
        for index, option in enumerate(options, start=1):
            print(f"  {index}. {option}", file=stdout)
        choice = _choice(len(options), stdin, stdout)
        if choice is None:
            print("\nKuis dihentikan.", file=stdout)
            break
        if options[choice] == item.answer:
            right += 1
            print("✅ Benar!", file=stdout)
        else:
            print(f"❌ Belum tepat. Jawabannya: {item.answer}", file=stdout)
        if item.explanation:
            print(f"   {item.explanation}", file=stdout)
    print(f"\nSkor: {right} dari {len(chosen)} benar.", file=stdout)
    return EXIT_OK


def _items(engine: Engine, topic: str | None) -> list[QuizItem]:
    if not topic:
        return list(engine.kb.quiz_items())
    answer = engine.answer(topic)
    intent = engine.kb.get(answer.intent) if answer.intent else None
    return list(intent.quiz) if intent is not None else []


def _choice(options: int, stdin: TextIO, stdout: TextIO) -> int | None:
    # The chosen option's index; asks again on anything but a listed number; None at EOF or a quit word.
    while True:
        print(f"Jawabanmu (1-{options}): ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().casefold() in QUIT_WORDS:
            return None
        value = line.strip()
        if value.isdigit() and 1 <= int(value) <= options:
            return int(value) - 1
        print(f"Ketik nomor pilihan dari 1 sampai {options}.", file=stdout)
