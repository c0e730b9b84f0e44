"""What the rest of bundlekg needs from a store: SPARQL queries with values bound.

Two kinds of store answer it: a built pyoxigraph directory opened read-only (the default,
``pyoxigraph.Store`` itself) and a SPARQL 1.1 server reached over HTTP
(:class:`bundlekg.remote.RemoteStore`). Everything above this module (the queries, the API, the
service) talks to a :class:`GraphStore` and does not know which.
"""

from __future__ import annotations

from collections.abc import Iterator
from os import PathLike
from typing import IO, Protocol, runtime_checkable

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
    Variable,
)

__all__ = ["GraphResult", "GraphStore", "QueryResult"]


@runtime_checkable
class GraphResult(Protocol):
    """The triples of a CONSTRUCT or DESCRIBE query, as pyoxigraph's ``QueryTriples`` gives them."""

    def __iter__(self) -> Iterator[Triple]: ...

    def serialize(
        self,
        /,
        output: IO[bytes] | str | PathLike[str] | None = None,
        format: RdfFormat | None = None,
    ) -> bytes | None: ...


QueryResult = QuerySolutions | QueryBoolean | GraphResult


class GraphStore(Protocol):
    """A store bundlekg can read: ``query`` as ``pyoxigraph.Store.query`` defines it."""

    def query(
        self,
        /,
        query: str,
        *,
        default_graph: list[NamedNode | BlankNode | DefaultGraph] | None = None,
        named_graphs: list[NamedNode | BlankNode] | None = None,
        substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] | None = None,
    ) -> QueryResult: ...
