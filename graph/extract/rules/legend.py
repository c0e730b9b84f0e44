"""Marks a document defines in a legend, and the rows of codes written with them.

A decision tree or a form writes "[=] 62323" and "[x] 77003, 77012" after a legend that says
"[=] codes to report" and "[x] codes not to add": the codes under the "not" mark are not reported
with the codes on the line above them under the "report" mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...claims import Assertion, Stance, Triple
from ..mentions import Mention, find_mentions
from .context import Reading, _codes, _Context, _line_at

_LEGEND_LINE = re.compile(r"[ \t]*(?P<mark>\S{1,5})[ \t]+(?P<meaning>\S.*)")


def _legend(ctx: _Context) -> dict[str, str]:
    """The marks a legend defines ("report" or "exclude"), from the lines under its heading to
    the first blank line."""
    headings = ctx.lexicon.pattern("legend", "headings")
    report = ctx.lexicon.pattern("legend", "report")
    exclude = ctx.lexicon.pattern("legend", "exclude")
    marks: dict[str, str] = {}
    lines = ctx.text.split("\n")
    for index, line in enumerate(lines):
        if not headings.fullmatch(line.strip().rstrip(":")):
            continue
        for entry in lines[index + 1 :]:
            if not entry.strip():
                if marks:
                    break
                continue
            found = _LEGEND_LINE.fullmatch(entry)
            if found is None or re.search(r"[0-9]{4}", found["mark"]):
                break
            if exclude.search(found["meaning"]):
                marks[found["mark"]] = "exclude"
            elif report.search(found["meaning"]):
                marks[found["mark"]] = "report"
    return marks


def _marked_codes(ctx: _Context, start: int, end: int, mark: str) -> list[Mention]:
    """The codes after ``mark`` on the line ``start..end``, if the mark is on it."""
    at = ctx.text.find(mark, start, end)
    if at < 0:
        return []
    return _codes(find_mentions(ctx.text[at + len(mark) : end], at + len(mark), ctx.lexicon))


def _legend_readings(ctx: _Context, i: int) -> Iterator[Reading]:
    """ "3B. [=] 62323" then "[x] 77003, 77012": the excluded codes are part of the reported."""
    if not ctx.legend:
        return
    sentence = ctx.sentences[i]
    start, end = _line_at(ctx.text, sentence.start)
    if i and _line_at(ctx.text, ctx.sentences[i - 1].start)[0] == start:
        return  # read once per line
    excluded = [
        m
        for mark, kind in ctx.legend.items()
        if kind == "exclude"
        for m in _marked_codes(ctx, start, end, mark)
    ]
    if not excluded:
        return
    above = start - 1
    for _ in range(3):
        if above <= 0:
            return
        line_start, line_end = _line_at(ctx.text, above - 1)
        reported = [
            m
            for mark, kind in ctx.legend.items()
            if kind == "report"
            for m in _marked_codes(ctx, line_start, line_end, mark)
        ]
        if reported:
            facts: tuple[Assertion, ...] = tuple(
                Triple(r.value, "includes", x.value)
                for r in reported
                for x in excluded
                if r.value != x.value
            )
            yield Reading("pair.legend", line_start, end, facts, Stance.NEGATES, 0.75)
            return
        above = line_start
