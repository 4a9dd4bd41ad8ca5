"""`tanyabot report` and `tanyabot suggest`: the question log for the FAQ's author (no Telegram needed).

Their arguments are in `arguments`; `tanyabot` imports this module only when one of them runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time
from pathlib import Path

from bot.questionlog.database import database_path
from bot.questionlog.quiz_report import build_quiz_report, render_quiz_csv, render_quiz_section
from bot.questionlog.render import render_csv, render_report, render_suggestions
from bot.questionlog.report import Day, build_report, cluster_unanswered
from bot.questionlog.store import QuestionLogError, read_questions, read_quiz_answers
from bot.questionlog.suggest import suggest
from faq import Engine

EXIT_OK = 0
EXIT_BAD_INPUT = 2

PLOT_SIZE_INCHES = (9.0, 4.0)
PLOT_DPI = 100
PLOT_MAX_DAY_LABELS = 12
"""Dates labelled on the chart's x axis at most (about); longer periods label every n-th day."""


class PlotUnavailable(Exception):
    """matplotlib, the optional plotting extra, is not installed."""


def run(engine: Engine, args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Run `report` or `suggest`; problems with the log or the plot are one stderr line and exit code 2."""
    path = Path(args.db).expanduser() if args.db else database_path(env)
    since = datetime.combine(args.since, time(), UTC) if args.since else None
    try:
        questions = read_questions(path, since=since)
        quiz_answers = read_quiz_answers(path, since=since) if args.command == "report" else []
    except QuestionLogError as error:
        return _fail(args.command, str(error))
    if args.command == "suggest":
        print(render_suggestions(suggest(cluster_unanswered(questions, engine.analyzer), engine), engine.kb))
        return EXIT_OK
    report = build_report(questions, engine, since=args.since)
    quiz = build_quiz_report(quiz_answers, engine.kb)
    if args.plot:
        try:
            plot_days(report.days, Path(args.plot))
        except PlotUnavailable:
            return _fail("report", "--plot needs matplotlib: pip install 'tanyabot[plot]'")
        except OSError as error:
            return _fail("report", f"{args.plot}: cannot write the chart: {error.strerror or error}")
    if args.json:
        print(json.dumps({**report.to_dict(), "quiz": quiz.to_dict()}, ensure_ascii=False, indent=2))
    elif args.csv == "quiz":
        print(render_quiz_csv(quiz), end="")
    elif args.csv:
        print(render_csv(report.clusters), end="")
    else:
        print("\n".join([render_report(report), "", *render_quiz_section(quiz)]))
    if args.plot:
        print(f"chart written to {args.plot}", file=sys.stderr)
    return EXIT_OK


def plot_days(days: Sequence[Day], path: Path) -> None:
    """A stacked bar chart of answered and not answered questions per day, written as PNG to `path`."""
    try:  # an optional extra: imported only when a chart is asked for
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.dates import DateFormatter, DayLocator, date2num
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError as error:
        raise PlotUnavailable() from error
    figure = Figure(figsize=PLOT_SIZE_INCHES, dpi=PLOT_DPI, layout="constrained")
    FigureCanvasAgg(figure)  # Agg: no display needed
    axes = figure.subplots()
    x = date2num([d.day for d in days])
    answered = [d.answered for d in days]
    axes.bar(x, answered, label="answered", color="#4c956c")
    axes.bar(x, [d.unanswered for d in days], bottom=answered, label="not answered", color="#d1495b")
    axes.set_title("Questions per day (UTC)")
    axes.set_ylabel("questions")
    axes.xaxis.set_major_locator(DayLocator(interval=max(1, len(days) // PLOT_MAX_DAY_LABELS)))
    axes.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="best")
    figure.autofmt_xdate()
    figure.savefig(path, format="png")


def _fail(command: str, message: str) -> int:
    print(f"tanyabot {command}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
