"""What the graph knows about one code, fact by fact, with the sources of each."""

from __future__ import annotations

import builtins
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from .backend import GraphStore
from .codes import code_system
from .conflicts import Conflict, support_dict
from .edits import MUELimit
from .provenance import Support, Supports
from .sparql import Row, select
from .terms import BK, RDF, code_iri

__all__ = ["CodeFact", "CodeInfo", "CodeStatement", "describe_code"]

# Pair facts seen from their object: "62323 includes 77003" is "77003 includedIn 62323".
_INVERSE = {
    "includes": "includedIn",
    "integralTo": "hasIntegral",
    "separatelyReportableWith": "separatelyReportableWith",
    "addOnTo": "hasAddOn",
    "guidedVariantOf": "hasGuidedVariant",
    "indicatedFor": "indicationOf",
}
_STATEMENT_KINDS = {
    BK.Replacement: "replacement",
    BK.ModifierUse: "modifier",
    BK.FrequencyLimit: "frequency",
    BK.DocumentationRequirement: "documentation",
}


@dataclass(frozen=True)
class CodeFact:
    """One property value of a code and every source that states or implies it."""

    property: str
    value: str
    supports: tuple[Support, ...]

    @builtins.property
    def derived(self) -> bool:
        """Whether no source states it in so many words (it follows from rules only)."""
        return all(s.derived_by for s in self.supports)

    def as_dict(self) -> dict[str, Any]:
        return {
            "property": self.property,
            "value": self.value,
            "derived": self.derived,
            "sources": [support_dict(s) for s in self.supports],
        }


@dataclass(frozen=True)
class CodeStatement:
    """A many-part statement about a code (frequency, modifier, documentation, replacement)."""

    kind: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    supports: tuple[Support, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **{name: list(values) for name, values in self.parts},
            "sources": [support_dict(s) for s in self.supports],
        }


@dataclass(frozen=True)
class CodeInfo:
    """A code, what sources say about it, and where they disagree."""

    code: str
    system: str
    add_on: bool
    facts: tuple[CodeFact, ...]
    statements: tuple[CodeStatement, ...]
    conflicts: tuple[Conflict, ...]
    mue: tuple[MUELimit, ...] = ()

    def values(self, prop: str) -> list[str]:
        """The values of one property, e.g. ``info.values("region")``."""
        return [f.value for f in self.facts if f.property == prop]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "system": self.system,
            "add_on": self.add_on,
            "facts": [f.as_dict() for f in self.facts],
            "statements": [s.as_dict() for s in self.statements],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "mue": [m.as_dict() for m in self.mue],
        }


def _local(node: NamedNode) -> str:
    return node.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(row: Row) -> str:
    if "valueName" in row:
        return row["valueName"].value
    value = row["value"]
    if isinstance(value, NamedNode):
        return _local(value)
    return value.value if isinstance(value, Literal) else str(value)


def _facts(store: GraphStore, supports: Supports, code: str) -> tuple[list[CodeFact], bool]:
    graphs: dict[tuple[str, str], set[NamedNode]] = defaultdict(set)
    add_on = False
    for row in select(store, "code_facts", code=code_iri(code)):
        prop = row["property"]
        assert isinstance(prop, NamedNode)
        if prop == RDF.type:
            add_on = add_on or row["value"] == BK.AddOnCode
            if row["value"] == BK.AddOnCode:
                graphs[("addOn", "true")].add(row["graph"])  # type: ignore[arg-type]
            continue
        name = _local(prop)
        if row["direction"].value == "in":
            name = _INVERSE[name]
        graphs[(name, _value(row))].add(row["graph"])  # type: ignore[arg-type]
    facts = []
    for (name, value), found in graphs.items():
        merged: dict[tuple[str, str, tuple[str, ...] | None], Support] = {}
        for graph in found:
            for support in supports.of(graph):
                merged.setdefault(
                    (support.source.document, support.source.claim, support.derived_by), support
                )
        ordered = sorted(
            merged.values(),
            key=lambda s: (
                bool(s.derived_by),
                -s.source.authority,
                s.source.document,
                s.source.claim,
            ),
        )
        facts.append(CodeFact(name, value, tuple(ordered)))
    facts.sort(key=lambda f: (f.property, f.derived, f.value))
    return facts, add_on


def _statements(store: GraphStore, supports: Supports, code: str) -> list[CodeStatement]:
    parts: dict[NamedNode, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[NamedNode, str] = {}
    graph_of: dict[NamedNode, NamedNode] = {}
    for row in select(store, "code_statements", code=code_iri(code)):
        node = row["statement"]
        assert isinstance(node, NamedNode)
        rdf_type = row["type"]
        kind = _STATEMENT_KINDS.get(rdf_type) if isinstance(rdf_type, NamedNode) else None
        if kind is None:
            continue
        kinds[node] = kind
        graph_of[node] = row["graph"]  # type: ignore[assignment]
        part = row["part"]
        assert isinstance(part, NamedNode)
        parts[node][_local(part)].append(_value(row))
    statements = [
        CodeStatement(
            kinds[node],
            tuple((name, tuple(sorted(values))) for name, values in sorted(parts[node].items())),
            supports.of(graph_of[node]),
        )
        for node in kinds
    ]
    statements.sort(key=lambda s: (s.kind, s.parts))
    return statements


def describe_code(
    store: GraphStore, supports: Supports, code: str, conflicts: list[Conflict]
) -> CodeInfo:
    """All facts, statements and conflicts about a code (which the caller knows to exist)."""
    facts, add_on = _facts(store, supports, code)
    return CodeInfo(
        code=code,
        system=code_system(code).name,
        add_on=add_on,
        facts=tuple(facts),
        statements=tuple(_statements(store, supports, code)),
        conflicts=tuple(conflicts),
    )
