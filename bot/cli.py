"""The `tanyabot` command: chat, ask, check, eval, serve, report and suggest over one engine."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot.config import cache_dir, kb_paths, load_environment
from bot.questionlog import arguments as report_arguments
from faq import Engine, KnowledgeBaseError, load_knowledge_base

if TYPE_CHECKING:
    from faq.evaluation import EvalReport

EXIT_OK = 0
EXIT_BELOW_TARGET = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code is already 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tanyabot", description="Tanyabot: FAQ chatbot untuk pelajar (kerjasama multilateral).")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def with_kb(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--kb", action="append", metavar="PATH", help="KB YAML file (repeatable; replaces TANYABOT_KB)"
        )
        return sub

    with_kb(commands.add_parser("chat", help="chat in the terminal (no token needed)"))
    ask = with_kb(commands.add_parser("ask", help="answer one question, or one per stdin line with --jsonl"))
    ask.add_argument("--json", action="store_true", help="print the answer as one JSON object")
    ask.add_argument("--jsonl", action="store_true", help="answer every stdin line, one JSON object per line")
    ask.add_argument(
        "--explain", action="store_true", help="show the terms, the top intents' evidence and the decision"
    )
    ask.add_argument("words", nargs="*", metavar="WORDS", help="the question")
    check = commands.add_parser("check", help="validate KB files (the bundled KB when none given)")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--deep", action="store_true", help="also warn of confusable phrasings, thin topics and more")
    evaluate = with_kb(commands.add_parser("eval", help="measure accuracy on a labelled YAML set"))
    evaluate.add_argument("file", metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    for name in ("overall", "inscope", "oos"):
        evaluate.add_argument(f"--min-{name}", type=float, metavar="PCT", help=f"exit 1 when {name} %% is below PCT")
    quiz = with_kb(commands.add_parser("quiz", help="practise the quiz questions in the terminal"))
    quiz.add_argument("--topic", metavar="WORDS", help="only the topic these words name")
    quiz.add_argument("-n", type=int, default=5, metavar="N", help="how many questions (default 5)")
    draft = commands.add_parser("draft", help="draft a starter pack from a teacher's notes (YAML on stdout)")
    draft.add_argument("notes", metavar="NOTES.txt")
    draft.add_argument("--subject", help="the pack's subject (default: the notes' file name)")
    commands.add_parser("serve", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    report_arguments.add_commands(commands, with_kb)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    env = load_environment()
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "draft":
            return _draft(args)
        if args.command == "serve":
            from bot.telegram.app import serve  # python-telegram-bot is imported only here

            return serve(env)
        engine = Engine.from_paths(kb_paths(args.kb, env), cache_dir=cache_dir(env))
        if args.command == "chat":
            from bot.terminal import run_chat

            return run_chat(engine)
        if args.command == "ask":
            return _ask(engine, args, parser)
        if args.command == "quiz":
            if args.n < 1:
                parser.error("-n must be at least 1")
            from bot.terminal_quiz import run_quiz

            return run_quiz(engine, topic=args.topic, count=args.n)
        if args.command in report_arguments.COMMANDS:
            from bot.questionlog.commands import run as run_report

            return run_report(engine, args, env)
        return _eval(engine, args)
    except KnowledgeBaseError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


def _ask(engine: Engine, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.jsonl:
        if args.words:
            parser.error("--jsonl reads questions from stdin; give no WORDS")
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
        for line in _lines(stdin):
            print(json.dumps(engine.answer(line).to_dict(), ensure_ascii=False), flush=True)
        return EXIT_OK
    if not args.words:
        parser.error("ask needs a question (WORDS...) or --jsonl")
    if args.explain:
        from bot.terminal import render_explanation
        from faq.explain import explain

        print(render_explanation(explain(engine, " ".join(args.words))))
        return EXIT_OK
    answer = engine.answer(" ".join(args.words))
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        from bot.terminal import render_answer

        print(render_answer(answer)[0])
    return EXIT_OK


def _lines(stream: io.TextIOBase):
    # Split on "\n" only: a "\r" or a form feed inside a question stays part of it.
    pending = ""
    while chunk := stream.read(65536):
        pending += chunk
        *complete, pending = pending.split("\n")
        yield from complete
    if pending:
        yield pending


def _check(args: argparse.Namespace) -> int:
    kb = load_knowledge_base(args.paths or None)
    questions = sum(len(i.questions) for i in kb.intents)
    if args.deep:
        from faq.lint import lint

        warnings = lint(Engine(kb))
        for warning in warnings:
            print(warning)
        print(f"{len(warnings)} warning(s)")
    print(
        f"ok: {len(kb.sources)} file(s), {len(kb.intents)} intents, {questions} questions, "
        f"{len(kb.synonyms)} synonym groups"
    )
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    from faq.draft import draft_pack

    path = Path(args.notes)
    try:
        notes = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read the notes: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not notes.strip():
        print(f"{path}: the notes are empty", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(draft_pack(notes, subject=args.subject or path.stem))
    return EXIT_OK


def _eval(engine: Engine, args: argparse.Namespace) -> int:
    from faq.evaluation import LabelledSetError, evaluate, load_labelled

    try:
        items = load_labelled(args.file, known_ids={i.id for i in engine.kb.intents})
    except LabelledSetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    report = evaluate(engine, items)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_eval(report))
    targets = (
        (args.min_overall, report.overall),
        (args.min_inscope, report.inscope_top1),
        (args.min_oos, report.oos_rejected),
    )
    return EXIT_BELOW_TARGET if any(t is not None and value < t for t, value in targets) else EXIT_OK


def render_eval(report: EvalReport) -> str:
    """The human-readable `tanyabot eval` report."""
    lines = [
        f"items: {report.total} ({report.in_scope} in scope, {report.out_of_scope} out of scope)",
        f"in-scope top-1:        {report.inscope_top1:6.2f} %  ({report.right_in_scope}/{report.in_scope})",
        f"in-scope top-3:        {report.inscope_top3:6.2f} %  ({report.top3_in_scope}/{report.in_scope})",
        f"out-of-scope rejected: {report.oos_rejected:6.2f} %  ({report.rejected_out_of_scope}/{report.out_of_scope})",
        f"wrong answers:         {report.wrong:6.2f} %  ({report.wrong_answers}/{report.in_scope})",
        f"overall:               {report.overall:6.2f} %",
        "",
        "per intent (support, precision, recall):",
    ]
    for intent_id, row in report.precision_recall().items():
        lines.append(f"  {intent_id:28} {row['support']:4d} {row['precision']:7.2f} {row['recall']:7.2f}")
    if report.confusions:
        lines += ["", "confusions (expected -> got: count):"]
        for (expected, got), count in report.confusions.most_common():
            lines.append(f"  {expected or 'null'} -> {got or 'null'}: {count}")
    if report.misses:
        lines += ["", "misses:"]
        for miss in report.misses:
            top = ", ".join(f"{t['id']} {t['score']:.1f}" for t in miss["top3"]) or "-"
            lines.append(
                f"  [{miss['expected'] or 'null'} -> {miss['got'] or 'null'} {miss['score']:.1f}] "
                f"{miss['q']!r}  top3: {top}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
