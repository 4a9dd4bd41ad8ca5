"""Shared fixtures: the bundled engine (built once) and the paths tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq import Engine

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REGRESSION_SET = REPO / "tests" / "data" / "regression.yaml"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_paths()
