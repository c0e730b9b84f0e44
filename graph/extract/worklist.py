"""The review worklist of one document: what extraction found next to what the review says.

Rows come in text order. A candidate is ``match`` when a curated claim states the same fact over
an overlapping quote, ``accepted``/``rejected``/``corrected`` when the review decided it, and
``extra`` otherwise (with ``extraction: reviewed`` an extra candidate is left out of the graph).
A curated claim no candidate matches is ``missing`` (extraction did not find it), ``partial``
when candidates state some of its facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..claims import Assertion, Claim, Statement, Triple
from ..documents import Document
from ..reviews import Review
from .candidates import Candidate
from .evaluate import facts_of
from .extractor import extract
from .lexicon import Lexicon

__all__ = ["Row", "Status", "format_assertion", "worklist"]


class Status(Enum):
    """Where a row stands between extraction and review."""

    MATCH = "match"
    EXTRA = "extra"
    MISSING = "missing"
    PARTIAL = "partial"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CORRECTED = "corrected"


@dataclass(frozen=True)
class Row:
    """One candidate or curated claim, with its status and the sentence span it stands in."""

    origin: str  # "candidate" or "review"
    id: str
    producer: str
    confidence: float
    start: int
    end: int
    quote: str
    stance: str
    asserts: tuple[str, ...]
    status: Status


_DECIDED = {
    "accept": Status.ACCEPTED,
    "reject": Status.REJECTED,
    "correct": Status.CORRECTED,
}


def format_assertion(assertion: Assertion) -> str:
    """An assertion as a review file writes it."""
    if isinstance(assertion, Triple):
        return f"[{assertion.subject}, {assertion.property}, {assertion.object}]"
    assert isinstance(assertion, Statement)
    parts = ", ".join(
        f"{key}: {values[0] if len(values) == 1 else '[' + ', '.join(values) + ']'}"
        for key, values in assertion.parts
    )
    return f"{assertion.kind}: {{{parts}}}"


def _matches(candidate: Candidate, claims: list[Claim]) -> bool:
    mine = facts_of(candidate.assertions, candidate.start, candidate.end)
    theirs = [f for c in claims for f in facts_of(c.assertions, c.start, c.end)]
    return bool(mine) and all(any(f.overlaps(g) for g in theirs) for f in mine)


def worklist(
    document: Document, review: Review | None, lexicon: Lexicon | None = None
) -> list[Row]:
    """Every candidate and curated claim of a document, in text order, with its status."""
    candidates = extract(document, lexicon)
    curated = review.claims if review is not None else []
    decided = {d.candidate: d for d in review.decisions} if review is not None else {}
    rows: list[Row] = []
    for candidate in candidates:
        decision = decided.get(candidate.id)
        if decision is not None:
            status = _DECIDED[decision.verdict.value]
        elif _matches(candidate, curated):
            status = Status.MATCH
        else:
            status = Status.EXTRA
        rows.append(
            Row(
                "candidate",
                candidate.id,
                candidate.rule,
                candidate.confidence,
                candidate.start,
                candidate.end,
                candidate.quote,
                candidate.stance.value,
                tuple(format_assertion(a) for a in candidate.assertions),
                status,
            )
        )
    extracted = [f for c in candidates for f in facts_of(c.assertions, c.start, c.end)]
    for claim in curated:
        facts = facts_of(claim.assertions, claim.start, claim.end)
        hits = sum(any(f.overlaps(e) for e in extracted) for f in facts)
        status = Status.MATCH if facts and hits == len(facts) else Status.MISSING
        if 0 < hits < len(facts):
            status = Status.PARTIAL
        rows.append(
            Row(
                "review",
                claim.id,
                claim.extracted_by,
                claim.confidence,
                claim.start,
                claim.end,
                claim.quote,
                claim.stance.value,
                tuple(format_assertion(a) for a in claim.assertions),
                status,
            )
        )
    return sorted(rows, key=lambda r: (r.start, r.origin != "candidate", r.end, r.id))
