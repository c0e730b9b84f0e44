"""Sentences with their character offsets, from pysbd inside each line of the text.

Lines are split first: headings, list items and table rows end at a line break even without a
full stop. A line wrapped inside a sentence (a PDF's text layer, a text file broken at 80
columns) goes on: the next line continues it when this one ends without a stop and the next
begins in lower case, or this one ends with a comma or a joining word ("and", "of"), and the next
is not indented. In a text wrapped at one width, a line that reaches the width goes on into a line
that opens with a code the sentence continues after, and a page break (a blank line) goes on into
a line in lower case. Offsets index the document's text, so ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pysbd

__all__ = ["Sentence", "csv_cells", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the document, its text and the line it sits on."""

    index: int
    start: int
    end: int
    text: str
    line: int


@cache
def _segmenter(full_words: frozenset[str]) -> pysbd.Segmenter:
    """pysbd's English segmenter, with ``full_words`` no longer taken for abbreviations: in
    coding texts "CT." ends a sentence ("... fluoro or CT. 77003 is not reported"), it is not
    Connecticut."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    if full_words:
        english = segmenter.language_module

        class Abbreviation(english.Abbreviation):  # type: ignore[name-defined,misc]
            ABBREVIATIONS = [a for a in english.Abbreviation.ABBREVIATIONS if a not in full_words]

        segmenter.language_module = type(
            "CodingEnglish", (english,), {"Abbreviation": Abbreviation}
        )
    return segmenter


def split_sentences(text: str, full_words: Iterable[str] = ()) -> list[Sentence]:
    """The sentences of a text, in order, without surrounding white space. ``full_words`` are
    words the segmenter would take for abbreviations that end a sentence here instead."""
    segmenter = _segmenter(frozenset(word.lower() for word in full_words))
    sentences: list[Sentence] = []
    for block_start, block, line_number in _blocks(text):
        cursor = 0
        # a wrap is a space to the segmenter; the offsets stay those of the text
        flat = block.replace("\n", " ")
        for span in segmenter.segment(flat):
            # pysbd's spans are found by searching the text; search from where the last ended.
            found = flat.find(span.sent, cursor)
            found_at = found if found >= 0 else span.start
            cursor = found_at + len(span.sent)
            for start, end in _pieces(segmenter, flat, found_at, cursor):
                piece = block[start:end]
                stripped = re.sub(r"^(?:[-•*·▪]|\d+[.)])\s+", "", piece.strip()).strip()
                if not stripped:
                    continue
                offset = block_start + start + len(piece.rstrip()) - len(stripped)
                line = line_number + block.count("\n", 0, start)
                sentences.append(
                    Sentence(len(sentences), offset, offset + len(stripped), stripped, line)
                )
    return sentences


_QUOTED = re.compile(r"[\"“](?P<inside>[^\"“”]{20,})[\"”]")


# "No. 77003 is bundled into 64483", "Renee: No. 72275 is included": an answer, not "number"
_ANSWER_NO = re.compile(r"(?:^|(?<=:\s))\s*No\.(?=\s+\S)")


def _pieces(
    segmenter: pysbd.Segmenter, flat: str, start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The parts of a sentence split where a passage it quotes ends a sentence, and after an
    answer "No." that opens it: pysbd keeps a quotation whole, but a policy read aloud ('I'm
    reading it: "Codes ... include guidance. 77003 is not ..."') states one rule per sentence;
    and it reads "No." before a code as an abbreviation of "number"."""
    cuts: list[int] = []
    for quote in _QUOTED.finditer(flat, start, end):
        inner_start = quote.start("inside")
        for inner in segmenter.segment(quote["inside"])[:-1]:
            cuts.append(inner_start + inner.end)
    answer = _ANSWER_NO.search(flat[start : min(end, start + 60)])
    if answer is not None:
        cuts.append(start + answer.end())
    bounds = [start, *sorted(cuts), end]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if flat[lo:hi].strip():
            yield lo, hi


_JOINING_END = re.compile(
    r"(?:,|\b(?:and|or|of|to|with|the|a|an|for|in|by|as|than|nor|through|code|codes|cpt|hcpcs))$",
    re.I,
)
_TABLE_LINE = re.compile(r"\|.*\||\S(?: {2,}|\t)\S")
# "62321,\"Injection...\",77003;77012,..." (a list in prose has a space after its commas)
_CSV_ROW = re.compile(r"(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4}),(?=\S)[^\n]*,")
_ROW_OPENING = re.compile(r"(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4})(?:,(?=\S)|\s*\|| {2,}|\t)")


def _blocks(text: str) -> Iterator[tuple[int, str, int]]:
    """Runs of lines that wrap one text, each with where it starts and its first line's number."""
    lines = list(re.finditer(r"[^\n]+", text))
    width = _wrap_width(lines)
    number = 0
    while number < len(lines):
        first = number
        while number + 1 < len(lines) and _continues(text, lines[number], lines[number + 1], width):
            number += 1
        start, end = lines[first].start(), lines[number].end()
        if first == number and _CSV_ROW.match(text, start):
            # a row of a comma-separated export: each cell on its own
            for cell_start, cell_end in csv_cells(text, start, end):
                if text[cell_start:cell_end].strip():
                    yield cell_start, text[cell_start:cell_end], first
        else:
            yield start, text[start:end], first
        number += 1


def csv_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A comma-separated line's cells, at their offsets; quoted fields keep their commas."""
    line = text[start:end]
    fields = next(csv.reader([line]), [])
    cells: list[tuple[int, int]] = []
    at = 0
    for field in fields:
        quoted = line.startswith('"', at)
        width = len(field) + field.count('"') + 2 if quoted else len(field)
        inner = (at + 1, at + width - 1) if quoted else (at, at + width)
        cells.append((start + inner[0], start + inner[1]))
        at += width + 1
    return cells


def _wrap_width(lines: list[re.Match[str]]) -> int:
    """The width a text is wrapped at: the length most of its long lines reach, or 0 when its
    lines are not wrapped at one width (paragraphs on one line each)."""
    lengths = sorted(len(line[0].rstrip()) for line in lines)
    if len(lengths) < 10:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if 0.8 * width <= n <= width)
    return width if width >= 60 and near >= len(lengths) / 4 else 0


# A line that opens with a code the sentence goes on after ("64633-64636. Code ...", "77003 is
# not ..."), unlike a code list's next entry ("64484 Injection(s), anesthetic agent ...").
_CODE_GOING_ON = re.compile(
    r"(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4})(?:\s*-\s*(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4}))?"
    r"(?:[.,;:)]|\s+(?:is|are|was|were|and|or|with|in|to|for|from|shall|may|must|can|cannot"
    r"|should|will|does|do|has|have|when|if|unless|because|as)\b)"
)


def _continues(text: str, line: re.Match[str], following: re.Match[str], width: int = 0) -> bool:
    """Whether ``following`` carries on the sentence ``line`` breaks off: after a line break, or
    a page break (a blank line) before a line that opens in lower case."""
    gap = text[line.end() : following.start()]
    if following[0][:1].isspace() or gap not in ("\n", "\n\n"):
        return False
    ending = line[0].rstrip()
    if not ending or ending[-1] in ".?!:;|" or _TABLE_LINE.search(line[0]):
        return False
    if _CSV_ROW.match(text, line.start()):
        return False  # a row of a comma-separated export ends at its line
    opening = following[0].lstrip()
    if gap == "\n\n":
        # "Sedation is not" at a page's foot, "separately reportable ..." at the next one's head
        return width > 0 and opening[:1].islower() and ending[-1:].islower()
    if _ROW_OPENING.match(opening):
        return False  # the next row of a table or a CSV export ("64493,...")
    if (
        width
        and len(ending) >= 0.8 * width
        and (_CODE_GOING_ON.match(opening) or opening[:1] == "(")
    ):
        # "... with any code in the range" wrapped at the width before "64633-64636.", or
        # "... and 64483" before "(lumbar or sacral, single level)"
        return True
    return opening[:1].islower() or (
        _JOINING_END.search(ending) is not None and not _TABLE_LINE.search(following[0])
    )
