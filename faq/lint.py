"""`tanyabot check --deep`: warnings for a pack's author before students meet its weak spots.

Each warning is `file:line: intent: what`. The confusable phrasings are found the way the engine
learns its decision: each phrasing held out and asked, with the same model that answers students.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

import nlp
from faq.engine import Engine
from faq.examples import Example
from faq.schema import Intent
from faq.similar import closest_intents
from faq.training import MIN_THRESHOLD, weigh_example
from faq.yaml_document import Problem

MIN_PHRASINGS = 8
"""Fewer phrasings than this leave a topic hard to find."""

NEAR_DUPLICATE = 90.0
"""rapidfuzz token_set_ratio (0-100) between two answers at which they say nearly the same."""

_WORD = re.compile(r"[^\W\d_]{4,}|\d+")
_SMALL_WORDS = frozenset({"yang", "dengan", "untuk", "dari", "dalam", "pada", "oleh", "adalah", "atau", "juga"})


def lint(engine: Engine) -> list[Problem]:
    """Every warning for the engine's packs, intent by intent in pack order."""
    warnings: list[Problem] = []
    shared = _shared_aliases(engine)
    for position, intent in enumerate(engine.kb.intents):
        for message in (*_warnings(engine, position, intent), *shared.get(position, ())):
            warnings.append(Problem(intent.source, intent.line, message, intent.id))
    return warnings


def _shared_aliases(engine: Engine) -> dict[int, list[str]]:
    # An alias names what a topic is about; on several topics it names none of them, and a question
    # saying only it ("apa itu SIG", with SIG on four topics of a map pack) ties and falls back.
    # Reported on the later topics, where the author most likely copied it: intent position -> lines.
    owners: dict[tuple[str, ...], list[int]] = {}  # an alias as the engine reads it -> intents so far
    messages: dict[int, list[str]] = {}
    for position, intent in enumerate(engine.kb.intents):
        shared: dict[tuple[int, ...], list[str]] = {}  # the earlier intents -> the aliases they share
        for alias in intent.aliases:
            terms = engine.analyzer.terms(alias)
            if not terms:
                continue  # an alias of stopwords names nothing
            found = owners.setdefault(terms, [])
            earlier = tuple(p for p in found if p != position)
            if earlier:
                shared.setdefault(earlier, []).append(repr(alias))
            if position not in found:
                found.append(position)
        for earlier, aliases in shared.items():
            names = ", ".join(f"`{engine.kb.intents[p].id}`" for p in earlier)
            if len(aliases) == 1:
                what, it = f"alias {aliases[0]} is", "it"
            else:
                what, it = f"aliases {', '.join(aliases)} are", "one of them"
            line = f"{what} also given to {names}: a question naming only {it} cannot tell the topics apart"
            messages.setdefault(position, []).append(line)
    return messages


def _warnings(engine: Engine, position: int, intent: Intent) -> Iterator[str]:
    yield from _confused(engine, position, intent)
    if not intent.small_talk and len(intent.questions) < MIN_PHRASINGS:
        yield f"only {len(intent.questions)} phrasings: {MIN_PHRASINGS} or more, the ways students ask, make it found"
    if len(intent.questions) > 1 and _one_wording(engine, intent):
        yield "every phrasing uses the same words: add other ways students ask (chatty, keywords only, other words)"
    if not intent.small_talk:
        yield from _near_duplicates(engine, position, intent)
    if not intent.related and not intent.small_talk:
        closest = closest_intents(engine.index, position, exclude=engine.small_talk_positions)
        names = ", ".join(engine.kb.intents[p].id for p in closest) or "none found"
        yield f"no related topics (the bot offers the closest ones instead); closest: {names}"
    for number, item in enumerate(intent.quiz, start=1):
        missing = [w for w in _content_words(item.answer) if not _in_answer(w, intent.answer)]
        if missing:
            yield f"quiz[{number}]: the answer's {', '.join(repr(w) for w in missing)} not in the intent's answer"


def _confused(engine: Engine, position: int, intent: Intent) -> Iterator[str]:
    # Held out, which intent does the engine answer the phrasing with? Another one: a pair to tell apart.
    for question in intent.questions:
        held_out = Example(question, position, held_out=position, source=question)
        candidates = weigh_example(held_out, engine.analyzer, engine.index, engine.small_talk_positions).candidates
        decision = engine.judge(list(candidates))
        best = decision.best
        # Taken for another intent at even odds or better, answered or not: a pair that reads alike.
        # (Whether it is answered also hangs on the learned threshold, which a small edit moves.)
        if best is not None and best.position != position and decision.confidence >= 100.0 * MIN_THRESHOLD:
            other = engine.kb.intents[best.position]
            why = _read_alike(engine, question, other)
            yield f"phrasing {question!r} is taken for `{other.id}` when held out: tell the two apart{why}"


def _read_alike(engine: Engine, question: str, other: Intent) -> str:
    # "bagian-bagian peta apa aja kak" (components) reads as "apa itu peta" (what a map is) once the
    # words the bot skips are left out: the author sees which phrasing it became, and which of
    # its words counted for nothing, so as to reword it ("komponen peta").
    read = set(engine.analyzer.terms(question))
    same = next((q for q in other.questions if set(engine.analyzer.terms(q)) == read), None)
    if same is None:
        return ""
    skipped = list(dict.fromkeys(w for w in nlp.tokenize(question) if not engine.analyzer.terms(w)))
    if not skipped:
        return f" (it reads the same as {same!r})"
    return f" (without the words the bot skips, {', '.join(map(repr, skipped))}, it reads as {same!r})"


def _one_wording(engine: Engine, intent: Intent) -> bool:
    phrasings = [set(engine.analyzer.terms(q)) for q in intent.questions]
    union = set().union(*phrasings)
    return len(union) <= max(len(p) for p in phrasings) + 1


def _near_duplicates(engine: Engine, position: int, intent: Intent) -> Iterator[str]:
    # Only the closest intents are compared: a pair of near-identical answers shares its words.
    for other in closest_intents(engine.index, position, exclude=engine.small_talk_positions):
        if other < position:
            continue  # each pair once: on the intent that comes first
        similarity = fuzz.token_set_ratio(intent.answer, engine.kb.intents[other].answer)
        if similarity >= NEAR_DUPLICATE:
            other_id = engine.kb.intents[other].id
            yield f"answer nearly the same as `{other_id}`'s ({similarity:.0f} % alike): merge them or make them differ"


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _SMALL_WORDS]


def _in_answer(word: str, answer: str) -> bool:
    # The word itself, or an inflected form sharing its first five letters.
    words = set(_WORD.findall(answer.casefold()))
    return word in words or any(w[:5] == word[:5] for w in words if len(w) >= 5 and len(word) >= 5)
