"""The decision's fixed rules beside what it learns (`faq.decision`)."""

from faq.decision import ACCEPTOR_FEATURES, DecisionModel
from faq.evidence import FEATURES, Candidate
from faq.model import LinearModel
from faq.student_check import StudentCheck


def _candidate(position: int, prior: float, answer: float, *, phrasing: float | None = None) -> Candidate:
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("prior")] = prior / 100.0
    features[FEATURES.index("phrasing")] = prior / 100.0 if phrasing is None else phrasing
    features[FEATURES.index("answer")] = answer
    return Candidate(position, prior, tuple(features))


def _model(weights: dict[str, float], *, acceptor_bias: float = 5.0) -> DecisionModel:
    ranker = LinearModel(
        tuple(weights.get(name, 0.0) for name in FEATURES), 0.0, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES)
    )
    size = len(ACCEPTOR_FEATURES)
    acceptor = LinearModel((0.0,) * size, acceptor_bias, (0.0,) * size, (1.0,) * size)
    return DecisionModel(ranker, acceptor, 0.5)


def test_the_one_intent_a_question_says_word_for_word_comes_first():
    # A ranker that weighs the answer far above the phrasings (as one learned on a small pack did)
    # would put "ironi" before "majas" for "apa yang dimaksud dengan majas?", one of majas's phrasings.
    model = _model({"answer": 10.0, "prior": 1.0})
    exact, other = _candidate(0, 100.0, 0.2), _candidate(1, 55.0, 0.9)
    assert [r.position for r in model.rank([exact, other])] == [1, 0]  # what the ranker alone says
    assert model.decide([exact, other]).best.position == 0


def test_two_intents_saying_it_word_for_word_are_left_to_the_ranker():
    model = _model({"answer": 10.0})
    first, second = _candidate(0, 100.0, 0.2), _candidate(1, 100.0, 0.9)
    assert model.decide([first, second]).best.position == 1


def test_a_question_said_word_for_word_is_answered_whatever_the_acceptor_thinks():
    # "Selamat siang, Kak." is a greeting's own phrasing; an answer that happens to say "selamat"
    # ("Airlangga selamat dari serangan") had made the acceptor unsure of it.
    model = _model({"answer": 10.0, "prior": 1.0}, acceptor_bias=-5.0)
    exact, other = _candidate(0, 100.0, 0.0), _candidate(1, 0.0, 1.0)
    decision = model.decide([exact, other])
    assert decision.accepted and decision.best.position == 0
    near = _candidate(0, 99.0, 0.0)
    assert not model.decide([near, other]).accepted


def test_a_name_its_answer_says_word_for_word_gets_no_such_pass():
    # "... itu disebut apa" scores its answer sentence as a phrasing (`faq.evidence`); that sentence
    # was not written as a question, so the acceptor still judges it.
    model = _model({"prior": 1.0}, acceptor_bias=-5.0)
    described = _candidate(0, 100.0, 1.0, phrasing=0.2)
    assert not model.decide([described, _candidate(1, 10.0, 0.0)]).accepted


def test_two_intents_saying_it_word_for_word_get_no_such_pass():
    model = _model({}, acceptor_bias=-5.0)
    assert not model.decide([_candidate(0, 100.0, 0.0), _candidate(1, 100.0, 0.0)]).accepted


def test_a_short_everyday_question_only_an_answer_speaks_of_is_not_answered():
    # "kamu udah makan?" is in no phrasing of the pressure pack; its blood-pressure answer says "pola
    # makan", and the acceptor, seeing a lone candidate, was 88 % sure. A description of many words
    # may still be found in an answer alone (the electricity pack's answer on resistance).
    from pathlib import Path

    from faq import Engine
    from faq.decision import by_answer_alone

    subject = Path(__file__).parents[1] / "data" / "subject"
    pressure = Engine.from_paths([subject / "tekanan.yaml"])
    assert by_answer_alone(pressure.decide("kamu udah makan?"))
    assert pressure.answer("kamu udah makan?").intent is None
    electricity = Engine.from_paths([subject / "listrik.yaml"])
    described = "kemampuan suatu bahan buat menghalangi arus listrik lewat itu namanya apa?"
    assert by_answer_alone(electricity.decide(described))
    assert electricity.answer(described).intent == "ls_hambatan"


def test_a_rare_word_no_answer_says_does_not_vouch_for_an_answer_alone():
    # "rumus luas lingkaran apa kak" to globalisation's MEA answer, which says "luas" (58 %, answered):
    # "lingkaran" is rarer than everyday use, but no answer of the pack says it, so it names
    # something else, not what the answer describes.
    from pathlib import Path

    from faq import Engine
    from faq.decision import by_answer_alone

    globalisation = Engine.from_paths([Path(__file__).parents[1] / "data" / "subject" / "globalisasi.yaml"])
    question = "rumus luas lingkaran itu apa kak"
    assert by_answer_alone(globalisation.decide(question))
    assert globalisation.answer(question).intent is None


def test_a_letter_alone_is_not_answered_unless_a_phrasing_is_that_letter():
    # "P" pings in chat; in a pack on lenses it is also the symbol of a lens's power ("P = 1/f"), and
    # the acceptor, seeing a lone candidate, was 97 % sure. With its formula the symbol asks something.
    from pathlib import Path

    from faq import Engine

    subject = Path(__file__).parents[1] / "data" / "subject"
    light = Engine.from_paths([subject / "cahaya.yaml"])
    for letter in ("P", "f", "v"):
        assert not light.decide(letter).accepted, letter
    # The students' check refuses some letters itself; one that answers whatever the pack's acceptor
    # answered leaves them all to the letter rule.
    light.check = StudentCheck(light.check.model, threshold=0.0)
    for letter in ("P", "f", "v"):
        decision = light.decide(letter)
        assert not decision.accepted and decision.route == "letter alone", letter
    assert light.answer("rumus P = 1/f itu buat apa").intent == "ch_kekuatan_lensa"
    # A teacher who wrote "p" as a greeting gets it answered so.
    colonial = Engine.from_paths([subject / "kolonial.yaml"])
    assert colonial.answer("p").intent == "kl_salam"
