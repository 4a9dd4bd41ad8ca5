"""Soak (`make test-slow`): 10,000 questions from 200 users while the server fails at random.

The rate limits are off, so every question is answered; 5xx answers, 429s and short outages are
injected throughout. Each chat's replies must be exactly its questions' topics, in order: none
lost, none repeated. Count, wall time and what was injected are printed.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

import pytest

from tests.bot.conftest import BOT_USERNAME, TOKEN, bot_env
from tests.support.botapi import BotApiServer
from tests.support.conversation import topic_of

USERS = 200
QUESTIONS_PER_USER = 50
PUSH_PER_SECOND = 250
"""How fast the users write, all together (the bot may fall behind; that is part of the test)."""

SOAK_TIMEOUT = 480.0
"""Seconds the bot gets to answer all 10,000 questions."""

CANDIDATES = [
    "apa itu pbb",
    "apa itu wto",
    "apa itu asean",
    "apa itu g20",
    "apa itu iaea",
    "apa itu uni eropa",
    "apa itu sdgs",
    "tujuan kerjasama multilateral",
    "contoh kerjasama multilateral",
    "markas pbb di mana",
    "manfaat kerjasama multilateral",
    "bedanya bilateral dan multilateral",
    "halo",
    "makasih",
    "resep rendang",
    "kapan asean berdiri",
    "tantangan kerjasama multilateral",
    "apa itu kerjasama multilateral",
]


def context_free_questions(engine) -> dict[str, str | None]:
    """Questions whose topic does not depend on the conversation before them, with that topic."""
    contexts = [None] + [intent.id for intent in engine.kb.intents]
    pool = {}
    for question in CANDIDATES:
        topics = {engine.answer(question, context=context).intent for context in contexts}
        if len(topics) == 1:
            pool[question] = topics.pop()
    return pool


class FaultInjector(threading.Thread):
    """Every 0.2-0.6 s one fault: a 5xx or a 429 for the next send or poll, or now and then an outage.

    A queued fault waits for the next call of its method. To fail a share of the calls, not every
    call, a method gets a new fault only after it worked a few times since its last one: otherwise
    polls (which back off after each failure) or the last few replies would meet nothing but faults,
    like a Telegram that is down, not flaky.
    """

    def __init__(self, server: BotApiServer, seed: int) -> None:
        super().__init__(name="soak-faults", daemon=True)
        self.server, self.random = server, random.Random(seed)
        self.injected: Counter[str] = Counter()
        self.downtime = 0.0
        self.done = threading.Event()
        self._since = {"sendMessage": 0.0, "getUpdates": 0.0}

    def _flowing(self, method: str, successes: int) -> bool:
        """`method` succeeded `successes` times since its last injected fault."""
        ok = sum(1 for c in self.server.calls(method) if c["status"] == 200 and c["time"] > self._since[method])
        if ok < successes:
            return False
        self._since[method] = time.time()
        return True

    def run(self) -> None:
        kinds = ["send 5xx", "poll 5xx", "send 429", "poll 429", "outage"]
        while not self.done.wait(self.random.uniform(0.2, 0.6)):
            kind = self.random.choices(kinds, weights=[35, 20, 20, 10, 5])[0]
            if kind.startswith("send") and not self._flowing("sendMessage", 5):
                continue
            if kind.startswith("poll") and not self._flowing("getUpdates", 3):
                continue
            if kind == "send 5xx":
                status, count = self.random.choice([500, 502, 503]), self.random.randint(1, 2)
                self.server.fail_next("sendMessage", status, count=count)
                self.injected[f"sendMessage {status}"] += count
            elif kind == "poll 5xx":
                status = self.random.choice([500, 502])
                self.server.fail_next("getUpdates", status)
                self.injected[f"getUpdates {status}"] += 1
            elif kind == "send 429":
                self.server.fail_next("sendMessage", 429, retry_after=1)
                self.injected["sendMessage 429"] += 1
            elif kind == "poll 429":
                self.server.fail_next("getUpdates", 429, retry_after=1)
                self.injected["getUpdates 429"] += 1
            elif self.injected["outage"] < 8:
                seconds = self.random.uniform(0.5, 3.0)
                # Graceful: answers being written still arrive; a cut mid-answer is the one case
                # where a reply may be duplicated, tested on its own in test_reliability_faults.
                self.server.go_down(seconds, graceful=True)
                self.injected["outage"] += 1
                self.downtime += seconds
                self.done.wait(seconds + 1.0)


def _stalled(srv: BotApiServer, bot, total: int) -> str:
    # What a missed deadline needs to be understood: how far the bot got, whether it still polls and
    # the server still listens, and what the bot logged beyond the expected retries.
    now = time.time()
    sent = sum(1 for c in srv.calls("sendMessage") if c["status"] == 200)
    polls = [c for c in srv.calls("getUpdates") if c["time"] > now - 30]
    noteworthy = [line for line in bot.log().splitlines() if "ERROR" in line or "Traceback" in line]
    return (
        f"not all {total} questions answered in {SOAK_TIMEOUT} s: {sent} replies, "
        f"{len(srv.pending_updates())} updates never fetched, {len(polls)} getUpdates in the last 30 s, "
        f"server {'down' if srv.is_down else 'up'}, bot {'running' if bot.process.poll() is None else 'exited'}; "
        f"errors logged: {noteworthy[-20:]}; server errors: {srv.server_errors()[-3:]}"
    )


@pytest.mark.slow
def test_soak_10000_questions_from_200_users_through_faults_each_answered_exactly_once(start_bot, engine):
    pool = context_free_questions(engine)
    assert len(pool) >= 10
    rng = random.Random(20240606)
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        bot = start_bot(bot_env(srv, TANYABOT_RATE_LIMIT="0", TANYABOT_USER_RATE="off", LOG_LEVEL="INFO"))
        bot.wait_ready(srv)
        users = [srv.user(10_000 + i) for i in range(USERS)]
        chats = [srv.private_chat(user) for user in users]
        asked: dict[int, list[str]] = {chat["id"]: [] for chat in chats}
        order = [i for i in range(USERS) for _ in range(QUESTIONS_PER_USER)]
        rng.shuffle(order)
        faults = FaultInjector(srv, seed=7)
        started = time.monotonic()
        faults.start()
        try:
            for n, i in enumerate(order, 1):
                question = rng.choice(list(pool))
                srv.send_text(chats[i], users[i], question)
                asked[chats[i]["id"]].append(question)
                if n % PUSH_PER_SECOND == 0:
                    time.sleep(max(0.0, started + n / PUSH_PER_SECOND - time.monotonic()))
            total = len(order)
            deadline = started + SOAK_TIMEOUT
            while sum(1 for c in srv.calls("sendMessage") if c["status"] == 200) < total:
                assert time.monotonic() < deadline, _stalled(srv, bot, total)
                time.sleep(1.0)
            elapsed = time.monotonic() - started
        finally:
            faults.done.set()
            faults.join()
        time.sleep(2.0)  # a late duplicate would show up now
        answered = 0
        for chat in chats:
            got = [topic_of(m, engine) for m in srv.bot_messages(chat)]
            assert got == [pool[q] for q in asked[chat["id"]]], f"chat {chat['id']}"
            answered += len(got)
        assert answered == total and srv.pending_updates() == [] and srv.server_errors() == []
        log = bot.log()
        assert bot.stop() == 0
    retried = log.count("sendMessage failed (")
    waited = log.count("sendMessage: Telegram asks to slow down")
    poll_failures = log.count("getUpdates failed")
    print(
        f"\nsoak: {answered} questions from {USERS} users answered exactly once in {elapsed:.1f} s "
        f"({answered / elapsed:.0f}/s); injected {dict(sorted(faults.injected.items()))}, "
        f"{faults.downtime:.1f} s of outages; the bot retried {retried} sends after network errors/5xx, "
        f"waited out {waited} 429s, and saw {poll_failures} polling failures"
    )
