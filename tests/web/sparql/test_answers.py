"""The answer cache holds what its budget says, counting keys too: unique 30 KB queries, as a
client can send without end, cost a digest each, not their text."""

from __future__ import annotations

import tracemalloc

from metropoles.web.sparql.answers import AnswerCache
from metropoles.web.sparql.engine import Answer, Job

BUDGET = 1 << 20
QUERY_SIZE = 30_000


def test_unique_large_queries_stay_within_the_budget() -> None:
    cache = AnswerCache(budget=BUDGET)
    answer = Answer(200, "application/sparql-results+json", b'{"boolean": true}')
    tracemalloc.start()
    try:
        for n in range(2_000):  # 60 MB of query text
            job = Job(f"#{'x' * QUERY_SIZE}{n}\nASK {{}}", answer.media_type)
            cache.put(job.key, answer)
            assert cache.get(job.key) is answer
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cache.size <= BUDGET
    assert held < 2 * BUDGET  # what the cache really holds, keys included


def test_an_answer_is_found_by_what_shapes_it() -> None:
    cache = AnswerCache()
    answer = Answer(200, "text/csv", b"n\n1\n")
    cache.put(Job("SELECT 1", "text/csv").key, answer)
    assert cache.get(Job("SELECT 1", "text/csv").key) is answer
    assert cache.get(Job("SELECT 1", "application/sparql-results+json").key) is None
