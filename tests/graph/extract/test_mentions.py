"""Mentions: codes, ranges, modifiers and categories, and numbers that only look like codes."""

from __future__ import annotations

import pytest

from bundlekg.extract.lexicon import load_lexicon
from bundlekg.extract.mentions import MentionKind, find_mentions


def _found(text: str, kind: MentionKind | None = None) -> list[str]:
    return [
        m.value for m in find_mentions(text, 0, load_lexicon()) if kind is None or m.kind is kind
    ]


@pytest.mark.parametrize(
    "text",
    [
        "628.8 million! That is how many people suffer from back pain.",
        "In 2024 and 2025 the rules changed.",
        "Call 1-800-633-4227 or (410) 786-3000.",
        "760008. Fluoroscopy is integral to many procedures.",
        "The payment was $12,345 or 12345.67 dollars.",
        "Write to Baltimore, MD 21244-1850.",
        "Order no. 54126 on page 41234.",
        "Over 12345 patients were seen.",
    ],
)
def test_numbers_that_look_like_codes_are_not_codes(text: str) -> None:
    assert _found(text, MentionKind.CODE) == []
    assert _found(text, MentionKind.RANGE) == []


def test_codes_of_each_code_set() -> None:
    text = "Report 62323, G0260, 0228T and diagnosis M54.16 (CPT® 76000)."
    assert _found(text, MentionKind.CODE) == ["62323", "G0260", "0228T", "M54.16", "76000"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("codes 77001-77003 are guidance", ["77001-77003"]),
        ("codes 62320 through 62327 are epidurals", ["62320-62327"]),
        ("see 0213T-0218T", ["0213T-0218T"]),
        ("62320–62323 (en dash)", ["62320-62323"]),
    ],
)
def test_ranges(text: str, expected: list[str]) -> None:
    assert _found(text, MentionKind.RANGE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("append modifier 59 to 64493", ["59"]),
        ("modifiers 59 and XS apply", ["59", "XS"]),
        ("report 77003-XS for the second site", ["XS"]),
        ("or better the more specific -XS (separate structure)", ["XS"]),
        ("The modifier KX declares coverage.", ["KX"]),
        ("use the 59 modifier", ["59"]),
        ("Append RT or LT to 20610", ["RT", "LT"]),
        ("guided by CT and MRI", []),
        ("for the left side (LT is not named as a modifier)", []),
    ],
)
def test_modifiers(text: str, expected: list[str]) -> None:
    assert _found(text, MentionKind.MODIFIER) == expected


def test_coordinated_qualifiers_share_their_head() -> None:
    text = "integral to most spinal, endoscopic, and injection procedures"
    assert _found(text, MentionKind.CATEGORY) == [
        "spinal-procedure",
        "endoscopic-procedure",
        "injection-procedure",
    ]


def test_a_modality_coordinated_with_guidance_is_guidance() -> None:
    text = "If fluoroscopy or any other imaging guidance is used"
    assert _found(text, MentionKind.CATEGORY) == ["fluoroscopic-guidance", "imaging-guidance"]


def test_regions_and_approaches_come_from_the_ontology_labels() -> None:
    text = "lumbar or sacral (caudal) epidural, interlaminar approach; caudal approach"
    assert _found(text, MentionKind.REGION) == ["lumbar", "sacral", "sacral", "sacral"]
    assert _found(text, MentionKind.APPROACH) == ["interlaminar", "caudal"]


def test_a_slash_joins_two_codes_but_not_a_date() -> None:
    assert _found("the edit for 62323/77003", MentionKind.CODE) == ["62323", "77003"]
    assert _found("Effective 01/01/2026, see page 3/12345.") == []
