"""The concept names review files may use, read from the ontology's concept schemes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode, Store

from .sparql import select

__all__ = ["SCHEMES", "Vocabulary"]

SCHEMES = (
    "region",
    "modality",
    "approach",
    "category",
    "modifier",
    "period",
    "source-kind",
    "setting",
)


@dataclass(frozen=True)
class Vocabulary:
    """Concept names per scheme (``lumbar`` in ``region``) and the node each names."""

    concepts: Mapping[str, Mapping[str, NamedNode]]

    @classmethod
    def from_store(cls, store: Store) -> Vocabulary:
        """Read every scheme's concepts (by ``skos:notation``) from a store holding the ontology."""
        concepts: dict[str, dict[str, NamedNode]] = {scheme: {} for scheme in SCHEMES}
        for row in select(store, "concept_names"):
            scheme = row["scheme"].value.rsplit("/", 1)[-1]
            concept = row["concept"]
            assert isinstance(concept, NamedNode)
            concepts.setdefault(scheme, {})[row["name"].value] = concept
        return cls(concepts)

    def lookup(self, scheme: str, name: str) -> NamedNode:
        """The concept a name stands for in a scheme.

        :raises ValueError: naming the scheme and the names it has.
        """
        names = self.concepts.get(scheme, {})
        node = names.get(name) or names.get(name.upper())
        if node is None:
            allowed = ", ".join(sorted(names)) or "(none)"
            raise ValueError(f"{name!r} is not a {scheme} name; use one of: {allowed}")
        return node

    def has(self, scheme: str, name: str) -> bool:
        return name in self.concepts.get(scheme, {})
