"""The review overlay: a document's candidates and its review file, joined into the claims
that go into the graph.

- Without a review file every candidate counts.
- A review file's curated claims always count; its decisions accept, reject or correct
  candidates by id (a correction keeps the quote and offsets and replaces the facts or stance).
- ``extraction: reviewed`` leaves out the candidates it does not list; without it they count.
- A curated claim over the same quote (overlapping offsets) that states every fact of a
  candidate supersedes it, so one sentence is not counted twice as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..claims import Claim
from ..errors import InputError
from ..reviews import Review, Verdict
from .candidates import Candidate
from .evaluate import Fact, facts_of

__all__ = ["Overlay", "overlay"]


@dataclass(frozen=True)
class Overlay:
    """The claims of one document and where they came from."""

    claims: list[Claim]
    extracted: int
    reviewed: int


def _superseded(claim: Claim, curated: list[list[Fact]]) -> bool:
    mine = facts_of(claim.assertions, claim.start, claim.end)
    return bool(mine) and any(
        all(any(f.overlaps(g) for g in facts) for f in mine) for facts in curated
    )


def overlay(candidates: list[Candidate], review: Review | None) -> Overlay:
    """The claims a document contributes, from its candidates and its review.

    :raises InputError: for a decision on a candidate that extraction did not produce.
    """
    if review is None:
        claims = [c.claim() for c in candidates]
        return Overlay(claims, len(claims), 0)
    by_id = {c.id: c for c in candidates}
    for listed in review.decisions:
        if listed.candidate not in by_id:
            raise InputError(
                f"no candidate {listed.candidate!r} in {review.document}; "
                "`bundlekg review DOC` lists the candidates and their ids",
                path=review.path,
                line=listed.line,
                field="candidate",
            )
    decided = {d.candidate: d for d in review.decisions}
    curated = [facts_of(c.assertions, c.start, c.end) for c in review.claims]
    extracted: list[Claim] = []
    for candidate in candidates:
        decision = decided.get(candidate.id)
        if decision is None:
            if review.reviewed:
                continue
            claim = candidate.claim()
        elif decision.verdict is Verdict.REJECT:
            continue
        elif decision.verdict is Verdict.ACCEPT:
            claim = replace(candidate.claim(), extracted_by=f"extract:{candidate.rule}+accepted")
        else:
            claim = replace(
                candidate.claim(),
                assertions=decision.assertions or candidate.assertions,
                stance=decision.stance or candidate.stance,
                extracted_by=f"extract:{candidate.rule}+corrected",
                origin=review.path,
                line=decision.line,
            )
        if _superseded(claim, curated):
            continue
        extracted.append(claim)
    return Overlay(list(review.claims) + extracted, len(extracted), len(review.claims))
