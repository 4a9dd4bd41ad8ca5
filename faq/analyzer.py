"""From a question to the terms the index matches on, tuned to one knowledge base.

The pipeline is the same for the FAQ's own phrasings and for a student's question:
normalise -> slang and English -> join split compounds -> (questions only) correct typos towards
the KB's vocabulary -> colloquial verb forms -> drop stopwords (questions: also school words the KB
does not use, and mark acronyms it does not know as names) -> stem -> (questions only) a word the KB
does not write read as the KB's word of the same meaning -> map synonyms and aliases to one term ->
drop an entity "selain" puts out of the question.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import nlp
from faq.clauses import fact_scope, qualified
from faq.names import kb_texts, mark_unknown_names, name_stopwords, unstemmed_words
from faq.pack_typos import pack_typos
from faq.phrase_table import PhraseTable
from faq.schema import KnowledgeBase
from faq.spelling import SpellingCorrector
from nlp.chat_spelling import unglued_negation
from nlp.frequency import EVERYDAY_ZIPF, zipf_frequency

MAX_QUESTION_CHARS = 1_000
"""Characters of a question that are analysed; the rest is chatter and would only cost time."""

FOLLOW_UP_MARKERS = frozenset({"terus", "lalu", "kalau", "lantas", "kemudian", "selanjutnya", "nah", "and", "then"})
"""Words that open a follow-up question leaning on the previous topic ("terus tujuannya?")."""

MIN_SHORTENED_ALIAS = 3
"""Words a long alias keeps when matched without its last word."""

MIN_GLUED_PART = 3
"""Shortest word of two the pack writes side by side that a question's glued word is split into."""

MIN_COMPOUND_LENGTH = 6
"""Shortest KB word that two written-apart words are joined into ("kerja sama" -> "kerjasama")."""

ENTITY_PREFIX = "@"
"""Marks a term that names an entity (an intent's alias) rather than an ordinary word."""

EXCLUSION_MARKERS = frozenset({"selain", "kecuali"})
"""Words that put the entity after them out of the question: "contoh selain PBB" is not about PBB."""


@dataclass(frozen=True)
class Analysis:
    """What the matcher needs to know about one question."""

    terms: tuple[str, ...]
    follow_up: bool = False
    background: frozenset[str] = frozenset()  # terms only in a qualifier ("... sebagai <qualifier>")
    # The terms of the clauses asking a fact (kapan, berapa ...) of a question of several; () for all.
    fact_scope: tuple[str, ...] = ()
    words: int = 0  # how many words the question was written with

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if t.startswith(ENTITY_PREFIX))


class Analyzer:
    """Turns text into terms using the vocabulary, synonyms and aliases of one knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self._protected = unstemmed_words(kb)
        self._phrases = PhraseTable()
        self._compounds: frozenset[str] = frozenset()
        self._typos: dict[str, str] = {}
        surface: Counter[str] = Counter()
        for text in kb_texts(kb):
            surface.update(self._words(text))
        self._vocabulary = surface
        self._typos = pack_typos(surface, protected=self._protected)
        # The names of things the pack writes in two words ("uni eropa", "kerjasama multilateral"),
        # by the one word they make when typed glued: from titles, aliases and synonyms only, so a
        # pack of 100,000 intents keeps a small table. Of two splits, the shorter first word's.
        pairs: set[tuple[str, str]] = set()
        names = [t for i in kb.intents for t in (i.title, *i.aliases)] + [v for g in kb.synonyms for v in g]
        for name in names:
            pairs.update(pairwise(self._words(name)))
        self._glued: dict[str, tuple[str, str]] = {}
        for first, second in sorted(pairs, key=lambda pair: (len(pair[0]), pair)):
            if len(first) >= MIN_GLUED_PART and len(second) >= MIN_GLUED_PART:
                self._glued.setdefault(first + second, (first, second))
        # Compounds written apart ("kerja sama") are joined when the KB spells them as one word.
        self._compounds = frozenset(word for word in surface if len(word) >= MIN_COMPOUND_LENGTH)
        self.name_stopwords = name_stopwords(kb, self._standard_words)
        self._kept = nlp.QUESTION_WORDS | nlp.NEGATIONS | self.name_stopwords
        for group in kb.synonyms:
            canonical = "_".join(self._stems(group[0]))
            for variant in group:
                self._phrases.add(self._stems(variant), canonical)
                self._add_in_digits(variant, canonical)
        self._entities: dict[str, str] = {}  # intent id -> the term of what it is about
        for intent in kb.intents:
            if not intent.aliases:
                continue
            entity = ENTITY_PREFIX + "_".join(nlp.normalize(intent.aliases[0]).split())
            while entity in self._entities.values():  # "Hukum II Newton", "Hukum III Newton"
                entity += "_" + intent.id
            self._entities[intent.id] = entity
            for alias in intent.aliases:
                stems = self._stems(alias)
                self._phrases.add(stems, entity)
                self._add_in_digits(alias, entity)
                if len(stems) >= MIN_SHORTENED_ALIAS + 1:
                    # A long name is often said without its last word ("badan penyelidik usaha
                    # persiapan kemerdekaan" for BPUPKI, whose name ends in "indonesia").
                    self._phrases.add(stems[:-1], entity)
        self._speller = SpellingCorrector(surface, protected=self._protected)
        self._stem_counts: Counter[str] = Counter()
        for word, count in surface.items():
            self._stem_counts[self._stem(word)] += count
        self._equivalents = self._pack_equivalents(self._stem_counts)

    def entity_of(self, intent_id: str) -> str | None:
        """The term naming what an intent is about (from its first alias), None without aliases."""
        return self._entities.get(intent_id)

    @property
    def vocabulary(self) -> Counter[str]:
        """Every surface word of the KB, with its count."""
        return self._vocabulary

    def analyze(self, text: str, *, correct: bool = True, keep_stopwords: bool = False) -> Analysis:
        """The terms of `text`; `correct` fixes typos (for questions, not for the KB's own text).

        `keep_stopwords` keeps the chat words for small talk, where they are the message
        ("kamu bisa bantu apa?").
        """
        terms, follow_up = self._read(text, correct=correct, keep_stopwords=keep_stopwords)
        if not correct or keep_stopwords:
            return Analysis(terms=terms, follow_up=follow_up)
        question = text[:MAX_QUESTION_CHARS]
        background = qualified(question, self._terms_of)
        scope = fact_scope(question, terms, self._terms_of)
        return Analysis(
            terms=terms,
            follow_up=follow_up,
            background=background & frozenset(terms),
            fact_scope=scope,
            words=len(question.split()),
        )

    def _read(self, text: str, *, correct: bool = True, keep_stopwords: bool = False) -> tuple[tuple[str, ...], bool]:
        # The terms of `text`, and whether it opens as a follow-up; its clauses are `analyze`'s.
        words = self._words(text[:MAX_QUESTION_CHARS], restore=correct)
        follow_up = bool(words) and words[0] in FOLLOW_UP_MARKERS
        words = self._join_compounds(words)
        if correct:
            # Word pairs again once typos are fixed ("brp macem" -> "berapa macam" -> "apa saja macam").
            # A correction may land on the pack's own misspelling ("jungun" -> "junghun"): its word, then.
            corrected = (self._speller.correct(w) for w in words)
            words = nlp.rewrite_phrases([self._typos.get(w, w) for w in corrected])
        # After spelling: "perdamain" is a typo of the KB's "perdamaian", not a colloquial "-in" form.
        words = nlp.standardize_colloquial(words)
        kept = words if keep_stopwords else nlp.remove_stopwords(words, keep=self._kept | EXCLUSION_MARKERS)
        if len(kept) > 2 and kept[-1] in nlp.NEGATIONS:
            kept.pop()  # a question tag: "ada contohnya gak?" asks for examples, not a negation
        if correct:
            school = nlp.school_words()
            kept = mark_unknown_names(
                [w for w in kept if w not in school or w in self._vocabulary or self._stem(w) in self._stem_counts],
                text,
                self._vocabulary,
            )
        stems = [w if w in EXCLUSION_MARKERS else self._stem(w) for w in kept]
        if correct:
            stems = [self._pack_root(w, s) for w, s in zip(kept, stems, strict=True)]
            stems = [self._equivalents.get(s, s) for s in stems]
        return _drop_excluded(self._phrases.read(stems)), follow_up

    def _terms_of(self, text: str) -> tuple[str, ...]:
        # A clause of a question, read as a question is, but not split into clauses again (`faq.clauses`).
        return self._read(text)[0]

    def terms(self, text: str) -> tuple[str, ...]:
        """The terms of the KB's own text (no typo correction)."""
        return self._read(text, correct=False)[0]

    def name_words(self, alias: str) -> tuple[str, ...]:
        """The words of a name of several words, each a term of its own ("panitia", "sembilan" of
        "Panitia Sembilan"); () for a one-word name."""
        stems = self._stems(alias)
        if len(stems) < 2:
            return ()
        return tuple(self._phrases.term_of(stem) for stem in stems)

    def _words(self, text: str, *, restore: bool = False) -> list[str]:
        # `restore`: a student's chat spellings back to words first ("gmnah" -> "gmna" -> "bagaimana").
        tokens = nlp.number_names(nlp.tokenize(text))
        if restore:
            tokens = self._unglued(
                [
                    self._speller.restore(token)
                    for token in self._negations_apart(nlp.letters_said_aloud(tokens, self._vocabulary))
                ]
            )
            tokens = nlp.number_names(tokens)  # again once restored: "hukum newton prtama"
        if self._typos:
            tokens = [self._typos.get(token, token) for token in tokens]
        words = nlp.rewrite_phrases(nlp.translate_english(nlp.expand_slang(tokens)))
        return nlp.drop_homework_numbers(nlp.drop_answer_style(words))

    def _negations_apart(self, tokens: list[str]) -> list[str]:
        # "HAM gabisa dicabut": "ga bisa", the negation a word of its own (unless the pack writes it).
        out: list[str] = []
        for token in tokens:
            parts = None if token in self._vocabulary else unglued_negation(token)
            out.extend(parts or (token,))
        return out

    def _unglued(self, tokens: list[str]) -> list[str]:
        # "unieropa", "kerjasamamultilateral": two words the pack writes side by side, typed as one.
        out: list[str] = []
        for token in tokens:
            if len(token) >= 2 * MIN_GLUED_PART and token not in self._vocabulary and token.isalpha():
                # "melatarbelakangi": the pack's "latar belakang" with affixes around it, if no word.
                bodies = [token] if nlp.is_known_word(token) else [token, *nlp.root_candidates(token)]
                split = next((self._glued[body] for body in bodies if body in self._glued), None)
                if split is not None:
                    out.extend(split)
                    continue
            out.append(token)
        return out

    def _standard_words(self, text: str) -> list[str]:
        # The KB's own text, as words: no typo to correct, colloquial forms made standard.
        return nlp.standardize_colloquial(self._join_compounds(self._words(text)))

    def _stems(self, text: str) -> tuple[str, ...]:
        kept = nlp.remove_stopwords(self._standard_words(text), keep=self._kept)
        return tuple(self._stem(w) for w in kept)

    def _stem(self, word: str) -> str:
        # A name's word is never stemmed, nor is it with a clitic ("percepatannya").
        if word in self._protected:
            return word
        for clitic in _CLITICS:
            if word.endswith(clitic) and word[: -len(clitic)] in self._protected:
                return word[: -len(clitic)]
        return nlp.stem(word)

    def _pack_equivalents(self, counts: Counter[str]) -> dict[str, str]:
        # "irit" for a pack that says "hemat": a word the pack never writes is read as the word of the
        # same meaning it writes most (`nlp.equivalent_words`). Words it writes keep their own meaning.
        equivalents: dict[str, str] = {}
        for group in nlp.equivalent_words():
            stems = [self._stem(word) for word in group]
            known = [s for s in stems if s in counts]
            if not known:
                continue
            target = max(known, key=lambda s: (counts[s], s))
            for stem in stems:
                # Not an everyday word ("tes", testing the bot, is no "ujian"): with no bar, 12
                # questions of our read sets broke for 6 fixed; with it, 1 for 4.
                if stem not in counts and stem not in nlp.QUESTION_WORDS and zipf_frequency(stem) < EVERYDAY_ZIPF:
                    equivalents.setdefault(stem, target)
        return equivalents

    def _pack_root(self, word: str, stem: str) -> str:
        # Sastrawi reads "dikuasai" as "asai", "menikah" as "meni": a stem the pack never uses, where
        # another reading of the affixes gives a root it does use ("kuasa") and a commoner word.
        if stem in self._stem_counts or stem != nlp.stem(word):
            return stem
        common = zipf_frequency(stem)
        if common >= EVERYDAY_ZIPF:
            return stem  # an everyday word ("selain", "pemuda") is what it says, not "lain", "muda"
        # A stem in no word list ("rhesusnya": Sastrawi strips nothing from a word it does not know)
        # is no reading at all: the pack's root is, however rare ("rhesus").
        no_reading = common == 0.0 and not nlp.is_known_word(stem)
        return next(
            (
                r
                for r in nlp.root_candidates(word)
                if r in self._stem_counts and (no_reading or zipf_frequency(r) > common)
            ),
            stem,
        )

    def _add_in_digits(self, text: str, term: str) -> None:
        # "usus dua belas jari" is "usus 12 jari" too, "tiga negara atau lebih" "3 negara atau lebih".
        words = nlp.tokenize(text)
        in_digits = nlp.number_words_as_digits(words)
        if in_digits != words:
            self._phrases.add(self._stems(" ".join(in_digits)), term)

    def _join_compounds(self, words: list[str]) -> list[str]:
        joined: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in self._compounds:
                joined.append(words[i] + words[i + 1])
                i += 2
            else:
                joined.append(words[i])
                i += 1
        return joined


def _drop_excluded(terms: list[str]) -> tuple[str, ...]:
    # "selain @pbb": both go; a marker before anything else is dropped alone.
    out: list[str] = []
    skip = False
    for term in terms:
        if term in EXCLUSION_MARKERS:
            skip = True
            continue
        if not (skip and term.startswith(ENTITY_PREFIX)):
            out.append(term)
        skip = False
    return tuple(out)


_CLITICS = ("nya", "lah", "kah")
