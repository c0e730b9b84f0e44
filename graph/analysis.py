"""Questions about the shape of the graph, answered on its MultiDiGraph (:mod:`bundlekg.export`):
the chain of facts that links two codes, the codes sources fight over most, and the codes that
rest on one weak document alone.

>>> [step.kind for step in explain_path(kg, "62270", "77003").steps]   # doctest: +SKIP
['report_instead', 'includes']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .errors import InputError, UnknownCodeError
from .export import MultiGraph, knowledge_multigraph
from .knowledge import KnowledgeGraph, parse_code

__all__ = [
    "CONCEPT_HOP",
    "LOW_AUTHORITY",
    "ContestedCode",
    "Explanation",
    "PathStep",
    "StepSource",
    "WeakCode",
    "explain_path",
    "most_contested",
    "weakly_sourced",
]

LOW_AUTHORITY = 2
"""The highest authority rank that counts as weak: vendor articles and Q&A forums (2) and
documents of unknown kind (1) in the ranks the graph gives source kinds."""

_CODE_KINDS = ("code", "addon")

CONCEPT_HOP = 1.5
"""What a step through a region, modality or category costs against a step from code to code:
a chain of facts about the codes themselves explains more than one through a shared concept."""


@dataclass(frozen=True)
class StepSource:
    """A document behind a step of a path."""

    id: str
    title: str
    kind: str
    authority: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PathStep:
    """One fact of a chain: ``source`` --kind--> ``target`` as sources state it, whichever way
    the chain walks it (``forward`` is false when the chain walks it from target to source)."""

    source: str
    kind: str
    target: str
    forward: bool
    contested: bool
    derived: bool
    claims: tuple[str, ...]
    rules: tuple[str, ...]
    sources: tuple[StepSource, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "claims": list(self.claims),
            "rules": list(self.rules),
            "sources": [s.as_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Explanation:
    """The shortest chain of facts from one code to another; no steps when none links them."""

    a: str
    b: str
    nodes: tuple[str, ...]
    steps: tuple[PathStep, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "found": bool(self.nodes),
            "nodes": list(self.nodes),
            "steps": [s.as_dict() for s in self.steps],
        }


@dataclass(frozen=True)
class ContestedCode:
    """A code with links some source contradicts, and the documents on either side."""

    code: str
    contested: int
    links: tuple[str, ...]
    documents: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "links": list(self.links), "documents": list(self.documents)}


@dataclass(frozen=True)
class WeakCode:
    """A code that only one document speaks of, a weak one."""

    code: str
    source: StepSource
    links: int

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "source": self.source.as_dict(), "links": self.links}


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def _step_source(graph: MultiGraph, document: str) -> StepSource:
    node = graph.nodes[f"source:{document}"]
    return StepSource(document, node["title"], node["source_kind"], node["authority"])


def _facts(graph: MultiGraph) -> nx.MultiGraph[str]:
    """The links among codes and concepts, undirected, without the ``stated_by`` edges (a
    document is evidence for a fact, not a fact that links two codes)."""
    facts: nx.MultiGraph[str] = nx.MultiGraph()
    facts.add_nodes_from(n for n in graph if graph.nodes[n]["kind"] != "source")
    for source, target, key, data in graph.edges(keys=True, data=True):
        if key != "stated_by":
            facts.add_edge(source, target, key=(source, key, target), **data)
    return facts


def _best_edge(graph: MultiGraph, u: str, v: str) -> PathStep:
    """The best-supported fact between two adjacent nodes, in either direction: stated before
    derived, then the strongest and most sources."""
    candidates: list[tuple[str, str, str, dict[str, Any], bool]] = []
    for source, target, forward in ((u, v, True), (v, u, False)):
        for key, data in (graph.get_edge_data(source, target) or {}).items():
            if key != "stated_by":
                candidates.append((source, str(key), target, data, forward))
    source, kind, target, data, forward = min(
        candidates,
        key=lambda c: (c[3]["derived"], -c[3]["authority"], -c[3]["sources"], c[1], c[0]),
    )
    return PathStep(
        source,
        kind,
        target,
        forward,
        data["contested"],
        data["derived"],
        _split(data["claims"]),
        _split(data["rules"]),
        tuple(_step_source(graph, d) for d in _split(data["documents"])),
    )


def _known(graph: MultiGraph, kg: KnowledgeGraph, code: str, field: str) -> str:
    normalised = parse_code(code, field)
    if normalised not in graph and not kg.has_code(normalised):
        raise UnknownCodeError(normalised)
    return normalised


def _both_codes(graph: MultiGraph, u: str, v: str) -> bool:
    return graph.nodes[u]["kind"] in _CODE_KINDS and graph.nodes[v]["kind"] in _CODE_KINDS


def explain_path(kg: KnowledgeGraph, a: str, b: str) -> Explanation:
    """The shortest chain of stated or derived facts linking code ``a`` to code ``b`` (through
    codes, regions, modalities, categories …, never through a document), each step with its
    kind and the documents behind it. A step through a concept costs :data:`CONCEPT_HOP` steps
    between codes; among chains of one cost the first in node order wins, so the answer is
    stable.

    :raises InputError: for a malformed code (fields ``from``, ``to``) or the same code twice.
    :raises UnknownCodeError: for a code no source mentions.
    """
    graph = knowledge_multigraph(kg)
    first, second = _known(graph, kg, a, "from"), _known(graph, kg, b, "to")
    if first == second:
        raise InputError("give two different codes", field="to")
    facts = _facts(graph)

    def weight(u: str, v: str, _: Any) -> float:
        return 1.0 if u in graph and v in graph and _both_codes(graph, u, v) else CONCEPT_HOP

    try:
        nodes = nx.shortest_path(facts, first, second, weight=weight)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return Explanation(first, second, (), ())
    steps = tuple(_best_edge(graph, u, v) for u, v in zip(nodes, nodes[1:], strict=False))
    return Explanation(first, second, tuple(nodes), steps)


def most_contested(kg: KnowledgeGraph, limit: int = 10) -> list[ContestedCode]:
    """The codes with the most contested links (a link some graph contradicts), then with the
    most documents behind those links, at most ``limit``.

    :raises InputError: for a limit below 1 (field ``limit``).
    """
    if limit < 1:
        raise InputError(f"must be at least 1, got {limit}", field="limit")
    graph = knowledge_multigraph(kg)
    links: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if not data["contested"]:
            continue
        for end in (source, target):
            if graph.nodes[end]["kind"] in _CODE_KINDS:
                links[end].add(f"{source} {key} {target}")
                documents[end].update(_split(data["documents"]))
    ranked = sorted(links, key=lambda c: (-len(links[c]), -len(documents[c]), c))
    return [
        ContestedCode(c, len(links[c]), tuple(sorted(links[c])), tuple(sorted(documents[c])))
        for c in ranked[:limit]
    ]


def weakly_sourced(kg: KnowledgeGraph, max_authority: int = LOW_AUTHORITY) -> list[WeakCode]:
    """Codes that exactly one document speaks of, when that document's authority (as the graph
    ranks its kind) is at most ``max_authority``: facts to check before relying on them.

    :raises InputError: for a negative ``max_authority``.
    """
    if max_authority < 0:
        raise InputError(f"must be at least 0, got {max_authority}", field="max_authority")
    graph = knowledge_multigraph(kg)
    found = []
    for node in graph:
        if graph.nodes[node]["kind"] not in _CODE_KINDS:
            continue
        documents = {
            target for _, target, key in graph.out_edges(node, keys=True) if key == "stated_by"
        }
        if len(documents) != 1:
            continue
        (document,) = documents
        source = graph.nodes[document]
        if source["authority"] <= max_authority:
            links = sum(1 for _ in graph.edges(node)) + sum(1 for _ in graph.in_edges(node)) - 1
            found.append(WeakCode(node, _step_source(graph, source["document"]), links))
    return sorted(found, key=lambda w: (w.source.authority, w.code))
