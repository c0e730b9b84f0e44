"""Property-based tests of the REST API from its own OpenAPI schema (schemathesis), in-process:
valid and invalid requests to every /v1 operation, none answered with a 5xx, every answer (200
and error alike) matching the status codes, content types and bodies the schema documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings

# `positive_data_acceptance` is left out on purpose: the schema types codes, modifiers and dates
# as strings, and the API's own parsing turns a string that is not a code into a 422 naming the
# field, which that check would count against a request the schema allows.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# The schema does not depend on the graph, so it is read (at collection, before any store is
# built) from an app over no store; the requests go to the app over the built graph.
_SCHEMA_ONLY = create_app(Settings.model_validate({"store": Path(__file__).parent / "no-store"}))
schema = schemathesis.openapi.from_dict(_SCHEMA_ONLY.openapi()).include(path_regex="^/v1/")


@pytest.fixture(scope="session")
def api(settings: Settings) -> FastAPI:
    app = create_app(settings)
    assert app.state.graph.get() is not None
    return app


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_schema(case: Case[Any], api: FastAPI) -> None:
    case.call_and_validate(app=api, checks=CHECKS)
