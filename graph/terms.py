"""The IRIs bundlekg mints and reads, in one place.

``BK`` is the vocabulary (classes and properties of ``ontology/bundlekg.ttl``); ``BKID`` holds the
instances: codes, source documents, claims, derivations and the concepts of the schemes.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from pyoxigraph import NamedNode

__all__ = [
    "BK",
    "BKID",
    "DCT",
    "PROV",
    "RDF",
    "SKOS",
    "XSD",
    "Namespace",
    "claim_iri",
    "code_iri",
    "code_of",
    "concept_iri",
    "derivation_iri",
    "document_iri",
    "statement_iri",
]


class Namespace:
    """An IRI prefix; ``BK.includes`` and ``BK["includes"]`` give the term as a NamedNode.

    >>> BK.includes
    <NamedNode value=https://w3id.org/bundlekg/ontology#includes>
    """

    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        self.base = base

    def __str__(self) -> str:
        return self.base

    def __add__(self, suffix: str) -> str:
        return self.base + suffix

    def term(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, name: str) -> NamedNode:
        return self.term(name)


BK = Namespace("https://w3id.org/bundlekg/ontology#")
BKID = Namespace("https://w3id.org/bundlekg/id/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

_CODE_PREFIX = BKID + "code/"


def code_iri(code: str) -> NamedNode:
    """The node of a (normalised) code: ``bkid:code/62323``."""
    return NamedNode(_CODE_PREFIX + quote(code, safe="."))


def code_of(node: NamedNode) -> str | None:
    """The code a node stands for, or None when it is not a code node."""
    if node.value.startswith(_CODE_PREFIX):
        return node.value[len(_CODE_PREFIX) :]
    return None


def concept_iri(scheme: str, name: str) -> NamedNode:
    """A concept of one of the schemes: ``concept_iri("region", "lumbar")``."""
    return NamedNode(f"{BKID}{scheme}/{quote(name, safe='')}")


def document_iri(document_id: str) -> NamedNode:
    """A source document: ``bkid:source/003_37225522b298a619``."""
    return NamedNode(f"{BKID}source/{quote(document_id, safe='')}")


def claim_iri(document_id: str, claim_id: str) -> NamedNode:
    """A claim, which is also the name of the graph that holds what it asserts."""
    return NamedNode(f"{BKID}claim/{quote(document_id, safe='')}/{quote(claim_id, safe='')}")


def statement_iri(graph: NamedNode, index: int) -> NamedNode:
    """The node of the ``index``-th many-part statement asserted in a graph."""
    digest = hashlib.sha1(graph.value.encode()).hexdigest()[:16]
    return NamedNode(f"{BKID}statement/{digest}/{index}")


def derivation_iri(fingerprint: str) -> NamedNode:
    """A derivation named by a digest of its rule, facts and sources, so rebuilds agree."""
    return NamedNode(f"{BKID}derivation/{hashlib.sha1(fingerprint.encode()).hexdigest()}")
