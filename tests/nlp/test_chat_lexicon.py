from nlp.chat_lexicon import chat_forms


def test_chat_forms_map_what_people_write_to_the_standard_word():
    forms = chat_forms()
    assert forms["kmrn"] == "kemarin"
    assert forms["dtg"] == "datang"
    assert len(forms) > 3000


def test_school_words_english_and_single_letters_are_left_to_our_own_tables():
    forms = chat_forms()
    assert "smp" not in forms  # a school, not "sampai"
    assert "sma" not in forms  # not "sama"
    assert "hub" not in forms  # English
    assert not {"m", "x", "k", "q"} & forms.keys()  # "F = m x a": symbols
    assert all(" " not in word and word.isalpha() for word in forms.values())  # one word each
