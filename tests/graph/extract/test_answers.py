"""Answers from new documents: a document dropped into the corpus changes ``ask`` with no code
change, each answer pointing at the sentence it came from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bundlekg import build, open_graph
from bundlekg.verdict import VerdictKind
from tests.conftest import CORPUS

POLICY = (
    "Imaging guidance for transforaminal epidurals.\n"
    "Imaging guidance is included in 64483 and is not reported separately. "
    "Do not report 64483 in conjunction with 77012.\n"
)
ARTICLE = (
    "<html><body><main><p>Good news: 77012 is reported separately with 64483.</p></main>"
    "<nav><p>Do not report 99999 with 88888.</p></nav></body></html>"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _add(corpus: Path, name: str, text: str, kind: str, title: str) -> None:
    (corpus / name).write_text(text, encoding="utf-8")
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(f"{Path(name).stem},{title},{kind},\n")


def test_a_new_document_answers_a_pair_it_states(corpus: Path, tmp_path: Path) -> None:
    _add(corpus, "200_policy.txt", POLICY, "payer_policy", "Guidance policy")
    report = build(corpus, tmp_path / "store")
    by_id = {d.id: d for d in report.documents}
    assert by_id["200_policy"].extracted > 0 and by_id["200_policy"].reviewed == 0
    assert by_id["003_37225522b298a619"].extracted == 0  # fully reviewed
    verdict = open_graph(tmp_path / "store").reportable("64483", "77012")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert not verdict.contested
    quotes = {(e.source, e.quote) for e in verdict.evidence}
    assert ("200_policy", "Do not report 64483 in conjunction with 77012.") in quotes
    for evidence in verdict.evidence:
        if evidence.source == "200_policy" and evidence.start is not None:
            assert POLICY[evidence.start : evidence.end] == evidence.quote


def test_a_weaker_document_that_disagrees_makes_the_answer_contested(
    corpus: Path, tmp_path: Path
) -> None:
    _add(corpus, "200_policy.txt", POLICY, "payer_policy", "Guidance policy")
    _add(corpus, "201_article.html", ARTICLE, "vendor_article", "Good news")
    build(corpus, tmp_path / "store")
    verdict = open_graph(tmp_path / "store").reportable("64483", "77012")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.contested
    against = [e for e in verdict.evidence if e.source == "201_article"]
    assert against and all(e.stance == "contradicts" for e in against)
    assert against[0].quote == "Good news: 77012 is reported separately with 64483."
    assert open_graph(tmp_path / "store").reportable("88888", "99999").verdict is (
        VerdictKind.UNKNOWN
    )


def test_the_corpus_answers_stay_as_reviewed(tmp_path: Path) -> None:
    report = build(CORPUS, tmp_path / "store")
    assert all(d.extracted == 0 for d in report.documents)
    assert sum(d.reviewed for d in report.documents) == report.claims


def test_a_document_without_claims_is_named_in_the_report(corpus: Path, tmp_path: Path) -> None:
    _add(corpus, "202_prose.txt", "Back pain is common.\n", "vendor_article", "Prose")
    report = build(corpus, tmp_path / "store")
    assert [d.id for d in report.silent_documents] == ["202_prose"]


def test_a_replacement_between_ranges_builds_one_statement_per_code(
    corpus: Path, tmp_path: Path
) -> None:
    text = (
        "Report Category III codes 0213T-0218T in place of 64490-64495 when ultrasound guidance "
        "is used. Facet joint injections performed under ultrasound guidance shall not be "
        "reported with 64490-64495.\n"
    )
    _add(corpus, "202_ranges.txt", text, "payer_policy", "Ultrasound facet injections")
    report = build(corpus, tmp_path / "store")
    assert {d.id: d for d in report.documents}["202_ranges"].extracted == 2
