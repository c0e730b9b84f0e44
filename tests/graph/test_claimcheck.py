"""Claim lines as users write them, and the claim check on the bundled corpus."""

from __future__ import annotations

import pytest

from bundlekg import ClaimLine, InputError, KnowledgeGraph
from bundlekg.claimcheck import FlagKind, line_pairs, parse_line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("62323", ClaimLine("62323")),
        ("77003-xs", ClaimLine("77003", ("XS",))),
        ("64483-RT-59x2", ClaimLine("64483", ("RT", "59"), 2)),
        ("76000*3", ClaimLine("76000", (), 3)),
    ],
)
def test_parse_line(text: str, line: ClaimLine) -> None:
    assert parse_line(text) == line


@pytest.mark.parametrize(
    "text", ["", "62323-X", "-59", "62323 77003", "62323x2x3", "62323x", "M54.16"]
)
def test_parse_line_rejects_malformed_lines(text: str) -> None:
    with pytest.raises(InputError, match="is not a claim line"):
        parse_line(text)


def test_lines_with_the_same_code_are_not_paired() -> None:
    lines = [ClaimLine("11111"), ClaimLine("11111"), ClaimLine("22222")]
    assert line_pairs(lines) == [(1, 3), (2, 3)]


def test_twenty_lines_give_190_pair_verdicts(kg: KnowledgeGraph) -> None:
    lines = [ClaimLine(f"{10000 + n}") for n in range(18)]
    lines += [ClaimLine("62323"), ClaimLine("77003")]
    result = kg.check_claim(lines)
    assert len(result.pairs) == 190
    assert [(f.kind, f.lines) for f in result.flags] == [(FlagKind.PAIR, (19, 20))]
    assert result.as_dict()["flags"][0]["source"] == "003_37225522b298a619"
