"""The graph a service process answers from, kept current and recovered without a restart.

It is opened when the service starts, and again after a failure (at most once per ``retry``
seconds, so a store that is down costs each request a quick 503, not a hang). Every ``refresh``
seconds one
request checks which build the store serves (the ``current`` link of a store directory, the
pointer graph of a SPARQL server) and, when a new build has been published, the graph is reopened
on it; the others keep answering from the graph they have meanwhile.
"""

from __future__ import annotations

import threading
import time

from bundlekg.errors import StoreError
from bundlekg.knowledge import DEFAULT_ANSWER_CACHE, KnowledgeGraph, open_graph
from bundlekg.location import StoreLocation

__all__ = ["GraphHolder"]


class GraphHolder:
    """A lazily opened, self-refreshing :class:`KnowledgeGraph` over one store location."""

    def __init__(
        self,
        location: StoreLocation | None,
        graph: KnowledgeGraph | None = None,
        *,
        refresh: float = 5.0,
        retry: float = 1.0,
        answer_cache: int = DEFAULT_ANSWER_CACHE,
    ) -> None:
        self.location = location
        self.refresh = refresh
        self.retry = retry
        self.answer_cache = answer_cache
        self._graph = graph
        self._generation: str | None = None
        self._problem: str | None = None
        self._lock = threading.Lock()
        self._busy = False
        self._next_try = 0.0
        self._next_check = time.monotonic() + refresh

    @property
    def problem(self) -> str | None:
        """Why no graph is open, if none is."""
        return None if self._graph is not None else self._problem or "the graph is not open"

    def get(self) -> KnowledgeGraph:
        """The graph to answer from.

        :raises StoreError: while none can be opened (the service answers 503).
        """
        graph = self._graph
        if self.location is None:
            if graph is None:
                raise StoreError(self.problem or "the graph is not open")
            return graph
        now = time.monotonic()
        if graph is None:
            with self._lock:  # wait for an opening under way rather than fail beside it
                if self._graph is None and time.monotonic() >= self._next_try:
                    self._update(None)
                    self._next_try = time.monotonic() + self.retry
        elif now >= self._next_check and self._claim(now):
            try:
                self._update(graph)
            finally:
                self._busy = False
        graph = self._graph
        if graph is None:
            raise StoreError(f"{self.problem}; retry in a few seconds")
        return graph

    def _claim(self, now: float) -> bool:
        """Let one thread at a time check for a new build; the others answer meanwhile."""
        with self._lock:
            if self._busy:
                return False
            self._busy = True
            self._next_check = now + self.refresh
            return True

    def _update(self, graph: KnowledgeGraph | None) -> None:
        assert self.location is not None
        try:
            generation = self.location.generation(graph.store if graph else None)
            if graph is not None and generation == self._generation:
                return
            opened = open_graph(self.location, answer_cache=self.answer_cache)
        except StoreError as error:
            self._problem = str(error)
            return
        self._graph, self._generation, self._problem = opened, generation, None

    def open(self) -> None:
        """Try to open the graph now (at start-up); a failure is kept as the problem to report."""
        try:
            self.get()
        except StoreError:
            pass
