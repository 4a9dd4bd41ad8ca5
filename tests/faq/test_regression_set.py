"""Our own labelled sets stay green.

tests/data/regression.yaml was written without seeing the dev set or the KB; tests/data/blind.yaml
(harder: long chatty questions, English, indirect wording) was written from the intent catalogue
and the seed article alone, later; tests/data/holdout.yaml, final.yaml and fresh.yaml the same way,
each first measured before any change was made with it in view; students.yaml (with a copy in chat
spellings, students_chat.yaml) the same way, asked for chatter, meaning without keywords, chat and
alay spellings, keyword lists and homework questions; sealed.yaml (and sealed_chat.yaml) likewise,
and blind4.yaml (with blind4_chat.yaml, its questions in chat spellings) and blind5.yaml in the next
step, blind6.yaml in the one after, blind7.yaml and blind8.yaml (with blind8_chat.yaml) after that,
blind9.yaml (with blind9_chat.yaml), blind10.yaml and blind11.yaml in the next, blind12.yaml to
blind17.yaml (with blind17_chat.yaml) one or two a step after that, blind18.yaml (with blind18_chat.yaml) in step 28.
tests/data/subject/ holds 39 packs on other school subjects (geography, history, biology, physics,
economics, chemistry, civics, Bahasa Indonesia, the solar system, sociology) that
helpers wrote from the README's format section as a teacher would, and blind questions on each.
The floors sit a little below today's scores.
"""

import pytest

from faq import Engine
from faq.evaluation import evaluate, load_labelled
from tests.conftest import REPO, UNREAD_SETS

DATA = REPO / "tests" / "data"

FLOORS = {
    # file: (min in-scope top-1 %, min out-of-scope rejected %, max wrong answers %)
    # A few points below today's figures: the learned threshold moves a little with any change to the
    # pack or the rules (its training questions change), and a question or two with it.
    "regression.yaml": (96.0, 92.0, 2.0),
    "blind.yaml": (88.0, 94.0, 3.0),
    "holdout.yaml": (93.0, 92.0, 3.0),
    "final.yaml": (96.0, 94.0, 2.0),
    "fresh.yaml": (95.0, 93.0, 2.5),
    "students.yaml": (90.0, 87.0, 4.0),
    "students_chat.yaml": (89.0, 88.0, 4.0),
    # Sealed: written with students.yaml, measured untuned (81.4 / 68.9 % overall), then once at the end
    # of each step (88.0 / 83.5, then 92.2 / 88.6 %); sealed_chat was studied for chat rules after that.
    "sealed.yaml": (89.0, 90.0, 3.0),
    "sealed_chat.yaml": (89.0, 88.0, 3.0),
    # blind4 (and its chat copy), first measured at 89.2 / 89.4 % overall.
    "blind4.yaml": (90.0, 87.0, 3.5),
    "blind4_chat.yaml": (89.0, 87.0, 3.5),
    # blind5, written at the end of that step and measured once: 92.7 % overall (94.7 once 6 stated
    # facts were relabelled).
    "blind5.yaml": (91.0, 90.0, 2.5),
    # blind6, written in the next step and measured once before it was looked at: 92.7 % overall.
    "blind6.yaml": (90.0, 94.0, 3.5),
    # blind7, written in the step after and measured once before it was looked at: 95.0 % overall.
    "blind7.yaml": (91.0, 94.0, 3.5),
    # blind8, written at the end of that step and measured once: 93.0 % overall (94.3 relabelled).
    "blind8.yaml": (90.0, 92.0, 3.0),
    # Its copy in common chat spellings, written from it alone and measured once: 93.7 % overall.
    "blind8_chat.yaml": (89.0, 94.0, 3.0),
    # blind9, written at the start of the next step and measured once: 91.7 % overall (3.3 % wrong);
    # its chat copy, written from it alone, 89.7 % (the chat target, 92 % in scope, not met).
    "blind9.yaml": (89.0, 87.0, 4.5),
    "blind9_chat.yaml": (88.0, 87.0, 3.5),
    # blind10, written later in that step and measured once, its misses unread: 91.0 % overall,
    # 81.7 % of its off-topic questions rejected (under the 90 % target).
    "blind10.yaml": (90.0, 76.0, 3.5),
    # blind11, written at the end of that step (a quarter of it off-topic), measured once, misses unread: 93.3 %.
    # The students' check (faq/student_check.py) answers more of it, with more wrong answers: 3.6 %.
    "blind11.yaml": (90.0, 86.0, 4.0),
    # blind12, written at the start of the next step and measured once: 93.7 % overall, 4.4 % wrong.
    "blind12.yaml": (92.0, 86.0, 5.0),
    # blind13, written at the start of the step after and measured once: 94.7 % overall, 0.4 % wrong.
    "blind13.yaml": (92.0, 90.0, 3.0),
    # blind14, written at the start of the step after and measured once: 92.7 % overall, 95.1 in
    # scope, 85.3 % of its off-topic questions rejected (under the 90 % target), 0.9 % wrong.
    "blind14.yaml": (92.0, 82.0, 3.0),
    # blind15, written at the start of the step after and measured once: 92.7 % overall, 96.4 in
    # scope, 81.3 % rejected, 1.8 % wrong; nine of its nulls are facts the answers state (relabelled).
    "blind15.yaml": (93.0, 88.0, 3.0),
    # blind16, written at the end of that step, measured once, misses unread: 91.0 % overall, 94.7 in
    # scope, 80.0 % of its off-topic questions rejected (under the 90 % target), 2.7 % wrong; read in
    # the step after, nine of its nulls are facts the answers state (relabelled).
    "blind16.yaml": (93.0, 86.0, 3.5),
    # blind17, written at the start of the step after and measured once, misses unread: 95.3 % overall,
    # 96.9 in scope, 90.7 % rejected, 0.9 % wrong; its chat-spelling copy, made from it alone, 94.7 %.
    "blind17.yaml": (93.0, 85.0, 3.0),
    "blind17_chat.yaml": (92.0, 85.0, 3.0),
    # blind18, written at the start of step 28 and measured once (01c9cbd): 93.7 % overall, 95.6 in scope,
    # 88.0 % rejected, 1.3 % wrong; 96.3 % once eight nulls the answers state were relabelled. Its misses
    # were read (two rules came of them). Its chat copy, made from it alone, misses unread: 93.0, then 95.7 %.
    "blind18.yaml": (95.0, 94.0, 3.0),
    "blind18_chat.yaml": (94.0, 94.0, 3.0),
}


def _check(engine: Engine, path, floors) -> None:
    min_inscope, min_oos, max_wrong = floors
    items = load_labelled(path, known_ids={i.id for i in engine.kb.intents})
    report = evaluate(engine, items)
    misses = "\n".join(f"{m['expected']} -> {m['got']}: {m['q']}" for m in report.misses)
    if path.stem.removesuffix("_eval") in UNREAD_SETS:
        misses = f"{len(report.misses)} misses (an unread set: its questions are not shown)"
    assert report.inscope_top1 >= min_inscope, misses
    assert report.oos_rejected >= min_oos, misses
    assert report.wrong <= max_wrong, misses


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labelled_set_meets_its_floors(engine, name):
    _check(engine, DATA / name, FLOORS[name])


@pytest.mark.parametrize(
    ("pack", "questions", "floors"),
    [
        ("cuaca_iklim.yaml", "cuaca_iklim_eval.yaml", (87.0, 86.0, 3.0)),
        # Written at the end of a step and measured once: 75.0 % overall (71.1 in scope, 4.4 % wrong),
        # far under the weather pack's 91 %; its topics overlap (ppki / sidang_ppki, golongan_muda_tua /
        # tokoh_golongan_muda) and the right one is first for 87 % of its questions.
        # Since then 79.4 in scope, but its learned threshold fell and 6.7 % of its answers are wrong.
        ("proklamasi.yaml", "proklamasi_eval.yaml", (75.0, 88.0, 8.0)),
        # Written next and measured once: 82.9 % overall (80.8 in scope, 2.0 % wrong).
        ("pencernaan.yaml", "pencernaan_eval.yaml", (81.0, 88.0, 4.5)),
        # Written with it: 79.3 % overall (75.1 in scope, 1.9 % wrong); its alias "Koperasi Sekolah" was
        # "koperasi" alone, as "sekolah" is chatter elsewhere.
        # With the students' check 92.9 % of its off-topic questions are declined (96 % before).
        ("koperasi.yaml", "koperasi_eval.yaml", (80.0, 91.0, 3.0)),
        # Written last (physics): 70.6 % overall before the engine told "Hukum II/III Newton" and
        # "kecepatan"/"percepatan" apart, 91.3 % after (its questions unseen until then).
        ("gerak.yaml", "gerak_eval.yaml", (86.0, 90.0, 3.5)),
        # The next step's two, each measured once before it was looked at: Bahasa Indonesia (text
        # types and figures of speech) 93.5 % overall with 4.3 % wrong, the solar system 85.2 %.
        ("teks.yaml", "teks_eval.yaml", (90.0, 88.0, 5.5)),
        ("tatasurya.yaml", "tatasurya_eval.yaml", (81.0, 84.0, 4.0)),
        # Written at the end of that step and measured once: geography (the lithosphere) 91.7 %
        # overall, biology (blood circulation) 85.2 % with 4.8 % wrong.
        ("litosfer.yaml", "litosfer_eval.yaml", (88.0, 85.0, 4.5)),
        ("darah.yaml", "darah_eval.yaml", (81.0, 78.0, 6.0)),
        # Written at the start of the next step and measured once: history (the Hindu-Buddhist
        # kingdoms) 81.7 % overall, sociology (social interaction) 87.8 % with 4.3 % wrong.
        ("hindubuddha.yaml", "hindubuddha_eval.yaml", (79.0, 83.0, 5.5)),
        # Rejected 85.7 -> 83.3 % when answer sentences naming someone began to answer "siapa": "siapa yg
        # bangun menara kudus" meets one about the tower's (bangunan) Hindu and Islamic styles.
        ("interaksi.yaml", "interaksi_eval.yaml", (84.0, 83.0, 6.0)),
        # Written later in that step and measured once, its misses unread: biology (ecosystems) 85.7 %.
        # Rejected 90.5 -> 85.7 % when the ranker began to weigh words side by side (three training
        # seeds: 84.9 -> 88.1 %, overall 89.7 -> 91.2 %). Rejected 85.7 -> 83.3 % (one question of 42)
        # when a word the pack does not write began to be read as the pack's word of the same meaning
        # (three seeds: overall 91.7 -> 91.2 %; the 13 packs outside the prior 86.57 -> 86.56 %).
        ("ekosistem.yaml", "ekosistem_eval.yaml", (80.0, 82.0, 4.5)),
        # Written at the end of that step, measured once, misses unread: geography (the hydrosphere) 88.3 %.
        ("hidrosfer.yaml", "hidrosfer_eval.yaml", (85.0, 82.0, 4.5)),
        # Written at the start of the next step, measured once, misses unread: economics (markets)
        # 90.4 % overall but 7.4 % wrong, history (the national movement) 87.8 % with 6.4 % wrong.
        # Markets rejected 83.3 -> 76.2 % when the ranker began to weigh words side by side (three
        # seeds 84.1 -> 81.0 %): near-domain questions that quote its answers ("UU No 5 tahun 1999 itu
        # ada berapa pasal?" to monopoly, whose answer names that law).
        ("pasar.yaml", "pasar_eval.yaml", (88.0, 74.0, 9.0)),
        ("pergerakan.yaml", "pergerakan_eval.yaml", (86.0, 78.0, 8.0)),
        # Written at the start of the next step by a teacher-helper who used plain `check` only (no
        # --deep), measured once: geography (population) 80.4 % overall, 78.2 in scope, 3.2 % wrong.
        ("kependudukan.yaml", "kependudukan_eval.yaml", (75.0, 85.0, 5.0)),
        # Written with it (physics: static and current electricity), measured once, read late in the
        # step: 72.6 % overall, 67.0 in scope, 0.0 % wrong. One in three clear questions falls back.
        ("listrik.yaml", "listrik_eval.yaml", (65.0, 88.0, 3.0)),
        # Written at the start of the step after the same way (chemistry: acids, bases and salts),
        # measured once, misses unread: 75.7 % overall, 72.3 in scope, 3.7 % wrong.
        # With the students' check: 79.8 in scope, 5.9 % wrong (before it, 75.0 and 4.8 over three seeds).
        ("asam_basa.yaml", "asam_basa_eval.yaml", (68.0, 85.0, 7.0)),
        # Written at the start of the next step the same way, measured once: civics (human rights,
        # read) 83.1 % overall, 80.4 in scope, 3.1 % wrong; biology (plant tissues and photosynthesis,
        # misses unread) 85.2 % overall, 84.5 in scope, 2.6 % wrong.
        ("ham.yaml", "ham_eval.yaml", (77.0, 90.0, 4.5)),
        ("fotosintesis.yaml", "fotosintesis_eval.yaml", (80.0, 80.0, 4.0)),
        # Written at the start of the next step the same way, measured once, misses unread: history
        # (the Islamic kingdoms) 86.1 % overall, 84.5 in scope, 2.1 % wrong; biology (human
        # respiration) 89.5 % overall, 91.3 in scope, 81.4 % rejected, 4.6 % wrong. Neither is among
        # the packs the prior ranker is fitted on (faq/prior_fit.py).
        ("islam.yaml", "islam_eval.yaml", (79.0, 85.0, 4.0)),
        ("napas.yaml", "napas_eval.yaml", (86.0, 75.0, 7.0)),
        # Written at the start of the next step the same way, measured once, misses unread: physics
        # (vibrations, waves and sound) 88.3 % overall, 87.8 in scope, 1.5 % wrong; history (European
        # colonial rule) 80.3 % overall, 78.1 in scope, 1.0 % wrong. Outside the prior ranker's packs too.
        ("bunyi.yaml", "bunyi_eval.yaml", (84.0, 84.0, 4.0)),
        # Step 19: one off-topic question of 42 more answered (85.7 -> 83.3 % rejected) since a topic on
        # someone states who did what it tells of, while over three seeds it rose 81.4 -> 82.6 % overall.
        ("kolonial.yaml", "kolonial_eval.yaml", (74.0, 82.0, 3.5)),
        # Written at the start of the next step the same way, measured once, misses unread: history (the
        # Japanese occupation) 83.6 % overall, 81.9 in scope, 3.0 % wrong (untuned 70.5); geography
        # (maps, remote sensing and GIS) 80.7 % overall, 77.8 in scope, 4.0 % wrong (untuned 70.8).
        ("jepang.yaml", "jepang_eval.yaml", (79.0, 86.0, 4.5)),
        # With the students' check: 84.8 in scope, 7.6 % wrong (before it, 81.5 and 3.2 over three
        # seeds): long questions describing a map get answered whole, and some of them wrongly.
        ("peta.yaml", "peta_eval.yaml", (76.0, 88.0, 9.0)),
        # Written at the start of the next step the same way, measured once, misses unread: physics (heat,
        # temperature and expansion) 86.2 % overall, 84.7 in scope, 4.0 % wrong (untuned 75.7); economics
        # (money, banks and financial institutions) 87.1 % overall, 86.2 in scope, 2.9 % wrong (untuned 78.0).
        # With the students' check: 88.1 in scope, 5.9 % wrong (before it, 86.3 and 4.1 over three seeds).
        ("kalor.yaml", "kalor_eval.yaml", (80.0, 88.0, 7.0)),
        ("uang.yaml", "uang_eval.yaml", (82.0, 86.0, 5.0)),
        # Written in step 19 the same way, measured once untuned: civics (Pancasila as the state's
        # foundation) 83.9 % overall, 86.7 in scope, 72.3 % rejected, 3.1 % wrong; biology (cells) 90.7 %
        # overall, 93.9 in scope, 77.1 % rejected, 0.5 % wrong. Their off-topic misses and wrong answers
        # were read (a lone candidate's lead and everyday words in a key word's place were tried, and
        # dropped: no better over all packs).
        ("pancasila.yaml", "pancasila_eval.yaml", (81.0, 66.0, 5.5)),
        ("sel.yaml", "sel_eval.yaml", (89.0, 70.0, 3.0)),
        # Written in step 20 the same way, measured once untuned (a605ac8): physics (pressure in solids,
        # liquids and gases) 90.7 % overall, 92.3 in scope, 84.0 % rejected, 4.3 % wrong; social studies
        # (globalisation) 89.3 % overall, 88.7 in scope, 91.8 % rejected, 3.9 % wrong.
        ("tekanan.yaml", "tekanan_eval.yaml", (87.0, 78.0, 6.0)),
        ("globalisasi.yaml", "globalisasi_eval.yaml", (86.0, 86.0, 5.5)),
        # Written in step 28 the same way (its teacher ran plain `check` only), measured once untuned
        # (01c9cbd): physics (light and optical instruments) 84.1 % overall, 86.4 in scope, 75.6 % rejected,
        # 2.5 % wrong. Read after that: "p" alone had been the lens power ("P = 1/f"), 84.5 % since.
        ("cahaya.yaml", "cahaya_eval.yaml", (84.0, 72.0, 3.5)),
        # Written in step 37 the same way (teachers ran plain `check` only; questions from the catalogue and
        # the source text alone), measured once untuned (1743445), misses unread: chemistry (food additives
        # and addictive substances) 89.6 % overall, 88.7 in scope, 93.3 % rejected, 2.6 % wrong; physics
        # (work, energy and simple machines) 85.8 % overall, 83.6 in scope, 95.6 % rejected, 4.1 % wrong.
        ("aditif.yaml", "aditif_eval.yaml", (86.0, 88.0, 4.5)),
        ("pesawat.yaml", "pesawat_eval.yaml", (82.0, 90.0, 6.0)),
        # Written later in step 37 the same way, measured once untuned (5f6e97b), misses unread: biology
        # (nutrition) 92.3 % overall, 91.6 in scope, 95.6 % rejected, 2.5 % wrong; economics (production,
        # distribution, consumption) 90.0, 91.2, 84.4, 2.6; biology (the human skeleton and muscles) 89.7,
        # 90.4, 86.7, 4.0; history (defending independence, 1945-1949) 89.2, 89.7, 86.7, 2.6.
        ("gizi.yaml", "gizi_eval.yaml", (88.0, 90.0, 4.5)),
        ("produksi.yaml", "produksi_eval.yaml", (86.0, 78.0, 4.5)),
        ("rangka.yaml", "rangka_eval.yaml", (86.0, 80.0, 6.0)),
        ("revolusi.yaml", "revolusi_eval.yaml", (85.0, 80.0, 4.5)),
    ],
)
def test_another_subjects_pack_meets_its_floors(pack, questions, floors):
    # No code or constant knows these packs: the decision is learned from each when it loads.
    engine = Engine.from_paths([DATA / "subject" / pack])
    _check(engine, DATA / "subject" / questions, floors)
