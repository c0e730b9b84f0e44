"""Names a document gives its codes, and the definite phrases that use them.

A document names a procedure once with its code, "a diagnostic medial branch block (64493)" or
"64635 (lumbar RFA)", and then speaks of "the block" or "the RFA". Such a phrase, in the same
sentence or the sentence after, stands for the code: it becomes a mention of that code at the
phrase's own offsets, so every rule reads it as the code it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon
from .mentions import Mention, MentionKind

__all__ = ["Alias", "alias_mentions", "find_aliases"]


@dataclass(frozen=True)
class Alias:
    """A head noun the document names a code (or a list of codes) by."""

    head: str
    codes: tuple[Mention, ...]
    qualifiers: frozenset[str] = frozenset()


_WORD = r"[A-Za-z][A-Za-z/-]*"
# "medial branch block (64493)", "ablation (64633, 64635)"
_NAME_BEFORE = re.compile(
    rf"(?P<qualifiers>(?:{_WORD}\s+){{0,3}})(?P<head>{_WORD})\s*\(\s*(?:(?:CPT|HCPCS)\s+)?(?:codes?\s+)?$"
)
# "64635 (lumbar RFA)", "J1030 (methylprednisolone acetate, 40 mg)": the words up to a comma
_NAME_AFTER = re.compile(rf"\s*\(\s*(?P<words>{_WORD}(?:\s+{_WORD}){{0,5}})\s*[,;)]")
_DETERMINER = re.compile(r"\b(?:the|this|that)\s+", re.IGNORECASE)
_FOLLOWING_WORD = re.compile(rf"({_WORD})\b\s*")


def _noun(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@cache
def _generic_heads(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(_noun(str(w)) for w in lexicon.words("aliases", "generic_heads"))


def find_aliases(text: str, start: int, mentions: list[Mention], lexicon: Lexicon) -> list[Alias]:
    """The names the text from ``start`` gives codes: a noun right before the parentheses that
    hold only codes, or the last noun of the words in parentheses right after a code."""
    generic = _generic_heads(lexicon)
    codes = [m for m in mentions if m.is_code]
    found: list[Alias] = []
    reported = _REPORTED_WITH.match(text, start)
    if reported is not None and _noun(reported["head"]) not in generic:
        # "Radiofrequency ablation is reported with 64633-64636": the codes that follow
        listed = [m for m in codes if m.start >= reported.end()]
        if listed and listed[0].start == reported.end():
            found.append(
                Alias(_noun(reported["head"]), _listing(text, listed), _words(reported["before"]))
            )
    for index, code in enumerate(codes):
        before = _NAME_BEFORE.search(text, start, code.start)
        group = _parenthesised(text, codes[index:]) if before is not None else None
        if before is not None and group is not None:
            head = _noun(before["head"])
            if head not in generic and (index == 0 or codes[index - 1].end < before.start("head")):
                found.append(Alias(head, group, _words(before["qualifiers"])))
        after = _NAME_AFTER.match(text, code.end)
        if after is not None:
            *qualifiers, last = after["words"].split()
            head = _noun(last)
            if head not in generic:
                found.append(Alias(head, (code,), _words(" ".join(qualifiers))))
    return found


# A sentence that opens by naming the codes of a procedure: "Radiofrequency ablation is reported
# with 64633-64636", "Facet injections are coded as 64490-64495"
_REPORTED_WITH = re.compile(
    rf"(?P<before>(?:{_WORD}\s+){{0,3}})(?P<head>{_WORD})\s+(?:is|are)\s+(?:reported|coded|billed)\s+"
    r"(?:with|as|using|under)\s+(?:(?:CPT|HCPCS)\s+)?(?:codes?\s+)?",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in text.split())


def _listing(text: str, codes: list[Mention]) -> tuple[Mention, ...]:
    """The codes listed one after another from the first ("64490, 64491 or 64492")."""
    group = codes[:1]
    for code in codes[1:]:
        if not re.fullmatch(
            r"\s*(?:,|/|and|or|,\s*and|,\s*or)\s*", text[group[-1].end : code.start]
        ):
            break
        group.append(code)
    return tuple(group)


def _parenthesised(text: str, codes: list[Mention]) -> tuple[Mention, ...] | None:
    """The codes from the first one to the closing parenthesis, if the parentheses hold only
    codes and the words that list them."""
    close = text.find(")", codes[0].end)
    if close < 0:
        return None
    inside = text[codes[0].start : close]
    group = tuple(m for m in codes if m.end <= close)
    for code in group:
        inside = inside.replace(text[code.start : code.end], " ")
    listing = re.fullmatch(r"[\s,/+]*(?:(?:and|or|and/or)[\s,/+]*)*", inside)
    return group if listing is not None else None


def alias_mentions(
    text: str, start: int, end: int, mentions: list[Mention], aliases: list[Alias]
) -> list[Mention]:
    """Mentions of the codes that definite phrases in ``text[start:end]`` stand for by the
    given aliases ("the block", "this RFA", "the diagnostic block"), where no mention of a code
    covers the phrase and the phrase is not followed by codes of its own. A phrase that also
    names a kind of procedure ("the injection") stands for the codes the document named so."""
    by_head = {alias.head: alias for alias in aliases}
    found: list[Mention] = []
    for determiner in _DETERMINER.finditer(text, start, end):
        at, alias, skipped = determiner.end(), None, set()
        for _ in range(3):
            word = _FOLLOWING_WORD.match(text, at, end)
            if word is None:
                break
            alias = by_head.get(_noun(word[1]))
            if alias is not None:
                at = word.start() + len(word[1])
                break
            skipped.add(word[1].lower())
            at = word.end()
        if alias is None or alias.codes[0].start >= determiner.start():
            continue
        covering = [m for m in mentions if m.start < at and determiner.start() < m.end]
        if any(m.kind is not MentionKind.CATEGORY for m in covering):
            continue  # a code's own mention
        if skipped and not skipped <= alias.qualifiers:
            continue  # "the facet injection" after "trigger point injections (20552)": another
        # a kind ("the injection") gives way to the name given to codes
        if _CODES_FOLLOW.match(text, at):
            continue  # "the block (64493)": a name given, not one used
        found += [Mention(code.kind, code.value, determiner.start(), at) for code in alias.codes]
    return found


_CODES_FOLLOW = re.compile(r"\s*[(:,]?\s*(?:(?:CPT|HCPCS)\s+)?(?:codes?\s+)?[0-9A-Z]{5}")
