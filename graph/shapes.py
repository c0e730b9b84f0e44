"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

Non-conformance is a result (:class:`ValidationReport`), not an exception; the build turns a
failed report into a :class:`~bundlekg.errors.BuildError`. Shapes are checked on the union of all
graphs, because a claim's description (default graph) and what it asserts (its own graph) are
one thing to a reader.
"""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from pyoxigraph import Quad, RdfFormat, Store, Triple, serialize
from pyshacl import validate

from .resources import ontology_files

__all__ = ["ValidationReport", "validate_store"]

_SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, how many results SHACL reported, and its text report."""

    conforms: bool
    results: int
    text: str


def _graph(files: list[str]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for text in files:
        graph.parse(data=text, format="turtle")
    return graph


def validate_store(store: Store) -> ValidationReport:
    """Validate every graph of a store, as one union, against the project's shapes."""
    ontology = ontology_files()
    shapes = _graph([f.read_text(encoding="utf-8") for f in ontology if f.name == _SHAPES_FILE])
    vocabulary = _graph([f.read_text(encoding="utf-8") for f in ontology if f.name != _SHAPES_FILE])
    union = (Triple(q.subject, q.predicate, q.object) for q in store if isinstance(q, Quad))
    data = rdflib.Graph()
    data.parse(data=serialize(union, format=RdfFormat.N_TRIPLES), format="nt")
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=vocabulary, inference="none", allow_warnings=True
    )
    results = len(list(report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)))
    return ValidationReport(bool(conforms), results, str(text))
