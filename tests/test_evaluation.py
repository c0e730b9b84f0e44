"""The evaluation documents build like the corpus: every quote stands at its offsets and every name
is in the ontology, so their gold claims can be scored against.

Each document is built on its own: a corpus of many documents that state the same category
facts derives every combination of their sources, which checks nothing more about the gold."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bundlekg import build, open_graph
from bundlekg.documents import MANIFEST_NAME

EVALUATION = Path(__file__).resolve().parents[1] / "evaluation"
DEV = EVALUATION / "dev"
HELDOUT = EVALUATION / "heldout"


def _rows(corpus: Path) -> list[dict[str, str]]:
    with (corpus / MANIFEST_NAME).open(encoding="utf-8", newline="") as manifest:
        return list(csv.DictReader(manifest))


def _corpus_of(corpus: Path, rows: list[dict[str, str]], target: Path) -> Path:
    """A corpus of some evaluation documents: their files, review files and manifest rows."""
    (target / "reviews").mkdir(parents=True)
    for row in rows:
        for document in corpus.glob(f"{row['id']}.*"):
            shutil.copy(document, target / document.name)
        shutil.copy(corpus / "reviews" / f"{row['id']}.yaml", target / "reviews")
    with (target / MANIFEST_NAME).open("w", encoding="utf-8", newline="") as manifest:
        writer = csv.DictWriter(manifest, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


DOCUMENTS = [
    pytest.param(corpus, row, id=row["id"][:3])
    for corpus in (DEV, HELDOUT)
    for row in _rows(corpus)
]


@pytest.mark.parametrize(("corpus", "row"), DOCUMENTS)
def test_each_evaluation_document_builds_with_its_gold(
    corpus: Path, row: dict[str, str], tmp_path: Path
) -> None:
    report = build(_corpus_of(corpus, [row], tmp_path / "corpus"), tmp_path / "store")
    (document,) = report.documents
    assert document.kind == row["kind"]
    assert document.reviewed > 0
    assert not report.silent_documents


def test_the_evaluation_documents_cover_every_kind_of_source() -> None:
    assert {row["kind"] for row in _rows(DEV)} == {
        "regulator",
        "code_set",
        "coding_reference",
        "vendor_article",
        "payer_policy",
        "qa_forum",
    }
    # a held-out round: at least four documents, of more than one kind of source
    assert len(_rows(HELDOUT)) >= 4
    assert len({row["kind"] for row in _rows(HELDOUT)}) >= 2


def test_payer_policy_ranks_with_coding_references(tmp_path: Path) -> None:
    rows = {row["kind"]: row for row in _rows(DEV)}
    corpus = _corpus_of(DEV, [rows["payer_policy"], rows["qa_forum"]], tmp_path / "corpus")
    build(corpus, tmp_path / "store")
    authority = {s.kind: s.authority for s in open_graph(tmp_path / "store").sources()}
    assert authority["payer_policy"] == 3
    assert authority["payer_policy"] > authority["qa_forum"]
