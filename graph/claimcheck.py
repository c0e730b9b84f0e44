"""Checking a whole claim: every pair of its lines, units against MUE limits, and add-on codes
against their eligible primaries. This is what a claim scrubber runs on every claim."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import combinations
from typing import Any

from .errors import InputError
from .verdict import Verdict, VerdictKind

__all__ = ["ClaimCheck", "ClaimLine", "Flag", "FlagKind", "PairCheck", "parse_line"]

_LINE = re.compile(
    r"(?P<code>[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})(?P<modifiers>(?:-[A-Z0-9]{2})*)(?:[x*](?P<units>[0-9]+))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClaimLine:
    """One line of a claim: a code, its modifiers and its units of service."""

    code: str
    modifiers: tuple[str, ...] = ()
    units: int = 1


def parse_line(text: str) -> ClaimLine:
    """A claim line written as ``CODE[-MOD[-MOD…]][xUNITS]``: ``77003-XS``, ``64483x2``.

    :raises InputError: naming the text when it does not have that form.
    """
    match = _LINE.fullmatch(text.strip())
    if match is None:
        raise InputError(
            f"{text!r} is not a claim line: write CODE[-MODIFIER…][xUNITS], e.g. 77003-XS or "
            "64483x2",
            field="line",
        )
    modifiers = tuple(m for m in match["modifiers"].upper().split("-") if m)
    units = int(match["units"]) if match["units"] else 1
    return ClaimLine(match["code"].upper(), modifiers, units)


class FlagKind(Enum):
    """Why a claim line is flagged."""

    PAIR = "pair"
    MUE = "mue"
    ADDON = "addon"


@dataclass(frozen=True)
class Flag:
    """A problem on the claim, the lines it concerns (1-based) and the source behind it."""

    kind: FlagKind
    lines: tuple[int, ...]
    message: str
    source: str | None = None
    source_line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "lines": list(self.lines),
            "message": self.message,
            "source": self.source,
            "source_line": self.source_line,
        }


@dataclass(frozen=True)
class PairCheck:
    """The verdict for two lines of the claim."""

    lines: tuple[int, int]
    verdict: Verdict

    def as_dict(self) -> dict[str, Any]:
        return {"lines": list(self.lines), **self.verdict.as_dict()}


@dataclass(frozen=True)
class ClaimCheck:
    """Every pair's verdict and every flag raised on a claim."""

    lines: tuple[ClaimLine, ...]
    date: date
    setting: str
    pairs: tuple[PairCheck, ...]
    flags: tuple[Flag, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "setting": self.setting,
            "lines": [
                {"code": line.code, "modifiers": list(line.modifiers), "units": line.units}
                for line in self.lines
            ],
            "flags": [f.as_dict() for f in self.flags],
            "pairs": [p.as_dict() for p in self.pairs],
        }


_PAIR_FLAGS = {
    VerdictKind.NOT_SEPARATELY_REPORTABLE: "{b} is not separately reportable with {a}",
    VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER: (
        "{a} and {b} are billed together only with a qualifying modifier marking distinct services"
    ),
    VerdictKind.CONFLICTING: "sources of equal authority disagree on billing {b} with {a}",
}


def pair_flags(pairs: Sequence[PairCheck]) -> list[Flag]:
    """A flag for each pair that may not be billed as it stands on the claim."""
    flags = []
    for pair in pairs:
        template = _PAIR_FLAGS.get(pair.verdict.verdict)
        if template is None:
            continue
        message = template.format(a=pair.verdict.a, b=pair.verdict.b)
        if pair.verdict.report_instead:
            message += f"; report {pair.verdict.report_instead} instead"
        strongest = pair.verdict.evidence[0] if pair.verdict.evidence else None
        flags.append(
            Flag(
                FlagKind.PAIR,
                pair.lines,
                message,
                strongest.source if strongest else None,
                strongest.line if strongest else None,
            )
        )
    return flags


def units_by_code(lines: Sequence[ClaimLine]) -> dict[str, list[tuple[int, int]]]:
    """For each code, its (1-based line, units) on the claim."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, line in enumerate(lines, start=1):
        found[line.code].append((number, line.units))
    return found


def line_pairs(lines: Sequence[ClaimLine]) -> list[tuple[int, int]]:
    """Every pair of lines with different codes (1-based)."""
    return [
        (i, j)
        for i, j in combinations(range(1, len(lines) + 1), 2)
        if lines[i - 1].code != lines[j - 1].code
    ]
