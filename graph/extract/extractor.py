"""Extraction of one document: its sentences read by the grammar, as candidate claims."""

from __future__ import annotations

from dataclasses import replace

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
    sentences = split_sentences(text, grammar.words("sentences", "full_words"))
    for reading in read_sentences(text, sentences, grammar):
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
    # A fact already read from an overlapping quote by an earlier rule is not read twice.
    kept: list[Candidate] = []
    for candidate in merged.values():
        seen = {
            a
            for k in kept
            if k.start < candidate.end and candidate.start < k.end
            for a in k.assertions
        }
        fresh = tuple(a for a in candidate.assertions if a not in seen)
        if fresh:
            kept.append(replace(candidate, assertions=fresh))
    return sorted(kept, key=lambda c: (c.start, c.end, c.rule))
