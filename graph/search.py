"""Finding codes by what a person remembers of them: the start of the code (``623``, ``M54``) or
words of a descriptor (``fluoroscopic guidance``).

A built store never changes, so the codes, their descriptors and the documents that mention them
are read once per graph (``queries/search_codes.rq``) and searched in memory.

>>> [m.code for m in search_codes(kg, "6232")]                    # doctest: +SKIP
['62321', '62323']
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal
from weakref import WeakKeyDictionary

from .codes import code_system
from .errors import InputError
from .knowledge import KnowledgeGraph
from .sparql import select

__all__ = ["CodeEntry", "CodeMatch", "code_entries", "search_codes"]

MAX_LIMIT = 100
_WORD = re.compile(r"[0-9a-z]+")
_CODE_PREFIX = re.compile(r"[0-9A-Z][0-9A-Z.]*")


@dataclass(frozen=True)
class CodeEntry:
    """A code as search sees it: its descriptor, its words and the documents that mention it."""

    code: str
    system: str
    descriptor: str | None
    words: frozenset[str]
    documents: frozenset[str]


@dataclass(frozen=True)
class CodeMatch:
    """One search result, and whether it matched by its code or by its descriptors."""

    code: str
    system: str
    descriptor: str | None
    sources: int
    match: Literal["code", "descriptor"]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _best(descriptors: set[tuple[int, str]]) -> str | None:
    """The descriptor of the strongest source; among equals the fullest one."""
    if not descriptors:
        return None
    return max(descriptors, key=lambda d: (d[0], len(d[1]), d[1]))[1]


def _load(kg: KnowledgeGraph) -> dict[str, CodeEntry]:
    descriptors: dict[str, set[tuple[int, str]]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for row in select(kg.store, "search_codes"):
        code = row["notation"].value
        mentioned = documents[code]
        if "document" in row:
            mentioned.add(row["document"].value)
        if "descriptor" in row:
            descriptors[code].add((int(row["authority"].value), row["descriptor"].value))
    entries = {}
    for code, mentioned in documents.items():
        try:
            system = code_system(code).name
        except ValueError:
            continue
        texts = descriptors.get(code, set())
        words = frozenset(w for _, text in texts for w in _WORD.findall(text.lower()))
        entries[code] = CodeEntry(code, system, _best(texts), words, frozenset(mentioned))
    return entries


_INDEXES: WeakKeyDictionary[KnowledgeGraph, dict[str, CodeEntry]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def code_entries(kg: KnowledgeGraph) -> dict[str, CodeEntry]:
    """Every code of the graph by its notation, read once per graph."""
    with _LOCK:
        entries = _INDEXES.get(kg)
        if entries is None:
            entries = _INDEXES[kg] = _load(kg)
        return entries


def _words_match(words: list[str], entry: CodeEntry) -> tuple[int, int] | None:
    """How well the words match the code's descriptors: None unless every word starts one of
    its words; else (words matched whole, number of its documents) for ranking."""
    if not words or not entry.words:
        return None
    whole = 0
    for word in words:
        if word in entry.words:
            whole += 1
        elif not any(w.startswith(word) for w in entry.words):
            return None
    return whole, len(entry.documents)


def search_codes(kg: KnowledgeGraph, query: str, *, limit: int = 20) -> list[CodeMatch]:
    """Codes whose notation starts with the query, then codes whose descriptors hold every word
    of it (each word may be the start of a word: ``fluoro`` finds fluoroscopy), best first.

    :raises InputError: for a blank query (field ``q``) or a limit outside 1..100 (``limit``).
    """
    text = query.strip()
    if not text:
        raise InputError("give the start of a code or words of its descriptor", field="q")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"must be between 1 and {MAX_LIMIT}, got {limit}", field="limit")
    prefix = text.upper() if _CODE_PREFIX.fullmatch(text.upper()) else None
    words = _WORD.findall(text.lower())
    by_code: list[tuple[tuple[int, str], CodeMatch]] = []
    by_words: list[tuple[tuple[int, int, str], CodeMatch]] = []
    for code, entry in code_entries(kg).items():
        sources = len(entry.documents)
        if prefix is not None and code.startswith(prefix):
            match = CodeMatch(code, entry.system, entry.descriptor, sources, "code")
            by_code.append(((0 if code == prefix else 1, code), match))
            continue
        score = _words_match(words, entry)
        if score is not None:
            match = CodeMatch(code, entry.system, entry.descriptor, sources, "descriptor")
            by_words.append(((-score[0], -score[1], code), match))
    by_code.sort(key=lambda item: item[0])
    by_words.sort(key=lambda item: item[0])
    return [m for _, m in by_code + by_words][:limit]
