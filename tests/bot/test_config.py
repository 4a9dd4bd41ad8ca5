"""`.env` and the environment (`bot.config`): python-dotenv's parsing, the real environment winning."""

from __future__ import annotations

from bot.config import load_environment, read_dotenv


def test_an_inline_comment_is_not_part_of_the_value(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("TELEGRAM_BOT_TOKEN=123:abc  # bot kelas 8\n", encoding="utf-8")
    assert read_dotenv(dotenv) == {"TELEGRAM_BOT_TOKEN": "123:abc"}


def test_quotes_escapes_export_and_multiline_values(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        '# comment\nexport LOG_LEVEL=DEBUG\nA="x # not a comment"\nB="line1\\nline2"\nC=\'raw \\n\'\n'
        'D="first\nsecond"\nEMPTY=\nNOVALUE\n',
        encoding="utf-8",
    )
    assert read_dotenv(dotenv) == {
        "LOG_LEVEL": "DEBUG",
        "A": "x # not a comment",
        "B": "line1\nline2",
        "C": "raw \\n",
        "D": "first\nsecond",
        "EMPTY": "",
    }


def test_a_missing_or_unreadable_dotenv_sets_nothing(tmp_path):
    assert read_dotenv(tmp_path / "absent.env") == {}
    assert read_dotenv(tmp_path) == {}  # a directory
    (tmp_path / "binary.env").write_bytes(b"\xff\xfe\x00KEY=1")
    assert read_dotenv(tmp_path / "binary.env") == {}


def test_the_real_environment_wins_over_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("TANYABOT_KB=/from/dotenv.yaml\nLOG_LEVEL=DEBUG\n", encoding="utf-8")
    env = load_environment({"TANYABOT_KB": "/from/env.yaml"}, dotenv)
    assert env["TANYABOT_KB"] == "/from/env.yaml" and env["LOG_LEVEL"] == "DEBUG"
