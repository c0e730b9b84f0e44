"""``GET /v1/conflicts``: where sources disagree, kept rather than resolved away."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import GraphDep
from ..models import ConflictAnswer, error_responses, example

router = APIRouter(tags=["sources"])


@router.get(
    "/conflicts",
    response_model=list[ConflictAnswer],
    summary="Statements that cannot both hold, each side with its sources",
    responses=error_responses(422, 503),
)
def conflicts(
    graph: GraphDep,
    code: Annotated[
        str | None,
        Query(
            description="Only the conflicts that involve this code.",
            openapi_examples=example("62323", "an injection code"),
        ),
    ] = None,
) -> list[dict[str, Any]]:
    """Every pair of statements in the graph that cannot both hold (imaging guidance included and
    not, a code included in another and reported separately with it, …), both readings with
    every source behind them, strongest disagreement first. The body is what
    `bundlekg conflicts --json` prints (for all codes)."""
    return [c.as_dict() for c in graph.conflicts(code)]
