"""A question's terms and their weights, computed once before it is scored (`faq.scoring`).

How much a word says about what is asked: the KB's own rarity of it (`Index.weight`), lowered for an
everyday word the KB only uses in passing, and for an unknown word by how everyday it is in Indonesian
(wordfreq), since a rare one ("NATO", "fotosintesis") is the subject and a common one chatter.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

import nlp
from faq.analyzer import ENTITY_PREFIX
from faq.index import FACT_QUESTION_WORDS, QUESTION_WORD_WEIGHT, TYPICAL_SHARE, Index
from faq.intent_maps import adjacent_pairs
from faq.names import NAME_PREFIX
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency

UNKNOWN_DECAY_TERMS = 5
"""Questions longer than this many terms count each unknown word less: long questions carry chatter."""

NAME_ASKING = frozenset({"nama", "sebut", "istilah"})
"""Terms that, with "apa", ask for the name of what the question describes ("... itu disebut apa")."""

ANSWER_CREDIT = 0.6
"""Credit (0-1) for a word found in an intent's answer but in none of its phrasings."""

DEFINING = frozenset({"pengertian", "arti", "definisi", "maksud", "erti"})
"""Terms that ask what something is, as "apa itu" does: a pack whose phrasings never use them weighs
them as a question word, not as an unknown topic ("pengertian prasasti" in a history pack)."""

QUALIFIER_WEIGHT = 0.5
"""Weight factor (0-1) of a term only in a "sebagai" clause: it says what the asked thing is taken as
("pengertian sugesti sebagai faktor pendorong": sugesti is asked, not the factors)."""

INCIDENTAL_WEIGHT = 0.5
"""Weight (0-1), against a typical or rare word, of a KB word that is everyday Indonesian and used by
few phrasings of any intent (see `_known_factor`)."""

CHATTER_WEIGHT = 0.3
"""Weight (0-1) of an everyday word the KB does not know, against a rare one or a name, in a question
longer than SHORT_QUESTION_TERMS (how everyday: `rarity`, from the word's frequency in Indonesian)."""

SHORT_QUESTION_TERMS = 4
"""In a question of at most this many terms, a name the KB does not know ("UNESCO ngurusin bidang
apa?") counts like another intent's entity for every intent. Longer questions carry chatter."""

SUBJECT_RARITY = 0.8
"""A dictionary word the KB does not know, at least this rare (`rarity`: Zipf 3.4 or less), names another
subject in a short question ("elastisitas permintaan itu apa", "majas repetisi apa sih"). At 1.0 (Zipf 3)
such words were taken for chatter; over our labelled sets 0.8 answered 6 more right and 1 fewer."""

MEDIUM_QUESTION_TERMS = 6
"""Up to this many terms, an acronym the KB does not know counts like another intent's entity."""

GIVEN_NUMBERS = 2
"""A "berapa" question giving this many numbers (years aside) asks for a sum: its own numbers are left
out of what an answer sentence must say to state it."""

ITEM_WORDS = frozenset({"nomor", "no", "nomer", "butir", "pasal", "ayat", "sila", "alinea", "bab"})
"""Words that refer to one numbered item of a list ("SDGs nomor 14", "sila 3", "pasal 33")."""

COMMON_ZIPF = 5.0
RARE_ZIPF = 3.0
"""An unknown word this common (Zipf, see `nlp.frequency`) or more is everyday chatter; one this rare
or rarer, or unlisted, names a subject; between the two it is some of each."""


@dataclass(frozen=True)
class Query:
    """A question's terms with everything scoring needs computed once."""

    weights: dict[str, float]
    total: float
    answer_credit: float
    fact_words: tuple[str, ...]
    fact_content: tuple[str, ...]
    entities: tuple[str, ...]
    names_unknown: bool = False
    asks_name: bool = False  # "protein di sel darah merah yang mengikat oksigen namanya apa": a description
    items: tuple[tuple[str, str], ...] = ()  # the items referred to ("SDGs nomor 14": ("nomor", "14"))
    defined: str = ""  # the one thing a definition question asks about ("apa itu globalisasi")
    # (term, coverage weight, topical) of the terms some phrasing holds, for `faq.scoring.covered_share`.
    # Not topical: a question word, and a term only in a "sebagai" clause ("pengertian sugesti sebagai
    # faktor pendorong interaksi sosial" does not ask the phrasing "faktor pendorong interaksi sosial").
    covering: tuple[tuple[str, float, bool], ...] = ()
    # The question's topic words side by side, as `faq.intent_maps.adjacent_pairs` reads an intent's.
    pairs: tuple[tuple[str, str], ...] = ()
    # It says enough for an answer sentence alone to vouch for it: a description (more than
    # SHORT_QUESTION_TERMS terms) or a word rarer than everyday use that an answer says. "kamu udah
    # makan?" is neither; nor is "rumus luas lingkaran apa", whose rare word no answer says.
    describes: bool = True
    sum_asked: bool = False  # "berapa" with numbers given: a sum to work out, not a fact to look up
    duration_asked: bool = False  # "berapa lama": a number of some unit of time

    @classmethod
    def prepare(
        cls, index: Index, terms: Sequence[str], background: Collection[str] = (), fact_scope: Collection[str] = ()
    ) -> Query:
        """`background`: terms that only qualify what is asked (`faq.analyzer.Analysis.background`)."""
        unique = tuple(dict.fromkeys(terms))
        decay = min(1.0, UNKNOWN_DECAY_TERMS / max(len(unique), 1))
        short = len(unique) <= SHORT_QUESTION_TERMS
        # "sebutin 6 jenis hak asasi", "tuliskan 5 contoh ...": how many the homework wants, not what
        # it is about, beside the words that are. (A number the KB writes keeps its weight, as a known
        # term; so does a year, which dates what is asked.)
        with_words = any(not t.isdigit() and t not in nlp.QUESTION_WORDS for t in unique)
        asks_name = "apa" in unique and not NAME_ASKING.isdisjoint(unique)
        # "banyaknya energi listrik yang dipakai tiap detik itu disebut apa?": a question asking the
        # name of what it describes says the words of an answer's definition ("... energi listrik
        # yang digunakan setiap detik"); everyday words an answer uses are its description, not chatter.
        describes_answer = asks_name and not short
        weights = {
            t: index.weight(t)
            * (
                1.0
                if t in nlp.QUESTION_WORDS
                else _known_factor(index, t)
                if index.is_known(t)
                else decay * CHATTER_WEIGHT
                if with_words and t.isdigit() and not is_year(t)
                else _unknown_factor(t, decay, short or (describes_answer and t in index.answer_postings))
            )
            for t in unique
        }
        for term in DEFINING.intersection(weights):
            if not index.is_known(term) and term not in index.answer_postings:
                weights[term] = QUESTION_WORD_WEIGHT  # "pengertian prasasti" asks what prasasti is
        if asks_name:
            # "panjang lintasan yang dilewati benda itu namanya apa": "nama" asks, as "apa" does; it
            # says nothing of what is described, though a pack's phrasings may seldom use it.
            for term in NAME_ASKING.intersection(weights):
                weights[term] = min(weights[term], QUESTION_WORD_WEIGHT)
        for term in background:
            if term in weights:
                weights[term] *= QUALIFIER_WEIGHT
        fact_words = tuple(t for t in unique if t in FACT_QUESTION_WORDS)
        fact_content = tuple(t for t in unique if t not in nlp.QUESTION_WORDS and not t.startswith(ENTITY_PREFIX))
        if "siapa" in fact_words:
            # "siapa yang disebut Bapak Proklamator", "siapa ya namanya": a name is asked for, which
            # the answer gives; it need not say "disebut" or "nama".
            fact_content = tuple(t for t in fact_content if t not in NAME_ASKING)
        sum_asked = "berapa" in fact_words and sum(1 for t in terms if _is_given_number(t)) >= GIVEN_NUMBERS
        duration_asked = not {("berapa", "lama"), ("lama", "berapa")}.isdisjoint(pairwise(terms))
        if duration_asked:
            # "lama" says only that a length of time is asked, which `faq.facts` looks for itself.
            fact_content = tuple(t for t in fact_content if t != "lama")
        if sum_asked:
            # "lampu 15 ohm pada baterai 3 V, berapa kuat arusnya?": a sum to work out, which an answer
            # sentence with numbers about the same things states (a formula, a worked example); the
            # numbers given are the student's, not the answer's.
            fact_content = tuple(t for t in fact_content if not _is_given_number(t))
        elif fact_scope:
            # "Apa akibatnya bagi suhu planet itu dan berapa lama revolusinya?": the clause asking the fact
            # says what an answer sentence must speak of. (A sum's givens are its whole story.)
            fact_content = tuple(t for t in fact_content if t in fact_scope)
        return cls(
            weights=weights,
            total=sum(weights.values()),
            # "berapa jumlah anggota PBB": an answer that merely mentions "anggota" does not
            # state the number asked for; only the intent's own phrasings vouch for such a fact.
            answer_credit=0.0 if fact_words else ANSWER_CREDIT,
            fact_words=fact_words,
            fact_content=fact_content,
            entities=tuple(t for t in unique if t.startswith(ENTITY_PREFIX)),
            names_unknown=_names_unknown(index, unique, short),
            asks_name=asks_name,
            items=tuple((word, n) for word, n in pairwise(terms) if word in ITEM_WORDS and n.isdigit()),
            defined=_defined(unique),
            covering=tuple(
                (t, index.coverage[t], t not in nlp.QUESTION_WORDS and t not in background)
                for t in weights
                if t in index.coverage
            ),
            pairs=tuple(adjacent_pairs([unique])),
            sum_asked=sum_asked,
            duration_asked=duration_asked,
            describes=not short
            or any(
                _rarer_than_everyday(t) and t in index.answer_postings
                for t in unique
                if t not in nlp.QUESTION_WORDS and not t.isdigit()
            ),
        )


def definition_content(terms: Collection[str]) -> list[str] | None:
    """The terms a definition question asks about ("apa itu X", "pengertian X": those besides the
    question and defining words), None when the terms ask no definition."""
    if "apa" not in terms and DEFINING.isdisjoint(terms):
        return None
    return named_terms(terms)


def named_terms(terms: Collection[str]) -> list[str]:
    """What terms name besides question and defining words ("apa itu X", "pengertian X", "X": X)."""
    return [t for t in terms if t not in nlp.QUESTION_WORDS and t not in DEFINING]


def _defined(unique: tuple[str, ...]) -> str:
    # "apa itu globalisasi", "pengertian sugesti": one thing, asked what it is.
    content = definition_content(unique)
    if content is None or len(content) != 1:
        return ""
    term = content[0]
    # An everyday word ("bantu", "mulai") is small talk's, not a subject to define.
    return term if not term.startswith(ENTITY_PREFIX) and rarity(term) > 0 else ""


def is_year(term: str) -> bool:
    """A four-digit number that reads as a year ("sejak 1950", "laju 2010-2020")."""
    return term.isdigit() and len(term) == 4 and 1000 <= int(term) <= 2199


def _is_given_number(term: str) -> bool:
    # A year ("laju 2010-2020 berapa persen") dates what is asked; it is no quantity to compute with.
    return term.isdigit() and not is_year(term)


def _rarer_than_everyday(term: str) -> bool:
    return term.startswith(NAME_PREFIX) or zipf_frequency(term.lstrip(ENTITY_PREFIX)) < EVERYDAY_ZIPF


def rarity(term: str) -> float:
    """How rare a term is in everyday Indonesian: 1 for a name or a word wordfreq does not list,
    0 for one at least COMMON_ZIPF common, linear between."""
    if term.startswith(NAME_PREFIX):
        return 1.0
    zipf = zipf_frequency(term.lstrip(ENTITY_PREFIX))
    return min(1.0, max(0.0, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


def _is_unknown_name(index: Index, term: str) -> bool:
    # "snbp", "unesco": not the KB's, not Indonesian, not a question word: something else is asked about.
    return (
        len(term) >= 3
        and not index.is_known(term)
        and term not in nlp.QUESTION_WORDS
        and term not in index.answer_postings
        and (not nlp.is_known_word(term) or rarity(term) >= SUBJECT_RARITY)  # "metonimia", "elastisitas"
    )


def _names_unknown(index: Index, unique: tuple[str, ...], short: bool) -> bool:
    # An acronym the KB does not know ("masyarakat ekonomi asean (MEA) itu apa") names another subject
    # in a question of up to MEDIUM_QUESTION_TERMS terms; longer ones carry homework chatter. In a short
    # question so does any odd word, unless the question also names a KB entity ("iaea tuh apaan? baru
    # denger": next to a name the KB knows, it is chat).
    if len(unique) <= MEDIUM_QUESTION_TERMS and any(t.startswith(NAME_PREFIX) for t in unique):
        return True
    return (
        short
        and not any(t.startswith(ENTITY_PREFIX) for t in unique)
        and any(_is_unknown_name(index, t) for t in unique)
    )


def _known_factor(index: Index, term: str) -> float:
    # "Sebutkan minimal tiga tujuan ...", "contoh nyata ... sekaligus": an everyday word that one
    # phrasing happens to use is rare in the KB, yet says little of what is asked. A word typical of
    # some intent ("tujuan", "contoh") or rare in Indonesian ("multilateral") counts in full.
    if term.startswith((ENTITY_PREFIX, NAME_PREFIX)):
        return 1.0
    typical = max(rarity(term), min(1.0, index.typical_share(term) / TYPICAL_SHARE))
    return INCIDENTAL_WEIGHT + (1.0 - INCIDENTAL_WEIGHT) * typical


def _unknown_factor(term: str, decay: float, short: bool) -> float:
    # In a short question ("apa yang dimaksud dengan fotosintesis?") the unknown word is the topic,
    # whatever it is. In a longer one an everyday word the KB never uses ("guru", "internet") is
    # mostly chatter, while a rare one ("nato", "unesco") is still what the question is about.
    if short:
        return decay
    return decay * (CHATTER_WEIGHT + (1.0 - CHATTER_WEIGHT) * rarity(term))
