"""The service over a SPARQL server that goes away, is slow, or comes back: a quick 503 with a
retry hint while it is gone, answers again as soon as it is back, without a restart. A real
``oxigraph serve`` is killed and restarted on the same port and data."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bundlekg import build
from bundlekg.location import StoreLocation
from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings
from tests.conftest import CORPUS, OxigraphServer, oxigraph_server

PAIR = "/v1/reportable?a=62323&b=77003"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    running = oxigraph_server(tmp_path / "oxigraph")
    try:
        build(CORPUS, StoreLocation.of(running.endpoint))
        yield running
    finally:
        running.kill()


def app_over(endpoint: str, **settings: float) -> TestClient:
    values = {"query_timeout": 2.0, "refresh_interval": 0.2, "answer_cache": 0, **settings}
    return TestClient(
        create_app(Settings(endpoint=endpoint, **values)),  # type: ignore[arg-type]
        raise_server_exceptions=False,
    )


def eventually_ok(client: TestClient, seconds: float = 10) -> int:
    deadline = time.monotonic() + seconds
    status = 0
    while time.monotonic() < deadline:
        status = int(client.get(PAIR).status_code)
        if status == 200:
            return status
        time.sleep(0.1)
    return status


def test_a_killed_store_gives_503_then_the_service_recovers(server: OxigraphServer) -> None:
    with app_over(server.endpoint) as client:
        assert client.get(PAIR).json()["verdict"] == "not_separately_reportable"

        server.kill()
        started = time.monotonic()
        response = client.get(PAIR)
        assert time.monotonic() - started < 2.0
        assert response.status_code == 503
        assert int(response.headers["Retry-After"]) > 0
        body = response.json()
        assert body["status"] == 503 and "cannot be reached" in body["error"]
        assert server.endpoint.removesuffix("/query") in body["error"]
        assert client.get("/readyz").status_code == 503
        sparql = client.get("/sparql", params={"query": "ASK {}", "format": "json"})
        assert sparql.status_code == 503

        server.start()
        assert eventually_ok(client) == 200
        assert client.get(PAIR).json()["verdict"] == "not_separately_reportable"
        assert client.get("/readyz").json()["ok"] is True


def test_a_store_down_at_start_is_503_until_it_is_up(server: OxigraphServer) -> None:
    server.kill()
    with app_over(server.endpoint) as client:
        response = client.get(PAIR)
        assert response.status_code == 503 and "Retry-After" in response.headers
        server.start()
        assert eventually_ok(client) == 200


def test_a_store_that_does_not_answer_times_out_with_503() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # accepts connections, never answers
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with app_over(endpoint, query_timeout=1.0) as client:
            started = time.monotonic()
            response = client.get(PAIR)
            assert time.monotonic() - started < 5.0
            assert response.status_code == 503
            assert "did not answer" in response.json()["error"]


def test_a_new_build_is_served_without_a_restart(server: OxigraphServer, tmp_path: Path) -> None:
    with app_over(server.endpoint) as client:
        before = {s["id"] for s in client.get("/v1/sources").json()}
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "manifest.csv").write_text("id,title,kind,url\n")
        only = CORPUS / "003_37225522b298a619.txt"
        (corpus / only.name).write_text(only.read_text(encoding="utf-8"), encoding="utf-8")
        (corpus / "reviews").mkdir()
        build(corpus, StoreLocation.of(server.endpoint))
        deadline = time.monotonic() + 10
        after = before
        while time.monotonic() < deadline and after == before:
            time.sleep(0.1)
            after = {s["id"] for s in client.get("/v1/sources").json()}
        assert len(before) == 5 and after == {"003_37225522b298a619"}
