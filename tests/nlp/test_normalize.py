import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import normalize, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apa itu PBB?", "apa itu pbb"),
        ("halooo kak!!!", "haloo kak"),  # two letters stay; the analyzer tells which the word needs
        ("mobil seberat 10.000 N", "mobil seberat 10000 n"),  # thousands written with dots: one number
        ("Rp1.500.000 sebulan", "rp1500000 sebulan"),
        ("tanggal 17.08.1945", "tanggal 17 08 1945"),  # not thousands
        ("pbbb", "pbb"),
        ("P.B.B. berdiri tahun brp", "pbb berdiri tahun brp"),
        ("apa itu W.T.O", "apa itu wto"),
        ("U.E. itu apa", "ue itu apa"),
        ("G-20 itu apa", "g20 itu apa"),
        ("g 20", "g20"),
        ("aki 12 V = 6 sel", "aki 12 v sama dengan 6 sel"),  # a formula's letter and number stay apart
        ("I=12/20", "i sama dengan 12 20"),
        ("negara-negara", "negara"),
        ("negara2 anggota", "negara anggota"),  # the chat spelling of the same plural
        ("hambatan2nya", "hambatannya"),  # with a clitic after it
        ("tarik2an ato tolak-tolakan", "tarikan ato tolakan"),  # reduplicated with -an: each other
        ("hambatan-hambatannya", "hambatannya"),
        ("b4ngsa2 dunia", "b4ngsa dunia"),  # with a digit for a letter inside (restored later)
        ("sdg12 dan mp32", "sdg12 dan mp32"),  # a name's number is not a plural
        ("g20 mp3 covid19", "g20 mp3 covid19"),  # digits that are part of a name stay
        ("hai min 👋", "hai min"),
        ("cek https://example.org/a?b=1 ya", "cek ya"),
        ("@tanya_bot apa itu pbb", "apa itu pbb"),
        ("S.D.G's", "sdgs"),
        ("ＡＳＥＡＮ", "asean"),  # noqa: RUF001 - full-width letters fold under NFKC
        ("<b>apa</b> itu &amp;", "b apa b itu amp"),
        ("Hukum III Newton", "hukum iii newton"),  # a Roman numeral keeps its letters
        ("kelas VIII", "kelas viii"),
        ("", ""),
        ("???", ""),
    ],
)
def test_normalize_table(text, expected):
    assert normalize(text) == expected


def test_tokenize_splits_normalised_words():
    assert tokenize("Kerjasama, multilateral!") == ["kerjasama", "multilateral"]


@settings(max_examples=300)
@given(st.text())
def test_normalize_is_idempotent_and_never_raises(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_normalize_output_is_plain_words(text):
    out = normalize(text)
    assert "  " not in out and out == out.strip()
    assert all(ch.isalnum() or ch == " " for ch in out)
