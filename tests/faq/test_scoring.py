"""The phrasing score's search: skipping the intents that cannot make the cut changes nothing."""

import pytest

from faq import Engine
from faq.evaluation import load_labelled
from faq.query import Query
from faq.scoring import best_matches, candidates, match, score_ceiling
from tests.conftest import REPO

SUBJECT = REPO / "tests" / "data" / "subject"
SETS = {
    "bundled": (None, REPO / "tests" / "data" / "fresh.yaml"),
    "gerak": (SUBJECT / "gerak.yaml", SUBJECT / "gerak_eval.yaml"),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def engine_and_queries(request, engine):
    pack, labelled = SETS[request.param]
    built = engine if pack is None else Engine.from_paths([pack])
    queries = []
    for item in load_labelled(labelled):
        analysis = built.analyzer.analyze(item.question)
        queries.append(Query.prepare(built.index, analysis.terms, analysis.background, analysis.fact_scope))
    return built, queries


def by_brute_force(index, query, limit):
    # Every candidate matched, best first by (score, explained, earlier position): what best_matches
    # returns with no candidate skipped.
    found = [match(index, query, index.entries[p]) for p in candidates(index, query)]
    return sorted(found, key=lambda m: (m.score, m.explained, -m.position), reverse=True)[:limit]


def test_no_intent_scores_above_its_ceiling(engine_and_queries):
    built, queries = engine_and_queries
    index = built.index
    below_explained = 0
    for query in queries:
        for position in candidates(index, query):
            entry = index.entries[position]
            found = match(index, query, entry)
            ceiling = score_ceiling(query, entry, found.explained)
            assert found.score <= ceiling, (position, query.weights)
            below_explained += ceiling < 100.0 * found.explained
    # The ceiling is tighter than the old one (100 * explained) often enough to be worth computing.
    assert below_explained > len(queries)


@pytest.mark.parametrize("limit", [1, 8, 32])
def test_best_matches_are_those_of_the_full_search(engine_and_queries, limit):
    built, queries = engine_and_queries
    for query in queries:
        assert best_matches(built.index, query, limit=limit) == by_brute_force(built.index, query, limit)


def test_a_stand_in_without_its_lightest_phrasing_has_a_heavier_lightest(engine):
    from faq.training import without_phrasing

    entry = engine.index.entries[engine.kb.position("pbb")]
    lightest = min(entry.phrasings, key=lambda p: p.total)
    assert entry.lightest == lightest.total
    stand_in = without_phrasing(entry, lightest.terms)
    assert stand_in.lightest == min(p.total for p in stand_in.phrasings) > entry.lightest
