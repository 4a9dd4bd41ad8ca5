"""Shared fixtures: the bundled engine (built once) and the paths tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq import Engine

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REGRESSION_SET = REPO / "tests" / "data" / "regression.yaml"
# Labelled sets whose misses nobody reads (tests/data/unread.txt): tests say how many they miss, not which.
UNREAD_SETS = frozenset(
    line.strip()
    for line in (REPO / "tests" / "data" / "unread.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_paths()
