"""``GET /v1/reportable``: the body of ``bundlekg ask --json``, its evidence, and bad input."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Cli

DATE = "2025-10-01"


def as_key(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True)


def test_the_body_is_the_cli_contract(client: TestClient, cli: Cli, built_store: Path) -> None:
    printed = cli("ask", "62323", "77003", "--date", DATE, "--json", "--store", built_store)
    assert printed.exit_code == 0, printed.output
    expected = json.loads(printed.stdout)
    response = client.get("/v1/reportable", params={"a": "62323", "b": "77003", "date": DATE})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(expected)
    assert {k: v for k, v in body.items() if k != "evidence"} == {
        k: v for k, v in expected.items() if k != "evidence"
    }
    assert Counter(map(as_key, body["evidence"])) == Counter(map(as_key, expected["evidence"]))


def test_the_evidence_names_who_says_what(client: TestClient) -> None:
    body = client.get("/v1/reportable", params={"a": "62323", "b": "77003", "date": DATE}).json()
    assert body["verdict"] == "not_separately_reportable"
    assert body["contested"] is True
    assert body["date"] == DATE
    stated = {
        (e["source"], e["claim"]): e["stance"] for e in body["evidence"] if e["derived_by"] is None
    }
    assert stated[("003_37225522b298a619", "62323-includes-imaging-guidance")] == "supports"
    from_000 = {e["stance"] for e in body["evidence"] if e["source"] == "000_438acad2e7e8b7ba"}
    assert "contradicts" in from_000
    contradicting = [e for e in body["evidence"] if e["stance"] == "contradicts"]
    assert all(
        e["says"] == "separately_reportable" or e["role"] == "premise" for e in contradicting
    )


def test_the_quote_is_the_sources_text_at_its_offsets(client: TestClient) -> None:
    body = client.get("/v1/reportable", params={"a": "77003", "b": "62323"}).json()
    texts: dict[str, str] = {}
    for item in body["evidence"]:
        if item["source"] not in texts:
            texts[item["source"]] = client.get(f"/v1/sources/{item['source']}").json()["text"]
        assert texts[item["source"]][item["start"] : item["end"]] == item["quote"]


def test_the_order_of_the_codes_does_not_change_the_verdict(client: TestClient) -> None:
    forward = client.get("/v1/reportable", params={"a": "62323", "b": "77003"}).json()
    backward = client.get("/v1/reportable", params={"a": "77003", "b": "62323"}).json()
    assert (backward["a"], backward["b"]) == ("77003", "62323")
    assert backward["verdict"] == forward["verdict"]
    assert len(backward["evidence"]) == len(forward["evidence"])


def test_modifiers_repeat_and_are_normalised(client: TestClient) -> None:
    response = client.get(
        "/v1/reportable",
        params=[("a", "62323"), ("b", "77003"), ("modifier", "xs"), ("modifier", "59")],
    )
    assert response.status_code == 200
    assert response.json()["modifiers"] == ["59", "XS"]


def test_a_pair_no_source_mentions_is_unknown_not_an_error(client: TestClient) -> None:
    response = client.get("/v1/reportable", params={"a": "99998", "b": "99999"})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "unknown"
    assert body["evidence"] == []
    assert "99998 or 99999" in body["reason"]


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"a": "6232", "b": "77003"}, "a", "is not a CPT"),
        ({"a": "62323", "b": "7700"}, "b", "is not a CPT"),
        ({"a": "62323", "b": "77003", "modifier": "X"}, "modifier", "is not a modifier"),
        ({"a": "62323", "b": "77003", "date": "2025-13-01"}, "date", "is not a date"),
        ({"a": "62323", "b": "77003", "date": "yesterday"}, "date", "YYYY-MM-DD"),
        ({"a": "62323", "b": "77003", "setting": "inpatient"}, "setting", "is not a setting"),
        ({"a": "62323"}, "b", "required"),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client: TestClient, params: dict[str, str], field: str, words: str
) -> None:
    response = client.get("/v1/reportable", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["status"] == 422
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["error"].startswith(f"{field}: ")
    assert words in body["error"]
