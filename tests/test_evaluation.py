"""The held-out evaluation documents build like the corpus: every quote stands at its offsets and
every name is in the ontology, so their gold claims can be scored against."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg import BuildReport, KnowledgeGraph, build, open_graph

HELDOUT = Path(__file__).resolve().parents[1] / "evaluation" / "heldout"


@pytest.fixture(scope="module")
def heldout_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, KnowledgeGraph]:
    store = tmp_path_factory.mktemp("heldout")
    return build(HELDOUT, store), open_graph(store)


def test_every_heldout_document_yields_claims(
    heldout_store: tuple[BuildReport, KnowledgeGraph],
) -> None:
    report, _ = heldout_store
    assert {d.kind for d in report.documents} == {"payer_policy", "qa_forum"}
    assert not report.silent_documents


def test_payer_policy_ranks_with_coding_references(
    heldout_store: tuple[BuildReport, KnowledgeGraph],
) -> None:
    _, kg = heldout_store
    authority = {s.kind: s.authority for s in kg.sources()}
    assert authority["payer_policy"] == 3
    assert authority["payer_policy"] > authority["qa_forum"]
