"""Chat members on the test Bot API server: getChatMember, getChatAdministrators and the statuses tests set.

Which users the bot "knows" follows Telegram: the bot itself, users it saw in an update (a message,
a button press, an inline query, a poll answer) and users a test gave a status. Anyone else is
"Bad Request: user not found", as the official server answers for a user it never saw.

Statuses in a group, supergroup or channel: what ``set_member_status`` set; otherwise "member" for a
user who sent a message there (or pressed a button on one of its messages) and for the bot itself;
otherwise "left". In a private chat the user and the bot are members and anyone else is
"Bad Request: member not found"; getChatAdministrators there is refused as Telegram refuses it.
Supported statuses: creator, administrator, member, left, kicked ("restricted" needs permission
fields of every Bot API version and is left out).
"""

from __future__ import annotations

import copy

from .botapi_validation import BadRequest

MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")
ADMIN_RIGHTS = {  # an administrator promoted with the apps' defaults (not by this bot)
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_pin_messages": True,
    "can_manage_topics": False,
}
_STATUS_FIELDS = {
    "creator": {"is_anonymous": False},
    "administrator": ADMIN_RIGHTS,
    "member": {},
    "left": {},
    "kicked": {"until_date": 0},  # 0: for ever
}


class MembersMixin:
    """``set_member_status`` and the member queries; ``_saw`` learns users from the updates queued for the bot."""

    def _init_members(self) -> None:
        self._known_users: dict[int, dict] = {}
        self._statuses: dict[int, dict[int, tuple[str, dict]]] = {}  # chat id -> user id -> (status, fields)
        self._seen_in_chat: dict[int, set[int]] = {}

    def _saw(self, kind: str, payload: dict) -> None:
        """Called for every queued update: its users become known, a message's sender a member of its chat."""
        for key in ("from", "user"):
            person = payload.get(key)
            if isinstance(person, dict) and isinstance(person.get("id"), int):
                self._known_users[person["id"]] = _public(person)
        sender = payload.get("from")
        where = payload if kind in ("message", "edited_message") else payload.get("message") or {}
        chat = where.get("chat")
        if isinstance(sender, dict) and isinstance(chat, dict):
            self._seen_in_chat.setdefault(chat["id"], set()).add(sender["id"])

    def set_member_status(self, chat, user: dict, status: str, **fields) -> None:
        """Give ``user`` (the bot too: ``server.bot_user``) ``status`` in the group/channel ``chat``.

        ``fields`` override the ChatMember's other fields, e.g. ``custom_title="Guru"`` or an
        administrator's ``can_delete_messages=False``. A chat has one creator.
        """
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}, not {status!r}")
        chat_id = chat["id"] if isinstance(chat, dict) else chat
        with self._cond:
            registered = self._chats.get(chat_id)
            if registered is None:
                raise LookupError(f"no chat {chat_id}; create it with group_chat() first")
            if registered["type"] == "private":
                raise ValueError("a private chat has no member statuses to set")
            statuses = self._statuses.setdefault(chat_id, {})
            owner = next((uid for uid, (st, _) in statuses.items() if st == "creator"), None)
            if status == "creator" and owner not in (None, user["id"]):
                raise ValueError(f"chat {chat_id} already has creator {owner}")
            self._known_users[user["id"]] = _public(user)
            statuses[user["id"]] = (status, dict(fields))

    def _member(self, chat: dict, user_id: int) -> dict:
        user = self._known_users.get(user_id)
        if user_id == self.bot_user["id"]:
            user = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        elif user is None and chat["type"] == "private" and user_id == chat["id"]:  # the chat's own user
            user = {"id": user_id, "is_bot": False, "first_name": chat.get("first_name", "")}
            if chat.get("username"):
                user["username"] = chat["username"]
        if user is None:
            raise BadRequest("Bad Request: user not found")
        if chat["type"] == "private":
            if user_id not in (chat["id"], self.bot_user["id"]):
                raise BadRequest("Bad Request: member not found")
            return {"status": "member", "user": copy.deepcopy(user)}
        status, fields = self._statuses.get(chat["id"], {}).get(user_id, (None, {}))
        if status is None:
            seen = user_id == self.bot_user["id"] or user_id in self._seen_in_chat.get(chat["id"], set())
            status = "member" if seen else "left"
        return {"status": status, "user": copy.deepcopy(user), **_STATUS_FIELDS[status], **fields}

    def _api_getchatmember(self, params: dict) -> dict:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            user_id = params.get("user_id")
            if isinstance(user_id, str) and user_id.strip().isdigit():
                user_id = int(user_id)
            if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
                raise BadRequest("Bad Request: invalid user_id specified")
            return self._member(chat, user_id)

    def _api_getchatadministrators(self, params: dict) -> list:
        """The creator first, then the administrators; bots other than this one are left out."""
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            if chat["type"] == "private":
                raise BadRequest("Bad Request: there are no administrators in the private chat")
            statuses = self._statuses.get(chat["id"], {})
            ranked = sorted(
                (uid for uid, (st, _) in statuses.items() if st in ("creator", "administrator")),
                key=lambda uid: statuses[uid][0] != "creator",
            )
            members = [self._member(chat, uid) for uid in ranked]
            return [m for m in members if not m["user"].get("is_bot") or m["user"]["id"] == self.bot_user["id"]]


def _public(user: dict) -> dict:
    """A User as others see it: without the language_code only its own updates carry."""
    return {k: v for k, v in user.items() if k != "language_code"}
