"""The `tanyabot` command as people and scripts use it: a real subprocess each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REGRESSION_SET

TANYABOT = [sys.executable, "-m", "bot.cli"]


def run(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_"))}
    full_env.update(env or {})
    return subprocess.run(
        [*TANYABOT, *args], input=stdin, capture_output=True, env=full_env, cwd=cwd, timeout=120, check=False
    )


def test_bare_command_prints_help():
    result = run()
    assert result.returncode == 0
    for command in (b"chat", b"ask", b"check", b"eval", b"serve"):
        assert command in result.stdout


def test_ask_json_contract():
    result = run("ask", "--json", "apa", "itu", "WTO?")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert set(data) == {"intent", "score", "answer", "related", "suggestions"}
    assert data["intent"] == "wto" and 0 <= data["score"] <= 100
    assert all(set(r) == {"id", "title"} for r in data["related"])


def test_ask_plain_text_lists_related_topics():
    result = run("ask", "contoh", "kerjasama", "multilateral")
    assert result.returncode == 0
    assert "Topik terkait" in result.stdout.decode()


def test_ask_fallback_json_shape():
    data = json.loads(run("ask", "--json", "apa itu NATO").stdout)
    assert data["intent"] is None and data["related"] == [] and len(data["suggestions"]) <= 3
    assert all(set(s) == {"id", "title", "score"} for s in data["suggestions"])


def test_ask_jsonl_answers_every_line_of_junk_in_order():
    lines = [
        b"apa itu PBB",
        b"",
        b"x" * 100_000,
        b"\x00\x01\x02 control \x1b[31m",
        "😂🙏👋".encode(),
        b"<script>alert(1)</script> <b>",
        b"\xff\xfe invalid utf-8 \xc3",
        b"carriage\rreturn stays inside",
        b"contoh kerjasama multilateral",
    ]
    result = run("ask", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    assert out[0]["intent"] == "pbb" and out[-1]["intent"] == "contoh"
    assert all(o["intent"] is None for o in out[1:-1])


def test_ask_jsonl_last_line_without_newline_is_answered():
    result = run("ask", "--jsonl", stdin=b"apa itu asean\napa itu g20")
    assert [json.loads(line)["intent"] for line in result.stdout.decode().splitlines()] == ["asean", "g20"]


def test_ask_without_question_is_bad_input():
    result = run("ask")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_check_valid_bundled_kb():
    result = run("check")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("ok:") and len(result.stdout.decode().splitlines()) == 1


def test_check_broken_file_names_file_and_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("intents:\n  - id: a\n    title: [oops\n", encoding="utf-8")
    missing_fields = tmp_path / "fields.yaml"
    missing_fields.write_text("intents:\n  - id: b\n    title: B\n", encoding="utf-8")
    result = run("check", str(broken), str(missing_fields))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in err
    assert f"{broken}:" in err and "YAML syntax error" in err
    assert f"{missing_fields}:2: b: questions: missing" in err
    assert len(err.strip().splitlines()) >= 3  # one problem per line


def test_kb_option_and_environment(tmp_path):
    pack = tmp_path / "mini.yaml"
    pack.write_text(
        "intents:\n"
        "  - {id: kopi, title: Kopi, questions: [apa itu kopi, minuman kopi], answer: Kopi itu minuman.,"
        " related: []}\n",
        encoding="utf-8",
    )
    by_option = json.loads(run("ask", "--json", "--kb", str(pack), "apa itu kopi").stdout)
    by_env = json.loads(run("ask", "--json", "apa itu kopi", env={"TANYABOT_KB": str(pack)}).stdout)
    assert by_option["intent"] == by_env["intent"] == "kopi"
    # --kb overrides TANYABOT_KB
    overridden = run("ask", "--json", "--kb", str(pack), "apa itu kopi", env={"TANYABOT_KB": "/nonexistent.yaml"})
    assert json.loads(overridden.stdout)["intent"] == "kopi"


def test_broken_kb_in_environment_is_exit_2_without_traceback():
    result = run("ask", "apa itu pbb", env={"TANYABOT_KB": "/nonexistent/kb.yaml"})
    assert result.returncode == 2
    assert b"/nonexistent/kb.yaml: file not found" in result.stderr and b"Traceback" not in result.stderr


def test_dotenv_is_read_but_real_environment_wins(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "intents:\n  - {id: teh, title: Teh, questions: [apa itu teh], answer: Teh., related: []}\n", encoding="utf-8"
    )
    (tmp_path / ".env").write_text(f"TANYABOT_KB={good}\n", encoding="utf-8")
    from_dotenv = run("ask", "--json", "apa itu teh", cwd=tmp_path, env={"PYTHONPATH": str(Path.cwd())})
    assert json.loads(from_dotenv.stdout)["intent"] == "teh"
    real_wins = run(
        "ask", "--json", "apa itu teh", cwd=tmp_path, env={"TANYABOT_KB": "/nope.yaml", "PYTHONPATH": str(Path.cwd())}
    )
    assert real_wins.returncode == 2


def test_eval_reports_and_json_keys():
    result = run("eval", str(REGRESSION_SET), "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    for key in (
        "inscope_top1",
        "inscope_top3",
        "oos_rejected",
        "wrong_answers",
        "overall",
        "per_intent",
        "confusions",
        "misses",
    ):
        assert key in report
    assert report["items"] > 100
    text = run("eval", str(REGRESSION_SET)).stdout.decode()
    assert "in-scope top-1" in text and "per intent" in text


def test_eval_min_thresholds_set_exit_code():
    assert run("eval", str(REGRESSION_SET), "--min-overall", "101").returncode == 1
    assert run("eval", str(REGRESSION_SET), "--min-overall", "50").returncode == 0


def test_eval_bad_labelled_file_is_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {q: halo, intent: no_such_intent}\n- {nope: 1}\n", encoding="utf-8")
    result = run("eval", str(bad))
    assert result.returncode == 2 and len(result.stderr.decode().strip().splitlines()) == 2


@pytest.mark.parametrize("command", [["ask", "apa itu pbb"], ["check"], ["eval", str(REGRESSION_SET)]])
def test_non_telegram_commands_do_not_import_telegram(command):
    code = (
        "import sys; from bot.cli import main; "
        f"rc = main({command!r}); "
        "sys.stderr.write('TELEGRAM_LOADED=%s' % "
        "any(m == 'telegram' or m.startswith('telegram.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
    assert b"TELEGRAM_LOADED=False" in result.stderr


def test_a_cached_start_imports_only_what_answering_needs(tmp_path):
    # Start to first answer is a benchmark target: the build-time libraries cost 0.2-0.3 s each to
    # import (wordfreq's tokenisers, indoNLP, numpy), and a cached index needs none of them; nor does
    # `ask` need the question log's report code (0.05 s).
    env = {"TANYABOT_CACHE_DIR": str(tmp_path)}
    assert run("ask", "apa itu pbb", env=env).returncode == 0  # builds and caches the index
    code = (
        "import sys; from bot.cli import main; rc = main(['ask', 'kak pbb tuh apa ya, disuruh bu guru']); "
        "unneeded = ('wordfreq', 'indoNLP', 'numpy', 'bot.questionlog.commands', 'bot.questionlog.report'); "
        "sys.stderr.write('LOADED=%s' % sorted(m for m in unneeded if m in sys.modules))"
    )
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYABOT_", "TELEGRAM_"))} | env
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=full_env, timeout=120, check=False)
    assert b"PBB" in result.stdout
    assert b"LOADED=[]" in result.stderr


def test_chat_remembers_the_conversation():
    result = run("chat", stdin=b"apa itu pbb\nterus tujuannya apa?\n1\n")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert out.count("bot> PBB") == 2  # the follow-up stays on PBB
    assert "Sampai jumpa" in out


def test_chat_exits_cleanly_on_eof():
    result = run("chat", stdin=b"")
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_ask_explain_shows_terms_evidence_and_the_decision():
    answered = run("ask", "--explain", "tujuanny krjsma multilateral apa?")
    out = answered.stdout.decode()
    assert answered.returncode == 0
    assert "tuju" in out.split("top ")[0]  # the restored spelling among the terms
    assert "1. tujuan - " in out and "typical=" in out and "threshold" in out
    assert out.rstrip().endswith("decision: answered with tujuan")
    fallback = run("ask", "--explain", "apa itu fotosintesis").stdout.decode()
    assert "fotosintesis" in fallback and fallback.rstrip().endswith("decision: fall back")
    assert "fact asked in the clause" not in out + fallback  # neither asks a fact in one clause of several
    two_clauses = run("ask", "--explain", "Apa tujuan PBB dan kapan PBB berdiri?").stdout.decode()
    assert "fact asked in the clause: kapan @pbb diri" in two_clauses
