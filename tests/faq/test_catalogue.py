"""The bundled KB keeps the contract of ../shared/spec/intents.yaml."""

import pytest
import yaml

import nlp
from tests.conftest import SHARED

SPEC = SHARED / "spec" / "intents.yaml"
DEV = SHARED / "eval" / "dev.yaml"


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec not present")
def test_every_catalogue_id_is_in_the_bundled_kb(engine):
    spec_ids = [entry["id"] for entry in yaml.safe_load(SPEC.read_text(encoding="utf-8"))]
    assert len(spec_ids) == 20
    missing = [i for i in spec_ids if engine.kb.get(i) is None]
    assert missing == []


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec not present")
def test_catalogue_related_ids_are_kept(engine):
    for entry in yaml.safe_load(SPEC.read_text(encoding="utf-8")):
        assert set(entry["related"]) <= set(engine.kb.get(entry["id"]).related), entry["id"]


def test_every_related_id_resolves_and_answers_are_short(engine):
    for intent in engine.kb.intents:
        assert all(engine.kb.get(r) is not None for r in intent.related)
        assert len(intent.answer) <= 1000
        assert len(intent.questions) >= 8


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval not present")
def test_no_dev_question_was_pasted_into_the_kb(engine):
    """Sentences of five words or more are never the dev set's (short keyword forms may coincide)."""
    dev = {" ".join(nlp.tokenize(item["q"])) for item in yaml.safe_load(DEV.read_text(encoding="utf-8"))}
    pasted = [
        q
        for intent in engine.kb.intents
        for q in intent.questions
        if len(nlp.tokenize(q)) >= 5 and " ".join(nlp.tokenize(q)) in dev
    ]
    assert pasted == []
