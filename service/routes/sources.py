"""``GET /v1/sources`` and ``GET /v1/sources/{id}``: the documents behind every answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from ..deps import GraphDep
from ..models import SourceAnswer, SourceTextAnswer, error_responses, example

router = APIRouter(tags=["sources"])


@router.get(
    "/sources",
    response_model=list[SourceAnswer],
    summary="The source documents",
    responses=error_responses(503),
)
def sources(graph: GraphDep) -> list[dict[str, Any]]:
    """Every source document, strongest first: its kind, authority, digest and number of claims.
    The body is what `bundlekg sources --json` prints."""
    return [s.as_dict() for s in graph.sources()]


@router.get(
    "/sources/{id}",
    response_model=SourceTextAnswer,
    summary="A source's text with its claims and their offsets",
    responses=error_responses(404, 422, 503),
)
def source(
    graph: GraphDep,
    document: Annotated[
        str,
        Path(
            alias="id",
            description="A source document id.",
            openapi_examples=example("003_37225522b298a619", "a coding reference"),
        ),
    ],
) -> dict[str, Any]:
    """The document's text and its claims in text order, each with its quote, its offsets
    (`text[start:end] == quote`), its stance and the facts it asserts, ready for highlighting."""
    return graph.source(document).as_dict()
