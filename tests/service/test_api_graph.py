"""``/v1/graph``: the neighbourhood of a code as graph JSON or a file, the whole graph as a file,
the quotes behind edges, and graph questions."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from bundlekg.service.models import (
    AssertionSupportsAnswer,
    ContestedAnswer,
    ContestedCodeAnswer,
    ExplanationAnswer,
    PathStepAnswer,
    QuotedSupportAnswer,
    StepSourceAnswer,
    WeakAnswer,
    WeakCodeAnswer,
)

NODE_KINDS = {"code", "addon", "region", "modality", "approach", "category", "modifier", "source"}


def graph(client: TestClient, code: str, depth: int) -> Any:
    response = client.get(f"/v1/graph/{code}", params={"depth": depth})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("depth", [1, 2])
def test_the_graph_around_62323(client: TestClient, depth: int) -> None:
    body = graph(client, "62323", depth)
    assert (body["code"], body["depth"]) == ("62323", depth)
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["77003"]["kind"] == "addon"
    assert nodes["62323"]["descriptor"].startswith("Injection(s)")
    assert {n["kind"] for n in body["nodes"]} <= NODE_KINDS
    for edge in body["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes, edge["id"]
        assert isinstance(edge["contested"], bool) and isinstance(edge["derived"], bool)
        assert edge["claims"]
    (disputed,) = [
        e
        for e in body["edges"]
        if (e["source"], e["kind"], e["target"]) == ("62323", "includes", "77003")
    ]
    assert disputed["contested"] is True
    assert "claim/003_37225522b298a619/62323-includes-imaging-guidance" in disputed["claims"]
    assert any(e["kind"] == "stated_by" for e in body["edges"])


def test_depth_two_holds_more_than_depth_one(client: TestClient) -> None:
    one, two = graph(client, "62323", 1), graph(client, "62323", 2)
    assert {n["id"] for n in one["nodes"]} < {n["id"] for n in two["nodes"]}
    assert {e["id"] for e in one["edges"]} < {e["id"] for e in two["edges"]}


def test_an_unknown_code_is_404(client: TestClient) -> None:
    response = client.get("/v1/graph/99999")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/v1/graph/6232", "code"),
        ("/v1/graph/62323?depth=0", "depth"),
        ("/v1/graph/62323?depth=4", "depth"),
    ],
)
def test_bad_input_is_422(client: TestClient, url: str, field: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


# Files of the graph.


@pytest.mark.parametrize(
    ("format", "media_type", "start"),
    [
        ("graphml", "application/graphml+xml", b"<?xml"),
        ("gexf", "application/gexf+xml", b"<?xml"),
        ("dot", "text/vnd.graphviz", b'digraph "bundlekg 62323 depth 2"'),
        ("json", "application/json", b"{"),
    ],
)
def test_the_graph_around_a_code_as_a_file(
    client: TestClient, format: str, media_type: str, start: bytes
) -> None:
    response = client.get("/v1/graph/62323", params={"depth": 2, "format": format})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="bundlekg-62323-depth2.{format}"'
    assert response.content.startswith(start)


def test_node_link_json_holds_the_drawn_graph(client: TestClient) -> None:
    drawn = graph(client, "62323", 1)
    linked = client.get("/v1/graph/62323", params={"format": "json"}).json()
    assert linked["multigraph"] is True
    assert {n["id"] for n in linked["nodes"]} == {n["id"] for n in drawn["nodes"]}
    assert {f"{e['source']} {e['key']} {e['target']}" for e in linked["edges"]} == {
        e["id"] for e in drawn["edges"]
    }


def test_the_whole_graph_as_a_file(client: TestClient) -> None:
    response = client.get("/v1/graph")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert 'filename="bundlekg.graphml"' in response.headers["content-disposition"]
    assert b"source:004_a5a818537efe86aa" in response.content
    gexf = client.get("/v1/graph", params={"format": "gexf"})
    assert gexf.headers["content-type"].startswith("application/gexf+xml")


@pytest.mark.parametrize("url", ["/v1/graph?format=xml", "/v1/graph/62323?format=svg"])
def test_an_unknown_format_is_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"


# Graph questions.


def test_the_chain_of_facts(client: TestClient) -> None:
    response = client.get("/v1/graph/path", params={"from": "62270", "to": "77003"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["found"] is True and body["nodes"] == ["62270", "62328", "77003"]
    assert [s["kind"] for s in body["steps"]] == ["guided_variant_of", "includes"]
    assert body["steps"][0]["sources"][0]["id"] == "004_a5a818537efe86aa"


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"from": "6232", "to": "77003"}, 422, "from"),
        ({"from": "62323", "to": "62323"}, 422, "to"),
        ({"from": "62323"}, 422, "to"),
        ({"from": "62323", "to": "99999"}, 404, None),
    ],
)
def test_bad_chains(
    client: TestClient, params: dict[str, str], status: int, field: str | None
) -> None:
    response = client.get("/v1/graph/path", params=params)
    assert response.status_code == status, response.text
    if field is not None:
        assert response.json()["errors"][0]["field"] == field


def test_the_most_contested_codes(client: TestClient) -> None:
    body = client.get("/v1/graph/contested", params={"limit": 2}).json()
    assert body["count"] == 2
    assert body["results"][0]["code"] == "62323"
    assert "62323 includes 77003" in body["results"][0]["links"]
    assert client.get("/v1/graph/contested", params={"limit": 0}).status_code == 422


def test_weakly_sourced_codes(client: TestClient) -> None:
    body = client.get("/v1/graph/weakly-sourced").json()
    assert body["max_authority"] == 2
    codes = {r["code"]: r for r in body["results"]}
    assert codes["62328"]["source"]["kind"] == "qa_forum"
    assert body["count"] == len(body["results"])
    none = client.get("/v1/graph/weakly-sourced", params={"max_authority": 1}).json()
    assert none["results"] == []


def test_the_quotes_behind_an_edge(client: TestClient) -> None:
    drawn = graph(client, "62323", 1)
    (edge,) = [e for e in drawn["edges"] if e["id"] == "62323 includes 77003"]
    response = client.get("/v1/graph/evidence", params={"id": edge["claims"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["results"]) > 1
    first = body["results"][0]
    assert first["role"] == "statement"
    assert {"before", "after", "quote", "title", "kind", "start", "end"} <= set(first)
    sources = {r["source"] for r in body["results"]}
    assert "003_37225522b298a619" in sources


@pytest.mark.parametrize("params", [{}, {"id": "nonsense"}, {"id": ["claim/x/y"] * 201}])
def test_bad_evidence_requests(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/v1/graph/evidence", params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "id"


def test_the_models_name_every_key(client: TestClient) -> None:
    chain = client.get("/v1/graph/path", params={"from": "62270", "to": "77003"}).json()
    assert set(chain) == set(ExplanationAnswer.model_fields)
    assert set(chain["steps"][0]) == set(PathStepAnswer.model_fields)
    assert set(chain["steps"][0]["sources"][0]) == set(StepSourceAnswer.model_fields)
    contested = client.get("/v1/graph/contested").json()
    assert set(contested) == set(ContestedAnswer.model_fields)
    assert set(contested["results"][0]) == set(ContestedCodeAnswer.model_fields)
    weak = client.get("/v1/graph/weakly-sourced").json()
    assert set(weak) == set(WeakAnswer.model_fields)
    assert set(weak["results"][0]) == set(WeakCodeAnswer.model_fields)
    quotes = client.get(
        "/v1/graph/evidence",
        params={"id": "claim/003_37225522b298a619/62323-includes-imaging-guidance"},
    ).json()
    assert set(quotes) == set(AssertionSupportsAnswer.model_fields)
    assert set(quotes["results"][0]) == set(QuotedSupportAnswer.model_fields)
