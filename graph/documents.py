"""Source documents: the corpus directory, its manifest, and the text each claim quotes.

``corpus/manifest.csv`` names each document's title and kind; a document without a manifest row
is still read, as kind ``unknown``. Documents are plain text (``.txt``), HTML (``.html``) or PDF
(``.pdf``); :mod:`bundlekg.extract.readers` turns the last two into text. Plain text is kept
exactly as stored (no newline or Unicode normalisation) because claim offsets index into it; for
HTML and PDF the extracted text is what the graph stores and what offsets index.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import InputError

__all__ = ["MANIFEST_NAME", "Document", "SourceKind", "decode_text", "load_corpus", "read_text"]

MANIFEST_NAME = "manifest.csv"
_REQUIRED_COLUMNS = ("id", "title", "kind")


class SourceKind(Enum):
    """What kind of source a document is; its authority is in ``ontology/source_kinds.ttl``."""

    REGULATOR = "regulator"
    CODE_SET = "code_set"
    CODING_REFERENCE = "coding_reference"
    PAYER_POLICY = "payer_policy"
    VENDOR_ARTICLE = "vendor_article"
    QA_FORUM = "qa_forum"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Document:
    """A document of the corpus with its text and the digest that pins it."""

    id: str
    title: str
    kind: SourceKind
    text: str
    path: Path
    url: str | None = None
    file_sha256: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _ManifestRow:
    title: str
    kind: SourceKind
    url: str | None
    line: int


def read_text(path: Path) -> str:
    """A document's text, decoded as UTF-8 with line endings kept as they are.

    :raises InputError: when the file is not UTF-8, naming the byte where decoding failed.
    """
    return decode_text(path.read_bytes(), path)


def decode_text(data: bytes, path: Path) -> str:
    """Bytes of a document file decoded as UTF-8.

    :raises InputError: naming the byte where decoding failed.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start} "
            "cannot be decoded; save the file as UTF-8",
            path=path,
            line=line,
        ) from error


def _read_manifest(path: Path) -> dict[str, _ManifestRow]:
    rows: dict[str, _ManifestRow] = {}
    text = read_text(path)
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}; the header must name at least "
                f"{','.join(_REQUIRED_COLUMNS)}",
                path=path,
                line=1,
            )
        for row in reader:
            line = reader.line_num
            doc_id = (row.get("id") or "").strip()
            if not doc_id:
                raise InputError("empty document id", path=path, line=line, field="id")
            if doc_id in rows:
                raise InputError(
                    f"document {doc_id} is listed twice (first on line {rows[doc_id].line})",
                    path=path,
                    line=line,
                    field="id",
                )
            kind_text = (row.get("kind") or "").strip()
            try:
                kind = SourceKind(kind_text)
            except ValueError:
                allowed = ", ".join(k.value for k in SourceKind)
                raise InputError(
                    f"unknown kind {kind_text!r}; use one of {allowed}",
                    path=path,
                    line=line,
                    field="kind",
                ) from None
            title = (row.get("title") or "").strip()
            if not title:
                raise InputError("empty title", path=path, line=line, field="title")
            url = (row.get("url") or "").strip() or None
            rows[doc_id] = _ManifestRow(title=title, kind=kind, url=url, line=line)
    return rows


def _documents(corpus: Path, manifest: dict[str, _ManifestRow]) -> Iterator[Document]:
    from .extract.readers import DOCUMENT_SUFFIXES, read_document

    seen: dict[str, Path] = {}
    paths = sorted(p for p in corpus.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    for path in paths:
        doc_id = path.stem
        if doc_id in seen:
            raise InputError(
                f"document {doc_id} has two files, {seen[doc_id].name} and {path.name}; keep one",
                path=path,
            )
        seen[doc_id] = path
        row = manifest.get(doc_id)
        extracted = read_document(path)
        text, digest = extracted.text, extracted.file_sha256
        if row is None:
            yield Document(doc_id, doc_id, SourceKind.UNKNOWN, text, path, file_sha256=digest)
        else:
            yield Document(doc_id, row.title, row.kind, text, path, row.url, digest)
    for doc_id, row in manifest.items():
        if doc_id not in seen:
            raise InputError(
                f"document {doc_id} has no file {doc_id}.txt, .html or .pdf in {corpus}",
                path=corpus / MANIFEST_NAME,
                line=row.line,
                field="id",
            )


def load_corpus(corpus: Path) -> list[Document]:
    """Every document of a corpus directory, in file-name order.

    :raises InputError: for a missing directory, a bad manifest row or a file that is not UTF-8.
    """
    if not corpus.is_dir():
        raise InputError(f"corpus directory {corpus} does not exist", path=corpus)
    manifest_path = corpus / MANIFEST_NAME
    manifest = _read_manifest(manifest_path) if manifest_path.is_file() else {}
    return list(_documents(corpus, manifest))
