"""Mentions: the codes, code ranges, modifiers and concept names a sentence speaks of.

Numbers that merely look like codes are not codes: an amount ("628.8 million", "$12,345"), a
year, a phone number ("1-800-633-4227"), a ZIP code after a state, or list numbering ("760008.")
is passed over. A five-digit number is a code only when it stands alone, not glued to other
digits, dots or dashes of a longer number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .lexicon import Lexicon

__all__ = ["Mention", "MentionKind", "find_mentions"]


class MentionKind(Enum):
    """What a mention names."""

    CODE = "code"
    RANGE = "range"
    CATEGORY = "category"
    MODIFIER = "modifier"
    REGION = "region"
    MODALITY = "modality"
    APPROACH = "approach"
    PERIOD = "period"


PARTICIPANTS = (MentionKind.CODE, MentionKind.RANGE, MentionKind.CATEGORY)


@dataclass(frozen=True)
class Mention:
    """One thing named in the text, at document offsets ``start``..``end``."""

    kind: MentionKind
    value: str
    start: int
    end: int

    @property
    def is_code(self) -> bool:
        return self.kind in (MentionKind.CODE, MentionKind.RANGE)


_CODE = r"(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4}|[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4})"
# A code stands alone: no digit, dot-digit, comma-digit or dash-digit glued to either side; a
# slash only between two codes ("62323/77003", the pair of an edit).
_ALONE_BEFORE = (
    r"(?:(?<![\w.,$#/])|(?<=[^\w][0-9]{4}[0-9FTU]/)|(?<=^[0-9]{4}[0-9FTU]/))"
    r"(?<![\w.,$#/ ]-)(?<!^-)"
)
_ALONE_AFTER = r"(?![\w]|[.,]\d|-\d|%)"
_CODE_RE = re.compile(_ALONE_BEFORE + rf"(?P<code>{_CODE})" + _ALONE_AFTER)
_RANGE_RE = re.compile(
    _ALONE_BEFORE
    + rf"(?P<first>{_CODE})\s*(?:-|–|—|through|thru|to)\s*(?:code\s+)?(?P<last>{_CODE})"
    + _ALONE_AFTER,
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"^\s*\d+\.\s")
_PHONE = re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-.])\d{3}[-.]\d{4}\b")
_STATE_ZIP = re.compile(r"\b[A-Z]{2},?\s+\d{5}(?:-\d{4})?\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PHONE.finditer(text)]
    spans += [m.span() for m in _STATE_ZIP.finditer(text)]
    return spans


def _is_code_like(value: str) -> bool:
    if value[0].isdigit():
        return not _YEAR.fullmatch(value)
    return True


def _codes(text: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    blocked = _blocked_spans(text)
    before = lexicon.pattern("not_a_code_before")
    after = lexicon.pattern("not_a_code_after")
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in blocked + taken):
            return False
        head = text[max(0, start - 16) : start].rstrip().rstrip(":").rstrip()  # "Number: 14187"
        if any(m.end() == len(head) for m in before.finditer(head)) or head.endswith("$"):
            return False
        tail = text[end : end + 14].lstrip()
        match = after.match(tail)
        return match is None

    for match in _RANGE_RE.finditer(text):
        first, last = match["first"].upper(), match["last"].upper()
        if first[0].isdigit() != last[0].isdigit() or first >= last:
            continue
        if free(*match.span()):
            found.append(Mention(MentionKind.RANGE, f"{first}-{last}", *_shift(match, offset)))
            taken.append(match.span())
    for match in _CODE_RE.finditer(text):
        value = match["code"]
        if not _is_code_like(value) or not free(*match.span()):
            continue
        if match.start() == 0 and _LIST_NUMBER.match(text):
            continue
        found.append(Mention(MentionKind.CODE, value.upper(), *_shift(match, offset)))
    return found


def _shift(match: re.Match[str], offset: int) -> tuple[int, int]:
    return match.start() + offset, match.end() + offset


def _modifiers(text: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    found: list[Mention] = []
    known = lexicon.modifiers
    words = "|".join(lexicon.words("modifier_words"))
    token = r"[0-9A-Z]{2}"
    # "modifier 59", "modifiers 59 and XS", "a modifier such as 59", "59 modifier", "-XS" glued
    # to a code, bare "KX".
    after_word = re.compile(
        rf"\b(?:{words})\s+(?:such\s+as\s+|like\s+)?"
        rf"(?P<list>{token}(?:\s*(?:,|/|or|and|,\s*or|,\s*and)\s*{token})*)",
        re.IGNORECASE,
    )
    for match in after_word.finditer(text):
        for item in re.finditer(token, match["list"].upper()):
            if item[0] in known:
                start = match.start("list") + item.start()
                found.append(
                    Mention(MentionKind.MODIFIER, item[0], start + offset, start + 2 + offset)
                )
    # "append RT or LT to 20610": modifiers named as what is appended
    appended = re.compile(
        rf"\b(?i:append|appending|attach|add)\s+(?i:the\s+)?(?P<list>{token}(?:\s*(?:,|/|or|and)\s*{token})*)\b"
    )
    for match in appended.finditer(text):
        for item in re.finditer(token, match["list"]):
            if item[0] in known:
                start = match.start("list") + item.start()
                found.append(
                    Mention(MentionKind.MODIFIER, item[0], start + offset, start + 2 + offset)
                )
    before_word = re.compile(rf"\b(?P<mod>{token})\s+(?:{words})\b", re.IGNORECASE)
    for match in before_word.finditer(text):
        if match["mod"].upper() in known:
            found.append(
                Mention(MentionKind.MODIFIER, match["mod"].upper(), *_span(match, "mod", offset))
            )
    for match in re.finditer(rf"(?:(?<=[0-9A-Z])|(?<![\w-]))-(?P<mod>{token})\b", text):
        if match["mod"] in known:
            found.append(Mention(MentionKind.MODIFIER, match["mod"], *_span(match, "mod", offset)))
    excluded = set(lexicon.words("bare_modifier_exclusions"))
    for match in re.finditer(r"(?<![\w-])(?P<mod>[A-Z]{2})(?![\w-])", text):
        if match["mod"] in known and match["mod"] not in excluded:
            found.append(Mention(MentionKind.MODIFIER, match["mod"], *_span(match, "mod", offset)))
    unique = {(m.start, m.value): m for m in found}
    # "carries XS or 59", "59 or XS": a token joined to a modifier is a modifier too
    joined_after = re.compile(rf"\s*(?:,|/|or|and|,\s*or)\s*(?P<mod>{token})\b")
    joined_before = re.compile(rf"\b(?P<mod>{token})\s*(?:,|/|or|and|,\s*or)\s*$")
    pending = list(unique.values())
    while pending:
        mention = pending.pop()
        start, end = mention.start - offset, mention.end - offset
        beside = (
            joined_after.match(text, end),
            joined_before.search(text, max(0, start - 8), start),
        )
        for near in beside:
            if near is not None and near["mod"] in known:
                span = _span(near, "mod", offset)
                if (span[0], near["mod"]) not in unique:
                    joined = Mention(MentionKind.MODIFIER, near["mod"], *span)
                    unique[(span[0], near["mod"])] = joined
                    pending.append(joined)
    return list(unique.values())


def _span(match: re.Match[str], group: str, offset: int) -> tuple[int, int]:
    return match.start(group) + offset, match.end(group) + offset


def _concepts(text: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    found: list[Mention] = []
    for scheme, kind in (
        ("region", MentionKind.REGION),
        ("modality", MentionKind.MODALITY),
        ("approach", MentionKind.APPROACH),
        ("period", MentionKind.PERIOD),
    ):
        for match in lexicon.concept_patterns[scheme].finditer(text):
            name = lexicon.concept(scheme, match[0])
            if name is not None:
                found.append(Mention(kind, name, *_shift(match, offset)))
    regions = [m for m in found if m.kind is MentionKind.REGION]
    return [
        m
        for m in found
        if m.kind is not MentionKind.APPROACH
        or not any(r.start == m.start for r in regions)
        or re.match(r"\s+approach", text[m.end - offset :]) is not None
        or "approach" in text[m.start - offset : m.end - offset].lower()
    ]


def _categories(text: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    spec = lexicon.data["concepts"]["category"]
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    procedure_heads = "|".join(re.escape(str(w)) for w in spec["heads"]["procedure"])
    qualifies = re.compile(rf"\s+(?:{procedure_heads})(?![\w-])", re.IGNORECASE)
    for name, phrases in spec["phrases"].items():
        for match in lexicon_pattern(phrases).finditer(text):
            if match[0].lower().startswith("the ") and qualifies.match(text, match.end()):
                continue  # "the injection procedure": a qualifier of a longer name
            found.append(Mention(MentionKind.CATEGORY, str(name), *_shift(match, offset)))
            taken.append(match.span())
    for head, qualified in spec["qualified"].items():
        head_words = [str(w) for w in spec["heads"][head]]
        by_word = {str(w).lower(): str(n) for n, words in qualified.items() for w in words}
        qualifier = "|".join(
            r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(by_word, key=len)[::-1]
        )
        heads = "|".join(re.escape(w) for w in sorted(head_words, key=len)[::-1])
        link = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?:any\s+other\s+|other\s+)?|\s*/\s*)"
        phrase = re.compile(
            rf"(?<![\w-])(?P<quals>(?:{qualifier})(?:{link}(?:{qualifier}))*)\s+(?:{heads})(?![\w-])",
            re.IGNORECASE,
        )
        for match in phrase.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            for qual in re.finditer(qualifier, match["quals"], re.IGNORECASE):
                name = by_word.get(" ".join(qual[0].lower().split()))
                if name is not None:
                    start = match.start("quals") + qual.start()
                    found.append(
                        Mention(MentionKind.CATEGORY, name, start + offset, match.end() + offset)
                    )
    # "fluoroscopy or any other imaging guidance": a modality coordinated with a guidance head.
    guidance = lexicon.data["guidance_of_modality"]
    modalities = lexicon.concept_patterns["modality"]
    for match in re.finditer(
        r"(?P<mod>[\w/-]+(?:\s+[\w/-]+)?)\s+(?:or|and)\s+(?:any\s+)?(?:other\s+)?[\w-]*\s*guidance\b",
        text,
        re.IGNORECASE,
    ):
        for word in modalities.finditer(match["mod"]):
            name = lexicon.concept("modality", word[0])
            if name in guidance:
                start = match.start("mod") + word.start()
                found.append(
                    Mention(
                        MentionKind.CATEGORY,
                        str(guidance[name]),
                        start + offset,
                        start + offset + len(word[0]),
                    )
                )
    unique = {(m.value, m.start): m for m in found}
    return list(unique.values())


def lexicon_pattern(phrases: list[str]) -> re.Pattern[str]:
    from .lexicon import phrase_pattern

    return phrase_pattern(str(p) for p in phrases)


def find_mentions(text: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    """Every mention in a piece of text that starts at ``offset`` of its document, in order."""
    mentions = _codes(text, offset, lexicon) + _modifiers(text, offset, lexicon)
    mentions += _concepts(text, offset, lexicon) + _categories(text, offset, lexicon)
    return sorted(mentions, key=lambda m: (m.start, -m.end, m.kind.value))
