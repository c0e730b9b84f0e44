"""Text readers: the text of a plain-text, HTML or PDF document, which claim offsets index.

HTML is read with BeautifulSoup: the main text only (``<main>``'s ``<article>``, ``<main>`` or
``<article>``, else ``<body>``), without scripts, styles, navigation, headers, footers, sidebars
and forms; each block element (paragraph, heading, list item, table row) becomes one line with
its white space collapsed, so inline markup never breaks a sentence, and a table row's cells are
joined by " | ". PDF is read from its text layer with pypdf, page by page. The original file's
sha256 is kept next to the text's.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..documents import decode_text
from ..errors import InputError

__all__ = ["DOCUMENT_SUFFIXES", "ExtractedText", "TextFormat", "read_document"]


class TextFormat(Enum):
    """The formats a corpus document may have, by file suffix."""

    PLAIN = "plain"
    HTML = "html"
    PDF = "pdf"


DOCUMENT_SUFFIXES = {
    ".txt": TextFormat.PLAIN,
    ".html": TextFormat.HTML,
    ".htm": TextFormat.HTML,
    ".pdf": TextFormat.PDF,
}

_DROPPED = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
)
_BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
)


@dataclass(frozen=True)
class ExtractedText:
    """A document's text as extracted, its format and the sha256 of the file it came from."""

    text: str
    format: TextFormat
    file_sha256: str


def _html_root(soup: BeautifulSoup) -> Tag:
    for selector in ("main article", "article", "main", "[role=main]", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def _flat_text(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text("")).strip()


def html_text(html: str) -> str:
    """The main text of an HTML page, one line per block element; a table row is one line of its
    cells joined by " | ", so a row reads as the rule it states."""
    soup = BeautifulSoup(html, "html.parser")
    for name in _DROPPED:
        for element in soup.find_all(name):
            element.decompose()
    root = _html_root(soup)
    lines: list[str] = []
    for block in root.find_all((*_BLOCKS, "tr")):
        if block.name == "tr":
            cells = block.find_all(("td", "th"))
            line = " | ".join(_flat_text(cell) for cell in cells)
        elif block.find_parent("tr") is not None or block.find(_BLOCKS) is not None:
            continue  # its table row, or its inner blocks, give the lines
        else:
            line = _flat_text(block)
        if line.strip(" |"):
            lines.append(line)
    if not lines:
        lines = [re.sub(r"[ \t\r\f\v]+", " ", t).strip() for t in root.get_text("\n").splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def pdf_text(data: bytes, path: Path) -> str:
    """The text layer of a PDF, pages separated by a blank line.

    :raises InputError: when the file is not a readable PDF.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise InputError(f"not a readable PDF: {error}", path=path) from error
    return "\n\n".join(page.strip() for page in pages) + "\n"


def read_document(path: Path) -> ExtractedText:
    """The text of a document file, by its suffix.

    :raises InputError: for an unknown suffix, a text that is not UTF-8 or a broken PDF.
    """
    kind = DOCUMENT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        allowed = ", ".join(sorted(DOCUMENT_SUFFIXES))
        raise InputError(f"unknown document type {path.suffix!r}; use one of {allowed}", path=path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if kind is TextFormat.PDF:
        return ExtractedText(pdf_text(data, path), kind, digest)
    text = decode_text(data, path)
    if kind is TextFormat.HTML:
        text = html_text(text)
    return ExtractedText(text, kind, digest)
