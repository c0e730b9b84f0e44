"""``GET /v1/sources``, ``GET /v1/sources/{id}`` (text and claims with offsets) and
``GET /v1/conflicts``."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import Cli


def test_sources_are_the_cli_contract(client: TestClient, cli: Cli, built_store: Path) -> None:
    printed = cli("sources", "--json", "--store", built_store)
    assert printed.exit_code == 0, printed.output
    body = client.get("/v1/sources").json()
    assert body == json.loads(printed.stdout)
    assert len(body) == 5
    assert body[0]["id"] == "003_37225522b298a619" and body[0]["authority"] == 3


def test_every_claim_of_every_source_is_at_its_offsets(client: TestClient) -> None:
    for summary in client.get("/v1/sources").json():
        response = client.get(f"/v1/sources/{summary['id']}")
        assert response.status_code == 200
        body = response.json()
        assert body["id"] == summary["id"]
        assert len(body["text"]) == summary["characters"]
        assert len(body["claims"]) == summary["claims"] > 0
        assert [c["start"] for c in body["claims"]] == sorted(c["start"] for c in body["claims"])
        for claim in body["claims"]:
            assert body["text"][claim["start"] : claim["end"]] == claim["quote"]


def test_a_source_lists_what_each_claim_asserts(client: TestClient) -> None:
    body = client.get("/v1/sources/003_37225522b298a619").json()
    (claim,) = [c for c in body["claims"] if c["id"] == "62323-includes-imaging-guidance"]
    assert claim["negated"] is True
    assert ["62323", "includesGuidance", "fluoroscopy"] in claim["asserts"]
    assert (claim["start"], claim["end"]) == (2963, 3131)


def test_an_unknown_source_is_404(client: TestClient) -> None:
    response = client.get("/v1/sources/999_nothing")
    assert response.status_code == 404
    assert "999_nothing" in response.json()["error"]


def test_conflicts_are_the_cli_contract(client: TestClient, cli: Cli, built_store: Path) -> None:
    printed = cli("conflicts", "--json", "--store", built_store)
    assert printed.exit_code == 0, printed.output
    body = client.get("/v1/conflicts").json()
    assert body == json.loads(printed.stdout)
    topics = {(c["topic"], tuple(c["codes"])) for c in body}
    assert ("imaging-guidance", ("62323",)) in topics
    assert ("billing", ("62323", "77003")) in topics


def test_each_conflict_has_two_sides_with_sources(client: TestClient) -> None:
    for conflict in client.get("/v1/conflicts").json():
        assert len(conflict["sides"]) == 2
        assert all(side["sources"] for side in conflict["sides"])
    (guidance,) = [c for c in client.get("/v1/conflicts").json() if c["codes"] == ["62323"]]
    without = {s["source"] for s in guidance["sides"][1]["sources"]}
    assert "000_438acad2e7e8b7ba" in without


def test_conflicts_filtered_by_code(client: TestClient) -> None:
    body = client.get("/v1/conflicts", params={"code": "77002"}).json()
    assert body and all("77002" in c["codes"] for c in body)
    assert client.get("/v1/conflicts", params={"code": "50590"}).json() == []
    bad = client.get("/v1/conflicts", params={"code": "7700"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "code"
