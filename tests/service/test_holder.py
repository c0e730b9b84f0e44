"""The service over a store directory follows its builds: 503 before the first, the new graph
after each rebuild, without a restart."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from bundlekg import build
from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings
from tests.conftest import Claims, review_files


def sources_within(client: TestClient, expected: int, seconds: float = 10) -> int:
    deadline = time.monotonic() + seconds
    found = -1
    while time.monotonic() < deadline:
        response = client.get("/v1/sources")
        found = len(response.json()) if response.status_code == 200 else -1
        if found == expected:
            break
        time.sleep(0.05)
    return found


def test_the_service_follows_rebuilds_of_its_store(
    tmp_path: Path, make_corpus: Callable[..., Path]
) -> None:
    store = tmp_path / "store"
    settings = Settings(store=store, refresh_interval=0.1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        before = client.get("/v1/sources")
        assert before.status_code == 503
        assert "bundlekg build" in before.json()["error"]

        claims: Claims = [("b", "77003 is included in 62323.", [[62323, "includes", 77003]])]
        text, review = review_files("200_0123456789abcdef", claims)
        build(
            make_corpus({"200_0123456789abcdef": text}, reviews={"200_0123456789abcdef": review}),
            store,
        )
        assert sources_within(client, 1) == 1

        build(Path(__file__).resolve().parents[2] / "corpus", store)
        assert sources_within(client, 5) == 5
        verdict = client.get("/v1/reportable", params={"a": "62323", "b": "77003"}).json()
        assert "003_37225522b298a619" in {e["source"] for e in verdict["evidence"]}
