"""The API's OpenAPI description: every /v1 operation tagged, summarised, described, its errors
in the service's one error shape, its models with real examples, and models that name every key
the graph's answers hold."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from bundlekg.service.models import (
    ClaimCheckAnswer,
    ClaimedAnswer,
    CodeAnswer,
    CodeFactAnswer,
    CodeMatchAnswer,
    CodeSearchAnswer,
    ConflictAnswer,
    ConflictSideAnswer,
    EdgeAnswer,
    EvidenceAnswer,
    FlagAnswer,
    GraphAnswer,
    NodeAnswer,
    PairCheckAnswer,
    SourceAnswer,
    SourceTextAnswer,
    SupportAnswer,
    VerdictAnswer,
)


@pytest.fixture(scope="module")
def schema(client: TestClient) -> Any:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def v1_operations(schema: Any) -> list[tuple[str, str, Any]]:
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        if path.startswith("/v1/")
        for method, operation in operations.items()
    ]


def test_every_resource_is_described(schema: Any) -> None:
    paths = {(p, m) for p, m, _ in v1_operations(schema)}
    assert paths == {
        ("/v1/reportable", "get"),
        ("/v1/claims/check", "post"),
        ("/v1/codes", "get"),
        ("/v1/codes/{code}", "get"),
        ("/v1/sources", "get"),
        ("/v1/sources/{id}", "get"),
        ("/v1/conflicts", "get"),
        ("/v1/graph/{code}", "get"),
        ("/v1/graph", "get"),
        ("/v1/graph/path", "get"),
        ("/v1/graph/contested", "get"),
        ("/v1/graph/weakly-sourced", "get"),
        ("/v1/graph/evidence", "get"),
    }
    files = {"application/graphml+xml", "application/gexf+xml", "text/vnd.graphviz"}
    for path, _, operation in v1_operations(schema):
        assert operation["tags"], path
        assert operation["summary"] and operation["description"], path
        answers = operation["responses"]["200"]["content"]
        if path == "/v1/graph":
            assert files < set(answers), path
        else:
            assert "$ref" in str(answers), path
        for status, response in operation["responses"].items():
            if status != "200":
                reference = response["content"]["application/json"]["schema"]["$ref"]
                assert reference == "#/components/schemas/ErrorBody", (path, status)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_models_carry_real_examples(schema: Any) -> None:
    components = schema["components"]["schemas"]
    verdict = components["VerdictAnswer"]["examples"][0]
    assert (verdict["a"], verdict["b"], verdict["verdict"]) == (
        "62323",
        "77003",
        "not_separately_reportable",
    )
    assert components["ClaimRequest"]["examples"][0]["lines"][0]["code"] == "62323"
    reportable = schema["paths"]["/v1/reportable"]["get"]
    examples = {p["name"]: p.get("examples") for p in reportable["parameters"]}
    assert examples["a"] and examples["b"]


def test_the_docs_page_is_served(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "/openapi.json" in response.text


def fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_the_models_name_every_key_of_the_answers(client: TestClient) -> None:
    verdict = client.get("/v1/reportable", params={"a": "62323", "b": "77003"}).json()
    assert set(verdict) == fields(VerdictAnswer)
    for item in verdict["evidence"]:
        assert set(item) == fields(EvidenceAnswer)
    claim = {"lines": [{"code": "62323"}, {"code": "77003"}]}
    checked = client.post("/v1/claims/check", json=claim).json()
    assert set(checked) == fields(ClaimCheckAnswer)
    assert set(checked["pairs"][0]) == fields(PairCheckAnswer)
    assert set(checked["flags"][0]) == fields(FlagAnswer)
    code = client.get("/v1/codes/77003").json()
    assert set(code) == fields(CodeAnswer)
    assert set(code["facts"][0]) == fields(CodeFactAnswer)
    assert set(code["facts"][0]["sources"][0]) == fields(SupportAnswer)
    conflict = code["conflicts"][0]
    assert set(conflict) == fields(ConflictAnswer)
    assert set(conflict["sides"][0]) == fields(ConflictSideAnswer)
    found = client.get("/v1/codes", params={"q": "623"}).json()
    assert set(found) == fields(CodeSearchAnswer)
    assert set(found["results"][0]) == fields(CodeMatchAnswer)
    source = client.get("/v1/sources").json()[0]
    assert set(source) == fields(SourceAnswer)
    text = client.get(f"/v1/sources/{source['id']}").json()
    assert set(text) == fields(SourceTextAnswer)
    assert set(text["claims"][0]) == fields(ClaimedAnswer)
    around = client.get("/v1/graph/62323").json()
    assert set(around) == fields(GraphAnswer)
    assert set(around["nodes"][0]) == fields(NodeAnswer)
    assert set(around["edges"][0]) == fields(EdgeAnswer)
