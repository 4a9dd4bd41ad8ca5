"""Hostile text through the engine and the Telegram renderer: any Unicode gives an `Answer` and a reply Telegram takes.

The text mixes arbitrary code points (control characters, lone surrogates as JSON may carry them
escaped, private-use and unassigned ones) with pieces chosen to hurt: bidi controls, zero-width
joiners, HTML that must stay text, question words that reach real intents, and 100,000 characters.
Cost is bounded through Hypothesis' deadline, not wall-clock asserts. `make test` runs a few hundred
cases per property; `make test-slow` runs 10,000 per property (the `slow` marker).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.telegram.render import (
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE_CHARS,
    render_answer,
    render_article,
    render_greeting,
    utf16_length,
)
from faq import Answer, Suggestion, Topic
from tests.support.botapi_validation import format_text, parse_html

LONGEST = 100_000
"""Longest generated text, in characters."""

NASTY = [
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u0000",
    "\u0007",
    "\u001b[31m",
    "\r\n",
    "\u2028",
    "\u2029",
    "\ud800",
    "\udfff",
    "\ud83d",
    "\ud83d\ude00",
    "👨‍👩‍👧‍👦",
    "e\u0301\u0301\u0301",
    "ﷺ",
    "\U0010fffd",
    "<b>",
    "</b>",
    "<a href='x'>",
    "&amp;",
    "&",
    "&#0;",
    "&#x110000;",
    "<",
    ">",
    '"',
    "'",
    "- ",
    "\n- ",
    "/tanya ",
    "@tanya_test_bot ",
    "apa itu ",
    "pbb",
    "wto",
    "asean",
    "kerjasama multilateral",
    "tujuannya",
    "kenapa",
    "makasih",
    "halo",
    " ",
    "\t",
    "\n",
]
FAST = settings(
    max_examples=300,
    deadline=timedelta(milliseconds=1000),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=10_000)

fragments = st.one_of(st.sampled_from(NASTY), st.text(st.characters(), max_size=12))
texts = st.lists(fragments, max_size=24).map("".join)


@st.composite
def questions(draw) -> str:
    """Mostly short hostile text; sometimes the same text repeated up to 100,000 characters."""
    text = draw(texts)
    if text and draw(st.integers(0, 9)) == 0:
        size = draw(st.sampled_from([1_001, 4_097, 10_000, LONGEST]))
        text = (text * (size // len(text) + 1))[:size]
    return text


def check_reply(text: str, buttons: list[str] = ()) -> None:
    """What Telegram would accept: parses as HTML, fits one message, valid UTF-8, callback data within 64 bytes."""
    assert utf16_length(text) <= MAX_MESSAGE_CHARS
    parse_html(text)
    format_text(text, "HTML", None)  # the test server's full sendMessage check (UTF-8, not empty, length)
    assert all(len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES for data in buttons)


def check_answer_and_reply(engine, question: str, context: str | None) -> None:
    answer = engine.answer(question, context=context)
    assert isinstance(answer, Answer)
    assert answer.is_fallback or engine.kb.get(answer.intent) is not None
    reply = render_answer(answer)
    rows = reply.keyboard.inline_keyboard if reply.keyboard else ()
    check_reply(reply.text, [button.callback_data for row in rows for button in row])


@st.composite
def answers(draw) -> Answer:
    """Answers with hostile KB text: anything but blank, which the loader already refuses (answer, title)."""
    required = questions().filter(str.strip)
    topics = st.builds(Topic, texts, st.one_of(texts, questions()))
    if draw(st.booleans()):
        suggestions = st.builds(Suggestion, texts, questions(), st.floats(0, 100))
        return Answer(None, 0.0, draw(required), suggestions=tuple(draw(st.lists(suggestions, max_size=3))))
    return Answer(
        draw(texts) or "x",
        100.0,
        draw(required),
        title=draw(required),
        related=tuple(draw(st.lists(topics, max_size=4))),
    )


def check_rendered(answer: Answer, first_name: str) -> None:
    reply = render_answer(answer, feedback=2**63 - 1)  # the largest SQLite row id: the longest vote data
    rows = reply.keyboard.inline_keyboard if reply.keyboard else ()
    check_reply(reply.text, [button.callback_data for row in rows for button in row])
    check_reply(render_greeting(first_name, questions_kept=True).text)
    article = render_article(answer)
    if article is not None:
        check_reply(article.input_message_content.message_text)
        assert len(article.id.encode("utf-8")) <= 64


def intent_ids(engine) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from([i.id for i in engine.kb.intents]), texts)


# ------------------------------------------------------------ `make test`: a few hundred each
@FAST
@given(data=st.data())
def test_any_question_gets_an_answer_and_a_reply_telegram_accepts(engine, data):
    check_answer_and_reply(engine, data.draw(questions(), "question"), data.draw(intent_ids(engine), "context"))


@FAST
@given(answer=answers(), first_name=questions())
def test_any_kb_text_and_user_name_renders_to_a_reply_telegram_accepts(answer, first_name):
    check_rendered(answer, first_name)


@pytest.mark.parametrize(
    "question",
    [
        "\ud800apa itu pbb\udfff",
        "\u202eapa itu wto\u202c",
        "\x00" * LONGEST,
        "apa itu asean " * 8000,
        "<b>pbb</b> & <i>wto",
        "\ud83d\ude00" * 5000,
    ],
)
def test_chosen_hostile_questions(engine, question):
    check_answer_and_reply(engine, question, None)


# ------------------------------------------------------ `make test-slow`: 10,000 each
@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_any_question_gets_an_answer_and_a_reply_telegram_accepts_10000_cases(engine, data):
    check_answer_and_reply(engine, data.draw(questions(), "question"), data.draw(intent_ids(engine), "context"))


@pytest.mark.slow
@SLOW
@given(answer=answers(), first_name=questions())
def test_any_kb_text_and_user_name_renders_to_a_reply_telegram_accepts_10000_cases(answer, first_name):
    check_rendered(answer, first_name)
