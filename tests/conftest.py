"""Shared fixtures: the real corpus built once into a real pyoxigraph store, small corpora made
on the fly for error cases, and the CLI run in-process with its output kept for failures."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from bundlekg import KnowledgeGraph, build, open_graph
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
