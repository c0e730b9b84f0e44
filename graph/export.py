"""The graph of what sources assert as a :class:`networkx.MultiDiGraph`, and its files.

``queries/graph_export.rq`` returns every asserted link as a reified statement with the claim or
derivation behind it; this module merges the assertions of one link into one edge (as
:mod:`bundlekg.neighbourhood` does for drawing) and walks derivations back to the documents they
rest on. Nodes and edges carry only strings, integers and booleans, never None, so every writer
(GraphML, GEXF, node-link JSON, DOT) takes them as they are.

Node attributes: ``kind`` (code, addon, region, modality, approach, category, modifier, source),
``label``; codes add ``code``, ``system`` and ``descriptor`` (when a source gives one); concepts
``notation``; sources ``document``, ``title``, ``source_kind`` and ``authority``.
Edge attributes (the key is the kind): ``kind``, ``contested``, ``derived``, ``sources`` (how many
documents stand behind it), ``authority`` (of the strongest of them), ``documents``, ``claims``
and ``rules`` (space-separated).

>>> graph = knowledge_multigraph(kg)                            # doctest: +SKIP
>>> graph.edges["62323", "77003", "includes"]["contested"]      # doctest: +SKIP
True
"""

from __future__ import annotations

import io
import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeAlias
from weakref import WeakKeyDictionary

import networkx as nx
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from .codes import code_system
from .errors import InputError, UnknownCodeError
from .knowledge import KnowledgeGraph, parse_code
from .neighbourhood import MAX_DEPTH, PROPERTY_EDGES, EdgeKind
from .search import code_entries
from .sparql import construct
from .terms import BK, BKID, code_of

__all__ = [
    "ExportFormat",
    "MultiGraph",
    "graph_from_triples",
    "knowledge_multigraph",
    "neighbourhood_multigraph",
    "write_graph",
]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_TYPE = _RDF + "type"
_CONCEPT_KINDS = {
    "ProcedureCategory": "category",
    "AnatomicalRegion": "region",
    "ImagingModality": "modality",
    "Approach": "approach",
    "Modifier": "modifier",
}
_CODE_KINDS = ("code", "addon")

MultiGraph: TypeAlias = "nx.MultiDiGraph[str]"
"""Nodes are ids (``62323``, ``region:lumbar``, ``source:<document>``); keys are edge kinds."""


class ExportFormat(Enum):
    """The file formats of an exported graph, with their media type and file extension."""

    GRAPHML = ("graphml", "application/graphml+xml", "graphml")
    GEXF = ("gexf", "application/gexf+xml", "gexf")
    JSON = ("json", "application/json", "json")
    DOT = ("dot", "text/vnd.graphviz", "dot")

    def __init__(self, label: str, media_type: str, extension: str) -> None:
        self.label = label
        self.media_type = media_type
        self.extension = extension

    @classmethod
    def parse(cls, text: str, field: str = "format") -> ExportFormat:
        """:raises InputError: for a name that is not one of the formats."""
        for member in cls:
            if member.label == text.strip().lower():
                return member
        names = ", ".join(m.label for m in cls)
        raise InputError(f"{text!r} is not an export format: use {names}", field=field)


@dataclass
class _Link:
    graphs: set[str] = field(default_factory=set)
    stated: bool = False
    contested: bool = False


@dataclass
class _Parsed:
    """The CONSTRUCT result sorted by what each triple says."""

    statements: dict[str, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    classes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    notation: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    claim_source: dict[str, str] = field(default_factory=dict)
    premises: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rule: dict[str, str] = field(default_factory=dict)
    identifier: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    source_kind: dict[str, str] = field(default_factory=dict)
    authority: dict[str, int] = field(default_factory=dict)


def _value(term: Any) -> str:
    return str(term.value)


def _parse(triples: Iterable[Triple]) -> _Parsed:
    parsed = _Parsed()
    for triple in triples:
        subject, predicate, obj = _value(triple.subject), triple.predicate.value, triple.object
        if isinstance(triple.subject, BlankNode):
            # A reified statement: rdf:subject/predicate/object, the graph, contested.
            name = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            parsed.statements[subject][name] = obj
        elif predicate == _TYPE:
            parsed.classes[subject].add(_value(obj).rsplit("#", 1)[-1])
        elif predicate == _PROV_DERIVED:
            parsed.premises[subject].add(_value(obj))
        elif predicate == _SKOS + "notation":
            parsed.notation[subject] = _value(obj)
        elif predicate == _SKOS + "prefLabel":
            parsed.label[subject] = _value(obj)
        elif predicate == BK.source.value:
            parsed.claim_source[subject] = _value(obj)
        elif predicate == BK.rule.value:
            parsed.rule[subject] = _value(obj)
        elif predicate == _DCT + "identifier":
            parsed.identifier[subject] = _value(obj)
        elif predicate == _DCT + "title":
            parsed.title[subject] = _value(obj)
        elif predicate == BK.sourceKind.value:
            parsed.source_kind[subject] = _value(obj)
        elif predicate == BK.authority.value:
            parsed.authority[subject] = int(_value(obj))
    return parsed


def _node_id(iri: str, parsed: _Parsed) -> tuple[str, dict[str, Any]] | None:
    """The node id and attributes of an IRI, as :mod:`bundlekg.neighbourhood` names nodes."""
    code = code_of(NamedNode(iri))
    classes = parsed.classes.get(iri, set())
    if code is not None:
        kind = "addon" if "AddOnCode" in classes else "code"
        attributes: dict[str, Any] = {"kind": kind, "label": code, "code": code}
        try:
            attributes["system"] = code_system(code).name
        except ValueError:
            pass
        return code, attributes
    kinds = [_CONCEPT_KINDS[c] for c in sorted(classes) if c in _CONCEPT_KINDS]
    if kinds and iri in parsed.notation:
        name = parsed.notation[iri]
        label = parsed.label.get(iri, name)
        return f"{kinds[0]}:{name}", {"kind": kinds[0], "label": label, "notation": name}
    return None


def _documents(graph: str, parsed: _Parsed) -> set[str]:
    """The documents (source IRIs) a claim or derivation rests on, through every premise."""
    found: set[str] = set()
    seen: set[str] = set()
    pending = [graph]
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in parsed.claim_source:
            found.add(parsed.claim_source[node])
        pending.extend(parsed.premises.get(node, ()))
    return found


def _graph_id(iri: str) -> str:
    return iri.removeprefix(BKID.base)


def graph_from_triples(
    triples: Iterable[Triple], descriptors: Mapping[str, str | None] | None = None
) -> MultiGraph:
    """The MultiDiGraph of a ``graph_export.rq`` result: one node per code, concept or source
    document, one edge per (subject, kind, object) merging every assertion of it, and a
    ``stated_by`` edge from each code to each document whose claims link it."""
    parsed = _parse(triples)
    descriptors = descriptors or {}
    graph: MultiGraph = nx.MultiDiGraph(name="bundlekg")
    nodes: dict[str, dict[str, Any]] = {}
    for iri, classes in sorted(parsed.classes.items()):
        if "Code" in classes or "AddOnCode" in classes:
            found = _node_id(iri, parsed)
            if found is not None:
                nodes.setdefault(found[0], found[1])
    links: dict[tuple[str, str, EdgeKind], _Link] = defaultdict(_Link)
    stated_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    for statement in parsed.statements.values():
        if not {"subject", "predicate", "object", "wasDerivedFrom"} <= statement.keys():
            continue
        prop = _value(statement["predicate"]).rsplit("#", 1)[-1]
        if prop not in PROPERTY_EDGES:
            continue
        start = _node_id(_value(statement["subject"]), parsed)
        end = _node_id(_value(statement["object"]), parsed)
        if start is None or end is None:
            continue
        for node_id, attributes in (start, end):
            nodes.setdefault(node_id, attributes)
        kind, reverse = PROPERTY_EDGES[prop]
        subject, obj = start[0], end[0]
        if reverse:
            subject, obj = obj, subject
        assertion = _value(statement["wasDerivedFrom"])
        link = links[(subject, obj, kind)]
        link.graphs.add(assertion)
        contested = statement.get("contested")
        link.contested = link.contested or (
            isinstance(contested, Literal) and contested.value == "true"
        )
        if assertion in parsed.claim_source:
            link.stated = True
            for node_id in (subject, obj):
                if nodes[node_id]["kind"] in _CODE_KINDS:
                    stated_by[(node_id, parsed.claim_source[assertion])].add(assertion)
    for node_id, attributes in nodes.items():
        if attributes["kind"] in _CODE_KINDS and descriptors.get(node_id):
            attributes["descriptor"] = descriptors[node_id]
    sources: dict[str, str] = {}
    for iri in sorted(set(parsed.claim_source.values())):
        document = parsed.identifier.get(iri, iri)
        kind_iri = parsed.source_kind.get(iri, "")
        sources[iri] = f"source:{document}"
        nodes[f"source:{document}"] = {
            "kind": "source",
            "label": parsed.title.get(iri, document),
            "document": document,
            "title": parsed.title.get(iri, document),
            "source_kind": parsed.notation.get(kind_iri, "unknown"),
            "authority": parsed.authority.get(kind_iri, 0),
        }
    used = {end for s, t, _ in links for end in (s, t)} | {c for c, _ in stated_by}
    used |= {sources[d] for _, d in stated_by}
    for node_id in sorted(nodes, key=lambda n: (nodes[n]["kind"], n)):
        if nodes[node_id]["kind"] in _CODE_KINDS or node_id in used:
            graph.add_node(node_id, **nodes[node_id])

    def edge_attributes(
        kind: str, assertions: set[str], contested: bool, derived: bool
    ) -> dict[str, Any]:
        documents = sorted({d for a in assertions for d in _documents(a, parsed)})
        rules = sorted({parsed.rule[a] for a in assertions if a in parsed.rule})
        return {
            "kind": kind,
            "contested": contested,
            "derived": derived,
            "sources": len(documents),
            "authority": max((graph.nodes[sources[d]]["authority"] for d in documents), default=0),
            "documents": " ".join(graph.nodes[sources[d]]["document"] for d in documents),
            "claims": " ".join(sorted(_graph_id(a) for a in assertions)),
            "rules": " ".join(rules),
        }

    for (subject, obj, kind), link in sorted(links.items()):
        attributes = edge_attributes(kind, link.graphs, link.contested, not link.stated)
        graph.add_edge(subject, obj, key=kind, **attributes)
    for (code, document), assertions in sorted(stated_by.items()):
        attributes = edge_attributes("stated_by", assertions, False, False)
        graph.add_edge(code, sources[document], key="stated_by", **attributes)
    return graph


_GRAPHS: WeakKeyDictionary[KnowledgeGraph, MultiGraph] = WeakKeyDictionary()
_LOCK = threading.Lock()


def knowledge_multigraph(kg: KnowledgeGraph) -> MultiGraph:
    """The whole graph as a MultiDiGraph, read once per graph (a built store never changes).
    Callers must not change it: take ``.copy()`` first."""
    with _LOCK:
        graph = _GRAPHS.get(kg)
        if graph is None:
            descriptors = {c: e.descriptor for c, e in code_entries(kg).items()}
            graph = _GRAPHS[kg] = graph_from_triples(
                construct(kg.store, "graph_export"), descriptors
            )
        return graph


def neighbourhood_multigraph(kg: KnowledgeGraph, code: str, *, depth: int = 1) -> MultiGraph:
    """The graph around a code, as :func:`bundlekg.neighbourhood.code_neighbourhood` draws it:
    every edge of the code, then of the codes it reaches, up to ``depth`` code hops; concepts and
    sources end a path.

    :raises InputError: for a malformed code (field ``code``) or a depth outside 1..3.
    :raises UnknownCodeError: for a code no source mentions.
    """
    root = parse_code(code)
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"must be between 1 and {MAX_DEPTH}, got {depth}", field="depth")
    whole = knowledge_multigraph(kg)
    if root not in whole:
        if kg.has_code(root):
            alone: MultiGraph = nx.MultiDiGraph(name=f"bundlekg {root} depth {depth}")
            alone.add_node(root, kind="code", label=root, code=root)
            return alone
        raise UnknownCodeError(root)
    expanded: set[str] = set()
    edges: set[tuple[str, str, Any]] = set()
    frontier = [root]
    for _ in range(depth):
        following: list[str] = []
        for current in frontier:
            if current in expanded:
                continue
            expanded.add(current)
            incident = [*whole.out_edges(current, keys=True), *whole.in_edges(current, keys=True)]
            for source, target, key in incident:
                edges.add((source, target, key))
                other = target if source == current else source
                if whole.nodes[other]["kind"] in _CODE_KINDS and other not in expanded:
                    following.append(other)
        frontier = following
    part: MultiGraph = nx.MultiDiGraph(name=f"bundlekg {root} depth {depth}")
    kept = {root} | {end for source, target, _ in edges for end in (source, target)}
    part.add_nodes_from((n, whole.nodes[n]) for n in whole if n in kept)
    for source, target, key, data in whole.edges(keys=True, data=True):
        if (source, target, key) in edges:
            part.add_edge(source, target, key=key, **data)
    return part


def write_graph(graph: MultiGraph, chosen: ExportFormat) -> bytes:
    """The graph as a file of the chosen format (UTF-8)."""
    if chosen is ExportFormat.JSON:
        data = nx.node_link_data(graph, edges="edges")
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    if chosen is ExportFormat.DOT:
        return _dot(graph).encode()
    buffer = io.BytesIO()
    if chosen is ExportFormat.GRAPHML:
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def _dot(graph: MultiGraph) -> str:
    """Graphviz DOT through pydot; every id and value is quoted, so ``source:…`` ids are not
    read as ``node:port``."""
    quoted = nx.relabel_nodes(graph, {n: json.dumps(n) for n in graph}, copy=True)
    for _, attributes in quoted.nodes(data=True):
        for name, value in attributes.items():
            attributes[name] = json.dumps(str(value), ensure_ascii=False)
    for _, _, attributes in quoted.edges(data=True):
        for name, value in attributes.items():
            attributes[name] = json.dumps(str(value), ensure_ascii=False)
    dot: str = nx.nx_pydot.to_pydot(quoted).to_string()
    return dot
