"""One JSON error shape for every failure, and the status each bundlekg error maps to.

``{"ok": false, "status": 422, "error": "...", "errors": [{"field": "...", "message": "..."}]}``:
bad input is 4xx and names the field; a store that cannot answer is 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from bundlekg.errors import (
    BundlekgError,
    InputError,
    QueryError,
    StoreError,
    UnknownCodeError,
    UnknownSourceError,
)

__all__ = ["error_body", "install_error_handlers"]

log = logging.getLogger("bundlekg.service")
_STATUS: list[tuple[type[BundlekgError], int]] = [
    (UnknownCodeError, 404),
    (UnknownSourceError, 404),
    (InputError, 422),
    (QueryError, 400),
    (StoreError, 503),
]


def error_body(
    status: int, message: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": message, "errors": errors or []}


def _respond(
    status: int, message: str, errors: list[dict[str, Any]] | None = None, **headers: str
) -> JSONResponse:
    return JSONResponse(error_body(status, message, errors), status_code=status, headers=headers)


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


def install_error_handlers(app: FastAPI) -> None:
    """Map every error to the JSON shape and a 4xx (or 503 for the store), never a bare 500."""

    @app.exception_handler(BundlekgError)
    async def bundlekg_error(request: Request, error: BundlekgError) -> JSONResponse:
        status = next((code for kind, code in _STATUS if isinstance(error, kind)), 400)
        field = getattr(error, "field", None)
        errors = [{"field": field, "message": str(error)}] if field else []
        if status == 503:
            return _respond(status, str(error), errors, **{"Retry-After": "5"})
        return _respond(status, str(error), errors)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _location(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
            for e in error.errors()
        ]
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
        return _respond(422, message, errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return _respond(error.status_code, str(error.detail), None, **(error.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _respond(500, f"internal error: {type(error).__name__}")
