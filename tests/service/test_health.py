"""Liveness and readiness, in-process and over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"ok": True}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["sources"] == 5


def test_not_ready_without_a_built_store(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(store=tmp_path / "none"))) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.headers["Retry-After"] == "5"
        assert "bundlekg build" in ready.json()["error"]


def test_live_server_answers(live_server: str) -> None:
    response = httpx.get(f"{live_server}/readyz")
    assert response.status_code == 200
    assert response.json()["ok"] is True
