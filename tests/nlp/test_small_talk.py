"""Greetings and thanks told apart from questions (`nlp.small_talk`)."""

import pytest

from nlp import asks_about_bot, said_then_remark, small_talk_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("halooo bot 👋", "greeting"),
        ("assalamualaikum min, ada orang gk?", "greeting"),
        ("Selamat siang, Kak.", "greeting"),
        ("kak, selamat pagi", "greeting"),
        ("hai kak, mau nanya soal geografi boleh?", "greeting"),
        ("thx min, ngebantu bgt buat ulangan bsk", "thanks"),
        ("mksh yaa botttt 😍", "thanks"),
        ("syukron kak", "thanks"),
        ("woy bot", "greeting"),
        ("halo, makasih ya", "thanks"),
        ("apa itu hambatan makasih", None),  # a question with thanks
        ("halo apa itu pbb", None),
        ("knp bisa ada siang dan malam", None),  # time words, no greeting
        ("kamu bisa apa", None),
        ("p", None),
        ("", None),
    ],
)
def test_small_talk_kind_tells_a_whole_greeting_or_thanks(text, kind):
    assert small_talk_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("terima kasih banyak ya, tugasku jadi selesai", "thanks"),
        ("makasih min udah bantu tugasku", "thanks"),
        ("thanks, that helped a lot", "thanks"),
        ("halo kak, aku baru gabung di grup ini", "greeting"),
        ("makasih kak! trus bedanya bilateral sama multilateral apa?", None),  # it asks
        ("makasih kak trus manfaatnya gmn", None),
        ("makasih, skrg jelasin tujuan wto", None),
        ("thank you, what is wto", None),
        ("halo, apa itu wto", None),
        ("kasih contoh kerjasama multilateral dong", None),  # "kasih" alone gives
        ("tugasku selesai, makasih", None),  # the thanks must open the message
    ],
)
def test_thanks_or_a_greeting_then_a_remark_asks_nothing(text, kind):
    assert said_then_remark(text) == kind


@pytest.mark.parametrize(
    ("text", "about_bot"),
    [
        ("nama kamu siapa", True),
        ("kamu bisa ngapain aja?", True),
        ("cara pakai bot ini gimana", True),
        ("fitur bot ini apa aja", True),
        ("siapa yang bikin kamu", True),
        ("botttt ini buat apa", True),
        ("kamu tau fungsi ginjal?", False),  # about kidneys
        ("Apa yang kamu ketahui tentang G20?", False),
        ("kak kamu udah punya pacar belum", False),  # off-topic, but not about what the bot is or does
        ("36 km/jam itu brp m/s", False),  # "km" is kilometres here
        ("fungsi darah apa", False),  # no word of the bot's
        ("", False),
    ],
)
def test_asks_about_bot_tells_a_question_about_the_bot_itself(text, about_bot):
    assert asks_about_bot(text) is about_bot
