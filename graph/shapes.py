"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

Non-conformance is a result (:class:`ValidationReport`), not an exception; the build turns a
failed report into a :class:`~bundlekg.errors.BuildError`. Shapes are checked on the union of all
graphs, because a claim's description (default graph) and what it asserts (its own graph) are
one thing to a reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

import rdflib
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, serialize
from pyshacl import validate

from .resources import ontology_files
from .terms import BK, BKID, code_of

REFERENCE_CODES = NamedNode(f"{BKID}graph/reference-codes")
DEFAULT_SAMPLE = 1000

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


def _quads(store: Store, bulk: Iterable[NamedNode], sample: int) -> Iterator[Quad]:
    """Every quad, except that of each bulk graph only ``sample`` edits (and their codes) come."""
    skipped = {*bulk, REFERENCE_CODES}
    yield from store.quads_for_pattern(None, None, None, DefaultGraph())
    for graph in store.named_graphs():
        if graph not in skipped:
            yield from store.quads_for_pattern(None, None, None, graph)
    for graph in bulk:
        lines = store.quads_for_pattern(None, BK.line, None, graph)
        for edit in (q.subject for q in islice(lines, sample)):
            for quad in store.quads_for_pattern(edit, None, None, graph):
                yield quad
                if isinstance(quad.object, NamedNode) and code_of(quad.object):
                    yield from store.quads_for_pattern(quad.object, None, None, REFERENCE_CODES)


def validate_store(
    store: Store, *, bulk: Iterable[NamedNode] = (), sample: int = DEFAULT_SAMPLE
) -> ValidationReport:
    """Validate a store, as one union of its graphs, against the project's shapes.

    ``bulk`` names graphs of CMS rows (millions of edits, each already checked when read): of
    those, ``sample`` edits per graph are validated, so the check stays within seconds.
    """
    ontology = ontology_files()
    shapes = _graph([f.read_text(encoding="utf-8") for f in ontology if f.name == _SHAPES_FILE])
    vocabulary = _graph([f.read_text(encoding="utf-8") for f in ontology if f.name != _SHAPES_FILE])
    union = (Triple(q.subject, q.predicate, q.object) for q in _quads(store, list(bulk), sample))
    data = rdflib.Graph()
    data.parse(data=serialize(union, format=RdfFormat.N_TRIPLES), format="nt")
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=vocabulary, inference="none", allow_warnings=True
    )
    results = len(list(report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)))
    return ValidationReport(bool(conforms), results, str(text))
