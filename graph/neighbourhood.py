"""The graph around one code, as nodes and typed edges a browser can draw (Cytoscape.js, D3).

Each edge merges every claim and derivation that asserts the same link, so a link stated by three
sources and derived by two rules is one edge with five graphs behind it; ``contested`` marks a link
some graph contradicts. Only codes are expanded: regions, modalities, categories, modifiers and
sources end a path, which keeps a depth-3 neighbourhood readable.

>>> graph = code_neighbourhood(kg, "62323", depth=1)            # doctest: +SKIP
>>> {e.kind for e in graph.edges if e.target == "77003"}          # doctest: +SKIP
{'includes'}
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from pyoxigraph import NamedNode

from .errors import InputError, UnknownCodeError
from .knowledge import KnowledgeGraph, parse_code
from .search import code_entries
from .sparql import Row, select
from .terms import BKID, code_iri, code_of

__all__ = [
    "MAX_DEPTH",
    "PROPERTY_EDGES",
    "Edge",
    "EdgeKind",
    "Neighbourhood",
    "Node",
    "NodeKind",
    "code_neighbourhood",
]

MAX_DEPTH = 3

NodeKind = Literal[
    "code", "addon", "region", "modality", "approach", "category", "modifier", "source"
]
EdgeKind = Literal[
    "includes",
    "separately_reportable",
    "separately_reportable_with_modifier",
    "add_on_to",
    "report_instead",
    "guided_variant_of",
    "indicated_for",
    "region",
    "approach",
    "category",
    "includes_guidance",
    "excludes_guidance",
    "guidance",
    "guidance_region",
    "modifier",
    "stated_by",
]

# Property (local name) -> edge kind, and whether the edge runs object -> subject; the export
# (export.py) reads links the same way.
PROPERTY_EDGES: dict[str, tuple[EdgeKind, bool]] = {
    "includes": ("includes", False),
    "integralTo": ("includes", True),
    "separatelyReportableWith": ("separately_reportable", False),
    "addOnTo": ("add_on_to", False),
    "Replacement": ("report_instead", False),
    "ModifierUse": ("separately_reportable_with_modifier", False),
    "modifier": ("modifier", False),
    "guidedVariantOf": ("guided_variant_of", False),
    "indicatedFor": ("indicated_for", False),
    "region": ("region", False),
    "approach": ("approach", False),
    "category": ("category", False),
    "includesGuidance": ("includes_guidance", False),
    "excludesGuidance": ("excludes_guidance", False),
    "guidanceModality": ("guidance", False),
    "guidanceRegion": ("guidance_region", False),
}
_CONCEPT_KINDS: dict[str, NodeKind] = {
    "region": "region",
    "modality": "modality",
    "approach": "approach",
    "category": "category",
    "modifier": "modifier",
}


@dataclass(frozen=True)
class Node:
    """A code, concept or source document; codes carry a descriptor when a source gives one."""

    id: str
    kind: NodeKind
    label: str
    descriptor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Edge:
    """A link between two nodes and every claim or derivation that asserts it.

    ``claims`` names each graph by its id under ``https://w3id.org/bundlekg/id/``
    (``claim/<document>/<claim>`` or ``derivation/<digest>``); ``derived`` is true when no claim
    states the link in so many words, and ``rules`` lists the rules that derived it.
    """

    source: str
    target: str
    kind: EdgeKind
    contested: bool
    derived: bool
    claims: tuple[str, ...]
    rules: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.source} {self.kind} {self.target}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "contested": self.contested,
            "derived": self.derived,
            "claims": list(self.claims),
            "rules": list(self.rules),
        }


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes within ``depth`` code hops of ``code`` and the edges among them."""

    code: str
    depth: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "depth": self.depth,
            "nodes": [n.as_dict() for n in self.nodes],
            "edges": [e.as_dict() for e in self.edges],
        }


@dataclass
class _Link:
    graphs: set[str] = field(default_factory=set)
    stated: bool = False
    contested: bool = False
    rules: set[str] = field(default_factory=set)


def _graph_id(node: NamedNode) -> str:
    return node.value.removeprefix(BKID.base)


def _other_node(row: Row, codes: dict[str, str | None]) -> Node | None:
    """The node at the other end of a row, or None for something that is not drawn."""
    other = row["other"]
    if not isinstance(other, NamedNode):
        return None
    kind = _CONCEPT_KINDS.get(row["otherKind"].value) if "otherKind" in row else None
    code = code_of(other)
    if code is not None:
        addon = row["otherAddOn"].value == "true"
        return Node(code, "addon" if addon else "code", code, codes.get(code))
    if kind is not None and "otherName" in row:
        name = row["otherName"].value
        label = row["otherLabel"].value if "otherLabel" in row else name
        return Node(f"{kind}:{name}", kind, label)
    return None


def code_neighbourhood(kg: KnowledgeGraph, code: str, *, depth: int = 1) -> Neighbourhood:
    """The graph around a code: everything linked to it, then (up to ``depth``) to the codes it
    links to, with a ``stated_by`` edge from each expanded code to each source that speaks of it.

    :raises InputError: for a malformed code (field ``code``) or a depth outside 1..3.
    :raises UnknownCodeError: for a code no source mentions.
    """
    root = parse_code(code)
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"must be between 1 and {MAX_DEPTH}, got {depth}", field="depth")
    if not kg.has_code(root):
        raise UnknownCodeError(root)
    descriptors = {c: e.descriptor for c, e in code_entries(kg).items()}
    nodes: dict[str, Node] = {}
    links: dict[tuple[str, str, EdgeKind], _Link] = defaultdict(_Link)
    stated_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    titles = {s.id: s.title for s in kg.sources()}
    expanded: set[str] = set()
    frontier = [root]
    for _ in range(depth):
        following: list[str] = []
        for current in frontier:
            if current in expanded:
                continue
            expanded.add(current)
            for row in select(kg.store, "code_neighbours", node=code_iri(current)):
                if current not in nodes:
                    addon = row["nodeAddOn"].value == "true"
                    kind: NodeKind = "addon" if addon else "code"
                    nodes[current] = Node(current, kind, current, descriptors.get(current))
                other = _other_node(row, descriptors)
                prop = row["property"].value.rsplit("#", 1)[-1]
                if other is None or prop not in PROPERTY_EDGES:
                    continue
                nodes.setdefault(other.id, other)
                edge_kind, reverse = PROPERTY_EDGES[prop]
                subject, obj = (
                    (current, other.id) if row["direction"].value == "out" else (other.id, current)
                )
                if reverse:
                    subject, obj = obj, subject
                graph = row["graph"]
                assert isinstance(graph, NamedNode)
                link = links[(subject, obj, edge_kind)]
                link.graphs.add(_graph_id(graph))
                link.contested = link.contested or row["contested"].value == "true"
                if row["derived"].value == "true":
                    if "rule" in row:
                        link.rules.add(row["rule"].value)
                else:
                    link.stated = True
                    if "document" in row:
                        stated_by[(current, row["document"].value)].add(_graph_id(graph))
                if other.kind in ("code", "addon") and other.id not in expanded:
                    following.append(other.id)
        frontier = following
    if root not in nodes:
        nodes[root] = Node(root, "code", root, descriptors.get(root))
    edges = [
        Edge(
            s,
            t,
            k,
            link.contested,
            not link.stated,
            tuple(sorted(link.graphs)),
            tuple(sorted(link.rules)),
        )
        for (s, t, k), link in links.items()
    ]
    for (current, document), graphs in stated_by.items():
        source_id = f"source:{document}"
        nodes.setdefault(source_id, Node(source_id, "source", titles.get(document, document)))
        edges.append(Edge(current, source_id, "stated_by", False, False, tuple(sorted(graphs))))
    ordered_nodes = sorted(nodes.values(), key=lambda n: (n.id != root, n.kind, n.id))
    edges.sort(key=lambda e: (e.kind, e.source, e.target))
    return Neighbourhood(root, depth, tuple(ordered_nodes), tuple(edges))
