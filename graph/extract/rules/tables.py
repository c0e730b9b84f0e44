"""Rules written as tables and code lists.

Cells, rows and headers, crosswalk columns named for their relations, and add-on codes listed
with their descriptors ("+64484 ... each additional level").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...claims import Assertion, Stance, Statement, Triple
from ..lexicon import Lexicon
from ..mentions import Mention, MentionKind, find_mentions
from ..sentences import Sentence, csv_cells
from .clauses import _FINITE
from .context import _LINE_CODE, Reading, _Context, _line_at, _per_additional


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A table line's cells: split at "|", or in plain text at two or more spaces or a tab; no
    cells if the line is not laid out as a table."""
    line = text[start:end]
    gap = r"\|" if line.count("|") >= 2 else r"(?: {2,}|\t)[ \t]*"
    edges = [0, *(x for m in re.finditer(gap, line.rstrip()) for x in m.span()), len(line)]
    cells = [
        (start + a, start + b)
        for a, b in zip(edges[::2], edges[1::2], strict=True)
        if line[a:b].strip()
    ]
    return cells if len(cells) >= 2 else []


def _table_row(
    ctx: _Context, sentence: Sentence, codes: list[Mention]
) -> tuple[list[Mention], list[Mention], int, str | None] | None:
    """A row "64483 | 64484 | add-on | ..." or "62323      77003      0": its first two cells of
    codes, where the third begins, and what its header says the two columns are ("Column 1 /
    Column 2": the second is part of the first; "Primary / Add-on": the second adds to it)."""
    line_start, line_end = _line_at(ctx.text, sentence.start)
    spans = _cells(ctx.text, line_start, line_end)
    if len(spans) < 2:
        return None
    first = [c for c in codes if spans[0][0] <= c.start and c.end <= spans[0][1]]
    second = [c for c in codes if spans[1][0] <= c.start and c.end <= spans[1][1]]
    if not first or not second:
        return None
    header = _table_header(ctx, line_start)
    if header is None and (len(spans) < 3 or ctx.text.count("|", line_start, line_end) < 2):
        return None
    return first, second, spans[1][1], header


@cache
def _column_names(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """The headings of each kind of relation column, compared without case, "_" or "-"."""
    return {
        kind: frozenset(re.sub(r"[\s_-]+", " ", str(w)).lower() for w in words)
        for kind, words in lexicon.data["relation_columns"].items()
    }


def _relation_columns(ctx: _Context, row_start: int) -> tuple[str, list[str]] | None:
    """The header above a block of rows whose columns name relations: how its lines part into
    cells ("csv" or "cells"), and the relation each column names ("" for others)."""
    names = _column_names(ctx.lexicon)
    at = row_start
    for _ in range(80):
        if at <= 0:
            return None
        start, end = _line_at(ctx.text, at - 1)
        at = start
        line = ctx.text[start:end]
        if not line.strip():
            return None
        if _LINE_CODE.match(line) or re.fullmatch(r"[\s|:+=,-]+", line):
            continue  # another row, or a rule under the header
        for way, cells in (
            ("cells", _cells(ctx.text, start, end)),
            ("csv", csv_cells(ctx.text, start, end)),
        ):
            headings = [re.sub(r"[\s_-]+", " ", ctx.text[a:b]).strip().lower() for a, b in cells]
            kinds = [next((k for k, w in names.items() if h in w), "") for h in headings]
            if len(kinds) >= 3 and kinds[0] == "code" and set(kinds) - {"", "code", "modifier"}:
                return way, kinds
        return None
    return None


def _relation_column_readings(ctx: _Context, i: int) -> Iterator[Reading]:
    """A crosswalk row under a header that names its columns' relations ("62328,...,
    77003;77012,,,"): the codes of each such cell go with the row's code as the column says."""
    sentence = ctx.sentences[i]
    line_start, line_end = _line_at(ctx.text, sentence.start)
    if sentence.start != line_start + len(ctx.text[line_start:line_end]) - len(
        ctx.text[line_start:line_end].lstrip()
    ):
        return  # read once per row, at its first sentence (its first cell, in a CSV export)
    row = _LINE_CODE.match(ctx.text[line_start:line_end])
    header = _relation_columns(ctx, line_start) if row else None
    if row is None or header is None:
        return
    way, kinds = header
    cells = (csv_cells if way == "csv" else _cells)(ctx.text, line_start, line_end)
    code = row["code"]
    facts: list[Assertion] = []
    end = line_start
    for kind, (a, b) in zip(kinds, cells, strict=False):
        values = [m for m in find_mentions(ctx.text[a:b], a, ctx.lexicon) if m.is_code]
        if kind in ("", "code") or not values or len(ctx.text[a:b].split()) > len(values) * 2:
            continue  # not a relation, or prose rather than a list of codes
        end = b
        for value in (m.value for m in values if m.value != code):
            if kind == "includes":
                facts.append(Triple(code, "includes", value))
            elif kind == "separatelyReportableWith":
                facts.append(Triple(value, "separatelyReportableWith", code))
            elif kind == "addOnTo":
                facts += [Triple(code, "addOn", "true"), Triple(code, "addOnTo", value)]
        if kind == "modifier":
            modifiers = [
                m.value
                for m in find_mentions(ctx.text[a:b], a, ctx.lexicon)
                if m.kind is MentionKind.MODIFIER
            ]
            facts += [
                Statement("modifier", (("modifier", (m,)), ("code", (code,)))) for m in modifiers
            ]
    if facts:
        yield Reading(
            "pair.columns", line_start, end, tuple(dict.fromkeys(facts)), Stance.AFFIRMS, 0.8
        )


def _is_table_row(text: str, start: int, end: int) -> bool:
    """A line of cells split at "|", or one whose first two cells begin with codes."""
    cells = _cells(text, start, end)
    return text.count("|", start, end) >= 2 or (
        len(cells) >= 2 and all(_LINE_CODE.match(text[a:b]) for a, b in cells[:2])
    )


def _row_code(ctx: _Context, sentence: Sentence) -> str | None:
    """The code a table row is about: the one opening its first cell."""
    cells = _cells(ctx.text, *_line_at(ctx.text, sentence.start))
    if not cells:
        return None
    opening = _LINE_CODE.match(ctx.text[cells[0][0] : cells[0][1]])
    return opening["code"] if opening is not None else None


def _table_header(ctx: _Context, row_start: int) -> str | None:
    """What the header above a block of rows says its first two columns are: "bundled" (column
    1 and column 2 of an edit, whatever its modifier column says) or "add_on" (primary and
    add-on), if it says and no column of verdicts follows them."""
    at = row_start
    while at > 0:
        start, end = _line_at(ctx.text, at - 1)
        at = start
        line = ctx.text[start:end]
        if not line.strip():
            return None  # the rows' block ends without a header
        if re.fullmatch(r"[\s|:+=-]+", line) or _LINE_CODE.match(line):
            continue  # a rule under the header, or another row
        cells = [ctx.text[a:b].strip() for a, b in _cells(ctx.text, start, end)]
        if len(cells) < 2:
            return None
        verdicts = ctx.lexicon.pattern("tables", "verdict_headings")
        modifier = ctx.lexicon.pattern("modifier_words")
        if len(cells) > 2 and verdicts.search(cells[2]) and not modifier.search(cells[2]):
            return None  # a third column of verdicts ("Status", "Bill both?") says, row by row
        for kind in ("bundled", "add_on"):
            first, second = ctx.lexicon.data["tables"][kind]
            if _heading_is(ctx, cells[0], first) and _heading_is(ctx, cells[1], second):
                return kind
        return None
    return None


def _heading_is(ctx: _Context, heading: str, names: list[str]) -> bool:
    return any(re.fullmatch(rf"{re.escape(n)}s?( codes?)?", heading, re.I) for n in names)


_LIST_LOOKBACK = 12


def _add_on_line(ctx: _Context, line: str) -> bool:
    """A code line marked as an add-on: the code book's "+", or the add-on wording."""
    match = _LINE_CODE.match(line)
    return match is not None and (
        match["plus"] is not None
        or _per_additional(ctx, 0, len(line), line)
        or ctx.lexicon.pattern("attributes", "add_on").search(line) is not None
    )


def _unit_line(ctx: _Context, line: str) -> bool:
    """A descriptor line, with no verb, of a code for each unit beyond the first ("+64484 ...
    each additional level", "64494 second level (List separately in addition to ...)")."""
    return (
        _LINE_CODE.match(line) is not None
        and _FINITE.search(line) is None
        and _per_additional(ctx, 0, len(line), line)
    )


_ADD_ON_CELL = re.compile(
    r"\s*(?P<primary>[0-9]{4}[0-9TFU])(?P<add_ons>(?:\s*,\s*\+\s*[0-9]{4}[0-9TFU])+)\s*"
)


def _listed_add_on_readings(
    ctx: _Context, i: int, participants: list[Mention]
) -> Iterator[Reading]:
    """A list of codes with descriptors: an add-on line ("+64484 ... each additional level",
    "64494 second level (List separately in addition to code for primary procedure)") is an
    add-on to the nearest code above it that is not one, as in the code book."""
    sentence = ctx.sentences[i]
    line_start, line_end = _line_at(ctx.text, sentence.start)
    line = ctx.text[line_start:line_end]
    if _is_table_row(ctx.text, line_start, line_end):
        # a table row: its cells, and its header, say how its codes go together; a cell of a
        # code and its "+" add-ons ("64493, +64494, +64495") lists add-ons to the first
        if sentence.start != min(s.start for s in ctx.sentences if s.start >= line_start):
            return
        for start, end in _cells(ctx.text, line_start, line_end):
            cell = _ADD_ON_CELL.fullmatch(ctx.text, start, end)
            if cell is None:
                continue
            primary = cell["primary"]
            facts = tuple(
                f
                for add_on in re.findall(r"\+\s*([0-9]{4}[0-9TFU])", cell["add_ons"])
                for f in (Triple(add_on, "addOn", "true"), Triple(add_on, "addOnTo", primary))
            )
            yield Reading("addon.listed", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.8)
        return
    match = _LINE_CODE.match(line)
    if match is None or not (
        sentence.start <= line_start + match.start("code") < sentence.start + 8
    ):
        return
    if not _unit_line(ctx, line):
        return
    at = line_start - 1
    for _ in range(_LIST_LOOKBACK):
        if at <= 0:
            return
        start, end = _line_at(ctx.text, at - 1)
        above = ctx.text[start:end]
        at = start
        code = _LINE_CODE.match(above)
        if code is None:
            if re.match(r"\s*(?:[-•*·]|$)", above):
                continue  # a note under a code, or a blank line
            return  # a heading or a paragraph: the list has ended
        if _add_on_line(ctx, above):
            continue
        facts = (
            Triple(match["code"], "addOn", "true"),
            Triple(match["code"], "addOnTo", code["code"]),
        )
        yield Reading("addon.listed", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.8)
        return
