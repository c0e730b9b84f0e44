"""The quotes behind the claims and derivations of a drawn edge, each in its sentence.

An edge of the neighbourhood (:mod:`bundlekg.neighbourhood`) names its assertion graphs by id
(``claim/<document>/<claim>``, ``derivation/<digest>``); a reader wants the sentences. A claim is
its own quote; a derivation rests on claims through its rules (see
:class:`bundlekg.provenance.Supports`). Each quote comes with the text around it up to the
sentence's ends, so a short quote reads in context, and with its offsets, for a link to the source
text with the span marked.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from pyoxigraph import NamedNode

from .errors import InputError
from .knowledge import KnowledgeGraph
from .provenance import Support, Supports
from .sparql import select
from .terms import BKID

__all__ = ["MAX_ASSERTIONS", "QuotedSupport", "assertion_supports"]

MAX_ASSERTIONS = 200
MAX_CONTEXT = 300
_ID = re.compile(r"(claim/[^/\s]+/[^/\s]+|derivation/[0-9a-f]+)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class QuotedSupport:
    """A quote behind an assertion, the text of its sentence around it, and its source."""

    assertion: str
    source: str
    title: str
    kind: str
    authority: int
    claim: str
    quote: str
    start: int | None
    end: int | None
    before: str
    after: str
    negated: bool
    role: str
    derived_by: tuple[str, ...] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "derived_by": list(self.derived_by) if self.derived_by is not None else None,
        }


class _Reader:
    """Supports and document texts of one graph, read once (a built store never changes)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.supports = Supports(kg.store)
        self.kg = kg
        self.texts: dict[str, str | None] = {}

    def text(self, document: str) -> str | None:
        if document not in self.texts:
            rows = select(self.kg.store, "source_text", document=document)
            found = rows[0] if rows else {}
            self.texts[document] = found["text"].value if "text" in found else None
        return self.texts[document]


_READERS: WeakKeyDictionary[KnowledgeGraph, _Reader] = WeakKeyDictionary()
_LOCK = threading.Lock()


def _reader(kg: KnowledgeGraph) -> _Reader:
    with _LOCK:
        reader = _READERS.get(kg)
        if reader is None:
            reader = _READERS[kg] = _Reader(kg)
        return reader


def sentence_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before ``start`` back to the sentence's start, and after ``end`` to its end
    (each at most :data:`MAX_CONTEXT` characters)."""
    window = text[max(0, start - MAX_CONTEXT) : start]
    ends = list(_SENTENCE_END.finditer(window))
    before = window[ends[-1].end() :] if ends else window
    if text[start:end].rstrip().rstrip("\"'”’)")[-1:] in (".", "!", "?"):
        return before.lstrip(), ""
    following = text[end : end + MAX_CONTEXT]
    found = _SENTENCE_END.search(following)
    if found is None:
        after = following
    elif found.group() == "\n":
        after = following[: found.start()]
    else:
        after = following[: found.end()]
    return before.lstrip(), after.rstrip()


def _quoted(reader: _Reader, assertion: str, support: Support) -> QuotedSupport:
    source = support.source
    before = after = ""
    text = reader.text(source.document)
    if text is not None and source.start is not None and source.end is not None:
        before, after = sentence_context(text, source.start, source.end)
    return QuotedSupport(
        assertion=assertion,
        source=source.document,
        title=source.title,
        kind=source.kind,
        authority=source.authority,
        claim=source.claim,
        quote=source.quote,
        start=source.start,
        end=source.end,
        before=before,
        after=after,
        negated=source.negated,
        role=support.role,
        derived_by=support.derived_by,
    )


def assertion_supports(kg: KnowledgeGraph, ids: list[str]) -> list[QuotedSupport]:
    """Every quote behind the given assertions, one per claim and role, statements first and
    strongest first.

    :raises InputError: for an id that is not ``claim/<document>/<claim>`` or
        ``derivation/<hex>`` (field ``id``), or more than :data:`MAX_ASSERTIONS` of them.
    """
    if not ids:
        raise InputError("give at least one claim or derivation id", field="id")
    if len(ids) > MAX_ASSERTIONS:
        raise InputError(f"at most {MAX_ASSERTIONS} ids, got {len(ids)}", field="id")
    reader = _reader(kg)
    found: dict[tuple[str, str, str], QuotedSupport] = {}
    for assertion in ids:
        if not _ID.fullmatch(assertion):
            raise InputError(
                f"{assertion!r} is not a claim (claim/<document>/<id>) or derivation "
                "(derivation/<digest>) id",
                field="id",
            )
        for support in reader.supports.of(NamedNode(BKID + assertion)):
            key = (support.source.document, support.source.claim, support.role)
            known = found.get(key)
            shorter = len(support.derived_by or ()) < len((known.derived_by or ()) if known else ())
            if known is None or shorter:
                found[key] = _quoted(reader, assertion, support)
    return sorted(
        found.values(),
        key=lambda q: (q.role != "statement", -q.authority, q.source, q.start or 0, q.claim),
    )
