"""Self-checks of the test server's Telegram validation (no server needed): tdlib's HTML cases, auto entities."""

from __future__ import annotations

import pytest

from .botapi_validation import HtmlParseError, find_auto_entities, parse_html


@pytest.mark.parametrize(
    "html, error",
    [  # tdlib's own test cases (test/message_entities.cpp)
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba>", 'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        ("🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'),
    ],
)
def test_parse_html_errors_match_tdlib(html, error):
    with pytest.raises(HtmlParseError) as info:
        parse_html(html)
    assert str(info.value) == error


@pytest.mark.parametrize(
    "html, text, entities",
    [
        ("🏟 🏟<i>🏟 &lt🏟</i>", "🏟 🏟🏟 <🏟", [("italic", 5, 6)]),
        ("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>", "🏟 🏟🏟 ><🏟", [("italic", 5, 7), ("bold", 9, 3)]),
        ('🏟 🏟&lt;<pre><code class="language-fift">🏟 🏟&lt;</></>', "🏟 🏟<🏟 🏟<", [("pre", 6, 6)]),
        ("<pre><code>x</code></pre>", "x", [("pre", 0, 1), ("code", 0, 1)]),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st", [("spoiler", 0, 1), ("spoiler", 1, 1)]),
        (
            "<blockquote expandable>q</blockquote><u>u</u><s>s</s>",
            "qus",
            [("expandable_blockquote", 0, 1), ("underline", 1, 1), ("strikethrough", 2, 1)],
        ),
        ("&#128512;&#x41;&quot;", '😀A"', []),
        ("<b></b>kosong", "kosong", []),
    ],
)
def test_parse_html_text_and_entities_match_tdlib(html, text, entities):
    parsed_text, parsed_entities = parse_html(html, strict_ampersand=False)
    assert parsed_text == text
    assert [(e["type"], e["offset"], e["length"]) for e in parsed_entities] == entities


def test_parse_html_lenient_mode_keeps_bare_ampersand_like_telegram():
    assert parse_html("AT&T &laquo;", strict_ampersand=False) == ("AT&T &laquo;", [])


@pytest.mark.parametrize(
    "text, found",
    [
        ("/start", [("bot_command", 0, 6)]),
        ("/start@tanya_test_bot", [("bot_command", 0, 21)]),
        ("tanya /bantuan ya", [("bot_command", 6, 8)]),
        ("a/b", []),
        ("😀 @siswa_satu", [("mention", 3, 11)]),
        ("email@contoh.id", []),
    ],
)
def test_find_auto_entities_uses_telegram_rules(text, found):
    assert [(e["type"], e["offset"], e["length"]) for e in find_auto_entities(text)] == found
