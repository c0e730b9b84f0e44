"""Each rule of queries/rules/ on a small corpus of made-up codes, and the provenance it leaves:
every derivation names its rule and premises that lead back to quoted claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from bundlekg import BuildReport, KnowledgeGraph, VerdictKind, build, open_graph, rules
from bundlekg.resources import rule_names
from bundlekg.rules import predicates_read
from bundlekg.terms import BK, BKID, claim_iri, code_iri, concept_iri
from tests.conftest import Claims, review_files

MakeCorpus = Callable[..., Path]

PREFIXES = """
PREFIX bk: <https://w3id.org/bundlekg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


PROCEDURES: Claims = [
    (
        "lumbar-injection",
        "Code 11111 is an injection on the lumbar spine.",
        [["11111", "region", "lumbar"], ["11111", "category", "injection-procedure"]],
    ),
    (
        "guided-lumbar",
        "Code 77777 is a lumbar procedure that includes fluoroscopic guidance.",
        [["77777", "region", "lumbar"], ["77777", "includesGuidance", "fluoroscopy"]],
    ),
    (
        "integral-to-spinal",
        "Code 44444 is integral to all spinal procedures.",
        [["44444", "integralTo", "spinal-procedure"]],
    ),
    (
        "integral-to-code",
        "Code 66666 is integral to code 11111.",
        [["66666", "integralTo", "11111"]],
    ),
    (
        "modifier-group",
        "Code 55555 may be reported with spine injections with modifier 59.",
        [{"modifier": {"modifier": "59", "code": "55555", "pairedWith": ["spine-injection"]}}],
    ),
    (
        "guided-variant",
        "Code 12345 is lumbar code 12340 with fluoroscopic guidance.",
        [
            ["12345", "guidedVariantOf", "12340"],
            ["12345", "includesGuidance", "fluoroscopy"],
            ["12345", "region", "lumbar"],
        ],
    ),
    (
        "fluoroscopic-category",
        "Code 33333 is a fluoroscopic guidance code.",
        [["33333", "category", "fluoroscopic-guidance"]],
    ),
]
GUIDANCE: Claims = [
    (
        "spine-guidance",
        "Code 22222 is fluoroscopic guidance for spine injections.",
        [["22222", "guidanceModality", "fluoroscopy"], ["22222", "guidanceRegion", "spine"]],
    ),
    (
        "venous-guidance",
        "Code 88888 is fluoroscopic guidance for central venous access.",
        [
            ["88888", "guidanceModality", "fluoroscopy"],
            ["88888", "guidanceRegion", "central-venous"],
        ],
    ),
]
MANIFEST = (
    "id,title,kind\n"
    "procedures,Procedure rules,coding_reference\n"
    "guidance,Guidance article,vendor_article\n"
)


@dataclass(frozen=True)
class Built:
    report: BuildReport
    kg: KnowledgeGraph
    corpus: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The rules corpus, built once for the module (the layout make_corpus writes)."""
    root = tmp_path_factory.mktemp("rules")
    corpus = root / "corpus"
    (corpus / "reviews").mkdir(parents=True)
    for name, claims in (("procedures", PROCEDURES), ("guidance", GUIDANCE)):
        text, review = review_files(name, claims)
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (corpus / "reviews" / f"{name}.yaml").write_text(review, encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    report = build(corpus, root / "store")
    return Built(report, open_graph(root / "store"), corpus)


@pytest.fixture(scope="module")
def rules_kg(built: Built) -> KnowledgeGraph:
    return built.kg


def _named(term: object) -> NamedNode:
    assert isinstance(term, NamedNode), term
    return term


def _claim(document: str, claim: str) -> NamedNode:
    return claim_iri(document, claim)


def derivations(
    kg: KnowledgeGraph, subject: NamedNode, predicate: NamedNode, obj: NamedNode
) -> dict[str, list[NamedNode]]:
    """The derivations whose graph holds the triple, by rule."""
    rows = kg.query(
        PREFIXES + "SELECT * WHERE { GRAPH ?d { ?s ?p ?o } ?d a bk:Derivation ; bk:rule ?rule }",
        s=subject,
        p=predicate,
        o=obj,
    )
    assert isinstance(rows, list)
    found: dict[str, list[NamedNode]] = {}
    for row in rows:
        found.setdefault(row["rule"].value, []).append(_named(row["d"]))
    return found


def premises(kg: KnowledgeGraph, derivation: NamedNode) -> dict[NamedNode, bool]:
    """A derivation's premises, each with whether it is a main premise."""
    rows = kg.query(
        PREFIXES
        + "SELECT * WHERE { ?d prov:wasDerivedFrom ?p "
        + "BIND(EXISTS { ?d bk:mainPremise ?p } AS ?main) }",
        d=derivation,
    )
    assert isinstance(rows, list)
    return {_named(row["p"]): row["main"].value == "true" for row in rows}


def rules_of(kg: KnowledgeGraph, derivation: NamedNode) -> str:
    rows = kg.query(PREFIXES + "SELECT * WHERE { ?d bk:rule ?rule }", d=derivation)
    assert isinstance(rows, list) and len(rows) == 1
    return rows[0]["rule"].value


def derived(kg: KnowledgeGraph, subject: NamedNode, predicate: NamedNode, obj: NamedNode) -> bool:
    result = kg.query(
        PREFIXES + "ASK { GRAPH ?d { ?s ?p ?o } ?d a bk:Derivation }", s=subject, p=predicate, o=obj
    )
    assert isinstance(result, bool)
    return result


def test_every_rule_derives_something_on_this_corpus(built: Built) -> None:
    assert built.report.validation is not None and built.report.validation.conforms
    expected = {name.removeprefix("rules/") for name in rule_names()}
    assert set(built.report.rules.derived) == expected
    for rule, count in built.report.rules.derived.items():
        assert count > 0, rule
    assert built.report.rules.total == sum(built.report.rules.derived.values())


def test_region_containment(rules_kg: KnowledgeGraph) -> None:
    found = derivations(rules_kg, code_iri("11111"), BK.region, concept_iri("region", "spine"))
    (derivation,) = found["10_region_containment"]
    claim = _claim("procedures", "lumbar-injection")
    assert premises(rules_kg, derivation) == {claim: True}
    assert not derived(rules_kg, code_iri("11111"), BK.region, concept_iri("region", "paraspinous"))


def test_category_from_region(rules_kg: KnowledgeGraph) -> None:
    spinal = concept_iri("category", "spinal-procedure")
    found = derivations(rules_kg, code_iri("11111"), BK.category, spinal)
    (derivation,) = found["20_category_from_concept"]
    (premise,) = premises(rules_kg, derivation)
    # The premise is the region-containment derivation (lumbar -> spine), not a claim.
    assert rules_of(rules_kg, premise) == "10_region_containment"
    assert premises(rules_kg, premise) == {_claim("procedures", "lumbar-injection"): True}


def test_category_from_guidance_modality(rules_kg: KnowledgeGraph) -> None:
    category = concept_iri("category", "fluoroscopic-guidance")
    found = derivations(rules_kg, code_iri("22222"), BK.category, category)
    (derivation,) = found["20_category_from_concept"]
    assert premises(rules_kg, derivation) == {_claim("guidance", "spine-guidance"): True}


def test_category_hierarchy(rules_kg: KnowledgeGraph) -> None:
    imaging = concept_iri("category", "imaging-guidance")
    stated = derivations(rules_kg, code_iri("33333"), BK.category, imaging)
    (derivation,) = stated["30_category_hierarchy"]
    assert premises(rules_kg, derivation) == {_claim("procedures", "fluoroscopic-category"): True}
    from_modality = derivations(rules_kg, code_iri("22222"), BK.category, imaging)
    assert "30_category_hierarchy" in from_modality


def test_category_intersection(rules_kg: KnowledgeGraph) -> None:
    spine_injection = concept_iri("category", "spine-injection")
    found = derivations(rules_kg, code_iri("11111"), BK.category, spine_injection)
    (derivation,) = found["40_category_intersection"]
    both = premises(rules_kg, derivation)
    assert len(both) == 2 and all(both.values()), "both categories are main premises"
    assert _claim("procedures", "lumbar-injection") in both, "injection-procedure is stated"
    # 77777 is a spinal procedure but no injection procedure.
    assert not derived(rules_kg, code_iri("77777"), BK.category, spine_injection)


def test_group_expansion_and_integral_to_includes(rules_kg: KnowledgeGraph) -> None:
    expanded = derivations(rules_kg, code_iri("44444"), BK.integralTo, code_iri("11111"))
    (expansion,) = expanded["50_expand_groups"]
    expansion_premises = premises(rules_kg, expansion)
    assert expansion_premises[_claim("procedures", "integral-to-spinal")] is True
    (member,) = [p for p, main in expansion_premises.items() if not main]
    assert rules_of(rules_kg, member) in {"20_category_from_concept", "30_category_hierarchy"}
    includes = derivations(rules_kg, code_iri("11111"), BK.includes, code_iri("44444"))
    (derivation,) = includes["60_integral_to_includes"]
    assert premises(rules_kg, derivation) == {expansion: True}
    # Every spinal procedure gets it; a code of no spinal category does not.
    assert derived(rules_kg, code_iri("44444"), BK.integralTo, code_iri("77777"))
    assert not derived(rules_kg, code_iri("44444"), BK.integralTo, code_iri("12340"))


def test_group_expansion_verdict_names_the_rule_chain(rules_kg: KnowledgeGraph) -> None:
    verdict = rules_kg.reportable("11111", "44444")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    statements = [e for e in verdict.evidence if e.role == "statement"]
    assert statements
    for item in statements:
        assert item.derived_by == ("60_integral_to_includes", "50_expand_groups")
        assert item.claim == "integral-to-spinal"
        assert item.quote == "Code 44444 is integral to all spinal procedures."
    placing = [e for e in verdict.evidence if e.role == "premise"]
    assert any(e.claim == "lumbar-injection" for e in placing)
    for item in placing:
        assert item.derived_by is not None
        assert item.derived_by[:2] == ("60_integral_to_includes", "50_expand_groups")
        assert len(item.derived_by) > 2


def test_modifier_group_expansion(rules_kg: KnowledgeGraph) -> None:
    rows = rules_kg.query(
        PREFIXES
        + """SELECT * WHERE {
          GRAPH ?d { ?use a bk:ModifierUse ; bk:code ?code ; bk:pairedWith ?member ;
                          bk:modifier ?modifier }
          ?d bk:rule ?rule }""",
        code=code_iri("55555"),
        member=code_iri("11111"),
        modifier=concept_iri("modifier", "59"),
    )
    assert isinstance(rows, list)
    assert [r["rule"].value for r in rows] == ["55_expand_modifier_groups"]
    main = premises(rules_kg, _named(rows[0]["d"]))
    assert main[_claim("procedures", "modifier-group")] is True
    verdict = rules_kg.reportable("11111", "55555")
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert all("55_expand_modifier_groups" in (e.derived_by or ()) for e in verdict.evidence)
    assert rules_kg.reportable("11111", "55555", modifiers=["59"]).verdict is (
        VerdictKind.SEPARATELY_REPORTABLE
    )
    assert rules_kg.reportable("77777", "55555").verdict is VerdictKind.UNKNOWN


def test_integral_to_a_code_gives_includes(rules_kg: KnowledgeGraph) -> None:
    found = derivations(rules_kg, code_iri("11111"), BK.includes, code_iri("66666"))
    (derivation,) = found["60_integral_to_includes"]
    assert premises(rules_kg, derivation) == {_claim("procedures", "integral-to-code"): True}
    verdict = rules_kg.reportable("66666", "11111")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    (item,) = verdict.evidence
    assert item.derived_by == ("60_integral_to_includes",)
    assert item.quote == "Code 66666 is integral to code 11111."
    assert item.source == "procedures"


def test_guidance_included_when_the_guidance_region_covers_the_procedure(
    rules_kg: KnowledgeGraph,
) -> None:
    found = derivations(rules_kg, code_iri("77777"), BK.includes, code_iri("22222"))
    (derivation,) = found["70_guidance_included"]
    found_premises = premises(rules_kg, derivation)
    assert found_premises[_claim("procedures", "guided-lumbar")] is True
    assert found_premises[_claim("guidance", "spine-guidance")] is False
    derived_premises = [p for p in found_premises if not p.value.startswith(BKID + "claim/")]
    assert [rules_of(rules_kg, p) for p in derived_premises] == ["10_region_containment"], (
        "the lumbar -> spine derivation is a premise"
    )
    verdict = rules_kg.reportable("77777", "22222")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert all("70_guidance_included" in (e.derived_by or ()) for e in verdict.evidence)
    assert {e.source for e in verdict.evidence} == {"procedures", "guidance"}
    # A derived fact is as strong as the weakest source it rests on (vendor_article: 2).
    assert {e.strength for e in verdict.evidence} == {2}
    assert {e.authority for e in verdict.evidence} == {2, 3}


def test_guidance_not_included_outside_its_region(rules_kg: KnowledgeGraph) -> None:
    assert not derived(rules_kg, code_iri("77777"), BK.includes, code_iri("88888"))
    assert rules_kg.reportable("77777", "88888").verdict is VerdictKind.UNKNOWN


def test_guidance_region_that_does_not_cover_derives_nothing(make_corpus: MakeCorpus) -> None:
    claims: Claims = [
        PROCEDURES[1],
        (
            "venous-guidance",
            "Code 88888 is fluoroscopic guidance for central venous access.",
            [
                ["88888", "guidanceModality", "fluoroscopy"],
                ["88888", "guidanceRegion", "central-venous"],
            ],
        ),
    ]
    text, review = review_files("only", claims)
    corpus = make_corpus({"only": text}, reviews={"only": review})
    report = build(corpus, corpus.parent / "store")
    assert report.rules.derived["70_guidance_included"] == 0
    assert report.rules.derived["10_region_containment"] == 1
    assert open_graph(corpus.parent / "store").reportable("77777", "88888").verdict is (
        VerdictKind.UNKNOWN
    )


def test_guided_variant_is_reported_instead(rules_kg: KnowledgeGraph) -> None:
    rows = rules_kg.query(
        PREFIXES
        + """SELECT * WHERE {
          GRAPH ?d { ?r a bk:Replacement ; bk:replacementCode ?guided ; bk:insteadOf ?unguided ;
                        bk:whenReportedWith ?guidance ; bk:whenGuidance ?modality }
          ?d bk:rule ?rule }""",
        guided=code_iri("12345"),
        unguided=code_iri("12340"),
        guidance=code_iri("22222"),
    )
    assert isinstance(rows, list)
    assert [r["rule"].value for r in rows] == ["80_guided_variant"]
    assert rows[0]["modality"] == concept_iri("modality", "fluoroscopy")
    main = premises(rules_kg, _named(rows[0]["d"]))
    assert main[_claim("procedures", "guided-variant")] is True
    assert main[_claim("guidance", "spine-guidance")] is False
    verdict = rules_kg.reportable("12340", "22222")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.report_instead == "12345"
    assert "report 12345 instead" in verdict.reason
    assert all(e.derived_by and e.derived_by[0] == "80_guided_variant" for e in verdict.evidence)


def test_guided_variant_not_derived_for_guidance_of_another_region(
    rules_kg: KnowledgeGraph,
) -> None:
    # 88888 guides central venous access: using it with 12340 (lumbar) does not make the
    # procedure its guided variant 12345, just as rule 70 does not put 88888 in 12345.
    assert not derived(rules_kg, code_iri("12345"), BK.includes, code_iri("88888"))
    rows = rules_kg.query(
        PREFIXES
        + """SELECT * WHERE {
          GRAPH ?d { ?r a bk:Replacement ; bk:insteadOf ?unguided ; bk:whenReportedWith ?guidance }
        }""",
        unguided=code_iri("12340"),
        guidance=code_iri("88888"),
    )
    assert rows == []
    verdict = rules_kg.reportable("12340", "88888")
    assert verdict.report_instead is None
    assert verdict.verdict is VerdictKind.UNKNOWN


def test_every_derivation_records_its_rule_and_premises(rules_kg: KnowledgeGraph) -> None:
    rules = {name.removeprefix("rules/") for name in rule_names()}
    rows = rules_kg.query(
        PREFIXES
        + """SELECT ?d (SAMPLE(?rule) AS ?r) (COUNT(DISTINCT ?rule) AS ?rules)
                    (COUNT(DISTINCT ?p) AS ?premises) (COUNT(DISTINCT ?m) AS ?mains) WHERE {
          ?d a bk:Derivation .
          OPTIONAL { ?d bk:rule ?rule }
          OPTIONAL { ?d prov:wasDerivedFrom ?p }
          OPTIONAL { ?d bk:mainPremise ?m }
        } GROUP BY ?d"""
    )
    assert isinstance(rows, list) and rows
    for row in rows:
        assert row["rules"].value == "1", row
        assert row["r"].value in rules
        assert int(row["premises"].value) >= 1, row
        assert int(row["mains"].value) >= 1, row


def test_every_premise_is_a_claim_or_a_derivation(rules_kg: KnowledgeGraph) -> None:
    rows = rules_kg.query(
        PREFIXES
        + """SELECT ?d ?p WHERE {
          ?d prov:wasDerivedFrom ?p .
          FILTER NOT EXISTS { ?p a bk:Claim }
          FILTER NOT EXISTS { ?p a bk:Derivation }
        }"""
    )
    assert rows == []
    mains = rules_kg.query(
        PREFIXES
        + "SELECT ?d ?m WHERE { ?d bk:mainPremise ?m "
        + "FILTER NOT EXISTS { ?d prov:wasDerivedFrom ?m } }"
    )
    assert mains == []


def test_every_derivation_leads_back_to_a_quoted_claim(rules_kg: KnowledgeGraph) -> None:
    rows = rules_kg.query(
        PREFIXES
        + """SELECT ?d WHERE {
          ?d a bk:Derivation .
          FILTER NOT EXISTS { ?d prov:wasDerivedFrom+ ?c . ?c a bk:Claim ; bk:quote ?q }
        }"""
    )
    assert rows == []
    # And every derivation holds the facts it derives in its own named graph.
    empty = rules_kg.query(
        PREFIXES
        + "SELECT ?d WHERE { ?d a bk:Derivation FILTER NOT EXISTS { GRAPH ?d { ?s ?p ?o } } }"
    )
    assert empty == []


def test_stated_facts_are_not_derivations(rules_kg: KnowledgeGraph) -> None:
    assert not derived(rules_kg, code_iri("11111"), BK.region, concept_iri("region", "lumbar"))
    result = rules_kg.query(
        PREFIXES + "ASK { GRAPH ?g { ?s bk:region ?o } ?g a bk:Claim }",
        s=code_iri("11111"),
        o=concept_iri("region", "lumbar"),
    )
    assert result is True


def test_rule_literal_is_a_plain_string(rules_kg: KnowledgeGraph) -> None:
    rows = rules_kg.query(PREFIXES + "SELECT DISTINCT ?rule WHERE { ?d bk:rule ?rule }")
    assert isinstance(rows, list)
    assert all(isinstance(r["rule"], Literal) for r in rows)
    assert {r["rule"].value for r in rows} == {name.removeprefix("rules/") for name in rule_names()}


def test_each_rule_reads_the_predicates_of_its_where_clause() -> None:
    bk = "https://w3id.org/bundlekg/ontology#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    # VALUES lists the predicates of a variable; "a bk:ProcedureCategory" reads that class only
    assert predicates_read("rules/50_expand_groups") == frozenset(
        {
            f"{bk}{name}"
            for name in (
                "category",
                "includes",
                "integralTo",
                "separatelyReportableWith",
                "addOnTo",
            )
        }
        | {f"{rdf_type} {bk}ProcedureCategory"}
    )
    # a property path reads its predicates; the CONSTRUCT template is not read
    reads = predicates_read("rules/30_category_hierarchy")
    assert reads is not None
    assert "http://www.w3.org/2004/02/skos/core#broader" in reads
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" not in reads
    assert all(predicates_read(name) is not None for name in rule_names())


def test_only_new_premises_and_changed_inputs_derive_the_same_graph(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every rule in every pass, as if each read every predicate, over every premise
    monkeypatch.setattr(rules, "predicates_read", lambda _name: None)
    since = rules._Engine.since
    monkeypatch.setattr(rules._Engine, "since", lambda engine, _order: since(engine, 0))
    every_pass = build(built.corpus, tmp_path / "store")
    assert every_pass.rules.derived == built.report.rules.derived
    assert every_pass.rules.runs == every_pass.rules.passes * len(rule_names())
    assert built.report.rules.runs < every_pass.rules.runs
    skipped, full = (
        {str(q) for q in kg.store if not any(isinstance(t, BlankNode) for t in q)}  # type: ignore[attr-defined]
        for kg in (built.kg, open_graph(tmp_path / "store"))
    )
    assert skipped == full


def test_the_order_of_derivations_is_not_published(rules_kg: KnowledgeGraph) -> None:
    assert not list(rules_kg.store.quads_for_pattern(None, None, None, rules.ORDER_GRAPH))  # type: ignore[attr-defined]
    assert rules.ORDER_GRAPH not in set(rules_kg.store.named_graphs())  # type: ignore[attr-defined]
