"""``bundlekg review`` and ``bundlekg eval``: the curator's worklist and the extraction figures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CORPUS, Cli

DEV = Path(__file__).resolve().parents[2] / "evaluation" / "dev"


def test_review_lists_candidates_next_to_the_review(cli: Cli) -> None:
    result = cli("review", "004_a5a818537efe86aa", "--corpus", CORPUS)
    assert result.exit_code == 0, result.output
    assert "extraction: reviewed" in result.stdout
    assert "x-pair-included-in-777-965" in result.stdout
    assert "match" in result.stdout and "missing" in result.stdout
    assert "[76000, integralTo, spinal-procedure]" in result.stdout


def test_review_json_in_text_order(cli: Cli) -> None:
    result = cli("review", "004_a5a818537efe86aa", "--corpus", CORPUS, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    candidate = next(r for r in rows if r["id"] == "x-pair-included-in-777-965")
    assert candidate["status"] == "match"
    assert candidate["by"] == "pair.included_in"
    assert candidate["stance"] == "negates"
    assert {r["origin"] for r in rows} == {"candidate", "review"}


def test_review_of_a_document_without_a_review_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("Do not report 64483 with 77012.\n", encoding="utf-8")
    result = cli("review", "new", "--corpus", tmp_path, "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["status"] == "extra"
    assert row["asserts"] == ["[64483, includes, 77012]"]


def test_review_of_an_unknown_document_fails(cli: Cli) -> None:
    result = cli("review", "nope", "--corpus", CORPUS)
    assert result.exit_code == 1
    assert "no document 'nope'" in result.output


def test_eval_prints_per_document_per_type_and_pair_level(cli: Cli) -> None:
    result = cli("eval", "--corpus", CORPUS, "--corpus", DEV)
    assert result.exit_code == 0, result.output
    assert "Per document" in result.stdout and "Per claim type" in result.stdout
    assert "pair-level: P " in result.stdout
    reviewed = len(list((CORPUS / "reviews").glob("*.yaml"))) + len(
        list((DEV / "reviews").glob("*.yaml"))
    )
    assert f"{reviewed} documents" in result.stdout


def test_eval_json(cli: Cli) -> None:
    result = cli("eval", "--corpus", CORPUS, "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert len(body["documents"]) == 5
    assert set(body["types"]) == {
        "pair",
        "attribute",
        "frequency",
        "modifier",
        "documentation",
        "indication",
        "note",
    }
    assert body["pair"]["precision"] >= 0.95


def test_eval_of_a_missing_directory_fails(cli: Cli, tmp_path: Path) -> None:
    result = cli("eval", "--corpus", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "does not exist" in result.output
