"""Measuring an engine on a labelled question set (the `tanyabot eval` report)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from faq.engine import Engine


class LabelledSetError(Exception):
    """A labelled set that cannot be read; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class LabelledQuestion:
    question: str
    expected: str | None


def load_labelled(path: str | Path, *, known_ids: set[str] | None = None) -> list[LabelledQuestion]:
    """Read a YAML list of `{q: ..., intent: id|null}`, checking every item."""
    source = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise LabelledSetError([f"{source}: cannot read: {error}"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise LabelledSetError([f"{where}: YAML syntax error: {getattr(error, 'problem', error)}"]) from None
    if not isinstance(data, list) or not data:
        raise LabelledSetError([f"{source}: expected a non-empty list of {{q: ..., intent: ...}} items"])
    items, problems = [], []
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str) or "intent" not in entry:
            problems.append(f"{source}: item #{position}: needs `q` (text) and `intent` (id or null)")
            continue
        expected = entry["intent"]
        if expected is not None and not isinstance(expected, str):
            problems.append(f"{source}: item #{position}: intent must be an id or null")
            continue
        if expected is not None and known_ids is not None and expected not in known_ids:
            problems.append(f"{source}: item #{position}: intent `{expected}` is not in the knowledge base")
            continue
        items.append(LabelledQuestion(entry["q"], expected))
    if problems:
        raise LabelledSetError(problems)
    return items


@dataclass
class EvalReport:
    """Accuracy figures of one run; `to_dict()` is the `--json` shape."""

    total: int = 0
    in_scope: int = 0
    out_of_scope: int = 0
    right_in_scope: int = 0
    top3_in_scope: int = 0
    rejected_out_of_scope: int = 0
    wrong_answers: int = 0
    per_intent: dict[str, dict[str, int]] = field(default_factory=dict)
    confusions: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _rate(part: int, whole: int) -> float:
        return round(100.0 * part / whole, 2) if whole else 0.0

    @property
    def inscope_top1(self) -> float:
        return self._rate(self.right_in_scope, self.in_scope)

    @property
    def inscope_top3(self) -> float:
        return self._rate(self.top3_in_scope, self.in_scope)

    @property
    def oos_rejected(self) -> float:
        return self._rate(self.rejected_out_of_scope, self.out_of_scope)

    @property
    def wrong(self) -> float:
        return self._rate(self.wrong_answers, self.in_scope)

    @property
    def overall(self) -> float:
        return self._rate(self.right_in_scope + self.rejected_out_of_scope, self.total)

    def precision_recall(self) -> dict[str, dict[str, float]]:
        table = {}
        for intent_id, c in sorted(self.per_intent.items()):
            predicted = c["tp"] + c["fp"]
            table[intent_id] = {
                "support": c["support"],
                "precision": self._rate(c["tp"], predicted) if predicted else 100.0,
                "recall": self._rate(c["tp"], c["support"]) if c["support"] else 100.0,
            }
        return table

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.total,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "inscope_top1": self.inscope_top1,
            "inscope_top3": self.inscope_top3,
            "oos_rejected": self.oos_rejected,
            "wrong_answers": self.wrong,
            "overall": self.overall,
            "per_intent": self.precision_recall(),
            "per_intent_misses": dict(Counter(m["expected"] or "null" for m in self.misses)),
            "confusions": [
                {"expected": e or "null", "got": g or "null", "count": n} for (e, g), n in self.confusions.most_common()
            ],
            "misses": self.misses,
        }


def evaluate(engine: Engine, items: list[LabelledQuestion]) -> EvalReport:
    """Ask every question once (no conversation context) and tally the outcome."""
    report = EvalReport()
    for intent in engine.kb.intents:
        report.per_intent[intent.id] = {"support": 0, "tp": 0, "fp": 0}
    for item in items:
        answer = engine.answer(item.question)
        got = answer.intent
        report.total += 1
        if item.expected is None:
            report.out_of_scope += 1
            report.rejected_out_of_scope += got is None
        else:
            report.in_scope += 1
            report.per_intent[item.expected]["support"] += 1
            report.right_in_scope += got == item.expected
            report.wrong_answers += got is not None and got != item.expected
            shortlist = ([got] if got else []) + [s.id for s in answer.suggestions]
            report.top3_in_scope += item.expected in shortlist[:3]
        if got is not None:
            counts = report.per_intent[got]
            counts["tp" if got == item.expected else "fp"] += 1
        if got != item.expected:
            report.confusions[(item.expected, got)] += 1
            report.misses.append(
                {
                    "q": item.question,
                    "expected": item.expected,
                    "got": got,
                    "score": answer.score,
                    "top3": [{"id": s.id, "score": s.score} for s in engine.rank(item.question, limit=3)],
                }
            )
    return report
