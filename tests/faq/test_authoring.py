"""Help for the teacher who writes a pack: `check --deep`, `draft`, related topics found when a pack
lists none, and one engine serving several subjects."""

from __future__ import annotations

from faq import Engine, load_knowledge_base
from faq.draft import draft_pack, sections
from faq.schema import MAX_ANSWER_LENGTH
from tests.bot.test_cli import run
from tests.conftest import REPO

CONFUSABLE = """\
subject: "Biologi: Sel"
intents:
  - id: mitokondria
    title: Mitokondria
    questions: [apa itu mitokondria, fungsi mitokondria, mitokondria itu apa, jelaskan mitokondria,
                organel penghasil energi sel, pembangkit tenaga sel apa, mitokondria ada di mana,
                mitokondria sel hewan, pengertian ribosom]
    answer: Mitokondria adalah organel tempat respirasi sel yang menghasilkan energi (ATP).
    related: [ribosom]
    quiz:
      - question: Apa yang dihasilkan mitokondria?
        options: [ATP, Glukosa]
        answer: Glukosa
  - id: ribosom
    title: Ribosom
    questions: [apa itu ribosom, ribosom itu apa, definisi ribosom]
    answer: Ribosom adalah organel tempat sintesis protein di dalam sel.
    related: []
  - id: ribosom_lagi
    title: Ribosom (ulang)
    questions: [ribosom adalah, definisi ribosom, pengertian ribosom, ribosom]
    answer: Ribosom adalah organel tempat sintesis protein di dalam sel!
    related: [ribosom]
"""


def test_check_deep_warns_of_what_the_author_should_fix_and_exits_0(tmp_path):
    pack = tmp_path / "sel.yaml"
    pack.write_text(CONFUSABLE, encoding="utf-8")
    result = run("check", "--deep", str(pack))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert f"{pack}:19: ribosom_lagi: phrasing 'ribosom' is taken for `ribosom` when held out" in out
    assert f"{pack}:14: ribosom: only 3 phrasings" in out
    assert "ribosom: no related topics (the bot offers the closest ones instead); closest: ribosom_lagi" in out
    assert "ribosom: answer nearly the same as `ribosom_lagi`'s" in out
    assert "ribosom_lagi: every phrasing uses the same words" in out
    assert "mitokondria: quiz[1]: the answer's 'glukosa' not in the intent's answer" in out
    assert out.rstrip().endswith("ok: 1 file(s), 3 intents, 16 questions, 0 synonym groups")


SHARED_ALIAS = """\
intents:
  - id: sig
    title: Pengertian SIG
    aliases: [SIG, GIS]
    questions: [apa itu SIG, pengertian sistem informasi geografis, SIG itu apa]
    answer: SIG adalah sistem komputer untuk mengolah data geografis.
    related: [komponen_sig]
  - id: komponen_sig
    title: Komponen SIG
    aliases: [gis, SIG]
    questions: [komponen SIG apa saja, bagian bagian SIG, SIG terdiri dari apa]
    answer: Komponen SIG adalah perangkat keras, perangkat lunak, data, dan manusia.
    related: [sig]
"""


def test_check_deep_warns_of_an_alias_given_to_several_topics(tmp_path):
    # "apa itu SIG" ties between the two topics and falls back: the author is told why.
    pack = tmp_path / "peta.yaml"
    pack.write_text(SHARED_ALIAS, encoding="utf-8")
    out = run("check", "--deep", str(pack)).stdout.decode()
    assert (
        f"{pack}:8: komponen_sig: aliases 'gis', 'SIG' are also given to `sig`: a question naming only one of them"
        " cannot tell the topics apart"
    ) in out
    assert "sig: alias" not in out.replace("komponen_sig: alias", "")  # on the later topic only


def test_check_deep_on_the_bundled_pack_runs_clean_of_errors():
    result = run("check", "--deep")
    assert result.returncode == 0 and b"warning(s)" in result.stdout


NOTES = """\
# Sel dan Organel

## Mitokondria
Mitokondria adalah organel penghasil energi. Di sinilah respirasi sel terjadi.

## Ribosom
Ribosom membuat protein.
- Ada yang menempel di retikulum endoplasma
- Ada yang bebas di sitoplasma

Fungsi membran sel:
Membran sel mengatur keluar masuknya zat. Membran bersifat selektif permeabel.
"""


def test_draft_makes_a_pack_that_passes_check(tmp_path):
    notes = tmp_path / "biologi_sel.txt"
    notes.write_text(NOTES, encoding="utf-8")
    result = run("draft", str(notes))
    assert result.returncode == 0, result.stderr
    pack = tmp_path / "draft.yaml"
    pack.write_bytes(result.stdout)
    kb = load_knowledge_base([pack])
    assert [i.id for i in kb.intents] == ["mitokondria", "ribosom", "fungsi_membran_sel"]
    assert kb.subjects == ("biologi_sel",)
    ribosom = kb.get("ribosom")
    assert ribosom.questions[:4] == (
        "apa itu ribosom",
        "apa yang dimaksud dengan ribosom",
        "jelaskan ribosom",
        "ribosom itu apa",
    )
    assert "- Ada yang bebas di sitoplasma" in ribosom.answer
    assert all(i.related and i.id not in i.related for i in kb.intents)
    assert result.stdout.decode().count("      # TODO") == 3  # one per intent
    assert run("check", str(pack)).returncode == 0
    assert Engine(kb).answer("jelaskan mitokondria").intent == "mitokondria"


def test_draft_cuts_a_long_section_at_a_sentence_end_and_skips_a_bare_title():
    long = "Kalimat panjang tentang awan. " * 200
    found = sections(f"CUACA DAN IKLIM\n\nAwan\n{long}\n")
    assert [s.heading for s in found] == ["Awan"]
    text = draft_pack(f"Awan\n{long}\n", subject="x")
    answer = text.split("answer: |\n", 1)[1].split("\n    related")[0]
    assert len(answer.replace("\n      ", " ").strip()) <= MAX_ANSWER_LENGTH
    assert answer.rstrip().endswith("awan.")


def test_empty_notes_are_exit_2(tmp_path):
    notes = tmp_path / "kosong.txt"
    notes.write_text("  \n", encoding="utf-8")
    result = run("draft", str(notes))
    assert result.returncode == 2 and b"empty" in result.stderr


def test_an_intent_listing_no_related_gets_the_closest_topics(tmp_path):
    import yaml

    pack = yaml.safe_load((REPO / "tests" / "data" / "subject" / "cuaca_iklim.yaml").read_text(encoding="utf-8"))
    for intent in pack["intents"]:
        intent["related"] = []
    path = tmp_path / "tanpa_related.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    engine = Engine.from_paths([path])
    answer = engine.answer("apa itu el nino")
    related = [t.id for t in answer.related]
    assert answer.intent == "el_nino_la_nina" and len(related) == 3 and "el_nino_la_nina" not in related
    assert set(related) <= {t.id for t in engine.topics()}


def test_one_engine_limits_answers_to_the_chosen_subjects():
    engine = Engine.from_paths(
        [
            REPO / "faq" / "packs" / "kerjasama_multilateral.yaml",
            REPO / "tests" / "data" / "subject" / "cuaca_iklim.yaml",
        ]
    )
    ppkn, geografi = engine.kb.subjects
    assert engine.answer("apa itu wto").intent == "wto"
    limited = engine.answer("apa itu wto", subjects=[geografi])
    assert limited.intent is None and limited.other_subject == ppkn
    assert all(s.id in {t.id for t in engine.topics([geografi])} for s in limited.suggestions)
    assert engine.answer("halo", subjects=[geografi]).intent == "salam"  # small talk stays in every choice
    assert engine.answer("resep rendang", subjects=[geografi]).other_subject is None
    assert {t.id for t in engine.topics([ppkn])} | {t.id for t in engine.topics([geografi])} == {
        t.id for t in engine.topics()
    }
    assert [s.id for s in engine.search("el nino", subjects=[ppkn])] != ["el_nino_la_nina"]


READ_ALIKE = """\
intents:
  - id: pengertian_peta
    title: Pengertian peta
    questions: [apa itu peta, peta tuh apaan sih, definisi peta, arti peta, pengertian peta menurut ahli]
    answer: Peta adalah gambaran permukaan bumi pada bidang datar yang diperkecil dengan skala.
    related: [komponen_peta]
  - id: komponen_peta
    title: Komponen peta
    questions: [komponen peta, bagian-bagian peta apa aja kak, sebutkan komponen peta, kelengkapan peta]
    answer: Komponen peta adalah judul, skala, legenda, orientasi, dan inset.
    related: [pengertian_peta]
"""


def test_check_deep_shows_the_phrasing_a_confused_one_reads_as_and_the_words_skipped(tmp_path):
    # "bagian" is chatter to the bot ("bagian tentang ..."): the author sees that this phrasing of the
    # components became "apa itu peta", and which of its words counted for nothing.
    pack = tmp_path / "peta.yaml"
    pack.write_text(READ_ALIKE, encoding="utf-8")
    out = run("check", "--deep", str(pack)).stdout.decode()
    assert (
        f"{pack}:7: komponen_peta: phrasing 'bagian-bagian peta apa aja kak' is taken for `pengertian_peta` when"
        " held out: tell the two apart (without the words the bot skips, 'bagian', 'aja', 'kak', it reads as"
        " 'apa itu peta')"
    ) in out
