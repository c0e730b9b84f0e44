"""The formats the SPARQL endpoint answers in, how a client picks one, and how results are written.

Solutions are written by the endpoint itself rather than by ``QuerySolutions.serialize``: the
endpoint must stop at the result cap and at the deadline, so it reads solutions one at a time and
a consumed pyoxigraph iterator cannot be serialized any more. It writes SPARQL JSON (the same bytes
pyoxigraph writes) and has pyoxigraph turn that into XML, CSV or TSV, so those stay pyoxigraph's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import mimeparse  # type: ignore[import-untyped]
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    QuerySolution,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

__all__ = [
    "GRAPH_FORMATS",
    "HTML",
    "PREFIXES",
    "RESULT_FORMATS",
    "Format",
    "FormatError",
    "Kind",
    "negotiate",
    "solutions_document",
    "write_graph",
    "write_solutions",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

PREFIXES = {
    "bk": "https://w3id.org/bundlekg/ontology#",
    "bkid": "https://w3id.org/bundlekg/id/",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class Kind(Enum):
    """What a response holds: solutions or a boolean (results), triples (graph), or a page."""

    RESULTS = "results"
    GRAPH = "graph"
    PAGE = "page"


@dataclass(frozen=True)
class Format:
    """One answer format: its media type, the other media types and ``format=`` names it answers
    to, and the pyoxigraph format that writes it."""

    name: str
    media_type: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    results: QueryResultsFormat | None = None
    rdf: RdfFormat | None = None

    @property
    def iri(self) -> str | None:
        """The format's IRI in the W3C format registry, for the service description."""
        if self.results is not None:
            return self.results.iri
        return self.rdf.iri if self.rdf is not None else None


RESULT_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        Kind.RESULTS,
        aliases=("application/json",),
        names=("srj",),
        results=QueryResultsFormat.JSON,
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        Kind.RESULTS,
        aliases=("application/xml", "text/xml"),
        names=("srx",),
        results=QueryResultsFormat.XML,
    ),
    Format("csv", "text/csv", Kind.RESULTS, results=QueryResultsFormat.CSV),
    Format(
        "tsv",
        "text/tab-separated-values",
        Kind.RESULTS,
        names=("tab-separated-values",),
        results=QueryResultsFormat.TSV,
    ),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle",
        "text/turtle",
        Kind.GRAPH,
        aliases=("application/x-turtle", "application/turtle"),
        names=("ttl", "n3"),
        rdf=RdfFormat.TURTLE,
    ),
    Format(
        "ntriples",
        "application/n-triples",
        Kind.GRAPH,
        names=("nt", "n-triples"),
        rdf=RdfFormat.N_TRIPLES,
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        Kind.GRAPH,
        aliases=("application/xml", "text/xml"),
        names=("rdf", "rdf+xml", "xml"),
        rdf=RdfFormat.RDF_XML,
    ),
    Format(
        "jsonld",
        "application/ld+json",
        Kind.GRAPH,
        aliases=("application/json", "application/x-json+ld"),
        names=("json-ld", "json"),
        rdf=RdfFormat.JSON_LD,
    ),
)
HTML = Format("html", "text/html", Kind.PAGE, aliases=("application/xhtml+xml",))


class FormatError(Exception):
    """No format both the client and the endpoint accept (406), or a bad ``format=`` (400)."""

    def __init__(self, message: str, *, status: int = 406) -> None:
        self.status = status
        super().__init__(message)


def _listing(formats: Sequence[Format]) -> str:
    return ", ".join(f.media_type for f in formats)


def _by_name(values: Sequence[str], formats: Sequence[Format], what: str) -> Format:
    """The format a ``format=`` parameter names (a short name or a media type).

    SPARQLWrapper repeats the parameter (``format=tsv&format=text/tab-separated-values``), so
    every value is read and the first one that names a format for this answer wins.
    """
    known = (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)
    for value in values:
        wanted = value.strip().lower()
        for candidate in formats:
            if wanted in (candidate.name, *candidate.names, candidate.media_type):
                return candidate
            if wanted in candidate.aliases:
                return candidate
    for value in values:
        wanted = value.strip().lower()
        if not any(wanted in (f.name, *f.names, f.media_type, *f.aliases) for f in known):
            names = ", ".join(f.name for f in (*RESULT_FORMATS, *GRAPH_FORMATS))
            raise FormatError(f"format={value!r} is not a format; use one of {names}", status=400)
    names = ", ".join(f.name for f in formats)
    raise FormatError(f"format={', '.join(values)} cannot be used for {what}; use one of {names}")


def negotiate(
    accept: str | None, formats: Sequence[Format], what: str, format_param: Sequence[str] = ()
) -> Format:
    """The format to answer in: the ``format`` parameter when given, else the best match for the
    ``Accept`` header among ``formats`` (most preferred first), else the first of them.

    :raises FormatError: when nothing the client accepts can be served.
    """
    if format_param:
        return _by_name(format_param, formats, what)
    if accept is None or not accept.strip():
        return formats[0]
    offered: list[tuple[str, Format]] = [(f.media_type, f) for f in formats]
    offered += [(alias, f) for f in formats for alias in f.aliases]
    # mimeparse breaks ties in favour of the last type offered, so offer the preferred ones last.
    types = [media_type for media_type, _ in reversed(offered)]
    try:
        best: str = mimeparse.best_match(types, accept)
    except (ValueError, IndexError) as error:
        raise FormatError(f"the Accept header {accept!r} cannot be read: {error}") from None
    for media_type, candidate in offered:
        if media_type == best:
            return candidate
    raise FormatError(
        f"none of the media types in Accept: {accept} can be served for {what}; "
        f"this endpoint writes {_listing(formats)}"
    )


def _term(term: NamedNode | BlankNode | Literal | Triple) -> dict[str, Any]:
    """One RDF term as SPARQL 1.1 (and 1.2) JSON results write it."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        written: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language is not None:
            written["xml:lang"] = term.language
            if term.direction is not None:
                written["its:dir"] = term.direction.value
        elif term.datatype.value != XSD_STRING:
            written["datatype"] = term.datatype.value
        return written
    return {
        "type": "triple",
        "value": {
            "subject": _term(term.subject),
            "predicate": _term(term.predicate),
            "object": _term(term.object),
        },
    }


def solutions_document(variables: Sequence[str], rows: Iterable[QuerySolution]) -> bytes:
    """SPARQL JSON results for the rows given, written as compactly as pyoxigraph writes them."""
    bindings = [
        {name: _term(value) for name in variables if (value := row[name]) is not None}
        for row in rows
    ]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def write_solutions(document: bytes, chosen: Format) -> bytes:
    """The JSON results document in the chosen results format."""
    if chosen.results is None or chosen.results == QueryResultsFormat.JSON:
        return document
    parsed = parse_query_results(document, QueryResultsFormat.JSON)
    written = parsed.serialize(format=chosen.results)
    assert written is not None
    return written


def write_graph(triples: Iterable[Triple], chosen: Format) -> bytes:
    """Triples in the chosen RDF format, with the project's prefixes where the format has them.

    :raises FormatError: when the triples cannot be written in that format (JSON-LD and RDF 1.2
        triple terms, for one).
    """
    assert chosen.rdf is not None
    try:
        written = serialize(triples, format=chosen.rdf, prefixes=PREFIXES)
    except (OSError, ValueError, TypeError) as error:
        raise FormatError(f"this graph cannot be written as {chosen.media_type}: {error}") from None
    assert written is not None
    return written
