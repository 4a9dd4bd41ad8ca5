"""The test server for the server's own self-checks: a fresh one per test."""

from __future__ import annotations

import pytest

from .botapi import BotApiServer
from .ptb_client import TOKEN


@pytest.fixture
def server():
    with BotApiServer(TOKEN) as srv:
        yield srv
