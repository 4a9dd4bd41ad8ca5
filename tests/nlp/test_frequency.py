import math

import wordfreq

from nlp.frequency import EVERYDAY_ZIPF, common_words, words_at_least, zipf_frequency


def test_the_list_read_directly_is_wordfreqs_own():
    # nlp.frequency reads wordfreq's list file without importing wordfreq: every value must be
    # the one wordfreq gives, to the last bit (the engine compares them with EVERYDAY_ZIPF).
    expected = {w: math.log10(share) + 9.0 for w, share in wordfreq.get_frequency_dict("id").items()}
    assert all(zipf_frequency(word) == zipf for word, zipf in expected.items())
    assert len(common_words()) == sum(1 for word in expected if word.isalpha())


def test_everyday_words_and_subject_words_fall_either_side_of_the_bar():
    assert zipf_frequency("koran") >= EVERYDAY_ZIPF
    assert 0 < zipf_frequency("kromosom") < EVERYDAY_ZIPF
    assert zipf_frequency("qwxzv") == 0.0


def test_words_at_least_a_frequency_are_wordfreqs_own():
    # The English words the chat lexicon leaves out (`nlp.chat_lexicon`), read as nlp.frequency reads.
    expected = {w for w in wordfreq.get_frequency_dict("en") if wordfreq.zipf_frequency(w, "en") >= 3.0}
    assert words_at_least(3.0, "en") == expected
