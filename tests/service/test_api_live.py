"""The REST API over real HTTP: httpx against uvicorn in a subprocess."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

DATE = "2025-10-01"


def test_reportable_over_http_is_the_in_process_answer(
    live_server: str, client: TestClient
) -> None:
    params = {"a": "62323", "b": "77003", "date": DATE}
    response = httpx.get(f"{live_server}/v1/reportable", params=params, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["verdict"] == "not_separately_reportable" and body["contested"] is True
    assert body == client.get("/v1/reportable", params=params).json()


def test_claim_check_over_http(live_server: str) -> None:
    claim = {"lines": [{"code": "62323"}, {"code": "77003", "modifiers": ["XS"]}], "date": DATE}
    with httpx.Client(base_url=live_server, timeout=30) as http:
        response = http.post("/v1/claims/check", json=claim)
        assert response.status_code == 200
        body = response.json()
        assert [p["lines"] for p in body["pairs"]] == [[1, 2]]
        assert body["pairs"][0]["modifiers"] == ["XS"]
        assert [f["kind"] for f in body["flags"]] == ["pair"]
        bad = http.post("/v1/claims/check", json={"lines": [{"code": "62323", "units": -1}]})
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == "lines.0.units"


def test_errors_over_http_keep_the_one_shape(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        missing = http.get("/v1/codes/99999")
        malformed = http.get("/v1/reportable", params={"a": "6232", "b": "77003"})
        no_source = http.get("/v1/sources/nothing")
    assert (missing.status_code, malformed.status_code, no_source.status_code) == (404, 422, 404)
    for response in (missing, malformed, no_source):
        body = response.json()
        assert set(body) == {"ok", "status", "error", "errors"}
        assert body["status"] == response.status_code
    assert malformed.json()["errors"][0]["field"] == "a"


def test_search_sources_and_graph_over_http(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        found = http.get("/v1/codes", params={"q": "fluoroscopic guidance"}).json()
        assert "77003" in {r["code"] for r in found["results"]}
        sources = http.get("/v1/sources").json()
        assert len(sources) == 5
        around = http.get("/v1/graph/62323", params={"depth": 2}).json()
        assert "77003" in {n["id"] for n in around["nodes"]}


def test_a_browser_origin_may_call_the_api(live_server: str) -> None:
    response = httpx.get(
        f"{live_server}/v1/sources",
        headers={"Origin": "https://coder.example"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", "https://coder.example")


def test_openapi_and_docs_are_served(live_server: str) -> None:
    schema = httpx.get(f"{live_server}/openapi.json", timeout=30).json()
    assert "/v1/reportable" in schema["paths"]
    docs = httpx.get(f"{live_server}/docs", timeout=30)
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
