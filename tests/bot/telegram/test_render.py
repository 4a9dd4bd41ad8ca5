"""Unit tests of the Telegram renderer: escaping, bullets, limits, keyboards and /topik pages."""

from __future__ import annotations

import pytest

from bot.telegram.render import (
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE_CHARS,
    TOPICS_PER_PAGE,
    callback_data,
    describe,
    fit_message,
    format_body,
    mark_vote,
    parse_callback,
    render_answer,
    render_article,
    render_greeting,
    render_help,
    render_topic_page,
    utf16_length,
    vote_row,
)
from faq import Answer, Suggestion, Topic
from tests.support.botapi_validation import parse_html


def buttons(reply) -> list[tuple[str, str]]:
    if reply.keyboard is None:
        return []
    return [(b.text, b.callback_data) for row in reply.keyboard.inline_keyboard for b in row]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain", "plain"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("\"kutip\" 'tunggal'", "\"kutip\" 'tunggal'"),
        ("<b>apa</b>", "&lt;b&gt;apa&lt;/b&gt;"),
        ("Daftar:\n- satu\n- dua & tiga", "Daftar:\n• satu\n• dua &amp; tiga"),
        ("  - menjorok", "• menjorok"),
        ("-tanpa spasi", "-tanpa spasi"),
        ("kata - di tengah", "kata - di tengah"),
        ("\n\nteks\n\n", "teks"),
        ("", ""),
    ],
)
def test_format_body_escapes_and_bullets(text, expected):
    assert format_body(text) == expected


@pytest.mark.parametrize("text", ["<b>", "a & b", "<<>>&&", "x" * 10, "- <i>\n- &amp;"])
def test_format_body_output_parses_as_telegram_html_to_the_input_text(text):
    plain, entities = parse_html(format_body(text))
    assert entities == []
    assert plain == text.strip().replace("- ", "• ")


def test_render_answer_bold_title_body_and_related_buttons():
    answer = Answer(
        "pbb", 100.0, "PBB & <UN>\n- damai", title="PBB <1945>", related=(Topic("wto", "WTO"), Topic("asean", "ASEAN"))
    )
    reply = render_answer(answer)
    assert reply.text == "<b>PBB &lt;1945&gt;</b>\n\nPBB &amp; &lt;UN&gt;\n• damai"
    assert buttons(reply) == [("WTO", "t:wto"), ("ASEAN", "t:asean")]


def test_render_answer_without_related_has_no_keyboard():
    assert render_answer(Answer("salam", 100.0, "Halo", title="Salam")).keyboard is None


def test_render_fallback_offers_at_most_the_suggestions_as_maksudmu_buttons():
    answer = Answer(
        None, 20.0, "Maaf, belum paham.", suggestions=(Suggestion("wto", "WTO", 40.0), Suggestion("pbb", "PBB", 30.0))
    )
    reply = render_answer(answer)
    assert reply.text.startswith("Maaf, belum paham.")
    assert buttons(reply) == [("Maksudmu: WTO?", "t:wto"), ("Maksudmu: PBB?", "t:pbb")]


def test_render_answer_with_a_log_id_adds_vote_buttons_as_the_last_row():
    answer = Answer("pbb", 100.0, "teks", title="PBB", related=(Topic("wto", "WTO"),))
    reply = render_answer(answer, feedback=42)
    assert [[b.callback_data for b in row] for row in reply.keyboard.inline_keyboard] == [["t:wto"], ["f+42", "f-42"]]
    assert buttons(render_answer(Answer("salam", 100.0, "Halo", title="Salam"), feedback=7)) == [
        ("👍", "f+7"),
        ("👎", "f-7"),
    ]


def test_render_fallback_never_gets_vote_buttons():
    answer = Answer(None, 20.0, "Maaf.", suggestions=(Suggestion("wto", "WTO", 40.0),))
    assert buttons(render_answer(answer, feedback=42)) == [("Maksudmu: WTO?", "t:wto")]


@pytest.mark.parametrize("pressed, labels", [("f+5", ["👍 ✓", "👎"]), ("f-5", ["👍", "👎 ✓"])])
def test_mark_vote_ticks_the_pressed_vote_and_keeps_the_other_rows(pressed, labels):
    keyboard = render_answer(Answer("a", 90.0, "t", title="A", related=(Topic("b", "B"),)), feedback=5).keyboard
    marked = mark_vote(mark_vote(keyboard, "f+5"), pressed)  # a change of mind moves the tick
    assert [b.text for b in marked.inline_keyboard[-1]] == labels
    assert [[b.callback_data for b in row] for row in marked.inline_keyboard] == [["t:b"], ["f+5", "f-5"]]
    assert mark_vote(keyboard, "t:b") is keyboard


def test_vote_callback_data_fits_telegrams_limit():
    assert all(len(b.callback_data.encode()) <= MAX_CALLBACK_BYTES for b in vote_row(2**63 - 1))


def test_render_fallback_without_suggestions_is_text_only():
    reply = render_answer(Answer(None, 0.0, "Maaf <3"))
    assert reply.text == "Maaf &lt;3" and reply.keyboard is None


@pytest.mark.parametrize("body", ["a" * 10_000, "&" * 5_000, "- <b>\n" * 2_000, "😀" * 3_000])
def test_render_answer_never_exceeds_telegram_limit_and_stays_valid_html(body):
    reply = render_answer(Answer("x", 100.0, body, title="Judul"))
    assert utf16_length(reply.text) <= MAX_MESSAGE_CHARS
    plain, _ = parse_html(reply.text)
    assert plain.startswith("Judul\n\n") and plain.endswith("…")


def test_fit_message_leaves_short_text_alone():
    assert fit_message("<b>t</b>\n", "isi") == "<b>t</b>\nisi"


@pytest.mark.parametrize(
    "prefix, value, expected",
    [
        ("t:", "pbb", "t:pbb"),
        ("t:", "x" * 62, "t:" + "x" * 62),
        ("t:", "x" * 63, None),
        ("t:", "é" * 31, "t:" + "é" * 31),
        ("t:", "é" * 32, None),
    ],
)
def test_callback_data_fits_64_bytes_or_is_none(prefix, value, expected):
    assert callback_data(prefix, value) == expected


def test_topic_with_overlong_id_gets_no_button():
    answer = Answer("a", 100.0, "teks", title="A", related=(Topic("y" * 80, "Panjang"), Topic("b", "B")))
    assert buttons(render_answer(answer)) == [("B", "t:b")]


@pytest.mark.parametrize(
    "data, expected",
    [
        ("t:pbb", ("topic", "pbb")),
        ("p:2", ("page", "2")),
        ("p:", ("page", "")),
        ("x:1", ("unknown", "x:1")),
        ("f+12", ("vote", "+12")),
        ("f-9223372036854775807", ("vote", "-9223372036854775807")),
        ("f+", ("unknown", "f+")),
        ("f*12", ("unknown", "f*12")),
        ("f+1²", ("unknown", "f+1²")),
        ("f+12 ", ("unknown", "f+12 ")),
        ("", ("unknown", "")),
        (None, ("unknown", "")),
    ],
)
def test_parse_callback(data, expected):
    assert parse_callback(data) == expected


def test_long_titles_are_shortened_on_buttons():
    answer = Answer("a", 100.0, "teks", title="A", related=(Topic("b", "kata " * 40),))
    ((label, _),) = buttons(render_answer(answer))
    assert len(label) <= 48 and label.endswith("…")


TOPICS = [Topic(f"id{i}", f"Topik {i}") for i in range(TOPICS_PER_PAGE * 2 + 3)]


@pytest.mark.parametrize(
    "page, first, navigation",
    [
        (0, "t:id0", ["p:1"]),
        (1, f"t:id{TOPICS_PER_PAGE}", ["p:0", "p:2"]),
        (2, f"t:id{TOPICS_PER_PAGE * 2}", ["p:1"]),
        (99, f"t:id{TOPICS_PER_PAGE * 2}", ["p:1"]),
        (-5, "t:id0", ["p:1"]),
    ],
)
def test_topic_pages_with_previous_and_next(page, first, navigation):
    reply = render_topic_page([("Mapel", TOPICS)], page)
    data = [d for _, d in buttons(reply)]
    assert data[0] == first
    assert [d for d in data if d.startswith("p:")] == navigation
    assert len([d for d in data if d.startswith("t:")]) <= TOPICS_PER_PAGE
    assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)
    parse_html(reply.text)


def test_single_page_has_no_navigation_and_empty_list_no_keyboard():
    assert all(d.startswith("t:") for _, d in buttons(render_topic_page([("Mapel", TOPICS[:3])], 0)))
    assert render_topic_page([], 0).keyboard is None


def test_several_subjects_get_pages_of_their_own_named_by_subject():
    groups = [("PPKn <A>", TOPICS[:3]), ("Geografi", TOPICS[3:5])]
    first, second = render_topic_page(groups, 0), render_topic_page(groups, 1)
    assert [d for _, d in buttons(first)] == ["t:id0", "t:id1", "t:id2", "p:1"]
    assert [d for _, d in buttons(second)] == ["t:id3", "t:id4", "p:0"]
    assert "PPKn &lt;A&gt;" in first.text and "Geografi" in second.text and "(halaman 2/2)" in second.text
    parse_html(first.text)
    assert "PPKn" not in render_topic_page(groups[:1], 0).text  # one subject: no subject heading


@pytest.mark.parametrize("name", ["<script>", "A & B", None, "", "x" * 500])
def test_greeting_escapes_the_users_name(name):
    plain, _ = parse_html(render_greeting(name).text)
    assert "Tanyabot" in plain
    if name and len(name) < 40:
        assert name in plain


def test_greeting_mentions_privasi_only_when_questions_are_kept():
    assert "/privasi" not in render_greeting("Ani").text
    kept = render_greeting("Ani", questions_kept=True).text
    assert (
        kept.startswith(render_greeting("Ani").text) and kept.count("\n") == render_greeting("Ani").text.count("\n") + 2
    )
    assert "/privasi" in parse_html(kept)[0]


@pytest.mark.parametrize("username", ["tanya_bot", None])
def test_help_is_valid_html(username):
    plain, _ = parse_html(render_help(username).text)
    assert "/tanya" in plain and (username is None or f"@{username}" in plain)


def test_article_has_title_one_line_description_and_html_answer():
    answer = Answer("pbb", 100.0, "Baris & satu\n- dua", title="PBB")
    article = render_article(answer)
    assert article.id == "pbb" and article.title == "PBB"
    assert article.description == "Baris & satu" == describe(answer)
    assert article.input_message_content.parse_mode == "HTML"
    assert parse_html(article.input_message_content.message_text)[0] == "PBB\n\nBaris & satu\n• dua"


def test_article_needs_an_intent_with_a_short_id():
    assert render_article(Answer(None, 0.0, "Maaf")) is None
    assert render_article(Answer("z" * 65, 100.0, "teks", title="Z")) is None
