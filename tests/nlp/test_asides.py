"""What a student says around a question without asking it (`nlp.asides`)."""

import pytest

from nlp import drop_answer_style, drop_homework_numbers


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("jelaskan g20 pakai bahasa sederhana", "jelaskan g20"),
        ("tolong pakai bahasa yang mudah dipahami ya", "tolong ya"),
        ("deskripsikan pbb dengan bahasamu sendiri", "deskripsikan pbb"),
        ("jelasin dengan bahasa sendiri aja", "jelasin aja"),
        ("manfaat asean bahasa simpel aja", "manfaat asean aja"),
        # about languages, not about how to answer
        ("tiap daerah punya bahasa sendiri", "tiap daerah punya bahasa sendiri"),
        ("apa nama wto dalam bahasa indonesia", "apa nama wto dalam bahasa indonesia"),
        ("ciri bahasa teks eksplanasi", "ciri bahasa teks eksplanasi"),
        ("pakai", "pakai"),
        ("", ""),
    ],
)
def test_a_request_for_how_the_answer_is_said_asks_nothing(text, kept):
    assert drop_answer_style(text.split()) == kept.split()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("soal nomor 5 sebutkan manfaat", "soal sebutkan manfaat"),
        ("lks no 3 tujuan wto", "lks tujuan wto"),
        ("pr 2 apa itu asean", "pr apa itu asean"),
        # an item of what is taught keeps its number
        ("sdgs nomor 14 tentang apa", "sdgs nomor 14 tentang apa"),
        ("bunyi sila 3", "bunyi sila 3"),
        ("soal nomor", "soal nomor"),
        # a page is kept: "PR matematika halaman 45" asks no pack anything, and its number helps say so
        ("pr matematika halaman 45", "pr matematika halaman 45"),
    ],
)
def test_the_number_of_a_homework_exercise_is_dropped(text, kept):
    assert drop_homework_numbers(text.split()) == kept.split()
