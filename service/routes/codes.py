"""``GET /v1/codes``: find codes; ``GET /v1/codes/{code}``: what sources say about one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from bundlekg.search import MAX_LIMIT, search_codes

from ..deps import GraphDep
from ..models import CodeAnswer, CodeSearchAnswer, error_responses, example

router = APIRouter(tags=["codes"])


@router.get(
    "/codes",
    response_model=CodeSearchAnswer,
    summary="Find codes by the start of the code or words of a descriptor",
    responses=error_responses(422, 503),
)
def find_codes(
    graph: GraphDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="The start of a code (`623`, `M54`) or words of its descriptor "
            "(`fluoroscopic guidance`; a word may be cut short: `fluoro`).",
            openapi_examples={
                **example("fluoroscopic guidance", "descriptor words"),
                **example("623", "code prefix"),
            },
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most results to return.")] = 20,
) -> dict[str, Any]:
    """Codes whose notation starts with `q` (an exact match first), then codes whose descriptors
    hold every word of `q`, those that more sources mention first. Each result has the code, its
    code set, the descriptor its strongest source gives, and how many documents mention it."""
    results = [m.as_dict() for m in search_codes(graph, q, limit=limit)]
    return {"query": q, "count": len(results), "results": results}


@router.get(
    "/codes/{code}",
    response_model=CodeAnswer,
    summary="What sources say about one code",
    responses=error_responses(404, 422, 503),
)
def code(
    graph: GraphDep,
    code: Annotated[
        str,
        Path(
            description="A CPT, HCPCS or ICD-10-CM code.",
            openapi_examples=example("77003", "an add-on code"),
        ),
    ],
) -> dict[str, Any]:
    """Descriptors, regions, guidance, add-on status, categories, modifiers, frequency limits,
    documentation, ICD-10-CM indications, pair facts and the conflicts that involve the code,
    each fact with every source that states or implies it, and its CMS MUE limits.

    The body is what `bundlekg code C --json` prints. A malformed code is a 422; a well-formed one
    no source mentions is a 404.
    """
    return graph.code(code).as_dict()
