"""One bot for a whole school: subjects per chat (/mapel) through the real `tanyabot serve`, two packs,
the test Bot API server, a real SQLite file and a restart."""

from __future__ import annotations

import pytest

from bot.telegram.render import OTHER_SUBJECT, TOPICS_PER_PAGE
from bot.telegram.subjects import ADMINS_ONLY, KEEP_ONE
from faq import Engine
from tests.bot.conftest import BOT_USERNAME, TOKEN, BotProcess, bot_env
from tests.conftest import REPO
from tests.support.botapi import BotApiServer
from tests.support.conversation import callbacks, labels, plain, say, sent_messages, topic_of

PACKS = [
    REPO / "faq" / "packs" / "kerjasama_multilateral.yaml",
    REPO / "tests" / "data" / "subject" / "cuaca_iklim.yaml",
]
PPKN, GEOGRAFI = "PPKn: Kerjasama Multilateral", "Geografi: Cuaca dan Iklim"


@pytest.fixture(scope="module")
def school():
    return Engine.from_paths(PACKS)


def start(srv: BotApiServer, directory) -> BotProcess:
    env = bot_env(
        srv,
        TANYABOT_RATE_LIMIT="0",
        TANYABOT_USER_RATE="off",
        TANYABOT_KB=":".join(str(p) for p in PACKS),
        TANYABOT_DB=str(directory / "school.sqlite3"),
    )
    directory.mkdir(exist_ok=True)
    process = BotProcess(env, directory / f"bot{len(list(directory.glob('bot*.log')))}.log", directory)
    process.wait_ready(srv)
    return process


def press(srv: BotApiServer, chat: dict, user: dict, message: dict, data: str) -> dict:
    """Press a button; the answerCallbackQuery call that answered it."""
    query_id = srv.press_button(chat, user, message["message_id"], data)

    def answered(calls):
        return [
            c for c in calls if c["method"] == "answerCallbackQuery" and c["params"]["callback_query_id"] == query_id
        ]

    (call,) = answered(srv.wait_for(answered))
    return call["params"]


def current(srv: BotApiServer, chat: dict, message: dict) -> dict:
    return srv.message(chat["id"], message["message_id"])


def test_the_bundled_pack_names_its_subject_and_the_school_has_two(school):
    assert school.kb.subjects == (PPKN, GEOGRAFI)


def test_a_student_chooses_subjects_and_it_survives_a_restart(tmp_path, new_id, school):
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        bot = start(srv, tmp_path)
        user = srv.user(new_id(), first_name="Hana")
        chat = srv.private_chat(user)
        _, menu = say(srv, chat, user, "/mapel")
        assert labels(menu) == [f"✅ {PPKN}", f"✅ {GEOGRAFI}"] and callbacks(menu) == ["m:0", "m:1"]
        assert press(srv, chat, user, menu, "m:0").get("show_alert") is None  # PPKn off
        srv.wait_for(lambda calls: labels(current(srv, chat, menu))[0].startswith("⬜"))
        assert press(srv, chat, user, menu, "m:1")["text"] == KEEP_ONE  # the last one stays on

        # A PPKn question now names the subject that has it instead of a bare "don't know".
        _, reply = say(srv, chat, user, "apa itu wto")
        hint = plain(OTHER_SUBJECT.format(subject=PPKN))
        assert topic_of(reply, school) is None and hint in reply["text"]
        _, reply = say(srv, chat, user, "apa itu el nino")
        assert topic_of(reply, school) == "el_nino_la_nina"
        _, topics = say(srv, chat, user, "/topik")
        assert {d[2:] for d in callbacks(topics) if d.startswith("t:")} <= {t.id for t in school.topics([GEOGRAFI])}
        assert bot.stop() == 0

        restarted = start(srv, tmp_path)  # the same database file
        _, reply = say(srv, chat, user, "apa itu wto")
        assert hint in reply["text"]
        _, menu = say(srv, chat, user, "/mapel")
        assert labels(menu) == [f"⬜ {PPKN}", f"✅ {GEOGRAFI}"]
        press(srv, chat, user, menu, "m:0")  # both on again: every subject
        srv.wait_for(lambda calls: labels(current(srv, chat, menu))[0].startswith("✅"))
        _, reply = say(srv, chat, user, "apa itu wto")
        assert topic_of(reply, school) == "wto"
        assert restarted.stop() == 0


def test_in_a_group_only_admins_change_the_subjects(tmp_path, new_id, school):
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        bot = start(srv, tmp_path)
        chat = srv.group_chat(-1_000_000_000_000 - new_id(), title="Kelas 8A")
        student, teacher = srv.user(new_id(), first_name="Iwan"), srv.user(new_id(), first_name="Bu Rina")
        srv.set_member_status(chat, teacher, "administrator")
        _, menu = say(srv, chat, student, f"/mapel@{BOT_USERNAME}")
        assert "hanya admin" in menu["text"]
        refused = press(srv, chat, student, menu, "m:1")
        assert refused["text"] == ADMINS_ONLY and refused["show_alert"]
        assert labels(current(srv, chat, menu)) == [f"✅ {PPKN}", f"✅ {GEOGRAFI}"]  # unchanged
        press(srv, chat, teacher, menu, "m:1")  # the teacher switches Geografi off for this class
        srv.wait_for(lambda calls: labels(current(srv, chat, menu))[1].startswith("⬜"))
        _, reply = say(srv, chat, student, "/tanya apa itu el nino")
        assert plain(OTHER_SUBJECT.format(subject=GEOGRAFI)) in reply["text"]
        _, reply = say(srv, chat, student, "/tanya apa itu asean")
        assert topic_of(reply, school) == "asean"
        bot.stop()


def test_topik_groups_by_subject_and_kuis_and_inline_follow_the_choice(tmp_path, new_id, school):
    with BotApiServer(TOKEN, bot_username=BOT_USERNAME) as srv:
        bot = start(srv, tmp_path)
        user = srv.user(new_id(), first_name="Joko")
        chat = srv.private_chat(user)
        _, first = say(srv, chat, user, "/topik")
        assert PPKN in first["text"]  # two subjects: each page names its subject
        ppkn_pages = -(-len(school.topics([PPKN])) // TOPICS_PER_PAGE)
        for number in range(1, ppkn_pages + 1):  # "Berikutnya »" until Geografi's first page
            press(srv, chat, user, current(srv, chat, first), f"p:{number}")
            srv.wait_for(lambda calls, n=number: f"halaman {n + 1}/" in current(srv, chat, first)["text"])
        page = current(srv, chat, first)
        assert GEOGRAFI in page["text"] and PPKN not in page["text"]  # Geografi's topics on pages of their own
        assert {d[2:] for d in callbacks(page) if d.startswith("t:")} <= {t.id for t in school.topics([GEOGRAFI])}

        _, menu = say(srv, chat, user, "/mapel")
        press(srv, chat, user, menu, "m:0")  # PPKn off for this student
        srv.wait_for(lambda calls: labels(current(srv, chat, menu))[0].startswith("⬜"))
        _, reply = say(srv, chat, user, "/kuis")
        assert "Belum ada soal kuis" in reply["text"] or "belum punya soal" in reply["text"]  # Geografi has none
        query_id = srv.inline_query(user, "wto")

        def answered(calls):
            return [
                c for c in calls if c["method"] == "answerInlineQuery" and c["params"]["inline_query_id"] == query_id
            ]

        (call,) = answered(srv.wait_for(answered))
        ids = [r["id"] for r in call["params"]["results"]]
        assert ids and all(i in {t.id for t in school.topics([GEOGRAFI])} for i in ids)  # inline follows the choice
        assert not any(m["_method"] == "sendPoll" for m in sent_messages(srv, chat))
        bot.stop()
