"""Where a built graph lives: a store directory (embedded pyoxigraph, the default) or a SPARQL
server, given by its query URL.

>>> StoreLocation.of("http://localhost:7878/query").endpoints.update
'http://localhost:7878/update'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .backend import GraphStore
from .errors import StoreError
from .remote import DEFAULT_TIMEOUT, Endpoints, RemoteStore, is_endpoint
from .remote_publish import served_build
from .store import current_build, default_store, open_store

__all__ = ["StoreLocation"]


@dataclass(frozen=True)
class StoreLocation:
    """A store directory or the endpoints of a SPARQL server, and how to open it."""

    directory: Path | None = None
    endpoints: Endpoints | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def of(
        cls,
        location: Path | str | None = None,
        *,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> StoreLocation:
        """A location from what a user gives: an http(s) query URL, a directory, or nothing
        (``$BUNDLEKG_STORE``, else ``.bundlekg/store``).

        :raises StoreError: for update or Graph Store URLs given without a query URL.
        """
        if isinstance(location, str) and is_endpoint(location):
            endpoints = Endpoints.of(location, update_endpoint, graph_store)
            return cls(endpoints=endpoints, timeout=timeout)
        if update_endpoint or graph_store:
            raise StoreError("--update-endpoint and --graph-store need --endpoint (a query URL)")
        return cls(directory=Path(location) if location else default_store(), timeout=timeout)

    @property
    def is_remote(self) -> bool:
        return self.endpoints is not None

    def __str__(self) -> str:
        return self.endpoints.query if self.endpoints else str(self.directory)

    def connect(self) -> RemoteStore:
        """A client of the SPARQL server (no request sent yet)."""
        if self.endpoints is None:
            raise StoreError(f"{self} is a store directory, not a SPARQL server")
        return RemoteStore(self.endpoints, timeout=self.timeout)

    def open(self) -> GraphStore:
        """The served graph, read-only for a directory.

        :raises StoreError: when nothing has been built there, or the server cannot be reached
            (:class:`~bundlekg.errors.StoreUnavailableError`).
        """
        if self.directory is not None:
            return open_store(self.directory)
        remote = self.connect()
        try:
            if served_build(remote) is None:
                raise StoreError(
                    f"no graph has been built in {self}; run "
                    f"`bundlekg build --endpoint {self}` first"
                )
        except BaseException:
            remote.close()
            raise
        return remote

    def generation(self, store: GraphStore | None = None) -> str | None:
        """Which build is served now: a rebuild changes it (None before the first build).

        :raises StoreUnavailableError: when the server cannot be reached.
        """
        if self.directory is not None:
            build = current_build(self.directory)
            return str(build) if build else None
        remote = store if isinstance(store, RemoteStore) else None
        if remote is None:
            remote = self.connect()
            try:
                return served_build(remote)
            finally:
                remote.close()
        return served_build(remote)
