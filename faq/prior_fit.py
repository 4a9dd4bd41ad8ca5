"""Refitting the prior ranker (`faq.prior`) on the pooled training pairs of many packs: `make ranker-prior`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from faq.analyzer import Analyzer
from faq.index import Index
from faq.loader import load_knowledge_base
from faq.model import fit_pairwise
from faq.prior import PRIOR_FILE, format_prior
from faq.small_talk import SmallTalk
from faq.training import Pair, ranker_pairs, training_outcomes

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
"""The teachers' packs in tests/data/subject the prior is fitted on, with the bundled pack: those whose
misses have been read. The unread ones (tests/data/unread.txt) are left out, so that they still measure
how a pack the prior never saw is answered."""

SUBJECT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "subject"


def pooled_prior(pack_paths: Sequence[Path | None]) -> tuple[float, ...]:
    """The ranker fitted on the pooled training pairs of these packs (None: the bundled pack)."""
    pairs: list[Pair] = []
    for path in pack_paths:
        # The parts an Engine is built of, without the Engine: it would fit a model of its own first.
        kb = load_knowledge_base([path] if path is not None else None)
        analyzer = Analyzer(kb)
        index = Index(kb, analyzer)
        pairs += ranker_pairs(training_outcomes(kb, analyzer, index, SmallTalk(kb, analyzer, index).positions))
    return fit_pairwise(pairs).weights


def main() -> int:
    paths: list[Path | None] = [None, *(SUBJECT_DIR / f"{name}.yaml" for name in PRIOR_PACKS)]
    weights = pooled_prior(paths)
    target = Path(__file__).resolve().parent / "data" / PRIOR_FILE
    target.write_text(format_prior(weights, ("bundled", *PRIOR_PACKS)), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
