"""The REST API over a graph that holds SYNTHETIC CMS tables (made-up codes in the CMS layouts):
claim checks flag MUE units, PTP pairs and add-ons without primaries; codes show their MUE limits;
pair answers carry regulator rows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bundlekg import build
from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings
from tests.conftest import CORPUS
from tests.graph.test_reference import PRACTITIONER_ROWS, write_reference

DATE = "2024-07-01"


def check(client: TestClient, lines: list[dict[str, Any]]) -> Any:
    response = client.post("/v1/claims/check", json={"lines": lines, "date": DATE})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def with_edits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The API over the bundled corpus plus synthetic PTP, MUE and add-on code tables."""
    root = tmp_path_factory.mktemp("api-reference")
    shutil.copytree(CORPUS, root / "corpus")
    write_reference(root / "reference", PRACTITIONER_ROWS)
    build(root / "corpus", root / "store")
    settings = Settings.model_validate({"store": root / "store"})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_units_over_the_mue_are_flagged_per_day(with_edits: TestClient) -> None:
    lines: list[dict[str, Any]] = [
        {"code": "11111", "units": 2},
        {"code": "11111"},
        {"code": "33333", "modifiers": ["XS"]},
    ]
    body = check(with_edits, lines)
    mue = [f for f in body["flags"] if f["kind"] == "mue"]
    assert mue == [
        {
            "kind": "mue",
            "lines": [1, 2],
            "message": "3 units of 11111 exceed its MUE of 2 per day",
            "source": "MCR_MUE_PractitionerServices_Eff_10-01-2025",
            "source_line": mue[0]["source_line"],
        }
    ]
    assert isinstance(mue[0]["source_line"], int)
    within = check(with_edits, [{"code": "11111", "units": 2}])
    assert within["flags"] == []


def test_ptp_pairs_are_flagged_unless_a_modifier_qualifies(with_edits: TestClient) -> None:
    plain = check(with_edits, [{"code": "11111"}, {"code": "33333"}])
    assert [(f["kind"], f["source"], f["source_line"]) for f in plain["flags"]] == [
        ("pair", "ccipra-v999r0-f1", 5)
    ]
    assert plain["pairs"][0]["verdict"] == "separately_reportable_with_modifier"
    assert plain["pairs"][0]["column1"] == "11111"
    regulator = plain["pairs"][0]["evidence"][0]
    assert (regulator["kind"], regulator["start"], regulator["end"]) == ("regulator", None, None)
    distinct = check(with_edits, [{"code": "11111"}, {"code": "33333", "modifiers": ["XS"]}])
    assert distinct["flags"] == []
    assert distinct["pairs"][0]["verdict"] == "separately_reportable"


def test_an_add_on_without_its_primary_is_flagged(with_edits: TestClient) -> None:
    alone = check(with_edits, [{"code": "99990"}, {"code": "22222"}])
    assert [(f["kind"], f["lines"]) for f in alone["flags"]] == [("addon", [1])]
    assert "without any of its primaries (11111)" in alone["flags"][0]["message"]
    paired = check(with_edits, [{"code": "99990"}, {"code": "11111"}])
    assert not [f for f in paired["flags"] if f["kind"] == "addon"]


def test_a_code_shows_its_mue_limits(with_edits: TestClient) -> None:
    body = with_edits.get("/v1/codes/11111").json()
    assert [(m["setting"], m["units"], m["per"]) for m in body["mue"]] == [
        ("practitioner", 2, "day")
    ]
    assert body["mue"][0]["source"] == "MCR_MUE_PractitionerServices_Eff_10-01-2025"


def test_a_pair_answer_carries_the_regulator_row(with_edits: TestClient) -> None:
    params = {"a": "33333", "b": "11111", "date": DATE, "modifier": "XS"}
    body = with_edits.get("/v1/reportable", params=params).json()
    assert (body["verdict"], body["column1"]) == ("separately_reportable", "11111")
    (row,) = [e for e in body["evidence"] if e["kind"] == "regulator"]
    assert row["source"] == "ccipra-v999r0-f1" and row["line"] == 5
    assert (row["start"], row["end"], row["claim"]) == (None, None, None)


def test_a_code_only_cms_tables_mention_is_found_and_drawn_alone(with_edits: TestClient) -> None:
    found = with_edits.get("/v1/codes", params={"q": "1111"}).json()
    assert [(r["code"], r["sources"]) for r in found["results"]] == [("11111", 0)]
    around = with_edits.get("/v1/graph/11111").json()
    assert around["nodes"] == [
        {"id": "11111", "kind": "code", "label": "11111", "descriptor": None}
    ]
    assert around["edges"] == []
