"""Which intents are closest to an intent, by the words of its phrasings and its answer: the related
topics offered for a pack that lists none, and what `tanyabot check --deep` suggests."""

from __future__ import annotations

from collections.abc import Collection

import nlp
from faq.index import Index
from faq.query import Query
from faq.scoring import best_matches

CLOSEST = 3


def closest_intents(index: Index, position: int, *, exclude: Collection[int] = (), limit: int = CLOSEST) -> list[int]:
    """The positions of the `limit` intents sharing most of intent `position`'s words, best first.

    The intent's phrasings and answer are asked as one question: every term once, weighted as the
    index weighs a question's terms. `exclude` (small talk, say) and the intent itself never come back.
    """
    entry = index.entries[position]
    terms = [t for t in dict.fromkeys([*entry.vocabulary, *entry.answer_terms]) if t not in nlp.QUESTION_WORDS]
    if not terms:
        return []
    query = Query.prepare(index, sorted(terms))
    skip = frozenset(exclude) | {position}
    matches = best_matches(index, query, limit=limit, exclude=skip)
    return [m.position for m in matches if m.score > 0]
