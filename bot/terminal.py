"""The terminal chat: a conversation with the engine on stdin/stdout, no token needed, and its
plain-text rendering (also used by `tanyabot ask`)."""

from __future__ import annotations

import contextlib
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TextIO

from faq import Answer, Engine, Suggestion, Topic
from faq.explain import Explanation

GREETING = (
    "Tanyabot siap! Tanyakan apa saja tentang kerjasama multilateral. "
    "Ketik /topik untuk daftar topik, 'keluar' atau Ctrl-D untuk selesai."
)
GOODBYE = "Sampai jumpa!"
PROMPT = "kamu> "
EXIT_WORDS = frozenset({"keluar", "exit", "quit", "/keluar"})
TOPICS_COMMANDS = frozenset({"/topik", "/topics"})


def run_chat(engine: Engine, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Chat until EOF, Ctrl-C or an exit word; remembers the last topic as context.

    Typed at a terminal, lines are read with `input()` and `readline`, so arrow keys edit the line
    and bring back earlier questions; piped input is read line by line and echoed.
    """
    interactive = stdin.isatty() and stdin is sys.stdin and stdout is sys.stdout
    read_line = _line_editor() if interactive else _line_reader(stdin)
    print(GREETING, file=stdout)
    context: str | None = None
    choices: list[str] = []
    while True:
        try:
            line = read_line()
        except KeyboardInterrupt:
            print("\n" + GOODBYE, file=stdout)
            return 0
        if line is None:
            print(("\n" if interactive else "") + GOODBYE, file=stdout)
            return 0
        question = line.strip()
        if not question:
            continue
        if question.casefold() in EXIT_WORDS:
            print(GOODBYE, file=stdout)
            return 0
        if not interactive:
            print(f"{PROMPT}{question}", file=stdout)
        if question.casefold() in TOPICS_COMMANDS:
            text, choices = render_topics(engine.topics())
            print(f"bot> {text}", file=stdout, flush=True)
            continue
        try:
            answer = _pick(engine, question, choices) or engine.answer(question, context=context)
        except Exception as error:  # noqa: BLE001 - the loop must survive anything one question does
            print(f"Maaf, terjadi kesalahan: {type(error).__name__}", file=stdout)
            continue
        if answer.intent is not None:
            context = answer.intent
        text, choices = render_answer(answer)
        print(f"bot> {text}", file=stdout, flush=True)


def _line_editor() -> Callable[[], str | None]:
    # Importing readline is what makes input() edit lines and keep this session's history.
    with contextlib.suppress(ImportError):  # Windows, or a Python without it: plain input() still works
        import readline  # noqa: F401

    def read() -> str | None:
        try:
            return input("\n" + PROMPT)
        except EOFError:
            return None

    return read


def _line_reader(stdin: TextIO) -> Callable[[], str | None]:
    def read() -> str | None:
        return stdin.readline() or None

    return read


def _pick(engine: Engine, question: str, choices: list[str]) -> Answer | None:
    # A number picks one of the topics just listed.
    if question.isdigit() and 1 <= int(question) <= len(choices):
        return engine.topic(choices[int(question) - 1])
    return None


def render_answer(answer: Answer) -> tuple[str, list[str]]:
    """The text to print and the intent ids the printed numbers stand for."""
    topics = answer.related if not answer.is_fallback else answer.suggestions
    heading = "Topik terkait:" if not answer.is_fallback else "Mungkin maksudmu:"
    return _numbered(answer.text, heading, topics)


def render_topics(topics: Sequence[Topic]) -> tuple[str, list[str]]:
    """Every topic as a numbered choice, like the related topics under an answer."""
    if not topics:
        return "Belum ada topik di basis pengetahuan ini.", []
    return _numbered(f"Ada {len(topics)} topik yang bisa kamu tanyakan.", "Daftar topik:", topics)


def _numbered(text: str, heading: str, topics: Sequence[Topic | Suggestion]) -> tuple[str, list[str]]:
    lines = [text]
    if topics:
        lines += ["", heading]
        lines += [f"  {number}. {topic.title}" for number, topic in enumerate(topics, start=1)]
        lines.append("(ketik nomornya untuk membuka topik itu)")
    return "\n".join(lines), [topic.id for topic in topics]


def render_explanation(explanation: Explanation) -> str:
    """`tanyabot ask --explain`: the terms after analysis, the best candidates with their evidence,
    and the decision, for a teacher checking why a question was answered or fell back."""
    lines = [f"question: {explanation.question!r}", "", "terms after analysis (weight, known to the KB, rarity):"]
    lines += [f"  {t.term:24} {t.weight:5.2f}  {t.known:9}  {t.rarity:4.2f}" for t in explanation.terms] or ["  (none)"]
    decision = explanation.decision
    if decision.fact_scope:
        # The answer must state the fact of this clause only (see faq.analyzer.Analysis.fact_scope).
        lines += ["", f"fact asked in the clause: {' '.join(decision.fact_scope)}"]
    lines += ["", f"top {len(explanation.candidates)} intents (route: {decision.route}):"]
    for number, candidate in enumerate(explanation.candidates, start=1):
        evidence = " ".join(f"{name}={value:g}" for name, value in candidate.evidence.items())
        lines.append(
            f"  {number}. {candidate.id} - {candidate.title}\n"
            f"     rank score {candidate.rank_score:g}, phrasing score {candidate.phrasing_score:g}\n     {evidence}"
        )
    if not explanation.candidates:
        lines.append("  (no intent shares a term with the question)")
    lines.append("")
    how = "learned from this knowledge base" if explanation.learned else "fixed rule (no model learned for this)"
    inputs = " ".join(f"{name}={value:g}" for name, value in explanation.acceptor_inputs.items())
    if explanation.learned:
        lines.append(f"acceptor inputs: {inputs}")
        checked = explanation.check_inputs
        if explanation.check_threshold is None:
            lines.append(f"confidence {decision.confidence:.1f} %, threshold {explanation.threshold:g} % ({how})")
        else:
            pack_confidence = 100 * checked["pack_confidence"]
            lines.append(f"its confidence {pack_confidence:.1f} %, threshold {explanation.threshold:g} % ({how})")
            check_inputs = "students' check inputs: " + " ".join(f"{n}={v:.3g}" for n, v in checked.items())
            lines.append(textwrap.fill(check_inputs, width=100, subsequent_indent="  ", break_long_words=False))
            lines.append(
                f"confidence {decision.confidence:.1f} %, threshold {explanation.check_threshold:g} % "
                "(the students' check, learned from students' questions to other packs)"
            )
    else:
        lines.append(f"phrasing score {decision.confidence:.1f} ({how})")
    lines.append(f"decision: answered with {explanation.answered}" if explanation.answered else "decision: fall back")
    return "\n".join(lines)
