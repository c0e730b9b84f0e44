"""The quotes behind a drawn edge, each in its sentence, on the bundled corpus."""

from __future__ import annotations

import pytest

from bundlekg import InputError, KnowledgeGraph
from bundlekg.assertions import MAX_ASSERTIONS, assertion_supports, sentence_context
from bundlekg.neighbourhood import code_neighbourhood

CLAIM_003 = "claim/003_37225522b298a619/62323-includes-imaging-guidance"


def test_a_claim_is_its_own_quote(kg: KnowledgeGraph) -> None:
    (quoted,) = assertion_supports(kg, [CLAIM_003])
    assert (quoted.source, quoted.claim, quoted.role) == (
        "003_37225522b298a619",
        "62323-includes-imaging-guidance",
        "statement",
    )
    assert quoted.negated and quoted.derived_by is None
    assert quoted.title == "62323 descriptor and coding guidelines"
    assert (quoted.kind, quoted.authority) == ("coding_reference", 3)
    text = kg.source("003_37225522b298a619").text
    assert text is not None and quoted.start is not None and quoted.end is not None
    assert text[quoted.start : quoted.end] == quoted.quote
    sentence = quoted.before + quoted.quote + quoted.after
    assert sentence in text


def test_a_contested_edge_has_both_sides_behind_it(kg: KnowledgeGraph) -> None:
    graph = code_neighbourhood(kg, "62323", depth=1)
    edges = {e.id: e for e in graph.edges}
    included = assertion_supports(kg, list(edges["62323 includes 77003"].claims))
    separate = assertion_supports(kg, list(edges["77003 separately_reportable 62323"].claims))
    assert "003_37225522b298a619" in {q.source for q in included if q.role == "statement"}
    assert "000_438acad2e7e8b7ba" in {q.source for q in separate if q.role == "statement"}
    derived = [q for q in included if q.derived_by]
    assert derived and all(q.assertion.startswith("derivation/") for q in derived)
    roles = [q.role for q in included]
    assert roles == sorted(roles, key=lambda r: r != "statement")
    assert len({(q.source, q.claim, q.role) for q in included}) == len(included)


def test_sentence_context() -> None:
    text = "First sentence. The code 62323 includes guidance here, they say. Last one."
    start = text.index("62323 includes guidance")
    end = start + len("62323 includes guidance")
    assert sentence_context(text, start, end) == ("The code ", " here, they say.")
    whole = text.index("The code")
    assert sentence_context(text, whole, text.index(" Last")) == ("", "")
    assert sentence_context("Line one\n62323 x\nnext", 9, 14) == ("", " x")


@pytest.mark.parametrize(
    "ids",
    [[], ["claim/003"], ["derivation/XYZ"], ["https://w3id.org/x"], [CLAIM_003] * 201],
)
def test_bad_ids(kg: KnowledgeGraph, ids: list[str]) -> None:
    with pytest.raises(InputError) as error:
        assertion_supports(kg, ids)
    assert error.value.field == "id"
    assert MAX_ASSERTIONS == 200


def test_an_unknown_claim_has_no_quote(kg: KnowledgeGraph) -> None:
    assert assertion_supports(kg, ["claim/003_37225522b298a619/no-such-claim"]) == []
