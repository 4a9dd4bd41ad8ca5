"""Question log settings from the environment: defaults, each variable, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.questionlog.database import QuestionLogSettings
from bot.telegram.settings import ConfigError


def test_settings_from_env_defaults_to_the_user_data_dir(tmp_path):
    settings = QuestionLogSettings.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert settings == QuestionLogSettings(tmp_path / "tanyabot" / "questions.sqlite3", True, 90, None)
    home = QuestionLogSettings.from_env({})
    assert home.path == Path.home() / ".local" / "share" / "tanyabot" / "questions.sqlite3"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TANYABOT_LOG_QUESTIONS": "0"}, {"enabled": False}),
        ({"TANYABOT_LOG_QUESTIONS": "off"}, {"enabled": False}),
        ({"TANYABOT_LOG_QUESTIONS": "1"}, {"enabled": True}),
        ({"TANYABOT_RETENTION_DAYS": "7"}, {"retention_days": 7}),
        ({"TANYABOT_DB": "/srv/q.db"}, {"path": Path("/srv/q.db")}),
    ],
)
def test_settings_from_env_reads_each_variable(env, expected):
    settings = QuestionLogSettings.from_env(env)
    assert {key: getattr(settings, key) for key in expected} == expected


def test_settings_from_env_reports_every_problem_at_once():
    env = {"TANYABOT_LOG_QUESTIONS": "maybe", "TANYABOT_RETENTION_DAYS": "0", "TANYABOT_SALT": "short"}
    with pytest.raises(ConfigError) as error:
        QuestionLogSettings.from_env(env)
    assert [p.split(":")[0] for p in error.value.problems] == [
        "TANYABOT_LOG_QUESTIONS",
        "TANYABOT_RETENTION_DAYS",
        "TANYABOT_SALT",
    ]
    assert "short" not in str(error.value)  # a salt is a secret
