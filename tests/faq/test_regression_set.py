"""Our own labelled sets stay green.

tests/data/regression.yaml was written without seeing the dev set or the KB; tests/data/blind.yaml
(harder: long chatty questions, English, indirect wording) was written from the intent catalogue
and the seed article alone, later; tests/data/holdout.yaml, final.yaml and fresh.yaml the same way,
each first measured before any change was made with it in view; students.yaml (with a copy in chat
spellings, students_chat.yaml) the same way, asked for chatter, meaning without keywords, chat and
alay spellings, keyword lists and homework questions; sealed.yaml (and sealed_chat.yaml) likewise.
tests/data/subject/ is another school subject: a geography pack a helper wrote from the README's
format section as a teacher would, and blind questions on it. The floors sit a little below today's scores.
"""

import pytest

from faq import Engine
from faq.evaluation import evaluate, load_labelled
from tests.conftest import REPO

DATA = REPO / "tests" / "data"
SUBJECT_PACK = DATA / "subject" / "cuaca_iklim.yaml"

FLOORS = {
    # file: (min in-scope top-1 %, min out-of-scope rejected %, max wrong answers %)
    "regression.yaml": (92.0, 90.0, 3.0),
    "blind.yaml": (80.0, 92.0, 5.0),
    # The learned decision answers more of holdout's in-scope questions (92.6 -> 95 %) and rejects
    # fewer of its out-of-scope ones (98 -> 93 %) than the fixed thresholds before it.
    "holdout.yaml": (90.0, 90.0, 3.0),
    "final.yaml": (90.0, 92.0, 3.0),
    "fresh.yaml": (90.0, 90.0, 3.0),
    "students.yaml": (83.0, 83.0, 4.5),
    "students_chat.yaml": (79.0, 85.0, 4.5),
    # Sealed: written with students.yaml, measured untuned (81.4 / 68.9 % overall) and not again until
    # the end (88.3 / 83.8 %); nothing was changed with their questions in view.
    "sealed.yaml": (83.0, 90.0, 3.5),
    "sealed_chat.yaml": (78.0, 86.0, 3.5),
}


def _check(engine: Engine, path, floors) -> None:
    min_inscope, min_oos, max_wrong = floors
    items = load_labelled(path, known_ids={i.id for i in engine.kb.intents})
    report = evaluate(engine, items)
    misses = "\n".join(f"{m['expected']} -> {m['got']}: {m['q']}" for m in report.misses)
    assert report.inscope_top1 >= min_inscope, misses
    assert report.oos_rejected >= min_oos, misses
    assert report.wrong <= max_wrong, misses


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labelled_set_meets_its_floors(engine, name):
    _check(engine, DATA / name, FLOORS[name])


def test_another_subjects_pack_meets_its_floors():
    # No code or constant knows this pack: the decision is learned from it when it loads.
    engine = Engine.from_paths([SUBJECT_PACK])
    _check(engine, DATA / "subject" / "cuaca_iklim_eval.yaml", (83.0, 82.0, 3.5))
