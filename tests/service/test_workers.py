"""``bundlekg serve --workers 2``: two processes over one store (the embedded directory opened
read-only by each, or the SPARQL server shared), answering alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from bundlekg.service.settings import Settings
from tests.conftest import free_port
from tests.service.conftest import wait_until_up

BUNDLEKG = Path(sys.executable).parent / "bundlekg"


def test_two_workers_answer_from_one_store(settings: Settings) -> None:
    port = free_port()
    where = ["--endpoint", settings.endpoint] if settings.endpoint else ["--store", settings.store]
    process = subprocess.Popen(
        [BUNDLEKG, "serve", "--workers", "2", "--port", str(port), *map(str, where)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        with httpx.Client(base_url=url, timeout=10) as client:
            answers = [
                client.get("/v1/reportable", params={"a": "62323", "b": "77003"}) for _ in range(20)
            ]
        assert {r.status_code for r in answers} == {200}
        assert len({r.text for r in answers}) == 1
    finally:
        process.terminate()
        process.wait(timeout=20)
