"""Claims: what a document asserts, with the quote that says it and where the quote stands.

A claim is produced by a curator (a review file) or by an extractor; both give the same
:class:`Claim`, so one pipeline turns either into RDF. Assertions stay as the words of the
review format (``[62323, includesGuidance, fluoroscopy]``) until :mod:`bundlekg.facts` checks them
against the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .documents import Document
from .errors import InputError

__all__ = [
    "PAIR_PROPERTIES",
    "Claim",
    "Stance",
    "Statement",
    "Triple",
    "check_quote",
    "locate_quote",
]

CLAIM_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

# The properties that join two codes (or a code and a kind of procedure): the facts that decide
# whether a pair may be billed together.
PAIR_PROPERTIES = frozenset({"includes", "integralTo", "separatelyReportableWith", "addOnTo"})


class Stance(Enum):
    """How the sentence says it: plainly, or through a negation ("should NOT be reported")."""

    AFFIRMS = "affirms"
    NEGATES = "negates"


@dataclass(frozen=True)
class Triple:
    """``[subject, property, object]`` as written; codes, ranges and concept names are text."""

    subject: str
    property: str
    object: str
    line: int | None = None


@dataclass(frozen=True)
class Statement:
    """A fact with several parts: a replacement, modifier, frequency or documentation."""

    kind: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    line: int | None = None

    def get(self, key: str) -> tuple[str, ...]:
        return next((values for name, values in self.parts if name == key), ())


Assertion = Triple | Statement


@dataclass(frozen=True)
class Claim:
    """One quote of one document and the facts it asserts."""

    document: str
    id: str
    quote: str
    start: int
    end: int
    assertions: tuple[Assertion, ...]
    stance: Stance = Stance.AFFIRMS
    confidence: float = 1.0
    extracted_by: str = "review"
    origin: Path | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    def error(
        self, message: str, *, line: int | None = None, field: str | None = None
    ) -> InputError:
        """An input error located at this claim in the file it came from."""
        return InputError(
            f"claim {self.id!r}: {message}",
            path=self.origin,
            line=line if line is not None else self.line,
            field=field,
        )


def check_quote(claim: Claim, document: Document) -> None:
    """Fail unless the claim's quote stands in the document at the claim's offsets.

    :raises InputError: naming the file and claim, with where the quote really is when it is
        found elsewhere in the document.
    """
    if not 0 <= claim.start < claim.end <= len(document.text):
        raise claim.error(
            f"offsets {claim.start}..{claim.end} fall outside document {document.id} "
            f"({len(document.text)} characters)",
            field="start",
        )
    found = document.text[claim.start : claim.end]
    if found == claim.quote:
        return
    hint = ""
    places = locate_quote(document.text, claim.quote)
    if places:
        hint = "; the quote stands at " + ", ".join(f"{s}..{e}" for s, e in places[:3])
    raise claim.error(
        f"quote not found at {claim.start}..{claim.end} of {document.id}: "
        f"the text there is {found[:60]!r}{hint}",
        field="quote",
    )


def locate_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place a quote stands in a text, as (start, end) character offsets."""
    places: list[tuple[int, int]] = []
    start = text.find(quote)
    while start != -1 and quote:
        places.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return places
