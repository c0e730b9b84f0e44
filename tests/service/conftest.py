"""Service fixtures: the app in-process for most tests, and a real uvicorn server on a free
loopback port for the clients that speak HTTP (SPARQLWrapper, rdflib, httpx, Chromium)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings
from tests.conftest import OxigraphServer, free_port

REPO = Path(__file__).resolve().parents[2]

# Debian's Chromium (a test tool's own browser download cannot be used here), headless.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session", params=["embedded", "remote"])
def backend(request: pytest.FixtureRequest) -> str:
    """The store the service reads: its own pyoxigraph directory, or a SPARQL server."""
    kind: str = request.param
    return kind


@pytest.fixture(scope="session")
def settings(request: pytest.FixtureRequest, backend: str, built_store: Path) -> Settings:
    """The service's settings over the session's graph, in each backend."""
    if backend == "remote":
        remote: OxigraphServer = request.getfixturevalue("remote_store")
        return Settings(endpoint=remote.endpoint, assets=REPO / "node_modules")
    return Settings(store=built_store, assets=REPO / "node_modules")


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    """The app in-process, over the session's built graph."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def start_server(
    store: Path | str, port: int, *extra_env: tuple[str, str]
) -> subprocess.Popen[bytes]:
    """``uvicorn`` serving the app factory over ``store`` (a directory or a SPARQL query URL)
    on 127.0.0.1:``port``."""
    env = {**os.environ, "BUNDLEKG_ASSETS": str(REPO / "node_modules")}
    env["BUNDLEKG_ENDPOINT" if isinstance(store, str) else "BUNDLEKG_STORE"] = str(store)
    env.update(dict(extra_env))
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bundlekg.service.app:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer within {seconds} s")


@contextmanager
def serving(store: Path | str) -> Iterator[str]:
    """A real server over ``store`` (a directory or a SPARQL query URL) on a free loopback
    port: its base URL, once it answers; stopped on leaving."""
    port = free_port()
    process = start_server(store, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[str]:
    """The base URL of a real server over the session's graph (in each backend); stopped at
    the end."""
    with serving(settings.endpoint or settings.store) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests keep what a person may want to look at (screenshots)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
