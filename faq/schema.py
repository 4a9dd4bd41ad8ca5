"""The knowledge base as frozen values: intents, synonyms and where each came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

INTENT_ID = re.compile(r"[a-z0-9_]{1,40}")
"""What an intent id looks like; ids travel in Telegram callback data, so they stay short."""

MAX_TITLE_LENGTH = 60
"""Characters in a title; titles are button labels."""

TELEGRAM_MESSAGE_LIMIT = 4096
MAX_ANSWER_LENGTH = TELEGRAM_MESSAGE_LIMIT - MAX_TITLE_LENGTH - 36
"""Characters in an answer: it must fit one Telegram message with its title line."""

DEFAULT_FALLBACK = (
    "Maaf, aku belum yakin maksud pertanyaanmu. Coba tanyakan dengan kata lain, "
    "atau pilih salah satu topik di bawah ini."
)


@dataclass(frozen=True)
class Intent:
    """One FAQ topic: the ways students ask it, its answer and the topics related to it."""

    id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    small_talk: bool = False
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class KnowledgeBase:
    """All intents of one or more YAML packs, in file order, with their shared synonyms."""

    intents: tuple[Intent, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    fallback: str = DEFAULT_FALLBACK
    sources: tuple[str, ...] = ()
    _by_id: dict[str, Intent] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((intent.id, intent) for intent in self.intents)

    def get(self, intent_id: str) -> Intent | None:
        """The intent with this id, or None."""
        return self._by_id.get(intent_id)

    def __len__(self) -> int:
        return len(self.intents)
