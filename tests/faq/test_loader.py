import textwrap

import pytest

from faq import KnowledgeBaseError, load_knowledge_base
from faq.schema import MAX_ANSWER_LENGTH

VALID = """\
synonyms:
  - [manfaat, keuntungan]
intents:
  - id: satu
    title: Topik satu
    questions: [apa itu satu]
    answer: Jawaban satu.
    related: [dua]
  - id: dua
    title: Topik dua
    questions: [apa itu dua]
    answer: Jawaban dua.
    related: []
"""


def write(tmp_path, text, name="kb.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path, text):
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base([write(tmp_path, text)])
    return [str(p) for p in caught.value.problems]


def test_valid_pack_loads_with_synonyms(tmp_path):
    kb = load_knowledge_base([write(tmp_path, VALID)])
    assert [i.id for i in kb.intents] == ["satu", "dua"]
    assert kb.synonyms == (("manfaat", "keuntungan"),)
    assert kb.get("satu").related == ("dua",)
    assert (kb.position("satu"), kb.position("dua")) == (0, 1)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    found = problems(tmp_path, "intents:\n  - id: a\n    title: [unclosed\n")
    assert len(found) == 1 and "kb.yaml:" in found[0] and "YAML syntax error" in found[0]
    assert found[0].split(":")[1].isdigit()


@pytest.mark.parametrize("field", ["id", "title", "questions", "answer", "related"])
def test_missing_field_is_reported_with_line_and_intent(tmp_path, field):
    # rename the field in the first intent only
    text = (
        VALID.replace(f"{field}: ", f"x_{field}: ", 1)
        if field == "id"
        else VALID.replace(f"    {field}: ", f"    x_{field}: ", 1)
    )
    found = problems(tmp_path, text)
    assert any(f": {field}: missing" in p and p.startswith(str(tmp_path / "kb.yaml") + ":") for p in found), found


def test_missing_related_says_an_empty_list_will_do(tmp_path):
    # A teacher who read "the bot chooses the closest topics" learns the key is still needed.
    found = problems(tmp_path, VALID.replace("    related: ", "    x_related: ", 1))
    assert any(": related: missing (write [] to let the bot choose the closest topics)" in p for p in found), found


def test_duplicate_id_across_files(tmp_path):
    first = write(tmp_path, VALID, "a.yaml")
    second = write(tmp_path, "intents:\n  - {id: satu, title: T, questions: [q], answer: A, related: []}\n", "b.yaml")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base([first, second])
    assert any("b.yaml:2: satu: id: duplicate id, first defined at" in str(p) for p in caught.value.problems)


def test_unknown_related_id(tmp_path):
    found = problems(tmp_path, VALID.replace("related: [dua]", "related: [tiga]"))
    assert any("satu: related: unknown intent `tiga`" in p for p in found)


def test_empty_answer_and_bad_id_reported_together(tmp_path):
    text = VALID.replace("answer: Jawaban satu.", 'answer: "  "').replace("id: dua", "id: Dua-Bad")
    found = problems(tmp_path, text)
    assert any("answer: must be non-empty text" in p for p in found)
    assert any("id: must match" in p for p in found)
    assert len(found) >= 2  # every problem at once


def test_answer_longer_than_a_telegram_message(tmp_path):
    long_answer = "x" * (MAX_ANSWER_LENGTH + 1)
    found = problems(tmp_path, VALID.replace("answer: Jawaban satu.", f"answer: {long_answer}"))
    assert any("answer:" in p and "one Telegram message" in p for p in found)


def test_duplicate_key_in_an_intent(tmp_path):
    found = problems(tmp_path, VALID.replace("    title: Topik satu\n", "    title: Topik satu\n    title: Lagi\n"))
    assert any("duplicate key `title`" in p for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- just\n- a list\n", "expected a mapping with an `intents:` list"),
        ("intents: nope\n", "`intents` must be a list"),
        ("intents:\n  - 42\n", "intent #1 must be a mapping"),
        ("intents:\n  - {id: a, title: T, questions: [], answer: A, related: []}\n", "questions: must not be empty"),
        ("intents:\n  - {id: a, title: T, questions: [q], answer: A, related: [], small_talk: maybe}\n", "small_talk"),
        ("synonyms: [[solo]]\nintents:\n  - {id: a, title: T, questions: [q], answer: A, related: []}\n", "group #1"),
    ],
)
def test_shape_errors(tmp_path, text, expected):
    assert any(expected in p for p in problems(tmp_path, text))


def test_missing_file_and_binary_file(tmp_path):
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"intents:\n\xff\xfe\x00")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base([tmp_path / "nope.yaml", binary])
    text = [str(p) for p in caught.value.problems]
    assert any("nope.yaml: file not found" in p for p in text)
    assert any("bin.yaml:2: not UTF-8 text" in p for p in text)


def test_bundled_pack_loads(engine):
    assert len(engine.kb.intents) >= 20
