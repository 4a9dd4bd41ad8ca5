"""Telegram's checks on sendPoll for the test Bot API server: question, options, quiz fields, closing times.

The order and most texts are the official server's and tdlib's (``create_input_message_content`` for
polls): the question's and options' formatting, then their lengths and count, then the quiz's correct
option, then the explanation. The question and every option are parsed like message texts (parse
mode or entities, trimmed) and keep only custom emoji entities, as tdlib keeps them.

Limits are Bot API 7.x/8.x's: 2-10 options, ``open_period`` 5-600 seconds. A few descriptions are the
test server's own, in Telegram's style, because the real text could not be confirmed: the
explanation's length and line feeds, ``open_period``/``close_date`` out of range, and
``QUIZ_MULTIPLE_INVALID`` (the official server silently drops ``allows_multiple_answers`` for a quiz;
the test server refuses it so the bot's mistake shows in tests). Duplicate option texts are allowed,
as Telegram allows them.

Both spellings of the quiz's answer are read: ``correct_option_id`` (Bot API 7.x/8.x) and
``correct_option_ids`` (Bot API 9.6, which python-telegram-bot 22.8 sends even when the bot passes
``correct_option_id``). A quiz has exactly one correct option here.
"""

from __future__ import annotations

import json

from .botapi_validation import BadRequest, parse_text, with_auto_entities

MAX_QUESTION_LENGTH = 300  # Unicode code points after entity parsing, like tdlib's utf8_length
MAX_OPTION_LENGTH = 100
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_EXPLANATION_LENGTH = 200
MAX_EXPLANATION_LINE_FEEDS = 2
MIN_OPEN_PERIOD, MAX_OPEN_PERIOD = 5, 600
WRONG_CORRECT_OPTION = "Bad Request: wrong correct option ID specified"
_OPTION_ERROR = "Bad Request: can't parse InputPollOption: "


def flag(value, default: bool) -> bool:
    """A Boolean parameter as the Bot API reads it: "true", "yes" or "1" (any case) are true."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().lower() in ("true", "yes", "1")


def integer(params: dict, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and int(value) == value:
        return int(value)
    raise BadRequest(f"Bad Request: wrong parameter {name} in request")


def _emoji_only(entities: list[dict]) -> list[dict]:
    return [e for e in entities if e.get("type") == "custom_emoji"]


def _read_options(raw, strict_ampersand: bool) -> list[tuple[str, list[dict]]]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    if raw is None:
        raise BadRequest("Bad Request: can't parse options JSON object")
    if not isinstance(raw, list):
        raise BadRequest("Bad Request: expected an Array of InputPollOption")
    options = []
    for option in raw:
        if isinstance(option, str):
            option = {"text": option}
        if not isinstance(option, dict):
            raise BadRequest(_OPTION_ERROR + "Expected InputPollOption to be an Object")
        if not isinstance(option.get("text"), str):
            raise BadRequest(_OPTION_ERROR + 'Can\'t find field "text"')
        text, entities = parse_text(
            option["text"],
            option.get("text_parse_mode"),
            option.get("text_entities"),
            strict_ampersand=strict_ampersand,
        )
        options.append((text, _emoji_only(entities)))
    return options


def _correct_option(params: dict, option_count: int) -> int:
    """The quiz's one correct option, from correct_option_ids (Bot API 9.6) or correct_option_id."""
    ids = params.get("correct_option_ids")
    if isinstance(ids, str):
        try:
            ids = json.loads(ids)
        except ValueError:
            raise BadRequest(WRONG_CORRECT_OPTION) from None
    if ids is not None:
        if not isinstance(ids, list) or len(ids) != 1:
            raise BadRequest(WRONG_CORRECT_OPTION)  # several correct options (9.6) are not modelled
        candidate = ids[0]
    else:
        candidate = params.get("correct_option_id")
    try:
        correct = integer({"id": candidate}, "id")
    except BadRequest:
        correct = None
    if correct is None or not 0 <= correct < option_count:  # the official server reads a missing one as -1
        raise BadRequest(WRONG_CORRECT_OPTION)
    return correct


def read_poll(params: dict, *, now: int, strict_ampersand: bool = True) -> dict:
    """Check sendPoll's parameters; return the poll's settings (question, options, type, quiz fields, closing).

    Raises BadRequest with Telegram's description.
    """
    kind = params.get("type") or "regular"
    if kind not in ("regular", "quiz"):
        raise BadRequest("Bad Request: unsupported poll type specified")
    question, question_entities = parse_text(
        params.get("question"),
        params.get("question_parse_mode"),
        params.get("question_entities"),
        strict_ampersand=strict_ampersand,
    )
    options = _read_options(params.get("options"), strict_ampersand)
    explanation, explanation_entities = "", []
    if kind == "quiz":
        explanation, parsed = parse_text(
            params.get("explanation"),
            params.get("explanation_parse_mode"),
            params.get("explanation_entities"),
            strict_ampersand=strict_ampersand,
        )
        explanation_entities = with_auto_entities(explanation, parsed) if explanation else []
    if not question:
        raise BadRequest("Bad Request: text must be non-empty")
    if len(question) > MAX_QUESTION_LENGTH:
        raise BadRequest(f"Bad Request: poll question length must not exceed {MAX_QUESTION_LENGTH}")
    if len(options) < MIN_OPTIONS:
        raise BadRequest("Bad Request: poll must have at least 2 option")  # sic, tdlib's text
    if len(options) > MAX_OPTIONS:
        raise BadRequest(f"Bad Request: poll can't have more than {MAX_OPTIONS} options")
    for text, _ in options:
        if not text:
            raise BadRequest("Bad Request: text must be non-empty")
        if len(text) > MAX_OPTION_LENGTH:
            raise BadRequest(f"Bad Request: poll options length must not exceed {MAX_OPTION_LENGTH}")
    multiple = flag(params.get("allows_multiple_answers"), False)
    correct = None
    if kind == "quiz":
        correct = _correct_option(params, len(options))
        if len(explanation) > MAX_EXPLANATION_LENGTH:
            raise BadRequest(f"Bad Request: quiz explanation must have at most {MAX_EXPLANATION_LENGTH} characters")
        if explanation.count("\n") > MAX_EXPLANATION_LINE_FEEDS:
            raise BadRequest(f"Bad Request: quiz explanation must have at most {MAX_EXPLANATION_LINE_FEEDS} line feeds")
        if multiple:
            raise BadRequest("Bad Request: QUIZ_MULTIPLE_INVALID")
    open_period, close_date = integer(params, "open_period"), integer(params, "close_date")
    if open_period is not None and not MIN_OPEN_PERIOD <= open_period <= MAX_OPEN_PERIOD:
        raise BadRequest(f"Bad Request: open_period must be from {MIN_OPEN_PERIOD} to {MAX_OPEN_PERIOD} seconds")
    if open_period is not None:
        close_date = now + open_period  # tdlib ignores close_date beside open_period
    elif close_date is not None:
        if not MIN_OPEN_PERIOD <= close_date - now <= MAX_OPEN_PERIOD:
            raise BadRequest(
                f"Bad Request: close_date must be from {MIN_OPEN_PERIOD} to {MAX_OPEN_PERIOD} seconds in the future"
            )
        open_period = close_date - now
    return {
        "question": question,
        "question_entities": _emoji_only(question_entities),
        "options": options,
        "type": kind,
        "is_anonymous": flag(params.get("is_anonymous"), True),
        "allows_multiple_answers": multiple,
        "allows_revoting": flag(params.get("allows_revoting"), kind == "regular"),  # Bot API 9.6
        "members_only": flag(params.get("members_only"), False),
        "correct_option_id": correct,
        "explanation": explanation,
        "explanation_entities": explanation_entities,
        "open_period": open_period,
        "close_date": close_date,
        "is_closed": flag(params.get("is_closed"), False),
    }
