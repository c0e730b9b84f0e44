"""What a CMS reference file is, and the rows it holds, as plain frozen values.

The readers produce these and nothing else, so the rest of bundlekg never sees a CMS layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Literal

__all__ = [
    "AOCRow",
    "MUERow",
    "PTPRow",
    "ReferenceRow",
    "ReferenceTable",
    "Setting",
    "TableFormat",
    "TableKind",
]

TableFormat = Literal["txt", "csv", "xlsx"]


class TableKind(Enum):
    """The three NCCI tables bundlekg imports (DESIGN.md section 1)."""

    PTP = "ptp"
    MUE = "mue"
    AOC = "aoc"


class Setting(Enum):
    """The claim setting a table applies to; CMS publishes one table per setting."""

    PRACTITIONER = "practitioner"
    HOSPITAL = "hospital-outpatient"
    DME = "dme"


@dataclass(frozen=True, slots=True)
class ReferenceTable:
    """One recognised CMS table: where it is, what it is and where its header starts.

    ``name`` is the file stem (``ccipra-v323r0-f1``), which names the table's SourceDocument.
    ``release`` is CMS's version (``32.3`` from ``v323r0``), ``part`` the ``f1`` … ``f4`` of the
    practitioner PTP table, ``effective`` the date in an MUE file name. ``sheet`` is the
    worksheet holding the table in an ``.xlsx``.
    """

    name: str
    path: Path
    member: str | None
    format: TableFormat
    kind: TableKind
    setting: Setting
    release: str | None
    part: str | None
    effective: date | None
    header_line: int
    sheet: str | None = None

    @property
    def table_key(self) -> tuple[TableKind, Setting, str | None]:
        """What two releases of the same table share."""
        return (self.kind, self.setting, self.part)

    @property
    def location(self) -> str:
        """The file as named in messages: ``name.TXT``, or ``archive.zip!name.TXT`` in a zip."""
        if self.member is None:
            return self.path.name
        return f"{self.path.name}!{self.member}"


@dataclass(frozen=True, slots=True)
class PTPRow:
    """A procedure-to-procedure edit: column 2 is not paid with column 1 while in force.

    ``deletion`` is the last day the edit applies (None: not deleted). ``modifier`` is the
    indicator: 0 never together, 1 together with an NCCI-associated modifier, 9 never applied.
    ``raw`` is the row as published, quoted as evidence.
    """

    column1: str
    column2: str
    prior_1996: bool
    effective: date
    deletion: date | None
    modifier: str
    rationale: str
    line: int
    raw: str


@dataclass(frozen=True, slots=True)
class MUERow:
    """A Medically Unlikely Edit: at most ``units`` of ``code``.

    ``adjudication`` is MAI 1 (per claim line), 2 or 3 (per day); ``adjudication_text`` is
    the cell as published (``3 Date of Service Edit: Clinical``).
    """

    code: str
    units: int
    adjudication: str
    adjudication_text: str
    rationale: str
    line: int
    raw: str


@dataclass(frozen=True, slots=True)
class AOCRow:
    """An add-on code edit: ``addon`` is paid only with ``primary``.

    ``primary`` is None and ``contractor_defined`` true when CMS writes ``CCCCC``: the
    contractor decides the primaries. ``aoc_type`` is 1 (primaries listed), 2 (contractor
    defined) or 3 (some primaries listed).
    """

    addon: str
    primary: str | None
    contractor_defined: bool
    aoc_type: str
    addon_effective: date | None
    addon_deletion: date | None
    primary_effective: date | None
    primary_deletion: date | None
    edit_effective: date | None
    edit_deletion: date | None
    notes: str
    line: int
    raw: str


ReferenceRow = PTPRow | MUERow | AOCRow
