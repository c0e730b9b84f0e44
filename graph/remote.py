"""A graph kept in a SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Neptune), used over HTTP.

Queries go through the SPARQL 1.1 Protocol and come back as pyoxigraph's own result objects, so
the rest of bundlekg reads a remote store exactly as it reads an embedded one. Values bound to a
query's variables travel as a trailing ``VALUES`` block, which every SPARQL 1.1 server joins
with the query's pattern as pyoxigraph joins its substitutions. Updates go through the protocol's
update operation and whole graphs through the Graph Store HTTP Protocol.

Credentials come from the environment only (``BUNDLEKG_REMOTE_TOKEN`` for a bearer token, or
``BUNDLEKG_REMOTE_USER`` and ``BUNDLEKG_REMOTE_PASSWORD`` for HTTP basic), never from a command
line where ``ps`` would show them.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from os import PathLike
from typing import IO
from urllib.parse import urlsplit, urlunsplit

import httpx
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

from .backend import QueryResult
from .errors import QueryError, StoreError, StoreUnavailableError
from .resources import query_text

__all__ = ["Endpoints", "RemoteStore", "RemoteTriples", "auth_from_env", "is_endpoint"]

TOKEN_ENV = "BUNDLEKG_REMOTE_TOKEN"
USER_ENV = "BUNDLEKG_REMOTE_USER"
PASSWORD_ENV = "BUNDLEKG_REMOTE_PASSWORD"
DEFAULT_TIMEOUT = 10.0

Term = NamedNode | BlankNode | Literal | Triple

_RESULTS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPHS = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples, text/turtle;q=0.9"
)


def is_endpoint(location: str | os.PathLike[str]) -> bool:
    """Whether a store location names a SPARQL server (an http or https URL), not a directory."""
    return isinstance(location, str) and urlsplit(location).scheme in ("http", "https")


def _sibling(url: str, name: str) -> str | None:
    parts = urlsplit(url)
    head, _, last = parts.path.rpartition("/")
    if last != "query":
        return None
    return urlunsplit(parts._replace(path=f"{head}/{name}", query="", fragment=""))


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one SPARQL server: query, update, and Graph Store Protocol.

    When the query URL ends in ``/query`` (Oxigraph server: ``/query``, ``/update``, ``/store``),
    the others default to its siblings; otherwise (Fuseki's ``/ds/query``, ``/ds/update``,
    ``/ds/data``) they are given explicitly.
    """

    query: str
    update: str | None = None
    graph_store: str | None = None

    @classmethod
    def of(cls, query: str, update: str | None = None, graph_store: str | None = None) -> Endpoints:
        """The endpoints of a query URL, with the siblings it implies.

        :raises StoreError: when a URL is not http or https.
        """
        for url in (query, update, graph_store):
            if url is not None and not is_endpoint(url):
                raise StoreError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
        if query.endswith("/query"):
            update = update or _sibling(query, "update")
            graph_store = graph_store or _sibling(query, "store")
        return cls(query, update, graph_store)

    def writable(self) -> tuple[str, str]:
        """The update and Graph Store URLs a build needs.

        :raises StoreError: naming the option to give when one is unknown.
        """
        if self.update is None:
            raise StoreError(
                f"no update endpoint for {self.query}: give --update-endpoint "
                "(it defaults to …/update only when the query URL ends in /query)"
            )
        if self.graph_store is None:
            raise StoreError(
                f"no Graph Store Protocol endpoint for {self.query}: give --graph-store "
                "(it defaults to …/store only when the query URL ends in /query)"
            )
        return self.update, self.graph_store


def auth_from_env() -> httpx.Auth | None:
    """Credentials for the SPARQL server from the environment, if any are set."""
    token = os.environ.get(TOKEN_ENV)
    if token:
        return _Bearer(token)
    user = os.environ.get(USER_ENV)
    if user:
        return httpx.BasicAuth(user, os.environ.get(PASSWORD_ENV, ""))
    return None


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class RemoteTriples:
    """The triples of a remote CONSTRUCT, read like pyoxigraph's ``QueryTriples``."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._triples = list(triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def serialize(
        self,
        /,
        output: IO[bytes] | str | PathLike[str] | None = None,
        format: RdfFormat | None = None,
    ) -> bytes | None:
        return serialize(self._triples, output, format or RdfFormat.N_TRIPLES)


def with_values(query: str, substitutions: dict[Variable, Term] | None) -> str:
    """The query with its bound values as a trailing ``VALUES`` block (SPARQL 1.1 §10.2.2)."""
    if not substitutions:
        return query
    for value in substitutions.values():
        if isinstance(value, BlankNode | Triple):
            raise QueryError(f"{value} cannot be sent to a SPARQL server as a bound value")
    names = " ".join(str(variable) for variable in substitutions)
    values = " ".join(str(value) for value in substitutions.values())
    return f"{query}\nVALUES ({names}) {{ ({values}) }}\n"


class RemoteStore:
    """A SPARQL 1.1 server as a :class:`~bundlekg.backend.GraphStore`.

    Every failure to reach the server, a timeout or a 5xx answer raises
    :class:`~bundlekg.errors.StoreUnavailableError` (the service answers 503 and recovers by
    itself when the server is back); a 4xx answer to a query raises :class:`QueryError`.
    """

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        auth: httpx.Auth | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.timeout = timeout
        self._client = httpx.Client(
            auth=auth if auth is not None else auth_from_env(),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers={"User-Agent": "bundlekg"},
        )

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoints.query!r})"

    def close(self) -> None:
        """Close the connections to the server."""
        self._client.close()

    def __del__(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()

    def _send(self, request: httpx.Request, what: str) -> httpx.Response:
        try:
            response = self._client.send(request)
        except httpx.TimeoutException:
            raise StoreUnavailableError(
                f"the SPARQL server at {request.url} did not answer {what} within "
                f"{self.timeout:g} s"
            ) from None
        except httpx.TransportError as error:
            raise StoreUnavailableError(
                f"the SPARQL server at {request.url} cannot be reached: {error}"
            ) from None
        if response.status_code >= 500:
            raise StoreUnavailableError(
                f"the SPARQL server at {request.url} failed {what} "
                f"(HTTP {response.status_code}): {response.text[:300]}"
            )
        if response.status_code in (401, 403):
            raise StoreError(
                f"the SPARQL server at {request.url} refused {what} (HTTP "
                f"{response.status_code}): set {TOKEN_ENV}, or {USER_ENV} and {PASSWORD_ENV}"
            )
        return response

    def query(
        self,
        /,
        query: str,
        *,
        default_graph: list[NamedNode | BlankNode | DefaultGraph] | None = None,
        named_graphs: list[NamedNode | BlankNode] | None = None,
        substitutions: dict[Variable, Term] | None = None,
    ) -> QueryResult:
        """Run a query on the server; the answer is parsed into pyoxigraph's result objects.

        :raises QueryError: when the server rejects the query.
        :raises StoreUnavailableError: when the server cannot be reached or fails.
        """
        params: list[tuple[str, str | int | float | bool | None]] = []
        for graph in default_graph or ():
            if isinstance(graph, NamedNode):
                params.append(("default-graph-uri", graph.value))
        for graph in named_graphs or ():
            if isinstance(graph, NamedNode):
                params.append(("named-graph-uri", graph.value))
        request = self._client.build_request(
            "POST",
            self.endpoints.query,
            params=params,
            content=with_values(query, substitutions).encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": _ACCEPT},
        )
        response = self._send(request, "a query")
        if response.status_code >= 400:
            raise QueryError(
                f"the SPARQL server rejected the query (HTTP {response.status_code}): "
                f"{response.text[:500]}"
            )
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media_type in _RESULTS:
                return parse_query_results(response.content, _RESULTS[media_type])
            if media_type in _GRAPHS:
                return RemoteTriples(
                    Triple(q.subject, q.predicate, q.object)
                    for q in parse(response.content, _GRAPHS[media_type])
                )
        except SyntaxError as error:
            raise StoreUnavailableError(
                f"the SPARQL server at {self.endpoints.query} sent an answer that does not "
                f"parse as {media_type}: {error}"
            ) from None
        raise StoreUnavailableError(
            f"the SPARQL server at {self.endpoints.query} answered in {media_type or 'no'} "
            "format, which bundlekg does not read"
        )

    def update(self, update: str) -> None:
        """Run a SPARQL update; servers run one request as one transaction.

        :raises StoreError: when the server rejects the update or no update URL is known.
        """
        url, _ = self.endpoints.writable()
        request = self._client.build_request(
            "POST",
            url,
            content=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        response = self._send(request, "an update")
        if response.status_code >= 400:
            raise StoreError(
                f"the SPARQL server rejected an update (HTTP {response.status_code}): "
                f"{response.text[:500]}"
            )

    def put_graph(self, graph: NamedNode, content: Iterable[bytes]) -> None:
        """Replace one named graph with N-Triples, streamed (Graph Store HTTP Protocol PUT).

        :raises StoreError: when the server rejects the graph or no Graph Store URL is known.
        """
        _, url = self.endpoints.writable()
        request = self._client.build_request(
            "PUT",
            url,
            params={"graph": graph.value},
            content=iter(content),
            headers={"Content-Type": "application/n-triples"},
        )
        response = self._send(request, f"graph {graph.value}")
        if response.status_code >= 400:
            raise StoreError(
                f"the Graph Store at {url} rejected graph {graph.value} (HTTP "
                f"{response.status_code}): {response.text[:500]}"
            )

    def copy(self) -> Store:
        """The whole dataset in an in-memory pyoxigraph store (to validate it with SHACL)."""
        result = self.query(query_text("all_quads"))
        if not isinstance(result, QuerySolutions):
            raise QueryError("is not a SELECT query", query="all_quads")
        store = Store()
        store.extend(
            Quad(row["s"], row["p"], row["o"], row["g"] or DefaultGraph()) for row in result
        )
        return store
