"""Telegram's HTML parse mode for the test Bot API server: a port of tdlib's ``parse_html``.

The parser follows td/telegram/MessageEntity.cpp, so byte offsets and error texts match what
Telegram answers. One deliberate difference: with ``strict_ampersand`` (the default) a bare ``&``
that is not an entity is rejected, where Telegram keeps it literally, because it almost always
means unescaped user text.
"""

from __future__ import annotations

import re

_SUPPORTED_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    ]
)
_SIMPLE_TAG_TYPES = {
    "i": "italic",
    "em": "italic",
    "b": "bold",
    "strong": "bold",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
# tdlib's MessageEntity::get_type_priority, used to order entities that share a range
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_TD_SPACE = frozenset(b" \t\r\n\x00\x0b\x0c")  # td::is_space; NUL doubles as end of text


class HtmlParseError(Exception):
    """tdlib's parse error message, without the "can't parse entities: " prefix."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _at(data: bytes, i: int) -> int:
    return data[i] if i < len(data) else 0


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int]:
    """(code point, position after the entity) or (0, pos) when there is no valid entity."""
    end = pos + 1
    code = 0
    if _at(data, end) == ord("#"):
        end += 1
        if _at(data, end) == ord("x"):
            end += 1
            while _at(data, end) and chr(data[end]) in "0123456789abcdefABCDEF":
                code = code * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while ord("0") <= _at(data, end) <= ord("9"):
                code = code * 10 + data[end] - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while chr(_at(data, end)).isascii() and chr(_at(data, end)).isalpha():
            end += 1
        code = {b"lt": 0x3C, b"gt": 0x3E, b"amp": 0x26, b"quot": 0x22}.get(data[pos + 1 : end], 0)
        if not code:
            return 0, pos
    return code, end + 1 if _at(data, end) == ord(";") else end


def _checked_link(url: str) -> str:
    """A rough LinkManager::get_checked_link: '' when unusable, else the normalised URL."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return ""
    if "://" not in url and not url.startswith(("tg:", "mailto:")):
        url = "http://" + url
    if re.fullmatch(r"https?://[^/?#]+", url):
        url += "/"
    return url


def _read_start_tag(data: bytes, i: int, begin: int) -> tuple[str, str, int]:
    """Parse ``<tag attr=value ...>`` from just after ``<``; returns (tag, argument, i at '>')."""
    while _at(data, i) not in _TD_SPACE and _at(data, i) != ord(">"):
        i += 1
    if _at(data, i) == 0:
        raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
    tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
    if tag not in _SUPPORTED_TAGS:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
    argument = ""
    while _at(data, i) != ord(">"):
        while _at(data, i) and _at(data, i) in _TD_SPACE:
            i += 1
        if _at(data, i) == ord(">"):
            break
        name_begin = i
        while _at(data, i) not in _TD_SPACE and _at(data, i) not in b"=>":
            i += 1
        name = data[name_begin:i].decode("utf-8", "replace")
        if not name:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while _at(data, i) and _at(data, i) in _TD_SPACE:
            i += 1
        if _at(data, i) != ord("="):
            if tag == "blockquote" and name == "expandable":
                argument = "expandable"
                continue
            raise HtmlParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset {begin}'
            )
        i += 1
        while _at(data, i) and _at(data, i) in _TD_SPACE:
            i += 1
        if _at(data, i) == 0:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        value = bytearray()
        if _at(data, i) not in b"'\"":
            token_begin = i
            while chr(_at(data, i)).isascii() and (chr(_at(data, i)).isalnum() or _at(data, i) in b".-"):
                i += 1
            value += data[token_begin:i].lower()
            if _at(data, i) not in _TD_SPACE and _at(data, i) != ord(">"):
                raise HtmlParseError(f"Unexpected end of name token at byte offset {token_begin}")
        else:
            quote = data[i]
            i += 1
            while _at(data, i) != quote and _at(data, i) != 0:
                if data[i] == ord("&"):
                    code, after = _decode_html_entity(data, i)
                    if code:
                        value += chr(code).encode("utf-8", "surrogatepass")
                        i = after
                        continue
                value.append(data[i])
                i += 1
            if _at(data, i) == quote:
                i += 1
        if _at(data, i) == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        text_value = value.decode("utf-8", "replace")
        if tag == "a" and name == "href":
            argument = text_value
        elif tag == "code" and name == "class" and text_value.startswith("language-"):
            argument = text_value[len("language-") :]
        elif tag == "span" and name == "class" and text_value.startswith("tg-"):
            argument = text_value[len("tg-") :]
        elif tag == "tg-emoji" and name == "emoji-id":
            argument = text_value
    if tag == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return tag, argument, i


def _close_entity(tag: str, argument: str, offset: int, length: int, inner: str, entities: list[dict]) -> None:
    """Append the entity a closed tag produces (tdlib merges <pre><code class=...>)."""
    entity: dict = {"type": _SIMPLE_TAG_TYPES.get(tag, tag), "offset": offset, "length": length}
    last = entities[-1] if entities else None
    same_range = last is not None and last["offset"] == offset and last["length"] == length
    if tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        entity = {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": argument}
    elif tag == "a":
        url = argument or inner
        user = re.fullmatch(r"tg://user\?id=(\d+)", url)
        if user:
            entity = {
                "type": "text_mention",
                "offset": offset,
                "length": length,
                "user": {"id": int(user.group(1)), "is_bot": False, "first_name": ""},
            }
        elif _checked_link(url):
            entity = {"type": "text_link", "offset": offset, "length": length, "url": _checked_link(url)}
        else:
            return
    elif tag == "pre" and same_range and last["type"] == "code" and last.get("language"):
        last["type"] = "pre"
        return
    elif tag == "code":
        if same_range and last["type"] == "pre" and argument:
            last["language"] = argument
            return
        if argument:
            entity["language"] = argument  # dropped below unless a <pre> claims it
    elif tag == "blockquote":
        entity["type"] = "expandable_blockquote" if argument == "expandable" else "blockquote"
    entities.append(entity)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict]]:
    """Telegram's HTML parse mode: returns (plain text, Bot API entity dicts).

    Raises HtmlParseError with tdlib's message (byte offsets are UTF-8 offsets).
    """
    data = text.encode("utf-8", "surrogatepass")
    result = bytearray()
    entities: list[dict] = []
    stack: list[tuple[str, str, int, int]] = []  # tag, argument, utf16 offset, result position
    utf16_offset = 0
    i = 0
    while i < len(data):
        c = data[i]
        if c == ord("&"):
            code, after = _decode_html_entity(data, i)
            if code:
                utf16_offset += 2 if code > 0xFFFF else 1
                result += chr(code).encode("utf-8", "surrogatepass")
                i = after
                continue
            if strict_ampersand:
                raise HtmlParseError(f'Character "&" at byte offset {i} must be escaped as "&amp;"')
        if c != ord("<"):
            if c & 0xC0 != 0x80:
                utf16_offset += 2 if c >= 0xF0 else 1
            result.append(c)
            i += 1
            continue
        begin = i
        i += 1
        if _at(data, i) != ord("/"):
            tag, argument, i = _read_start_tag(data, i, begin)
            stack.append((tag, argument, utf16_offset, len(result)))
            i += 1
            continue
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        while _at(data, i) not in _TD_SPACE and _at(data, i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while _at(data, i) and _at(data, i) in _TD_SPACE:
            i += 1
        if _at(data, i) != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, result_pos = stack.pop()
        if end_tag and end_tag != tag:
            raise HtmlParseError(f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", found "</{end_tag}>"')
        if utf16_offset > offset:
            inner = result[result_pos:].decode("utf-8", "replace")
            _close_entity(tag, argument, offset, utf16_offset - offset, inner, entities)
        i += 1
    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    try:
        plain = result.decode("utf-8")
    except UnicodeDecodeError:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        ) from None
    return plain, sort_entities(entities)


def sort_entities(entities: list[dict]) -> list[dict]:
    """tdlib order: by offset, longer first, then by type priority."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
