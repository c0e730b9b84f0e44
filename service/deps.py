"""What route handlers ask for, by type: the graph and the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bundlekg.knowledge import KnowledgeGraph

from .holder import GraphHolder
from .settings import Settings

__all__ = ["GraphDep", "SettingsDep", "get_graph", "get_settings"]


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_graph(request: Request) -> KnowledgeGraph:
    """The open graph; a 503 (StoreError) while none can be opened."""
    holder: GraphHolder = request.app.state.graph
    return holder.get()


GraphDep = Annotated[KnowledgeGraph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
