"""The bot's own capacity, end to end: questions pushed through the tests' Bot API server on 127.0.0.1
to a real `tanyabot serve` process, and the time until every reply has come back.

    python bench/bot_capacity.py                      # limiter off, then on; 3 runs each, medians
    python bench/bot_capacity.py --limiter off --runs 1   # one quick run
    python bench/bot_capacity.py --question-log off   # without the SQLite question log

Reports questions answered per second (first push to last reply), the median and p99 time from a
question being queued to its reply, how many were lost or answered twice, and the CPU time the bot
process and the test server (this process) spent per question. Never asserts timing; exits 1 when a
question was lost or answered twice.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.bot.conftest import BOT_USERNAME, TOKEN, BotProcess  # noqa: E402
from tests.support.botapi import BotApiServer  # noqa: E402

QUESTIONS = [
    "apa itu pbb",
    "tujuan kerjasama multilateral",
    "contoh kerjasama multilateral",
    "apa itu wto",
    "manfaat kerjasama multilateral",
    "kapan asean berdiri",
    "apa itu g20",
    "peran indonesia",
    "apa itu iaea",
    "uni eropa itu apa",
    "apa itu sdgs",
    "bedanya bilateral dan multilateral",
    "tantangan kerjasama multilateral",
    "resep rendang",
    "apa itu NATO",
]


def run(questions: int, users: int, limiter: bool, timeout: float, question_log: bool = False) -> dict:
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as server, tempfile.TemporaryDirectory() as work:
        env = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "TANYABOT_RATE_LIMIT": "1" if limiter else "0",
            "TANYABOT_USER_RATE": "off",  # many questions per user on purpose
            "TANYABOT_LOG_QUESTIONS": "1" if question_log else "0",
            "TANYABOT_CACHE_DIR": str(Path(work) / "cache"),
            "LOG_LEVEL": "WARNING",
        }
        bot = BotProcess(env, Path(work) / "bot.log", Path(work))
        try:
            bot.wait_ready(server, method="getUpdates")
            people = [server.user(10_000 + n) for n in range(users)]
            chats = [server.private_chat(person) for person in people]
            pushed_at: dict[tuple[int, int], float] = {}
            bot_cpu_start, server_cpu_start = _cpu_seconds(bot.process.pid), time.process_time()
            start = time.perf_counter()
            for number in range(questions):
                chat, person = chats[number % users], people[number % users]
                message = server.send_text(chat, person, QUESTIONS[number % len(QUESTIONS)])
                pushed_at[(chat["id"], message["message_id"])] = time.time()
            pushed = time.perf_counter()
            per_chat = {c["id"]: sum(1 for k in pushed_at if k[0] == c["id"]) for c in chats}

            # Poll gently: a predicate run on every server change would compete with the server itself.
            deadline = time.perf_counter() + timeout
            while _sent(server) < questions and time.perf_counter() < deadline:
                time.sleep(POLL_SECONDS)
            done = time.perf_counter()
            bot_cpu, server_cpu = _cpu_seconds(bot.process.pid) - bot_cpu_start, time.process_time() - server_cpu_start
            sends = [c for c in server.calls("sendMessage") if c["status"] == 200]
            replies = {chat_id: len(server.bot_messages(chat_id)) for chat_id in per_chat}
            latencies = _latencies(sends, pushed_at)
        finally:
            bot.stop()
    answered = min(len(sends), questions)
    return {
        "questions": questions,
        "users": users,
        "limiter": limiter,
        "answered": answered,
        "lost": sum(max(0, per_chat[c] - replies[c]) for c in per_chat),
        "duplicated": sum(max(0, replies[c] - per_chat[c]) for c in per_chat),
        "push_s": round(pushed - start, 3),
        "total_s": round(done - start, 3),
        "answered_per_s": round(answered / (done - start), 1),
        "bot_cpu_ms_per_question": round(1000 * bot_cpu / max(answered, 1), 2),
        "server_cpu_ms_per_question": round(1000 * server_cpu / max(answered, 1), 2),
        "latency_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "latency_p99_ms": round(1000 * sorted(latencies)[int(0.99 * (len(latencies) - 1))], 1) if latencies else None,
    }


POLL_SECONDS = 0.05


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sent(server: BotApiServer) -> int:
    return sum(1 for c in server.calls("sendMessage") if c["status"] == 200)


def _latencies(sends: list[dict], pushed_at: dict[tuple[int, int], float]) -> list[float]:
    # A reply quotes nothing in private chats, so pair each chat's replies with its questions in order.
    by_chat: dict[int, list[float]] = {}
    for (chat_id, _), when in sorted(pushed_at.items(), key=lambda item: item[1]):
        by_chat.setdefault(chat_id, []).append(when)
    seen: dict[int, int] = {}
    out = []
    for call in sends:
        chat_id = int(call["params"]["chat_id"])
        index = seen.get(chat_id, 0)
        seen[chat_id] = index + 1
        if chat_id in by_chat and index < len(by_chat[chat_id]):
            out.append(call["time"] - by_chat[chat_id][index])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--limiter", choices=("on", "off", "both"), default="both")
    parser.add_argument(
        "--question-log",
        choices=("on", "off"),
        default="on",
        help="keep the questions in SQLite, as a deployed bot does by default (default: on)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per mode; the table shows their median")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "bot_capacity.json")
    args = parser.parse_args()
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.limiter]
    question_log = args.question_log == "on"
    results, rows = [], []
    for limiter in modes:
        # With the limiter on, Telegram's cap (~30 messages a second) sets the pace: fewer questions.
        count = args.questions if not limiter else min(args.questions, 600)
        runs = []
        for number in range(1, args.runs + 1):
            print(
                f"limiter {'on' if limiter else 'off'}, run {number}/{args.runs}: {count} questions "
                f"from {args.users} users ...",
                file=sys.stderr,
            )
            runs.append(run(count, args.users, limiter, args.timeout, question_log=question_log))
            print(f"  {runs[-1]['answered_per_s']} answered/s, {runs[-1]['lost']} lost", file=sys.stderr)
        results += runs
        rows.append(_median_row(runs))
    header = [
        "limiter",
        "question log",
        "runs",
        "questions",
        "users",
        "answered/s",
        "lost",
        "duplicated",
        "p50 ms",
        "p99 ms",
        "bot CPU ms/q",
        "server CPU ms/q",
    ]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for r in rows:
        cells = [
            "on" if r["limiter"] else "off",
            args.question_log,
            r["runs"],
            r["questions"],
            r["users"],
            r["answered_per_s"],
            r["lost"],
            r["duplicated"],
            r["latency_p50_ms"],
            r["latency_p99_ms"],
            r["bot_cpu_ms_per_question"],
            r["server_cpu_ms_per_question"],
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"medians": rows, "runs": results}, indent=2), encoding="utf-8")
    return 0 if all(r["lost"] == 0 and r["duplicated"] == 0 for r in results) else 1


def _median_row(runs: list[dict]) -> dict:
    # Medians of the timings; lost and duplicated are summed, since any loss counts.
    row = dict(runs[0], runs=len(runs))
    for key in (
        "answered_per_s",
        "latency_p50_ms",
        "latency_p99_ms",
        "bot_cpu_ms_per_question",
        "server_cpu_ms_per_question",
        "total_s",
    ):
        row[key] = statistics.median(r[key] for r in runs)
    row["lost"] = sum(r["lost"] for r in runs)
    row["duplicated"] = sum(r["duplicated"] for r in runs)
    return row


if __name__ == "__main__":
    sys.exit(main())
