"""Practice that remembers: Leitner boxes for quiz items, and which item to ask next.

Every item starts in box 1. A wrong answer puts it back in box 1, due again the next day; a right
one moves it up a box: due after 1, 3, 7 and 14 days in boxes 1 to 4. A student practising gets
first the items they got wrong that are due again (the longest overdue first), then items never
seen, then the rest: reviews that are due, then the soonest due.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from faq.schema import QuizItem

DAY_SECONDS = 86_400
BOX_DAYS = (1, 3, 7, 14)
"""Days until an item in box 1, 2, 3 or 4 is due again."""


@dataclass(frozen=True)
class PracticeState:
    """Where one student stands with one item."""

    box: int  # 1 to len(BOX_DAYS)
    due_at: int  # unix seconds


def after_answer(state: PracticeState | None, right: bool, now: int) -> PracticeState:
    """The item's state once answered at `now`: box 1 when wrong, one box up when right."""
    box = min((state.box if state else 1) + 1, len(BOX_DAYS)) if right else 1
    return PracticeState(box, now + BOX_DAYS[box - 1] * DAY_SECONDS)


def practice_order(
    items: Sequence[QuizItem], states: Mapping[str, PracticeState], now: int, rng: random.Random
) -> tuple[list[QuizItem], int]:
    """`items` in the order to practise them, and how many of them are due now (see the module docstring)."""
    seen = sorted((i for i in items if i.id in states), key=lambda i: states[i.id].due_at)
    missed = [i for i in seen if states[i.id].due_at <= now and states[i.id].box == 1]
    unseen = [i for i in items if i.id not in states]
    rng.shuffle(unseen)
    rest = [i for i in seen if i not in missed]
    due = sum(1 for i in seen if states[i.id].due_at <= now)
    return [*missed, *unseen, *rest], due
