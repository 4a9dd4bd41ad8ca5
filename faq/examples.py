"""The training questions a knowledge base gives itself (`faq.training` learns from them).

Each phrasing held out from its intent and noisy copies of it (typos, chat spellings, chatter,
keywords only) should get their intent; so should a question describing what an intent's answer defines
("energi yang diperlukan untuk memindahkan muatan itu namanya apa"), which only the ranker learns
from. These must fall back: phrasings whose key word is swapped for a name the pack does not know,
questions asking a fact of what an intent is about that its phrasings never ask, and a shipped bank of
off-topic questions (less those whose most specific word the pack knows).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import nlp
from faq.analyzer import Analyzer
from faq.facts import asks_unknown_fact
from faq.index import Index, IntentTerms
from faq.noise import KINDS, noisy_copy
from faq.query import Query, rarity
from faq.schema import Intent, KnowledgeBase
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency

MAX_HELD_OUT = 1_500
"""Phrasings held out for training at most (a random sample of a larger pack): enough for a dozen weights."""

MAX_BANK = 400
"""Off-topic bank questions used at most (a random sample)."""

MAX_FACT_INTENTS = 200
"""Intents at most that unstated-fact questions are made for."""

NOISY_SHARE = 2.0
"""Noisy copies per held-out phrasing (each of another kind, in turn). Two, so that the threshold
rests on more in-scope questions; it raised most labelled sets by a question or two."""

SWAP_SHARE = 0.5
"""Negatives made by swapping a phrasing's key word for a foreign one, per held-out phrasing."""

SURE_NEGATIVE_WEIGHT = 3.0
"""Weight, in the acceptor's fit, of the questions asking a fact their intent never states: unlike a
held-out phrasing's label, theirs is certain, and they are few."""

DESCRIPTION_DROP = 0.25
"""Share of a definition's words a described question leaves out: students describe a thing in part."""

MIN_DESCRIPTION_WORDS = 3


@dataclass(frozen=True)
class Example:
    """A training question: the intent it should get (None: fall back), and how it was made."""

    text: str
    position: int | None  # the intent that should answer, None to fall back
    held_out: int | None = None  # the intent whose phrasing `source` is held out while answering it
    source: str = ""
    weight: float = 1.0  # in the acceptor's fit
    # For the ranker only: a made-up description ranks what it describes, but its odds of being answered
    # right say nothing of a student's (answer-sentence matches made the acceptor answer off-topic ones).
    ranking_only: bool = False


def training_examples(kb: KnowledgeBase, analyzer: Analyzer, index: Index, rng: random.Random) -> Iterator[Example]:
    """The pack's training questions, in this order: held-out phrasings, noisy copies of them, key
    words swapped for foreign names, unstated facts asked, and the off-topic bank's questions."""
    held_out = [(p, q) for p, intent in enumerate(kb.intents) for q in intent.questions]
    if len(held_out) > MAX_HELD_OUT:
        held_out = rng.sample(held_out, MAX_HELD_OUT)
    for position, question in held_out:
        yield Example(question, position, position, question)
    copies = int(NOISY_SHARE * len(held_out))
    for number in range(copies):
        position, question = held_out[number % len(held_out)]
        kind = KINDS[(number + number // len(held_out)) % len(KINDS)]  # another kind on each round
        yield Example(noisy_copy(question, kind, rng, kept=analyzer.name_stopwords), position, position, question)
    foreign = _foreign_words(analyzer, index)
    keys = [entry.key_terms[0] if entry.key_terms else None for entry in index.entries]
    if foreign:
        for position, question in held_out[: int(SWAP_SHARE * len(held_out))]:
            key = keys[position]
            name = rng.choice(foreign) if rng.random() < 0.5 else _acronym(rng)
            swapped = _swap_key_word(question, key, analyzer, name) if key else None
            if swapped is not None:
                yield Example(swapped, None, position, question)
    intents = sorted({position for position, _ in held_out})
    for position in rng.sample(intents, min(len(intents), MAX_FACT_INTENTS)):
        for question in _fact_questions(kb.intents[position].questions, keys[position], analyzer, index, position, rng):
            yield Example(question, None, weight=SURE_NEGATIVE_WEIGHT)
    for position in intents:
        described = _described(kb.intents[position], index.entries[position], analyzer, rng)
        if described is not None:
            yield Example(described, position, ranking_only=True)
    bank = _bank()
    for question in rng.sample(bank, min(len(bank), MAX_BANK)):
        if not _names_known_subject(question, analyzer, index):
            yield Example(question, None)


_DEFINITION = re.compile(r"^(.{2,80}?)\s+(?:adalah|merupakan|ialah|yaitu)\s+(.+)$", re.IGNORECASE)
_DESCRIPTION_END = re.compile(r"[.;:(]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NAME_ASKED = (" itu namanya apa", " disebut apa", " itu apa namanya")


def _described(intent: Intent, entry: IntentTerms, analyzer: Analyzer, rng: random.Random) -> str | None:
    # "Beda potensial adalah energi yang diperlukan untuk memindahkan satu coulomb muatan ...": a student
    # asks "energi yg diperlukan buat mindahin muatan itu namanya apa", naming the thing not at all. The
    # first sentence of the answer that defines what the intent is about (its name, title or key word).
    own = {*analyzer.terms(intent.title), *entry.key_terms, entry.entity} - {""}
    own.update(t for alias in intent.aliases for t in analyzer.terms(alias))
    for line in intent.answer.splitlines():
        for sentence in _SENTENCE_END.split(line.strip().lstrip("- ")):
            found = _DEFINITION.match(sentence)
            subject = analyzer.terms(found.group(1)) if found else ()
            if found is None or not subject or not set(subject) <= own:
                continue
            words = _DESCRIPTION_END.split(found.group(2))[0].split()
            if len(words) < MIN_DESCRIPTION_WORDS:
                continue
            kept = [w for w in words if rng.random() >= DESCRIPTION_DROP] or words
            return " ".join(kept) + rng.choice(_NAME_ASKED)
    return None


def _swap_key_word(question: str, key: str, analyzer: Analyzer, name: str) -> str | None:
    # "apa itu WTO?" -> "apa itu fotosintesis?", "tujuan kerjasama multilateral" -> "kerapu kerjasama
    # multilateral": the question's shape stays, the word that made it this intent's is foreign.
    words = nlp.tokenize(question)
    at = next((i for i, word in enumerate(words) if analyzer.terms(word) == (key,)), None)
    if at is None:
        return None
    return " ".join([*words[:at], name, *words[at + 1 :]])


FACT_TEMPLATES = (
    "berapa jumlah anggota {}",
    "berapa biaya {}",
    "siapa ketua {} sekarang",
    "siapa pendiri {}",
    "kapan {} rapat lagi",
    "di mana kantor cabang {}",
)
"""Questions asking a fact of what an intent is about ({} is its key word): when its phrasings
never ask that fact, the question must fall back ("berapa anggota WTO" to a WTO that never says)."""


def _fact_questions(
    questions: tuple[str, ...], key: str | None, analyzer: Analyzer, index: Index, position: int, rng: random.Random
) -> Iterator[str]:
    word = next((w for q in questions for w in nlp.tokenize(q) if key and analyzer.terms(w) == (key,)), None)
    if word is None:
        return
    for template in rng.sample(FACT_TEMPLATES, 3):
        question = template.format(word)
        query = Query.prepare(index, analyzer.analyze(question).terms)
        if asks_unknown_fact(index, query, index.entries[position]):
            yield question


def _acronym(rng: random.Random) -> str:
    # A name in capitals the pack does not know ("apa itu KMRT?"), as students write MEA or UNESCO.
    return "".join(rng.choice("BCDFGHJKLMNPRSTW") for _ in range(rng.randint(3, 4)))


def _foreign_words(analyzer: Analyzer, index: Index) -> list[str]:
    words = {w for question in _bank() for w in nlp.tokenize(question) if len(w) >= 4 and w.isalpha()}
    foreign = []
    for word in sorted(words):
        if zipf_frequency(word) >= EVERYDAY_ZIPF:  # bank words rarer than everyday use are names
            continue
        terms = analyzer.terms(word)
        if terms and not any(index.is_known(t) or t in index.answer_postings for t in terms):
            foreign.append(word)
    return foreign


def _names_known_subject(question: str, analyzer: Analyzer, index: Index) -> bool:
    # An off-topic bank question whose subject word (its rarest in everyday Indonesian) the pack
    # knows may be in scope for it: for a pack on weather, "besok hujan gak?" is. "proses
    # terjadinya gempa" stays off-topic there.
    terms = [t for t in analyzer.analyze(question).terms if t not in nlp.QUESTION_WORDS]
    if not terms:
        return False
    subject = min(terms, key=lambda t: (-rarity(t), t))
    return index.is_known(subject) or subject in index.answer_postings


@cache
def _bank() -> tuple[str, ...]:
    text = resources.files("faq").joinpath("data", "offtopic_questions.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
