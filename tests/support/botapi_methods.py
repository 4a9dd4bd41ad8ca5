"""The Bot API methods the test server implements (except updates and webhooks): messages, queries, commands.

Each ``_api_<method>`` takes the decoded parameters and returns the ``result``; errors are raised
as ``BadRequest``/``ApiError`` with Telegram's own descriptions.
"""

from __future__ import annotations

import copy
import json
import re
import time

from .botapi_users import _without_reply
from .botapi_validation import BadRequest, format_text, validate_inline_results, validate_reply_markup

QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)


class MethodsMixin:
    """sendMessage, edits, callback and inline answers, chat actions and the command menu."""

    def _init_methods(self) -> None:
        self._bot_messages: dict[int, list[dict]] = {}
        self._commands: dict[str, list] = {}

    def _chat(self, chat_id) -> dict:
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            chat_id = int(chat_id)
        chat = self._chats.get(chat_id)
        if chat is None and isinstance(chat_id, str):
            chat = next(
                (c for c in self._chats.values() if chat_id.startswith("@") and c.get("username") == chat_id[1:]), None
            )
        if chat is None:
            raise BadRequest("Bad Request: chat not found")
        return chat

    def _reply_target(self, chat: dict, params: dict) -> dict | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id, allow = reply.get("message_id"), reply.get("allow_sending_without_reply")
            target_chat = self._chat(reply["chat_id"]) if reply.get("chat_id") is not None else chat
        elif params.get("reply_to_message_id") is not None:
            message_id, allow = params["reply_to_message_id"], params.get("allow_sending_without_reply")
            target_chat = chat
        else:
            return None
        target = self._stored(target_chat["id"], message_id)
        if target is None and not allow:
            raise BadRequest("Bad Request: message to be replied not found")
        return _without_reply(target) if target else None

    def _snapshot(self, chat_id: int, message: dict, event: str, method: str, params: dict, markup) -> None:
        self._bot_messages.setdefault(chat_id, []).append(
            {
                **copy.deepcopy(message),
                "_event": event,
                "_method": method,
                "_raw_text": params.get("text"),
                "_parse_mode": params.get("parse_mode"),
                "_reply_markup": copy.deepcopy(markup),
            }
        )
        self._changed()

    def _format(self, params: dict) -> tuple[str, list]:
        return format_text(
            params.get("text"), params.get("parse_mode"), params.get("entities"), strict_ampersand=self.strict_ampersand
        )

    def _api_getme(self, params: dict) -> dict:
        return dict(self.bot_user)

    def _api_logout(self, params: dict) -> bool:
        return True

    _api_close = _api_logout

    def _api_sendmessage(self, params: dict) -> dict:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            text, entities = self._format(params)
            markup = validate_reply_markup(params.get("reply_markup"))
            fields: dict = {"text": text}
            if entities:
                fields["entities"] = entities
            reply_to = self._reply_target(chat, params)
            if reply_to:
                fields["reply_to_message"] = reply_to
            if markup and "inline_keyboard" in markup:
                fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
            message = self._new_message(chat, _bot_sender(self.bot_user), **fields)
            self._snapshot(chat["id"], message, "sent", "sendMessage", params, markup)
            return copy.deepcopy(message)

    def _bot_message_to_edit(self, params: dict) -> dict:
        chat = self._chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise BadRequest("Bad Request: message identifier is not specified")
        message = self._stored(chat["id"], params["message_id"])
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise BadRequest("Bad Request: message can't be edited")
        return message

    def _apply_edit(self, message: dict, params: dict, method: str, markup, **fields) -> dict:
        new_markup = {"inline_keyboard": markup["inline_keyboard"]} if markup and "inline_keyboard" in markup else None
        current = {k: message.get(k) for k in fields}
        if current == fields and message.get("reply_markup") == new_markup:
            raise BadRequest(NOT_MODIFIED)
        for key, value in {**fields, "reply_markup": new_markup}.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(time.time())
        self._snapshot(message["chat"]["id"], message, "edited", method, params, markup)
        return copy.deepcopy(message)

    def _api_editmessagetext(self, params: dict):
        with self._cond:
            text, entities = self._format(params)
            markup = validate_reply_markup(params.get("reply_markup"))
            if params.get("inline_message_id"):
                return True
            message = self._bot_message_to_edit(params)
            if "text" not in message:
                raise BadRequest("Bad Request: there is no text in the message to edit")
            return self._apply_edit(message, params, "editMessageText", markup, text=text, entities=entities or None)

    def _api_editmessagereplymarkup(self, params: dict):
        with self._cond:
            markup = validate_reply_markup(params.get("reply_markup"))
            if params.get("inline_message_id"):
                return True
            return self._apply_edit(self._bot_message_to_edit(params), params, "editMessageReplyMarkup", markup)

    def _api_deletemessage(self, params: dict) -> bool:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            if self._messages[chat["id"]].pop(params.get("message_id"), None) is None:
                raise BadRequest("Bad Request: message to delete not found")
            return True

    def _answer_query(self, query_id, kind: str) -> None:
        if self._open_queries.get(query_id) != kind:
            raise BadRequest(QUERY_INVALID)
        del self._open_queries[query_id]

    def _api_answercallbackquery(self, params: dict) -> bool:
        with self._cond:
            self._answer_query(params.get("callback_query_id"), "callback_query")
            return True

    def _api_answerinlinequery(self, params: dict) -> bool:
        with self._cond:
            if self._open_queries.get(params.get("inline_query_id")) != "inline_query":
                raise BadRequest(QUERY_INVALID)
            validate_inline_results(params.get("results"), strict_ampersand=self.strict_ampersand)
            if len(str(params.get("next_offset") or "").encode("utf-8")) > 64:
                raise BadRequest("Bad Request: NEXT_OFFSET_INVALID")
            self._answer_query(params.get("inline_query_id"), "inline_query")
            return True

    def _api_sendchataction(self, params: dict) -> bool:
        with self._cond:
            self._chat(params.get("chat_id"))
            if params.get("action") not in _CHAT_ACTIONS:
                raise BadRequest("Bad Request: wrong parameter action in request")
            return True

    @staticmethod
    def _commands_key(params: dict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _api_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise BadRequest("Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise BadRequest("Bad Request: too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command"))):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not isinstance(command.get("description"), str) or not 1 <= len(command["description"]) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            self._commands[self._commands_key(params)] = copy.deepcopy(commands)
            return True

    def _api_getmycommands(self, params: dict) -> list:
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _api_deletemycommands(self, params: dict) -> bool:
        with self._cond:
            self._commands.pop(self._commands_key(params), None)
            return True


def _bot_sender(bot_user: dict) -> dict:
    return {k: bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
