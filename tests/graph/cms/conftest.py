"""Writers of small SYNTHETIC files in the CMS layouts of DESIGN.md section 1.

No CMS file is in the repository, nor may one be: every code pair here (11111/22222 …) and
every text is made up, and each preamble says so.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

SYNTHETIC = "SYNTHETIC TEST FILE for bundlekg: not CMS data, codes and edits are made up."

PTP_HEADER = [
    "Column 1",
    "Column 2",
    "*=in existence prior to 1996",
    "Effective Date",
    "Deletion Date",
    "Modifier",
    "PTP Edit Rationale",
]
PTP_ROWS = [
    ["11111", "22222", "*", "19960101", "*", "1", "Synthetic rationale one"],
    ["11111", "22223", "", "20200401", "20201231", "0", "Synthetic rationale two"],
    ["11112", "G0001", "", "20210101", "20210101", "9", "Synthetic rationale three"],
]
MUE_HEADER = [
    "HCPCS/CPT Code",
    "Practitioner Services MUE Values",
    "MUE Adjudication Indicator",
    "MUE Rationale",
]
MUE_ROWS = [
    ["11111", "1", "2 Date of Service Edit: Policy", "Synthetic anatomic consideration"],
    ["G0001", "0", "1 Line Edit", "Synthetic code deleted"],
    ["22222", "12", "3 Date of Service Edit: Clinical", "Synthetic clinical data"],
]
AOC_HEADER = [
    "Add-on Code",
    "Add-on Code Effective Date",
    "Add-on Code Deletion Date",
    "Primary Code",
    "Primary Code Effective Date",
    "Primary Code Deletion Date",
    "AOC Edit Type",
    "AOC Edit Effective Date",
    "AOC Edit Deletion Date",
    "Special Instruction Notes",
]
AOC_ROWS: list[list[object]] = [
    ["33333", "2010001", "", "11111", "2010032", "*", "1", "2010001", "", ""],
    ["33333", "20100101", "*", "CCCCC", "", "", "2", "2012060", "2016366", "Synthetic note"],
    ["33334", "2024001", "", "22222", "", "", "3", "20240101", "", ""],
]


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    preamble: Sequence[str] = (SYNTHETIC,),
    blank_lines: int = 1,
    under_header: Sequence[Sequence[str]] = (),
    separator: str = "\t",
    newline: str = "\r\n",
) -> str:
    """A table as a CMS text file lays it out: preamble, blank lines, header, data."""
    lines = [*preamble, *([""] * blank_lines), separator.join(header)]
    lines += [separator.join(cells) for cells in under_header]
    lines += [separator.join(str(cell) for cell in row) for row in rows]
    return newline.join(lines) + newline


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """An empty directory to drop reference files into."""
    directory = tmp_path / "reference"
    directory.mkdir()
    return directory


def xlsx_bytes(rows: Sequence[Sequence[object]], *, sheets: Sequence[str] = ()) -> bytes:
    """A workbook whose last sheet holds ``rows``; ``sheets`` come first, with a line of text."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    for index, title in enumerate(sheets):
        sheet = first if index == 0 else workbook.create_sheet()
        sheet.title = title
        sheet.append([f"{SYNTHETIC} ({title})"])
    table = workbook.create_sheet("Table") if sheets else first
    for row in rows:
        table.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ptp_xlsx_rows(*, split_header: bool = True) -> list[list[object]]:
    """The PTP table as CMS's workbook lays it out, the header split over four rows."""
    header: list[list[object]] = [[*PTP_HEADER]]
    if split_header:
        header = [
            [*PTP_HEADER[:5], "Modifier", "PTP Edit Rationale"],
            [None, None, None, None, "*=no data", "0=not allowed", None],
            [None, None, None, None, None, "1=allowed", None],
            [None, None, None, None, None, "9=not applicable", None],
        ]
    data: list[list[object]] = [
        # Numbers, as a workbook stores them.
        [11111, 22222, "*", 19960101, "*", 1, "Synthetic rationale one"],
        ["11111", "22223", None, 20200401, 20201231, 0, "Synthetic rationale two"],
        ["11112", "G0001", None, "20210101", "20210101", "9", "Synthetic rationale three"],
    ]
    return [[SYNTHETIC], [], *header, *data, [], [None, None]]


def write_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    """A zip holding the given members, as CMS ships its tables."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return path


@pytest.fixture
def ptp_txt(reference: Path) -> Path:
    """A practitioner PTP .TXT: two preamble lines, blank lines, CRLF, header rows split."""
    text = text_table(
        PTP_HEADER,
        PTP_ROWS,
        preamble=(SYNTHETIC, "Synthetic copyright line \u00ae 2099."),
        blank_lines=2,
        under_header=(
            ["", "", "", "", "*=no data", "0=not allowed", ""],
            ["", "", "", "", "", "1=allowed"],
        ),
    )
    path = reference / "ccipra-v323r0-f1.TXT"
    path.write_bytes(text.encode("cp1252"))
    return path


@pytest.fixture
def ptp_xlsx(reference: Path) -> Path:
    """The same PTP table as a workbook whose header Excel split over four rows."""
    path = reference / "ccipra-v323r0-f1.xlsx"
    path.write_bytes(xlsx_bytes(ptp_xlsx_rows()))
    return path


@pytest.fixture
def ptp_zip(reference: Path) -> Path:
    """A PTP zip as CMS ships one: the .TXT, the .xlsx, a readme and a PDF."""
    return write_zip(
        reference / "ccipra-v323r0-f1.zip",
        {
            "ccipra-v323r0-f1.TXT": text_table(PTP_HEADER, PTP_ROWS),
            "ccipra-v323r0-f1.xlsx": xlsx_bytes(ptp_xlsx_rows()),
            "README.txt": f"{SYNTHETIC}\nA readme with no table in it.\n",
            "policy.pdf": b"%PDF-1.4 synthetic",
        },
    )


@pytest.fixture
def mue_csv(reference: Path) -> Path:
    """A practitioner MUE .csv with a quoted, multi-line preamble."""
    preamble = f'"{SYNTHETIC}\nSecond line of the same quoted cell."'
    text = text_table(MUE_HEADER, MUE_ROWS, preamble=(preamble, ""), separator=",", blank_lines=1)
    path = reference / "MCR_MUE_PractitionerServices_Eff_10-01-2025.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def aoc_xlsx(reference: Path) -> Path:
    """An AOC workbook with Julian and YYYYMMDD dates and a contractor-defined primary."""
    path = reference / "AOC_V2024Q2-MCR.xlsx"
    path.write_bytes(xlsx_bytes([[SYNTHETIC], [], AOC_HEADER, *AOC_ROWS]))
    return path
