"""The prior ranker every pack's own ranker is drawn towards (`faq.prior`)."""

import math

import pytest

from faq import Engine, training
from faq.evidence import FEATURES
from faq.model import fit_pairwise
from faq.prior import format_prior, parse_prior, ranker_prior
from faq.prior_fit import PRIOR_PACKS, SUBJECT_DIR, pooled_prior

# Two features: the data says the first orders the pairs, the prior says the second.
PAIRS = [((1.0, 0.0), (0.0, 0.0)), ((1.0, 1.0), (0.0, 0.0)), ((1.0, 0.0), (0.0, 1.0))] * 20


def test_the_shipped_prior_is_for_these_features():
    weights = ranker_prior()
    assert weights is not None and len(weights) == len(FEATURES)


def test_a_prior_for_other_features_is_not_used():
    text = format_prior([1.0] * len(FEATURES), ["bundled"]).replace("named\t", "renamed\t")
    assert parse_prior(text) is None
    assert parse_prior(format_prior([0.5] * len(FEATURES), ["bundled"])) == (0.5,) * len(FEATURES)


def test_the_weights_are_drawn_towards_the_prior_not_zero():
    alone = fit_pairwise(PAIRS)
    drawn = fit_pairwise(PAIRS, prior=(0.0, 3.0), strength=10.0)
    held = fit_pairwise(PAIRS, prior=(0.0, 3.0), strength=1e6)
    assert alone.weights[0] > 0 and abs(alone.weights[1]) < alone.weights[0]
    assert drawn.weights[1] > alone.weights[1] and drawn.weights[0] > 0  # the data still speaks
    assert held.weights == pytest.approx((0.0, 3.0), abs=0.01)


def test_a_packs_ranker_is_drawn_towards_the_prior(monkeypatch):
    # The weights fitted with the prior lie nearer it than those the pack's pairs give alone.
    path = SUBJECT_DIR / "gerak.yaml"
    with_prior = Engine.from_paths([path]).model.ranker.weights
    monkeypatch.setattr(training, "ranker_prior", lambda: None)
    alone = Engine.from_paths([path]).model.ranker.weights
    shipped = ranker_prior()
    assert math.dist(with_prior, shipped) < math.dist(alone, shipped)


@pytest.mark.slow
def test_the_shipped_prior_is_what_the_packs_give_now():
    # Stale after a change to the evidence: `make ranker-prior` refits it.
    fresh = pooled_prior([None, *(SUBJECT_DIR / f"{name}.yaml" for name in PRIOR_PACKS)])
    shipped = ranker_prior()
    scale = max(abs(w) for w in shipped)
    assert all(abs(a - b) <= 0.02 * scale for a, b in zip(fresh, shipped, strict=True)), (fresh, shipped)
