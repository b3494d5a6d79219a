"""The lexical screen: what it refuses before the engine, and what it must let through."""

from __future__ import annotations

import pytest

from metropoles.web.sparql.screening import MAX_CHAIN, Refusal, screen

LIMIT_BYTES, LIMIT_DEPTH = 32_768, 64


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p 'DELETE' }", "SELECT"),
        ('SELECT * WHERE { ?s ?p """INSERT\nDATA""" }', "SELECT"),
        ("SELECT * WHERE { ?s <http://example.org/load> ?o }", "SELECT"),
        ("PREFIX ex: <http://example.org/>\nSELECT ?add WHERE { ?add ex:copy ex:drop }", "SELECT"),
        ("# DELETE everything\nASK { ?s ?p ?o }", "ASK"),
        ('SELECT * WHERE { ?s ?p "x"@add }', "SELECT"),
        ("CONSTRUCT WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }", "CONSTRUCT"),
        ("describe <http://example.org/x>", "DESCRIBE"),
    ],
)
def test_harmless_queries_pass(query: str, form: str) -> None:
    assert screen(query, LIMIT_BYTES, LIMIT_DEPTH).form == form


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("INSERT DATA { <a:s> <a:p> <a:o> }", 403),
        ("delete where { ?s ?p ?o }", 403),
        ("LOAD <http://example.org/x>", 403),
        ("CLEAR DEFAULT", 403),
        ("DROP ALL", 403),
        ("CREATE GRAPH <a:g>", 403),
        ("ADD <a:g> TO <a:h>", 403),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
        ("SELECT * WHERE { ?s ?p ?o \\u0020 }", 400),
        ("SELECT * WHERE " + "{" * 65 + "}" * 65, 400),
        ("SELECT * WHERE { FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }", 400),
        ("SELECT * WHERE { FILTER(" + "!" * 100 + "true) }", 400),
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * LIMIT_BYTES, 413),
        ("PREFIX ex: <http://example.org/>", 400),
    ],
)
def test_refusals(query: str, status: int) -> None:
    with pytest.raises(Refusal) as refused:
        screen(query, LIMIT_BYTES, LIMIT_DEPTH)
    assert refused.value.status == status


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    noise = "'{{{{' <http://example.org/((([[[> # {{{{{{{{\n"
    query = "SELECT * WHERE { ?s ?p ?o " + noise * 100 + "}"
    assert screen(query, LIMIT_BYTES, 4).form == "SELECT"


def test_from_clause_is_noticed() -> None:
    assert screen("SELECT * FROM <a:g> WHERE { ?s ?p ?o }", LIMIT_BYTES, 8).has_dataset
    assert not screen("SELECT * WHERE { ?s ?p ?o }", LIMIT_BYTES, 8).has_dataset


# Each crashed an Oxigraph 0.5.13 server (stack overflow, SIGABRT) and fits in the default
# 32 KiB: refused when a remote store is behind the endpoint.
STORE_CRASHES = [
    "SELECT * WHERE { FILTER(" + "+".join(["1"] * 8000) + ") }",
    "SELECT (" + "*".join(["1"] * 8000) + " AS ?x) WHERE { }",
    "SELECT * WHERE { " + "{?s?p?o}" * 3000 + " }",
]


@pytest.mark.parametrize("query", STORE_CRASHES)
def test_chains_that_crash_a_store_are_refused_with_a_chain_limit(query: str) -> None:
    screen(query, LIMIT_BYTES, LIMIT_DEPTH)  # no limit: a worker may crash, not the server
    with pytest.raises(Refusal) as refused:
        screen(query, LIMIT_BYTES, LIMIT_DEPTH, MAX_CHAIN)
    assert refused.value.status == 400 and "chain" in refused.value.title


def test_the_chain_counts_along_one_path_not_across_siblings() -> None:
    """Two FILTERs of 600 additions each nest 600 deep, not 1,200; one inside the other does."""
    part = "+".join(["?x"] * 600)
    siblings = f"SELECT * WHERE {{ ?x ?p ?o FILTER({part} > 0) FILTER({part} > 0) }}"
    assert screen(siblings, LIMIT_BYTES, LIMIT_DEPTH, MAX_CHAIN).form == "SELECT"
    nested = f"SELECT * WHERE {{ ?x ?p ?o FILTER({part} + ({part}) > 0) }}"
    with pytest.raises(Refusal):
        screen(nested, LIMIT_BYTES, LIMIT_DEPTH, MAX_CHAIN)


def test_operators_inside_names_strings_and_iris_do_not_count() -> None:
    words = " ".join(f"?s <http://ex.org/a-b/c*d+{i}> 'x+y-z' ; ex:a-b ?o{i} ." for i in range(400))
    query = f"PREFIX ex: <http://ex.org/> SELECT * WHERE {{ {words} }}"
    assert screen(query, 1 << 20, LIMIT_DEPTH, MAX_CHAIN).form == "SELECT"
