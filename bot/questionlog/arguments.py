"""The `report` and `suggest` subcommands' arguments, apart from the code that runs them.

Only the standard library here: `tanyabot` builds its whole parser on every start, and `ask` should not
pay for importing the question log's report code it never runs (see `commands`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime

COMMANDS = ("report", "suggest")


def add_commands(commands: argparse._SubParsersAction, with_kb: Callable) -> None:
    """The `report` and `suggest` subcommands, on the `tanyabot` parser's subcommands."""
    report = with_kb(commands.add_parser("report", help="what students asked: answer rate, topics, gaps"))
    suggest_ = with_kb(commands.add_parser("suggest", help="YAML to add for unanswered questions (KB untouched)"))
    for sub in (report, suggest_):
        sub.add_argument("--db", metavar="PATH", help="question log (default: TANYABOT_DB or the user data dir)")
        sub.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only questions from this UTC day on")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the report as one JSON object")
    output.add_argument(
        "--csv",
        nargs="?",
        const="unanswered",
        choices=("unanswered", "quiz"),
        help="print unanswered questions with their cluster (default), or quiz items with their answers, as CSV",
    )
    report.add_argument("--plot", metavar="FILE", help="also draw questions per day as a PNG (needs tanyabot[plot])")


def _day(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None
