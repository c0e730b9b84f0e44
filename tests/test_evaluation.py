"""The evaluation documents build like the corpus: every quote stands at its offsets and every name
is in the ontology, so their gold claims can be scored against."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg import BuildReport, KnowledgeGraph, build, open_graph

DEV = Path(__file__).resolve().parents[1] / "evaluation" / "dev"
HELDOUT = DEV.parent / "heldout"


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, KnowledgeGraph]:
    store = tmp_path_factory.mktemp("dev")
    return build(DEV, store), open_graph(store)


def test_every_evaluation_document_yields_claims(
    dev_store: tuple[BuildReport, KnowledgeGraph],
) -> None:
    report, _ = dev_store
    assert {d.kind for d in report.documents} == {
        "code_set",
        "coding_reference",
        "vendor_article",
        "payer_policy",
        "qa_forum",
    }
    assert not report.silent_documents


def test_payer_policy_ranks_with_coding_references(
    dev_store: tuple[BuildReport, KnowledgeGraph],
) -> None:
    _, kg = dev_store
    authority = {s.kind: s.authority for s in kg.sources()}
    assert authority["payer_policy"] == 3
    assert authority["payer_policy"] > authority["qa_forum"]


def test_the_heldout_documents_build_with_their_gold(tmp_path: Path) -> None:
    report = build(HELDOUT, tmp_path / "store")
    assert {d.kind for d in report.documents} == {
        "regulator",
        "coding_reference",
        "qa_forum",
        "vendor_article",
    }
    assert all(d.reviewed > 0 for d in report.documents)
    assert not report.silent_documents
