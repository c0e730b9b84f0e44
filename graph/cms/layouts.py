"""The CMS table layouts bundlekg recognises, declared once as data.

No CMS file is available to check against: these layouts come from the public descriptions
recorded in DESIGN.md section 1 ("CMS files as published"). So a table is found by its header
row, wherever it starts, and its columns by keywords in their normalised names, never by
position or exact spelling: "Column 1", "COLUMN 1" and "Column 1\\n(payable)" all name the
same column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Setting, TableKind

__all__ = [
    "HEADER_SCAN_ROWS",
    "LAYOUTS",
    "NAME_SETTINGS",
    "TEXT_SETTINGS",
    "Column",
    "Layout",
    "expected_headers",
    "normalise_header",
]

# Files open with a copyright preamble and blank lines; the header is looked for this far.
HEADER_SCAN_ROWS = 60

_JOINED = re.compile(r"[-'\u2019\u2010\u2011]")  # "Add-on" and "Add-On" read as "addon"
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def normalise_header(text: str) -> str:
    """A header cell reduced to lower-case words, so spelling variants compare equal.

    >>> normalise_header("*=in existence prior to 1996")
    'in existence prior to 1996'
    >>> normalise_header("Modifier\\n0=not allowed\\n1=allowed")
    'modifier 0 not allowed 1 allowed'
    >>> normalise_header("HCPCS/CPT  Code"), normalise_header("Add-on Code")
    ('hcpcs cpt code', 'addon code')
    """
    text = _JOINED.sub("", text.lower())
    return " ".join(_PUNCTUATION.sub(" ", text).split())


@dataclass(frozen=True)
class Column:
    """A column of a layout and the words that name it.

    ``words`` is a conjunction of alternatives: every group must have one of its phrases in
    the normalised header, as whole words. ``published`` is how CMS names it, for messages.
    """

    field: str
    published: str
    words: tuple[tuple[str, ...], ...]
    required: bool = True

    def matches(self, normalised: str) -> bool:
        """Whether a normalised header cell names this column."""
        padded = f" {normalised} "
        return all(any(f" {phrase} " in padded for phrase in group) for group in self.words)


@dataclass(frozen=True)
class Layout:
    """A table kind's header: its columns, most specific first, since a cell goes to the first
    column it matches ("AOC Edit Effective Date" before "Add-on Code").

    ``key`` is the column every data row fills; a row under the header with it empty, before
    the first data row, continues a header that Excel split over several rows.
    """

    kind: TableKind
    key: str
    columns: tuple[Column, ...]

    def match(self, normalised: Sequence[str]) -> dict[str, int] | None:
        """The column index of each field, when the cells hold every required column."""
        found: dict[str, int] = {}
        for index, cell in enumerate(normalised):
            if not cell:
                continue
            for column in self.columns:
                if column.matches(cell):
                    found.setdefault(column.field, index)
                    break
        if all(c.field in found for c in self.columns if c.required):
            return found
        return None

    def published(self, field: str) -> str:
        """The name CMS gives a field's column."""
        return next(c.published for c in self.columns if c.field == field)

    def expected(self) -> str:
        """The required columns, as CMS names them."""
        return ", ".join(c.published for c in self.columns if c.required)


_EFFECTIVE = ("effective", "eff")
_DELETION = ("deletion", "del")
_ADDON = ("addon", "add on", "aoc")

PTP_LAYOUT = Layout(
    TableKind.PTP,
    key="column1",
    columns=(
        Column(
            "prior_1996", "*=in existence prior to 1996", (("1996", "prior", "existence"),), False
        ),
        Column("column1", "Column 1", (("column 1", "column one", "col 1", "column1"),)),
        Column("column2", "Column 2", (("column 2", "column two", "col 2", "column2"),)),
        Column("effective", "Effective Date", (_EFFECTIVE,)),
        Column("deletion", "Deletion Date", (_DELETION,)),
        Column("modifier", "Modifier", (("modifier",),)),
        # Older releases may lack the rationale column: a missing one reads as "".
        Column("rationale", "PTP Edit Rationale", (("rationale",),), False),
    ),
)

MUE_LAYOUT = Layout(
    TableKind.MUE,
    key="code",
    columns=(
        Column("adjudication", "MUE Adjudication Indicator", (("adjudication", "mai"),)),
        Column("rationale", "MUE Rationale", (("rationale",),), False),
        Column(
            "units",
            "<setting> Services MUE Values",
            (("mue",), ("value", "values", "unit", "units")),
        ),
        Column("code", "HCPCS/CPT Code", (("hcpcs", "cpt", "code"),)),
    ),
)

AOC_LAYOUT = Layout(
    TableKind.AOC,
    key="addon",
    columns=(
        Column("edit_effective", "AOC Edit Effective Date", (("edit",), _EFFECTIVE), False),
        Column("edit_deletion", "AOC Edit Deletion Date", (("edit",), _DELETION), False),
        Column(
            "primary_effective", "Primary Code Effective Date", (("primary",), _EFFECTIVE), False
        ),
        Column("primary_deletion", "Primary Code Deletion Date", (("primary",), _DELETION), False),
        Column("addon_effective", "Add-on Code Effective Date", (_ADDON, _EFFECTIVE), False),
        Column("addon_deletion", "Add-on Code Deletion Date", (_ADDON, _DELETION), False),
        Column("aoc_type", "AOC Edit Type", (("type",),)),
        Column(
            "notes",
            "Special Instruction Notes",
            (("note", "notes", "instruction", "instructions"),),
            False,
        ),
        Column("primary", "Primary Code", (("primary",),)),
        Column("addon", "Add-on Code", (_ADDON,)),
    ),
)

LAYOUTS: tuple[Layout, ...] = (PTP_LAYOUT, MUE_LAYOUT, AOC_LAYOUT)

# Words naming a setting in an MUE value column ("DME Supplier Services MUE Values") or in a
# preamble, as normalised phrases.
TEXT_SETTINGS: tuple[tuple[str, Setting], ...] = (
    ("practitioner", Setting.PRACTITIONER),
    ("outpatient", Setting.HOSPITAL),
    ("hospital", Setting.HOSPITAL),
    ("facility", Setting.HOSPITAL),
    ("dme", Setting.DME),
    ("durable medical equipment", Setting.DME),
)

# Fragments of file names, lower-cased with everything but letters and digits removed:
# ccipra-… and ccioph-… PTP tables, MCR_MUE_PractitionerServices_… and the like for MUEs.
NAME_SETTINGS: tuple[tuple[str, Setting], ...] = (
    ("ccipra", Setting.PRACTITIONER),
    ("ccioph", Setting.HOSPITAL),
    ("practitioner", Setting.PRACTITIONER),
    ("outpatienthospital", Setting.HOSPITAL),
    ("hospitaloutpatient", Setting.HOSPITAL),
    ("outpatient", Setting.HOSPITAL),
    ("dme", Setting.DME),
)

# "v323r0": version 32.3, revision 0 (PTP names); "V2024Q2": the AOC file of 2024's 2nd quarter.
NAME_VERSION = re.compile(r"(?<![a-z0-9])v(\d{2})(\d)r(\d+)(?![0-9])", re.IGNORECASE)
NAME_QUARTER = re.compile(r"(?<![a-z0-9])v(\d{4})q([1-4])(?![0-9])", re.IGNORECASE)
# A version written out in a preamble: "Version 32.3".
TEXT_VERSION = re.compile(r"\bversion\s*(\d{1,2}\.\d{1,2})\b", re.IGNORECASE)
# "-f1": the part of a practitioner PTP table split over several files.
NAME_PART = re.compile(r"[-_ ](f\d{1,2})(?![0-9a-z])", re.IGNORECASE)
# "_Eff_10-01-2025": the date an MUE table takes effect (month, day, year).
NAME_EFFECTIVE = re.compile(r"eff[-_ ]?(\d{1,2})[-_](\d{1,2})[-_](\d{4})", re.IGNORECASE)


def expected_headers() -> str:
    """Every known header, for a message about a file that matches none."""
    return "; ".join(f"{layout.kind.name} ({layout.expected()})" for layout in LAYOUTS)
