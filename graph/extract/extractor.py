"""Extraction of one document: its sentences read by the grammar, as candidate claims."""

from __future__ import annotations

from ..documents import Document
from .candidates import Candidate
from .lexicon import Lexicon, load_lexicon
from .rules import read_sentences
from .sentences import split_sentences

__all__ = ["extract"]


def extract(document: Document, lexicon: Lexicon | None = None) -> list[Candidate]:
    """The candidate claims of a document, one per rule and quote, in text order."""
    grammar = lexicon or load_lexicon()
    text = document.text
    merged: dict[tuple[str, int, int], Candidate] = {}
    for reading in read_sentences(text, split_sentences(text), grammar):
        key = (reading.rule, reading.start, reading.end)
        quote = text[reading.start : reading.end]
        previous = merged.get(key)
        assertions = reading.assertions
        if previous is not None:
            assertions = tuple(dict.fromkeys(previous.assertions + assertions))
        merged[key] = Candidate(
            document=document.id,
            rule=reading.rule,
            start=reading.start,
            end=reading.end,
            quote=quote,
            assertions=tuple(dict.fromkeys(assertions)),
            stance=reading.stance,
            confidence=reading.confidence,
        )
    return sorted(merged.values(), key=lambda c: (c.start, c.end, c.rule))
