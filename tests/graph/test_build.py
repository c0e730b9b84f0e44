"""Building a graph (bundlekg.build): quotes checked, atomic publication, reports, and
deterministic output."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pyoxigraph import CanonicalizationAlgorithm, Dataset, RdfFormat, Store, serialize

from bundlekg import BuildReport, InputError, KnowledgeGraph, VerdictKind, build, open_graph
from bundlekg.store import current_build
from tests.conftest import CORPUS, Claims, review_files

MakeCorpus = Callable[..., Path]


SMALL: Claims = [
    ("bundled", "Code 11111 includes code 22222.", [["11111", "includes", "22222"]]),
    ("lumbar", "Code 11111 is done on the lumbar spine.", [["11111", "region", "lumbar"]]),
]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """The bundled corpus built again, beside the session's ``built_store``."""
    store = tmp_path_factory.mktemp("second-store")
    return build(CORPUS, store), store


def test_quote_not_at_its_offsets_names_file_claim_and_real_place(
    make_corpus: MakeCorpus,
) -> None:
    text = "Preamble. Code 11111 includes code 22222."
    review = (
        "document: doc\n"
        "claims:\n"
        "  - id: shifted-quote\n"
        '    quote: "Code 11111 includes code 22222."\n'
        "    start: 0\n"
        "    end: 31\n"
        "    asserts:\n"
        "      - [11111, includes, 22222]\n"
    )
    corpus = make_corpus({"doc": text}, reviews={"doc": review})
    with pytest.raises(InputError) as caught:
        build(corpus, corpus.parent / "store")
    message = str(caught.value)
    assert "doc.yaml:3: " in message
    assert "'shifted-quote'" in message
    assert "the quote stands at 10..41" in message
    assert text[10:41] == "Code 11111 includes code 22222."
    assert not (corpus.parent / "store" / "current").exists()


def test_offsets_outside_the_document_fail(make_corpus: MakeCorpus) -> None:
    text, review = review_files("doc", SMALL)
    review = review.replace("    end: 31\n", "    end: 500\n")
    corpus = make_corpus({"doc": text}, reviews={"doc": review})
    with pytest.raises(InputError) as caught:
        build(corpus, corpus.parent / "store")
    assert "doc.yaml:3: start: " in str(caught.value)
    assert "outside document doc" in str(caught.value)


def test_bad_assertion_names_file_line_and_claim(make_corpus: MakeCorpus) -> None:
    text, review = review_files("doc", SMALL)
    review = review.replace('"lumbar"]', '"neck"]')
    corpus = make_corpus({"doc": text}, reviews={"doc": review})
    with pytest.raises(InputError) as caught:
        build(corpus, corpus.parent / "store")
    message = str(caught.value)
    line = review.splitlines().index('      - ["11111", "region", "neck"]') + 1
    assert f"doc.yaml:{line}: asserts: " in message
    assert "claim 'lumbar'" in message
    assert "'neck' is not a region name" in message


def _answer(store: Path) -> tuple[VerdictKind, list[tuple[str, str | None]]]:
    verdict = open_graph(store).reportable("11111", "22222")
    return verdict.verdict, [(e.source, e.claim) for e in verdict.evidence]


def test_failed_build_leaves_the_served_graph_untouched(make_corpus: MakeCorpus) -> None:
    text, review = review_files("doc", SMALL)
    corpus = make_corpus({"doc": text}, reviews={"doc": review})
    store = corpus.parent / "store"
    build(corpus, store)
    link = store / "current"
    target = os.readlink(link)
    builds = sorted(p.name for p in (store / "builds").iterdir())
    served = current_build(store)
    first = _answer(store)
    assert first == (VerdictKind.NOT_SEPARATELY_REPORTABLE, [("doc", "bundled")])

    make_corpus({"doc": text}, reviews={"doc": review.replace('"includes"', '"bundles"')})
    # Fail a few times: a leftover of a failed build need not show the first time.
    for _ in range(8):
        with pytest.raises(InputError, match="unknown property 'bundles'"):
            build(corpus, store)
        assert link.is_symlink()
        assert os.readlink(link) == target
        assert current_build(store) == served
        assert sorted(p.name for p in (store / "builds").iterdir()) == builds
        assert not [p for p in store.iterdir() if p.name.startswith(".current")]
    assert _answer(store) == first


def test_a_second_good_build_replaces_the_served_graph(make_corpus: MakeCorpus) -> None:
    text, review = review_files("doc", SMALL)
    corpus = make_corpus({"doc": text}, reviews={"doc": review})
    store = corpus.parent / "store"
    build(corpus, store)
    before = os.readlink(store / "current")
    separate: Claims = [
        (
            "separate",
            "Code 22222 is reported separately with 11111.",
            [["22222", "separatelyReportableWith", "11111"]],
        )
    ]
    text2, review2 = review_files("doc", separate)
    make_corpus({"doc": text2}, reviews={"doc": review2})
    build(corpus, store)
    assert os.readlink(store / "current") != before
    assert _answer(store) == (VerdictKind.SEPARATELY_REPORTABLE, [("doc", "separate")])


def test_document_without_claims_is_reported_silent(make_corpus: MakeCorpus) -> None:
    text, review = review_files("doc", SMALL)
    corpus = make_corpus(
        {"doc": text, "quiet": "Nothing here is about billing."}, reviews={"doc": review}
    )
    report = build(corpus, corpus.parent / "store")
    assert [d.id for d in report.silent_documents] == ["quiet"]
    by_id = {d.id: d for d in report.documents}
    assert by_id["doc"].claims == 2
    assert by_id["quiet"].claims == 0
    assert by_id["quiet"].kind == "unknown"
    assert by_id["quiet"].characters == len("Nothing here is about billing.")
    assert report.claims == 2
    sources = {s.id: s for s in open_graph(corpus.parent / "store").sources()}
    assert sources["quiet"].claims == 0


def test_every_document_has_the_sha256_of_its_file(kg: KnowledgeGraph) -> None:
    sources = kg.sources()
    assert {s.id for s in sources} == {p.stem for p in CORPUS.glob("*.txt")}
    for source in sources:
        assert re.fullmatch(r"[0-9a-f]{64}", source.sha256), source
        data = (CORPUS / f"{source.id}.txt").read_bytes()
        assert source.sha256 == hashlib.sha256(data).hexdigest(), source.id


def test_report_counts_documents_claims_rules_and_validation(
    corpus_build: tuple[BuildReport, Path],
) -> None:
    report, store = corpus_build
    assert len(report.documents) == 5
    expected = {}
    for path in sorted((CORPUS / "reviews").glob("*.yaml")):
        expected[path.stem] = len(yaml.safe_load(path.read_text(encoding="utf-8"))["claims"])
    assert {d.id: d.claims for d in report.documents} == expected
    assert report.claims == sum(expected.values())
    assert report.silent_documents == []
    assert report.rules.total > 0
    assert report.rules.passes >= 2
    assert report.validation is not None
    assert report.validation.conforms
    assert report.quads > 0
    assert report.store == store
    assert {s.id: s.claims for s in open_graph(store).sources()} == expected


def test_new_document_changes_an_answer_without_code_change(
    corpus_copy: Path, kg: KnowledgeGraph
) -> None:
    assert kg.reportable("11111", "22222").verdict is VerdictKind.UNKNOWN
    claims: Claims = [
        ("bundled", "Code 22222 is included in code 11111.", [["11111", "includes", "22222"]])
    ]
    text, review = review_files("005_new_source", claims)
    (corpus_copy / "005_new_source.txt").write_text(text, encoding="utf-8")
    (corpus_copy / "reviews" / "005_new_source.yaml").write_text(review, encoding="utf-8")
    with (corpus_copy / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("005_new_source,A new source,coding_reference,\n")
    store = corpus_copy.parent / "store"
    report = build(corpus_copy, store)
    assert len(report.documents) == 6
    verdict = open_graph(store).reportable("11111", "22222")
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert [(e.source, e.claim, e.quote, e.kind) for e in verdict.evidence] == [
        ("005_new_source", "bundled", claims[0][1], "coding_reference")
    ]
    assert (verdict.evidence[0].start, verdict.evidence[0].end) == (0, len(claims[0][1]))


def _canonical_nquads(store: Store) -> list[str]:
    dataset = Dataset(store)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    text = serialize(dataset, format=RdfFormat.N_QUADS)
    assert text is not None
    return sorted(line for line in text.decode("utf-8").splitlines() if line)


def test_building_the_same_corpus_twice_gives_the_same_quads(
    built_store: Path, corpus_build: tuple[BuildReport, Path]
) -> None:
    _, second = corpus_build
    first_build, second_build = current_build(built_store), current_build(second)
    assert first_build is not None and second_build is not None
    assert first_build != second_build
    first = _canonical_nquads(Store.read_only(str(first_build)))
    again = _canonical_nquads(Store.read_only(str(second_build)))
    assert len(first) > 1000
    assert first == again
    derivations = [q for q in first if "/id/derivation/" in q]
    assert derivations, "derived facts are in the comparison"
