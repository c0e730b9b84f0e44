"""Shared fixtures: the real corpus built once into a real pyoxigraph store, small corpora made
on the fly for error cases, and the CLI run in-process with its output kept for failures."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from bundlekg import KnowledgeGraph, build, open_graph
from bundlekg.location import StoreLocation
from bundlekg.service.cli import app

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

Claims = list[tuple[str, str, list[Any]]]


def review_files(document: str, claims: Claims) -> tuple[str, str]:
    """A document made of the claims' sentences and its review file, offsets computed."""
    sentences: list[str] = []
    lines = [f"document: {document}", "claims:"]
    position = 0
    for claim_id, sentence, asserts in claims:
        start, end = position, position + len(sentence)
        sentences.append(sentence)
        position = end + 1
        lines += [
            f"  - id: {claim_id}",
            f"    quote: {json.dumps(sentence)}",
            f"    start: {start}",
            f"    end: {end}",
            "    asserts:",
            *(f"      - {json.dumps(a)}" for a in asserts),
        ]
    return " ".join(sentences), "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, built once per session into a store directory."""
    store = tmp_path_factory.mktemp("store")
    build(CORPUS, store)
    return store


OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class OxigraphServer:
    """A real ``oxigraph serve`` on a loopback port, with its data in ``location``."""

    location: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self, seconds: float = 20) -> None:
        assert OXIGRAPH.exists(), f"{OXIGRAPH} is missing: install the oxigraph package"
        self.process = subprocess.Popen(
            [
                str(OXIGRAPH),
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "oxigraph serve exited"
            try:
                httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"oxigraph serve did not answer within {seconds} s")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


def oxigraph_server(location: Path) -> OxigraphServer:
    """A started server over ``location`` (stop it with ``kill``)."""
    server = OxigraphServer(location, free_port())
    server.start()
    return server


@pytest.fixture(scope="session")
def remote_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """The bundled corpus built once per session into a real ``oxigraph serve``."""
    server = oxigraph_server(tmp_path_factory.mktemp("oxigraph"))
    try:
        build(CORPUS, StoreLocation.of(server.endpoint))
        yield server
    finally:
        server.kill()


@pytest.fixture(scope="session")
def kg(built_store: Path) -> KnowledgeGraph:
    """The graph of the bundled corpus, opened read-only."""
    return open_graph(built_store)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for tests that add or break a file."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write a small corpus: ``make_corpus({"doc": "text"}, reviews={"doc": "yaml"})``."""

    def make(
        documents: dict[str, str | bytes],
        *,
        reviews: dict[str, str] | None = None,
        manifest: str | None = None,
    ) -> Path:
        corpus = tmp_path / "small-corpus"
        (corpus / "reviews").mkdir(parents=True, exist_ok=True)
        for name, text in documents.items():
            path = corpus / f"{name}.txt"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        for name, text in (reviews or {}).items():
            (corpus / "reviews" / f"{name}.yaml").write_text(text, encoding="utf-8")
        if manifest is not None:
            (corpus / "manifest.csv").write_text(manifest, encoding="utf-8")
        return corpus

    return make


class Cli:
    """Runs ``bundlekg`` in-process; ``result.output`` serves as the failure message."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path) -> Result:
        return self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli() -> Iterator[Cli]:
    yield Cli()
