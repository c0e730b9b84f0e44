"""The CLI against a SPARQL server: ``--endpoint`` where ``--store`` goes."""

from __future__ import annotations

import json
from pathlib import Path

from bundlekg.service.cli import app
from tests.conftest import Cli, OxigraphServer


def test_ask_answers_the_same_from_a_server(
    cli: Cli, remote_store: OxigraphServer, built_store: Path
) -> None:
    remote = cli("ask", "62323", "77003", "--json", "--endpoint", remote_store.endpoint)
    local = cli("ask", "62323", "77003", "--json", "--store", built_store)
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_the_endpoint_can_come_from_the_environment(cli: Cli, remote_store: OxigraphServer) -> None:
    result = cli.runner.invoke(
        app, ["sources", "--json"], env={"BUNDLEKG_ENDPOINT": remote_store.endpoint}
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 5


def test_store_and_endpoint_together_are_refused(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "62323", "77003", "--store", built_store, "--endpoint", "http://x/query")
    assert result.exit_code == 1
    assert "--store or --endpoint, not both" in result.stderr


def test_write_urls_need_a_query_url(cli: Cli, tmp_path: Path) -> None:
    result = cli("build", "--store", tmp_path, "--update-endpoint", "http://x/update")
    assert result.exit_code == 1
    assert "need --endpoint" in result.stderr


def test_an_unreachable_server_is_one_line_on_stderr(cli: Cli) -> None:
    result = cli("ask", "62323", "77003", "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 1
    assert "cannot be reached" in result.stderr


def test_validate_checks_a_servers_graph(cli: Cli, remote_store: OxigraphServer) -> None:
    result = cli("validate", "--endpoint", remote_store.endpoint)
    assert result.exit_code == 0, result.output
    assert "every quote is at its offsets" in result.stdout


def test_query_prints_a_servers_construct_as_turtle(cli: Cli, remote_store: OxigraphServer) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3"
    result = cli("query", query, "--endpoint", remote_store.endpoint)
    assert result.exit_code == 0, result.output
    assert result.stdout.count(" .\n") >= 1
