"""The terminal chat: a conversation with the engine on stdin/stdout, no token needed."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.render_text import render_answer
from faq import Engine

GREETING = (
    "Tanyabot siap! Tanyakan apa saja tentang kerjasama multilateral. "
    "Ketik 'keluar' atau tekan Ctrl-D untuk selesai."
)
EXIT_WORDS = frozenset({"keluar", "exit", "quit", "/keluar"})


def run_chat(engine: Engine, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Chat until EOF, Ctrl-C or an exit word; remembers the last topic as context."""
    interactive = stdin.isatty()
    print(GREETING, file=stdout)
    context: str | None = None
    choices: list[str] = []
    while True:
        if interactive:
            print("\nkamu> ", end="", file=stdout, flush=True)
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            print("\nSampai jumpa!", file=stdout)
            return 0
        if not line:
            print("\nSampai jumpa!" if interactive else "Sampai jumpa!", file=stdout)
            return 0
        question = line.strip()
        if not question:
            continue
        if question.casefold() in EXIT_WORDS:
            print("Sampai jumpa!", file=stdout)
            return 0
        try:
            answer = _pick(engine, question, choices) or engine.answer(question, context=context)
        except Exception as error:  # the loop must survive anything one question does
            print(f"Maaf, terjadi kesalahan: {type(error).__name__}", file=stdout)
            continue
        if answer.intent is not None:
            context = answer.intent
        text, choices = render_answer(answer)
        if not interactive:
            print(f"kamu> {question}", file=stdout)
        print(f"bot> {text}", file=stdout, flush=True)


def _pick(engine: Engine, question: str, choices: list[str]):
    # A number picks one of the topics just listed.
    if question.isdigit() and 1 <= int(question) <= len(choices):
        return engine.topic(choices[int(question) - 1])
    return None
