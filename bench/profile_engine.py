"""Where the engine's time goes: cProfile of the KB build or of answer() calls, for one KB.

    python bench/profile_engine.py answer --size 10000 --calls 400 [--top 25]
    python bench/profile_engine.py build --size 10000
    python bench/profile_engine.py answer --calls 10000          # the bundled KB

Uses the same cached synthetic KBs and query sets as run.py (generated when missing).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import synthetic

BENCH_DIR = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("answer", "build"))
    parser.add_argument("--size", type=int, default=None, help="synthetic KB size in intents (default: bundled KB)")
    parser.add_argument("--calls", type=int, default=1000, help="answer() calls, cycling through the query set")
    parser.add_argument("--queries", type=int, default=200, help="size of the query set")
    parser.add_argument("--top", type=int, default=25, help="functions listed")
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data")
    args = parser.parse_args(argv)

    from faq import Engine, load_knowledge_base

    if args.size is None:
        from run import bundled_queries

        paths, queries_path = None, bundled_queries(args.data_dir, count=args.queries, seed=args.seed)
    else:
        kb_path, queries_path = synthetic.synthetic_dataset(
            args.size, args.data_dir, seed=args.seed, query_count=args.queries
        )
        paths = [kb_path]
    profiler = cProfile.Profile()
    started = time.perf_counter()
    if args.what == "build":
        profiler.runcall(lambda: Engine(load_knowledge_base(paths)))
    else:
        engine = Engine(load_knowledge_base(paths))
        texts = [q["q"] for q in json.loads(queries_path.read_text(encoding="utf-8"))]
        questions = list(islice(cycle(texts), args.calls))
        started = time.perf_counter()
        profiler.runcall(lambda: [engine.answer(q) for q in questions])
    print(f"{args.what}: {time.perf_counter() - started:.2f}s under the profiler", file=sys.stderr)
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
