"""``bundlekg export``, ``path``, ``contested`` and ``weak`` on the session's built graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from tests.conftest import Cli


def test_export_writes_the_whole_graph(cli: Cli, built_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "bundlekg.gexf"
    result = cli("export", "--format", "gexf", "-o", target, "--store", built_store)
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stderr
    read = nx.read_gexf(target)
    assert "62323" in read and "source:003_37225522b298a619" in read


def test_export_around_a_code_to_stdout(cli: Cli, built_store: Path) -> None:
    result = cli(
        "export", "--format", "json", "--around", "62323", "--depth", "2", "--store", built_store
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["graph"]["name"] == "bundlekg 62323 depth 2"
    assert "77003" in {n["id"] for n in data["nodes"]}
    dot = cli("export", "--format", "dot", "--around", "77003", "--store", built_store)
    assert dot.stdout.startswith('digraph "bundlekg 77003 depth 1"')


def test_export_refuses_a_bad_format_or_code(cli: Cli, built_store: Path) -> None:
    bad = cli("export", "--format", "xml", "--store", built_store)
    assert bad.exit_code == 1
    assert "'xml' is not an export format" in bad.stderr
    unknown = cli("export", "--around", "99999", "--store", built_store)
    assert unknown.exit_code == 1
    assert "99999 is not in the graph" in unknown.stderr


def test_path_prints_the_chain(cli: Cli, built_store: Path) -> None:
    result = cli("path", "62270", "77003", "--store", built_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "62270 → 62328 → 77003  (2 steps)"
    assert "  62328 guided_variant_of 62270" in lines
    assert any(line.startswith("  62328 includes 77003 [derived] via") for line in lines)
    assert "004_a5a818537efe86aa [qa_forum]" in result.stdout
    as_json = json.loads(cli("path", "62270", "77003", "--json", "--store", built_store).stdout)
    assert as_json["nodes"] == ["62270", "62328", "77003"]


def test_contested_and_weak(cli: Cli, built_store: Path) -> None:
    result = cli("contested", "--limit", "3", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "62323" in result.stdout
    ranked = json.loads(cli("contested", "--json", "--store", built_store).stdout)
    assert ranked[0]["code"] == "62323"
    weak = cli("weak", "--store", built_store)
    assert weak.exit_code == 0, weak.output
    assert "62328" in weak.stdout and "qa_forum" in weak.stdout
    listed = json.loads(
        cli("weak", "--json", "--max-authority", "1", "--store", built_store).stdout
    )
    assert listed == []
