"""Tanyabot benchmark: load time, answer() latency, peak RSS and a full-scan baseline, per KB size.

    python bench/run.py [--sizes 1000,10000] [--queries 200] [--repeat 3] [--json PATH]

Each knowledge base (the bundled one, then one synthetic KB per size) is measured in a fresh
process (bench/worker.py). Timings are medians and percentiles of one run on a noisy
machine: compare runs, never assert on them. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import synthetic

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DEFAULT_SIZES = "1000,10000"
ASK_RUNS = 7
ASK_QUESTION = "apa itu pbb"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the Tanyabot answer engine.")
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help="synthetic KB sizes in intents, comma-separated "
        "(100000 is opt-in: ~15 minutes, see bench/README.md); empty for none",
    )
    parser.add_argument("--queries", type=int, default=200, help="queries per query set")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the query set")
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds of answer() timing per size: timing stops once they are spent (after at least 30 calls)",
    )
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        metavar="N",
        help="time the full-scan baseline on the first N queries only (default: all)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results" / "latest.json", metavar="PATH")
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data", help="cache of generated KBs")
    parser.add_argument("--skip-bundled", action="store_true", help="leave out the bundled KB row")
    parser.add_argument("--skip-ask", action="store_true", help="leave out the `tanyabot ask` start-up timing")
    parser.add_argument("--skip-cache", action="store_true", help="leave out the compiled-index cache restarts")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated whole numbers, got {args.sizes!r}")
    if any(s < 2 for s in args.sizes) or args.queries < 1 or args.repeat < 1:
        parser.error("sizes must be >= 2, --queries and --repeat >= 1")
    return args


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bundled_queries(data_dir: Path, *, count: int, seed: int) -> Path:
    """A query set made from the bundled KB's own questions, rewritten every run (the KB changes)."""
    from faq import load_knowledge_base

    kb = load_knowledge_base(None)
    pairs = [(i.id, q) for i in kb.intents if not i.small_talk for q in i.questions]
    vocabulary = synthetic.vocabulary_of(pairs, [i.answer for i in kb.intents])
    queries = synthetic.make_queries(pairs, vocabulary, count=count, seed=seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"queries-bundled-s{seed}-q{count}.json"
    path.write_text(json.dumps(queries, ensure_ascii=False, indent=0), encoding="utf-8")
    return path


def run_worker(label: str, kb_paths: list[Path], options: list[str]) -> dict:
    """Run bench/worker.py in a fresh interpreter and return its JSON; an `error` key when it failed."""
    command = [sys.executable, str(BENCH_DIR / "worker.py"), *options]
    for path in kb_paths:
        command += ["--kb", str(path)]
    progress(f"{label}: measuring in a fresh process")
    # The start time goes last so that building the command is not part of the cold load.
    command += ["--started-ns", str(time.time_ns())]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        return {"error": f"worker exited with {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def code_fingerprint() -> str:
    """A digest of every file under faq/ and nlp/ (code, word tables, bundled packs)."""
    digest = hashlib.sha256()
    for package in ("faq", "nlp"):
        for path in sorted((REPO_DIR / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def measure_target(label: str, kb_paths: list[Path], queries: Path, args: argparse.Namespace) -> dict:
    """Everything for one KB: the main worker, then a restart that builds the cache and one that reads it.

    The row is flagged when the engine's code changed while it was measured: its processes
    then ran different code, and a cache "hit" was really a rebuild.
    """
    before = code_fingerprint()
    result = _measure_target(label, kb_paths, queries, args)
    if code_fingerprint() != before:
        result["warning"] = "faq/ or nlp/ changed during the measurement"
        progress(f"{label}: WARNING: faq/ or nlp/ changed during the measurement; run it again")
    return result


def _measure_target(label: str, kb_paths: list[Path], queries: Path, args: argparse.Namespace) -> dict:
    options = ["--queries", str(queries), "--repeat", str(args.repeat), "--budget", str(args.budget)]
    if args.baseline_queries is not None:
        options += ["--baseline-queries", str(args.baseline_queries)]
    result = run_worker(label, kb_paths, options)
    if args.skip_cache or "error" in result:
        return result
    with tempfile.TemporaryDirectory(prefix="tanyabot-bench-cache-") as cache_dir:
        miss = run_worker(f"{label}, compiled-index cache miss", kb_paths, ["--cache-dir", cache_dir])
        hit = run_worker(f"{label}, compiled-index cache hit", kb_paths, ["--cache-dir", cache_dir])
    result["cache"] = {"miss": miss, "hit": hit}
    if "load_s" in hit:
        progress(f"{label}: restart with a warm compiled-index cache {hit['load_s']:.2f}s")
    return result


def time_ask() -> dict:
    """Process start to first answer line of `tanyabot ask`, bundled KB, median of ASK_RUNS runs.

    Once with the compiled-index cache off and once with it filled by an earlier, untimed run.
    """
    commands = {"python -m bot.cli": [sys.executable, "-m", "bot.cli", "ask", ASK_QUESTION]}
    script = Path(sys.executable).parent / "tanyabot"
    if script.exists():
        commands["tanyabot"] = [str(script), "ask", ASK_QUESTION]
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("TANYABOT_")}
    results: dict = {}
    # An empty working directory: no stray .env; a private cache directory: the user's stays untouched.
    with tempfile.TemporaryDirectory() as cwd, tempfile.TemporaryDirectory() as cache_dir:
        for name, command in commands.items():
            for mode, env in (("no cache", {"TANYABOT_CACHE": "0"}), ("cached", {"TANYABOT_CACHE_DIR": cache_dir})):
                env = {**base_env, **env}
                if mode == "cached":
                    subprocess.run(command, stdout=subprocess.DEVNULL, cwd=cwd, env=env, check=False)
                results.setdefault(name, {})[mode] = _time_command(command, cwd=cwd, env=env)
                progress(f"ask via {name} ({mode}): median {results[name][mode]['first_answer_median_s']:.3f}s")
    return results


def _time_command(command: list[str], *, cwd: str, env: dict) -> dict:
    first_line, total, answer = [], [], ""
    for _ in range(ASK_RUNS):
        started = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=cwd, env=env) as process:
            answer = process.stdout.readline().strip()
            first_line.append(time.perf_counter() - started)
            process.communicate()
        total.append(time.perf_counter() - started)
        if process.returncode != 0:
            answer = f"(exit code {process.returncode})"
    return {
        "first_answer_median_s": statistics.median(first_line),
        "exit_median_s": statistics.median(total),
        "runs": ASK_RUNS,
        "first_line": answer,
    }


def environment() -> dict:
    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=REPO_DIR, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "code_fingerprint": code_fingerprint(),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "packages": {p: version(p) for p in ("tanyabot", "rapidfuzz", "PyYAML", "PySastrawi")},
    }


def markdown_table(rows: list[dict]) -> str:
    header = [
        "size",
        "intents",
        "questions",
        "cold load s",
        "rebuild s",
        "p50 ms",
        "p99 ms",
        "full-scan p50 ms",
        "speed-up x",
        "RSS MB",
        "hit %",
        "warm load s (cache)",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        if "error" in row:
            cells = [row["size"], "failed: " + row["error"]] + [""] * (len(header) - 2)
        else:
            load, answer, scan = row["load"], row["answer"]["all"], row["full_scan"]
            cells = [
                row["size"],
                f"{row['intents']:,}",
                f"{row['questions']:,}",
                f"{load['cold_s']:.2f}",
                f"{load['warm_s']:.2f}",
                f"{answer['p50_ms']:.2f}",
                f"{answer['p99_ms']:.2f}",
                f"{scan['p50_ms']:.2f}",
                f"{row['speedup_p50']:.1f}",
                f"{row['peak_rss_mb_after_load']:.0f}",
                f"{100 * row['answer']['quality']['hit']:.0f}",
                _cached_load(row),
            ]
        if "warning" in row:
            cells[0] = f"{cells[0]} (code changed during run)"
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def _cached_load(row: dict) -> str:
    hit = row.get("cache", {}).get("hit", {})
    return f"{hit['load_s']:.2f}" if "load_s" in hit else "-"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rows = []
    if not args.skip_bundled:
        queries = bundled_queries(args.data_dir, count=args.queries, seed=args.seed)
        rows.append({"size": "bundled", **measure_target("bundled KB", [], queries, args)})
    for size in args.sizes:
        progress(f"{size:,} intents: generating or reusing the KB in {args.data_dir}")
        started = time.perf_counter()
        kb_path, queries = synthetic.synthetic_dataset(size, args.data_dir, seed=args.seed, query_count=args.queries)
        progress(f"{size:,} intents: data ready in {time.perf_counter() - started:.1f}s ({kb_path.name})")
        measured = measure_target(f"{size:,} intents", [kb_path], queries, args)
        rows.append({"size": f"{size:,}", "kb": str(kb_path), **measured})
    ask = {} if args.skip_ask else time_ask()

    print(markdown_table(rows))
    if ask:
        print(f"\n`ask '{ASK_QUESTION}'`, bundled KB: process start to first answer, median of {ASK_RUNS} runs\n")
        print("| command | compiled-index cache | first answer s | exit s |\n|---|---|---|---|")
        for name, modes in ask.items():
            for mode, result in modes.items():
                print(f"| {name} | {mode} | {result['first_answer_median_s']:.3f} | {result['exit_median_s']:.3f} |")
    report = {
        "environment": environment(),
        "arguments": {k: str(v) for k, v in vars(args).items()},
        "targets": rows,
        "ask": ask,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    progress(f"results written to {args.json}")
    return 1 if any("error" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
