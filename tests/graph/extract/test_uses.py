"""A statement that codes are reported with procedures, and a bulleted list of those uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg.claims import Triple
from bundlekg.documents import Document, SourceKind
from bundlekg.extract import extract


def _add_ons(text: str) -> set[tuple[str, str, str]]:
    document = Document("doc", "doc", SourceKind.CODING_REFERENCE, text, Path("doc.txt"))
    return {
        (a.subject, a.property, a.object)
        for c in extract(document)
        for a in c.assertions
        if isinstance(a, Triple) and a.property == "addOnTo"
    }


_DESCRIBED = (
    "Code   Descriptor\n"
    "77001  Fluoroscopic guidance for central venous access device placement\n"
    "77003  Fluoroscopic guidance and localization of needle or catheter tip for spine or "
    "paraspinous diagnostic or therapeutic injection procedures\n\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "these codes" are the codes listed with descriptors; each use goes with the codes
        # whose descriptor names what it names
        (
            _DESCRIBED + "These codes are usually billed with procedures that need a needle or "
            "catheter placed precisely. Typical uses:\n"
            "- Port placement: inserting central venous catheters and other vascular access "
            "devices.\n"
            "- Spine work: guiding the needle for epidural injections and facet injections.\n",
            {("77001", "addOnTo", "vascular-access"), ("77003", "addOnTo", "spine-injection")},
        ),
        # the lead-in itself says it, and names its codes; without descriptors each use goes
        # with every code named
        (
            "77002 and 76942 are used for the following:\n"
            "* Epidural injections in patients with difficult anatomy\n"
            "* Other spinal injections where landmarks fail\n",
            {("77002", "addOnTo", "spine-injection"), ("76942", "addOnTo", "spine-injection")},
        ),
    ],
)
def test_each_listed_use_goes_with_the_codes_that_serve_it(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _add_ons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a list under a lead-in that says nothing of reporting
        "77003 Fluoroscopic guidance for spine injections\n\nKey points:\n"
        "- Epidural injections need documented levels.\n",
        # a statement of uses with no list after it
        "77003 is reported with procedures on the spine. Epidural injections are common.\n",
        # an item that names no procedure
        "77003 is reported with procedures such as:\n- Needle placement near the nerve root\n",
    ],
)
def test_no_uses_without_a_list_a_lead_in_or_a_procedure(text: str) -> None:
    assert _add_ons(text) == set()
