"""The quiz store (`bot.questionlog.quiz`) on a real SQLite file, and the Leitner rules (`faq.practice`)."""

import random
import sqlite3

import pytest

from bot.questionlog.database import QuestionLogSettings, open_database
from bot.questionlog.quiz import QuizStore, Standing, places
from bot.questionlog.quiz_report import build_quiz_report, render_quiz_csv, render_quiz_section
from bot.questionlog.store import read_quiz_answers
from faq.practice import DAY_SECONDS, PracticeState, after_answer, practice_order

START = 1_740_000_000
SALT = "q" * 32


@pytest.fixture
def clock():
    now = [START]
    return now


@pytest.fixture
def store(tmp_path, clock):
    connection, salt = open_database(QuestionLogSettings(tmp_path / "q.sqlite3", salt=SALT))
    quiz = QuizStore(connection, salt, retention_days=30, clock=lambda: clock[0])
    yield quiz
    connection.close()


def test_only_a_users_first_answer_to_a_poll_counts(store):
    store.record_poll("p1", chat_id=-5, chat_type="supergroup", item_id="wto:aaa", correct_option=2, round_id=None)
    first = store.record_answer("p1", user_id=1, first_name="Ani", option_ids=[2])
    again = store.record_answer("p1", user_id=1, first_name="Ani", option_ids=[0])
    assert first.right and first.first and not again.first
    assert store.record_answer("unknown", user_id=1, first_name="Ani", option_ids=[0]) is None
    assert [(s.first_name, s.right, s.answered) for s in store.leaderboard(-5)] == [("Ani", 1, 1)]


def test_private_answers_move_the_leitner_box_and_group_answers_do_not(store, clock):
    store.record_poll("g", chat_id=-5, chat_type="group", item_id="pbb:x", correct_option=0, round_id=None)
    store.record_answer("g", user_id=7, first_name="Budi", option_ids=[1])
    assert store.practice_states(7, ["pbb:x"]) == {}
    store.record_poll("p", chat_id=7, chat_type="private", item_id="pbb:x", correct_option=0, round_id=None)
    store.record_answer("p", user_id=7, first_name="Budi", option_ids=[1])  # wrong: box 1, due tomorrow
    assert store.practice_states(7, ["pbb:x"]) == {"pbb:x": PracticeState(1, START + DAY_SECONDS)}
    clock[0] += DAY_SECONDS
    store.record_poll("p2", chat_id=7, chat_type="private", item_id="pbb:x", correct_option=0, round_id=None)
    store.record_answer("p2", user_id=7, first_name="Budi", option_ids=[0])  # right: box 2, due in 3 days
    assert store.practice_states(7, ["pbb:x"])["pbb:x"] == PracticeState(2, clock[0] + 3 * DAY_SECONDS)


@pytest.mark.parametrize(
    ("box", "right", "expected"),
    [
        (None, False, (1, 1)),
        (None, True, (2, 3)),  # every item starts in box 1
        (1, True, (2, 3)),
        (2, True, (3, 7)),
        (3, True, (4, 14)),
        (4, True, (4, 14)),
        (4, False, (1, 1)),
    ],
)
def test_leitner_boxes(box, right, expected):
    state = after_answer(PracticeState(box, 0) if box else None, right, 1000)
    assert (state.box, (state.due_at - 1000) // DAY_SECONDS) == expected


def test_practice_order_puts_due_items_first_then_unseen_then_the_rest():
    from faq.schema import QuizItem

    items = [QuizItem(f"t:{n}", "t", f"q{n}", ("a", "b"), "a") for n in range(6)]
    states = {
        "t:0": PracticeState(1, 500),  # got wrong, due
        "t:1": PracticeState(2, 100),  # a review, due
        "t:2": PracticeState(3, 5000),  # not due
        "t:5": PracticeState(1, 200),  # got wrong, longer overdue
    }
    ordered, due = practice_order(items, states, 1000, random.Random(0))
    assert due == 3
    assert [i.id for i in ordered[:2]] == ["t:5", "t:0"]  # the missed ones, longest overdue first
    assert {i.id for i in ordered[2:4]} == {"t:3", "t:4"}  # then never seen
    assert [i.id for i in ordered[4:]] == ["t:1", "t:2"]  # then the rest


def test_round_results_and_leaderboards_share_places_on_ties(store, clock):
    round_id = store.start_round(-9, user_id=1, size=2)
    for poll, correct in (("r1", 0), ("r2", 1)):
        store.record_poll(
            poll, chat_id=-9, chat_type="group", item_id="g20:" + poll, correct_option=correct, round_id=round_id
        )
    answers = {"Ani": (0, 1), "Budi": (0, 0), "Cici": (1, 1)}
    for user, (name, choices) in enumerate(answers.items(), start=1):
        for poll, choice in zip(("r1", "r2"), choices, strict=True):
            store.record_answer(poll, user_id=user, first_name=name, option_ids=[choice])
    results = store.round_results(round_id)
    assert [(s.place, s.first_name, s.right) for s in results] == [(1, "Ani", 2), (2, "Budi", 1), (2, "Cici", 1)]
    assert store.leaderboard(-9, since=clock[0] + 1) == []
    assert places([("b", 1, 1), ("a", 1, 2), ("c", 3, 3)]) == [
        Standing(1, "c", 3, 3),
        Standing(2, "a", 1, 2),
        Standing(2, "b", 1, 1),
    ]


def test_a_students_record_names_the_topics_most_missed(store):
    for n, (item, right) in enumerate([("wto:1", 0), ("wto:2", 0), ("pbb:1", 0), ("asean:1", 1)]):
        store.record_poll(f"p{n}", chat_id=3, chat_type="private", item_id=item, correct_option=1, round_id=None)
        store.record_answer(f"p{n}", user_id=3, first_name="Dewi", option_ids=[right])
    record = store.record_of(3)
    assert (record.answered, record.right) == (4, 1)
    assert record.missed == (("wto", 2), ("pbb", 1))


def test_daily_schedules_are_kept_and_removed(store):
    assert store.set_daily(-1, "07:00") and store.set_daily(-2, "18:30")
    assert store.daily(-1) == "07:00" and store.all_daily() == [(-2, "18:30"), (-1, "07:00")]
    store.set_daily(-1, None)
    assert store.daily(-1) is None and store.all_daily() == [(-2, "18:30")]


def test_deleting_a_user_removes_their_answers_and_practice_only(store, tmp_path):
    for user in (1, 2):
        store.record_poll(
            f"p{user}", chat_id=user, chat_type="private", item_id="wto:1", correct_option=0, round_id=None
        )
        store.record_answer(f"p{user}", user_id=user, first_name="X", option_ids=[0])
    assert store.delete_user(1) == 2  # one answer, one practice row
    db = sqlite3.connect(tmp_path / "q.sqlite3")
    assert db.execute("SELECT count(*) FROM quiz_answers").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM quiz_practice").fetchone() == (1,)


def test_entries_older_than_the_retention_are_pruned(store, clock):
    store.record_poll("old", chat_id=1, chat_type="private", item_id="wto:1", correct_option=0, round_id=None)
    store.record_answer("old", user_id=1, first_name="X", option_ids=[0])
    clock[0] += 31 * DAY_SECONDS
    store.prune()
    assert store.record_of(1).answered == 0 and store.practice_states(1, ["wto:1"]) == {}


def test_the_quiz_report_names_the_items_most_often_missed(store, tmp_path, engine):
    item = engine.kb.get("wto").quiz[0]
    other = engine.kb.get("pbb").quiz[0]
    for user in range(4):
        for poll_item, right in ((item, user == 0), (other, True)):
            poll = f"{poll_item.id}-{user}"
            store.record_poll(
                poll, chat_id=user, chat_type="private", item_id=poll_item.id, correct_option=0, round_id=None
            )
            store.record_answer(poll, user_id=user, first_name="S", option_ids=[0 if right else 1])
    report = build_quiz_report(read_quiz_answers(tmp_path / "q.sqlite3"), engine.kb)
    assert (report.answers, report.right, report.students) == (8, 5, 4)
    assert report.most_missed[0].question == item.question and report.most_missed[0].wrong == 3
    assert {t.intent: t.right for t in report.topics} == {"wto": 1, "pbb": 4}
    assert report.to_dict()["per_topic"][0]["right_percent"] in (25.0, 100.0)
    assert any("most often missed" in line for line in render_quiz_section(report))
    assert render_quiz_csv(report).splitlines()[1].startswith(f"{item.id},wto,")
