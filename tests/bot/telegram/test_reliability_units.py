"""Unit tests of the reliability parts: the per-user flood gate, call retries, the admin's reload report."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.admin import ReloadOutcome, render_outcome
from bot.telegram.flood import FloodGate, Verdict
from bot.telegram.network import SEND_ATTEMPTS, RetryingLimiter, backoff, is_retryable
from bot.telegram.render import MAX_MESSAGE_CHARS, utf16_length
from tests.support.botapi_validation import parse_html

P, N, S = Verdict.PASS, Verdict.NOTIFY, Verdict.SILENCE

# PTB 22's RetryAfter warns about its own attribute's coming type change when it is built.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ flood gate
@pytest.mark.parametrize(
    "times, expected",
    [
        ([0, 1, 2], [P, P, P]),
        ([0, 1, 2, 3, 4], [P, P, P, N, S]),  # one notice, then silence
        ([0, 1, 2, 3, 10], [P, P, P, N, P]),  # at 10 s the message of 0 s left the window
        ([0, 1, 2, 3, 4, 10, 10.5], [P, P, P, N, S, P, N]),  # a new flood gets a new notice
        ([0, 0, 0, 9.9, 9.99], [P, P, P, N, S]),  # sliding, not fixed buckets
    ],
)
def test_flood_gate_three_per_ten_seconds(times, expected):
    clock = FakeClock()
    gate = FloodGate(3, 10.0, clock=clock)
    verdicts = []
    for offset in times:
        clock.now = 1000.0 + offset
        verdicts.append(gate.check(7))
    assert verdicts == expected


def test_flood_gate_thirty_messages_in_five_seconds_gives_ten_answers_and_one_notice():
    clock = FakeClock()
    gate = FloodGate(10, 10.0, clock=clock)
    verdicts = []
    for i in range(30):
        clock.now = 1000.0 + i * 5 / 30
        verdicts.append(gate.check(1))
        if i == 15:
            assert gate.check(2) is Verdict.PASS  # another user is not affected
    assert verdicts.count(P) == 10 and verdicts.count(N) == 1 and verdicts.count(S) == 19
    assert verdicts[10] is N


def test_flood_gate_forgets_idle_users():
    clock = FakeClock()
    gate = FloodGate(2, 5.0, clock=clock)
    for user in range(100):
        gate.check(user)
    assert len(gate) == 100
    clock.now += 5.0
    gate.check(1000)
    assert len(gate) == 1


@pytest.mark.parametrize("limit, window", [(0, 10.0), (5, 0.0), (5, -1.0)])
def test_flood_gate_rejects_a_meaningless_rate(limit, window):
    with pytest.raises(ValueError):
        FloodGate(limit, window)


# --------------------------------------------------------------------- retries
@pytest.mark.parametrize("attempt, seconds", [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0)])
def test_backoff_doubles_up_to_a_cap(attempt, seconds):
    assert backoff(attempt) == seconds


@pytest.mark.parametrize(
    "make_error, retryable",
    [
        (lambda: NetworkError("Internal Server Error"), True),
        (lambda: NetworkError("Bad Gateway"), True),
        (lambda: NetworkError("httpx.RemoteProtocolError: Server disconnected without sending a response."), True),
        (TimedOut, True),
        (lambda: BadRequest("Bad Request: message to be replied not found"), False),
        (lambda: Forbidden("Forbidden: bot was blocked by the user"), False),
        (lambda: ChatMigrated(-1001), False),
        (lambda: Conflict("Conflict: terminated by other getUpdates request"), False),
        (lambda: RetryAfter(3), False),  # built in the test: its constructor warns, see pytestmark
    ],
)
def test_which_errors_are_retried(make_error, retryable):
    assert is_retryable(make_error()) is retryable


def run_limited(outcomes: list, *, inner=None) -> tuple[object, list[float], int]:
    """Run one call through RetryingLimiter; `outcomes` are raised (exceptions) or returned in turn."""
    sleeps: list[float] = []
    calls = 0

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def callback(endpoint, data):
        nonlocal calls
        outcome = outcomes[min(calls, len(outcomes) - 1)]
        calls += 1
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    limiter = RetryingLimiter(inner, sleep=sleep)
    try:
        result = asyncio.run(limiter.process_request(callback, ("sendMessage", {}), {}, "sendMessage", {}, None))
    except Exception as error:  # noqa: BLE001 - the test inspects what came out
        result = error
    return result, sleeps, calls


def test_send_after_two_5xx_is_retried_with_backoff():
    result, sleeps, calls = run_limited([NetworkError("Internal Server Error"), NetworkError("Bad Gateway"), {"ok": 1}])
    assert result == {"ok": 1} and sleeps == [0.5, 1.0] and calls == 3


def test_send_gives_up_after_all_attempts_and_raises_the_last_error():
    result, sleeps, calls = run_limited([NetworkError("Service Unavailable")])
    assert isinstance(result, NetworkError) and calls == SEND_ATTEMPTS
    assert sleeps == [backoff(i) for i in range(1, SEND_ATTEMPTS)] and sum(sleeps) > 40  # outlasts a 30 s outage


@pytest.mark.parametrize(
    "refusal", [BadRequest("Bad Request: chat not found"), Forbidden("Forbidden: bot was blocked"), ChatMigrated(-1002)]
)
def test_refusals_are_not_retried(refusal):
    result, sleeps, calls = run_limited([refusal, {"ok": 1}])
    assert result is refusal and sleeps == [] and calls == 1


def test_429_without_a_throttle_waits_retry_after_then_delivers():
    result, sleeps, calls = run_limited([RetryAfter(3), {"ok": 1}])
    assert result == {"ok": 1} and calls == 2 and sleeps == [pytest.approx(3.1)]


def test_429_with_a_throttle_is_left_to_it():
    class Throttle:
        async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
            return await callback(*args, **kwargs)

    result, sleeps, calls = run_limited([RetryAfter(3), {"ok": 1}], inner=Throttle())
    assert isinstance(result, RetryAfter) and calls == 1
    result, sleeps, calls = run_limited([TimedOut(), {"ok": 1}], inner=Throttle())
    assert result == {"ok": 1} and sleeps == [0.5]


# ---------------------------------------------------------------- reload report
def test_reload_report_of_success_names_the_counts():
    text = render_outcome(ReloadOutcome(12, 10)).text
    assert "12" in text and "10" in text
    parse_html(text)


def test_reload_report_of_many_problems_is_escaped_and_fits_one_message():
    problems = tuple(f"kb.yaml:{line}: <intent_{line}> & co: answer: missing" for line in range(2000))
    reply = render_outcome(ReloadOutcome(10, 10, problems))
    plain, _ = parse_html(reply.text)
    assert utf16_length(reply.text) <= MAX_MESSAGE_CHARS
    assert "Gagal" in plain and "(2000)" in plain and "<intent_0> & co" in plain
