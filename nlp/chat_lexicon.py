"""Chat spellings people actually write, from the Colloquial Indonesian Lexicon ("Kamus Alay").

Salsabila et al. (2018) collected 4,331 colloquial forms from Indonesian social media, each with the
standard word it stands for ("kmrn" -> "kemarin", "blg" -> "bilang"); indoNLP ships the list. Our
rules (`nlp.chat_spelling`) guess a form's vowels and affixes; the lexicon knows the forms people write.
"""

from __future__ import annotations

from functools import cache

from nlp.frequency import words_at_least
from nlp.lexicon import english_table, school_words, slang_table

MIN_FORM_LENGTH = 3
"""Shorter forms are symbols in a school question ("F = m x a", "konstanta k") as often as chat."""

ENGLISH_ZIPF = 3.0
"""A form this common in English (Zipf) is English in a question: "hub", "sam", "than" are no chat."""


@cache
def chat_forms() -> dict[str, str]:
    """Colloquial form -> the one standard word it stands for.

    Left out: forms our own tables read (slang, English, school words: "smp" is a school, not
    "sampai"), forms that are English, and meanings of several words ("gpp" -> "enggak apa-apa").
    Whether a form is an Indonesian word already is for the caller to ask: it costs a stemming each.
    """
    # Only when a KB is built: the spelling corrector keeps the table, cached with the index.
    from indoNLP.preprocessing.slang_data import SLANG_DATA

    ours = slang_table().keys() | english_table().keys() | school_words()
    english = words_at_least(ENGLISH_ZIPF, "en")  # some 27,000 words, let go once the table is built
    forms: dict[str, str] = {}
    for form, standard in SLANG_DATA.items():
        form, standard = form.strip().lower(), standard.strip().lower()
        if (
            len(form) >= MIN_FORM_LENGTH
            and form.isalpha()
            and standard.isalpha()
            and form != standard
            and form not in ours
            and form not in english
        ):
            forms[form] = standard
    return forms
