"""What a pack's names need from the analyzer: words never stemmed, stopwords a name keeps, and the
names a question writes that the pack does not know.

A name is a proper noun the pack only writes capitalised ("Indonesia"), or one of its aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable

import nlp
from faq.schema import KnowledgeBase

NAME_PREFIX = "#"
"""Marks a term written as an acronym the KB does not know ("MEA"): a name, not a typo or chatter."""

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")  # "MDGs", "NGOs": a plural acronym too
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_ENDS = frozenset(".!?:\n")


def kb_texts(kb: KnowledgeBase) -> Iterable[str]:
    """Every text the pack writes: titles, answers, phrasings, aliases, keywords, synonyms."""
    for intent in kb.intents:
        yield intent.title
        yield intent.answer
        yield from intent.questions
        yield from intent.aliases
        yield from intent.keywords
    for group in kb.synonyms:
        yield from group


def unstemmed_words(kb: KnowledgeBase) -> frozenset[str]:
    """The pack's words the stemmer must leave alone: its proper nouns and its names' derived words
    that share a root."""
    return _proper_nouns(kb) | _derived_name_words(kb) | _names_losing_ke(kb)


def name_stopwords(kb: KnowledgeBase, words_of: Callable[[str], list[str]]) -> frozenset[str]:
    """Stopwords a name needs (`words_of` gives a text's words as the analyzer reads them).

    "Koperasi Sekolah": a name that would be one word without its stopwords ("sekolah" is chatter
    in most questions) keeps them in this pack, or "koperasi" alone would name it. So does a topic
    whose title and phrasings say such a word ("HAM di lingkungan keluarga dan sekolah").
    """
    kept: set[str] = set()
    for alias in (a for intent in kb.intents for a in intent.aliases):
        words = words_of(alias)
        content = nlp.remove_stopwords(words, keep=nlp.QUESTION_WORDS | nlp.NEGATIONS)
        if len(content) < min(len(words), 2):  # an alias that is a lone stopword ("rangkuman") too
            kept.update(w for w in words if w not in content)
    return frozenset(kept) | _title_stopwords(kb)


TITLE_WORD_SHARE = 0.75
"""A stopword in a topic's title names it when at least this share of the phrasings using it are
the topic's own (and two or more are)."""


TITLE_WORD_FAMILY = 0.25
"""At most this share (0-1) of a pack's topics may have a stopword in their titles for it to name them."""


def _title_stopwords(kb: KnowledgeBase) -> frozenset[str]:
    # "HAM di lingkungan keluarga dan sekolah", "Planet dalam dan planet luar": a word that is
    # chatter in most questions ("sekolah", "dalam") is what this topic is about when its title
    # says it and its phrasings use it, and other topics' hardly do. "dan" in every title is not.
    # A few titles may share the word ("Contoh soal tekanan hidrostatis", "Contoh soal hukum Pascal"):
    # their phrasings together own it, as long as the titles saying it are few (not "dan").
    stopwords = nlp.stopwords()
    by_intent = []
    using: Counter[str] = Counter()  # stopword -> phrasings using it, over the whole pack
    titles: Counter[str] = Counter()  # stopword -> topics whose title says it
    for intent in kb.intents:
        title = {w for w in nlp.tokenize(intent.title) if w in stopwords}
        counts: Counter[str] = Counter()
        for question in intent.questions:
            said = {w for w in nlp.tokenize(question) if w in stopwords}
            using.update(said)
            counts.update(said & title)
        if not intent.small_talk:
            by_intent.append(counts)
            titles.update(title)
    most_titles = TITLE_WORD_FAMILY * len(by_intent)
    # Stopword -> phrasings using it whose topic's title says it, when few titles do; not a lone
    # letter (the "I" of "Perang Dunia I").
    family: Counter[str] = Counter()
    for counts in by_intent:
        family.update({w: n for w, n in counts.items() if len(w) > 1 and titles[w] <= most_titles})
    return frozenset(
        word
        for counts in (*by_intent, family)
        for word, own in counts.items()
        if own >= 2 and own >= TITLE_WORD_SHARE * using[word]
    )


def _derived_name_words(kb: KnowledgeBase) -> frozenset[str]:
    # "kecepatan" and "percepatan" are both "cepat" to the stemmer, but two names.
    by_root: dict[str, set[str]] = {}
    for alias in (a for intent in kb.intents for a in intent.aliases):
        for word in nlp.tokenize(alias):
            if word.isalpha():
                root = nlp.stem(word)
                if root != word:
                    by_root.setdefault(root, set()).add(word)
    return frozenset(w for words in by_root.values() if len(words) > 1 for w in words)


def _names_losing_ke(kb: KnowledgeBase) -> frozenset[str]:
    # Sastrawi takes a lone "ke-" off ("Kediri" -> "diri"), which derives nothing in a name (the
    # confix ke-...-an does): "berdiri" and "pendiri" would all be Kediri. Names here are the words
    # the answers capitalise mid-sentence; phrasings write them in lower case as students do.
    names = _capitalised_words([intent.answer for intent in kb.intents])
    return frozenset(w for w in names if w.startswith("ke") and nlp.stem(w) == w[2:])


def _proper_nouns(kb: KnowledgeBase) -> frozenset[str]:
    # Names the KB only ever writes capitalised ("Indonesia", "ASEAN").
    lowercase = {m.group().casefold() for t in kb_texts(kb) for m in _WORD.finditer(t) if not m.group()[0].isupper()}
    return _capitalised_words(kb_texts(kb)) - lowercase


def _capitalised_words(texts: Iterable[str]) -> frozenset[str]:
    capitalised: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            # "Memelihara perdamaian ..." opens a sentence; it is no name.
            if match.group()[0].isupper() and not _opens_sentence(text, match.start()):
                capitalised.add(match.group().casefold())
    return frozenset(capitalised)


def _opens_sentence(text: str, start: int) -> bool:
    # Only spaces, quotes, list dashes and the like between the text's start or a sentence's end and `start`.
    i = start - 1
    while i >= 0 and not text[i].isalnum() and text[i] not in _SENTENCE_ENDS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def mark_unknown_names(words: list[str], text: str, vocabulary: Collection[str]) -> list[str]:
    """`words` with each name the pack does not know marked with NAME_PREFIX: an acronym `text` writes
    in capitals that no dictionary knows ("MEA", "UNESCO"), and a country the pack never writes."""
    # "jepang" is a name too, though an everyday word.
    countries = nlp.country_names()
    words = [NAME_PREFIX + w if w in countries and w not in vocabulary else w for w in words]
    if not _ACRONYM.search(text):
        return words
    acronyms = {a.casefold() for a in _ACRONYM.findall(text)}
    return [
        NAME_PREFIX + w
        if w in acronyms and w not in vocabulary and w not in nlp.QUESTION_WORDS and not nlp.is_known_word(w)
        else w
        for w in words
    ]
