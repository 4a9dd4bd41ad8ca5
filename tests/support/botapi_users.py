"""The users' side of the test Bot API server: chats, messages, button presses, inline queries."""

from __future__ import annotations

import copy
import itertools
import time

from .botapi_validation import find_auto_entities


class UsersMixin:
    """What the test (playing the users) does; each action queues an update for the bot."""

    def _init_users(self) -> None:
        self._update_ids = itertools.count(100000001)
        self._query_ids = itertools.count(4800000000000000001)
        self._file_ids = itertools.count(1)
        self._chats: dict[int, dict] = {}
        self._messages: dict[int, dict[int, dict]] = {}
        self._last_message_id: dict[int, int] = {}
        self._open_queries: dict[str, str] = {}  # query id -> "callback_query" | "inline_query"

    def user(self, user_id: int, first_name: str = "Siswa", username: str | None = None) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "id"}
        if username:
            user["username"] = username
        return user

    def private_chat(self, user: dict) -> dict:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        return self._register_chat(chat)

    def group_chat(self, chat_id: int, title: str = "Kelas PKn", type: str = "supergroup") -> dict:
        return self._register_chat({"id": chat_id, "type": type, "title": title})

    def _register_chat(self, chat: dict) -> dict:
        with self._cond:
            self._chats.setdefault(chat["id"], dict(chat))
            self._messages.setdefault(chat["id"], {})
        return dict(chat)

    def _new_message(self, chat: dict, sender: dict, **fields) -> dict:
        with self._cond:
            self._register_chat(chat)
            message_id = self._last_message_id.get(chat["id"], 0) + 1
            self._last_message_id[chat["id"]] = message_id
            message = {
                "message_id": message_id,
                "from": dict(sender),
                "chat": dict(self._chats[chat["id"]]),
                "date": int(time.time()),
                **fields,
            }
            self._messages[chat["id"]][message_id] = message
            return message

    def _stored(self, chat_id, message_id) -> dict | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def send_text(
        self, chat: dict, user: dict, text: str, *, reply_to_message_id: int | None = None, entities: list | None = None
    ) -> dict:
        """A user writes ``text``; Telegram-detected entities are added when ``entities`` is None."""
        fields: dict = {"text": text}
        ents = find_auto_entities(text) if entities is None else entities
        if ents:
            fields["entities"] = ents
        with self._cond:
            if reply_to_message_id is not None:
                target = self._stored(chat["id"], reply_to_message_id)
                if target is None:
                    raise LookupError(f"no message {reply_to_message_id} in chat {chat['id']}")
                fields["reply_to_message"] = _without_reply(target)
            message = self._new_message(chat, user, **fields)
            self.push_update("message", message)
            return copy.deepcopy(message)

    def edit_text(self, chat: dict, user: dict, message_id: int, text: str) -> dict:
        with self._cond:
            message = self._stored(chat["id"], message_id)
            if message is None or message["from"]["id"] != user["id"] or "text" not in message:
                raise LookupError(f"user {user['id']} has no text message {message_id} in chat {chat['id']}")
            message["text"] = text
            message.pop("entities", None)
            if find_auto_entities(text):
                message["entities"] = find_auto_entities(text)
            message["edit_date"] = int(time.time())
            self.push_update("edited_message", message)
            return copy.deepcopy(message)

    def send_sticker(self, chat: dict, user: dict) -> dict:
        file_no = next(self._file_ids)
        sticker = {
            "file_id": f"CAACAgIAAxkBAAE{file_no:08d}",
            "file_unique_id": f"AgAD{file_no:06d}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\U0001f44d",
        }
        return self._push_user_message(chat, user, sticker=sticker)

    def send_photo(self, chat: dict, user: dict, caption: str | None = None) -> dict:
        file_no = next(self._file_ids)
        photo = [
            {
                "file_id": f"AgACAgIAAxkBAAE{file_no:08d}{size}",
                "file_unique_id": f"AQAD{file_no:06d}{size}",
                "width": size,
                "height": size,
                "file_size": size * 40,
            }
            for size in (90, 320, 800)
        ]
        fields: dict = {"photo": photo}
        if caption:
            fields["caption"] = caption
        return self._push_user_message(chat, user, **fields)

    def _push_user_message(self, chat: dict, user: dict, **fields) -> dict:
        with self._cond:
            message = self._new_message(chat, user, **fields)
            self.push_update("message", message)
            return copy.deepcopy(message)

    def press_button(
        self, chat: dict, user: dict, bot_message_id: int, callback_data: str, *, check: bool = True
    ) -> str:
        """A user presses an inline button; with ``check`` the button must exist. Returns the query id."""
        with self._cond:
            message = self._stored(chat["id"], bot_message_id)
            if check:
                buttons = (
                    []
                    if message is None
                    else [
                        b.get("callback_data")
                        for row in message.get("reply_markup", {}).get("inline_keyboard", [])
                        for b in row
                    ]
                )
                if callback_data not in buttons:
                    raise LookupError(
                        f"message {bot_message_id} in chat {chat['id']} has no button "
                        f"{callback_data!r}; buttons: {buttons}"
                    )
            query_id = str(next(self._query_ids))
            query = {
                "id": query_id,
                "from": dict(user),
                "chat_instance": f"-{abs(chat['id'])}77",
                "data": callback_data,
                "message": copy.deepcopy(message)
                if message
                else {"chat": dict(chat), "message_id": bot_message_id, "date": 0},
            }
            self._open_queries[query_id] = "callback_query"
            self.push_update("callback_query", query)
            return query_id

    def inline_query(self, user: dict, query: str, offset: str = "") -> str:
        with self._cond:
            query_id = str(next(self._query_ids))
            self._open_queries[query_id] = "inline_query"
            self.push_update(
                "inline_query",
                {"id": query_id, "from": dict(user), "query": query, "offset": offset, "chat_type": "sender"},
            )
            return query_id

    def push_update(self, kind: str, payload: dict) -> dict:
        """Queue an arbitrary update (``kind`` is the Update field, e.g. "my_chat_member")."""
        with self._cond:
            update = {"update_id": next(self._update_ids), kind: copy.deepcopy(payload)}
            self._saw(kind, payload)
            self._updates.append(update)
            self._pending.append(update)
            self._changed()
            return copy.deepcopy(update)


def _without_reply(message: dict) -> dict:
    """Telegram nests reply_to_message one level deep only."""
    reply = copy.deepcopy(message)
    reply.pop("reply_to_message", None)
    return reply
