"""Self-checks of the test server's polls, chat members and forbidden chats, with python-telegram-bot as the client."""

from __future__ import annotations

import time

import pytest
from telegram import (
    ChatMember,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputPollOption,
    Poll,
)
from telegram.error import BadRequest, Forbidden

from .botapi import PollClosed
from .ptb_client import TOKEN, raw_post, run_with_bot

OPTIONS = ["Sila ke-1", "Sila ke-3", "Sila ke-5"]
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Baca materi", callback_data="topic:pancasila")]])


def send_quiz(server, chat, **kwargs):
    params = {"type": Poll.QUIZ, "is_anonymous": False, "correct_option_ids": [1], **kwargs}
    return run_with_bot(
        server, lambda bot: bot.send_poll(chat["id"], "Persatuan Indonesia adalah ...", OPTIONS, **params)
    )


def quiz_call(server, chat, **params) -> tuple[int, dict]:
    body = {"chat_id": chat["id"], "question": "Q?", "options": ["A", "B"], "type": "quiz", "correct_option_id": 0}
    return raw_post(server, f"/bot{TOKEN}/sendPoll", {**body, **params})


def test_send_quiz_poll_with_inline_keyboard(server):
    chat = server.private_chat(server.user(31))
    sent = send_quiz(server, chat, explanation="<b>Sila ke-3</b>", explanation_parse_mode="HTML", open_period=60)
    poll = sent.poll
    assert isinstance(poll.id, str) and poll.id.isdigit() and sent.text is None
    assert (poll.type, poll.is_anonymous, poll.is_closed, poll.allows_multiple_answers) == ("quiz", False, False, False)
    assert [(o.text, o.voter_count) for o in poll.options] == [(text, 0) for text in OPTIONS]
    assert poll.total_voter_count == 0 and poll.correct_option_ids == (1,)  # shown to the bot that sent it
    assert poll.explanation == "Sila ke-3" and [e.type for e in poll.explanation_entities] == ["bold"]
    assert abs(poll.close_date.timestamp() - time.time() - 60) < 3
    assert server.latest_poll(chat)["poll"]["open_period"] == 60  # (PTB warns when its open_period is read)
    stored = server.bot_messages(chat)[-1]
    assert stored["_method"] == "sendPoll" and stored["poll"]["id"] == poll.id and stored["_event"] == "sent"
    latest = server.latest_poll(chat)
    assert latest["message_id"] == sent.message_id and latest["_correct_option_id"] == 1 and latest["_votes"] == {}

    with_keyboard = send_quiz(server, chat, reply_markup=KEYBOARD)
    assert with_keyboard.reply_markup.inline_keyboard[0][0].callback_data == "topic:pancasila"
    assert server.latest_poll(chat["id"])["reply_markup"] == KEYBOARD.to_dict()
    assert "open_period" not in server.latest_poll(chat)["poll"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_send_poll_accepts_both_option_forms_and_the_legacy_correct_option_id(server):
    chat = server.group_chat(-1001000000031)
    sent = run_with_bot(  # PTB 22.8 turns correct_option_id into correct_option_ids, as the bot's code relies on
        server,
        lambda bot: bot.send_poll(chat["id"], "2024", [InputPollOption("A"), "A"], type="quiz", correct_option_id=0),
    )
    assert sent.poll.question == "2024" and sent.poll.correct_option_id == 0  # a number-like text stays text
    assert [o.text for o in sent.poll.options] == ["A", "A"]  # Telegram allows duplicate options
    status, answer = quiz_call(server, chat, options=["  Ya ", {"text": "Tidak"}], correct_option_id=1)
    poll = answer["result"]["poll"]
    assert status == 200 and [o["text"] for o in poll["options"]] == ["Ya", "Tidak"]
    assert poll["correct_option_ids"] == [1] and poll["is_anonymous"] is True and "correct_option_id" not in poll
    status, answer = raw_post(
        server, f"/bot{TOKEN}/sendPoll", {"chat_id": chat["id"], "question": "Setuju?", "options": ["Ya", "Tidak"]}
    )
    assert status == 200 and answer["result"]["poll"]["type"] == "regular"
    assert "correct_option_ids" not in answer["result"]["poll"] and answer["result"]["poll"]["allows_revoting"]
    status, answer = quiz_call(server, chat, close_date=int(time.time()) + 30)
    assert status == 200 and 29 <= answer["result"]["poll"]["open_period"] <= 30
    status, answer = quiz_call(server, chat, close_date=int(time.time()) + 2)
    assert answer["description"] == "Bad Request: close_date must be from 5 to 600 seconds in the future"


@pytest.mark.parametrize(
    "params, description",
    [
        ({"question": "x" * 301}, "poll question length must not exceed 300"),
        ({"question": " "}, "text must be non-empty"),
        ({"options": ["A"]}, "poll must have at least 2 option"),
        ({"options": [f"O{i}" for i in range(11)]}, "poll can't have more than 10 options"),
        ({"options": ["A", "x" * 101]}, "poll options length must not exceed 100"),
        ({"options": ["A", ""]}, "text must be non-empty"),
        ({"options": "A,B"}, "can't parse options JSON object"),
        ({"options": [1, 2]}, "can't parse InputPollOption: Expected InputPollOption to be an Object"),
        ({"correct_option_id": 2}, "wrong correct option ID specified"),
        ({"correct_option_id": -1}, "wrong correct option ID specified"),
        ({"correct_option_id": None}, "wrong correct option ID specified"),
        ({"correct_option_id": None, "correct_option_ids": [0, 1]}, "wrong correct option ID specified"),
        ({"explanation": "e" * 201}, "quiz explanation must have at most 200 characters"),
        ({"explanation": "a\nb\nc\nd"}, "quiz explanation must have at most 2 line feeds"),
        ({"allows_multiple_answers": True}, "QUIZ_MULTIPLE_INVALID"),
        ({"open_period": 4}, "open_period must be from 5 to 600 seconds"),
        ({"open_period": 601}, "open_period must be from 5 to 600 seconds"),
        ({"type": "survey"}, "unsupported poll type specified"),
        ({"question": "<b>x", "question_parse_mode": "HTML"}, "can't parse entities: Can't find end tag"),
        ({"reply_markup": {"inline_keyboard": [[{"text": "t"}]]}}, "can't parse inline keyboard button"),
    ],
)
def test_send_poll_rejects_what_telegram_rejects(server, params, description):
    chat = server.group_chat(-1001000000032)
    status, answer = quiz_call(server, chat, **params)
    assert status == 400 and answer["description"].startswith(f"Bad Request: {description}")
    assert server.bot_messages(chat) == [] and server.latest_poll(chat) is None


def test_send_poll_errors_reach_ptb_as_bad_request(server):
    chat = server.private_chat(server.user(33))
    with pytest.raises(BadRequest, match=r"(?i)poll question length must not exceed 300"):
        run_with_bot(server, lambda bot: bot.send_poll(chat["id"], "x" * 301, ["A", "B"]))
    with pytest.raises(BadRequest, match=r"(?i)wrong correct option id specified"):
        send_quiz(server, chat, correct_option_ids=[3])
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        run_with_bot(server, lambda bot: bot.send_poll(424242, "Q?", ["A", "B"]))


def test_poll_answers_and_counts_arrive_through_get_updates(server):
    chat, alice, budi = server.group_chat(-1001000000034), server.user(34, "Alice"), server.user(35, "Budi")
    sent = send_quiz(server, chat)
    server.answer_poll(alice, chat, [0])  # wrong
    after = server.answer_poll(budi, server.latest_poll(chat), [1])  # right
    assert [o["voter_count"] for o in after["options"]] == [1, 1, 0] and after["total_voter_count"] == 2
    with pytest.raises(ValueError, match="does not allow changing"):
        server.answer_poll(alice, sent.poll.id, [1])  # a quiz answer is final
    with pytest.raises(ValueError):
        server.answer_poll(budi, chat, [7])
    with pytest.raises(LookupError):
        server.answer_poll(budi, server.send_text(chat, budi, "bukan kuis"), 0)

    updates = run_with_bot(server, lambda bot: bot.get_updates(timeout=0))
    kinds = [next(k for k in u.to_dict() if k != "update_id") for u in updates]
    assert kinds == ["poll_answer", "poll", "poll_answer", "poll", "message"]
    answer = updates[0].poll_answer
    assert (answer.poll_id, answer.user.id, answer.option_ids) == (sent.poll.id, 34, (0,))
    assert answer.option_persistent_ids == ("0",)
    assert [o.voter_count for o in updates[3].poll.options] == [1, 1, 0] and updates[3].poll.correct_option_ids == (1,)
    assert server.latest_poll(chat)["_votes"] == {34: [0], 35: [1]}


def test_anonymous_votes_only_change_counts_and_allowed_updates_filter_poll_kinds(server):
    chat, user = server.group_chat(-1001000000036), server.user(36)
    run_with_bot(server, lambda bot: bot.send_poll(chat["id"], "Paling sulit?", ["Sila 1", "Sila 2"]))
    server.answer_poll(user, chat, [1])
    server.answer_poll(user, chat, [0])  # a regular poll allows changing the vote
    server.answer_poll(user, chat, [])  # ... and retracting it
    updates = server.pending_updates()
    assert [next(k for k in u if k != "update_id") for u in updates] == ["poll"] * 3
    assert updates[-1]["poll"]["total_voter_count"] == 0

    send_quiz(server, chat)
    server.answer_poll(user, chat, [1])
    only_answers = run_with_bot(server, lambda bot: bot.get_updates(timeout=0, allowed_updates=["poll_answer"]))
    assert [bool(u.poll_answer) for u in only_answers] == [True] and only_answers[0].poll_answer.option_ids == (1,)
    server.answer_poll(server.user(37), chat, [2])
    polls = run_with_bot(server, lambda bot: bot.get_updates(timeout=0, allowed_updates=["poll"]))
    assert [u.poll.total_voter_count for u in polls] == [2]  # its poll_answer was dropped unwanted


def test_a_poll_closes_by_itself_after_its_open_period(server):
    server.poll_time_scale = 0.02  # 5 seconds take 0.1 s
    chat, user = server.group_chat(-1001000000038), server.user(38)
    sent = send_quiz(server, chat, open_period=5)
    server.answer_poll(user, chat, [1])
    started = time.monotonic()  # pending_updates() does not look at the clock: the timer thread closes it
    server.wait_for(lambda _: any(u.get("poll", {}).get("is_closed") for u in server.pending_updates()), timeout=5)
    assert time.monotonic() - started < 2
    closed = server.latest_poll(chat)["poll"]
    assert "open_period" not in closed and "close_date" not in closed and closed["total_voter_count"] == 1
    with pytest.raises(PollClosed):
        server.answer_poll(server.user(39), chat, [0])

    async def body(bot):
        with pytest.raises(BadRequest, match=r"(?i)poll has already been closed"):
            await bot.stop_poll(chat["id"], sent.message_id)
        return await bot.get_updates(timeout=0)

    updates = run_with_bot(server, body)
    assert [u.poll.is_closed for u in updates if u.poll] == [False, True] and updates[-1].poll.close_date is None

    server.poll_time_scale = 1.0
    send_quiz(server, chat, open_period=600)
    assert server.expire_poll(chat)["is_closed"] is True  # the test decides when the time is up
    with pytest.raises(PollClosed):
        server.expire_poll(chat)


def test_stop_poll_closes_it_and_answers_with_the_poll(server):
    chat, user = server.group_chat(-1001000000040), server.user(40)
    server.send_text(chat, user, "/kuis")
    sent = send_quiz(server, chat, reply_markup=KEYBOARD)
    done = InlineKeyboardMarkup([[InlineKeyboardButton("Hasil", callback_data="quiz:score")]])

    async def body(bot):
        stopped = await bot.stop_poll(chat["id"], sent.message_id, reply_markup=done)
        with pytest.raises(BadRequest, match=r"(?i)poll has already been closed"):
            await bot.stop_poll(chat["id"], sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message with poll to stop not found"):
            await bot.stop_poll(chat["id"], 999)
        with pytest.raises(BadRequest, match=r"(?i)message is not a poll"):
            await bot.stop_poll(chat["id"], 1)
        return stopped

    stopped = run_with_bot(server, body)
    assert isinstance(stopped, Poll) and stopped.is_closed and stopped.id == sent.poll.id
    message = server.message(chat, sent.message_id)
    assert message["poll"]["is_closed"] and message["reply_markup"] == done.to_dict()
    assert [(m["_event"], m["_method"]) for m in server.bot_messages(chat)] == [
        ("sent", "sendPoll"),
        ("edited", "stopPoll"),
    ]
    assert server.pending_updates()[-1]["poll"]["is_closed"] is True
    with pytest.raises(PollClosed):
        server.answer_poll(user, chat, [1])


def test_get_chat_member_reports_each_status(server):
    chat = server.group_chat(-1001000000041)
    owner, admin, talker, quiet, banned = (server.user(i, f"U{i}") for i in range(41, 46))
    server.set_member_status(chat, owner, "creator")
    server.set_member_status(chat, admin, "administrator", custom_title="Guru")
    server.set_member_status(chat, banned, "kicked")
    server.send_text(chat, talker, "halo")
    server.send_text(server.private_chat(quiet), quiet, "halo")  # known to the bot, never wrote in the group

    async def body(bot):
        members = [await bot.get_chat_member(chat["id"], u["id"]) for u in (owner, admin, talker, quiet, banned)]
        me = await bot.get_chat_member(chat["id"], bot.id)
        with pytest.raises(BadRequest, match=r"(?i)user not found"):
            await bot.get_chat_member(chat["id"], 999999)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.get_chat_member(-100777, owner["id"])
        private = await bot.get_chat_member(quiet["id"], quiet["id"])
        new_chat = server.private_chat(server.user(46, "Baru"))  # its user wrote nothing yet
        assert (await bot.get_chat_member(new_chat["id"], 46)).user.first_name == "Baru"
        with pytest.raises(BadRequest, match=r"(?i)member not found"):
            await bot.get_chat_member(new_chat["id"], owner["id"])
        return members, me, private

    members, me, private = run_with_bot(server, body)
    assert [m.status for m in members] == ["creator", "administrator", "member", "left", "kicked"]
    assert isinstance(members[0], ChatMemberOwner) and members[0].user.first_name == "U41"
    assert isinstance(members[1], ChatMemberAdministrator) and members[1].custom_title == "Guru"
    assert members[1].can_delete_messages and not members[1].can_promote_members
    assert members[2].user.language_code is None  # others see no language_code
    assert me.status == ChatMember.MEMBER and me.user.is_bot and private.status == ChatMember.MEMBER


def test_get_chat_administrators_lists_creator_first_and_only_this_bot(server):
    chat = server.group_chat(-1001000000047)
    other_bot = {"id": 8000000047, "is_bot": True, "first_name": "Lain", "username": "lain_bot"}
    server.set_member_status(chat, server.user(47), "administrator")
    server.set_member_status(chat, other_bot, "administrator")
    server.set_member_status(chat, server.user(48), "creator")
    with pytest.raises(ValueError, match="already has creator"):
        server.set_member_status(chat, server.user(49), "creator")

    async def body(bot):
        first = await bot.get_chat_administrators(chat["id"])
        server.set_member_status(chat, server.bot_user, "administrator", can_promote_members=True)
        second = await bot.get_chat_administrators(chat["id"])
        with pytest.raises(BadRequest, match=r"(?i)there are no administrators in the private chat"):
            await bot.get_chat_administrators(server.private_chat(server.user(50))["id"])
        return first, second

    first, second = run_with_bot(server, body)
    assert [(m.status, m.user.id) for m in first] == [("creator", 48), ("administrator", 47)]
    assert [m.user.id for m in second] == [48, 47, server.bot_user["id"]] and second[-1].can_promote_members


def test_forbidden_chat_answers_403_until_allowed(server):
    group, supergroup = server.group_chat(-5100, type="group"), server.group_chat(-1001000000051)
    server.forbid_chat(group)
    server.forbid_chat(supergroup)

    async def body(bot):
        with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
            await bot.send_poll(group["id"], "Q?", ["A", "B"])
        with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
            await bot.send_message(supergroup["id"], "halo")
        with pytest.raises(Forbidden):
            await bot.get_chat_member(group["id"], bot.id)
        server.allow_chat(group)
        return await bot.send_poll(group["id"], "Q?", ["A", "B"])

    assert run_with_bot(server, body).poll.question == "Q?"
    (refused, _) = server.calls("sendPoll")
    assert refused["status"] == 403 and refused["response"]["description"] == (
        "Forbidden: bot was kicked from the group chat"
    )
    assert len(server.bot_messages(group)) == 1 and server.bot_messages(supergroup) == []
