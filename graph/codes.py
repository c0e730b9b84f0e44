"""The syntax of billing codes: CPT, HCPCS Level II and ICD-10-CM, and ranges of them.

Codes are checked here, before any query runs, so a typo is reported as a typo and not
answered as an unknown code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

__all__ = [
    "CodeSystem",
    "code_system",
    "expand_range",
    "is_range",
    "normalise_code",
    "one_for_one",
]


class CodeSystem(Enum):
    """The code sets bundlekg knows, with the RDF class each maps to."""

    CPT = "CPTCode"
    HCPCS = "HCPCSCode"
    ICD10CM = "ICD10CMCode"


# CPT: four digits then a digit or a letter (F Category II, T Category III, U PLA, A vaccine
# administration, M multianalyte assays).
_CPT = re.compile(r"[0-9]{4}[0-9AFMTU]")
# HCPCS Level II: a letter A-V and four digits (G0260, J1040).
_HCPCS = re.compile(r"[A-V][0-9]{4}")
# ICD-10-CM: letter, digit, alphanumeric, then an optional dot and up to four more characters.
_ICD10CM = re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")
_RANGE = re.compile(
    r"(?P<first>[0-9A-Z]{5})\s*(?:-|–|through)\s*(?P<last>[0-9A-Z]{5})", re.IGNORECASE
)
_MAX_RANGE = 1000


def code_system(code: str) -> CodeSystem:
    """The code set a code belongs to.

    >>> [code_system(c).name for c in ("62323", "G0260", "M54.16")]
    ['CPT', 'HCPCS', 'ICD10CM']

    :raises ValueError: when the text is not a code of any of them.
    """
    if _CPT.fullmatch(code):
        return CodeSystem.CPT
    if _HCPCS.fullmatch(code):
        return CodeSystem.HCPCS
    if _ICD10CM.fullmatch(code):
        return CodeSystem.ICD10CM
    raise ValueError(
        f"{code!r} is not a CPT (five characters, e.g. 62323), HCPCS (letter and four digits, "
        "e.g. G0260) or ICD-10-CM (e.g. M54.16) code"
    )


def normalise_code(text: str) -> str:
    """A code as written by a person, upper-cased and stripped, checked for its syntax.

    >>> normalise_code(" m54.16 ")
    'M54.16'

    :raises ValueError: when it is not a code.
    """
    code = text.strip().upper()
    code_system(code)
    return code


def is_range(text: str) -> bool:
    """Whether the text is a code range such as ``77001-77003``."""
    return _RANGE.fullmatch(text.strip().upper()) is not None


def expand_range(text: str) -> list[str]:
    """Every code of a range, in order.

    >>> expand_range("77001-77003")
    ['77001', '77002', '77003']
    >>> expand_range("62323")
    ['62323']

    :raises ValueError: for a malformed range, one whose ends differ in code set or prefix,
        or one of more than a thousand codes.
    """
    match = _RANGE.fullmatch(text.strip().upper())
    if match is None:
        return [normalise_code(text)]
    first, last = match["first"], match["last"]
    for end in (first, last):
        normalise_code(end)
    shape = re.compile(r"(?P<letters>[A-Z]*)(?P<digits>[0-9]+)(?P<suffix>[A-Z]?)")
    head, tail = shape.fullmatch(first), shape.fullmatch(last)
    if (
        head is None
        or tail is None
        or (head["letters"], head["suffix"])
        != (
            tail["letters"],
            tail["suffix"],
        )
    ):
        raise ValueError(f"range {text!r}: both ends must be codes of the same kind")
    letters, suffix = head["letters"], head["suffix"]
    tail_first, tail_last = head["digits"], tail["digits"]
    start, stop = int(tail_first), int(tail_last)
    if stop < start:
        raise ValueError(f"range {text!r} ends before it starts")
    if stop - start >= _MAX_RANGE:
        raise ValueError(f"range {text!r} spans more than {_MAX_RANGE} codes")
    width = len(tail_first)
    return [f"{letters}{n:0{width}d}{suffix}" for n in range(start, stop + 1)]


_Code = TypeVar("_Code")


def one_for_one(
    used: Sequence[_Code], replaced: Sequence[_Code]
) -> list[tuple[_Code | None, _Code]]:
    """The (code to use, code replaced) pairs a replacement with ranges stands for.

    Two ranges of the same length correspond code by code, as the code book lists them:
    "0213T-0218T in place of 64490-64495" is 0213T for 64490, 0214T for 64491, and so on.
    Otherwise every code to use (or none) stands for every code replaced.
    """
    if len(used) == len(replaced) > 1:
        return list(zip(used, replaced, strict=True))
    if not used:
        return [(None, old) for old in replaced]
    return [(new, old) for new in used for old in replaced]
