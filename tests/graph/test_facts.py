"""Turning assertions into RDF in a claim's graph (bundlekg.facts), checked against the
vocabulary read from the ontology in a real pyoxigraph store."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from bundlekg.build import _load_ontology
from bundlekg.claims import Assertion, Claim, Statement, Triple
from bundlekg.facts import STATEMENTS, TRIPLES, ClaimFacts, FactError, claim_facts
from bundlekg.terms import BK, RDF, XSD, claim_iri, code_iri, concept_iri
from bundlekg.vocabulary import Vocabulary

GRAPH = claim_iri("doc", "claim")


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    store = Store()
    _load_ontology(store)
    return Vocabulary.from_store(store)


def _facts(vocabulary: Vocabulary, *assertions: Assertion) -> ClaimFacts:
    claim = Claim("doc", "claim", "a quote", 0, 7, tuple(assertions))
    return claim_facts(claim, GRAPH, vocabulary)


def _error(vocabulary: Vocabulary, assertion: Assertion) -> FactError:
    with pytest.raises(FactError) as caught:
        _facts(vocabulary, assertion)
    return caught.value


def _statement(kind: str, line: int = 7, **parts: str | tuple[str, ...]) -> Statement:
    return Statement(
        kind,
        tuple((k, v if isinstance(v, tuple) else (v,)) for k, v in parts.items()),
        line,
    )


def _code(code: str) -> NamedNode:
    return code_iri(code)


def _text(text: str) -> Literal:
    return Literal(text)


# One example per property: the object as written, and the RDF object it must become.
EXAMPLES: dict[str, tuple[str, NamedNode | Literal]] = {
    "descriptor": (
        "Injection, lumbar; with imaging guidance",
        _text("Injection, lumbar; with imaging guidance"),
    ),
    "region": ("lumbar", concept_iri("region", "lumbar")),
    "approach": ("interlaminar", concept_iri("approach", "interlaminar")),
    "includesGuidance": ("fluoroscopy", concept_iri("modality", "fluoroscopy")),
    "excludesGuidance": ("imaging", concept_iri("modality", "imaging")),
    "guidanceModality": ("ct", concept_iri("modality", "ct")),
    "guidanceRegion": ("spine", concept_iri("region", "spine")),
    "catheter": ("true", Literal("true", datatype=XSD.boolean)),
    "addOn": ("true", BK.AddOnCode),
    "category": ("spinal-procedure", concept_iri("category", "spinal-procedure")),
    "guidedVariantOf": ("62322", _code("62322")),
    "includes": ("77003", _code("77003")),
    "integralTo": ("62322", _code("62322")),
    "separatelyReportableWith": ("62322", _code("62322")),
    "addOnTo": ("62322", _code("62322")),
    "indicatedFor": ("M48.062", _code("M48.062")),
    "note": ("a coding note", _text("a coding note")),
}


def test_every_property_has_an_example() -> None:
    assert set(EXAMPLES) == set(TRIPLES)


@pytest.mark.parametrize("name", sorted(TRIPLES))
def test_every_property_gives_its_quad_in_the_claims_graph(
    vocabulary: Vocabulary, name: str
) -> None:
    written, expected = EXAMPLES[name]
    facts = _facts(vocabulary, Triple("62323", name, written, 5))
    predicate = RDF.type if name == "addOn" else TRIPLES[name].predicate
    assert facts.quads == [Quad(_code("62323"), predicate, expected, GRAPH)]
    assert "62323" in facts.codes
    assert facts.ranges == {}


def test_catheter_false_is_a_boolean(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("62323", "catheter", "False", 5))
    assert facts.quads == [
        Quad(_code("62323"), BK.catheterPlacement, Literal("false", datatype=XSD.boolean), GRAPH)
    ]


def test_codes_are_normalised_and_collected(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("g0260", "indicatedFor", "m48.062", 5))
    assert facts.quads == [Quad(_code("G0260"), BK.indicatedFor, _code("M48.062"), GRAPH)]
    assert facts.codes == {"G0260", "M48.062"}


def test_subject_range_expands_and_is_reported(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("77001-77003", "addOn", "true", 5))
    assert facts.quads == [
        Quad(_code(code), RDF.type, BK.AddOnCode, GRAPH) for code in ("77001", "77002", "77003")
    ]
    assert facts.ranges == {"77001-77003": ["77001", "77002", "77003"]}
    assert facts.codes == {"77001", "77002", "77003"}


def test_object_range_expands_and_is_reported(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("62323", "includes", "62320 through 62322", 5))
    assert set(facts.quads) == {
        Quad(_code("62323"), BK.includes, _code(code), GRAPH)
        for code in ("62320", "62321", "62322")
    }
    assert facts.ranges == {"62320-62322": ["62320", "62321", "62322"]}


def test_range_that_includes_its_subject_skips_the_self_pair(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("62321", "includes", "62320-62322", 5))
    objects = {q.object for q in facts.quads}
    assert objects == {_code("62320"), _code("62322")}


@pytest.mark.parametrize("name", ["includes", "integralTo", "separatelyReportableWith", "addOnTo"])
def test_category_objects_resolve_for_pair_properties(vocabulary: Vocabulary, name: str) -> None:
    facts = _facts(vocabulary, Triple("76000", name, "imaging-guidance", 5))
    category = concept_iri("category", "imaging-guidance")
    assert facts.quads == [Quad(_code("76000"), TRIPLES[name].predicate, category, GRAPH)]
    assert facts.codes == {"76000"}


def test_category_subject_resolves(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, Triple("fluoroscopic-guidance", "note", "a note", 5))
    category = concept_iri("category", "fluoroscopic-guidance")
    assert facts.quads == [Quad(category, BK.note, _text("a note"), GRAPH)]
    assert facts.codes == set()


def _nodes_of(facts: ClaimFacts, rdf_class: NamedNode) -> list[NamedNode]:
    nodes = [q.subject for q in facts.quads if q.predicate == RDF.type and q.object == rdf_class]
    assert all(isinstance(n, NamedNode) for n in nodes)
    return nodes  # type: ignore[return-value]


def _parts(facts: ClaimFacts, node: NamedNode) -> set[tuple[NamedNode, NamedNode | Literal]]:
    assert all(q.graph_name == GRAPH for q in facts.quads)
    return {(q.predicate, q.object) for q in facts.quads if q.subject == node}  # type: ignore[misc]


def test_replacement_statement(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement(
            "replacement",
            code="62321",
            insteadOf="62323",
            whenRegion=("thoracic", "cervical"),
            whenCatheter="false",
            whenGuidance="fluoroscopy",
            whenReportedWith="77003",
        ),
    )
    (node,) = _nodes_of(facts, BK.Replacement)
    assert _parts(facts, node) == {
        (RDF.type, BK.Replacement),
        (BK.replacementCode, _code("62321")),
        (BK.insteadOf, _code("62323")),
        (BK.whenRegion, concept_iri("region", "thoracic")),
        (BK.whenRegion, concept_iri("region", "cervical")),
        (BK.whenCatheter, Literal("false", datatype=XSD.boolean)),
        (BK.whenGuidance, concept_iri("modality", "fluoroscopy")),
        (BK.whenReportedWith, _code("77003")),
    }
    assert facts.codes == {"62321", "62323", "77003"}


def test_replacement_without_code(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, _statement("replacement", insteadOf="62323", whenCatheter="true"))
    (node,) = _nodes_of(facts, BK.Replacement)
    assert _parts(facts, node) == {
        (RDF.type, BK.Replacement),
        (BK.insteadOf, _code("62323")),
        (BK.whenCatheter, Literal("true", datatype=XSD.boolean)),
    }


def _replaced_pairs(facts: ClaimFacts) -> set[tuple[str | None, str]]:
    pairs: set[tuple[str | None, str]] = set()
    for node in _nodes_of(facts, BK.Replacement):
        parts = dict(_parts(facts, node))
        code = parts.get(BK.replacementCode)
        pairs.add((None if code is None else code.value[-5:], parts[BK.insteadOf].value[-5:]))
    return pairs


def test_ranges_of_one_length_replace_code_by_code(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement("replacement", code="0213T-0218T", insteadOf="64490-64495"),
    )
    assert _replaced_pairs(facts) == {
        ("0213T", "64490"),
        ("0214T", "64491"),
        ("0215T", "64492"),
        ("0216T", "64493"),
        ("0217T", "64494"),
        ("0218T", "64495"),
    }


def test_a_replaced_range_is_one_replacement_per_code(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement("replacement", insteadOf="64490-64492", whenGuidance="ultrasound"),
    )
    assert _replaced_pairs(facts) == {(None, "64490"), (None, "64491"), (None, "64492")}


def test_modifier_statement(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement(
            "modifier",
            modifier="59",
            code="76000",
            pairedWith=("spinal-procedure", "62323"),
            meaning="a distinct procedural service",
        ),
    )
    (node,) = _nodes_of(facts, BK.ModifierUse)
    assert _parts(facts, node) == {
        (RDF.type, BK.ModifierUse),
        (BK.modifier, concept_iri("modifier", "59")),
        (BK.code, _code("76000")),
        (BK.pairedWith, concept_iri("category", "spinal-procedure")),
        (BK.pairedWith, _code("62323")),
        (BK.meaning, _text("a distinct procedural service")),
    }


def test_modifier_names_are_case_insensitive(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, _statement("modifier", modifier="xs", code="76000"))
    (node,) = _nodes_of(facts, BK.ModifierUse)
    assert (BK.modifier, concept_iri("modifier", "XS")) in _parts(facts, node)


def test_frequency_statement(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement("frequency", code="62323", max="4", per="12-month-rolling", unit="session"),
    )
    (node,) = _nodes_of(facts, BK.FrequencyLimit)
    assert _parts(facts, node) == {
        (RDF.type, BK.FrequencyLimit),
        (BK.code, _code("62323")),
        (BK.maxUnits, Literal("4", datatype=XSD.integer)),
        (BK.per, concept_iri("period", "12-month-rolling")),
        (BK.unit, _text("session")),
    }


def test_documentation_statement(vocabulary: Vocabulary) -> None:
    requirement = "images of final needle placement in two views"
    facts = _facts(vocabulary, _statement("documentation", code="77003", requirement=requirement))
    (node,) = _nodes_of(facts, BK.DocumentationRequirement)
    assert _parts(facts, node) == {
        (RDF.type, BK.DocumentationRequirement),
        (BK.code, _code("77003")),
        (BK.requirement, _text(requirement)),
    }


def test_statement_code_range_makes_one_statement_per_code(vocabulary: Vocabulary) -> None:
    facts = _facts(vocabulary, _statement("frequency", code="77001-77003", max="1", per="session"))
    nodes = _nodes_of(facts, BK.FrequencyLimit)
    assert len(set(nodes)) == 3
    assert {next(o for p, o in _parts(facts, n) if p == BK.code) for n in nodes} == {
        _code("77001"),
        _code("77002"),
        _code("77003"),
    }


def test_two_statements_of_one_claim_get_distinct_nodes(vocabulary: Vocabulary) -> None:
    facts = _facts(
        vocabulary,
        _statement("documentation", code="77003", requirement="two views"),
        _statement("documentation", code="77002", requirement="one view"),
    )
    assert len(set(_nodes_of(facts, BK.DocumentationRequirement))) == 2


def test_every_statement_kind_is_tested() -> None:
    assert set(STATEMENTS) == {"replacement", "modifier", "frequency", "documentation"}


def test_unknown_property_lists_the_allowed_ones(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, Triple("62323", "bundles", "77003", 9))
    assert "unknown property 'bundles'" in str(error)
    for name in TRIPLES:
        assert name in str(error)
    assert (error.line, error.field) == (9, "asserts")


def test_unknown_region_lists_the_allowed_names(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, Triple("62323", "region", "neck", 9))
    message = str(error)
    assert "'neck' is not a region name" in message
    for region in ("spine", "cervical", "thoracic", "lumbar", "sacral", "paraspinous"):
        assert region in message
    assert error.line == 9


def test_unknown_modality_names_the_scheme(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, Triple("62323", "includesGuidance", "xray", 9))
    assert "'xray' is not a modality name" in str(error)
    assert "fluoroscopy" in str(error)


@pytest.mark.parametrize(
    ("triple", "fragment"),
    [
        (Triple("6232", "region", "lumbar", 9), "subject of region: '6232' is not a CPT"),
        (Triple("62323", "guidedVariantOf", "ABCDE", 9), "object of guidedVariantOf: 'ABCDE'"),
        (Triple("62323", "includes", "no-such-thing", 9), "nor a category name"),
        (Triple("77003-77001", "addOn", "true", 9), "ends before it starts"),
    ],
)
def test_bad_code(vocabulary: Vocabulary, triple: Triple, fragment: str) -> None:
    error = _error(vocabulary, triple)
    assert fragment in str(error)
    assert error.line == 9


@pytest.mark.parametrize("value", ["yes", "1", "maybe"])
def test_boolean_must_be_true_or_false(vocabulary: Vocabulary, value: str) -> None:
    error = _error(vocabulary, Triple("62323", "catheter", value, 9))
    assert f"must be true or false, got {value!r}" in str(error)


def test_add_on_can_only_be_true(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, Triple("77003", "addOn", "false", 9))
    assert "can only be true" in str(error)


def test_frequency_without_per(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, _statement("frequency", line=12, code="77003", max="1"))
    assert "frequency needs 'per'" in str(error)
    assert (error.line, error.field) == (12, "asserts")


def test_frequency_max_must_be_a_whole_number(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, _statement("frequency", code="77003", max="one", per="session"))
    assert "max" in str(error) and "whole number" in str(error)


def test_unknown_statement_key(vocabulary: Vocabulary) -> None:
    statement = _statement("frequency", line=12, code="77003", max="1", per="day", every="week")
    error = _error(vocabulary, statement)
    message = str(error)
    assert "unknown key(s) every" in message
    assert "allowed: code, max, per, unit" in message
    assert error.line == 12


def test_unknown_statement_kind(vocabulary: Vocabulary) -> None:
    error = _error(vocabulary, _statement("limit", line=12, code="77003"))
    message = str(error)
    assert "unknown statement 'limit'" in message
    for kind in STATEMENTS:
        assert kind in message


def test_single_valued_key_given_a_list(vocabulary: Vocabulary) -> None:
    statement = _statement("documentation", code=("77002", "77003"), requirement="x")
    error = _error(vocabulary, statement)
    assert "'code' takes one value, got 2" in str(error)
