"""Evidence from CMS NCCI edits: procedure-to-procedure (PTP) rows and add-on code (AOC) rows
in force on a date of service, and the Medically Unlikely Edits of a code.

Date rule (DESIGN.md section 1): an edit is in force on D when effective <= D <= deletion; the
deletion date is the last day it applies. Indicator 9 rows never applied and are never evidence.
Indicator 0: the column 2 code is not paid with column 1. Indicator 1: not paid together unless
an NCCI-associated modifier marks the services as distinct.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from .backend import GraphStore
from .reference import pair_key
from .sparql import Row, ask, select
from .terms import code_iri, code_of
from .verdict import Evidence, Position

__all__ = [
    "AddOnPrimaries",
    "MUELimit",
    "Setting",
    "addon_evidence",
    "addon_primaries",
    "has_edits",
    "mue_limits",
    "ptp_evidence",
]

PTP_PRECEDENCE = 2
AOC_PRECEDENCE = 1


class Setting(Enum):
    """Which NCCI table applies: the practitioner table or the hospital outpatient one."""

    PRACTITIONER = "practitioner"
    HOSPITAL = "hospital-outpatient"

    @classmethod
    def parse(cls, text: str) -> Setting:
        """``practitioner``, ``hospital`` or ``hospital-outpatient``.

        :raises ValueError: naming the settings there are.
        """
        value = text.strip().lower()
        if value in ("hospital", "outpatient", "hospital-outpatient"):
            return cls.HOSPITAL
        if value == "practitioner":
            return cls.PRACTITIONER
        raise ValueError(f"{text!r} is not a setting: use practitioner or hospital")


@dataclass(frozen=True)
class MUELimit:
    """Units of a code allowed on one claim line (indicator 1) or per day (2 and 3)."""

    setting: str
    units: int
    adjudication_indicator: str
    rationale: str | None
    source: str
    line: int
    effective: date | None

    @property
    def per_day(self) -> bool:
        return self.adjudication_indicator in ("2", "3")

    def as_dict(self) -> dict[str, Any]:
        return {
            "setting": self.setting,
            "units": self.units,
            "adjudication_indicator": self.adjudication_indicator,
            "per": "day" if self.per_day else "line",
            "rationale": self.rationale,
            "source": self.source,
            "line": self.line,
            "effective": self.effective.isoformat() if self.effective else None,
        }


def _in_force(row: Row, on: date) -> bool:
    if "effective" in row and date.fromisoformat(row["effective"].value) > on:
        return False
    return not ("deletion" in row and date.fromisoformat(row["deletion"].value) < on)


def _evidence(row: Row, position: Position, precedence: int, **extra: Any) -> Evidence:
    return Evidence(
        source=row["document"].value,
        title=row["title"].value,
        kind="regulator",
        authority=int(row["authority"].value),
        quote=row["quote"].value,
        start=None,
        end=None,
        position=position,
        strength=int(row["authority"].value),
        claim=None,
        line=int(row["line"].value),
        precedence=precedence,
        **extra,
    )


def ptp_evidence(
    store: GraphStore,
    a: str,
    b: str,
    *,
    on: date,
    setting: Setting,
    bypass_modifiers: frozenset[str],
) -> list[Evidence]:
    """PTP rows for the pair in force on ``on`` in the setting's table (indicator 9 left out)."""
    found = []
    for row in select(store, "pair_edits", key=pair_key(a, b)):
        indicator = row["indicator"].value
        if indicator == "9" or row.get("setting") is None:
            continue
        if row["setting"].value != setting.value or not _in_force(row, on):
            continue
        column1 = code_of(row["column1Code"])  # type: ignore[arg-type]
        if indicator == "0":
            found.append(_evidence(row, Position.BUNDLED, PTP_PRECEDENCE, column1=column1))
        else:
            found.append(
                _evidence(
                    row,
                    Position.WITH_MODIFIER,
                    PTP_PRECEDENCE,
                    column1=column1,
                    qualifying=bypass_modifiers,
                )
            )
    return found


def addon_evidence(store: GraphStore, a: str, b: str, *, on: date) -> list[Evidence]:
    """AOC rows in force on ``on``: one code is an add-on whose primaries include the other."""
    return [
        _evidence(row, Position.SEPARATE, AOC_PRECEDENCE)
        for row in select(store, "pair_addon_edits", a=code_iri(a), b=code_iri(b))
        if _in_force(row, on)
    ]


def has_edits(store: GraphStore) -> bool:
    """Whether any CMS table was imported (if not, no question needs to look for edits)."""
    return ask(store, "has_edits")


def mue_limits(store: GraphStore, code: str) -> list[MUELimit]:
    """A code's MUE rows, one per setting table that lists it."""
    return [
        MUELimit(
            setting=row["setting"].value if "setting" in row else "",
            units=int(row["units"].value),
            adjudication_indicator=row["indicator"].value,
            rationale=row["rationale"].value if "rationale" in row else None,
            source=row["document"].value if "document" in row else "",
            line=int(row["line"].value),
            effective=date.fromisoformat(row["effective"].value) if "effective" in row else None,
        )
        for row in select(store, "code_mue", code=code_iri(code))
    ]


@dataclass(frozen=True)
class AddOnPrimaries:
    """The primaries CMS lists for an add-on code on a date, and whether the contractor may add
    others (AOC type 2 leaves them to the contractor; type 3 lists some of them)."""

    addon: str
    primaries: frozenset[str]
    contractor_defined: bool
    source: str
    line: int


def addon_primaries(store: GraphStore, addon: str, *, on: date) -> AddOnPrimaries | None:
    """An add-on code's eligible primaries in force on ``on``; None when CMS lists none for it."""
    rows = [r for r in select(store, "addon_primaries", addon=code_iri(addon)) if _in_force(r, on)]
    if not rows:
        return None
    return AddOnPrimaries(
        addon=addon,
        primaries=frozenset(
            code
            for r in rows
            if "primaryCode" in r and (code := code_of(r["primaryCode"]))  # type: ignore[arg-type]
        ),
        contractor_defined=any("primaryCode" not in r or r["type"].value != "1" for r in rows),
        source=rows[0]["document"].value if "document" in rows[0] else "",
        line=int(rows[0]["line"].value),
    )
