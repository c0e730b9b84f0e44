"""CMS NCCI reference tables in the graph: each file a regulator SourceDocument, each row an edit.

Rows stream from :mod:`bundlekg.cms` straight into the store (``Store.bulk_extend``), so memory
does not grow with the number of rows. Each file's edits live in a named graph named after the
file's SourceDocument; the codes they mention are typed in one graph of their own
(:data:`REFERENCE_CODES`), since their syntax is checked row by row when they are read.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from .cms import AOCRow, MUERow, PTPRow, ReferenceTable, TableKind, discover, read_rows
from .codes import code_system
from .shapes import REFERENCE_CODES
from .terms import BK, BKID, DCT, RDF, SKOS, XSD, code_iri, concept_iri, document_iri

__all__ = ["REFERENCE_CODES", "ReferenceReport", "TableReport", "import_reference", "pair_key"]

_KIND_TITLES = {
    TableKind.PTP: "NCCI procedure-to-procedure edits",
    TableKind.MUE: "Medically Unlikely Edits",
    TableKind.AOC: "Add-on code edits",
}
_CHUNK = 1 << 20
LOAD_CHUNK = 1_000_000

RowProgress = Callable[[str, int], None]


@dataclass(frozen=True)
class TableReport:
    """One imported file: what it is and how many rows it gave."""

    name: str
    kind: str
    setting: str
    release: str | None
    rows: int


@dataclass
class ReferenceReport:
    """Every reference file imported by a build."""

    tables: list[TableReport] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _sha256(table: ReferenceTable) -> str:
    digest = hashlib.sha256()
    if table.member is None:
        with table.path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    else:
        with zipfile.ZipFile(table.path) as archive, archive.open(table.member) as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=65536)
def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=65536)
def _code(code: str) -> NamedNode:
    return code_iri(code)


@lru_cache(maxsize=1024)
def _text(value: str) -> Literal:
    return Literal(value)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def _document_quads(table: ReferenceTable) -> Iterator[Quad]:
    node, graph = document_iri(table.name), DefaultGraph()
    title = f"CMS {_KIND_TITLES[table.kind]}, {table.setting.value}"
    if table.release:
        title += f", version {table.release}"
    if table.effective:
        title += f", effective {table.effective.isoformat()}"
    file_name = table.member or table.path.name
    yield Quad(node, RDF.type, BK.SourceDocument, graph)
    yield Quad(node, DCT.identifier, Literal(table.name), graph)
    yield Quad(node, DCT.title, Literal(title), graph)
    yield Quad(node, BK.sourceKind, concept_iri("source-kind", "regulator"), graph)
    yield Quad(node, BK.sha256, Literal(_sha256(table)), graph)
    yield Quad(node, BK.fileName, Literal(file_name), graph)
    yield Quad(node, BK.setting, concept_iri("setting", table.setting.value), graph)
    if table.release:
        yield Quad(node, BK.release, Literal(table.release), graph)
    if table.effective:
        yield Quad(node, BK.effective, _date(table.effective), graph)


# The predicates of the hot loop, built once: millions of rows go through it.
_TYPE, _SOURCE, _LINE, _QUOTE = RDF.type, BK.source, BK.line, BK.quote
_COLUMN1, _COLUMN2, _EFFECTIVE, _DELETION = BK.column1, BK.column2, BK.effective, BK.deletion
_INDICATOR, _RATIONALE, _PTP, _PAIR = BK.modifierIndicator, BK.rationale, BK.PTPEdit, BK.pairKey
_MUE, _CODE, _UNITS, _ADJUDICATION = BK.MUE, BK.code, BK.units, BK.adjudicationIndicator
_AOC, _ADDON, _PRIMARY, _AOC_TYPE, _NOTE = (
    BK.AddOnEdit,
    BK.addOnCode,
    BK.primaryCode,
    BK.aocType,
    BK.note,
)
_AOC_DATES = (
    ("edit_effective", BK.effective),
    ("edit_deletion", BK.deletion),
    ("addon_effective", BK.addOnEffective),
    ("addon_deletion", BK.addOnDeletion),
    ("primary_effective", BK.primaryEffective),
    ("primary_deletion", BK.primaryDeletion),
)


def _edit_quads(
    table: ReferenceTable,
    graph: NamedNode,
    prefix: str,
    row: PTPRow | MUERow | AOCRow,
    codes: set[str],
) -> Iterator[Quad]:
    """One row as an edit in its file's graph; the file's setting applies to every row."""
    node = NamedNode(f"{prefix}{row.line}")
    yield Quad(node, _SOURCE, graph, graph)
    yield Quad(node, _LINE, _integer(row.line), graph)
    yield Quad(node, _QUOTE, Literal(row.raw), graph)
    if isinstance(row, PTPRow):
        codes.add(row.column1)
        codes.add(row.column2)
        yield Quad(node, _TYPE, _PTP, graph)
        yield Quad(node, _COLUMN1, _code(row.column1), graph)
        yield Quad(node, _COLUMN2, _code(row.column2), graph)
        yield Quad(node, _PAIR, Literal(pair_key(row.column1, row.column2)), graph)
        yield Quad(node, _EFFECTIVE, _date(row.effective), graph)
        if row.deletion is not None:
            yield Quad(node, _DELETION, _date(row.deletion), graph)
        yield Quad(node, _INDICATOR, _text(row.modifier), graph)
        if row.rationale:
            yield Quad(node, _RATIONALE, _text(row.rationale), graph)
    elif isinstance(row, MUERow):
        codes.add(row.code)
        yield Quad(node, _TYPE, _MUE, graph)
        yield Quad(node, _CODE, _code(row.code), graph)
        yield Quad(node, _UNITS, _integer(row.units), graph)
        yield Quad(node, _ADJUDICATION, _text(row.adjudication), graph)
        if row.rationale:
            yield Quad(node, _RATIONALE, _text(row.rationale), graph)
        if table.effective:
            yield Quad(node, _EFFECTIVE, _date(table.effective), graph)
    else:
        codes.add(row.addon)
        yield Quad(node, _TYPE, _AOC, graph)
        yield Quad(node, _ADDON, _code(row.addon), graph)
        if row.primary is not None:
            codes.add(row.primary)
            yield Quad(node, _PRIMARY, _code(row.primary), graph)
        yield Quad(node, _AOC_TYPE, _text(row.aoc_type), graph)
        for attribute, predicate in _AOC_DATES:
            value = getattr(row, attribute)
            if value is not None:
                yield Quad(node, predicate, _date(value), graph)
        if row.notes:
            yield Quad(node, _NOTE, Literal(row.notes), graph)


def pair_key(a: str, b: str) -> str:
    """The key of an edit's pair, the same in either order: ``pair_key("77003", "62323")``
    is ``"62323 77003"``."""
    return f"{a} {b}" if a <= b else f"{b} {a}"


def _code_quads(codes: Iterable[str]) -> Iterator[Quad]:
    for code in sorted(codes):
        node = code_iri(code)
        yield Quad(node, RDF.type, BK.Code, REFERENCE_CODES)
        yield Quad(node, RDF.type, BK[code_system(code).value], REFERENCE_CODES)
        yield Quad(node, SKOS.notation, Literal(code), REFERENCE_CODES)


def _table_quads(
    table: ReferenceTable, codes: set[str], counter: list[int], progress: RowProgress | None
) -> Iterator[Quad]:
    yield from _document_quads(table)
    graph = document_iri(table.name)
    prefix = f"{BKID}edit/{quote(table.name, safe='')}/"
    for row in read_rows(table):
        yield from _edit_quads(table, graph, prefix, row, codes)
        counter[0] += 1
        if progress is not None and counter[0] % 10_000 == 0:
            progress(table.name, counter[0])


def _load_in_chunks(store: Store, quads: Iterator[Quad], size: int = LOAD_CHUNK) -> None:
    """Bulk-load in chunks: each ``bulk_extend`` writes its own files, so memory stays bounded."""
    exhausted = False

    def chunk() -> Iterator[Quad]:
        nonlocal exhausted
        count = 0
        for quad in quads:
            yield quad
            count += 1
            if count == size:
                return
        exhausted = True

    while not exhausted:
        store.bulk_extend(chunk())


def import_reference(
    store: Store, directory: Path, progress: RowProgress | None = None
) -> ReferenceReport:
    """Import every CMS table of a directory into a store, streaming.

    :raises InputError: for a file of unknown layout, two releases of one table, or a malformed
        row (naming file, line and column).
    """
    report = ReferenceReport()
    codes: set[str] = set()
    for table in discover(directory):
        counter = [0]
        _load_in_chunks(store, _table_quads(table, codes, counter, progress))
        if progress is not None:
            progress(table.name, counter[0])
        report.tables.append(
            TableReport(table.name, table.kind.name, table.setting.value, table.release, counter[0])
        )
    store.bulk_extend(_code_quads(codes))
    return report
