"""Every quote in the graph of the bundled corpus stands in its source at its offsets."""

from __future__ import annotations

import pytest

from bundlekg import KnowledgeGraph
from tests.conftest import CORPUS


def test_every_claim_quote_is_its_source_text_at_its_offsets(kg: KnowledgeGraph) -> None:
    sources = kg.sources()
    assert len(sources) == 5
    checked = 0
    for summary in sources:
        source = kg.source(summary.id)
        assert source.text is not None
        assert source.text == (CORPUS / f"{summary.id}.txt").read_text(encoding="utf-8")
        assert len(source.claims) == summary.claims > 0
        for claim in source.claims:
            assert 0 <= claim.start < claim.end <= len(source.text)
            assert source.text[claim.start : claim.end] == claim.quote, (summary.id, claim.id)
            checked += 1
    assert checked == sum(s.claims for s in sources)


def test_claims_are_listed_in_text_order(kg: KnowledgeGraph) -> None:
    for summary in kg.sources():
        starts = [c.start for c in kg.source(summary.id).claims]
        assert starts == sorted(starts), summary.id


def test_check_quotes_finds_nothing(kg: KnowledgeGraph) -> None:
    assert kg.check_quotes() == []


@pytest.mark.parametrize(("a", "b"), [("62323", "77003"), ("62328", "77003"), ("62270", "77003")])
def test_every_evidence_quote_stands_in_its_source(kg: KnowledgeGraph, a: str, b: str) -> None:
    verdict = kg.reportable(a, b)
    assert verdict.evidence, f"{a}/{b} has evidence"
    texts: dict[str, str] = {}
    for item in verdict.evidence:
        if item.source not in texts:
            text = kg.source(item.source).text
            assert text is not None
            texts[item.source] = text
        assert item.start is not None and item.end is not None, item
        assert texts[item.source][item.start : item.end] == item.quote, item
        assert item.quote in texts[item.source]


def test_derived_evidence_rests_on_quotes_too(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62328", "77003")
    derived = [e for e in verdict.evidence if e.derived_by]
    assert derived
    for item in derived:
        text = kg.source(item.source).text
        assert text is not None and item.start is not None
        assert text[item.start : item.end] == item.quote
