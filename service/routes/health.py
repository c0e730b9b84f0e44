"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bundlekg.errors import BundlekgError

from ..deps import get_graph

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, Any]:
    return {"ok": True}


@router.get("/readyz", summary="The graph is open and answers", responses={503: {}})
def readyz(request: Request) -> Any:
    try:
        sources = len(get_graph(request).sources())
    except BundlekgError as error:
        return JSONResponse(
            {"ok": False, "status": 503, "error": str(error), "errors": []},
            status_code=503,
            headers={"Retry-After": "5"},
        )
    return {"ok": True, "sources": sources}
