"""The author's report and suggestions over a seeded question log, checked on content."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from bot.questionlog.log import Stats
from bot.questionlog.render import CSV_HEADER, render_csv, render_report, render_stats, render_suggestions
from bot.questionlog.report import Cluster, Day, build_report, cluster_unanswered, content_terms, per_day
from bot.questionlog.store import LoggedQuestion, read_questions
from bot.questionlog.suggest import suggest
from faq import bundled_pack_paths
from tests.bot.questionlog.seed import FIRST_DAY, seed_log


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, engine) -> Path:
    path = tmp_path_factory.mktemp("log") / "questions.sqlite3"
    seed_log(path, engine)
    return path


@pytest.fixture(scope="module")
def report(seeded, engine):
    return build_report(read_questions(seeded), engine)


def unanswered(*texts: str) -> list[LoggedQuestion]:
    at = datetime(2025, 3, 3, tzinfo=UTC)
    return [LoggedQuestion(n, at, "private", "h", text, None, 0.0) for n, text in enumerate(texts, start=1)]


def test_report_counts_and_topics(report):
    assert (report.questions, report.answered, report.users) == (14, 7, 12)
    assert report.answer_rate == 50.0
    assert [(t.intent, t.count) for t in report.topics] == [("pbb", 3), ("wto", 2), ("asean", 1)]  # no small talk
    assert report.topics[0].title.startswith("PBB")


def test_report_groups_the_nato_questions_first_with_count_3(report):
    first, second, *rest = report.clusters
    assert (first.id, first.count, first.terms) == (1, 3, "nato")
    assert set(first.examples) == {"apa itu NATO", "nato itu apa", "NATO apaan"}
    assert (second.count, set(second.examples)) == (2, {"wto brdiri thn brp", "thn brp wto berdri"})
    assert sorted(c.examples for c in rest) == [("apa itu OKI",), ("siapa presiden indonesia",)]
    assert [c.count for c in report.clusters] == sorted((c.count for c in report.clusters), reverse=True)


def test_report_lists_low_confidence_and_disliked_answers(report):
    assert [(q.question, q.intent, q.count) for q in report.low_confidence] == [("pbb itu ngapain aja", "pbb", 1)]
    assert 45 <= report.low_confidence[0].score < 60
    assert [(d.intent, d.down, d.up) for d in report.disliked] == [("pbb", 2, 0)]


def test_report_counts_every_day_including_quiet_ones(report):
    assert report.days == (Day(date(2025, 3, 3), 3, 3), Day(date(2025, 3, 4), 0, 0), Day(date(2025, 3, 5), 4, 4))


def test_since_keeps_later_questions_only(seeded, engine):
    since = FIRST_DAY + timedelta(days=2)
    later = build_report(read_questions(seeded, since=since.replace(hour=0)), engine, since=since.date())
    assert (later.questions, later.answered) == (8, 4)
    assert [c.examples for c in later.clusters] == [
        ("NATO apaan",),
        ("thn brp wto berdri",),
        ("siapa presiden indonesia",),
        ("apa itu OKI",),
    ]
    assert later.to_dict()["since"] == "2025-03-05"


def test_report_json_shape(report):
    data = report.to_dict()
    assert set(data) == {
        "since",
        "questions",
        "answered",
        "unanswered",
        "answer_rate",
        "users",
        "top_topics",
        "unanswered_clusters",
        "low_confidence",
        "most_disliked",
        "per_day",
    }
    assert data["unanswered_clusters"][0] == {
        "id": 1,
        "count": 3,
        "terms": "nato",
        "examples": ["apa itu NATO", "nato itu apa", "NATO apaan"],
    }
    assert data["answer_rate"] == 50.0 and data["unanswered"] == 7


def test_report_text_names_each_section_with_its_rows(report):
    text = render_report(report)
    assert "14 from 12 users" in text and "7 (50.0 %)" in text
    nato = text.index('"apa itu NATO" | "nato itu apa" | "NATO apaan"')
    assert text.index("not answered, grouped") < nato < text.index('"wto brdiri thn brp"')
    assert '"pbb itu ngapain aja"' in text.split("low-confidence")[1]
    assert "👎 2" in text.split("most 👎")[1]


def test_report_of_an_empty_log_says_so(engine):
    assert render_report(build_report([], engine)) == "no questions logged"


def test_csv_lists_every_unanswered_phrasing_with_its_cluster(report):
    rows = list(csv.reader(io.StringIO(render_csv(report.clusters))))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1:4] == [
        ["1", "3", "apa itu NATO", "1"],
        ["1", "3", "nato itu apa", "1"],
        ["1", "3", "NATO apaan", "1"],
    ]
    assert len(rows) == 1 + 7


def test_csv_and_text_defuse_student_text(engine):
    clusters = [Cluster(1, "x", (('=HYPERLINK("http://x")', 1), ("a\x1b[31mb", 1)))]
    cells = [row[2] for row in csv.reader(io.StringIO(render_csv(clusters)))][1:]
    assert cells == ['\'=HYPERLINK("http://x")', "a [31mb"]  # no formula, no terminal escape
    text = render_report(build_report(unanswered("a\x1b[2Jb"), engine))
    assert "\x1b" not in text and '"a [2Jb"' in text


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("apa itu NATO", "nato"),
        ("NATO apaan", "nato"),
        ("nato itu apa?", "nato"),
        ("thn brp wto berdri", "@wto diri"),
        ("apa?", "apa"),  # only question words: kept, so the question is not lost
        ("???", ""),
    ],
)
def test_content_terms_drop_question_words(engine, question, terms):
    assert content_terms(engine.analyzer, question) == terms


def test_clusters_keep_different_subjects_apart_and_join_subsets(engine):
    clusters = cluster_unanswered(
        unanswered("wto brdiri thn brp", "asean brdiri thn brp", "apa itu NATO", "kapan nato berdiri", "???", "!!"),
        engine.analyzer,
    )
    groups = sorted(sorted(c.examples) for c in clusters)
    assert groups == [
        ["!!", "???"],
        ["apa itu NATO", "kapan nato berdiri"],
        ["asean brdiri thn brp"],
        ["wto brdiri thn brp"],
    ]


def test_clusters_merge_case_variants_into_one_phrasing(engine):
    (cluster,) = cluster_unanswered(unanswered("apa itu NATO", "Apa itu nato", "apa itu NATO "), engine.analyzer)
    assert cluster.phrasings == (("apa itu NATO", 3),)


def test_suggest_proposes_a_new_topic_and_the_right_intent(report, engine):
    nato, wto, president, oki = suggest(report.clusters, engine)
    assert nato.new_topic and nato.new_id == "nato" and nato.phrasings == ("apa itu NATO", "nato itu apa", "NATO apaan")
    assert not wto.new_topic and wto.intent == "wto"
    assert set(wto.phrasings) == {"wto brdiri thn brp", "thn brp wto berdri"}
    assert president.new_topic and president.intent == "indonesia" and president.score < 25  # nearest, too weak
    assert oki.new_topic and oki.intent is None and oki.new_id == "oki"


def test_suggest_yaml_parses_and_leaves_the_kb_alone(report, engine):
    packs = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in bundled_pack_paths()}
    text = render_suggestions(suggest(report.clusters, engine), engine.kb)
    blocks = text.split("\n\n")[1:]
    (new_intent,) = yaml.safe_load(blocks[0])
    assert new_intent["id"] == "nato" and new_intent["questions"] == ["apa itu NATO", "nato itu apa", "NATO apaan"]
    assert set(new_intent) == {"id", "title", "questions", "answer"}
    assert "intent wto" in blocks[1] and "kerjasama_multilateral.yaml:" in blocks[1]
    assert yaml.safe_load(blocks[1]) == ["wto brdiri thn brp", "thn brp wto berdri"]
    assert {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in bundled_pack_paths()} == packs


def test_suggest_skips_phrasings_the_intent_already_has_and_keeps_new_ids_unique(engine):
    known = engine.kb.get("wto").questions[0]
    (proposal,) = suggest([Cluster(1, "@wto diri thn", (("wto brdiri thn brp", 2), (known.upper(), 1)))], engine)
    assert proposal.intent == "wto" and proposal.phrasings == ("wto brdiri thn brp",)
    twins = suggest([Cluster(1, "nato", (("apa itu NATO", 1),)), Cluster(2, "nato", (("NATO?", 1),))], engine)
    assert [p.new_id for p in twins] == ["nato", "nato_2"]


def test_per_day_of_nothing_is_empty():
    assert per_day([]) == []


def test_render_stats_in_indonesian_with_titles(engine):
    stats = Stats(10, 7, 4, 3, 1, (("pbb", 5), ("gone", 1)), datetime(2025, 3, 1, tzinfo=UTC))
    text = render_stats(stats, engine.kb)
    assert "sejak 2025-03-01" in text and "10 dari 4 pengguna" in text and "7 (70%)" in text
    assert "👍 3 · 👎 1" in text and "PBB (Perserikatan Bangsa-Bangsa) (5), gone (1)" in text
