"""The ``bundlekg`` command: real builds into temporary stores, output read as a user reads it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CORPUS, Cli


def test_build_prints_the_report(cli: Cli, tmp_path: Path) -> None:
    result = cli("build", "--corpus", CORPUS, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    assert "derived facts" in result.output
    assert "conflict: 62323 + 77003 (billing)" in result.output


def test_build_json_report(cli: Cli, tmp_path: Path) -> None:
    result = cli("build", "--corpus", CORPUS, "--store", tmp_path / "store", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 5
    assert sum(report["derived"].values()) > 0
    assert report["conflicts"]


def test_ask_human_output_puts_the_verdict_first(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "62323", "77003", "--store", built_store)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("62323 + 77003: NOT SEPARATELY REPORTABLE (contested)")
    assert "should NOT be reported separately" in result.stdout
    assert "003_37225522b298a619" in result.stdout


def test_ask_json_is_the_contract(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "77003", "62323", "--json", "--store", built_store)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["verdict"] == "not_separately_reportable"
    assert body["contested"] is True
    assert body["a"] == "77003"


def test_ask_unknown_pair(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "99999", "12345", "--json", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "unknown"
    assert json.loads(result.stdout)["evidence"] == []


def test_malformed_code_is_one_line_and_exit_1(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "6232", "77003", "--store", built_store)
    assert result.exit_code == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.count("\n") == 0, message
    assert "'6232' is not a CPT" in message


def test_unknown_option_fails(cli: Cli, built_store: Path) -> None:
    result = cli("ask", "62323", "77003", "--frobnicate", "--store", built_store)
    assert result.exit_code == 2
    assert "--frobnicate" in result.output


def test_code_shows_regions_and_conflicts(cli: Cli, built_store: Path) -> None:
    result = cli("code", "62323", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "lumbar" in result.stdout and "sacral" in result.stdout
    assert "without imaging guidance" in result.stdout
    assert "Conflicts" in result.stdout


def test_code_json_and_unknown_code(cli: Cli, built_store: Path) -> None:
    result = cli("code", "77003", "--json", "--store", built_store)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["code"] == "77003" and body["add_on"] is True
    missing = cli("code", "99999", "--store", built_store)
    assert missing.exit_code == 1
    assert "99999 is not in the graph" in missing.stderr


def test_conflicts_and_sources(cli: Cli, built_store: Path) -> None:
    result = cli("conflicts", "--json", "--store", built_store)
    assert result.exit_code == 0, result.output
    topics = {(c["topic"], tuple(c["codes"])) for c in json.loads(result.stdout)}
    assert ("imaging-guidance", ("62323",)) in topics
    sources = cli("sources", "--json", "--store", built_store)
    assert [s["id"] for s in json.loads(sources.stdout)][0] == "003_37225522b298a619"


def test_query_text_and_file(cli: Cli, built_store: Path, tmp_path: Path) -> None:
    text = (
        "PREFIX bk: <https://w3id.org/bundlekg/ontology#> "
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a bk:Claim }"
    )
    result = cli("query", text, "--format", "csv", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert int(result.stdout.split()[-1]) > 50
    path = tmp_path / "ask.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    asked = cli("query", path, "--store", built_store)
    assert asked.stdout.strip() == "true"


def test_query_syntax_error_names_the_problem(cli: Cli, built_store: Path) -> None:
    result = cli("query", "SELECT WHERE {", "--store", built_store)
    assert result.exit_code == 1
    assert "error:" in result.stderr


def test_validate_passes_on_a_built_store(cli: Cli, built_store: Path) -> None:
    result = cli("validate", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "every quote is at its offsets" in result.stdout


def test_reading_before_any_build_says_how_to_build(cli: Cli, tmp_path: Path) -> None:
    result = cli("sources", "--store", tmp_path / "nothing")
    assert result.exit_code == 1
    assert "bundlekg build" in result.stderr


def test_locate_prints_offsets(cli: Cli) -> None:
    result = cli(
        "locate", "003_37225522b298a619", "CPT code 62323 specifically", "--corpus", CORPUS
    )
    assert result.exit_code == 0, result.output
    assert "start: 2963" in result.stdout


def test_broken_review_file_is_one_line_and_nothing_is_published(
    cli: Cli, corpus_copy: Path, tmp_path: Path
) -> None:
    review = corpus_copy / "reviews" / "004_a5a818537efe86aa.yaml"
    review.write_text(review.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")
    store = tmp_path / "store"
    result = cli("build", "--corpus", corpus_copy, "--store", store)
    assert result.exit_code == 1
    assert "004_a5a818537efe86aa.yaml:" in result.stderr
    assert not (store / "current").exists()


def test_check_prints_flags_for_a_claim(cli: Cli, built_store: Path) -> None:
    result = cli("check", "62323", "77003", "76000x2", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "77003 is not separately reportable with 62323" in result.stdout
    assert "3 pairs checked" in result.stdout
    body = json.loads(cli("check", "62323", "77003-59", "--json", "--store", built_store).stdout)
    assert body["lines"][1] == {"code": "77003", "modifiers": ["59"], "units": 1}
    assert body["pairs"][0]["verdict"] == "not_separately_reportable"


def test_check_rejects_a_malformed_line(cli: Cli, built_store: Path) -> None:
    result = cli("check", "62323", "77003-X", "--store", built_store)
    assert result.exit_code == 1
    assert "'77003-X' is not a claim line" in result.stderr
