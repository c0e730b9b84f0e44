"""``POST /v1/claims/check`` on the bundled corpus: every pair of a claim with its evidence, the
line cap, and bad lines."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from bundlekg import ClaimLine, KnowledgeGraph
from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings

DATE = "2025-10-01"
# The twenty codes of the bundled corpus.
CODES = [
    "50590", "62270", "62272", "62321", "62323", "62328", "62329", "62370", "74220", "74240",
    "76000", "77001", "77002", "77003", "G54.1", "M48.062", "M51.16", "M54.16", "M54.17", "M96.1",
]  # fmt: skip


def check(client: TestClient, lines: list[dict[str, Any]], **extra: Any) -> Any:
    return client.post("/v1/claims/check", json={"lines": lines, **extra})


def test_twenty_lines_give_190_pairs_with_evidence(client: TestClient, kg: KnowledgeGraph) -> None:
    response = check(client, [{"code": c} for c in CODES], date=DATE)
    assert response.status_code == 200
    body = response.json()
    assert len(body["pairs"]) == 190
    assert {tuple(p["lines"]) for p in body["pairs"]} == {
        (i, j) for i in range(1, 21) for j in range(i + 1, 21)
    }
    (pair,) = [p for p in body["pairs"] if (p["a"], p["b"]) == ("62323", "77003")]
    expected = kg.reportable("62323", "77003", date=DATE).as_dict()
    assert pair == {"lines": [5, 14], **expected}
    flagged = [f for f in body["flags"] if f["lines"] == [5, 14]]
    assert [f["kind"] for f in flagged] == ["pair"]
    assert flagged[0]["message"] == "77003 is not separately reportable with 62323"
    assert body["date"] == DATE and body["setting"] == "practitioner"


def test_the_body_is_the_claim_check_contract(client: TestClient, kg: KnowledgeGraph) -> None:
    lines: list[dict[str, Any]] = [
        {"code": "62323", "units": 2},
        {"code": "77003", "modifiers": ["xs", "59"]},
    ]
    body = check(client, lines, date=DATE, setting="hospital").json()
    expected = kg.check_claim(
        [ClaimLine("62323", (), 2), ClaimLine("77003", ("XS", "59"))],
        date=DATE,
        setting="hospital",
    ).as_dict()
    assert body == expected
    assert body["lines"][1]["modifiers"] == ["XS", "59"]
    assert body["setting"] == "hospital-outpatient"


def test_lines_with_one_code_are_not_paired(client: TestClient) -> None:
    body = check(client, [{"code": "62323"}, {"code": "62323"}]).json()
    assert body["pairs"] == [] and body["flags"] == []


def test_the_number_of_lines_is_capped(client: TestClient, settings: Settings) -> None:
    cap = settings.max_claim_lines
    over = check(client, [{"code": CODES[n % 20]} for n in range(cap + 1)])
    assert over.status_code == 422
    assert over.json()["errors"][0]["field"] == "lines"
    assert f"at most {cap} lines" in over.json()["error"]
    small = settings.model_copy(update={"max_claim_lines": 3})
    with TestClient(create_app(small)) as capped:
        assert check(capped, [{"code": c} for c in CODES[:3]]).status_code == 200
        assert check(capped, [{"code": c} for c in CODES[:4]]).status_code == 422


@pytest.mark.parametrize(
    ("claim", "field"),
    [
        ({"lines": []}, "lines"),
        ({}, "lines"),
        ({"lines": [{"code": "6232"}]}, "lines.0.code"),
        (
            {"lines": [{"code": "62323"}, {"code": "77003", "modifiers": ["X"]}]},
            "lines.1.modifiers",
        ),
        ({"lines": [{"code": "62323", "units": 0}]}, "lines.0.units"),
        ({"lines": [{"code": "62323", "units": "two"}]}, "lines.0.units"),
        ({"lines": [{"code": "62323", "unit": 2}]}, "lines.0.unit"),
        ({"lines": [{"modifiers": ["59"]}]}, "lines.0.code"),
        ({"lines": [{"code": "62323"}], "date": "2025-02-30"}, "date"),
        ({"lines": [{"code": "62323"}], "setting": "asc"}, "setting"),
    ],
)
def test_bad_claims_are_422_naming_the_field(
    client: TestClient, claim: dict[str, Any], field: str
) -> None:
    response = client.post("/v1/claims/check", json=claim)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/v1/claims/check", content=b"62323 77003", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["ok"] is False
