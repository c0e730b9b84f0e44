"""From an assertion graph to the quotes behind it.

A claim graph rests on its own quote. A derivation rests on its premises, which may be claims or
further derivations; every claim reached is a :class:`Support` with the chain of rules between
it and the derived fact (outermost rule first).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import NamedNode

from .backend import GraphStore
from .sparql import select
from .terms import BK

__all__ = ["Source", "Support", "Supports"]


@dataclass(frozen=True)
class Source:
    """A claim's quote and where it stands."""

    claim: str
    document: str
    title: str
    kind: str
    authority: int
    quote: str
    start: int | None
    end: int | None
    negated: bool = False
    confidence: float = 1.0
    extracted_by: str = "review"
    line: int | None = None


@dataclass(frozen=True)
class Support:
    """One source behind an assertion, and the rules that lead from it to the assertion.

    ``principal`` is true for the source that states what is asserted (or what a rule applied to
    reach it), false for a premise that only placed a code in a region or category.
    """

    source: Source
    derived_by: tuple[str, ...] | None
    principal: bool = True

    @property
    def role(self) -> str:
        return "statement" if self.principal else "premise"


class Supports:
    """Resolves assertion graphs to their supports.

    The store is read-only once built, so every derivation edge and every claim's source are read
    once, on first use, and chains are walked in memory.
    """

    def __init__(self, store: GraphStore, cache_size: int = 65536) -> None:
        self._store = store
        self._edges: dict[str, list[tuple[str, bool]]] | None = None
        self._rules: dict[str, str] = {}
        self._claims: dict[str, Source] = {}
        self.of = lru_cache(maxsize=cache_size)(self._resolve)

    def authority(self, graph: NamedNode) -> int:
        """A graph is as strong as its weakest source."""
        supports = self.of(graph)
        return min((s.source.authority for s in supports), default=0)

    def _load(self) -> dict[str, list[tuple[str, bool]]]:
        edges: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for row in select(self._store, "derivation_edges"):
            node = row["derivation"].value
            self._rules[node] = row["rule"].value
            edges[node].append((row["premise"].value, row["main"].value == "true"))
        for row in select(self._store, "claim_sources"):
            self._claims[row["claim"].value] = Source(
                claim=row["claimId"].value,
                document=row["document"].value,
                title=row["title"].value,
                kind=row["kind"].value,
                authority=int(row["authority"].value),
                quote=row["quote"].value,
                start=int(row["start"].value),
                end=int(row["end"].value),
                negated=row["stance"] == BK.Negates,
                confidence=float(row["confidence"].value),
                extracted_by=row["extractedBy"].value,
            )
        self._edges = edges
        return edges

    def _resolve(self, graph: NamedNode) -> tuple[Support, ...]:
        edges = self._edges if self._edges is not None else self._load()
        claims, rules = self._claims, self._rules
        found: dict[tuple[str, bool], Support] = {}

        def walk(node: str, chain: tuple[str, ...], principal: bool, seen: frozenset[str]) -> None:
            if node in claims:
                # One support per claim and role: the shortest chain explains it best.
                key = (node, principal)
                known = found.get(key)
                if known is None or len(chain) < len(known.derived_by or ()):
                    found[key] = Support(claims[node], chain or None, principal)
            for premise, main in edges.get(node, []):
                if premise not in seen:
                    walk(premise, (*chain, rules[node]), principal and main, seen | {premise})

        walk(graph.value, (), True, frozenset([graph.value]))
        return tuple(
            sorted(
                found.values(),
                key=lambda s: (
                    not s.principal,
                    -s.source.authority,
                    s.source.document,
                    s.source.claim,
                ),
            )
        )
