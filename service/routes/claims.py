"""``POST /v1/claims/check``: what a claim scrubber runs on a whole claim."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from bundlekg.claimcheck import ClaimLine
from bundlekg.errors import InputError

from ..deps import GraphDep, SettingsDep
from ..models import ClaimCheckAnswer, ClaimRequest, error_responses

router = APIRouter(tags=["pairs"])


@router.post(
    "/claims/check",
    response_model=ClaimCheckAnswer,
    summary="Check a claim: every pair of lines, MUE units, add-ons without a primary",
    responses=error_responses(400, 422, 503),
)
def check_claim(claim: ClaimRequest, graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    """The verdict of every pair of lines with different codes (with the modifiers of both lines)
    and its evidence, and flags for pairs that may not be billed as they stand, for units over a
    code's Medically Unlikely Edit (per line for adjudication indicator 1, per day for 2 and 3)
    and for add-on codes whose listed primaries are all missing from the claim.

    A claim of n lines has up to n(n-1)/2 pairs, so the number of lines is capped by the
    service's `max_claim_lines`.
    """
    limit = settings.max_claim_lines
    if len(claim.lines) > limit:
        raise InputError(
            f"a claim may have at most {limit} lines, got {len(claim.lines)}", field="lines"
        )
    lines = [ClaimLine(line.code, tuple(line.modifiers), line.units) for line in claim.lines]
    return graph.check_claim(lines, date=claim.date, setting=claim.setting).as_dict()
