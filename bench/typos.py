"""How often a one-letter typo of a pack's own word still reads as that word, per pack.

    python bench/typos.py                      # the bundled KB and every pack in tests/data/subject
    python bench/typos.py --edits 2 --words 400

For each pack, words of 5+ letters from its phrasings are drawn (seeded) and given the typos the
engine trains on (`faq.noise`: a letter left out, two swapped, one doubled or replaced; never the first
or last letter). A typo is
"recovered" when its analysis gives the terms of the word itself; "unknown" when it gives a term the
pack does not know (the word is lost); "elsewhere" when it gives another of the pack's terms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=1, help="typos per word")
    parser.add_argument("--words", type=int, default=400, help="words drawn per pack")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    packs = [None, *sorted(str(p) for p in (REPO_DIR / "tests" / "data" / "subject").glob("*.yaml") if _is_pack(p))]
    jobs = [(pack, args.edits, args.words, args.seed) for pack in packs]
    with ProcessPoolExecutor() as pool:
        rows = list(pool.map(measure, jobs))
    print("| pack | words | recovered % | unknown % | elsewhere % |\n|---|---|---|---|---|")
    for name, count, shares in rows:
        print(f"| {name} | {count} | " + " | ".join(f"{100 * s:.1f}" for s in shares) + " |")
    means = [statistics.fmean(shares[i] for _, _, shares in rows) for i in range(3)]
    print("| mean | | " + " | ".join(f"{100 * m:.1f}" for m in means) + " |")
    return 0


def _is_pack(path: Path) -> bool:
    return not path.stem.endswith(("_eval", "_catalogue"))


def measure(job: tuple[str | None, int, int, int]) -> tuple[str, int, tuple[float, float, float]]:
    """(pack name, words measured, (recovered, unknown, elsewhere) shares) in a worker process."""
    import nlp
    from faq import Engine, load_knowledge_base
    from faq.noise import noisy_copy

    pack, edits, count, seed = job
    engine = Engine(load_knowledge_base([pack] if pack else None))
    index, analyzer = engine.index, engine.analyzer
    rng = random.Random(seed)
    words = sorted(
        {w for i in engine.kb.intents for q in i.questions for w in nlp.tokenize(q) if w.isalpha() and len(w) >= 5}
    )
    outcome = [0, 0, 0]
    measured = 0
    for word in rng.sample(words, min(count, len(words))):
        wanted = analyzer.analyze(word).terms
        if not wanted:
            continue  # a stopword
        typed = word
        for _ in range(edits):
            typed = noisy_copy(typed, "typo", rng)
        got = analyzer.analyze(typed).terms
        measured += 1
        if got == wanted:
            outcome[0] += 1
        elif all(t not in index.postings and t not in index.answer_postings for t in got):
            outcome[1] += 1
        else:
            outcome[2] += 1
    name = Path(pack).stem if pack else "bundled"
    recovered, unknown, elsewhere = (n / max(measured, 1) for n in outcome)
    return name, measured, (recovered, unknown, elsewhere)


if __name__ == "__main__":
    sys.exit(main())
