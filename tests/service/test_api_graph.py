"""``GET /v1/graph/{code}``: the neighbourhood of a code as graph JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

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
