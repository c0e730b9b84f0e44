"""``GET /v1/codes/{code}`` and ``GET /v1/codes?q=``: one code as ``bundlekg code --json`` shows
it, and search by code prefix or descriptor words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Cli


def test_a_code_is_the_cli_contract(client: TestClient, cli: Cli, built_store: Path) -> None:
    printed = cli("code", "62323", "--json", "--store", built_store)
    assert printed.exit_code == 0, printed.output
    response = client.get("/v1/codes/62323")
    assert response.status_code == 200
    assert response.json() == json.loads(printed.stdout)


def test_a_code_lists_its_facts_and_conflicts(client: TestClient) -> None:
    body = client.get("/v1/codes/m54.16").json()
    assert (body["code"], body["system"]) == ("M54.16", "ICD10CM")
    body = client.get("/v1/codes/77003").json()
    assert body["add_on"] is True
    regions = {f["value"] for f in body["facts"] if f["property"] == "guidanceRegion"}
    assert {"spine", "paraspinous"} <= regions
    assert {tuple(c["codes"]) for c in body["conflicts"]} >= {("62323", "77003")}


def test_a_well_formed_code_no_source_mentions_is_404(client: TestClient) -> None:
    response = client.get("/v1/codes/99999")
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert "99999 is not in the graph" in response.json()["error"]


@pytest.mark.parametrize("code", ["6232", "623234", "ABCDE", "62323-59"])
def test_a_malformed_code_is_422(client: TestClient, code: str) -> None:
    response = client.get(f"/v1/codes/{code}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_search_by_code_prefix(client: TestClient) -> None:
    response = client.get("/v1/codes", params={"q": "623"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "623"
    codes = [r["code"] for r in body["results"]]
    assert {"62321", "62323", "62328", "62329"} <= set(codes)
    assert all(c.startswith("623") for c in codes)
    assert body["count"] == len(codes)
    (hit,) = [r for r in body["results"] if r["code"] == "62323"]
    assert set(hit) == {"code", "system", "descriptor", "sources", "match"}
    assert hit["system"] == "CPT" and hit["sources"] >= 3 and hit["match"] == "code"


def test_search_by_descriptor_words(client: TestClient) -> None:
    body = client.get("/v1/codes", params={"q": "fluoroscopic guidance"}).json()
    codes = [r["code"] for r in body["results"]]
    assert {"77001", "77002", "77003"} <= set(codes)
    for result in body["results"]:
        words = result["descriptor"].lower()
        assert "fluoroscopic" in words and "guidance" in words


def test_search_limit(client: TestClient) -> None:
    assert client.get("/v1/codes", params={"q": "6", "limit": 1}).json()["count"] == 1
    for limit in ("0", "101", "many"):
        response = client.get("/v1/codes", params={"q": "6", "limit": limit})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "limit"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_search_needs_a_query(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/v1/codes", params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"
