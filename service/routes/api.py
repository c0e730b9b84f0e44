"""The REST API under ``/v1``: one router per resource, joined here."""

from __future__ import annotations

from fastapi import APIRouter

from . import claims, codes, conflicts, graph, reportable, sources

router = APIRouter(prefix="/v1")
for _module in (reportable, claims, codes, sources, conflicts, graph):
    router.include_router(_module.router)
