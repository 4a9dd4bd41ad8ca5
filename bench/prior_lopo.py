"""The packs the ranker prior and the students' check learn from, each measured with ones that never saw its questions.

    python bench/prior_lopo.py                               # the shipped seed
    python bench/prior_lopo.py --seeds 20261130,11,22        # the figures closing notes report (~2 min)

`faq/data/ranker_prior.txt` and `faq/data/student_check.txt` are fitted on the students' questions of
`faq.prior_fit.PRIOR_PACKS`, so those packs' figures in `bench/quality.py` are partly measured on their
own training questions. Here each of them is measured twice: with the shipped prior and check, and with
both fitted on the other packs' questions alone (leave one pack out), as a pack nobody has labelled
questions for would be. (The check's inputs for the other packs are read with the shipped prior: the
prior's own share, measured alone, was 90.80 against 90.83 %.) The second figure is the honest one; the
gap says how much the first owes to the pack's own questions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import quality

if TYPE_CHECKING:
    from faq.student_check import StudentCheck

# (pack, seed, prior weights and students' check, or None for the shipped ones)
Job = tuple[str, int, tuple[float, ...] | None, "StudentCheck | None"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=None, help="training seeds, comma-separated (default: the shipped one)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args(argv)

    from faq.model import fit_pairwise
    from faq.prior_fit import PRIOR_PACKS, fit_check, pack_check_rows, pack_student_pairs
    from faq.training import SEED

    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [SEED]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        pairs = dict(zip(PRIOR_PACKS, pool.map(pack_student_pairs, PRIOR_PACKS), strict=True))
        rows = dict(zip(PRIOR_PACKS, pool.map(pack_check_rows, PRIOR_PACKS), strict=True))
        jobs: list[Job] = []
        for name in PRIOR_PACKS:
            others = [other for other in PRIOR_PACKS if other != name]
            without = fit_pairwise([p for other in others for p in pairs[other]]).weights
            check = fit_check([row for other in others for row in rows[other]])
            jobs += [(name, seed, None, None) for seed in seeds] + [(name, seed, without, check) for seed in seeds]
        results = list(pool.map(measure, jobs))
    print(report(results, seeds))
    return 0


def measure(job: Job) -> tuple[str, int, bool, tuple[float, float, float, float]]:
    """One pack's figures (`quality.figures`) with the shipped prior and check or others (in a worker process)."""
    name, seed, prior, check = job
    import faq.engine
    import faq.training
    from faq.prior import ranker_prior
    from faq.prior_fit import SUBJECT_DIR
    from faq.student_check import student_check

    # Workers are reused: set the prior and the check every time, the shipped ones included.
    faq.training.ranker_prior = ranker_prior if prior is None else (lambda: prior)
    faq.engine.student_check = student_check if check is None else (lambda: check)
    pack, questions = SUBJECT_DIR / f"{name}.yaml", SUBJECT_DIR / f"{name}_eval.yaml"
    _, found = quality.measure((name, str(pack), [(name, str(questions))], seed, None))
    return name, seed, prior is None, quality.figures(found[name])


def report(results: list[tuple[str, int, bool, tuple[float, float, float, float]]], seeds: list[int]) -> str:
    lines = [
        f"seeds: {', '.join(map(str, seeds))}",
        "",
        "| prior and check | packs | overall % | wrong % | per seed, overall % | packs meeting the bar, per seed |",
        "|---|---|---|---|---|---|",
    ]
    for shipped, label in ((True, "shipped (saw each pack's questions)"), (False, "without the pack's questions")):
        rows = [r for r in results if r[2] is shipped]
        per_seed = [[r[3] for r in rows if r[1] == seed] for seed in seeds]
        overall = [statistics.fmean(f[0] for f in found) for found in per_seed]
        wrong = statistics.fmean(f[3] for found in per_seed for f in found)
        meeting = [sum(1 for f in found if quality.meets(f)) for found in per_seed]
        lines.append(
            f"| {label} | {len(per_seed[0])} | {statistics.fmean(overall):.2f} | {wrong:.2f} | "
            + ", ".join(f"{v:.2f}" for v in overall)
            + " | "
            + ", ".join(map(str, meeting))
            + " |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
