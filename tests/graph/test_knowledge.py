"""What the graph must answer on the bundled corpus (the floor set by the core-graph issue)."""

from __future__ import annotations

import pytest

from bundlekg import InputError, KnowledgeGraph, UnknownCodeError, VerdictKind
from bundlekg.verdict import Evidence, Verdict

SOURCE_000 = "000_438acad2e7e8b7ba"
SOURCE_001 = "001_36eacce10358b7fb"
SOURCE_003 = "003_37225522b298a619"
SOURCE_004 = "004_a5a818537efe86aa"


def _quotes(verdict: Verdict, stance: str, source: str) -> list[Evidence]:
    return [e for e in verdict.evidence if e.stance == stance and e.source == source]


def test_77003_with_62323_is_not_separately_reportable_and_contested(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62323", "77003")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.contested
    supporting = _quotes(verdict, "supports", SOURCE_003)
    assert any(
        "77003) should NOT be reported separately" in e.quote and e.derived_by is None
        for e in supporting
    ), supporting
    against = _quotes(verdict, "contradicts", SOURCE_000)
    assert any("it must be reported separately" in e.quote for e in against), against
    assert any("reported with add-on CPT code 77003" in e.quote for e in against), against
    assert SOURCE_003 in verdict.reason


def test_order_of_the_pair_does_not_matter(kg: KnowledgeGraph) -> None:
    forward, backward = kg.reportable("62323", "77003"), kg.reportable("77003", "62323")
    assert forward.verdict is backward.verdict
    assert {(e.source, e.claim, e.stance) for e in forward.evidence} == {
        (e.source, e.claim, e.stance) for e in backward.evidence
    }


def test_fluoroscopy_is_bundled_into_lithotripsy(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("50590", "76000")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert not verdict.contested
    assert {e.source for e in verdict.evidence} == {SOURCE_004}
    assert any("bundled into ESWL" in e.quote for e in verdict.evidence)


def test_add_on_77002_is_reported_with_its_primary_62370(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62370", "77002")
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert any(
        e.source == SOURCE_004 and "added to the primary procedure--62370" in e.quote
        for e in verdict.evidence
    )


def test_62328_includes_77003_by_rule_with_premises_as_evidence(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62328", "77003")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.evidence
    assert all(e.derived_by for e in verdict.evidence), "every item is derived"
    assert all("70_guidance_included" in (e.derived_by or ()) for e in verdict.evidence)
    statement = [e for e in verdict.evidence if e.role == "statement"]
    assert any("62328 with fluoroscopic or CT guidance" in e.quote for e in statement)
    premises = [e for e in verdict.evidence if e.role == "premise"]
    assert any("77003" in e.quote for e in premises), "the 77003 descriptor is a premise"


def test_unknown_codes_give_unknown_and_no_evidence(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("99999", "12345")
    assert verdict.verdict is VerdictKind.UNKNOWN
    assert verdict.evidence == ()
    assert not verdict.contested


def test_unguided_code_with_guidance_is_reported_as_its_guided_sibling(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62270", "77003")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.report_instead == "62328"
    assert all("80_guided_variant" in (e.derived_by or ()) for e in verdict.evidence)


def test_answer_contract(kg: KnowledgeGraph) -> None:
    body = kg.reportable("62323", "77003").as_dict()
    assert {"a", "b", "verdict", "contested", "report_instead", "reason", "evidence"} <= set(body)
    assert body["a"] == "62323" and body["b"] == "77003"
    for item in body["evidence"]:
        assert {"source", "title", "kind", "quote", "start", "end", "stance", "derived_by"} <= set(
            item
        )
        assert item["stance"] in ("supports", "contradicts")
        assert item["kind"] in ("vendor_article", "coding_reference", "qa_forum")


def test_evidence_quotes_stand_in_their_sources(kg: KnowledgeGraph) -> None:
    texts = {s.id: kg.source(s.id).text for s in kg.sources()}
    for pair in (("62323", "77003"), ("62328", "77003"), ("50590", "76000")):
        for item in kg.reportable(*pair).evidence:
            text = texts[item.source]
            assert text is not None and item.start is not None and item.end is not None
            assert text[item.start : item.end] == item.quote


def test_code_62323_shows_regions_guidance_claims_and_their_conflict(kg: KnowledgeGraph) -> None:
    info = kg.code("62323")
    assert {"lumbar", "sacral"} <= set(info.values("region"))
    included = {
        s.source.document
        for f in info.facts
        if f.property == "includesGuidance"
        for s in f.supports
        if not s.derived_by
    }
    excluded = {
        s.source.document
        for f in info.facts
        if f.property == "excludesGuidance"
        for s in f.supports
    }
    assert {SOURCE_001, SOURCE_003} <= included
    assert excluded == {SOURCE_000}
    topics = {(c.topic, c.codes) for c in info.conflicts}
    assert ("imaging-guidance", ("62323",)) in topics
    assert ("billing", ("62323", "77003")) in topics


def test_conflicts_list_000_against_003_on_guidance_and_on_77003(kg: KnowledgeGraph) -> None:
    conflicts = {(c.topic, c.codes): c for c in kg.conflicts()}
    guidance = conflicts[("imaging-guidance", ("62323",))]
    assert SOURCE_003 in guidance.documents[0] and SOURCE_000 in guidance.documents[1]
    billing = conflicts[("billing", ("62323", "77003"))]
    assert SOURCE_003 in billing.documents[0] and SOURCE_000 in billing.documents[1]


def test_sources_are_ranked_by_authority(kg: KnowledgeGraph) -> None:
    sources = kg.sources()
    assert [s.id for s in sources][0] == SOURCE_003
    assert {s.kind for s in sources} == {"coding_reference", "vendor_article", "qa_forum"}
    assert all(len(s.sha256) == 64 and s.claims > 0 for s in sources)


@pytest.mark.parametrize(
    ("a", "b", "field"),
    [("6232", "77003", "a"), ("62323", "7700X", "b"), ("", "77003", "a")],
)
def test_malformed_codes_are_input_errors_naming_the_field(
    kg: KnowledgeGraph, a: str, b: str, field: str
) -> None:
    with pytest.raises(InputError) as error:
        kg.reportable(a, b)
    assert error.value.field == field


def test_malformed_modifier_and_date_are_input_errors(kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="not a modifier"):
        kg.reportable("62323", "77003", modifiers=["5"])
    with pytest.raises(InputError, match="not a date"):
        kg.reportable("62323", "77003", date="2025-13-01")


def test_unknown_code_lookup_raises(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownCodeError, match="99999"):
        kg.code("99999")
