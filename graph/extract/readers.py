"""Text readers: the text of a plain-text, HTML or PDF document, which claim offsets index.

HTML is read with BeautifulSoup: the main text only (the page's one ``<article>``; with several,
``<main>``, else ``<body>``), without scripts, styles, navigation, headers, footers, sidebars
and forms (an ``<aside>`` inside the article that is a callout of its text, a "Coding tip" or a
"Note", stays); each block element (paragraph, heading, list item, table row) becomes one line
with its white space collapsed, so inline markup never breaks a sentence, a block's own text
around its inner blocks becomes lines of its own, and a table row's cells are joined by " | ".
PDF is read from its text layer with pypdf, page by page. The original file's sha256 is kept next
to the text's.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag
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
    "summary",
    "div",
    "section",
)

# Words in an aside's class, id, label or heading that make it a callout of the text.
_CALLOUT_WORDS = ("tip", "note", "callout", "example", "warning", "important", "remember", "key")


@dataclass(frozen=True)
class ExtractedText:
    """A document's text as extracted, its format and the sha256 of the file it came from."""

    text: str
    format: TextFormat
    file_sha256: str


def _html_root(soup: BeautifulSoup) -> Tag:
    """The element that holds the main text: the page's one article; with several (a teaser and
    its comments, a list of posts), what holds them all."""
    articles = soup.select("main article") or soup.select("article")
    if len(articles) == 1:
        return articles[0]
    for selector in ("main", "[role=main]", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def _flat_text(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text("")).strip()


def _callout(aside: Tag) -> bool:
    """An aside that is part of the text it stands in ("Coding tip", "Note"), not a sidebar of
    links, courses or sign-up forms."""
    heading = aside.find(("h2", "h3", "h4", "h5", "h6", "strong", "b"))
    names = " ".join(
        [
            " ".join(aside.get("class") or []),
            str(aside.get("id") or ""),
            str(aside.get("aria-label") or ""),
            heading.get_text(" ") if heading is not None else "",
        ]
    ).lower()
    return any(re.search(rf"\b{word}", names) for word in _CALLOUT_WORDS)


def _lines(element: Tag) -> Iterator[str]:
    """The lines of an element: each block one line, a table row its cells joined by " | ", and
    a block's own text around its inner blocks ("<li>Question? <details>...</details></li>") a
    line of its own."""
    pending: list[str] = []

    def flush() -> Iterator[str]:
        line = re.sub(r"\s+", " ", "".join(pending)).strip()
        pending.clear()
        if line.strip(" |"):
            yield line

    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment):
                pending.append(str(child))
        elif not isinstance(child, Tag):
            continue
        elif child.name == "tr":
            yield from flush()
            row = " | ".join(_flat_text(cell) for cell in child.find_all(("td", "th")))
            if row.strip(" |"):
                yield row
        elif child.name in _BLOCKS or child.find((*_BLOCKS, "tr")) is not None:
            yield from flush()
            yield from _lines(child)
        else:
            pending.append(child.get_text(""))
    yield from flush()


def html_text(html: str) -> str:
    """The main text of an HTML page, one line per block element; a table row is one line of its
    cells joined by " | ", so a row reads as the rule it states."""
    soup = BeautifulSoup(html, "html.parser")
    root = _html_root(soup)
    for name in _DROPPED:
        for element in soup.find_all(name):
            inside = element.find_parent(("main", "article")) is not None
            if name == "aside" and inside and _callout(element):
                continue  # "Coding tip" inside the article: part of its text
            element.decompose()
    lines = list(_lines(root))
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
