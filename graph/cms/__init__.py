"""CMS NCCI reference files (PTP, MUE and add-on code edits) read as a user downloads them.

:func:`discover` finds the tables in a directory, loose or zipped, by their header rows;
:func:`read_rows` streams each table's checked rows. Layouts are in :mod:`.layouts`, inferred
from public descriptions (DESIGN.md section 1), since no CMS file may ship with bundlekg.
"""

from __future__ import annotations

from .discover import discover
from .layouts import LAYOUTS, Column, Layout, normalise_header
from .models import (
    AOCRow,
    MUERow,
    PTPRow,
    ReferenceRow,
    ReferenceTable,
    Setting,
    TableFormat,
    TableKind,
)
from .readers import read_rows

__all__ = [
    "LAYOUTS",
    "AOCRow",
    "Column",
    "Layout",
    "MUERow",
    "PTPRow",
    "ReferenceRow",
    "ReferenceTable",
    "Setting",
    "TableFormat",
    "TableKind",
    "discover",
    "normalise_header",
    "read_rows",
]
