"""Candidate claims: what a rule of the grammar read in a sentence, before any review.

A candidate becomes the same :class:`~bundlekg.claims.Claim` a review file gives, with
``extracted_by`` set to its rule and a confidence below 1. Its id is derived from the rule and
the offsets, so it stays the same from build to build and a review file can name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..claims import Assertion, Claim, Stance

__all__ = ["Candidate", "candidate_id"]


def candidate_id(rule: str, start: int, end: int) -> str:
    """``x-<rule>-<start>-<end>`` in the claim-id alphabet.

    >>> candidate_id("pair.included_in", 777, 965)
    'x-pair-included-in-777-965'
    """
    name = "".join(c if c.isalnum() else "-" for c in rule.lower())
    return f"x-{name}-{start}-{end}"


@dataclass(frozen=True)
class Candidate:
    """One rule's reading of one quote: the facts, the stance and how sure the rule is."""

    document: str
    rule: str
    start: int
    end: int
    quote: str
    assertions: tuple[Assertion, ...]
    stance: Stance
    confidence: float

    @property
    def id(self) -> str:
        return candidate_id(self.rule, self.start, self.end)

    def claim(self) -> Claim:
        """The claim this candidate makes when it goes into the graph unreviewed."""
        return Claim(
            document=self.document,
            id=self.id,
            quote=self.quote,
            start=self.start,
            end=self.end,
            assertions=self.assertions,
            stance=self.stance,
            confidence=self.confidence,
            extracted_by=f"extract:{self.rule}",
        )
