"""Text that states no rule of the document's own: quoted posts, quiz choices, refuted claims."""

from __future__ import annotations

import re

from ..sentences import Sentence
from .context import _alternation, _Context, _line_at

_QUOTE_MARK = re.compile(r"[ \t]*(?:>|&gt;)")
_QUOTED_INLINE = re.compile(r"[ \t]*[\w.@-]+\s+(?:wrote|said|posted):[ \t]*\S", re.IGNORECASE)
_QUOTING = re.compile(r"(?:\bwrote|\bsaid|\bposted|^\s*quote)\s*:?\s*$", re.IGNORECASE)


def _restated(ctx: _Context, sentence: Sentence) -> bool:
    """Text that states no rule of the document's own: a quotation of an earlier post ("> Put
    it on as 77003 ...", "[quote]...[/quote]", the quoted line after "X wrote:") or a claim the
    document labels as refuted ("Myth: 77003 is always billable with epidurals")."""
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    if _QUOTE_MARK.match(ctx.text, line_start):
        return True  # "> 76942 can't go on 20610 either", indented under a reply too
    opened = [span for span in ctx.quoted if span[0] < sentence.end][-1:]
    if opened and opened[0][1] >= sentence.start:
        return True  # "[quote=RadTechTom]...[/quote]"
    previous_start, previous_end = _line_at(ctx.text, max(0, line_start - 1))
    previous_line = ctx.text[previous_start:previous_end] if line_start else ""
    if _QUOTING.search(previous_line) and re.match(r"\s*[\"“]", ctx.text[line_start:]):
        return True  # "RadTechTom wrote:" and the quoted words on the next line
    if _QUOTED_INLINE.match(ctx.text, line_start):
        return True  # "billingpro_mike wrote: We bill 77003 with 64483 ..."
    if _under_quote_header(ctx, line_start):
        return True  # "Quote Originally Posted by jrb_coding" and the quoted lines under it
    if _ANSWER_OPTIONS.match(ctx.text, line_start):
        return True  # "A) 64483 x 2  B) 64483, 64484  C) ...": a quiz's choices, not its answer
    labels = _alternation(ctx.lexicon, "restated", "refuted_labels")
    return re.match(rf"\s*(?:{labels})\s*[:\-–—]", sentence.text, re.IGNORECASE) is not None


_ANSWER_OPTIONS = re.compile(r"[ \t]*\(?A[).][ \t]+[^\n]*?[ \t]\(?B[).][ \t]")


def _under_quote_header(ctx: _Context, line_start: int) -> bool:
    """Whether a line is in the block under a header that names whose post is quoted; the block
    ends at the first blank line."""
    headers = ctx.lexicon.pattern("restated", "quote_headers")
    if headers.match(ctx.text[slice(*_line_at(ctx.text, line_start))].strip()):
        return True  # the header and a quoted line it wraps into
    at = line_start
    while at > 0:
        start, end = _line_at(ctx.text, at - 1)
        line = ctx.text[start:end]
        if not line.strip():
            return False
        if headers.match(line.strip()):
            return True
        at = start
    return False


_QUOTE_OPEN = re.compile(r"\[quote", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"\[/quote\]", re.IGNORECASE)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where each "[quote" opens and where its "[/quote]" stands (the end of the text if none)."""
    spans: list[tuple[int, int]] = []
    for opening in _QUOTE_OPEN.finditer(text):
        closing = _QUOTE_CLOSE.search(text, opening.start())
        spans.append((opening.start(), closing.start() if closing else len(text)))
    return spans
