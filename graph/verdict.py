"""Deciding "is B separately reportable with A?" from the evidence the graph holds.

Authority decides: the verdict is what the strongest evidence says, and any weaker evidence
that disagrees makes it *contested*. When the strongest evidence disagrees with itself the
verdict is *conflicting*. Stance is judged by meaning (DESIGN.md section 4): "B is included in
A" and "B may be reported with a modifier" both mean the two are not billed together for the same
service, so they agree with each other and disagree with "B is reported separately".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any

__all__ = ["Evidence", "Position", "Verdict", "VerdictKind", "decide"]


class VerdictKind(Enum):
    """The five answers to "may I bill B together with A?"."""

    NOT_SEPARATELY_REPORTABLE = "not_separately_reportable"
    SEPARATELY_REPORTABLE_WITH_MODIFIER = "separately_reportable_with_modifier"
    SEPARATELY_REPORTABLE = "separately_reportable"
    CONFLICTING = "conflicting"
    UNKNOWN = "unknown"


class Position(Enum):
    """What one piece of evidence says about the pair on its own."""

    BUNDLED = "not_separately_reportable"
    REPORT_INSTEAD = "report_instead"
    WITH_MODIFIER = "separately_reportable_with_modifier"
    SEPARATE = "separately_reportable"

    @property
    def together_is_wrong(self) -> bool:
        """Whether this evidence says the pair is not billed together for the same service."""
        return self is not Position.SEPARATE


@dataclass(frozen=True)
class Evidence:
    """One quote that speaks to a pair, how strong its source is, and what it says."""

    source: str
    title: str
    kind: str
    authority: int
    quote: str
    start: int | None
    end: int | None
    position: Position
    strength: int
    claim: str | None = None
    derived_by: tuple[str, ...] | None = None
    modifier: str | None = None
    report_instead: str | None = None
    line: int | None = None
    role: str = "statement"
    stance: str = "supports"
    qualifying: frozenset[str] = frozenset()
    precedence: int = 0
    column1: str | None = None

    @property
    def rank(self) -> tuple[int, int]:
        """Authority first; among equals, a PTP edit (2) outranks an add-on edit (1) or a claim."""
        return (self.strength, self.precedence)

    def qualifies(self, modifiers: frozenset[str]) -> str | None:
        """The first given modifier that lets the pair be billed under this evidence, if any."""
        allowed = self.qualifying or ({self.modifier} if self.modifier else set())
        return next((m for m in sorted(modifiers) if m in allowed), None)

    def as_dict(self) -> dict[str, Any]:
        """The evidence item of the answer contract (``ask --json``)."""
        return {
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "authority": self.authority,
            "claim": self.claim,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "stance": self.stance,
            "role": self.role,
            "says": self.position.value,
            "modifier": self.modifier,
            "derived_by": list(self.derived_by) if self.derived_by else None,
        }


@dataclass(frozen=True)
class Verdict:
    """The answer for a pair: a verdict, whether it is contested, why, and all the evidence."""

    a: str
    b: str
    verdict: VerdictKind
    contested: bool
    reason: str
    evidence: tuple[Evidence, ...] = ()
    report_instead: str | None = None
    modifiers: tuple[str, ...] = ()
    date: date | None = None
    column1: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The answer contract shared by ``bundlekg ask --json`` and ``GET /v1/reportable``."""
        return {
            "a": self.a,
            "b": self.b,
            "verdict": self.verdict.value,
            "contested": self.contested,
            "report_instead": self.report_instead,
            "reason": self.reason,
            "modifiers": list(self.modifiers),
            "date": self.date.isoformat() if self.date else None,
            "column1": self.column1,
            "evidence": [e.as_dict() for e in self.evidence],
        }


def _supports(
    verdict: VerdictKind, item: Evidence, modifiers: frozenset[str], bypassed: bool
) -> bool:
    """Whether an item agrees with the verdict, judged by meaning (DESIGN.md section 4).

    When a qualifying modifier turned "not with the same service" into "separately reportable",
    evidence that the pair is bundled by default agrees: the modifier is what bypasses it.
    """
    if verdict is VerdictKind.SEPARATELY_REPORTABLE:
        if item.position is Position.WITH_MODIFIER:
            return item.qualifies(modifiers) is not None or bypassed
        if item.position is Position.SEPARATE:
            return True
        return bypassed and item.position is Position.BUNDLED
    return item.position.together_is_wrong


def _names(items: Iterable[Evidence]) -> str:
    """The sources that state the evidence (premises only place codes in categories)."""
    sources = sorted({f"{e.source} ({e.kind})" for e in items if e.role == "statement"})
    if len(sources) > 3:
        return ", ".join(sources[:3]) + f" and {len(sources) - 3} more"
    return ", ".join(sources)


def _reason(
    a: str,
    b: str,
    verdict: VerdictKind,
    top: Sequence[Evidence],
    against: Sequence[Evidence],
    modifier: str | None,
    instead: str | None,
) -> str:
    say = {
        VerdictKind.NOT_SEPARATELY_REPORTABLE: f"{b} is not reported separately with {a}",
        VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER: (
            f"{a} and {b} are billed together only when the services are distinct and "
            f"marked with a qualifying modifier" + (f" (such as {modifier})" if modifier else "")
        ),
        VerdictKind.SEPARATELY_REPORTABLE: (
            f"{b} is reported separately with {a}"
            + (f" with modifier {modifier}" if modifier else "")
        ),
    }
    if verdict is VerdictKind.CONFLICTING:
        bundled = [e for e in top if e.position.together_is_wrong]
        separate = [e for e in top if not e.position.together_is_wrong]
        return (
            f"Sources of equal authority disagree: {_names(bundled)} say {b} is not billed "
            f"with {a}; {_names(separate)} say it is reported separately."
        )
    sentence = f"{say[verdict][0].upper()}{say[verdict][1:]}, according to {_names(top)}"
    if verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER and any(
        e.qualifying for e in top
    ):
        sentence += " (an NCCI-associated modifier such as 59, XS, XE, XP or XU)"
    if instead:
        sentence += f"; report {instead} instead"
    if against:
        sentence += f"; weaker sources disagree: {_names(against)}"
    return sentence + "."


def decide(
    a: str,
    b: str,
    items: Sequence[Evidence],
    *,
    modifiers: Iterable[str] = (),
    date: date | None = None,
) -> Verdict:
    """The verdict for a pair from its evidence, each item's stance set against it.

    >>> decide("99999", "12345", []).verdict
    <VerdictKind.UNKNOWN: 'unknown'>
    """
    given = frozenset(modifiers)
    if not items:
        return Verdict(
            a,
            b,
            VerdictKind.UNKNOWN,
            contested=False,
            reason=f"No source in the graph speaks to billing {a} with {b}.",
            modifiers=tuple(sorted(given)),
            date=date,
        )
    strongest = max(e.rank for e in items)
    top = [e for e in items if e.rank == strongest]
    bundled = any(e.position in (Position.BUNDLED, Position.REPORT_INSTEAD) for e in top)
    separate = any(e.position is Position.SEPARATE for e in top)
    with_modifier = [e for e in top if e.position is Position.WITH_MODIFIER]
    qualifying = next((m for e in with_modifier if (m := e.qualifies(given))), None)
    if separate and (bundled or (with_modifier and qualifying is None)):
        verdict = VerdictKind.CONFLICTING
    elif with_modifier:
        verdict = (
            VerdictKind.SEPARATELY_REPORTABLE
            if qualifying
            else VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
        )
    elif bundled:
        verdict = VerdictKind.NOT_SEPARATELY_REPORTABLE
    else:
        verdict = VerdictKind.SEPARATELY_REPORTABLE
    judged = (
        VerdictKind.NOT_SEPARATELY_REPORTABLE if verdict is VerdictKind.CONFLICTING else verdict
    )
    bypassed = qualifying is not None
    stanced = [
        replace(e, stance="supports" if _supports(judged, e, given, bypassed) else "contradicts")
        for e in items
    ]
    against = [e for e in stanced if e.stance == "contradicts"]
    instead = None
    if verdict in (VerdictKind.NOT_SEPARATELY_REPORTABLE, VerdictKind.CONFLICTING):
        replacing = [e for e in stanced if e.report_instead and e.stance == "supports"]
        if replacing:
            instead = max(replacing, key=lambda e: e.strength).report_instead
    modifier = qualifying or next((e.modifier for e in with_modifier if e.modifier), None)
    column1 = next((e.column1 for e in top if e.column1), None)
    ordered = sorted(
        stanced,
        key=lambda e: (
            e.stance != "supports",
            e.role != "statement",
            -e.strength,
            -e.precedence,
            len(e.derived_by or ()),
            e.source,
            e.claim or "",
        ),
    )
    return Verdict(
        a,
        b,
        verdict,
        contested=bool(against),
        reason=_reason(a, b, verdict, top, against, modifier, instead),
        evidence=tuple(ordered),
        report_instead=instead,
        modifiers=tuple(sorted(given)),
        date=date,
        column1=column1,
    )
