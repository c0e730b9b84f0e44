"""bundlekg: a knowledge graph of US medical billing codes and what sources say about billing
them together, every fact traced to the sentence that states it.

>>> import bundlekg
>>> report = bundlekg.build("corpus", ".bundlekg/store")          # doctest: +SKIP
>>> kg = bundlekg.open_graph(".bundlekg/store")                   # doctest: +SKIP
>>> kg.reportable("62323", "77003").verdict.value                 # doctest: +SKIP
'not_separately_reportable'

A SPARQL server holds the graph just as well: give its query URL (or a :class:`StoreLocation`
with explicit update and Graph Store URLs) where a store directory goes::

    bundlekg.build("corpus", "http://localhost:7878/query")
    kg = bundlekg.open_graph("http://localhost:7878/query")
"""

from __future__ import annotations

from pathlib import Path

from .build import BuildReport
from .build import build as _build
from .claimcheck import ClaimCheck, ClaimLine
from .codeinfo import CodeInfo
from .conflicts import Conflict
from .errors import (
    BuildError,
    BundlekgError,
    InputError,
    QueryError,
    StoreError,
    StoreUnavailableError,
    UnknownCodeError,
    UnknownSourceError,
)
from .knowledge import KnowledgeGraph, open_graph
from .location import StoreLocation
from .verdict import Evidence, Verdict, VerdictKind

__all__ = [
    "BuildError",
    "BuildReport",
    "BundlekgError",
    "ClaimCheck",
    "ClaimLine",
    "CodeInfo",
    "Conflict",
    "Evidence",
    "InputError",
    "KnowledgeGraph",
    "QueryError",
    "StoreError",
    "StoreLocation",
    "StoreUnavailableError",
    "UnknownCodeError",
    "UnknownSourceError",
    "Verdict",
    "VerdictKind",
    "build",
    "open_graph",
]

__version__ = "0.1.0"


def build(
    corpus: Path | str = "corpus",
    store: Path | str | StoreLocation | None = None,
    *,
    reference: Path | str | None = None,
) -> BuildReport:
    """Build the graph of a corpus directory (and CMS files) into a store directory or a SPARQL
    server, atomically.

    ``reference`` defaults to ``reference/`` beside the corpus, when there is one.

    :raises InputError: for bad input, naming file, line and field.
    :raises BuildError: when the graph fails validation; the previous store is untouched.
    """
    location = store if isinstance(store, StoreLocation) else StoreLocation.of(store)
    return _build(Path(corpus), location, reference=Path(reference) if reference else None)
