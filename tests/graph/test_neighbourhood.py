"""The graph around a code, on the bundled corpus: typed nodes and edges, contested links, the
claims and derivations behind each edge, and depth."""

from __future__ import annotations

import pytest

from bundlekg import InputError, KnowledgeGraph, UnknownCodeError
from bundlekg.neighbourhood import Edge, Neighbourhood, code_neighbourhood


@pytest.fixture(scope="module")
def around_62323(kg: KnowledgeGraph) -> Neighbourhood:
    return code_neighbourhood(kg, "62323", depth=1)


def edge(graph: Neighbourhood, source: str, kind: str, target: str) -> Edge:
    found = [e for e in graph.edges if (e.source, e.kind, e.target) == (source, kind, target)]
    assert len(found) == 1, f"{source} {kind} {target} not in {[e.id for e in graph.edges]}"
    return found[0]


def test_every_edge_joins_two_nodes_and_edges_are_unique(around_62323: Neighbourhood) -> None:
    ids = {n.id for n in around_62323.nodes}
    assert len(ids) == len(around_62323.nodes)
    for e in around_62323.edges:
        assert e.source in ids and e.target in ids, e.id
    assert len({e.id for e in around_62323.edges}) == len(around_62323.edges)


def test_nodes_are_typed(around_62323: Neighbourhood) -> None:
    kinds = {n.id: n.kind for n in around_62323.nodes}
    assert around_62323.nodes[0].id == "62323"
    assert kinds["62323"] == "code"
    assert kinds["77003"] == "addon"
    assert kinds["region:lumbar"] == "region"
    assert kinds["modality:fluoroscopy"] == "modality"
    assert kinds["approach:interlaminar"] == "approach"
    assert kinds["category:spinal-procedure"] == "category"
    assert kinds["modifier:59"] == "modifier"
    assert kinds["source:003_37225522b298a619"] == "source"
    labels = {n.id: n.label for n in around_62323.nodes}
    assert labels["source:003_37225522b298a619"] == "62323 descriptor and coding guidelines"
    assert labels["region:lumbar"] == "Lumbar spine"


def test_the_disputed_pair_is_a_contested_edge_with_its_claim(
    around_62323: Neighbourhood,
) -> None:
    includes = edge(around_62323, "62323", "includes", "77003")
    assert includes.contested
    assert not includes.derived  # 003 states it in so many words
    assert "claim/003_37225522b298a619/62323-includes-imaging-guidance" in includes.claims
    assert "70_guidance_included" in includes.rules
    add_on = edge(around_62323, "77003", "add_on_to", "62323")
    assert add_on.contested
    assert add_on.derived
    assert all(c.startswith("derivation/") for c in add_on.claims)
    assert add_on.rules == ("50_expand_groups",)


def test_guidance_edges_are_contested_by_without_guidance(around_62323: Neighbourhood) -> None:
    assert edge(around_62323, "62323", "includes_guidance", "modality:fluoroscopy").contested
    assert edge(around_62323, "62323", "excludes_guidance", "modality:imaging").contested
    assert not edge(around_62323, "62323", "region", "region:lumbar").contested


def test_stated_by_links_the_code_to_the_claims_of_each_source(
    kg: KnowledgeGraph, around_62323: Neighbourhood
) -> None:
    stated = [e for e in around_62323.edges if e.kind == "stated_by"]
    assert {e.target for e in stated} >= {"source:003_37225522b298a619"}
    for e in stated:
        document = e.target.removeprefix("source:")
        own = {f"claim/{document}/{c.id}" for c in kg.source(document).claims}
        assert set(e.claims) <= own and e.claims


def test_stated_edges_name_claims_that_exist(
    kg: KnowledgeGraph, around_62323: Neighbourhood
) -> None:
    claims = {f"claim/{s.id}/{c.id}" for s in kg.sources() for c in kg.source(s.id).claims}
    for e in around_62323.edges:
        named = [c for c in e.claims if c.startswith("claim/")]
        assert set(named) <= claims, e.id
        assert e.derived == (not named), e.id


def test_integral_to_is_drawn_as_includes_from_the_including_side(kg: KnowledgeGraph) -> None:
    graph = code_neighbourhood(kg, "76000")
    integral = edge(graph, "category:spinal-procedure", "includes", "76000")
    assert integral.claims == ("claim/004_a5a818537efe86aa/76000-integral-ncci",)
    assert not integral.contested


def test_report_instead_and_guided_variants(kg: KnowledgeGraph) -> None:
    graph = code_neighbourhood(kg, "62270")
    assert edge(graph, "62270", "report_instead", "62328").derived
    assert not edge(graph, "62328", "guided_variant_of", "62270").derived


def test_depth_two_reaches_through_neighbouring_codes(kg: KnowledgeGraph) -> None:
    one = code_neighbourhood(kg, "62323", depth=1)
    two = code_neighbourhood(kg, "62323", depth=2)
    first, second = {n.id for n in one.nodes}, {n.id for n in two.nodes}
    assert first < second
    # 77003 is guidance for paraspinous injections; 62323 itself says nothing of paraspinous.
    assert "region:paraspinous" in second - first
    assert edge(two, "77003", "guidance_region", "region:paraspinous")
    assert len(two.edges) > len(one.edges)
    ids = second
    assert all(e.source in ids and e.target in ids for e in two.edges)


@pytest.mark.parametrize(("code", "depth", "field"), [("6232", 1, "code"), ("62323", 0, "depth")])
def test_bad_input_names_the_field(kg: KnowledgeGraph, code: str, depth: int, field: str) -> None:
    with pytest.raises(InputError) as raised:
        code_neighbourhood(kg, code, depth=depth)
    assert raised.value.field == field


def test_an_unknown_code_is_an_error(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownCodeError):
        code_neighbourhood(kg, "99999")
