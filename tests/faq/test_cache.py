"""The compiled-index cache: reused when nothing changed, rebuilt when a file or the code did."""

import pytest

from faq import Engine, KnowledgeBaseError, cache

PACK = (
    "intents:\n"
    "  - {id: kopi, title: Kopi, questions: [apa itu kopi, minuman kopi], answer: Kopi itu minuman., related: []}\n"
)


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache(tmp_path, pack, monkeypatch):
    first = Engine.from_paths([pack], cache_dir=tmp_path / "c")
    assert len(list((tmp_path / "c").glob("engine-*.pickle"))) == 1
    monkeypatch.setattr("faq.engine.load_knowledge_base", lambda paths: pytest.fail("KB parsed again"))
    second = Engine.from_paths([pack], cache_dir=tmp_path / "c")
    assert second.answer("apa itu kopi").intent == first.answer("apa itu kopi").intent == "kopi"


def test_changed_file_rebuilds(tmp_path, pack):
    Engine.from_paths([pack], cache_dir=tmp_path / "c")
    pack.write_text(PACK.replace("kopi", "teh").replace("Kopi", "Teh"), encoding="utf-8")
    engine = Engine.from_paths([pack], cache_dir=tmp_path / "c")
    assert engine.answer("apa itu teh").intent == "teh"


def test_changed_code_rebuilds(tmp_path, pack, monkeypatch):
    Engine.from_paths([pack], cache_dir=tmp_path / "c")
    key_before = cache.cache_key([pack])
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    assert cache.cache_key([pack]) != key_before
    Engine.from_paths([pack], cache_dir=tmp_path / "c")
    assert len(list((tmp_path / "c").glob("engine-*.pickle"))) == 2


def test_corrupt_cache_file_is_rebuilt(tmp_path, pack):
    Engine.from_paths([pack], cache_dir=tmp_path / "c")
    (stored,) = (tmp_path / "c").glob("engine-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert Engine.from_paths([pack], cache_dir=tmp_path / "c").answer("apa itu kopi").intent == "kopi"


def test_broken_kb_is_still_reported_with_a_cache(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("intents: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        Engine.from_paths([broken], cache_dir=tmp_path / "c")
    with pytest.raises(KnowledgeBaseError):
        Engine.from_paths([tmp_path / "missing.yaml"], cache_dir=tmp_path / "c")


def test_unwritable_cache_dir_only_costs_speed(tmp_path, pack):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert Engine.from_paths([pack], cache_dir=blocker / "sub").answer("apa itu kopi").intent == "kopi"
