"""Refitting the prior ranker (`faq.prior`) on students' real questions to many packs: `make ranker-prior`."""

from __future__ import annotations

import sys
from pathlib import Path

from faq.analyzer import Analyzer
from faq.evaluation import load_labelled
from faq.examples import Example
from faq.index import Index
from faq.loader import load_knowledge_base
from faq.model import fit_pairwise
from faq.prior import PRIOR_FILE, format_prior
from faq.small_talk import SmallTalk
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


def main() -> int:
    weights = students_prior()
    target = Path(__file__).resolve().parent / "data" / PRIOR_FILE
    target.write_text(format_prior(weights, PRIOR_PACKS), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
