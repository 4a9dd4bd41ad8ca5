"""One benchmark target measured in a fresh process; `run.py` starts it and reads its JSON.

A process of its own per knowledge base keeps caches cold for the first build and keeps one
size's peak RSS out of another's. Prints one JSON object on stdout, progress on stderr.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import statistics
import sys
import time
from pathlib import Path

import synthetic

_PROCESS_STARTED_NS = time.time_ns()  # fallback when the parent gives no start time

MIN_TIMED_CALLS = 30
"""answer() calls made even when the time budget is spent (a 100k KB may take seconds a call)."""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` (0-1) of values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary_ms(samples_ns: list[int]) -> dict:
    ms = [s / 1e6 for s in samples_ns]
    return {
        "calls": len(ms),
        "p50_ms": statistics.median(ms),
        "p90_ms": percentile(ms, 0.90),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": max(ms),
        "mean_ms": statistics.fmean(ms),
    }


def progress(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build(paths: list[str] | None):
    """Load and build an engine; returns (engine, parse seconds, build seconds)."""
    from faq import Engine, load_knowledge_base

    started = time.perf_counter()
    kb = load_knowledge_base(paths)
    parsed = time.perf_counter()
    engine = Engine(kb)
    return engine, parsed - started, time.perf_counter() - parsed


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB (macOS in bytes; this bench targets Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float | None:
    """Resident set size now (Linux /proc), after a collection: what the loaded engine keeps."""
    gc.collect()
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def time_answers(engine, queries: list[dict], *, repeat: int, budget_s: float) -> dict:
    """Latency of `engine.answer` over the query set, `repeat` passes or until `budget_s` is spent.

    At least MIN_TIMED_CALLS calls are made whatever the budget. The first pass is also
    reported alone: later passes find each query's words in the engine's caches (spelling,
    stems), which real traffic with fresh typos would not.
    """
    texts = [q["q"] for q in queries]
    samples: list[int] = []
    answers = []
    started = time.perf_counter()
    for round_number in range(repeat):
        for text in texts:
            before = time.perf_counter_ns()
            answer = engine.answer(text)
            samples.append(time.perf_counter_ns() - before)
            if round_number == 0:
                answers.append(answer)
            if time.perf_counter() - started > budget_s and len(samples) >= MIN_TIMED_CALLS:
                break
        if round_number == 0:
            progress(f"answer() pass 1 ({len(answers)} calls): median {statistics.median(samples) / 1e6:.2f} ms")
        if time.perf_counter() - started > budget_s and len(samples) >= MIN_TIMED_CALLS:
            progress(f"time budget of {budget_s:.0f}s spent after {len(samples)} calls")
            break
    result = {"all": summary_ms(samples), "first_pass": summary_ms(samples[: len(answers)])}
    result["passes"] = round_number + 1
    result["quality"] = quality([a.intent for a in answers], queries)
    return result


def quality(predicted: list[str | None], queries: list[dict]) -> dict:
    """Share of paraphrases answered with their source intent, and of junk rejected (a sanity check)."""
    in_scope = [(p, q["intent"]) for p, q in zip(predicted, queries, strict=False) if q["intent"] is not None]
    junk = [p for p, q in zip(predicted, queries, strict=False) if q["intent"] is None]
    return {
        "in_scope_hit": sum(p == e for p, e in in_scope) / len(in_scope) if in_scope else None,
        "junk_rejected": sum(p is None for p in junk) / len(junk) if junk else None,
        "hit": sum(p == q["intent"] for p, q in zip(predicted, queries, strict=False)) / max(1, len(predicted)),
    }


def time_full_scan(engine, queries: list[dict], *, limit: int) -> dict:
    """The baseline: rapidfuzz WRatio of the query against every stored question."""
    from rapidfuzz import fuzz, process

    questions, owners = [], []
    for intent in engine.kb.intents:
        questions.extend(intent.questions)
        owners.extend([intent.id] * len(intent.questions))
    samples, predicted = [], []
    for query in queries[:limit]:
        before = time.perf_counter_ns()
        best = process.extractOne(query["q"], questions, scorer=fuzz.WRatio)
        samples.append(time.perf_counter_ns() - before)
        predicted.append(owners[best[2]] if best else None)
    result = summary_ms(samples)
    # A full scan always names some intent, so its junk rejection is 0 by construction.
    result["in_scope_hit"] = quality(predicted, queries[:limit])["in_scope_hit"]
    return result


def measure(args: argparse.Namespace) -> dict:
    started_ns = args.started_ns or _PROCESS_STARTED_NS
    before_import = time.perf_counter()
    import faq  # noqa: F401 - timed on its own: nlp, yaml and rapidfuzz come with it

    import_s = time.perf_counter() - before_import
    engine, parse_s, build_s = build(args.kb)
    cold_s = (time.time_ns() - started_ns) / 1e9
    rss_mb, resident_mb = peak_rss_mb(), current_rss_mb()
    intents = len(engine.kb.intents)
    questions = sum(len(i.questions) for i in engine.kb.intents)
    progress(f"cold load {cold_s:.2f}s (parse {parse_s:.2f}s, build {build_s:.2f}s), peak RSS {rss_mb:.0f} MB")

    del engine
    gc.collect()
    engine, warm_parse_s, warm_build_s = build(args.kb)
    progress(f"warm load {warm_parse_s + warm_build_s:.2f}s (parse {warm_parse_s:.2f}s, build {warm_build_s:.2f}s)")

    with open(args.queries, encoding="utf-8") as file:
        queries = json.load(file)
    answers = time_answers(engine, queries, repeat=args.repeat, budget_s=args.budget)
    limit = len(queries) if args.baseline_queries is None else args.baseline_queries
    progress(f"full-scan baseline over {min(limit, len(queries))} queries")
    baseline = time_full_scan(engine, queries, limit=limit)
    return {
        "intents": intents,
        "questions": questions,
        "vocabulary": len(
            synthetic.vocabulary_of(
                [(i.id, q) for i in engine.kb.intents for q in i.questions], [i.answer for i in engine.kb.intents]
            )
        ),
        "queries": len(queries),
        "load": {
            "cold_s": cold_s,
            "cold_import_s": import_s,
            "cold_parse_s": parse_s,
            "cold_build_s": build_s,
            "warm_s": warm_parse_s + warm_build_s,
            "warm_parse_s": warm_parse_s,
            "warm_build_s": warm_build_s,
        },
        "peak_rss_mb_after_load": rss_mb,
        "rss_mb_after_load": resident_mb,
        "peak_rss_mb_at_end": peak_rss_mb(),
        "answer": answers,
        "full_scan": baseline,
        "speedup_p50": baseline["p50_ms"] / answers["all"]["p50_ms"],
    }


def measure_cached(args: argparse.Namespace) -> dict:
    """Process start to an engine from `Engine.from_paths` with the compiled-index cache in `--cache-dir`."""
    started_ns = args.started_ns or _PROCESS_STARTED_NS
    import inspect

    from faq import Engine

    if "cache_dir" not in inspect.signature(Engine.from_paths).parameters:
        return {"error": "this engine has no compiled-index cache"}
    cached_files = len(list(Path(args.cache_dir).glob("*.pickle")))
    engine = Engine.from_paths(args.kb, cache_dir=args.cache_dir)
    load_s = (time.time_ns() - started_ns) / 1e9
    # Measured while `engine` is alive: the resident size of a restarted bot.
    return {
        "load_s": load_s,
        "peak_rss_mb": peak_rss_mb(),
        "rss_mb": current_rss_mb(),
        "cache_files_before": cached_files,
        "intents": len(engine.kb.intents),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", action="append", help="KB pack (repeatable); the bundled KB when absent")
    parser.add_argument("--queries", help="JSON list of {q, intent} (needed unless --cache-dir)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for the answer() loop")
    parser.add_argument("--baseline-queries", type=int, default=None)
    parser.add_argument("--cache-dir", help="only time Engine.from_paths with this compiled-index cache directory")
    parser.add_argument("--started-ns", type=int, default=None, help="time.time_ns() when the parent spawned us")
    args = parser.parse_args()
    print(json.dumps(measure_cached(args) if args.cache_dir else measure(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
