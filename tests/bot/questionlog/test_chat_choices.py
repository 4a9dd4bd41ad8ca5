"""Each chat's subjects (/mapel) on a real SQLite database: what the next question reads."""

from bot.questionlog.chats import ChatChoices
from bot.questionlog.database import open_in_memory


def rows(connection):
    return connection.execute("SELECT chat_id, subjects FROM chat_subjects ORDER BY chat_id").fetchall()


def test_a_choice_is_read_back_changed_and_cleared():
    connection, _ = open_in_memory()
    choices = ChatChoices(connection)
    assert choices.subjects(1) is None  # nothing chosen: every subject
    assert choices.choose(1, ["Geografi"])
    assert choices.subjects(1) == ("Geografi",)
    assert choices.choose(1, ["PPKn", "Geografi"])
    assert choices.subjects(1) == ("PPKn", "Geografi")
    assert choices.choose(1, None)
    assert choices.subjects(1) is None and rows(connection) == []


def test_a_group_that_becomes_a_supergroup_keeps_its_choice():
    connection, _ = open_in_memory()
    choices = ChatChoices(connection)
    choices.choose(-5, ["PPKn"])
    assert choices.subjects(-5) == ("PPKn",) and choices.subjects(-1005) is None
    choices.move_chat(-5, -1005)
    assert choices.subjects(-5) is None and choices.subjects(-1005) == ("PPKn",)
    assert rows(connection) == [(-1005, '["PPKn"]')]


def test_a_failed_read_answers_every_subject_and_is_tried_again():
    connection, _ = open_in_memory()
    ChatChoices(connection).choose(7, ["Geografi"])
    connection.execute("ALTER TABLE chat_subjects RENAME TO chat_subjects_away")
    choices = ChatChoices(connection)  # a fresh process: nothing remembered yet
    assert choices.subjects(7) is None
    connection.execute("ALTER TABLE chat_subjects_away RENAME TO chat_subjects")
    assert choices.subjects(7) == ("Geografi",)


def test_a_failed_write_is_reported_and_the_old_choice_stays():
    connection, _ = open_in_memory()
    choices = ChatChoices(connection)
    choices.choose(3, ["PPKn"])
    connection.execute("CREATE TRIGGER no_writes BEFORE INSERT ON chat_subjects BEGIN SELECT RAISE(FAIL, 'full'); END")
    assert choices.choose(3, ["Geografi"]) is False
    assert choices.subjects(3) == ("PPKn",)
