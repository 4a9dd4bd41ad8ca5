"""Large packs are built in a child process (faq.isolated): same engine, same errors, a fallback."""

import logging

import pytest

from faq import Engine, KnowledgeBaseError, bundled_pack_paths, isolated, load_knowledge_base


def test_child_build_answers_like_a_local_build():
    paths = bundled_pack_paths()
    child = isolated.build_in_child(paths, Engine)
    local = Engine(load_knowledge_base(paths))
    assert isinstance(child, Engine)
    for question in ("apa itu pbb", "tujuan kerjasama multilateral", "resep rendang", "makasih kak"):
        assert child.answer(question) == local.answer(question)


def test_child_build_reports_problems_like_a_local_build(tmp_path):
    broken = tmp_path / "kb.yaml"
    broken.write_text(
        "intents:\n  - {id: Bad Id, title: x, questions: [q], answer: a, related: []}\n"
        "  - {id: ok, title: y, questions: [q2], answer: '', related: []}\n",
        "utf-8",
    )
    with pytest.raises(KnowledgeBaseError) as local:
        load_knowledge_base([broken])
    with pytest.raises(KnowledgeBaseError) as child:
        isolated.build_in_child([broken], Engine)
    assert child.value.problems == local.value.problems
    assert len(child.value.problems) >= 2


def test_large_packs_go_to_a_child_small_ones_do_not(monkeypatch):
    calls = []
    real = isolated.build_in_child
    monkeypatch.setattr(isolated, "build_in_child", lambda paths, build: calls.append(paths) or real(paths, build))
    Engine.from_paths(bundled_pack_paths())
    assert calls == []
    monkeypatch.setattr(isolated, "LARGE_KB_BYTES", 1)
    engine = Engine.from_paths(bundled_pack_paths())
    assert len(calls) == 1
    assert engine.answer("apa itu wto").intent == "wto"


def test_a_child_that_cannot_run_falls_back_to_a_local_build(monkeypatch, caplog):
    monkeypatch.setattr(isolated, "LARGE_KB_BYTES", 1)
    monkeypatch.setattr(isolated.sys, "executable", "/nonexistent/python3")
    with caplog.at_level(logging.WARNING, logger="faq.isolated"):
        engine = Engine.from_paths(bundled_pack_paths())
    assert engine.answer("apa itu wto").intent == "wto"
    assert "building it here" in caplog.text


def test_a_child_that_crashes_falls_back_to_a_local_build(monkeypatch, caplog, tmp_path):
    monkeypatch.setattr(isolated, "LARGE_KB_BYTES", 1)
    crash = tmp_path / "python3"
    crash.write_text("#!/bin/sh\necho 'MemoryError' >&2\nexit 1\n")
    crash.chmod(0o755)
    monkeypatch.setattr(isolated.sys, "executable", str(crash))
    with caplog.at_level(logging.WARNING, logger="faq.isolated"):
        engine = Engine.from_paths(bundled_pack_paths())
    assert engine.answer("apa itu wto").intent == "wto"
    assert "MemoryError" in caplog.text
