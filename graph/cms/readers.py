"""Rows of CMS reference tables, streamed and checked one at a time.

Files are read line by line (``.TXT``, ``.csv``) or row by row (``.xlsx`` through openpyxl's
read-only mode), straight out of a zip when they are in one, so memory does not grow with a
table of millions of rows. Text is decoded line by line, as UTF-8 when it is and as cp1252
(which CMS's Windows-made files use) when not, so decoding never fails and the row quoted as
evidence is what was decoded. A malformed row stops the read with file, line and column.
"""

from __future__ import annotations

import calendar
import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, cast
from xml.etree.ElementTree import ParseError

from ..codes import CodeSystem, code_system, normalise_code
from ..errors import InputError
from .layouts import HEADER_SCAN_ROWS, LAYOUTS, Layout, expected_headers, normalise_header
from .models import AOCRow, MUERow, PTPRow, ReferenceRow, ReferenceTable, TableFormat, TableKind

__all__ = ["read_rows"]

# A row as read: its 1-based line (or Excel row) number, its cells, and its text as published.
Row = tuple[int, list[str], str]
RowParser = Callable[[int, list[str], str], ReferenceRow]

LAYOUT_NOTE = (
    "(these layouts are inferred from public descriptions of the CMS files, DESIGN.md "
    "section 1; if CMS changed a header, the file may still be right)"
)


# --------------------------------------------------------------------------- reading rows


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: read as Latin-1 rather than fail.
        return data.decode("latin-1")


def _text_lines(stream: IO[bytes]) -> Iterator[str]:
    """Decoded lines, line endings kept, a byte-order mark dropped."""
    lines = iter(stream)
    first = next(lines, None)
    if first is None:
        return
    yield _decode(first).removeprefix("\ufeff")
    for data in lines:
        yield _decode(data)


def _joined(cells: list[str]) -> str:
    """A csv or Excel row as text: its cells joined by tabs, trailing empty cells left off."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return "\t".join(cells[:end])


def _txt_rows(stream: IO[bytes]) -> Iterator[Row]:
    for number, text in enumerate(_text_lines(stream), 1):
        line = text.rstrip("\r\n")
        yield number, line.split("\t"), line


def _csv_rows(stream: IO[bytes], location: str) -> Iterator[Row]:
    reader = csv.reader(_text_lines(stream))
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                f"cannot be read as CSV: {exc}", path=location, line=reader.line_num
            ) from None
        # A quoted cell may span lines: a record is numbered by the line it starts on.
        start, previous = previous + 1, reader.line_num
        yield start, cells, _joined(cells)


def _cell_text(value: object) -> str:
    """An Excel cell as the text CMS would have written: 20100101 not 20100101.0."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):  # a datetime too: a cell formatted as a date
        return value.strftime("%Y%m%d")
    return str(value)


_BUFFER = 1 << 20
# What a damaged or unsupported file or zip member raises while it is opened or read.
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, NotImplementedError, ParseError)


@contextmanager
def _binary(path: Path, member: str | None, location: str) -> Iterator[IO[bytes]]:
    """The bytes of a loose file or of a zip member, read in place, never extracted."""
    with ExitStack() as stack:
        try:
            if member is None:
                stream: IO[bytes] = stack.enter_context(path.open("rb"))
            else:
                archive = stack.enter_context(zipfile.ZipFile(path))
                member_stream = stack.enter_context(archive.open(member))
                # ZipExtFile splits lines in Python; a buffered reader does it in C.
                raw = cast(io.RawIOBase, member_stream)  # it has the readinto a reader needs
                stream = stack.enter_context(io.BufferedReader(raw, _BUFFER))
        except (*_READ_ERRORS, KeyError, RuntimeError) as exc:
            # RuntimeError: an encrypted member.
            raise InputError(f"cannot be opened: {exc}", path=location) from None
        yield stream


def _workbook_error(location: str, exc: Exception) -> InputError:
    return InputError(f"is not a readable .xlsx workbook ({exc})", path=location)


_WORKBOOK_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError)


def sheet_names(path: Path, member: str | None, location: str) -> list[str]:
    """The worksheets of a workbook, in order."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with _binary(path, member, location) as stream:
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
        except (InvalidFileException, *_WORKBOOK_ERRORS) as exc:
            raise _workbook_error(location, exc) from None
        try:
            return [sheet.title for sheet in workbook.worksheets]
        finally:
            workbook.close()


def _xlsx_rows(stream: IO[bytes], sheet: str | None, location: str) -> Iterator[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, *_WORKBOOK_ERRORS) as exc:
        raise _workbook_error(location, exc) from None
    try:
        try:
            worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        except (KeyError, IndexError):
            raise InputError(f"has no worksheet {sheet or ''!r}", path=location) from None
        if not isinstance(worksheet, ReadOnlyWorksheet):
            raise InputError(f"sheet {worksheet.title!r} is not a worksheet", path=location)
        # The stored dimensions may be wrong; without them every stored row is read.
        worksheet.reset_dimensions()
        for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            cells = [_cell_text(value) for value in values]
            yield number, cells, _joined(cells)
    finally:
        workbook.close()


def open_rows(
    path: Path, member: str | None, format: TableFormat, location: str, sheet: str | None
) -> Generator[Row, None, None]:
    """Every row of a file from its first line, lazily; closing the generator closes the file."""
    with _binary(path, member, location) as stream:
        try:
            if format == "txt":
                yield from _txt_rows(stream)
            elif format == "csv":
                yield from _csv_rows(stream, location)
            else:
                yield from _xlsx_rows(stream, sheet, location)
        except _READ_ERRORS as exc:
            raise InputError(f"could not be read to its end: {exc}", path=location) from None


# --------------------------------------------------------------------------- finding the header


@dataclass(frozen=True)
class Header:
    """A recognised header row: its layout, where its columns are and what they are called."""

    layout: Layout
    columns: dict[str, int]
    names: dict[str, str]
    line: int
    preamble: str


def _published(cell: str) -> str:
    """A header cell's first line, as named in messages: "Modifier" of "Modifier\\n0=…"."""
    lines = cell.strip().splitlines()
    return " ".join(lines[0].split()) if lines else ""


def find_header(rows: Iterator[Row], limit: int = HEADER_SCAN_ROWS) -> Header | None:
    """The first row, among the first ``limit``, that names every column of a known layout.

    Rows before it (copyright preamble, titles, blank lines) are kept as ``preamble`` text.
    """
    preamble: list[str] = []
    for count, (line, cells, raw) in enumerate(rows):
        if count >= limit:
            return None
        if not raw or raw.isspace():
            continue
        normalised = [normalise_header(cell) for cell in cells]
        for layout in LAYOUTS:
            columns = layout.match(normalised)
            if columns is not None:
                names = {
                    field: _published(cells[index]) or layout.published(field)
                    for field, index in columns.items()
                }
                return Header(layout, columns, names, line, "\n".join(preamble))
        preamble.append(raw)
    return None


def unknown_layout(location: str) -> InputError:
    """The error for a file whose header matches no known layout."""
    return InputError(
        f"no known CMS table header in the first {HEADER_SCAN_ROWS} rows; expected a row "
        f"naming the columns of {expected_headers()} {LAYOUT_NOTE}",
        path=location,
    )


# --------------------------------------------------------------------------- checking cells

# Codes and dates repeat across millions of rows: each distinct text is checked once.
_CACHE_LIMIT = 200_000
_CODES: dict[str, str] = {}
_DATES: dict[str, date] = {}


def _code(text: str, pad: bool) -> str:
    # Excel stores a code such as 00100 as the number 100 when the cell is numeric.
    if pad and len(text) < 5 and text.isascii() and text.isdigit():
        text = text.zfill(5)
    code = _CODES.get(text)
    if code is not None:
        return code
    if not text:
        raise ValueError("empty: expected a CPT or HCPCS code")
    try:
        code = normalise_code(text)
        system = code_system(code)
    except ValueError:
        system = None
    if code is None or system not in (CodeSystem.CPT, CodeSystem.HCPCS):
        raise ValueError(f"{text!r} is not a CPT or HCPCS code")
    if len(_CODES) >= _CACHE_LIMIT:
        _CODES.clear()
    _CODES[text] = code
    return code


def _yyyymmdd(text: str) -> date:
    value = _DATES.get(text)
    if value is not None:
        return value
    if not text:
        raise ValueError("empty: expected a date, YYYYMMDD")
    if len(text) != 8 or not (text.isascii() and text.isdigit()):
        raise ValueError(f"{text!r} is not YYYYMMDD")
    try:
        value = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date (YYYYMMDD)") from None
    if len(_DATES) >= _CACHE_LIMIT:
        _DATES.clear()
    _DATES[text] = value
    return value


def _deletion(text: str) -> date | None:
    # "*" is CMS's "no data": the edit is not deleted. A blank cell is read the same way.
    if text in ("*", ""):
        return None
    try:
        return _yyyymmdd(text)
    except ValueError as exc:
        raise ValueError(f"{exc}; expected YYYYMMDD, or * for none") from None


def _julian_or_yyyymmdd(text: str) -> date | None:
    """AOC dates: Julian YYYYDDD (2010001 is 2010-01-01) or YYYYMMDD; blank or * for none."""
    if text in ("*", ""):
        return None
    if text.isascii() and text.isdigit():
        if len(text) == 7:
            year, day = int(text[:4]), int(text[4:])
            if year >= 1 and 1 <= day <= (366 if calendar.isleap(year) else 365):
                return date(year, 1, 1) + timedelta(days=day - 1)
            raise ValueError(f"{text!r} is not a valid Julian date (YYYYDDD)")
        if len(text) == 8:
            return _yyyymmdd(text)
    raise ValueError(f"{text!r} is not a Julian YYYYDDD or a YYYYMMDD date")


def _prior_1996(text: str) -> bool:
    if text == "*":
        return True
    if text == "":
        return False
    raise ValueError(f"{text!r} is not * (in existence prior to 1996) or blank")


_MODIFIERS = frozenset(("0", "1", "9"))


def _modifier(text: str) -> str:
    if text in _MODIFIERS:
        return text
    raise ValueError(
        f"{text!r} is not a modifier indicator (0 = not allowed, 1 = allowed, 9 = not applicable)"
    )


def _units(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    raise ValueError(f"{text!r} is not a whole number of units")


def _adjudication(text: str) -> str:
    # Cells read "3 Date of Service Edit: Clinical": the indicator is the leading digit.
    if text[:1] in ("1", "2", "3") and not text[1:2].isdigit():
        return text[0]
    raise ValueError(f"{text!r} does not start with an MUE adjudication indicator 1, 2 or 3")


_AOC_TYPES = {"1": "1", "2": "2", "3": "3", "i": "1", "ii": "2", "iii": "3"}


def _aoc_type(text: str) -> str:
    # CMS wrote the types as Type I, II, III before using 1, 2, 3.
    kind = _AOC_TYPES.get(text.lower().removeprefix("type").strip())
    if kind is None:
        raise ValueError(f"{text!r} is not an AOC edit type 1, 2 or 3")
    return kind


# --------------------------------------------------------------------------- parsing rows


def _fit(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        cells.extend([""] * (width - len(cells)))
    return cells


def _ptp_parser(header: Header, location: str, pad: bool) -> RowParser:
    col, names = header.columns, header.names
    i1, i2, ie, idel, imod = (
        col[f] for f in ("column1", "column2", "effective", "deletion", "modifier")
    )
    ip, ir = col.get("prior_1996"), col.get("rationale")
    width = max(col.values()) + 1
    n1, n2, ne, nd, nm = (
        names[f] for f in ("column1", "column2", "effective", "deletion", "modifier")
    )
    np = names.get("prior_1996", "")

    def parse(line: int, cells: list[str], raw: str) -> PTPRow:
        cells = _fit(cells, width)
        field = n1
        try:
            column1 = _code(cells[i1].strip(), pad)
            field = n2
            column2 = _code(cells[i2].strip(), pad)
            field = np
            prior = _prior_1996(cells[ip].strip()) if ip is not None else False
            field = ne
            effective = _yyyymmdd(cells[ie].strip())
            field = nd
            deletion = _deletion(cells[idel].strip())
            field = nm
            modifier = _modifier(cells[imod].strip())
        except ValueError as exc:
            raise InputError(str(exc), path=location, line=line, field=field) from None
        rationale = cells[ir].strip() if ir is not None else ""
        return PTPRow(column1, column2, prior, effective, deletion, modifier, rationale, line, raw)

    return parse


def _mue_parser(header: Header, location: str, pad: bool) -> RowParser:
    col, names = header.columns, header.names
    ic, iu, ia, ir = col["code"], col["units"], col["adjudication"], col.get("rationale")
    width = max(col.values()) + 1

    def parse(line: int, cells: list[str], raw: str) -> MUERow:
        cells = _fit(cells, width)
        field = names["code"]
        try:
            code = _code(cells[ic].strip(), pad)
            field = names["units"]
            units = _units(cells[iu].strip())
            field = names["adjudication"]
            text = cells[ia].strip()
            adjudication = _adjudication(text)
        except ValueError as exc:
            raise InputError(str(exc), path=location, line=line, field=field) from None
        rationale = cells[ir].strip() if ir is not None else ""
        return MUERow(code, units, adjudication, text, rationale, line, raw)

    return parse


_AOC_DATES = (
    "addon_effective",
    "addon_deletion",
    "primary_effective",
    "primary_deletion",
    "edit_effective",
    "edit_deletion",
)
CONTRACTOR_DEFINED = "CCCCC"


def _aoc_parser(header: Header, location: str, pad: bool) -> RowParser:
    col, names = header.columns, header.names
    ia, ip, it, inotes = col["addon"], col["primary"], col["aoc_type"], col.get("notes")
    dates = [(col.get(field), names.get(field, "")) for field in _AOC_DATES]
    width = max(col.values()) + 1

    def parse(line: int, cells: list[str], raw: str) -> AOCRow:
        cells = _fit(cells, width)
        field = names["addon"]
        try:
            addon = _code(cells[ia].strip(), pad)
            field = names["primary"]
            text = cells[ip].strip()
            # CCCCC: the add-on's primaries are defined by the contractor (DESIGN.md section 1).
            contractor = text.upper() == CONTRACTOR_DEFINED
            primary = None if contractor else _code(text, pad)
            field = names["aoc_type"]
            aoc_type = _aoc_type(cells[it].strip())
            values: list[date | None] = []
            for index, name in dates:
                field = name
                values.append(
                    _julian_or_yyyymmdd(cells[index].strip()) if index is not None else None
                )
        except ValueError as exc:
            raise InputError(str(exc), path=location, line=line, field=field) from None
        notes = cells[inotes].strip() if inotes is not None else ""
        return AOCRow(
            addon=addon,
            primary=primary,
            contractor_defined=contractor,
            aoc_type=aoc_type,
            addon_effective=values[0],
            addon_deletion=values[1],
            primary_effective=values[2],
            primary_deletion=values[3],
            edit_effective=values[4],
            edit_deletion=values[5],
            notes=notes,
            line=line,
            raw=raw,
        )

    return parse


_PARSERS: dict[TableKind, Callable[[Header, str, bool], RowParser]] = {
    TableKind.PTP: _ptp_parser,
    TableKind.MUE: _mue_parser,
    TableKind.AOC: _aoc_parser,
}


def read_rows(table: ReferenceTable) -> Iterator[PTPRow | MUERow | AOCRow]:
    """The data rows of a table, one at a time, in file order; blank rows are skipped.

    Rows under the header with the key column (Column 1, the code, the add-on code) empty,
    before the first data row, are the rest of a header Excel split over several rows.

    :raises InputError: naming file, line and column, for the first malformed row; naming the
        file when its header is no longer the one :func:`~bundlekg.cms.discover` found.
    """
    location = table.location
    rows = open_rows(table.path, table.member, table.format, location, table.sheet)
    try:
        header = find_header(rows)
        if header is None:
            raise unknown_layout(location)
        if header.layout.kind is not table.kind:
            raise InputError(
                f"the header is now that of a {header.layout.kind.name} table, "
                f"not {table.kind.name}",
                path=location,
                line=header.line,
            )
        parse = _PARSERS[table.kind](header, location, table.format == "xlsx")
        key = header.columns[header.layout.key]
        started = False
        for line, cells, raw in rows:
            if not raw or raw.isspace():
                continue
            if not started:
                if key >= len(cells) or not cells[key].strip():
                    continue
                started = True
            yield parse(line, cells, raw)
    finally:
        rows.close()
