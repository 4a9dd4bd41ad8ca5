"""Polls on the test Bot API server: sendPoll, stopPoll, closing by time, and users' votes.

A poll is stored once; its message's ``poll`` is that same object, so ``message()`` shows the current
counts. The Poll the bot sees has the fields python-telegram-bot 22.8 needs to read it (Bot API 9.6
and later: ``correct_option_ids`` instead of ``correct_option_id``, ``allows_revoting``,
``members_only``, each option's ``persistent_id``; a PollAnswer's ``option_persistent_ids``); a quiz
shows its correct option to the bot that sent it, as Telegram does. While open, a poll with a closing
time shows ``open_period`` and ``close_date``; once closed it shows neither, as tdlib reports it.

Every change of a poll queues a ``poll`` update with its new state (a vote, stopPoll, the closing
time), and a vote in a non-anonymous poll a ``poll_answer`` update before it; Telegram sends both only
to the bot that sent the poll, which here is every poll. A closing time runs on a timer thread, scaled
by ``poll_time_scale`` (``BotApiServer(..., poll_time_scale=0.02)`` closes a 5-second poll after
0.1 s; the Poll still says 5), and is also checked whenever a vote, stopPoll or ``latest_poll`` comes;
``expire_poll`` makes it arrive at once.
"""

from __future__ import annotations

import copy
import itertools
import threading
import time

from .botapi_methods import _bot_sender
from .botapi_poll_validation import read_poll
from .botapi_validation import BadRequest, validate_reply_markup


class PollClosed(Exception):
    """A user tried to vote in a closed poll (Telegram's apps no longer offer it); nothing changed."""


class PollsMixin:
    """sendPoll/stopPoll, ``answer_poll``/``latest_poll``/``expire_poll`` and the closing timers."""

    poll_time_scale: float

    def _init_polls(self) -> None:
        self._polls: dict[str, dict] = {}  # poll id -> {"poll", "chat_id", "message_id", "deadline", "votes", ...}
        self._poll_ids = itertools.count(5300000000000000001)
        self._poll_timers: dict[str, threading.Timer] = {}

    # ------------------------------------------------------------------ API
    def _api_sendpoll(self, params: dict) -> dict:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            markup = validate_reply_markup(params.get("reply_markup"))
            now = int(time.time())
            spec = read_poll(params, now=now, strict_ampersand=self.strict_ampersand)
            fields: dict = {}
            reply_to = self._reply_target(chat, params)
            if reply_to:
                fields["reply_to_message"] = reply_to
            fields["poll"] = poll = _new_poll(str(next(self._poll_ids)), spec)
            if markup and "inline_keyboard" in markup:
                fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
            message = self._new_message(chat, _bot_sender(self.bot_user), **fields)
            record = {
                "poll": poll,
                "chat_id": chat["id"],
                "message_id": message["message_id"],
                "correct_option_id": spec["correct_option_id"],
                "deadline": None,
                "votes": {},  # user id -> option ids
            }
            self._polls[poll["id"]] = record
            if spec["open_period"] is not None and not poll["is_closed"]:
                delay = max(spec["close_date"] - now, 0) * self.poll_time_scale
                record["deadline"] = time.monotonic() + delay
                timer = threading.Timer(delay, self._poll_time_is_up, (poll["id"],))
                timer.daemon = True
                self._poll_timers[poll["id"]] = timer
                timer.start()
            self._snapshot(chat["id"], message, "sent", "sendPoll", params, markup)
            return copy.deepcopy(message)

    def _api_stoppoll(self, params: dict) -> dict:
        with self._cond:
            chat = self._chat(params.get("chat_id"))
            markup = validate_reply_markup(params.get("reply_markup"))
            if markup is not None and "inline_keyboard" not in markup:
                raise BadRequest("Bad Request: inline keyboard expected")
            message = self._stored(chat["id"], params.get("message_id"))
            if message is None:
                raise BadRequest("Bad Request: message with poll to stop not found")
            if "poll" not in message:
                raise BadRequest("Bad Request: message is not a poll")
            if message["from"]["id"] != self.bot_user["id"]:
                raise BadRequest("Bad Request: poll can't be stopped")
            record = self._polls[message["poll"]["id"]]
            self._close_if_due(record)
            if record["poll"]["is_closed"]:
                raise BadRequest("Bad Request: poll has already been closed")
            if markup is not None:
                message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
            else:
                message.pop("reply_markup", None)  # as an edit without reply_markup
            self._close_poll(record)
            self._snapshot(chat["id"], message, "edited", "stopPoll", params, markup)
            return copy.deepcopy(record["poll"])

    # ------------------------------------------------------ closing times
    def _close_poll(self, record: dict) -> None:
        poll = record["poll"]
        poll["is_closed"] = True
        poll.pop("open_period", None)
        poll.pop("close_date", None)
        record["deadline"] = None
        timer = self._poll_timers.pop(poll["id"], None)
        if timer is not None:
            timer.cancel()
        self.push_update("poll", poll)

    def _close_if_due(self, record: dict) -> None:
        deadline = record["deadline"]
        if deadline is not None and time.monotonic() >= deadline and not record["poll"]["is_closed"]:
            self._close_poll(record)

    def _poll_time_is_up(self, poll_id: str) -> None:
        with self._cond:
            record = self._polls.get(poll_id)
            if record is not None and not record["poll"]["is_closed"] and record["deadline"] is not None:
                self._close_poll(record)

    def _cancel_poll_timers(self) -> None:
        with self._cond:
            timers, self._poll_timers = list(self._poll_timers.values()), {}
        for timer in timers:
            timer.cancel()

    def expire_poll(self, poll_ref) -> dict:
        """The poll's closing time arrives now (whatever its open_period): it closes and a ``poll`` update is queued.

        ``poll_ref`` is as for ``answer_poll``. Raises PollClosed if it is closed already. Returns the Poll.
        """
        with self._cond:
            record = self._poll_record(poll_ref)
            if record["poll"]["is_closed"]:
                raise PollClosed(f"poll {record['poll']['id']} is closed already")
            self._close_poll(record)
            return copy.deepcopy(record["poll"])

    # ------------------------------------------------------- users' side
    def _poll_record(self, poll_ref) -> dict:
        """A poll by its message (a dict with "poll"), its id (str), or its chat (dict or id: the latest there)."""
        if isinstance(poll_ref, dict) and "message_id" in poll_ref:
            poll = poll_ref.get("poll")
            record = self._polls.get(poll["id"]) if isinstance(poll, dict) else None
        elif isinstance(poll_ref, str) and poll_ref in self._polls:
            record = self._polls[poll_ref]
        else:
            chat_id = poll_ref["id"] if isinstance(poll_ref, dict) else poll_ref
            record = next(
                (r for r in reversed(self._polls.values()) if r["chat_id"] == chat_id and self._alive(r)), None
            )
        if record is None or not self._alive(record):
            raise LookupError(f"no poll of the bot found for {poll_ref!r}")
        return record

    def _alive(self, record: dict) -> bool:
        return self._stored(record["chat_id"], record["message_id"]) is not None  # not deleted

    def answer_poll(self, user: dict, poll_ref, option_ids) -> dict:
        """``user`` votes for ``option_ids`` (0-based; a list, or one int) in a poll of the bot; [] retracts the vote.

        ``poll_ref`` is the poll's message (e.g. from ``latest_poll``), its id, or a chat (its latest
        poll). Queues a ``poll_answer`` update (non-anonymous polls only) and a ``poll`` update with the
        new counts; a vote that changes nothing queues none. Raises PollClosed for a closed poll, and
        ValueError for what Telegram's apps do not allow: an option the poll lacks, several options
        without allows_multiple_answers, changing or retracting a vote where revoting is not allowed
        (a quiz). Returns the Poll as it is now.
        """
        with self._cond:
            record = self._poll_record(poll_ref)
            self._close_if_due(record)
            poll = record["poll"]
            if poll["is_closed"]:
                raise PollClosed(f"poll {poll['id']} is closed; {user['id']} can't vote")
            chosen = sorted({option_ids} if isinstance(option_ids, int) else set(option_ids))
            if any(not isinstance(i, int) or not 0 <= i < len(poll["options"]) for i in chosen):
                raise ValueError(f"poll {poll['id']} has options 0-{len(poll['options']) - 1}, not {option_ids}")
            if len(chosen) > 1 and not poll["allows_multiple_answers"]:
                raise ValueError(f"poll {poll['id']} allows one answer, not {option_ids}")
            previous = record["votes"].get(user["id"])
            if previous == chosen or (previous is None and not chosen):
                return copy.deepcopy(poll)
            if previous is not None and not poll["allows_revoting"]:
                raise ValueError(f"poll {poll['id']} does not allow changing a vote ({poll['type']})")
            for i in previous or []:
                poll["options"][i]["voter_count"] -= 1
            for i in chosen:
                poll["options"][i]["voter_count"] += 1
            if chosen:
                record["votes"][user["id"]] = chosen
            else:
                del record["votes"][user["id"]]
            poll["total_voter_count"] = len(record["votes"])
            if not poll["is_anonymous"]:
                answer = {
                    "poll_id": poll["id"],
                    "user": dict(user),
                    "option_ids": chosen,
                    "option_persistent_ids": [poll["options"][i]["persistent_id"] for i in chosen],
                }
                self.push_update("poll_answer", answer)
            self.push_update("poll", poll)
            return copy.deepcopy(poll)

    def latest_poll(self, chat_id) -> dict | None:
        """The current state of the bot's latest poll message in ``chat_id`` (a chat dict or id), or None.

        Besides the Message fields: "_correct_option_id" (a quiz's answer, else None) and "_votes"
        (user id -> option ids).
        """
        chat_id = chat_id["id"] if isinstance(chat_id, dict) else chat_id
        with self._cond:
            try:
                record = self._poll_record(chat_id)
            except LookupError:
                return None
            self._close_if_due(record)
            message = copy.deepcopy(self._stored(record["chat_id"], record["message_id"]))
            message["_correct_option_id"] = record["correct_option_id"]
            message["_votes"] = copy.deepcopy(record["votes"])
            return message


def _new_poll(poll_id: str, spec: dict) -> dict:
    """The Poll object the bot sees (for the bot that sent it)."""
    options = []
    for position, (text, entities) in enumerate(spec["options"]):
        option: dict = {"text": text}
        if entities:
            option["text_entities"] = entities
        option.update(voter_count=0, persistent_id=str(position))
        options.append(option)
    poll: dict = {"id": poll_id, "question": spec["question"]}
    if spec["question_entities"]:
        poll["question_entities"] = spec["question_entities"]
    poll.update(
        options=options,
        total_voter_count=0,
        is_closed=spec["is_closed"],
        is_anonymous=spec["is_anonymous"],
        type=spec["type"],
        allows_multiple_answers=spec["allows_multiple_answers"],
        allows_revoting=spec["allows_revoting"],
        members_only=spec["members_only"],
    )
    if spec["type"] == "quiz":
        poll["correct_option_ids"] = [spec["correct_option_id"]]
        if spec["explanation"]:
            poll["explanation"] = spec["explanation"]
            if spec["explanation_entities"]:
                poll["explanation_entities"] = spec["explanation_entities"]
    if spec["open_period"] is not None and not spec["is_closed"]:
        poll.update(open_period=spec["open_period"], close_date=spec["close_date"])
    return poll
