"""Answer quality over every labelled set, for one or more training seeds: the figures closing notes report.

    python bench/quality.py                                   # every set, the shipped seed
    python bench/quality.py --seeds 20261130,11,22 --json after.json
    python bench/quality.py --seeds 20261130,11,22 --compare before.json   # what a change fixed and broke
    python bench/quality.py --sets dev,cahaya                 # some sets only
    python bench/quality.py --phrasings 5                     # each topic cut to its first 5 phrasings

The sets: the public dev set (../shared/eval/dev.yaml, when present), tests/data/*.yaml on the
bundled KB, and each teacher's pack in tests/data/subject/ with its questions (X.yaml, X_eval.yaml).
Each engine is built in a worker process per (KB, seed); the learned decision depends on the seed
that draws its training questions (`faq.training.SEED` ships), so a change is judged on several.

Figures per set are `tanyabot eval`'s; below them, group means over sets and seeds, and how many
packs meet the issue's bar for another subject (90 % overall, at most 3 % wrong). `--compare`
counts the questions a change fixed and broke per seed, and lists those of sets whose misses may be
read: the questions of tests/data/unread.txt's sets are never printed. `--phrasings N` keeps only the
first N phrasings of every topic (small talk whole): how a teacher's sparser pack would do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_DIR / "tests" / "data"
DEV_SET = REPO_DIR.parent / "shared" / "eval" / "dev.yaml"
sys.path.insert(0, str(REPO_DIR))  # faq, in worker processes too
PACK_BAR = (90.0, 3.0)  # another subject's pack: at least this % overall, at most this % wrong

# (label, pack or None, [(set, file)], seed, phrasings kept per topic or None for all)
Job = tuple[str, str | None, list[tuple[str, str]], int, int | None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=None, help="training seeds, comma-separated (default: the shipped one)")
    parser.add_argument("--sets", default=None, help="only these sets, comma-separated names (e.g. dev,blind18,cahaya)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="write every question's outcome")
    parser.add_argument("--compare", type=Path, default=None, metavar="PATH", help="an earlier --json to diff against")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--phrasings", type=int, default=None, metavar="N", help="keep each topic's first N phrasings")
    args = parser.parse_args(argv)

    from faq.training import SEED

    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [SEED]
    wanted = set(args.sets.split(",")) if args.sets else None
    jobs = [
        (label, pack, files, seed, args.phrasings) for seed in seeds for label, pack, files in labelled_sets(wanted)
    ]
    if not jobs:
        print("no labelled set matches", file=sys.stderr)
        return 2
    outcomes: dict[str, dict[str, list[dict]]] = {str(seed): {} for seed in seeds}
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for seed, found in pool.map(measure, jobs):
            outcomes[str(seed)].update(found)
    print(report(outcomes))
    if args.json is not None:
        args.json.write_text(json.dumps(outcomes, ensure_ascii=False), encoding="utf-8")
    if args.compare is not None:
        print(compare(json.loads(args.compare.read_text(encoding="utf-8")), outcomes))
    return 0


def labelled_sets(wanted: set[str] | None) -> Iterable[tuple[str, str | None, list[tuple[str, str]]]]:
    """(label, pack path or None for the bundled KB, [(set name, file)]): one engine each."""
    bundled = [(DEV_SET.stem, str(DEV_SET))] if DEV_SET.exists() else []
    bundled += [(path.stem, str(path)) for path in sorted(DATA_DIR.glob("*.yaml"))]
    bundled = [(name, path) for name, path in bundled if wanted is None or name in wanted]
    if bundled:
        yield "bundled", None, bundled
    for questions in sorted((DATA_DIR / "subject").glob("*_eval.yaml")):
        name = questions.name.removesuffix("_eval.yaml")
        if wanted is None or name in wanted:
            yield name, str(questions.with_name(f"{name}.yaml")), [(name, str(questions))]


def measure(job: Job) -> tuple[int, dict[str, list[dict]]]:
    """Every question of the job's sets, asked once: expected and got intent (in a worker process)."""
    _, pack, files, seed, phrasings = job
    from dataclasses import replace

    from faq import Engine, load_knowledge_base
    from faq.evaluation import load_labelled

    kb = load_knowledge_base([pack] if pack else None)
    if phrasings is not None:
        kept = tuple(i if i.small_talk else replace(i, questions=i.questions[:phrasings]) for i in kb.intents)
        kb = replace(kb, intents=kept)
    engine = Engine(kb, training_seed=seed)
    found = {}
    for name, path in files:
        found[name] = [
            {"q": item.question, "expected": item.expected, "got": engine.answer(item.question).intent}
            for item in load_labelled(path)
        ]
    return seed, found


def figures(outcomes: list[dict]) -> tuple[float, float, float, float]:
    """(overall, in scope top-1, out of scope rejected, wrong) in %, as `tanyabot eval` counts them."""
    in_scope = [o for o in outcomes if o["expected"] is not None]
    off_topic = [o for o in outcomes if o["expected"] is None]
    right = sum(o["got"] == o["expected"] for o in in_scope)
    rejected = sum(o["got"] is None for o in off_topic)
    wrong = sum(o["got"] is not None and o["got"] != o["expected"] for o in in_scope)

    def rate(part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 0.0

    overall = rate(right + rejected, len(outcomes))
    return overall, rate(right, len(in_scope)), rate(rejected, len(off_topic)), rate(wrong, len(in_scope))


def unread_sets() -> frozenset[str]:
    text = (DATA_DIR / "unread.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def groups(names: Iterable[str]) -> dict[str, list[str]]:
    """Sets by group: the bundled KB's, the packs', the packs the ranker prior was fitted on or not, unread."""
    from faq.prior_fit import PRIOR_PACKS

    names = sorted(names)
    packs = [n for n in names if (DATA_DIR / "subject" / f"{n}_eval.yaml").exists()]
    unread = unread_sets()
    found = {
        "bundled KB (dev aside)": [n for n in names if n not in packs and n != DEV_SET.stem],
        "teachers' packs": packs,
        "packs outside the ranker prior": [n for n in packs if n not in PRIOR_PACKS],
        "unread sets (bundled)": [n for n in names if n in unread and n not in packs],
        "unread sets (packs)": [n for n in packs if n in unread],
    }
    return {group: members for group, members in found.items() if members}


def report(outcomes: dict[str, dict[str, list[dict]]]) -> str:
    """Per set, the mean over seeds; then group means and the packs meeting the bar, per seed."""
    seeds = list(outcomes)
    names = sorted(set.intersection(*(set(by_set) for by_set in outcomes.values())))
    lines = [
        f"seeds: {', '.join(seeds)}",
        "",
        "| set | questions | overall % | in scope % | rejected % | wrong % |",
        "|---|---|---|---|---|---|",
    ]
    for name in names:
        rows = [figures(outcomes[seed][name]) for seed in seeds]
        means = [statistics.fmean(column) for column in zip(*rows, strict=True)]
        lines.append(f"| {name} | {len(outcomes[seeds[0]][name])} | " + " | ".join(f"{v:.2f}" for v in means) + " |")
    lines += [
        "",
        "| group (mean of its sets) | sets | overall % | wrong % | per seed, overall % |",
        "|---|---|---|---|---|",
    ]
    by_group = groups(names)
    for group, members in by_group.items():
        per_seed = [[figures(outcomes[seed][n]) for n in members] for seed in seeds]
        overall = [statistics.fmean(f[0] for f in rows) for rows in per_seed]
        wrong = [statistics.fmean(f[3] for f in rows) for rows in per_seed]
        lines.append(
            f"| {group} | {len(members)} | {statistics.fmean(overall):.2f} | {statistics.fmean(wrong):.2f} | "
            + ", ".join(f"{v:.2f}" for v in overall)
            + " |"
        )
    packs = by_group.get("teachers' packs", [])
    if packs:
        meeting = [sum(1 for n in packs if meets(figures(outcomes[seed][n]))) for seed in seeds]
        bar = f"packs at >= {PACK_BAR[0]:g} % overall with <= {PACK_BAR[1]:g} % wrong, per seed: "
        lines += ["", bar + ", ".join(f"{m} of {len(packs)}" for m in meeting)]
    return "\n".join(lines)


def meets(found: tuple[float, float, float, float]) -> bool:
    """Whether a pack's figures (`figures`) meet the bar for another subject's pack (PACK_BAR)."""
    return found[0] >= PACK_BAR[0] and found[3] <= PACK_BAR[1]


def compare(before: dict[str, dict[str, list[dict]]], after: dict[str, dict[str, list[dict]]]) -> str:
    """Questions fixed and broken per seed (read and unread sets apart), and the read ones listed."""
    unread = unread_sets()
    lines = ["", "| seed | fixed (read) | broken (read) | fixed (unread) | broken (unread) |", "|---|---|---|---|---|"]
    changed = []
    for seed in after:
        counts = [0, 0, 0, 0]
        for name, outcomes in after[seed].items():
            earlier = before.get(seed, {}).get(name)
            if earlier is None or len(earlier) != len(outcomes):
                continue
            hidden = name in unread
            for old, new in zip(earlier, outcomes, strict=True):
                if old["got"] == new["got"]:
                    continue
                was_right, is_right = old["got"] == old["expected"], new["got"] == new["expected"]
                if was_right != is_right:
                    counts[2 * hidden + (0 if is_right else 1)] += 1
                if not hidden:
                    mark = "fixed" if is_right else "broken" if was_right else "changed"
                    changed.append(
                        f"{seed} {name}: {mark}: {old['got']} -> {new['got']} ({new['expected']}): {new['q']}"
                    )
        lines.append(f"| {seed} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join([*lines, "", *changed])


if __name__ == "__main__":
    sys.exit(main())
