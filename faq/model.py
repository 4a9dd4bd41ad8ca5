"""Logistic regression, small enough to score in pure Python and fitted with numpy at build time.

A fitted `LinearModel` is plain floats, so it pickles with the compiled index and scoring a
question needs no numpy (importing it would cost a fresh process ~100 ms).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

L2_PENALTY = 1.0
"""Ridge penalty on the standardised weights: a few hundred examples should not buy extreme ones."""

NEWTON_STEPS = 25


@dataclass(frozen=True)
class LinearModel:
    """p(y=1 | x) = sigmoid(bias + sum(weight * (x - mean) / scale))."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def logit(self, x: Sequence[float]) -> float:
        offset, coefficients = self._linear
        if len(x) != len(coefficients):
            raise ValueError(f"{len(x)} values for a model of {len(coefficients)} features")
        total: float = offset + sum(map(operator.mul, coefficients, x))
        return total

    @cached_property
    def _linear(self) -> tuple[float, tuple[float, ...]]:
        # bias + sum(w * (x - m) / s) as offset + sum(c * x): the ranker scores every candidate.
        coefficients = tuple(w / s for w, s in zip(self.weights, self.scales, strict=True))
        offset = self.bias - sum(c * m for c, m in zip(coefficients, self.means, strict=True))
        return offset, coefficients

    def probability(self, x: Sequence[float]) -> float:
        return sigmoid(self.logit(x))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_pairwise(
    pairs: Sequence[tuple[Sequence[float], Sequence[float]]],
    *,
    prior: Sequence[float] | None = None,
    strength: float = L2_PENALTY,
) -> LinearModel:
    """Weights under which the first of each (better, worse) pair scores higher: logistic regression
    on their differences (both orders, so no bias). The result scores one candidate; only its order
    means anything.

    With `prior` (weights in the features' own units), the penalty of `strength` draws the weights
    towards it instead of towards zero: a few hundred pairs then adjust what is known, rather than
    learn it all again."""
    rows: list[list[float]] = []
    labels: list[int] = []
    for better, worse in pairs:
        difference = [b - w for b, w in zip(better, worse, strict=True)]
        rows += [difference, [-d for d in difference]]
        labels += [1, 0]
    fitted = fit_logistic(rows, labels, prior=prior, strength=strength)
    # The differences' means are ~0 by symmetry: fold the scales into the weights.
    weights = tuple(w / s for w, s in zip(fitted.weights, fitted.scales, strict=True))
    return LinearModel(weights, 0.0, tuple(0.0 for _ in weights), tuple(1.0 for _ in weights))


def fit_monotone(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    sample_weights: Sequence[float] | None = None,
    free: Collection[int] = (),
) -> LinearModel:
    """`fit_logistic` whose weights are all positive: a feature that came out negative (an artefact
    of the training questions, such as off-topic ones meeting few candidates) is left out and the
    rest refitted. The features numbered in `free` may weigh either way."""
    kept = list(range(len(rows[0])))
    while True:
        fitted = fit_logistic([[row[i] for i in kept] for row in rows], labels, sample_weights=sample_weights)
        negative = [i for i, w in zip(kept, fitted.weights, strict=True) if w < 0 and i not in free]
        if not negative or len(kept) == 1:
            break
        kept.remove(negative[0])
    weights = dict(zip(kept, fitted.weights, strict=True))
    means = dict(zip(kept, fitted.means, strict=True))
    scales = dict(zip(kept, fitted.scales, strict=True))
    size = len(rows[0])
    return LinearModel(
        tuple(weights.get(i, 0.0) if i in free else max(0.0, weights.get(i, 0.0)) for i in range(size)),
        fitted.bias,
        tuple(means.get(i, 0.0) for i in range(size)),
        tuple(scales.get(i, 1.0) for i in range(size)),
    )


def fit_logistic(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    sample_weights: Sequence[float] | None = None,
    prior: Sequence[float] | None = None,
    strength: float = L2_PENALTY,
) -> LinearModel:
    """Maximum-likelihood weights with an L2 penalty of `strength`, by Newton's method on standardised
    features; the penalty draws them towards `prior` (in the features' own units) or towards zero."""
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    w = np.ones(len(y)) if sample_weights is None else np.asarray(sample_weights, dtype=float)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0  # a constant feature: no information, no division by zero
    z = np.hstack([np.ones((len(y), 1)), (x - means) / scales])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], strength)
    penalty[0] = 0.0  # the bias is not shrunk
    target = np.zeros(z.shape[1])
    if prior is not None:
        target[1:] = np.asarray(prior, dtype=float) * scales  # the prior's weights on standardised features
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + penalty * (beta - target)
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return LinearModel(
        weights=tuple(float(b) for b in beta[1:]),
        bias=float(beta[0]),
        means=tuple(float(m) for m in means),
        scales=tuple(float(s) for s in scales),
    )
