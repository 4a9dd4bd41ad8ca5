"""`tanyabot report` and `tanyabot suggest` as an author runs them: a real subprocess each time."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bot.questionlog.seed import seed_log

TANYABOT = [sys.executable, "-m", "bot.cli"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run(*args: str, env: dict | None = None, cwd: Path, python: list[str] = TANYABOT):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_", "XDG_DATA_HOME"))}
    full_env.update(env or {})
    return subprocess.run([*python, *args], capture_output=True, env=full_env, cwd=cwd, timeout=120, check=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, engine) -> Path:
    path = tmp_path_factory.mktemp("log") / "questions.sqlite3"
    seed_log(path, engine)
    return path


def test_report_prints_the_sections_with_the_nato_cluster_first(seeded, tmp_path):
    result = run("report", "--db", str(seeded), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    clusters = text.split("not answered, grouped by similarity")[1].splitlines()
    assert clusters[1].split() == [
        "#1",
        "3x",
        '"apa',
        "itu",
        'NATO"',
        "|",
        '"nato',
        "itu",
        'apa"',
        "|",
        '"NATO',
        'apaan"',
    ]
    assert "answered:  7 (50.0 %)" in text


def test_report_json_has_the_documented_keys(seeded, tmp_path):
    result = run("report", "--db", str(seeded), "--json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert {"answer_rate", "top_topics", "unanswered_clusters", "low_confidence", "most_disliked"} <= set(data)
    assert data["unanswered_clusters"][0]["count"] == 3 and data["most_disliked"][0]["intent"] == "pbb"


def test_report_csv_rows_and_since_filter(seeded, tmp_path):
    result = run("report", "--db", str(seeded), "--csv", "--since", "2025-03-05", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [(r["cluster"], r["question"]) for r in rows] == [
        ("1", "NATO apaan"),
        ("2", "thn brp wto berdri"),
        ("3", "siapa presiden indonesia"),
        ("4", "apa itu OKI"),
    ]


def test_report_reads_tanyabot_db_from_the_environment(seeded, tmp_path):
    result = run("report", "--json", env={"TANYABOT_DB": str(seeded)}, cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["questions"] == 14


def test_suggest_prints_yaml_for_a_new_topic_and_an_existing_intent(seeded, tmp_path):
    result = run("suggest", "--db", str(seeded), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "  - id: nato\n" in text and '      - "NATO apaan"' in text
    assert "intent wto" in text and '      - "wto brdiri thn brp"' in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda db: None, b"no question log there"),
        (lambda db: db.write_bytes(b"garbage" * 1000), b"not a usable question log"),
        (lambda db: db.mkdir(), b"no question log there"),
    ],
)
@pytest.mark.parametrize("command", ["report", "suggest"])
def test_a_missing_or_corrupt_log_is_exit_2_with_one_line(tmp_path, setup, message, command):
    db = tmp_path / "q.sqlite3"
    setup(db)
    result = run(command, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert message in result.stderr and b"Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [["--since", "2025-02-30"], ["--since", "kemarin"], ["--json", "--csv"]])
def test_bad_arguments_are_exit_2(seeded, tmp_path, args):
    result = run("report", "--db", str(seeded), *args, cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_plot_writes_a_png_chart(seeded, tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.png"
    result = run("report", "--db", str(seeded), "--plot", str(chart), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert chart.read_bytes().startswith(PNG_MAGIC) and chart.stat().st_size > 5000
    assert b"#1" in result.stdout


def test_plot_into_a_missing_directory_is_exit_2(seeded, tmp_path):
    pytest.importorskip("matplotlib")
    result = run("report", "--db", str(seeded), "--plot", str(tmp_path / "no" / "chart.png"), cwd=tmp_path)
    assert result.returncode == 2 and b"cannot write the chart" in result.stderr and result.stdout == b""


def test_plot_without_matplotlib_is_exit_2_with_a_hint(seeded, tmp_path):
    blocked = "import sys; sys.modules['matplotlib'] = None; from bot.cli import main; sys.exit(main())"
    result = run(
        "report",
        "--db",
        str(seeded),
        "--plot",
        str(tmp_path / "c.png"),
        cwd=tmp_path,
        python=[sys.executable, "-c", blocked],
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "tanyabot report: --plot needs matplotlib: pip install 'tanyabot[plot]'"


def test_report_and_suggest_do_not_import_telegram(seeded, tmp_path):
    check = (
        "import sys; from bot.cli import main; code = main(sys.argv[1:]); "
        "sys.exit(3 if any(m == 'telegram' or m.startswith('telegram.') for m in sys.modules) else code)"
    )
    for command in ("report", "suggest"):
        result = run(command, "--db", str(seeded), cwd=tmp_path, python=[sys.executable, "-c", check])
        assert result.returncode == 0, (command, result.stderr)


def test_help_lists_the_new_commands(tmp_path):
    assert b"report" in run(cwd=tmp_path).stdout and b"suggest" in run(cwd=tmp_path).stdout
