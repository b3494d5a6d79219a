"""SHACL validation of the published graph (https://www.w3.org/TR/shacl/).

Runs pyshacl without inference: the mapping types every resource explicitly, and RDFS
closure of a France-scope graph (~500k triples) by owlrl costs minutes for no new check.
The ontology is still passed, so pyshacl mixes in its class hierarchy (SHACL §2.1.3.3:
``sh:targetClass`` follows ``rdfs:subClassOf``). ``advanced=True`` enables the SPARQL-based
constraints and targets (SHACL §5, SHACL-AF); ``allow_warnings=True`` keeps ``sh:Warning``
results out of ``conforms`` (SHACL §3.6.1 leaves this to the processor).
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Node
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

__all__ = ["Issue", "Report", "validate"]


@dataclass(frozen=True)
class Issue:
    """One SHACL validation result, as plain strings."""

    focus_node: str | None
    path: str | None
    message: str | None
    severity: str | None
    shape: str | None
    value: str | None

    def sort_key(self) -> tuple[str, ...]:
        """Return a total order key (None sorts first)."""
        fields = (self.focus_node, self.path, self.shape, self.value, self.message, self.severity)
        return tuple(f or "" for f in fields)


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: conformance, sorted issues and the pyshacl results graph."""

    conforms: bool
    violations: list[Issue]
    warnings: list[Issue]
    graph: Graph


def validate(data: Graph, ontology: Graph, shapes: Graph, *, throwaway: bool = False) -> Report:
    """Return the SHACL report of data against shapes, with the ontology mixed in. A
    ``throwaway`` data graph, made only to be validated, gets the ontology mixed in where it is
    rather than in a copy (pyshacl's ``inplace``)."""
    conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=throwaway,
    )
    if not isinstance(results, Graph):
        raise RuntimeError(f"SHACL validation could not run: {results}")
    issues = sorted(
        (to_issue(results, shapes, r) for r in results.subjects(SH.resultSeverity)),
        key=Issue.sort_key,
    )
    return Report(
        conforms=bool(conforms),
        violations=[i for i in issues if i.severity == str(SH.Violation)],
        warnings=[i for i in issues if i.severity != str(SH.Violation)],
        graph=results,
    )


def to_issue(results: Graph, shapes: Graph, result: Node) -> Issue:
    """Return the Issue for one sh:ValidationResult node."""
    source = results.value(result, SH.sourceShape)
    return Issue(
        focus_node=text(results.value(result, SH.focusNode)),
        path=path_text(results, results.value(result, SH.resultPath)),
        message=message(results, result),
        severity=text(results.value(result, SH.resultSeverity)),
        shape=text(owning_shape(shapes, source)),
        value=text(results.value(result, SH.value)),
    )


def owning_shape(shapes: Graph, shape: Node | None) -> Node | None:
    """Return the named node shape that declares shape (itself if it is named)."""
    if shape is None:
        return None
    for owner in shapes.subjects(SH.property, shape):
        return owning_shape(shapes, owner)
    return shape


def message(results: Graph, result: Node) -> str | None:
    """Return the English message of a result, else any message."""
    messages = sorted(results.objects(result, SH.resultMessage), key=str)
    english = [m for m in messages if getattr(m, "language", None) == "en"]
    chosen = english or messages
    return str(chosen[0]) if chosen else None


def path_text(results: Graph, path: Node | None) -> str | None:
    """Return a SHACL property path as text; a sequence path (an RDF list) as ``p1 / p2``."""
    if isinstance(path, BNode) and results.value(path, RDF.first) is not None:
        return " / ".join(str(step) for step in Collection(results, path))
    return text(path)


def text(node: Node | None) -> str | None:
    """Return str(node), or None for a missing node."""
    return None if node is None else str(node)
