"""The bot's own capacity, end to end: questions pushed through the tests' Bot API server on 127.0.0.1
to a real `tanyabot serve` process, and the time until every reply has come back.

    python bench/bot_capacity.py                      # limiter off: questions a second, none lost
    python bench/bot_capacity.py --limiter on         # limiter on: replies a second under Telegram's cap

Reports questions answered per second (first push to last reply), the median and p99 time from a
question being queued to its reply, and how many were lost or answered twice. Never asserts timing.
"""

from __future__ import annotations

import argparse
import json
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
    "apa itu pbb", "tujuan kerjasama multilateral", "contoh kerjasama multilateral", "apa itu wto",
    "manfaat kerjasama multilateral", "kapan asean berdiri", "apa itu g20", "peran indonesia",
    "apa itu iaea", "uni eropa itu apa", "apa itu sdgs", "bedanya bilateral dan multilateral",
    "tantangan kerjasama multilateral", "resep rendang", "apa itu NATO",
]


def run(questions: int, users: int, limiter: bool, timeout: float) -> dict:
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as server, tempfile.TemporaryDirectory() as work:
        env = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "TANYABOT_RATE_LIMIT": "1" if limiter else "0",
            "TANYABOT_USER_RATE": "off",  # many questions per user on purpose
            "TANYABOT_LOG_QUESTIONS": "0",
            "TANYABOT_CACHE_DIR": str(Path(work) / "cache"),
            "LOG_LEVEL": "WARNING",
        }
        bot = BotProcess(env, Path(work) / "bot.log", Path(work))
        try:
            bot.wait_ready(server, method="getUpdates")
            people = [server.user(10_000 + n) for n in range(users)]
            chats = [server.private_chat(person) for person in people]
            pushed_at: dict[tuple[int, int], float] = {}
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
        "latency_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "latency_p99_ms": round(1000 * sorted(latencies)[int(0.99 * (len(latencies) - 1))], 1) if latencies else None,
    }


POLL_SECONDS = 0.05


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
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "bot_capacity.json")
    args = parser.parse_args()
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.limiter]
    results = []
    for limiter in modes:
        # With the limiter on, Telegram's cap (~30 messages a second) sets the pace: fewer questions.
        count = args.questions if not limiter else min(args.questions, 600)
        print(f"limiter {'on' if limiter else 'off'}: {count} questions from {args.users} users ...", file=sys.stderr)
        results.append(run(count, args.users, limiter, args.timeout))
    header = ["limiter", "questions", "users", "answered", "lost", "duplicated", "push s", "total s", "answered/s",
              "p50 ms", "p99 ms"]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for r in results:
        cells = ["on" if r["limiter"] else "off", r["questions"], r["users"], r["answered"], r["lost"],
                 r["duplicated"], r["push_s"], r["total_s"], r["answered_per_s"], r["latency_p50_ms"], r["latency_p99_ms"]]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if all(r["lost"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
