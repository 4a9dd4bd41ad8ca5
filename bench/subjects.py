"""One engine for a whole school: does choosing subjects slow an answer?

Ten synthetic packs of 1,000 intents each (`bench/synthetic.py`, one seed and subject per pack) are
loaded into one engine; the same questions are then answered with every subject, with the
question's own subject chosen, with three subjects chosen (its own and two others), and with one
subject that is not the question's (the answer falls back and names the subject that has it).
Medians over three passes; timings are never asserted.

    python bench/subjects.py [--packs 10] [--intents 1000] [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate_pack, make_queries, vocabulary_of
from faq import Engine

DATA = Path(__file__).resolve().parent / ".data"


def packs(count: int, intents: int) -> list[Path]:
    """`count` packs with ids and subjects of their own (cached in bench/.data)."""
    paths = []
    for number in range(count):
        path = DATA / f"subject-{number}-{intents}.yaml"
        if not path.exists():
            pack = generate_pack(intents, seed=100 + number)
            prefix = f"s{number}_"
            for intent in pack["intents"]:
                intent["id"] = prefix + intent["id"]
                intent["related"] = [prefix + r for r in intent["related"]]
            pack["subject"] = f"Mapel {number + 1}"
            DATA.mkdir(exist_ok=True)
            path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        paths.append(path)
    return paths


def timed(engine: Engine, questions: list[tuple[str, list[str] | None]], passes: int = 3) -> tuple[float, float]:
    """(median of the passes' p50, median of their p99), in milliseconds."""
    p50s, p99s = [], []
    for _ in range(passes):
        samples = []
        for question, subjects in questions:
            start = time.perf_counter_ns()
            engine.answer(question, subjects=subjects)
            samples.append(time.perf_counter_ns() - start)
        samples.sort()
        p50s.append(samples[len(samples) // 2] / 1e6)
        p99s.append(samples[int(len(samples) * 0.99)] / 1e6)
    return statistics.median(p50s), statistics.median(p99s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packs", type=int, default=10)
    parser.add_argument("--intents", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    paths = packs(args.packs, args.intents)
    start = time.perf_counter()
    engine = Engine.from_paths(paths)
    print(
        f"built {len(engine.kb.intents)} intents in {len(engine.kb.subjects)} subjects "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    subjects = engine.kb.subjects
    subject_of = {i.id: i.subject for i in engine.kb.intents}
    pairs = [(i.id, q) for i in engine.kb.intents for q in i.questions]
    queries = [q for q in make_queries(pairs, vocabulary_of(pairs), count=args.queries, seed=7) if q["intent"]]
    rng = random.Random(3)
    own = [(q["q"], [subject_of[q["intent"]]]) for q in queries]
    three = [(q, [s[0], *rng.sample([x for x in subjects if x != s[0]], 2)]) for q, s in own]
    other = [(q, [rng.choice([x for x in subjects if x != s[0]])]) for q, s in own]
    rows = [
        ("every subject", [(q["q"], None) for q in queries]),
        ("its own subject", own),
        ("three subjects", three),
        ("another subject (falls back, names it)", other),
    ]
    for _, questions in rows:  # warm the caches the way a running bot has them
        for question, chosen in questions:
            engine.answer(question, subjects=chosen)
    base = None
    print(f"| {args.packs} packs x {args.intents} intents: subjects chosen | p50 ms | p99 ms | vs every subject |")
    print("|---|---|---|---|")
    for label, questions in rows:
        p50, p99 = timed(engine, questions)
        base = base or p50
        print(f"| {label} | {p50:.2f} | {p99:.2f} | {p50 / base:.2f}x |")
    hits = sum(
        engine.answer(q, subjects=s).intent == subject_of_id
        for (q, s), subject_of_id in zip(own, (q["intent"] for q in queries), strict=True)
    )
    print(f"\nanswered with the paraphrased intent, its own subject chosen: {100 * hits / len(own):.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
