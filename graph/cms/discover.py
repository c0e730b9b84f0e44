"""Finding the CMS tables in a directory, as a user downloads them (issue 9).

A file is recognised by its header row, found among its first rows wherever the preamble
ends, never by its name alone nor by a line offset. Zips are read in place. The name, the
header and the preamble then tell the setting, release, part and effective date.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath

from ..errors import InputError
from .layouts import (
    NAME_EFFECTIVE,
    NAME_PART,
    NAME_QUARTER,
    NAME_SETTINGS,
    NAME_VERSION,
    TEXT_SETTINGS,
    TEXT_VERSION,
    expected_headers,
    normalise_header,
)
from .models import ReferenceTable, Setting, TableFormat, TableKind
from .readers import LAYOUT_NOTE, Header, find_header, open_rows, sheet_names, unknown_layout

__all__ = ["discover"]

_FORMATS: dict[str, TableFormat] = {".txt": "txt", ".csv": "csv", ".xlsx": "xlsx"}
# CMS ships each PTP table as a .TXT and an .xlsx: the text is faster to read and is quoted
# as published.
_PREFERENCE: dict[TableFormat, int] = {"txt": 0, "csv": 1, "xlsx": 2}


def _ignored(name: str) -> bool:
    """Hidden files, Excel lock files and the resource forks macOS adds to zips."""
    base = PurePosixPath(name).name
    return base.startswith((".", "~$")) or name.startswith("__MACOSX/")


def _format(name: str) -> TableFormat | None:
    return _FORMATS.get(PurePosixPath(name).suffix.lower())


def _version(text: str) -> str | None:
    """``v323r0`` is version 32.3; a later revision of it (``v323r1``) is ``32.3r1``."""
    match = NAME_VERSION.search(text)
    if match is not None:
        major, minor, revision = match.groups()
        release = f"{int(major)}.{minor}"
        return release if int(revision) == 0 else f"{release}r{int(revision)}"
    match = NAME_QUARTER.search(text)
    if match is not None:
        return f"{match[1]}Q{match[2]}"
    return None


def _release(names: list[str], preamble: str) -> str | None:
    for name in names:
        release = _version(name)
        if release is not None:
            return release
    match = TEXT_VERSION.search(preamble)
    if match is not None:
        return match[1]
    return _version(preamble)


def _part(names: list[str]) -> str | None:
    for name in names:
        match = NAME_PART.search(name)
        if match is not None:
            return match[1].lower()
    return None


def _effective(names: list[str], location: str) -> date | None:
    for name in names:
        match = NAME_EFFECTIVE.search(name)
        if match is not None:
            month, day, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise InputError(
                    f"the file name says it is effective {match[0]!r}, which is not a date "
                    "(expected Eff_MM-DD-YYYY)",
                    path=location,
                ) from None
    return None


def _text_setting(text: str) -> Setting | None:
    """The one setting a text names, if it names exactly one."""
    padded = f" {normalise_header(text)} "
    found = {setting for phrase, setting in TEXT_SETTINGS if f" {phrase} " in padded}
    return found.pop() if len(found) == 1 else None


def _name_setting(names: list[str]) -> Setting | None:
    for name in names:
        compact = re.sub(r"[^a-z0-9]", "", name.lower())
        for fragment, setting in NAME_SETTINGS:
            if fragment in compact:
                return setting
    return None


def _setting(header: Header, names: list[str], location: str) -> Setting:
    kind = header.layout.kind
    if kind is TableKind.MUE:
        # The value column names its setting: "DME Supplier Services MUE Values".
        setting = _text_setting(header.names["units"])
        if setting is not None:
            return setting
    setting = _name_setting(names) or _text_setting(header.preamble)
    if setting is not None:
        return setting
    if kind is TableKind.AOC:
        # One AOC file covers every setting; its edits are read as the practitioner ones.
        return Setting.PRACTITIONER
    raise InputError(
        f"cannot tell which setting this {kind.name} table is for: expected 'ccipra' "
        "(practitioner) or 'ccioph' (hospital outpatient) in a PTP file name, or "
        "PractitionerServices, OutpatientHospital or DME in an MUE file name or value column",
        path=location,
    )


def _probe(path: Path, member: str | None, format: TableFormat) -> ReferenceTable | None:
    """The table a file holds, or None when no known header starts in its first rows."""
    location = path.name if member is None else f"{path.name}!{member}"
    sheets: list[str | None] = [None]
    if format == "xlsx":
        sheets = list(sheet_names(path, member, location))
    for sheet in sheets:
        rows = open_rows(path, member, format, location, sheet)
        try:
            header = find_header(rows)
        finally:
            rows.close()
        if header is None:
            continue
        # The member's own name first: it is the table's; the zip's name may be a bundle's.
        stems = [PurePosixPath(member).stem] if member is not None else []
        stems.append(path.stem)
        return ReferenceTable(
            name=stems[0],
            path=path,
            member=member,
            format=format,
            kind=header.layout.kind,
            setting=_setting(header, stems, location),
            release=_release(stems, header.preamble),
            part=_part(stems),
            effective=_effective(stems, location),
            header_line=header.line,
            sheet=sheet,
        )
    return None


def _zip_tables(path: Path) -> list[ReferenceTable]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and not _ignored(info.filename) and _format(info.filename)
            ]
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"is not a readable zip archive ({exc})", path=path.name) from None
    tables = []
    for member in sorted(members):
        format = _format(member)
        if format is not None:
            table = _probe(path, member, format)
            # A readme or a fixed-width file beside the table is not an error.
            if table is not None:
                tables.append(table)
    if not tables:
        looked_at = ", ".join(members) if members else "it has no .txt, .csv or .xlsx member"
        raise InputError(
            f"holds no known CMS table (looked at: {looked_at}); expected a header row "
            f"naming the columns of {expected_headers()} {LAYOUT_NOTE}",
            path=path.name,
        )
    return tables


def _same_release(a: ReferenceTable, b: ReferenceTable) -> bool:
    """Whether two files of one table are the same release in two forms (.TXT and .xlsx)."""
    if (a.release, a.effective) != (b.release, b.effective):
        return False
    if a.release is not None or a.effective is not None:
        return True
    # Neither says which release it is: the same name, or the same zip, is the same table.
    return a.name == b.name or (a.member is not None and b.member is not None and a.path == b.path)


def _describe(table: ReferenceTable) -> str:
    if table.release is not None:
        return f"{table.location} (release {table.release})"
    if table.effective is not None:
        return f"{table.location} (effective {table.effective.isoformat()})"
    return f"{table.location} (release not stated)"


def _one_release_each(tables: list[ReferenceTable], directory: Path) -> list[ReferenceTable]:
    groups: dict[tuple[TableKind, Setting, str | None], list[ReferenceTable]] = {}
    for table in tables:
        groups.setdefault(table.table_key, []).append(table)
    kept = []
    for group in groups.values():
        group.sort(key=lambda t: (_PREFERENCE[t.format], t.member is not None, t.location))
        first = group[0]
        for other in group[1:]:
            if not _same_release(first, other):
                kind, setting, part = first.table_key
                what = f"{kind.name} table, {setting.value}" + (f", part {part}" if part else "")
                raise InputError(
                    f"two releases of the same table ({what}): {_describe(first)} and "
                    f"{_describe(other)}; keep only the one to import",
                    path=directory,
                )
        kept.append(first)
    return sorted(kept, key=lambda t: (t.kind.value, t.setting.value, t.part or "", t.location))


def discover(directory: Path) -> list[ReferenceTable]:
    """Every CMS table in a directory (not its subdirectories): loose ``.TXT``, ``.csv`` and
    ``.xlsx`` files and those inside ``.zip`` files, one per table.

    :raises InputError: for a file (or a zip with no table) that matches no known layout,
        an unreadable file, a table whose setting cannot be told, or two releases of one table.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError("is not a directory of CMS reference files", path=directory)
    tables: list[ReferenceTable] = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        if _ignored(path.name) or not path.is_file():
            continue
        if path.suffix.lower() == ".zip":
            tables.extend(_zip_tables(path))
            continue
        format = _format(path.name)
        if format is None:
            continue
        table = _probe(path, None, format)
        if table is None:
            raise unknown_layout(path.name)
        tables.append(table)
    return _one_release_each(tables, directory)
