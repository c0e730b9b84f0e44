"""Sentences with their character offsets, from pysbd inside each line of the text.

Lines are split first: headings, list items and table rows end at a line break even without a
full stop. Offsets index the document's text, so ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pysbd

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the document, its text and the line it sits on."""

    index: int
    start: int
    end: int
    text: str
    line: int


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text, in order, without surrounding white space."""
    sentences: list[Sentence] = []
    for line_number, line in enumerate(re.finditer(r"[^\n]+", text)):
        base = line.start()
        cursor = 0
        for span in _segmenter().segment(line[0]):
            # pysbd's spans are found by searching the text; search from where the last ended.
            found = line[0].find(span.sent, cursor)
            start = found if found >= 0 else span.start
            cursor = start + len(span.sent)
            piece = line[0][start : start + len(span.sent)]
            stripped = re.sub(r"^(?:[-•*·▪]|\d+[.)])\s+", "", piece.strip()).strip()
            if not stripped:
                continue
            offset = base + start + len(piece.rstrip()) - len(stripped)
            sentences.append(
                Sentence(len(sentences), offset, offset + len(stripped), stripped, line_number)
            )
    return sentences
