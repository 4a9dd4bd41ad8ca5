"""Whether a question asks a fact its intent states: a number, a name or a place, a numbered item, what
a thing is (`asks_unknown_fact`, one piece of an intent's evidence in `faq.scoring`).

"berapa anggota PBB" asks a number no phrasing of PBB asks; an answer sentence about members that holds
one states it. The intent's phrasings vouch for a fact when one asks it; its answer when a sentence says it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import nlp
from faq.analyzer import ENTITY_PREFIX
from faq.index import Index, IntentTerms
from faq.query import Query, is_year, named_terms
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency

NUMBER_FACT_WORDS = frozenset({"berapa", "kapan"})
"""Fact words an answer can be seen to state: a number, a year."""

NAME_FACT_WORDS = frozenset({"siapa", "dimana"})
"""Fact words an answer can be seen to state: a name (a capitalised word of its text)."""

MIN_PHRASING_FACT_OVERLAP = 0.4
"""Share (0-1) of a fact question's words that one of the intent's phrasings asking that fact must
contain for the phrasing to vouch for it ("kak koperasi di indo pertama kali muncul kapan sih" and
"Kapan koperasi pertama kali ada di Indonesia?"). At 0.5, three training seeds: bundled 96.06 %,
28 packs 88.15 %, five older unread sets 91.55; at 0.4: 96.10, 88.27, 91.78 (0.3: 96.05, 88.28, 91.65)."""

_SAME_ITEM_WORD = {"no": "nomor", "nomer": "nomor"}
"""Item words that are one word written short ("UU no 25", "nomor 25")."""

TIME_UNITS = frozenset(
    {"detik", "sekon", "menit", "jam", "hari", "minggu", "pekan", "bulan", "tahun", "windu", "dekade", "abad"}
)
"""Units a length of time is given in ("2-4 jam", "365 hari"), for "berapa lama"."""

MIN_FACT_OVERLAP = 0.5
"""Share (0-1) of a "berapa" or "kapan" question's words that an answer sentence holding a number must
contain to state it."""

MIN_NAME_FACT_OVERLAP = 0.75
"""Share (0-1) of a "siapa" or "di mana" question's words that an answer sentence naming someone must
contain: a sentence holds names more often than numbers, and fewer words meant a name for another
part of the story ("siapa penemu baterai" to a sentence on batteries naming Volta's cell)."""


def asks_unknown_fact(
    index: Index, query: Query, entry: IntentTerms, where: Mapping[str, Sequence[int]] | None = None
) -> bool:
    """True when the question asks a fact (kapan, berapa, ...) that none of the intent's phrasings asks,
    refers to a numbered item ("SDGs nomor 14") the intent never numbers, or asks what a thing is
    that the intent never defines ("apa itu globalisasi").

    `where`: the intent's `Index.phrasings_with`, when the caller has it already."""
    if query.items and any(not _numbers_item(entry, word, n) for word, n in query.items):
        return True
    if query.defined and not _defines(entry, query.defined):
        return True
    return bool(query.fact_words) and not _asks_known_fact(
        query, entry, index.phrasings_with(entry) if where is None else where
    )


def _numbers_item(entry: IntentTerms, word: str, number: str) -> bool:
    # "alinea 1" to a topic saying "alinea keempat" (4): it numbers alinea, but not that one. A topic
    # that never says the item word may list the item bare ("14. Ekosistem laut" for "SDGs nomor 14").
    word = _SAME_ITEM_WORD.get(word, word)
    texts = [
        [_SAME_ITEM_WORD.get(t, t) for t in text]
        for text in (*(p.terms for p in entry.phrasings), *entry.answer_sentences)
    ]
    if any(word in text for text in texts):
        return any((word, number) in pairwise(text) for text in texts)
    return number in entry.vocabulary or number in entry.answer_terms


def _defines(entry: IntentTerms, term: str) -> bool:
    # "apa itu globalisasi" to "Pentingnya di era globalisasi": the topic speaks of globalisation
    # but never says what it is. It does when the term is its name, when a short phrasing asks
    # what the term is ("apa itu kerjasama bilateral?") or names it bare ("deskripsi" of "Teks
    # deskripsi"), or when a sentence of its answer begins with the term ("Globalisasi adalah ...").
    if entry.entity == term:
        return True
    for phrasing in entry.phrasings:
        if term in phrasing.terms and len(named_terms(phrasing.terms)) <= 2:
            return True
    return any(sentence[:1] == (term,) for sentence in entry.answer_sentences)


def _asks_known_fact(query: Query, entry: IntentTerms, where: Mapping[str, Sequence[int]]) -> bool:
    """False when the question asks a fact (berapa, kapan, ...) none of the intent's phrasings asks.

    "PBB berdiri tahun brp" matches the phrasing "tahun berapa PBB berdiri"; "berapa anggaran
    tahunan PBB" shares too little with any "berapa"-phrasing of PBB.
    """
    if not query.fact_content:
        return True
    wanted = sum(query.weights[t] for t in query.fact_content)
    if query.fact_words == ("siapa",) and _names_someone(entry) and entry.entity not in query.weights:
        # "siapa yang pertama kali memberi nama sel waktu lihat gabus": who did what the intent tells
        # of is the one it is about (Robert Hooke), when the question does not name it and the intent
        # tells of all of it.
        told = sum(query.weights[t] for t in query.fact_content if t in entry.vocabulary or t in entry.answer_terms)
        if told / wanted >= MIN_NAME_FACT_OVERLAP:
            return True
    # Only the phrasings that ask one of the question's fact words.
    for phrasing in (entry.phrasings[n] for n in {n for q in query.fact_words for n in where.get(q, ())}):
        # "detak jantung normal berapa", with the alias "detak jantung" read as the intent's name, asks
        # what "berapa kali jantung berdetak dalam satu menit" asks: the name's words are said too.
        named = entry.entity in phrasing.terms
        found = sum(
            query.weights[t] for t in query.fact_content if t in phrasing.terms or (named and t in entry.entity_words)
        )
        if found / wanted >= MIN_PHRASING_FACT_OVERLAP:
            return True
    return _answer_states(query, entry, wanted)


def _names_someone(entry: IntentTerms) -> bool:
    # The intent is about a name rare in everyday Indonesian ("Robert Hooke", "Muhammad Yamin", WTO),
    # who may be the one who did something; not about Indonesia or PBB, one of many members of things.
    words = entry.entity.lstrip(ENTITY_PREFIX).split("_") if entry.entity else []
    return bool(words) and min(zipf_frequency(w) for w in words) < EVERYDAY_ZIPF


def _answer_states(query: Query, entry: IntentTerms, wanted: float) -> bool:
    # "berapa tujuan SDGs?": an answer sentence about the question's words that holds a number
    # states it, asked by a phrasing or not ("kapan": a year). "Siapakah tokoh yang mengemukakan
    # Teori Waisya?": one holding nearly all its words and a name the topic's phrasings never use
    # ("... dikemukakan oleh N.J. Krom") states who, or where. "Terkini" no sentence can vouch for.
    if not all(word in NUMBER_FACT_WORDS or word in NAME_FACT_WORDS for word in query.fact_words):
        return False
    needs_number = any(word in NUMBER_FACT_WORDS for word in query.fact_words)
    needs_name = any(word in NAME_FACT_WORDS for word in query.fact_words)
    # "berapa anggota PBB" wants a count: "anggota PBB sejak 1950" states a year, not how many.
    counts = "berapa" in query.fact_words
    sentences = list(zip(entry.answer_sentences, entry.answer_names, strict=True))
    if query.sum_asked and len(sentences) > 1:
        # A worked example runs over several lines ("Diketahui ...", "F1 = ...", "Jadi ..."): together
        # they state how the sum is done.
        whole = tuple(t for sentence, _ in sentences for t in sentence)
        sentences.append((whole, (frozenset(), frozenset())))
    for sentence, (who, where) in sentences:
        found = sum(query.weights[t] for t in query.fact_content if t in sentence)
        if found / wanted < (MIN_NAME_FACT_OVERLAP if needs_name else MIN_FACT_OVERLAP) or _negates(query, sentence):
            continue
        if needs_number and not any(_states_number(query, sentence, at, counts=counts) for at in range(len(sentence))):
            continue
        if query.duration_asked and not any(
            (_is_number(term) or term in nlp.NUMBER_WORDS) and nxt in TIME_UNITS for term, nxt in pairwise(sentence)
        ):
            continue  # "berapa lama Ratu Sima memerintah": a year is no length of time
        if "siapa" in query.fact_words and not _names_new(who, query, entry):
            continue
        if "dimana" in query.fact_words and not _names_new(where, query, entry):
            continue
        return True
    return False


def _states_number(query: Query, sentence: tuple[str, ...], at: int, *, counts: bool) -> bool:
    # Whether the sentence's term at `at` is a number that answers the question. One the question
    # says itself does not: "UU 39 tahun 1999 ada berapa pasal" to the sentence naming UU 39, which
    # says nothing of its articles; save in a sum, whose worked answer goes through the givens.
    term = sentence[at]
    said = term in query.weights
    if _is_number(term):
        return not (counts and _is_date(sentence, at)) and (query.sum_asked or not said)
    return counts and term in nlp.NUMBER_WORDS and not said


def _names_new(names: frozenset[str], query: Query, entry: IntentTerms) -> bool:
    # A name that is not the question's own, nor the topic's ("Indonesia" of the Indonesia topic).
    return any(n not in query.weights and n not in entry.vocabulary for n in names)


def _negates(query: Query, sentence: tuple[str, ...]) -> bool:
    # "anggota tetap Dewan Keamanan siapa aja": "anggota tidak tetap Dewan Keamanan" says the opposite.
    if "tidak" in query.weights:
        return False
    negated = {sentence[at + 1] for at, term in enumerate(sentence[:-1]) if term == "tidak"}
    return any(t in negated for t in query.fact_content)


def _is_number(term: str) -> bool:
    # Digits, a numbered item with its letter ("Pasal 36A", "Pasal 28I"), or a Roman numeral the
    # analyzer left a word ("abad XXI" says which century).
    return term.isdigit() or (term[:-1].isdigit() and term[-1].isalpha()) or nlp.is_roman_numeral(term)


def _is_date(sentence: tuple[str, ...], at: int) -> bool:
    # A year ("sejak 1950") or a day of a month ("17 Agustus"): when, not how many.
    term = sentence[at]
    return is_year(term) or (at + 1 < len(sentence) and sentence[at + 1] in nlp.MONTHS)
