"""A store reached over HTTP: any SPARQL 1.1 server, read through the SPARQL 1.1 Protocol and
written through the Graph Store HTTP Protocol. Answers are parsed by pyoxigraph, so the terms
the site sees are the very objects the embedded store gives.

What SPARQL cannot ask is answered locally: a blank node cannot be named in a query, so the
statements that mention one (SHACL shapes, lists, checksums: a few hundred) are fetched once,
when the store is opened, into a small in-memory store."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RESULTS = "application/sparql-results+json"
GRAPHS = "application/n-triples"
ACCEPT = f"{RESULTS}, application/sparql-results+xml;q=0.9, {GRAPHS};q=0.8, text/turtle;q=0.7"
_BLANK = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"
_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class RemoteStoreError(Exception):
    """The remote store is unreachable or answered with an error (one line, names the URL)."""


class RemoteStore:
    """A read-only view of the named graphs ``graphs`` of the SPARQL endpoint at ``query_url``."""

    def __init__(self, query_url: str, graphs: Sequence[str], timeout: float = 30.0) -> None:
        self.url = query_url
        self.graphs = tuple(graphs)
        self._client = httpx.Client(timeout=timeout, headers={"Accept": ACCEPT})
        self._sizes = {
            row["g"].value: int(row["n"].value) for row in self._select(_SIZES, named=True)
        }
        self._blank = ox.Store()
        self._blank.extend(self._quads(_BLANK))

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    # The part of pyoxigraph.Store's interface the site uses (see metropoles.store.base.Store).

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: ox.NamedNode
        | ox.BlankNode
        | ox.DefaultGraph
        | list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
        | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
        substitutions: dict[ox.Variable, Term] | None = None,
    ) -> QueryResult:
        """Send ``query`` over the SPARQL 1.1 Protocol; the union default graph is the merge
        of the publication's graphs, given as the protocol dataset (portable to any store)."""
        if base_iri:  # relative IRIs resolve against it, as in the embedded store
            # parsed here first, so a syntax error names the client's own line and column
            EMPTY.query(query, base_iri=base_iri, prefixes=prefixes)
            query = f"BASE <{base_iri}>\n{query}"
        text = with_prefixes(query, prefixes or {})
        if substitutions:
            text = with_values(text, substitutions)
        params: list[tuple[str, str]] = [("query", text)]
        if use_default_graph_as_union:
            params += [("default-graph-uri", g) for g in self.graphs]
            params += [("named-graph-uri", g) for g in self.graphs]
        else:
            params += [("default-graph-uri", g.value) for g in _graph_list(default_graph)]
            params += [("named-graph-uri", g.value) for g in named_graphs or []]
        return self._send(params)

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,  # noqa: A002
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads of the publication's named graphs matching a pattern."""
        pattern = (subject, predicate, object, graph_name)
        if any(isinstance(t, ox.BlankNode) for t in pattern):
            return self._blank.quads_for_pattern(subject, predicate, object, graph_name)
        if isinstance(graph_name, ox.DefaultGraph):
            return iter(())  # a publication has named graphs only
        bound = {
            name: term
            for name, term in zip("spog", pattern, strict=True)
            if term is not None and not isinstance(term, ox.DefaultGraph)
        }
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        if bound:
            query = with_values(query, {ox.Variable(k): v for k, v in bound.items()})
        return iter(self._quads(query))

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The publication's graphs the store holds."""
        return iter([ox.NamedNode(g) for g in self.graphs if self._sizes.get(g)])

    def contains_named_graph(
        self, graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
    ) -> bool:
        """Whether the store holds this graph of the publication."""
        return isinstance(graph_name, ox.NamedNode) and bool(self._sizes.get(graph_name.value))

    def graph_sizes(self) -> dict[str, int]:
        """How many statements each of the publication's graphs holds in the store."""
        return {g: self._sizes.get(g, 0) for g in self.graphs}

    def _select(self, query: str, named: bool = False) -> ox.QuerySolutions:
        params = [("query", query)] + [("named-graph-uri", g) for g in self.graphs if named]
        result = self._send(params)
        if not isinstance(result, ox.QuerySolutions):
            raise RemoteStoreError(f"{self.url} did not answer a SELECT query with solutions")
        return result

    def _quads(self, query: str) -> list[ox.Quad]:
        rows = self._select(query, named=True)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def _send(self, params: list[tuple[str, str]]) -> QueryResult:
        """Send a query; solutions are parsed as they arrive, so a reader that stops early (the
        row cap) closes the connection instead of downloading the rest."""
        request = self._client.build_request(
            "POST", self.url, content=urlencode(params), headers=FORM
        )
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise TimeoutError(f"{self.url} did not answer in time") from None
        except httpx.HTTPError as error:
            raise RemoteStoreError(f"{self.url} cannot be reached: {error}") from None
        if response.status_code != 200:
            text = response.read().decode("utf-8", "replace").strip()
            response.close()
            if response.status_code == 400:
                raise SyntaxError(f"{self.url} refused the query: {text[:500]}")
            raise RemoteStoreError(f"{self.url} answered {response.status_code}: {text[:300]}")
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        results = ox.QueryResultsFormat.from_media_type(media_type)
        if results is not None:
            return ox.parse_query_results(io.BufferedReader(_Body(response)), format=results)
        try:
            return parse_answer(response.read(), media_type)
        finally:
            response.close()


class _Body(io.RawIOBase):
    """A streamed HTTP body as a file, closing the response when read to the end or dropped."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self._chunks = response.iter_bytes()
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except (StopIteration, httpx.HTTPError):
                self._response.close()  # read to the end: the connection goes back to the pool
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._response.close()
        super().close()

    def __del__(self) -> None:
        self._response.close()


def parse_answer(body: bytes, content_type: str) -> QueryResult:
    """A protocol answer as pyoxigraph objects: solutions, a boolean, or triples (passed
    through an in-memory store, so that they come back as a real ``QueryTriples``)."""
    media_type = content_type.split(";")[0].strip().lower()
    results = ox.QueryResultsFormat.from_media_type(media_type)
    if results is not None:
        return ox.parse_query_results(body, format=results)
    rdf = ox.RdfFormat.from_media_type(media_type)
    if rdf is None:
        raise RemoteStoreError(f"unexpected answer of type {media_type or 'unknown'}")
    graph = ox.Store()
    graph.extend(ox.Quad(t.subject, t.predicate, t.object) for t in _triples(body, rdf))
    result = graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def _triples(body: bytes, rdf: ox.RdfFormat) -> Iterator[ox.Triple]:
    for item in ox.parse(body, format=rdf):
        yield item.triple if isinstance(item, ox.Quad) else item


def _graph_list(graph: Any) -> list[ox.NamedNode]:
    items = graph if isinstance(graph, list) else [graph] if graph is not None else []
    return [g for g in items if isinstance(g, ox.NamedNode)]


EMPTY = ox.Store()  # parses queries (an empty store answers any query at once)


def with_prefixes(query: str, prefixes: dict[str, str]) -> str:
    """``query`` with a PREFIX declaration for each entry of ``prefixes``.

    >>> with_prefixes("ASK { ?s a ex:T }", {"ex": "http://example.org/"})
    'PREFIX ex: <http://example.org/>\\nASK { ?s a ex:T }'
    """
    declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
    return declared + query


def with_values(query: str, bindings: dict[ox.Variable, Term]) -> str:
    """``query`` with ``bindings`` fixed by a VALUES block opening its first group, which is
    what pyoxigraph's ``substitutions`` do for the site's own queries (queries/*.rq).

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {ox.Variable("o"): ox.Literal("x")})
    'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
    """
    names = " ".join(str(v) for v in bindings)
    values = " ".join(str(t) for t in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    at = _first_brace(query)
    return f"{query[: at + 1]} {block}{query[at + 1 :]}"


def _first_brace(query: str) -> int:
    """Where the first group opens, skipping comment lines."""
    offset = 0
    for line in query.splitlines(keepends=True):
        if not line.lstrip().startswith("#") and "{" in line:
            return offset + line.index("{")
        offset += len(line)
    raise ValueError("the query has no group pattern")


def put_graphs(gsp_url: str, graphs: Iterable[tuple[str, bytes]], timeout: float = 600) -> None:
    """Replace each named graph (IRI, N-Triples) at the Graph Store Protocol URL (§5.3 PUT)."""
    with httpx.Client(timeout=timeout) as client:
        for name, body in graphs:
            try:
                response = client.put(
                    gsp_url, params={"graph": name}, content=body, headers={"Content-Type": GRAPHS}
                )
            except httpx.HTTPError as error:
                raise RemoteStoreError(f"{gsp_url} cannot be reached: {error}") from None
            if response.status_code not in (200, 201, 204):
                raise RemoteStoreError(
                    f"{gsp_url}?graph={name} answered {response.status_code}: "
                    f"{response.text.strip()[:300]}"
                )
