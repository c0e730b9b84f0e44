"""Conflicts: pairs of assertions that cannot both hold, grouped by what they disagree about.

A conflict is kept, never resolved away: both readings are listed with every source behind
them, strongest first, so a coder sees who says what.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pyoxigraph import NamedNode

from .backend import GraphStore
from .provenance import Support, Supports
from .sparql import Term, select
from .terms import code_of

__all__ = ["Conflict", "find_conflicts", "support_dict"]

_READINGS = {
    "imaging-guidance": (
        "{x} includes imaging guidance",
        "{x} is performed without imaging guidance",
    ),
    "billing": (
        "{y} is included in {x}: not reported separately",
        "{y} is reported separately with {x}",
    ),
    "catheter": ("{x} includes catheter placement", "{x} does not include catheter placement"),
}


@dataclass(frozen=True)
class Conflict:
    """Two readings of the same fact, each with the sources that state or imply it."""

    topic: str
    codes: tuple[str, ...]
    reading: str
    counter_reading: str
    supports: tuple[Support, ...]
    counter_supports: tuple[Support, ...]

    @property
    def documents(self) -> tuple[set[str], set[str]]:
        """The documents that state each reading (premises left out)."""
        return (
            {s.source.document for s in self.supports if s.principal},
            {s.source.document for s in self.counter_supports if s.principal},
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "codes": list(self.codes),
            "sides": [
                {"says": self.reading, "sources": [support_dict(s) for s in self.supports]},
                {
                    "says": self.counter_reading,
                    "sources": [support_dict(s) for s in self.counter_supports],
                },
            ],
        }


def support_dict(support: Support) -> dict[str, Any]:
    """A support as JSON: its source, quote, offsets and the rules that lead from it."""
    source = support.source
    return {
        "source": source.document,
        "title": source.title,
        "kind": source.kind,
        "authority": source.authority,
        "claim": source.claim,
        "quote": source.quote,
        "start": source.start,
        "end": source.end,
        "line": source.line,
        "role": support.role,
        "derived_by": list(support.derived_by) if support.derived_by else None,
    }


def _merge(supports: Supports, graphs: set[NamedNode]) -> tuple[Support, ...]:
    """Every source behind a set of graphs, once per claim (its shortest rule chain)."""
    best: dict[tuple[str, str, bool], Support] = {}
    for graph in graphs:
        for support in supports.of(graph):
            key = (support.source.document, support.source.claim, support.principal)
            known = best.get(key)
            if known is None or len(support.derived_by or ()) < len(known.derived_by or ()):
                best[key] = support
    return tuple(
        sorted(
            best.values(),
            key=lambda s: (not s.principal, -s.source.authority, s.source.document, s.source.claim),
        )
    )


def _name(term: Term) -> str:
    return (code_of(term) if isinstance(term, NamedNode) else None) or term.value  # type: ignore[union-attr]


def find_conflicts(
    store: GraphStore, supports: Supports, code: str | None = None
) -> list[Conflict]:
    """Every conflict in the graph (or those about one code), strongest disagreement first."""
    sides: dict[tuple[str, str, str], tuple[set[NamedNode], set[NamedNode]]] = defaultdict(
        lambda: (set(), set())
    )
    for row in select(store, "find_conflicts"):
        x = _name(row["x"])
        y = _name(row["y"]) if "y" in row else ""
        if code is not None and code not in (x, y):
            continue
        first, second = sides[(row["topic"].value, x, y)]
        first.add(row["g1"])  # type: ignore[arg-type]
        second.add(row["g2"])  # type: ignore[arg-type]
    conflicts = []
    for (topic, x, y), (first, second) in sides.items():
        reading, counter = _READINGS[topic]
        conflicts.append(
            Conflict(
                topic=topic,
                codes=(x, y) if y else (x,),
                reading=reading.format(x=x, y=y),
                counter_reading=counter.format(x=x, y=y),
                supports=_merge(supports, first),
                counter_supports=_merge(supports, second),
            )
        )
    conflicts.sort(
        key=lambda c: (
            -min(
                max((s.source.authority for s in c.supports if s.principal), default=0),
                max((s.source.authority for s in c.counter_supports if s.principal), default=0),
            ),
            c.codes,
            c.topic,
        )
    )
    return conflicts
