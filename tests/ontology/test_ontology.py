"""Tests of the bundlekg ontology, concept schemes and SHACL shapes in ontology/."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import TypeGuard

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

ONTOLOGY_DIR: Path = Path(__file__).parents[2] / "ontology"
SHAPES_FILE: Path = ONTOLOGY_DIR / "shapes.ttl"

BK = Namespace("https://w3id.org/bundlekg/ontology#")
BKID = Namespace("https://w3id.org/bundlekg/id/")
BKS = Namespace("https://w3id.org/bundlekg/shapes#")
OUR_NAMESPACES: tuple[str, ...] = (str(BK), str(BKID))

SCHEME_FILES: tuple[str, ...] = (
    "regions.ttl",
    "modalities.ttl",
    "approaches.ttl",
    "categories.ttl",
    "modifiers.ttl",
    "periods.ttl",
    "source_kinds.ttl",
    "settings.ttl",
)

DOC = BKID["document/test"]
CLAIM = BKID["claim/test/def"]
CODE = BKID["code/62323"]
DOC_TEXT = "abc def"


def ttl_files() -> list[Path]:
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """Every ontology file except the shapes: the vocabulary and the concept schemes."""
    graph = Graph()
    for path in ttl_files():
        if path != SHAPES_FILE:
            graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def in_our_namespace(node: object) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and str(node).startswith(OUR_NAMESPACES)


def sample_data(quote: str = "def", start: int = 4, end: int = 7, notation: str = "62323") -> Graph:
    """A source document, one claim quoting it and one CPT code."""
    graph = Graph()
    graph.add((DOC, RDF.type, BK.SourceDocument))
    graph.add((DOC, DCTERMS.identifier, Literal("test")))
    graph.add((DOC, DCTERMS.title, Literal("Test document")))
    graph.add((DOC, BK.sourceKind, BKID["source-kind/vendor_article"]))
    graph.add((DOC, BK.sha256, Literal(hashlib.sha256(DOC_TEXT.encode("utf-8")).hexdigest())))
    graph.add((DOC, BK.text, Literal(DOC_TEXT)))
    graph.add((CLAIM, RDF.type, BK.Claim))
    graph.add((CLAIM, BK.source, DOC))
    graph.add((CLAIM, BK.quote, Literal(quote)))
    graph.add((CLAIM, BK.start, Literal(start)))
    graph.add((CLAIM, BK.end, Literal(end)))
    graph.add((CLAIM, BK.stance, BK.Affirms))
    graph.add((CLAIM, BK.confidence, Literal(Decimal("1.0"))))
    graph.add((CLAIM, BK.extractedBy, Literal("review")))
    graph.add((CODE, RDF.type, BK.CPTCode))
    graph.add((CODE, SKOS.notation, Literal(notation)))
    return graph


def run_shacl(data: Graph, ontology: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    """Validate data together with the ontology, as the build validates the union of all graphs.

    pyshacl copies only RDFS/OWL axioms from ont_graph into the data graph, so the SKOS concepts
    that sh:class constraints point at (source kinds, settings) must be part of the data graph.
    """
    conforms, report, text = validate(
        data + ontology,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
    )
    assert isinstance(report, Graph)
    return bool(conforms), report, str(text)


def result_sources(report: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, source shape or SPARQL constraint) of every validation result."""
    found: set[tuple[URIRef, URIRef]] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        source = report.value(result, SH.sourceConstraint) or report.value(result, SH.sourceShape)
        assert isinstance(focus, URIRef) and isinstance(source, URIRef)
        found.add((focus, source))
    return found


@pytest.mark.parametrize("path", ttl_files(), ids=lambda p: p.name)
def test_every_file_parses(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0


def test_all_files_present() -> None:
    names = {path.name for path in ttl_files()}
    assert {"bundlekg.ttl", "shapes.ttl", *SCHEME_FILES} <= names


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/bundlekg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(onto, DCTERMS.title) is not None
    assert ontology.value(onto, DCTERMS.description) is not None


def test_every_term_has_label_and_definition(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual, SKOS.Concept)
    terms: set[URIRef] = {
        s for kind in kinds for s in ontology.subjects(RDF.type, kind) if in_our_namespace(s)
    }
    assert len(terms) > 150
    missing: list[str] = []
    for term in sorted(terms):
        labels = [*ontology.objects(term, RDFS.label), *ontology.objects(term, SKOS.prefLabel)]
        definitions = list(ontology.objects(term, SKOS.definition))
        if not labels or not definitions:
            missing.append(str(term))
    assert missing == []


def test_every_concept_is_well_formed(ontology: Graph) -> None:
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        assert in_our_namespace(concept)
        scheme_name, name = str(concept)[len(str(BKID)) :].split("/", 1)
        scheme = ontology.value(concept, SKOS.inScheme)
        assert scheme == BKID[f"scheme/{scheme_name}"], concept
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
        assert list(ontology.objects(concept, SKOS.notation)) == [Literal(name)], concept
        for broader in ontology.objects(concept, SKOS.broader):
            assert (broader, SKOS.narrower, concept) in ontology, (concept, broader)
        for narrower in ontology.objects(concept, SKOS.narrower):
            assert (narrower, SKOS.broader, concept) in ontology, (concept, narrower)
        is_top = (concept, SKOS.topConceptOf, scheme) in ontology
        assert is_top == ((scheme, SKOS.hasTopConcept, concept) in ontology), concept
        assert is_top == (ontology.value(concept, SKOS.broader) is None), concept


def test_region_hierarchy(ontology: Graph) -> None:
    region = Namespace(str(BKID) + "region/")
    assert (region.lumbar, SKOS.broader, region.spine) in ontology
    assert (region.spine, SKOS.narrower, region.lumbar) in ontology
    assert (region.lumbar, RDF.type, BK.AnatomicalRegion) in ontology
    assert (region.spine, BK.impliesCategory, BKID["category/spinal-procedure"]) in ontology


def test_source_kind_authority_order(ontology: Graph) -> None:
    def authority(name: str) -> int:
        value = ontology.value(BKID[f"source-kind/{name}"], BK.authority)
        assert isinstance(value, Literal)
        return int(value.toPython())

    assert authority("regulator") > authority("code_set") > authority("coding_reference")
    assert authority("coding_reference") > authority("vendor_article")
    assert authority("vendor_article") == authority("qa_forum")
    assert authority("qa_forum") > authority("unknown")


def test_conforming_data(ontology: Graph, shapes: Graph) -> None:
    conforms, _, text = run_shacl(sample_data(), ontology, shapes)
    assert conforms, text


def test_wrong_quote_does_not_conform(ontology: Graph, shapes: Graph) -> None:
    conforms, report, text = run_shacl(sample_data(quote="xyz"), ontology, shapes)
    assert not conforms
    assert result_sources(report) == {(DOC, BKS.ClaimQuoteMatchesText)}
    assert str(CLAIM) in text
    assert "bk:quote" in text


def test_end_not_after_start_does_not_conform(ontology: Graph, shapes: Graph) -> None:
    conforms, report, text = run_shacl(sample_data(quote="d", start=7, end=7), ontology, shapes)
    assert not conforms
    assert result_sources(report) == {(DOC, BKS.ClaimQuoteMatchesText)}
    assert str(CLAIM) in text
    assert "bk:end" in text


def test_bad_cpt_notation_does_not_conform(ontology: Graph, shapes: Graph) -> None:
    conforms, report, text = run_shacl(sample_data(notation="6232"), ontology, shapes)
    assert not conforms
    assert result_sources(report) == {(CODE, BKS.CPTCodeNotationShape)}
    assert "CPT code" in text
    assert "skos:notation" in text
