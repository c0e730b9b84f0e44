"""``/v1/graph``: the graph around a code (JSON for drawing, or a file for Gephi and Cytoscape),
the whole graph as a file, the quotes behind drawn edges, and graph questions: the chain of facts
linking two codes, the most contested codes, codes resting on one weak document.

The fixed paths come before ``/graph/{code}``, which would otherwise take them for codes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from bundlekg.analysis import LOW_AUTHORITY, explain_path, most_contested, weakly_sourced
from bundlekg.assertions import MAX_ASSERTIONS, assertion_supports
from bundlekg.export import (
    ExportFormat,
    knowledge_multigraph,
    neighbourhood_multigraph,
    write_graph,
)
from bundlekg.knowledge import parse_code
from bundlekg.neighbourhood import MAX_DEPTH, code_neighbourhood

from ..deps import GraphDep
from ..models import (
    AssertionSupportsAnswer,
    ContestedAnswer,
    ExplanationAnswer,
    GraphAnswer,
    NodeLinkAnswer,
    WeakAnswer,
    error_responses,
    example,
)

router = APIRouter(tags=["graph"])

MAX_CONTESTED = 100
_FORMATS = "|".join(f.label for f in ExportFormat)
_FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The graph as JSON for drawing (no `format`), or as a file: GraphML, "
        "GEXF 1.2, networkx node-link JSON or Graphviz DOT.",
        "content": {f.media_type: {} for f in ExportFormat},
    }
}

FormatQuery = Annotated[
    str | None,
    Query(
        pattern=f"^({_FORMATS})$",
        description="A file instead of the drawing JSON: `graphml` and `gexf` (Gephi, Cytoscape "
        "desktop), `json` (networkx node-link) or `dot` (Graphviz). Nodes carry `kind`, `label`, "
        "`code`, `descriptor`; edges `kind`, `contested`, `derived`, `sources`, `authority`, "
        "`documents`, `claims`, `rules`.",
    ),
]


def _file(body: bytes, chosen: ExportFormat, name: str) -> Response:
    return Response(
        body,
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}.{chosen.extension}"'},
    )


@router.get(
    "/graph",
    response_class=Response,
    summary="The whole graph as a file (GraphML, GEXF, node-link JSON or DOT)",
    responses={**_FILES, **error_responses(422, 503)},
)
def whole_graph(
    graph: GraphDep,
    format: Annotated[
        str,
        Query(
            pattern=f"^({_FORMATS})$",
            description="`graphml`, `gexf`, `json` (networkx node-link) or `dot`.",
        ),
    ] = "graphml",
) -> Response:
    """Every code, concept and source document, every link that a claim states or a rule
    derives (one edge per link, merging its assertions, `contested` when some source asserts the
    contrary), and a `stated_by` edge from each code to each document that speaks of it."""
    chosen = ExportFormat.parse(format)
    return _file(write_graph(knowledge_multigraph(graph), chosen), chosen, "bundlekg")


@router.get(
    "/graph/path",
    response_model=ExplanationAnswer,
    summary="The chain of facts linking two codes",
    responses=error_responses(404, 422, 503),
)
def path(
    graph: GraphDep,
    a: Annotated[
        str,
        Query(
            alias="from",
            description="The code to start from.",
            openapi_examples=example("62270", "a lumbar puncture"),
        ),
    ],
    b: Annotated[
        str,
        Query(
            alias="to",
            description="The code to reach.",
            openapi_examples=example("77003", "fluoroscopic guidance"),
        ),
    ],
) -> dict[str, Any]:
    """The shortest chain of stated or derived facts from one code to the other, through codes
    and concepts (a step through a region, modality or category counts one and a half), never
    through a document; each step with its kind, direction and every document behind it.
    `found` is false when nothing links them."""
    return explain_path(graph, a, b).as_dict()


@router.get(
    "/graph/contested",
    response_model=ContestedAnswer,
    summary="The codes whose links sources contradict most",
    responses=error_responses(422, 503),
)
def contested(
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=MAX_CONTESTED, description="Most codes to list.")] = 10,
) -> dict[str, Any]:
    """Codes ranked by how many of their links some source contradicts (an `includes` against a
    `separately_reportable` of the same two codes, guidance included against guidance
    excluded), then by how many documents stand behind those links."""
    results = [c.as_dict() for c in most_contested(graph, limit)]
    return {"count": len(results), "results": results}


@router.get(
    "/graph/weakly-sourced",
    response_model=WeakAnswer,
    summary="Codes that rest on one low-authority document alone",
    responses=error_responses(422, 503),
)
def weak(
    graph: GraphDep,
    max_authority: Annotated[
        int,
        Query(
            ge=0,
            le=5,
            description="The highest authority that counts as low (source kinds are ranked "
            "from 1, unknown, to 5, regulator).",
        ),
    ] = LOW_AUTHORITY,
) -> dict[str, Any]:
    """Codes that exactly one document speaks of, when that document's kind ranks at most
    `max_authority` (by default vendor articles, Q&A forums and unknown documents): what the
    graph says of them is worth checking against a stronger source."""
    results = [w.as_dict() for w in weakly_sourced(graph, max_authority)]
    return {"max_authority": max_authority, "count": len(results), "results": results}


@router.get(
    "/graph/evidence",
    response_model=AssertionSupportsAnswer,
    summary="The quotes behind claims and derivations, each in its sentence",
    responses=error_responses(422, 503),
)
def evidence(
    graph: GraphDep,
    ids: Annotated[
        list[str],
        Query(
            alias="id",
            min_length=1,
            max_length=MAX_ASSERTIONS,
            description="Claim (`claim/<document>/<id>`) and derivation (`derivation/<digest>`) "
            "ids, as an edge's `claims` lists them; repeat the parameter.",
            openapi_examples=example(
                ["claim/003_37225522b298a619/62323-includes-imaging-guidance"], "a claim"
            ),
        ),
    ],
) -> dict[str, Any]:
    """Every quote the assertions rest on (a derivation through its rules, `derived_by`
    outermost first), one per claim and role, statements first and strongest first, with the
    rest of its sentence (`before`, `after`), its offsets and its source's title and kind."""
    results = [q.as_dict() for q in assertion_supports(graph, ids)]
    return {"count": len(results), "results": results}


@router.get(
    "/graph/{code}",
    response_model=GraphAnswer | NodeLinkAnswer,
    summary="The graph around a code: nodes and typed edges, or a file of them",
    responses={**_FILES, **error_responses(404, 422, 503)},
)
def neighbourhood(
    graph: GraphDep,
    code: Annotated[
        str, Path(description="A code.", openapi_examples=example("62323", "an injection code"))
    ],
    depth: Annotated[
        int, Query(ge=1, le=MAX_DEPTH, description="Code hops to follow from the code.")
    ] = 1,
    format: FormatQuery = None,
) -> Any:
    """Everything linked to the code by claims and derivations (codes it includes or is reported
    with, report-instead codes, regions, modalities, approaches, categories, modifiers,
    indications), then the same for the codes it reaches, up to `depth` hops, with a `stated_by`
    edge to each source that speaks of an expanded code. Each edge lists the claims and
    derivations behind it, says whether only rules derive it and whether some source contests it.
    Concepts and sources are not expanded, which keeps the graph small.

    With `format`, the same nodes and edges as a file (`Content-Disposition` names it)."""
    if format is None:
        return code_neighbourhood(graph, code, depth=depth).as_dict()
    chosen = ExportFormat.parse(format)
    part = neighbourhood_multigraph(graph, code, depth=depth)
    return _file(write_graph(part, chosen), chosen, f"bundlekg-{parse_code(code)}-depth{depth}")
