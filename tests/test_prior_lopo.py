"""bench/prior_lopo.py: a pack measured with the shipped ranker prior and with one that never saw it."""

import sys

import pytest

from faq import Engine, load_knowledge_base, training
from faq.evaluation import evaluate, load_labelled
from faq.prior import ranker_prior
from faq.prior_fit import SUBJECT_DIR
from faq.training import SEED
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
prior_lopo = pytest.importorskip("prior_lopo")


def test_the_shipped_prior_gives_tanyabot_evals_figures_and_comes_back_after_another(monkeypatch):
    monkeypatch.setattr(training, "ranker_prior", training.ranker_prior)  # restored whatever measure() sets
    shipped = prior_lopo.measure(("gerak", SEED, None))
    report = evaluate(
        Engine(load_knowledge_base([SUBJECT_DIR / "gerak.yaml"])), load_labelled(SUBJECT_DIR / "gerak_eval.yaml")
    )
    assert shipped[3][:2] == pytest.approx((report.overall, report.inscope_top1), abs=0.006)  # eval rounds
    # The shipped prior turned around answers worse; the next shipped run is the shipped one again
    # (worker processes are reused, so a prior set for one job must not leak into the next).
    weights = ranker_prior()
    assert weights is not None
    perverse = tuple(-w for w in weights)
    assert prior_lopo.measure(("gerak", SEED, perverse))[3][0] < shipped[3][0]
    assert prior_lopo.measure(("gerak", SEED, None)) == shipped
