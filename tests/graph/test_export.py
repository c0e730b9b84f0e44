"""The graph as a networkx MultiDiGraph and its files, on the bundled corpus: the same nodes and
edges the explorer draws, attributes every writer takes, and files that networkx, pydot and an
XML parser read back whole.

No XML Schema for GraphML or GEXF 1.2 ships in a package this project can install, so the files
are checked by structure (namespaces, declared keys and attributes, edge ends that are nodes) and
by reading them back with networkx's own readers."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx
import pydot
import pytest

from bundlekg import InputError, KnowledgeGraph, UnknownCodeError
from bundlekg.export import (
    ExportFormat,
    MultiGraph,
    graph_from_triples,
    knowledge_multigraph,
    neighbourhood_multigraph,
    write_graph,
)
from bundlekg.neighbourhood import code_neighbourhood

NODE_KINDS = {"code", "addon", "region", "modality", "approach", "category", "modifier", "source"}
EDGE_ATTRIBUTES = {
    "kind": str,
    "contested": bool,
    "derived": bool,
    "sources": int,
    "authority": int,
    "documents": str,
    "claims": str,
    "rules": str,
}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def whole(kg: KnowledgeGraph) -> MultiGraph:
    return knowledge_multigraph(kg)


@pytest.fixture(scope="module")
def around(kg: KnowledgeGraph) -> MultiGraph:
    return neighbourhood_multigraph(kg, "62323", depth=2)


def test_nodes_and_edges_are_typed_and_never_none(whole: MultiGraph) -> None:
    assert whole.number_of_nodes() > 40 and whole.number_of_edges() > 100
    for node, data in whole.nodes(data=True):
        assert data["kind"] in NODE_KINDS, node
        assert isinstance(data["label"], str) and data["label"], node
        assert None not in data.values(), node
    for source, target, key, data in whole.edges(keys=True, data=True):
        assert key == data["kind"], (source, target)
        assert set(data) == set(EDGE_ATTRIBUTES), (source, key, target)
        for name, kind in EDGE_ATTRIBUTES.items():
            assert type(data[name]) is kind, (source, key, target, name)


def test_codes_concepts_and_sources_carry_their_attributes(whole: MultiGraph) -> None:
    code = whole.nodes["62323"]
    assert (code["kind"], code["code"], code["system"]) == ("code", "62323", "CPT")
    assert code["descriptor"].startswith("Injection(s)")
    assert whole.nodes["77003"]["kind"] == "addon"
    region = whole.nodes["region:lumbar"]
    assert (region["kind"], region["notation"], region["label"]) == (
        "region",
        "lumbar",
        "Lumbar spine",
    )
    source = whole.nodes["source:003_37225522b298a619"]
    assert (source["source_kind"], source["authority"]) == ("coding_reference", 3)
    assert source["title"] == "62323 descriptor and coding guidelines"


def test_a_contested_edge_keeps_its_sources(whole: MultiGraph) -> None:
    includes = whole.edges["62323", "77003", "includes"]
    assert includes["contested"] is True and includes["derived"] is False
    assert "claim/003_37225522b298a619/62323-includes-imaging-guidance" in includes["claims"]
    assert "003_37225522b298a619" in includes["documents"].split()
    assert includes["authority"] == 3
    assert includes["sources"] == len(includes["documents"].split())
    separate = whole.edges["77003", "62323", "separately_reportable"]
    assert separate["contested"] is True
    assert "000_438acad2e7e8b7ba" in separate["documents"].split()
    stated = whole.edges["62323", "source:003_37225522b298a619", "stated_by"]
    assert stated["sources"] == 1


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_the_neighbourhood_is_what_the_explorer_draws(kg: KnowledgeGraph, depth: int) -> None:
    exported = neighbourhood_multigraph(kg, "62323", depth=depth)
    drawn = code_neighbourhood(kg, "62323", depth=depth)
    assert set(exported) == {n.id for n in drawn.nodes}
    edges = {f"{s} {k} {t}": d for s, t, k, d in exported.edges(keys=True, data=True)}
    assert set(edges) == {e.id for e in drawn.edges}
    for edge in drawn.edges:
        assert edges[edge.id]["contested"] == edge.contested, edge.id
        assert edges[edge.id]["derived"] == edge.derived, edge.id
        assert edges[edge.id]["claims"].split() == list(edge.claims), edge.id


def test_bad_neighbourhoods(kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError) as bad_code:
        neighbourhood_multigraph(kg, "6232")
    assert bad_code.value.field == "code"
    with pytest.raises(InputError) as bad_depth:
        neighbourhood_multigraph(kg, "62323", depth=4)
    assert bad_depth.value.field == "depth"
    with pytest.raises(UnknownCodeError):
        neighbourhood_multigraph(kg, "99999")


def test_no_triples_no_graph() -> None:
    empty = graph_from_triples([])
    assert (empty.number_of_nodes(), empty.number_of_edges()) == (0, 0)


def test_format_names() -> None:
    assert ExportFormat.parse(" GraphML ") is ExportFormat.GRAPHML
    assert ExportFormat.GEXF.media_type == "application/gexf+xml"
    with pytest.raises(InputError) as error:
        ExportFormat.parse("xml")
    assert error.value.field == "format"
    assert "graphml, gexf, json, dot" in str(error.value)


def _file(body: bytes, suffix: str) -> io.BytesIO:
    """An in-memory file, named so that networkx's readers take it."""
    stream = io.BytesIO(body)
    stream.name = f"graph.{suffix}"
    return stream


def same_graph(read: Any, written: MultiGraph) -> None:
    assert set(read) == set(written)
    assert read.number_of_edges() == written.number_of_edges()


def test_graphml_is_well_formed_and_reads_back(around: MultiGraph) -> None:
    body = write_graph(around, ExportFormat.GRAPHML)
    root = ET.fromstring(body)
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): k for k in root.iter(f"{GRAPHML}key")}
    (graph,) = root.iter(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = {n.get("id") for n in graph.iter(f"{GRAPHML}node")}
    for edge in graph.iter(f"{GRAPHML}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes
    for owner in ("node", "edge"):
        for element in graph.iter(f"{GRAPHML}{owner}"):
            for data in element.iter(f"{GRAPHML}data"):
                assert keys[data.get("key")].get("for") == owner
    types = {k.get("attr.name"): k.get("attr.type") for k in keys.values()}
    assert types["contested"] == "boolean" and types["sources"] in ("int", "long")
    read = nx.read_graphml(_file(body, "graphml"), force_multigraph=True)
    same_graph(read, around)
    assert read.nodes["source:003_37225522b298a619"]["source_kind"] == "coding_reference"
    assert any(d["contested"] is True for _, _, d in read.edges(data=True))


def test_gexf_is_well_formed_and_reads_back(around: MultiGraph) -> None:
    body = write_graph(around, ExportFormat.GEXF)
    root = ET.fromstring(body)
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    (graph,) = root.iter(f"{GEXF}graph")
    assert graph.get("defaultedgetype") == "directed"
    declared = {
        (block.get("class"), a.get("id"))
        for block in graph.iter(f"{GEXF}attributes")
        for a in block.iter(f"{GEXF}attribute")
    }
    nodes = {n.get("id") for n in graph.iter(f"{GEXF}node")}
    edge_ids = [e.get("id") for e in graph.iter(f"{GEXF}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == around.number_of_edges()
    for edge in graph.iter(f"{GEXF}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes
        for value in edge.iter(f"{GEXF}attvalue"):
            assert ("edge", value.get("for")) in declared
    for node in graph.iter(f"{GEXF}node"):
        assert node.get("label")
        for value in node.iter(f"{GEXF}attvalue"):
            assert ("node", value.get("for")) in declared
    read = nx.read_gexf(_file(body, "gexf"))
    same_graph(read, around)


def test_node_link_json_reads_back(around: MultiGraph) -> None:
    data = json.loads(write_graph(around, ExportFormat.JSON))
    assert data["directed"] is True and data["multigraph"] is True
    read = nx.node_link_graph(data, edges="edges")
    same_graph(read, around)
    assert read.get_edge_data("62323", "77003")["includes"]["contested"] is True


# pydot's DOT parser still calls pyparsing's camelCase names, which warn; writing does not parse.
@pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot.dot_parser")
def test_dot_quotes_every_id(around: MultiGraph) -> None:
    body = write_graph(around, ExportFormat.DOT).decode()
    assert body.startswith('digraph "bundlekg 62323 depth 2"')
    assert '"source:003_37225522b298a619" [kind="source"' in body
    graphs = pydot.graph_from_dot_data(body)
    assert graphs is not None
    (parsed,) = graphs
    names = {n.get_name().strip('"') for n in parsed.get_nodes()}
    assert names == set(around)
    assert len(parsed.get_edges()) == around.number_of_edges()
