"""What route handlers ask for, by type: the graph and the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bundlekg.errors import StoreError
from bundlekg.knowledge import KnowledgeGraph

from .settings import Settings

__all__ = ["GraphDep", "SettingsDep", "get_graph", "get_settings"]


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_graph(request: Request) -> KnowledgeGraph:
    """The open graph; a 503 (StoreError) while none could be opened."""
    graph: KnowledgeGraph | None = request.app.state.graph
    if graph is None:
        problem = request.app.state.store_problem or "the graph is not open"
        raise StoreError(f"{problem}; retry when the store is built")
    return graph


GraphDep = Annotated[KnowledgeGraph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
