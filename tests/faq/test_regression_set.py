"""Our own labelled regression set (tests/data/regression.yaml) stays green."""

from faq.evaluation import evaluate, load_labelled
from tests.conftest import REGRESSION_SET

MIN_INSCOPE_TOP1 = 92.0
MIN_OOS_REJECTED = 90.0
MAX_WRONG = 3.0


def test_regression_set_meets_targets(engine):
    items = load_labelled(REGRESSION_SET, known_ids={i.id for i in engine.kb.intents})
    report = evaluate(engine, items)
    misses = "\n".join(f"{m['expected']} -> {m['got']}: {m['q']}" for m in report.misses)
    assert report.inscope_top1 >= MIN_INSCOPE_TOP1, misses
    assert report.oos_rejected >= MIN_OOS_REJECTED, misses
    assert report.wrong <= MAX_WRONG, misses
