"""Refitting the prior ranker (`faq.prior`) and the students' check (`faq.student_check`) on students'
real questions to many packs: `make ranker-prior`."""

from __future__ import annotations

import sys
from pathlib import Path

from faq.analyzer import Analyzer
from faq.evaluation import load_labelled
from faq.examples import Example
from faq.index import Index
from faq.loader import load_knowledge_base
from faq.model import fit_monotone, fit_pairwise
from faq.prior import PRIOR_FILE, format_prior, ranker_prior
from faq.small_talk import SmallTalk
from faq.student_check import (
    CHECK_FEATURES,
    CHECK_FILE,
    SURER,
    StudentCheck,
    choose_threshold,
    format_check,
    student_check,
)
from faq.training import Pair, ranker_pairs, weigh_example

PRIOR_PACKS = (
    "cahaya",
    "cuaca_iklim",
    "darah",
    "gerak",
    "globalisasi",
    "ham",
    "hindubuddha",
    "interaksi",
    "kependudukan",
    "koperasi",
    "listrik",
    "litosfer",
    "pancasila",
    "pasar",
    "pencernaan",
    "peta",
    "proklamasi",
    "sel",
    "tatasurya",
    "tekanan",
    "teks",
)
"""The teachers' packs in tests/data/subject whose students' questions (`<pack>_eval.yaml`) the prior is
fitted on: those whose misses have been read. The unread ones (tests/data/unread.txt) and the bundled
pack's sets are left out, so that they still measure how questions the prior never saw are answered."""

SUBJECT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "subject"


def student_pairs(pack: Path, questions: Path) -> list[Pair]:
    """(right, other) evidence pairs of a pack's labelled students' questions that have a topic, each
    weighed as the pack's training questions are (the whole question, every candidate)."""
    kb = load_knowledge_base([pack])
    # The parts an Engine is built of, without the Engine: it would fit a model of its own first.
    analyzer = Analyzer(kb)
    index = Index(kb, analyzer)
    small_talk = SmallTalk(kb, analyzer, index).positions
    positions = {intent.id: number for number, intent in enumerate(kb.intents)}
    examples = [
        Example(item.question, positions[item.expected])
        for item in load_labelled(questions, known_ids=set(positions))
        if item.expected is not None
    ]
    return ranker_pairs(weigh_example(example, analyzer, index, small_talk) for example in examples)


def pack_student_pairs(name: str) -> list[Pair]:
    """`student_pairs` of one pack in tests/data/subject, with its questions (`<name>_eval.yaml`)."""
    return student_pairs(SUBJECT_DIR / f"{name}.yaml", SUBJECT_DIR / f"{name}_eval.yaml")


def students_prior(packs: tuple[str, ...] = PRIOR_PACKS) -> tuple[float, ...]:
    """The ranker fitted on the pooled pairs of these packs' students' questions."""
    return fit_pairwise([pair for name in packs for pair in pack_student_pairs(name)]).weights


CheckRow = tuple[tuple[float, ...], bool, bool]
"""What the students' check weighs, whether the best candidate is right, whether the pack's acceptor answered."""


def check_rows(pack: Path, questions: Path) -> list[CheckRow]:
    """The rows of a pack's labelled students' questions that its learned model decided whole (route
    "question"), as the shipped engine reads them, with no check deciding."""
    from faq.engine import Engine  # not at the top: the engine imports the check this module fits

    kb = load_knowledge_base([pack])
    engine = Engine(kb)
    engine.check = None
    rows = []
    for item in load_labelled(questions, known_ids={intent.id for intent in kb.intents}):
        decision = engine.decide(item.question)
        if decision.route == "question" and decision.checked and decision.best is not None:
            right = kb.intents[decision.best.position].id == item.expected
            rows.append((decision.checked, right, decision.accepted))
    return rows


def pack_check_rows(name: str) -> list[CheckRow]:
    """`check_rows` of one pack in tests/data/subject, with its questions (`<name>_eval.yaml`)."""
    return check_rows(SUBJECT_DIR / f"{name}.yaml", SUBJECT_DIR / f"{name}_eval.yaml")


def fit_check(rows: list[CheckRow]) -> StudentCheck:
    """The check fitted on these rows, with the threshold `choose_threshold` gives on them."""
    free = [number for number, name in enumerate(CHECK_FEATURES) if name not in SURER]
    model = fit_monotone([inputs for inputs, _, _ in rows], [int(right) for _, right, _ in rows], free=free)
    # Chosen for the check alone: the guard of `StudentCheck.answers` only takes answers away.
    probabilities = [model.probability(inputs) for inputs, _, _ in rows]
    return StudentCheck(model, choose_threshold(probabilities, [r for _, r, _ in rows], [a for _, _, a in rows]))


def main() -> int:
    data = Path(__file__).resolve().parent / "data"
    (data / PRIOR_FILE).write_text(format_prior(students_prior(), PRIOR_PACKS), encoding="utf-8")
    print(f"wrote {data / PRIOR_FILE}", file=sys.stderr)
    ranker_prior.cache_clear()  # the check is fitted on the packs' engines as the new prior makes them
    check = fit_check([row for name in PRIOR_PACKS for row in pack_check_rows(name)])
    (data / CHECK_FILE).write_text(format_check(check, PRIOR_PACKS), encoding="utf-8")
    print(f"wrote {data / CHECK_FILE}", file=sys.stderr)
    student_check.cache_clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
