"""``GET /v1/graph/{code}``: the neighbourhood of a code as graph JSON, for drawing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from bundlekg.neighbourhood import MAX_DEPTH, code_neighbourhood

from ..deps import GraphDep
from ..models import GraphAnswer, error_responses, example

router = APIRouter(tags=["codes"])


@router.get(
    "/graph/{code}",
    response_model=GraphAnswer,
    summary="The graph around a code: nodes and typed edges",
    responses=error_responses(404, 422, 503),
)
def neighbourhood(
    graph: GraphDep,
    code: Annotated[
        str, Path(description="A code.", openapi_examples=example("62323", "an injection code"))
    ],
    depth: Annotated[
        int, Query(ge=1, le=MAX_DEPTH, description="Code hops to follow from the code.")
    ] = 1,
) -> dict[str, Any]:
    """Everything linked to the code by claims and derivations (codes it includes or is reported
    with, report-instead codes, regions, modalities, approaches, categories, modifiers,
    indications), then the same for the codes it reaches, up to `depth` hops, with a `stated_by`
    edge to each source that speaks of an expanded code. Each edge lists the claims and
    derivations behind it, says whether only rules derive it and whether some source contests it.
    Concepts and sources are not expanded, which keeps the graph small."""
    return code_neighbourhood(graph, code, depth=depth).as_dict()
