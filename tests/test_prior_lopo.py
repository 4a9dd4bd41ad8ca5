"""bench/prior_lopo.py: a pack measured with the shipped ranker prior and check, and with ones that never saw it."""

import sys

import pytest

import faq.engine
from faq import Engine, load_knowledge_base, training
from faq.evaluation import evaluate, load_labelled
from faq.prior import ranker_prior
from faq.prior_fit import SUBJECT_DIR
from faq.student_check import StudentCheck, student_check
from faq.training import SEED
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
prior_lopo = pytest.importorskip("prior_lopo")


def test_the_shipped_prior_gives_tanyabot_evals_figures_and_comes_back_after_another(monkeypatch):
    # Restored whatever measure() sets:
    monkeypatch.setattr(training, "ranker_prior", training.ranker_prior)
    monkeypatch.setattr(faq.engine, "student_check", faq.engine.student_check)
    shipped = prior_lopo.measure(("gerak", SEED, None, None))
    report = evaluate(
        Engine(load_knowledge_base([SUBJECT_DIR / "gerak.yaml"])), load_labelled(SUBJECT_DIR / "gerak_eval.yaml")
    )
    assert shipped[3][:2] == pytest.approx((report.overall, report.inscope_top1), abs=0.006)  # eval rounds
    # The shipped prior turned around, with a check that answers nothing, answers worse; the next
    # shipped run is the shipped one again (worker processes are reused, so a prior or check set for
    # one job must not leak into the next).
    weights, check = ranker_prior(), student_check()
    assert weights is not None and check is not None
    perverse = tuple(-w for w in weights)
    assert prior_lopo.measure(("gerak", SEED, perverse, None))[3][0] < shipped[3][0]
    silent = StudentCheck(check.model, 1.01)
    assert prior_lopo.measure(("gerak", SEED, None, silent))[3][1] < shipped[3][1]  # in scope answered
    assert prior_lopo.measure(("gerak", SEED, None, None)) == shipped
