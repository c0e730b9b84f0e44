"""The SPARQL 1.1 Protocol endpoint at ``/sparql``, read-only, with the query editor for browsers.

A query runs in a worker thread and is read one solution (or triple) at a time, so the endpoint
can stop at ``result_limit`` (``X-Result-Truncated: true``) and give up at ``query_timeout``
(503). pyoxigraph cannot cancel a query it is inside of (a long join or sort before the first
solution, or an ASK): the request is answered at the deadline all the same, and the thread
finishes in the background, holding one of the endpoint's worker slots until it does.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import anyio
import anyio.to_thread
import jinja2
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolution,
    QuerySolutions,
    Triple,
)
from starlette.datastructures import FormData, QueryParams
from starlette.exceptions import HTTPException

from bundlekg import __version__
from bundlekg.errors import QueryError, StoreError
from bundlekg.knowledge import KnowledgeGraph

from .deps import get_graph, get_settings
from .settings import Settings
from .sparql_formats import (
    GRAPH_FORMATS,
    HTML,
    RESULT_FORMATS,
    Format,
    FormatError,
    Kind,
    negotiate,
    solutions_document,
    write_graph,
    write_solutions,
)
from .sparql_guard import RefusedError, forget_frames, is_update, local_query, read_only

__all__ = ["router"]

router = APIRouter(tags=["sparql"])

YASGUI_BUILD = Path("@zazuko") / "yasgui" / "build"
WORKERS = 8
RETRY_AFTER = "5"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT_DESCRIPTION = NamedNode("http://purl.org/dc/terms/description")
SIMPLE_ENTAILMENT = NamedNode("http://www.w3.org/ns/entailment/Simple")
_BINDS = re.compile(r"Binds:(.*?)(?:Returns:|$)", re.DOTALL)
_VARIABLE = re.compile(r"\?\w+")

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("bundlekg.service", "templates"),
    autoescape=jinja2.select_autoescape(default=True),
    undefined=jinja2.StrictUndefined,
)


class _DeadlineError(Exception):
    """The deadline passed while the worker was reading or writing results."""


@dataclass(frozen=True)
class _Answer:
    body: bytes
    media_type: str
    truncated: bool


@dataclass(frozen=True)
class _Request:
    """What a protocol request asks, whichever way it was sent."""

    query: str
    default_graphs: list[str]
    named_graphs: list[str]
    formats: list[str]


def _one_query(values: Sequence[str]) -> str:
    if len(values) != 1:
        raise HTTPException(400, f"give exactly one query parameter, not {len(values)}")
    if not values[0].strip():
        raise HTTPException(400, "the query parameter is empty: send a SPARQL query")
    return values[0]


def _graph_iris(values: Sequence[str], parameter: str) -> list[str]:
    """Graph IRIs of the dataset parameters; a value that is no IRI is the client's error."""
    for value in values:
        try:
            NamedNode(value)
        except ValueError as error:
            raise HTTPException(400, f"{parameter}: {value!r} is not an IRI ({error})") from None
    return list(values)


def _protocol_request(params: QueryParams | FormData, query: str | None = None) -> _Request:
    def strings(name: str) -> list[str]:
        return [v for v in params.getlist(name) if isinstance(v, str)]

    if strings("update"):
        raise HTTPException(403, str(read_only()))
    return _Request(
        query=query if query is not None else _one_query(strings("query")),
        default_graphs=_graph_iris(strings("default-graph-uri"), "default-graph-uri"),
        named_graphs=_graph_iris(strings("named-graph-uri"), "named-graph-uri"),
        formats=[v for v in strings("format") if v.strip()],
    )


def _own_endpoint(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def _limiter(app: FastAPI) -> anyio.CapacityLimiter:
    """The endpoint's own worker slots, so runaway queries cannot starve the REST API."""
    limiter: anyio.CapacityLimiter | None = getattr(app.state, "sparql_limiter", None)
    if limiter is None:
        limiter = anyio.CapacityLimiter(WORKERS)
        app.state.sparql_limiter = limiter
    return limiter


def _check(deadline: float, stop: threading.Event) -> None:
    if stop.is_set() or time.monotonic() > deadline:
        raise _DeadlineError


def _capped(
    triples: Iterable[Triple], limit: int, deadline: float, stop: threading.Event, cut: list[bool]
) -> Iterator[Triple]:
    for count, triple in enumerate(triples):
        _check(deadline, stop)
        if count == limit:
            cut.append(True)
            return
        yield triple


def _evaluate(
    graph: KnowledgeGraph,
    asked: _Request,
    query: str,
    choose: Callable[[Kind], Format],
    limit: int,
    deadline: float,
    stop: threading.Event,
) -> _Answer:
    """Run the query and write its answer; runs in a worker thread."""
    try:
        result = graph.query_raw(
            query, default_graph=asked.default_graphs, named_graphs=asked.named_graphs
        )
    except QueryError:
        if is_update(query):
            raise read_only() from None
        raise
    try:
        if isinstance(result, QueryBoolean):
            chosen = choose(Kind.RESULTS)
            assert chosen.results is not None
            body = result.serialize(format=chosen.results)
            assert body is not None
            return _Answer(body, chosen.media_type, False)
        if isinstance(result, QuerySolutions):
            chosen = choose(Kind.RESULTS)
            variables = [variable.value for variable in result.variables]
            rows: list[QuerySolution] = []
            truncated = False
            for row in result:
                _check(deadline, stop)
                if len(rows) == limit:
                    truncated = True
                    break
                rows.append(row)
            document = solutions_document(variables, rows)
            return _Answer(write_solutions(document, chosen), chosen.media_type, truncated)
        chosen = choose(Kind.GRAPH)
        cut: list[bool] = []
        body = write_graph(_capped(result, limit, deadline, stop, cut), chosen)
        return _Answer(body, chosen.media_type, bool(cut))
    except StoreError:
        raise
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(f"the query failed while it ran: {error}") from None


def _in_worker(
    query: str, own_endpoint: str, work: Callable[[str], _Answer]
) -> _Answer | Exception:
    """Check the query, then run ``work`` on it, returning (not raising) any error, so that it is
    cleaned up on this thread. Checking SERVICE calls parses the query with rdflib, which can
    take a while on a long one: not on the event loop."""
    try:
        return work(local_query(query, own_endpoint))
    except Exception as error:
        forget_frames(error)
        return error


def _chooser(request: Request, formats: Sequence[str]) -> Callable[[Kind], Format]:
    accept = request.headers.get("accept")

    def choose(kind: Kind) -> Format:
        if kind is Kind.RESULTS:
            return negotiate(accept, RESULT_FORMATS, "SELECT and ASK results", formats)
        return negotiate(accept, GRAPH_FORMATS, "CONSTRUCT and DESCRIBE graphs", formats)

    return choose


async def _answer(request: Request, asked: _Request) -> Response:
    """Check, run and answer one query, within the endpoint's limits."""
    settings: Settings = get_settings(request)
    graph = get_graph(request)
    choose = _chooser(request, asked.formats)
    if not asked.formats:
        try:
            negotiate(
                request.headers.get("accept"),
                (*RESULT_FORMATS, *GRAPH_FORMATS),
                "any query",
            )
        except FormatError as error:
            raise HTTPException(error.status, str(error)) from None
    deadline = time.monotonic() + settings.query_timeout
    stop = threading.Event()

    def work(query: str) -> _Answer:
        return _evaluate(graph, asked, query, choose, settings.result_limit, deadline, stop)

    outcome: _Answer | Exception | None = None
    with anyio.move_on_after(settings.query_timeout):
        outcome = await anyio.to_thread.run_sync(
            _in_worker,
            asked.query,
            _own_endpoint(request),
            work,
            abandon_on_cancel=True,
            limiter=_limiter(request.app),
        )
    if isinstance(outcome, FormatError):
        raise HTTPException(outcome.status, str(outcome))
    if isinstance(outcome, RefusedError):
        raise HTTPException(outcome.status, str(outcome))
    if isinstance(outcome, Exception) and not isinstance(outcome, _DeadlineError):
        raise outcome
    if not isinstance(outcome, _Answer):
        stop.set()
        raise HTTPException(
            503,
            f"the query did not finish within the {settings.query_timeout:g} s query timeout "
            "(BUNDLEKG_QUERY_TIMEOUT) and was stopped; narrow it (LIMIT, more specific "
            "patterns) and retry",
            headers={"Retry-After": RETRY_AFTER},
        )
    headers = {"Vary": "Accept"}
    if outcome.truncated:
        headers["X-Result-Truncated"] = "true"
    return Response(outcome.body, media_type=outcome.media_type, headers=headers)


def _description(endpoint: str, settings: Settings) -> list[Triple]:
    """The SPARQL service description of this endpoint."""
    service = BlankNode()
    dataset = BlankNode()
    default_graph = BlankNode()

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), NamedNode(endpoint)),
        Triple(service, sd("supportedLanguage"), sd("SPARQL10Query")),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("defaultEntailmentRegime"), SIMPLE_ENTAILMENT),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, sd("Graph")),
        Triple(
            service,
            DCT_DESCRIPTION,
            Literal(
                "bundlekg: US medical billing codes and what sources say about billing them "
                "together. Read-only: SPARQL Update is refused (403) and SERVICE may only name "
                f"this endpoint. A query stops after {settings.query_timeout:g} s (503) and "
                f"returns at most {settings.result_limit} solutions or triples "
                "(X-Result-Truncated: true when more matched). Every claim is a named graph.",
                language="en",
            ),
        ),
    ]
    for chosen in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if chosen.iri is not None:
            triples.append(Triple(service, sd("resultFormat"), NamedNode(chosen.iri)))
    return triples


@dataclass(frozen=True)
class Example:
    """A query of ``queries/`` as an editor tab."""

    name: str
    query: str


def _explained(text: str) -> str:
    """The query with a first line saying which variables bundlekg binds and the editor does not."""
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    binds = _BINDS.search(header)
    names = list(dict.fromkeys(_VARIABLE.findall(binds.group(1)))) if binds else []
    if not names:
        return text
    listed = ", ".join(names)
    return (
        f"# bundlekg binds {listed} before it runs this query (Binds: below). Here "
        f"{'it is' if len(names) == 1 else 'they are'} unbound, so the query answers\n"
        f"# for every value; add VALUES for {listed} inside WHERE to ask about one.\n{text}"
    )


@functools.cache
def examples() -> tuple[Example, ...]:
    """Every query in ``queries/`` (the rules are not examples), named after its file."""
    found = []
    for entry in files("bundlekg.queries").iterdir():
        if entry.is_file() and entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            found.append(Example(entry.name.removesuffix(".rq"), _explained(text)))
    return tuple(sorted(found, key=lambda example: example.name))


# The editor opens on this tab; the others follow in file-name order.
FIRST_EXAMPLE = "claims_per_source"


def _editor(request: Request, settings: Settings) -> HTMLResponse:
    tabs = sorted(examples(), key=lambda example: example.name != FIRST_EXAMPLE)
    digest = hashlib.sha256("\0".join(t.query for t in tabs).encode()).hexdigest()[:12]
    config: dict[str, Any] = {
        "endpoint": "sparql",
        "storage": f"bundlekg-{__version__}-{digest}",
        "tabs": [{"name": tab.name, "query": tab.query} for tab in tabs],
    }
    page = _templates.get_template("sparql.html").render(
        config=config,
        assets="sparql/assets",
        timeout=f"{settings.query_timeout:g}",
        limit=settings.result_limit,
        version=__version__,
    )
    return HTMLResponse(page, headers={"Vary": "Accept"})


def _describe_or_edit(request: Request, formats: Sequence[str]) -> Response:
    """No query: the editor for a browser, else the service description."""
    settings: Settings = get_settings(request)
    try:
        chosen = negotiate(
            request.headers.get("accept"),
            (*GRAPH_FORMATS, HTML),
            "the service description",
            formats,
        )
    except FormatError as error:
        raise HTTPException(error.status, str(error)) from None
    if chosen is HTML:
        return _editor(request, settings)
    try:
        body = write_graph(_description(_own_endpoint(request), settings), chosen)
    except FormatError as error:
        raise HTTPException(error.status, str(error)) from None
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})


_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results (SELECT, ASK), a graph (CONSTRUCT, DESCRIBE), the service "
        "description (no query) or the query editor (a browser, no query).",
        "content": {
            media_type: {}
            for media_type in [
                *(f.media_type for f in (*RESULT_FORMATS, *GRAPH_FORMATS)),
                HTML.media_type,
            ]
        },
    },
    400: {"description": "A syntax error, a bad parameter, or a SERVICE call elsewhere."},
    403: {"description": "SPARQL Update: the endpoint is read-only."},
    406: {"description": "No format the client accepts can hold the answer."},
    415: {"description": "A POST body that is not a query."},
    503: {"description": "The query timed out, or the graph is not open (Retry-After)."},
}


@router.get(
    "/sparql",
    summary="SPARQL 1.1 query (GET), service description, or query editor",
    response_class=Response,
    responses=_ANSWERS,
)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="A SPARQL 1.1 query.")] = None,
    default_graph_uri: Annotated[
        list[str], Query(alias="default-graph-uri", description="Graphs merged as the default.")
    ] = [],  # noqa: B006 - FastAPI copies parameter defaults
    named_graph_uri: Annotated[
        list[str], Query(alias="named-graph-uri", description="Graphs GRAPH may name.")
    ] = [],  # noqa: B006 - FastAPI copies parameter defaults
    format: Annotated[
        list[str],
        Query(
            description="Answer format instead of Accept: json, xml, csv, tsv, turtle, "
            "ntriples, rdfxml, jsonld."
        ),
    ] = [],  # noqa: B006 - FastAPI copies parameter defaults
) -> Response:
    """Answer a query given in the URL; without one, describe the service (or show the editor)."""
    params = request.query_params
    if "query" not in params and "update" not in params:
        return _describe_or_edit(request, [v for v in params.getlist("format") if v.strip()])
    return await _answer(request, _protocol_request(params))


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query (POST form or application/sparql-query)",
    response_class=Response,
    responses=_ANSWERS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            },
        }
    },
)
async def sparql_post(request: Request) -> Response:
    """Answer a query sent in the body; SPARQL Update is refused."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise HTTPException(403, str(read_only()))
    if content_type == "application/sparql-query":
        if "query" in request.query_params:
            raise HTTPException(
                400, "the query is in the body: do not also give a query parameter in the URL"
            )
        try:
            text = (await request.body()).decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(400, "the query is not UTF-8 text") from None
        if not text.strip():
            raise HTTPException(400, "the request body is empty: send a SPARQL query")
        return await _answer(request, _protocol_request(request.query_params, text))
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        merged = FormData([*request.query_params.multi_items(), *form.multi_items()])
        return await _answer(request, _protocol_request(merged))
    raise HTTPException(
        415,
        f"a POST to /sparql must be application/x-www-form-urlencoded (query=...) or "
        f"application/sparql-query, not {content_type or 'a body without Content-Type'}",
    )


def _asset(root: Path, path: str) -> FileResponse:
    """A file under ``root``; anything outside it (``..``, absolute paths, links) is not found."""
    base = root.resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(404, f"no such file: {path}")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/sparql/assets/yasgui/{path:path}", include_in_schema=False)
def yasgui_asset(request: Request, path: str) -> FileResponse:
    """YASGUI as npm installed it (``settings.assets``), for the query editor."""
    settings: Settings = get_settings(request)
    return _asset(settings.assets / YASGUI_BUILD, path)


@router.get("/sparql/assets/{name}", include_in_schema=False)
def editor_asset(name: str) -> FileResponse:
    """The editor's own script and style, from the package's ``static/``."""
    return _asset(Path(str(files("bundlekg.service") / "static")), name)
