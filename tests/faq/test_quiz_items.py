"""Quiz items in packs: validation (`faq.quiz_loader`), stable ids, and the bundled pack's items."""

import re

import pytest

from faq import load_knowledge_base
from faq.schema import quiz_item_id
from tests.faq.test_loader import problems, write

PACK = """\
intents:
  - id: satu
    title: Topik satu
    questions: [apa itu satu]
    answer: Satu adalah angka pertama.
    related: []
    quiz:
{items}
"""

GOOD = """\
      - question: "Satu itu angka ke berapa?"
        options: ["Pertama", "Kedua"]
        answer: "Pertama"
        explanation: "Satu adalah angka pertama."
"""


def test_a_valid_item_loads_with_a_stable_id(tmp_path):
    kb = load_knowledge_base([write(tmp_path, PACK.format(items=GOOD))])
    (item,) = kb.intents[0].quiz
    assert item.options == ("Pertama", "Kedua") and item.correct_option == 0
    assert (
        item.id
        == quiz_item_id("satu", "Satu itu angka ke berapa?")
        == quiz_item_id("satu", " satu itu  angka ke berapa? ")
    )
    assert kb.quiz_item(item.id) == item and kb.quiz_item("satu:missing") is None


def test_every_broken_item_is_reported_with_file_line_intent_and_number(tmp_path):
    broken = (
        GOOD
        + """\
      - question: ""
        options: ["Sama", "sama"]
        answer: "Lain"
      - question: "{long}"
        options: ["Hanya satu"]
        answer: "Hanya satu"
        explanation: "{explanation}"
      - question: "Banyak pilihan?"
        options: [{eleven}]
        answer: "o1"
""".format(long="x" * 301, explanation="y" * 201, eleven=", ".join(f'"o{i}"' for i in range(11)))
    )
    found = problems(tmp_path, PACK.format(items=broken))
    assert any(re.fullmatch(r".*kb\.yaml:12: satu: quiz\[2\]: question: must be non-empty text", p) for p in found)
    assert any("quiz[2]: options: two options are the same" in p for p in found)
    assert any("quiz[2]: answer: 'Lain' is not one of the options" in p for p in found)
    assert any("quiz[3]: question: 301 characters, at most 300" in p for p in found)
    assert any("quiz[3]: options: 1 options, 2 to 10 allowed" in p for p in found)
    assert any("quiz[3]: explanation: 201 characters, at most 200" in p for p in found)
    assert any("quiz[4]: options: 11 options, 2 to 10 allowed" in p for p in found)
    assert not any("quiz[1]" in p for p in found)


def test_check_reports_a_broken_item_and_exits_2(tmp_path):
    from tests.bot.test_cli import run

    path = write(tmp_path, PACK.format(items=GOOD.replace('answer: "Pertama"', 'answer: "Ketiga"')))
    result = run("check", str(path))
    assert result.returncode == 2
    assert f"{path}:8: satu: quiz[1]: answer: 'Ketiga' is not one of the options" in result.stderr.decode()


_STOP = {
    "yang",
    "dan",
    "atau",
    "dengan",
    "untuk",
    "dari",
    "dalam",
    "pada",
    "oleh",
    "para",
    "adalah",
    "serta",
    "juga",
    "lebih",
    "antara",
    "secara",
    "sebagai",
    "bukan",
    "tidak",
    "hanya",
}


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) >= 4 and w not in _STOP]


def test_every_topic_of_the_bundled_pack_has_three_items_answerable_from_its_answer(engine):
    for intent in engine.kb.intents:
        if intent.small_talk or intent.id in ("salam", "terima_kasih", "bantuan"):
            continue
        assert len(intent.quiz) >= 3, intent.id
        answer_words = set(_content_words(intent.answer))
        for item in intent.quiz:
            for word in _content_words(item.answer):
                # the same word, or an inflected form sharing its first five letters
                assert word in answer_words or any(w[:5] == word[:5] for w in answer_words), (
                    intent.id,
                    item.answer,
                    word,
                )
            assert item.explanation and len(item.explanation) <= 200


@pytest.mark.parametrize("intent_id", ["salam", "terima_kasih", "bantuan"])
def test_small_talk_has_no_quiz(engine, intent_id):
    assert engine.kb.get(intent_id).quiz == ()
