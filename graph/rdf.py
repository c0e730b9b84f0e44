"""Documents, claims and codes as quads of the default graph (their descriptions), next to the
named graphs that hold what each claim asserts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from .claims import Claim, Stance
from .codes import code_system
from .documents import Document
from .terms import BK, BKID, DCT, RDF, SKOS, XSD, code_iri, concept_iri, document_iri

__all__ = ["claim_quads", "code_quads", "document_quads", "range_quads"]

_DEFAULT = DefaultGraph()
_STANCES = {Stance.AFFIRMS: BK.Affirms, Stance.NEGATES: BK.Negates}


def _quad(subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> Quad:
    return Quad(subject, predicate, obj, _DEFAULT)


def document_quads(document: Document) -> Iterator[Quad]:
    """A document's description, its text and the sha256 of that text."""
    node = document_iri(document.id)
    yield _quad(node, RDF.type, BK.SourceDocument)
    yield _quad(node, DCT.identifier, Literal(document.id))
    yield _quad(node, DCT.title, Literal(document.title))
    yield _quad(node, BK.sourceKind, concept_iri("source-kind", document.kind.value))
    yield _quad(node, BK.sha256, Literal(document.sha256))
    yield _quad(node, BK.text, Literal(document.text))
    yield _quad(node, BK.fileName, Literal(document.path.name))
    if document.url:
        yield _quad(node, DCT.source, NamedNode(document.url))


def claim_quads(claim: Claim, node: NamedNode) -> Iterator[Quad]:
    """A claim's provenance: its document, quote, offsets, stance, confidence and producer."""
    yield _quad(node, RDF.type, BK.Claim)
    yield _quad(node, DCT.identifier, Literal(claim.id))
    yield _quad(node, BK.source, document_iri(claim.document))
    yield _quad(node, BK.quote, Literal(claim.quote))
    yield _quad(node, BK.start, Literal(str(claim.start), datatype=XSD.integer))
    yield _quad(node, BK.end, Literal(str(claim.end), datatype=XSD.integer))
    yield _quad(node, BK.stance, _STANCES[claim.stance])
    yield _quad(node, BK.confidence, Literal(f"{claim.confidence:.3f}", datatype=XSD.decimal))
    yield _quad(node, BK.extractedBy, Literal(claim.extracted_by))


def code_quads(codes: Iterable[str]) -> Iterator[Quad]:
    """Each code's class (from its syntax; also bk:Code, as queries run without inference)."""
    for code in sorted(set(codes)):
        node = code_iri(code)
        yield _quad(node, RDF.type, BK.Code)
        yield _quad(node, RDF.type, BK[code_system(code).value])
        yield _quad(node, SKOS.notation, Literal(code))


def range_quads(name: str, members: list[str]) -> Iterator[Quad]:
    """A code range a source names (``77001-77003``) with its first, last and every member."""
    node = NamedNode(f"{BKID}range/{name}")
    yield _quad(node, RDF.type, BK.CodeRange)
    yield _quad(node, SKOS.notation, Literal(name))
    yield _quad(node, BK.first, code_iri(members[0]))
    yield _quad(node, BK.last, code_iri(members[-1]))
    for member in members:
        yield _quad(node, BK.member, code_iri(member))
