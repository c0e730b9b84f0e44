"""``GET /v1/reportable``: the pair question, answered with the body of ``bundlekg ask --json``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import GraphDep
from ..models import VerdictAnswer, error_responses, example

router = APIRouter(tags=["pairs"])


@router.get(
    "/reportable",
    response_model=VerdictAnswer,
    summary="May B be billed together with A?",
    responses=error_responses(422, 503),
)
def reportable(
    graph: GraphDep,
    a: Annotated[
        str,
        Query(description="A code, e.g. 62323.", openapi_examples=example("62323", "injection")),
    ],
    b: Annotated[
        str,
        Query(
            description="Another code; the order does not matter.",
            openapi_examples=example("77003", "fluoroscopic guidance"),
        ),
    ],
    modifier: Annotated[
        list[str] | None,
        Query(
            description="A modifier on the claim line (repeatable), e.g. XS.",
            openapi_examples=example(["XS"], "separate structure"),
        ),
    ] = None,
    date: Annotated[
        str | None,
        Query(
            description="Date of service, YYYY-MM-DD (default: today).",
            openapi_examples=example("2025-10-01", "a date of service"),
        ),
    ] = None,
    setting: Annotated[
        str,
        Query(
            description="NCCI table: `practitioner` or `hospital` (outpatient).",
            openapi_examples=example("hospital", "hospital outpatient"),
        ),
    ] = "practitioner",
) -> dict[str, Any]:
    """The verdict for the pair (`not_separately_reportable`, `separately_reportable_with_modifier`,
    `separately_reportable`, `conflicting` or `unknown`), whether weaker sources contest it, the
    reason naming its sources, and every quote or CMS row behind it with its offsets. CMS edits
    count when in force on `date`; a qualifying `modifier` bypasses a PTP edit of indicator 1.

    The body is exactly what `bundlekg ask A B --json` prints.
    """
    verdict = graph.reportable(a, b, modifiers=modifier or (), date=date, setting=setting)
    return verdict.as_dict()
