"""The knowledge base as frozen values: intents, synonyms and where each came from."""

from __future__ import annotations

import hashlib
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


QUIZ_QUESTION_LENGTH = 300
QUIZ_OPTION_LENGTH = 100
QUIZ_OPTIONS = (2, 10)
QUIZ_EXPLANATION_LENGTH = 200
"""Telegram's limits for a quiz poll: question and option characters, how many options, explanation."""


@dataclass(frozen=True)
class QuizItem:
    """One quiz question on an intent; `answer` is one of `options`.

    `id` is the intent's id and a hash of the question: it stays the same when the pack changes
    around the item, so scores and practice schedules survive a reload.
    """

    id: str
    intent: str
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str = ""

    @property
    def correct_option(self) -> int:
        return self.options.index(self.answer)


def quiz_item_id(intent_id: str, question: str) -> str:
    """The stable id of a quiz item (see `QuizItem`)."""
    digest = hashlib.sha1(" ".join(question.split()).casefold().encode("utf-8")).hexdigest()
    return f"{intent_id}:{digest[:10]}"


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
    quiz: tuple[QuizItem, ...] = ()
    subject: str = ""  # the pack's `subject:`, or its file name


@dataclass(frozen=True)
class KnowledgeBase:
    """All intents of one or more YAML packs, in file order, with their shared synonyms."""

    intents: tuple[Intent, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    fallback: str = DEFAULT_FALLBACK
    sources: tuple[str, ...] = ()
    _by_id: dict[str, Intent] = field(default_factory=dict, init=False, repr=False, compare=False)
    _positions: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _subjects: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    _quiz_items: list[QuizItem] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((intent.id, intent) for intent in self.intents)
        self._positions.update((intent.id, position) for position, intent in enumerate(self.intents))
        self._subjects.extend(dict.fromkeys(intent.subject for intent in self.intents))
        self._quiz_items.extend(item for intent in self.intents for item in intent.quiz)

    def get(self, intent_id: str) -> Intent | None:
        """The intent with this id, or None."""
        return self._by_id.get(intent_id)

    def position(self, intent_id: str) -> int:
        """Where the intent with this id stands in `intents` (the index's key); KeyError when none."""
        return self._positions[intent_id]

    def __len__(self) -> int:
        return len(self.intents)

    @property
    def subjects(self) -> tuple[str, ...]:
        """The subjects of the packs, in load order."""
        return tuple(self._subjects)

    def quiz_item(self, item_id: str) -> QuizItem | None:
        """The quiz item with this id, or None (the pack changed since it was asked)."""
        intent = self._by_id.get(item_id.partition(":")[0])
        return next((item for item in intent.quiz if item.id == item_id), None) if intent else None

    def quiz_items(self) -> tuple[QuizItem, ...]:
        """Every quiz item of the KB, in pack order."""
        return tuple(self._quiz_items)
