"""The author's views of the question log: the `tanyabot report` text and CSV, `suggest`'s YAML, /statistik."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

from bot.questionlog.log import Stats
from bot.questionlog.report import LOW_CONFIDENCE_SCORE, Cluster, Report
from bot.questionlog.suggest import Proposal
from faq import KnowledgeBase

CSV_HEADER = ("cluster", "cluster_count", "question", "count")

_FORMULA_START = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet: such a question gets a leading '."""


def render_report(report: Report) -> str:
    """The human-readable report (questions are quoted, so control characters in them stay visible)."""
    if report.questions == 0:
        return "no questions logged" + (f" since {report.since}" if report.since else "")
    first, last = report.days[0].day, report.days[-1].day
    lines = [
        f"questions: {report.questions} from {_plural(report.users, 'user')}, {first} to {last} (UTC)"
        + (f", since {report.since}" if report.since else ""),
        (
            f"answered:  {report.answered} ({report.answer_rate:.1f} %), "
            f"not answered: {report.questions - report.answered}"
        ),
    ]
    lines += _section("most asked topics:", [f"{t.count:5d}  {t.intent:28} {t.title}" for t in report.topics])
    lines += _section(
        "not answered, grouped by similarity (most asked first):",
        [f"  #{c.id:<3d}{c.count:4d}x  " + " | ".join(map(_quote, c.examples)) for c in report.clusters],
    )
    lines += _section(
        f"low-confidence answers (score below {LOW_CONFIDENCE_SCORE:.0f}):",
        [
            f"{q.score:7.1f}  {q.intent:28} {_quote(q.question)}" + (f" ({q.count}x)" if q.count > 1 else "")
            for q in report.low_confidence
        ],
    )
    lines += _section(
        "answers with the most 👎:",
        [f"  👎 {d.down:<3d} 👍 {d.up:<3d} {d.intent:28} {d.title}" for d in report.disliked],
    )
    return "\n".join(lines)


def render_csv(clusters: Sequence[Cluster]) -> str:
    """Every distinct unanswered question with its cluster, for pasting phrasings into the KB."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for cluster in clusters:
        for text, count in cluster.phrasings:
            writer.writerow((cluster.id, cluster.count, _cell(text), count))
    return out.getvalue()


def render_suggestions(proposals: Sequence[Proposal], kb: KnowledgeBase) -> str:
    """YAML to paste into a KB pack, one commented block per cluster; nothing is written anywhere."""
    if not proposals:
        return "# no unanswered questions: nothing to suggest"
    blocks = [f"# {_plural(len(proposals), 'cluster')} of unanswered questions. Nothing was changed: paste what fits."]
    for p in proposals:
        head = f"# cluster {p.cluster.id} ({_plural(p.cluster.count, 'question')}): "
        if p.new_topic:
            nearest = f"nearest: {p.intent} {p.score:.1f}" if p.intent else "no intent scores"
            blocks.append(
                "\n".join(
                    [
                        head + f"new topic ({nearest})",
                        "# a new intent for the pack's `intents:` list; write its title and answer",
                        f"  - id: {p.new_id}",
                        '    title: "TODO"',
                        "    questions:",
                        *(f"      - {_quote(text)}" for text in p.phrasings),
                        "    answer: |",
                        "      TODO",
                    ]
                )
            )
            continue
        intent = kb.get(p.intent) if p.intent is not None else None
        where = f" ({intent.source}:{intent.line})" if intent is not None and intent.source else ""
        title = f" {_quote(intent.title)}" if intent is not None else ""
        head += f"intent {p.intent}{title}, mean score {p.score:.1f}"
        if not p.phrasings:
            blocks.append(head + "\n# its phrasings are all in the intent already; the engine still scores them low")
            continue
        blocks.append(
            "\n".join(
                [
                    head,
                    f"# under `questions:` of intent {p.intent}{where}:",
                    *(f"      - {_quote(text)}" for text in p.phrasings),
                ]
            )
        )
    return "\n\n".join(blocks)


def render_stats(stats: Stats, kb: KnowledgeBase) -> str:
    """The /statistik summary (plain text, Indonesian; escape it before sending as HTML)."""
    period = f"sejak {stats.since:%Y-%m-%d}" if stats.since else "semua yang tersimpan"
    lines = [f"Statistik pertanyaan ({period})", f"Pertanyaan: {stats.questions} dari {stats.users} pengguna"]
    if stats.answer_rate is not None:
        lines.append(f"Terjawab: {stats.answered} ({stats.answer_rate:.0f}%)")
    lines.append(f"Penilaian: 👍 {stats.thumbs_up} · 👎 {stats.thumbs_down}")
    if stats.top_intents:
        names = [f"{_title_or_id(kb, i)} ({n})" for i, n in stats.top_intents]
        lines.append("Topik teratas: " + ", ".join(names))
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _section(title: str, rows: list[str]) -> list[str]:
    return ["", title, *(rows or ["  (none)"])]


def _printable(text: str) -> str:
    # Students' text reaches the author's terminal and files: control characters become spaces.
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def _quote(text: str) -> str:
    # A JSON string is also a valid YAML double-quoted scalar.
    return json.dumps(_printable(text), ensure_ascii=False)


def _cell(text: str) -> str:
    text = _printable(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _title_or_id(kb: KnowledgeBase, intent_id: str) -> str:
    intent = kb.get(intent_id)
    return intent.title if intent is not None else intent_id
