"""Pure text functions for Indonesian questions: normalise, expand, tokenise, stem."""

from nlp.asides import drop_answer_style, drop_homework_numbers
from nlp.letters import letters_said_aloud
from nlp.lexicon import (
    MONTHS,
    NEGATIONS,
    NUMBER_WORDS,
    QUESTION_WORDS,
    SPELLED_LETTERS,
    country_names,
    equivalent_words,
    school_words,
    small_talk_words,
    stopwords,
)
from nlp.normalize import normalize
from nlp.small_talk import asks_about_bot, said_then_remark, small_talk_kind, small_talk_vocabulary
from nlp.stem import is_known_word, is_root_word, root_candidates, stem
from nlp.text import (
    expand_slang,
    is_roman_numeral,
    number_names,
    number_words_as_digits,
    remove_stopwords,
    rewrite_phrases,
    standardize_colloquial,
    tokenize,
    translate_english,
)

__all__ = [
    "MONTHS",
    "NEGATIONS",
    "NUMBER_WORDS",
    "QUESTION_WORDS",
    "SPELLED_LETTERS",
    "asks_about_bot",
    "country_names",
    "drop_answer_style",
    "drop_homework_numbers",
    "equivalent_words",
    "expand_slang",
    "is_known_word",
    "is_roman_numeral",
    "is_root_word",
    "letters_said_aloud",
    "normalize",
    "number_names",
    "number_words_as_digits",
    "remove_stopwords",
    "rewrite_phrases",
    "root_candidates",
    "said_then_remark",
    "school_words",
    "small_talk_kind",
    "small_talk_vocabulary",
    "small_talk_words",
    "standardize_colloquial",
    "stem",
    "stopwords",
    "tokenize",
    "translate_english",
]
