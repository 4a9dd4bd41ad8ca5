"""The prior ranker: what students' questions to many packs teach about ranking, shipped as data.

Each pack fits its own ranker (`faq.training`) from a few hundred held-out and noisy phrasings. Fitted
alone, it leans on quirks of those phrasings. It is drawn instead towards the ranker fitted on real
students' questions to many teachers' packs (each labelled with its topic: the right intent against
each other candidate), in `data/ranker_prior.txt`: the pack's own pairs then adjust what is known
rather than learn it all again. Students word questions in ways a pack's phrasings and their noisy
copies do not (chatter, a description instead of the key word), and what ranks those right carries
over from one subject to another. Regenerate the file whenever the evidence changes
(`faq.evidence.FEATURES` or how a feature is computed):

    make ranker-prior      # python -m faq.prior_fit: the PRIOR_PACKS' labelled questions

No question of the bundled pack's labelled sets, and none of a pack whose misses are unread, goes into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from faq.evidence import FEATURES

PRIOR_FILE = "ranker_prior.txt"

RANKER_PRIOR_STRENGTH = 10.0
"""Penalty (on standardised weights) drawing a pack's ranker towards the prior instead of towards
zero. Fitted alone, one weight ran from -0.6 to 4 across our packs. Three training seeds, against no
prior: bundled 95.79 -> 95.76 % (wrong 1.31 -> 1.17), 22 packs 88.07 -> 88.33 % (wrong 2.95 -> 2.66),
the five older unread sets 91.15 -> 91.43 %; at 30, packs 88.35 but bundled 95.60; at 3, packs 88.26.
With the students' prior, the unread packs gave 87.92 % (2.36 % wrong) at 10, 88.09 (2.15) at 30 and
88.19 (2.13) at 100, but the bundled pack, whose own phrasings are many, fell from 96.57 to 96.40 and
96.21 %: its sets must not fall."""


@cache
def ranker_prior() -> tuple[float, ...] | None:
    """The shipped prior's weights in FEATURES order; None when it was fitted on other features (a
    pack's ranker is then drawn towards zero, as before there was a prior)."""
    return parse_prior(resources.files("faq").joinpath("data", PRIOR_FILE).read_text(encoding="utf-8"))


def parse_prior(text: str) -> tuple[float, ...] | None:
    """`feature<TAB>weight` lines (and # comments) as weights in FEATURES order, or None."""
    weights: dict[str, float] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("\t")
            weights[name.strip()] = float(value)
    if set(weights) != set(FEATURES):
        return None
    return tuple(weights[name] for name in FEATURES)


def format_prior(weights: Sequence[float], packs: Sequence[str]) -> str:
    """The prior file's text: what it was fitted on, then a `feature<TAB>weight` line per feature."""
    lines = [
        "# The prior ranker (faq.prior): feature<TAB>weight, fitted on the labelled students' questions",
        "# of the packs below. Regenerate with `make ranker-prior`.",
        *(f"# pack: {name}" for name in packs),
        *(f"{name}\t{weight:.6f}" for name, weight in zip(FEATURES, weights, strict=True)),
    ]
    return "\n".join(lines) + "\n"
