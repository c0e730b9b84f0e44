"""The exceptions bundlekg raises.

Every error says what went wrong, where, and how to fix it::

    BundlekgError
    ├── InputError        bad input: corpus or review file, code, option (names file, line, field)
    ├── UnknownCodeError  a well-formed code the graph has nothing about
    ├── UnknownSourceError  a source document id the graph does not hold
    ├── QueryError        a SPARQL query that failed (names the .rq file)
    ├── BuildError        a build that could not finish; the previous store is untouched
    └── StoreError        the store is missing, locked or unreadable
        └── StoreUnavailableError  a SPARQL server that is down, slow or failing (retry later)

An "unknown" verdict and a failed SHACL check are results, not exceptions.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BuildError",
    "BundlekgError",
    "InputError",
    "QueryError",
    "StoreError",
    "StoreUnavailableError",
    "UnknownCodeError",
    "UnknownSourceError",
]


class BundlekgError(Exception):
    """Base class of every error bundlekg raises on purpose."""


class InputError(BundlekgError, ValueError):
    """Input that cannot be used; the message names the file, line and field when known.

    >>> str(InputError("must be 0, 1 or 9", path=Path("ptp.txt"), line=3, field="Modifier"))
    'ptp.txt:3: Modifier: must be 0, 1 or 9'
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        elif self.line is not None:
            where = f"line {self.line}"
        parts = [p for p in (where, self.field) if p]
        return ": ".join([*parts, self.message])

    def located(self, *, path: Path | str | None = None, line: int | None = None) -> InputError:
        """The same error with a file (and line) filled in where it was missing."""
        return InputError(
            self.message,
            path=self.path or path,
            line=self.line if self.line is not None else line,
            field=self.field,
        )


class UnknownCodeError(BundlekgError, LookupError):
    """A well-formed code that no source in the graph speaks about."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"code {code} is not in the graph: no source mentions it")


class UnknownSourceError(BundlekgError, LookupError):
    """A source document id that is not in the graph."""

    def __init__(self, document: str) -> None:
        self.document = document
        super().__init__(f"no source document {document!r} in the graph; see `bundlekg sources`")


class QueryError(BundlekgError):
    """A SPARQL query that could not be parsed or run; names the query file when there is one."""

    def __init__(self, message: str, *, query: str | None = None) -> None:
        self.query = query
        super().__init__(f"{query}.rq: {message}" if query else message)


class BuildError(BundlekgError):
    """A build that stopped; the store that was there before is left as it was."""


class StoreError(BundlekgError, OSError):
    """The store could not be opened or written."""


class StoreUnavailableError(StoreError):
    """A remote store that cannot answer now (down, too slow, failing): worth retrying later."""
