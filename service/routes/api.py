"""The REST API under ``/v1``: one router per resource, joined here."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1")
