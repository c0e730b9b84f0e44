"""bundlekg: a knowledge graph of US medical billing codes and what sources say about billing
them together, every fact traced to the sentence that states it.

>>> import bundlekg
>>> report = bundlekg.build("corpus", ".bundlekg/store")          # doctest: +SKIP
>>> kg = bundlekg.open_graph(".bundlekg/store")                   # doctest: +SKIP
>>> kg.reportable("62323", "77003").verdict.value                 # doctest: +SKIP
'not_separately_reportable'
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
    UnknownCodeError,
    UnknownSourceError,
)
from .knowledge import KnowledgeGraph, open_graph
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
    store: Path | str | None = None,
    *,
    reference: Path | str | None = None,
) -> BuildReport:
    """Build the graph of a corpus directory (and CMS files) into a store directory, atomically.

    ``reference`` defaults to ``reference/`` beside the corpus, when there is one.

    :raises InputError: for bad input, naming file, line and field.
    :raises BuildError: when the graph fails validation; the previous store is untouched.
    """
    from .store import default_store

    return _build(
        Path(corpus),
        Path(store) if store else default_store(),
        reference=Path(reference) if reference else None,
    )
