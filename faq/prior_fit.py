"""Refitting the prior ranker (`faq.prior`) on the pooled training pairs of many packs: `make ranker-prior`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from faq.engine import Engine
from faq.model import fit_pairwise
from faq.prior import PRIOR_FILE, format_prior
from faq.training import Pair, ranker_pairs, training_outcomes

PRIOR_PACKS = (
    "cuaca_iklim",
    "darah",
    "gerak",
    "ham",
    "hindubuddha",
    "interaksi",
    "kependudukan",
    "koperasi",
    "listrik",
    "litosfer",
    "pasar",
    "pencernaan",
    "proklamasi",
    "tatasurya",
    "teks",
)
"""The teachers' packs in tests/data/subject the prior is fitted on, with the bundled pack. The others
there are left out, so that they still measure how a pack the prior never saw is answered."""

SUBJECT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "subject"


def pooled_prior(pack_paths: Sequence[Path | None]) -> tuple[float, ...]:
    """The ranker fitted on the pooled training pairs of these packs (None: the bundled pack)."""
    pairs: list[Pair] = []
    for path in pack_paths:
        engine = Engine.from_paths([path] if path is not None else None)
        outcomes = training_outcomes(engine.kb, engine.analyzer, engine.index, engine.small_talk_positions)
        pairs += ranker_pairs(outcomes)
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
