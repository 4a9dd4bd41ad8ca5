"""Telegram-compatible validation for the test Bot API server: texts, entities, keyboards, inline results.

HTML is parsed by ``botapi_html`` (a tdlib port); this module adds what Telegram checks around it:
lengths, auto-detected entities (commands, mentions, links), reply markup and inline results.
"""

from __future__ import annotations

import json
import re

from .botapi_html import HtmlParseError, _checked_link, parse_html, sort_entities, utf16_len

__all__ = [
    "BadRequest",
    "HtmlParseError",
    "find_auto_entities",
    "format_text",
    "parse_html",
    "parse_text",
    "sort_entities",
    "utf16_len",
    "validate_inline_button",
    "validate_inline_results",
    "validate_reply_markup",
    "with_auto_entities",
]

MAX_TEXT_LENGTH = 4096  # Unicode code points, counted after entity parsing
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_SHORT_USERNAMES = frozenset(["gif", "wiki", "vid", "bing", "pic", "bold", "imdb", "coub", "like", "vote"])


class BadRequest(Exception):
    """A request Telegram answers with 400; ``description`` is the full Telegram text."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_auto_entities(text: str) -> list[dict]:
    """Entities Telegram detects by itself: bot_command, mention, url (tdlib's rules)."""
    found: list[tuple[str, int, int]] = []
    for m in re.finditer(r"/([a-zA-Z0-9_]+)(@[a-zA-Z0-9_]*)?", text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before and (_is_word_char(before) or before in "/<>"):
            continue
        if len(m.group(1)) > 64 or (m.group(2) is not None and not 3 <= len(m.group(2)) - 1 <= 32):
            continue
        if after and (_is_word_char(after) or after in "/<>"):
            continue
        found.append(("bot_command", m.start(), m.end()))
    for m in re.finditer(r"@([a-zA-Z0-9_]+)", text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        name = m.group(1)
        if (before and _is_word_char(before)) or (after and _is_word_char(after)):
            continue
        if not 2 <= len(name) <= 32 or (len(name) < 5 and name.lower() not in _SHORT_USERNAMES):
            continue
        if any(start < m.start() < end for _, start, end in found):
            continue  # the @bot part of /cmd@bot
        found.append(("mention", m.start(), m.end()))
    for m in re.finditer(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'}]", text):
        found.append(("url", m.start(), m.end()))
    entities = [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for kind, start, end in found
    ]
    return sort_entities(entities)


def _strip_like_telegram(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim surrounding whitespace as Telegram does, shifting and clipping entities."""
    stripped = text.strip(" \t\r\n\x0b\x0c")
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(" \t\r\n\x0b\x0c"))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def parse_text(text, parse_mode, entities, *, strict_ampersand: bool = True) -> tuple[str, list[dict]]:
    """Parse a text as Telegram does before checking its length: parse mode (or entities), then trimming.

    An absent text is empty; raises BadRequest for text that is not UTF-8, bad HTML or an unknown parse mode.
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest("Bad Request: text must be encoded in UTF-8") from None
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            text, parsed = parse_html(text, strict_ampersand=strict_ampersand)
        except HtmlParseError as exc:
            raise BadRequest(f"Bad Request: can't parse entities: {exc}") from None
    elif mode in ("", "markdown", "markdownv2"):
        parsed = [dict(e) for e in entities] if isinstance(entities, list) else []
    else:
        raise BadRequest("Bad Request: unsupported parse_mode")
    return _strip_like_telegram(text, parsed)


def with_auto_entities(text: str, parsed: list[dict]) -> list[dict]:
    """``parsed`` plus the entities Telegram detects itself, except inside pre, code and text links."""
    formatted = [e for e in parsed if e["type"] in ("pre", "code", "text_link")]
    auto = [
        a
        for a in find_auto_entities(text)
        if not any(
            f["offset"] < a["offset"] + a["length"] and a["offset"] < f["offset"] + f["length"] for f in formatted
        )
    ]
    return sort_entities(parsed + auto)


def format_text(text, parse_mode, entities, *, strict_ampersand: bool = True) -> tuple[str, list[dict]]:
    """Validate a sendMessage/editMessageText text; return (stored text, entities).

    Raises BadRequest with Telegram's description.
    """
    if text is None or text == "":
        raise BadRequest("Bad Request: message text is empty")
    text, parsed = parse_text(text, parse_mode, entities, strict_ampersand=strict_ampersand)
    if not text:
        raise BadRequest("Bad Request: message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise BadRequest("Bad Request: message is too long")
    return text, with_auto_entities(text, parsed)


def _button_error(what: str) -> BadRequest:
    return BadRequest(f"Bad Request: can't parse inline keyboard button: {what}")


def validate_inline_button(button) -> None:
    """One InlineKeyboardButton: a text plus exactly one action field."""
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise _button_error('Field "text" must be of type String')
    actions = [name for name in _BUTTON_ACTIONS if button.get(name) is not None]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        # Telegram silently uses the first field; the test server insists on exactly one
        raise _button_error(f"exactly one action field must be used, got {', '.join(actions)}")
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
    ):
        raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not _checked_link(url)):
        raise BadRequest("Bad Request: BUTTON_URL_INVALID")


def validate_reply_markup(markup) -> dict | None:
    """Decode and check reply_markup; return it as a dict (None when absent)."""
    if markup is None:
        return None
    if isinstance(markup, str):
        try:
            markup = json.loads(markup)
        except ValueError:
            raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object") from None
    if not isinstance(markup, dict):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise BadRequest(
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                validate_inline_button(button)
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise BadRequest('Bad Request: field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
        for button in (b for row in rows for b in row):
            if not isinstance(button, str) and not (isinstance(button, dict) and isinstance(button.get("text"), str)):
                raise BadRequest(
                    "Bad Request: can't parse keyboard button: KeyboardButton must be a String or an Object"
                )
    elif not (markup.get("remove_keyboard") or markup.get("force_reply")):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    return markup


def validate_inline_results(results, *, strict_ampersand: bool = True) -> list[dict]:
    """answerInlineQuery results: at most 50, unique ids of 1-64 bytes, valid contents."""
    if isinstance(results, str):
        try:
            results = json.loads(results)
        except ValueError:
            results = None
    if not isinstance(results, list):
        raise BadRequest("Bad Request: can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise BadRequest("Bad Request: RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("type"), str):
            raise BadRequest("Bad Request: can't parse inline query result: InlineQueryResult must be an Object")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES:
            raise BadRequest("Bad Request: RESULT_ID_INVALID")
        if result_id in seen:
            raise BadRequest("Bad Request: RESULT_ID_DUPLICATE")
        seen.add(result_id)
        content = result.get("input_message_content")
        if result["type"] == "article" and (not isinstance(result.get("title"), str) or not isinstance(content, dict)):
            raise BadRequest(
                'Bad Request: can\'t parse inline query result: Field "title" and "input_message_content" are required'
            )
        if isinstance(content, dict) and "message_text" in content:
            format_text(
                content["message_text"],
                content.get("parse_mode"),
                content.get("entities"),
                strict_ampersand=strict_ampersand,
            )
        if result.get("reply_markup") is not None:
            validate_reply_markup(result["reply_markup"])
    return results
