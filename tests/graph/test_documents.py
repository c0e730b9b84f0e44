"""Reading a corpus directory: manifest, document texts, digests (bundlekg.documents)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from bundlekg import InputError
from bundlekg.documents import Document, SourceKind, load_corpus

MakeCorpus = Callable[..., Path]

HEADER = "id,title,kind,url\n"


def _by_id(documents: list[Document]) -> dict[str, Document]:
    return {d.id: d for d in documents}


def test_manifest_gives_title_kind_and_url(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(
        {"a": "Text of A.", "b": "Text of B.", "c": "Text of C."},
        manifest=HEADER
        + "a,Rules of A,regulator,https://example.org/a\n"
        + "b,Forum B,qa_forum,\n"
        + "c,Reference C,coding_reference,\n",
    )
    documents = load_corpus(corpus)
    assert [d.id for d in documents] == ["a", "b", "c"]
    by_id = _by_id(documents)
    assert by_id["a"].kind is SourceKind.REGULATOR
    assert by_id["a"].title == "Rules of A"
    assert by_id["a"].url == "https://example.org/a"
    assert by_id["b"].kind is SourceKind.QA_FORUM
    assert by_id["b"].url is None
    assert by_id["c"].kind is SourceKind.CODING_REFERENCE
    assert by_id["c"].text == "Text of C."
    assert by_id["c"].path == corpus / "c.txt"


@pytest.mark.parametrize("kind", [k.value for k in SourceKind])
def test_every_source_kind_is_accepted(make_corpus: MakeCorpus, kind: str) -> None:
    corpus = make_corpus({"a": "A."}, manifest=f"id,title,kind\na,Doc A,{kind}\n")
    (document,) = load_corpus(corpus)
    assert document.kind is SourceKind(kind)


def test_text_without_manifest_row_is_kind_unknown_titled_by_its_id(
    make_corpus: MakeCorpus,
) -> None:
    corpus = make_corpus(
        {"listed": "Listed.", "unlisted": "Not in the manifest."},
        manifest="id,title,kind\nlisted,Listed doc,vendor_article\n",
    )
    by_id = _by_id(load_corpus(corpus))
    assert by_id["listed"].kind is SourceKind.VENDOR_ARTICLE
    assert by_id["unlisted"].kind is SourceKind.UNKNOWN
    assert by_id["unlisted"].title == "unlisted"
    assert by_id["unlisted"].text == "Not in the manifest."


def test_corpus_without_manifest_reads_every_text_as_unknown(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus({"b": "B.", "a": "A."})
    documents = load_corpus(corpus)
    assert [(d.id, d.title, d.kind) for d in documents] == [
        ("a", "a", SourceKind.UNKNOWN),
        ("b", "b", SourceKind.UNKNOWN),
    ]


def test_manifest_row_without_its_file_names_line_and_field(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(
        {"present": "Here."},
        manifest="id,title,kind\npresent,Present,regulator\nmissing,Missing,qa_forum\n",
    )
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    error = caught.value
    assert "manifest.csv:3: id: " in str(error)
    assert "missing" in error.message and "missing.txt" in error.message
    assert error.line == 3
    assert error.field == "id"
    assert error.path is not None and error.path.name == "manifest.csv"


def test_unknown_kind_names_the_line_and_lists_allowed_kinds(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(
        {"a": "A.", "b": "B."},
        manifest="id,title,kind\na,Doc A,regulator\nb,Doc B,blog_post\n",
    )
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    message = str(caught.value)
    assert "manifest.csv:3: kind: " in message
    assert "'blog_post'" in message
    for kind in SourceKind:
        assert kind.value in message
    assert caught.value.line == 3
    assert caught.value.field == "kind"


def test_duplicate_id_fails_naming_both_lines(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus(
        {"a": "A."},
        manifest="id,title,kind\na,Doc A,regulator\na,Doc A again,qa_forum\n",
    )
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    message = str(caught.value)
    assert "manifest.csv:3: id: " in message
    assert "listed twice" in message
    assert "line 2" in message


@pytest.mark.parametrize(
    ("header", "missing"),
    [("id,title\n", "kind"), ("title,kind\n", "id"), ("id,kind,url\n", "title")],
)
def test_missing_required_column_fails_on_the_header_line(
    make_corpus: MakeCorpus, header: str, missing: str
) -> None:
    corpus = make_corpus({"a": "A."}, manifest=header)
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    message = str(caught.value)
    assert "manifest.csv:1: " in message
    assert f"missing column(s) {missing}" in message


def test_empty_title_fails(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus({"a": "A."}, manifest="id,title,kind\na,,regulator\n")
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    assert "manifest.csv:2: title: " in str(caught.value)


def test_non_utf8_file_fails_naming_file_and_byte_offset(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus({"good": "Fine.", "bad": b"abc\xff"})
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    error = caught.value
    message = str(error)
    assert "bad.txt:1: " in message
    assert "offset 3" in message
    assert "0xff" in message
    assert error.path is not None and error.path.name == "bad.txt"


def test_non_utf8_byte_on_a_later_line_names_that_line(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus({"bad": b"first line\nsecond \xfe line\n"})
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    assert "bad.txt:2: " in str(caught.value)
    assert "offset 18" in str(caught.value)


def test_non_utf8_manifest_fails_with_input_error_naming_it(make_corpus: MakeCorpus) -> None:
    corpus = make_corpus({"a": "A."})
    # A manifest saved as Latin-1 (Résumé), as spreadsheet programs often do.
    (corpus / "manifest.csv").write_bytes(b"id,title,kind\na,R\xe9sum\xe9,regulator\n")
    with pytest.raises(InputError) as caught:
        load_corpus(corpus)
    assert "manifest.csv" in str(caught.value)
    assert "utf-8" in str(caught.value).lower()


def test_missing_corpus_directory_fails(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_corpus(tmp_path / "no-such-corpus")


def test_sha256_is_the_digest_of_the_utf8_text(make_corpus: MakeCorpus) -> None:
    text = "CPT® code 62323 “with imaging guidance” – résumé.\n"
    corpus = make_corpus({"a": text})
    (document,) = load_corpus(corpus)
    assert document.text == text
    assert document.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert document.sha256 == hashlib.sha256((corpus / "a.txt").read_bytes()).hexdigest()


def test_crlf_text_is_kept_byte_for_byte(make_corpus: MakeCorpus) -> None:
    raw = "line one\r\nline two with “quotes”\r\n\rlast".encode()
    corpus = make_corpus({"crlf": raw})
    (document,) = load_corpus(corpus)
    assert document.text.encode("utf-8") == raw
    assert "\r\n" in document.text
    # Offsets count code points of the text as stored, carriage returns included.
    start = document.text.index("line two")
    assert start == 10
    assert document.text[start : start + 8] == "line two"
    assert document.sha256 == hashlib.sha256(raw).hexdigest()
