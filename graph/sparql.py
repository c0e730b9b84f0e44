"""Running the SPARQL queries of ``queries/`` with values bound, never spliced into text.

>>> from pyoxigraph import Store
>>> select(Store(), "concept_names")
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    Triple,
    Variable,
)

from .backend import GraphStore
from .errors import QueryError, StoreError
from .resources import query_text

__all__ = ["Row", "Term", "Value", "ask", "construct", "run", "select", "substitutions"]

Term = NamedNode | BlankNode | Literal | Triple
Value = NamedNode | BlankNode | Literal
Row = dict[str, Value]


def substitutions(bindings: Mapping[str, Term | str]) -> dict[Variable, Term]:
    return {
        Variable(name): Literal(value) if isinstance(value, str) else value
        for name, value in bindings.items()
    }


def run(store: GraphStore, name: str, bindings: Mapping[str, Term | str] | None = None) -> Any:
    """Run ``queries/<name>.rq`` on a store with variables bound to values.

    :raises QueryError: naming the query file when it cannot be parsed or run.
    """
    try:
        return store.query(query_text(name), substitutions=substitutions(bindings or {}))
    except (SyntaxError, RuntimeError) as error:
        raise QueryError(str(error), query=name) from error
    except StoreError:
        raise
    except OSError as error:
        raise QueryError(f"the store could not answer: {error}", query=name) from error


def _rows(solutions: QuerySolutions) -> Iterator[Row]:
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        row: Row = {}
        for name in names:
            value = solution[name]
            if value is not None and not isinstance(value, Triple):
                row[name] = value
        yield row


def select(store: GraphStore, name: str, **bindings: Term | str) -> list[Row]:
    """The rows of a SELECT query, each a dict of the variables that are bound."""
    result = run(store, name, bindings)
    if not isinstance(result, QuerySolutions):
        raise QueryError("is not a SELECT query", query=name)
    return list(_rows(result))


def ask(store: GraphStore, name: str, **bindings: Term | str) -> bool:
    """The answer of an ASK query."""
    result = run(store, name, bindings)
    if not isinstance(result, QueryBoolean):
        raise QueryError("is not an ASK query", query=name)
    return bool(result)


def construct(store: GraphStore, name: str, **bindings: Term | str) -> list[Triple]:
    """The triples of a CONSTRUCT query."""
    result = run(store, name, bindings)
    if isinstance(result, QuerySolutions | QueryBoolean):
        raise QueryError("is not a CONSTRUCT query", query=name)
    return list(result)
