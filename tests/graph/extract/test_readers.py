"""Text readers: HTML main text and PDF text layers, read by real libraries from real files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fpdf import FPDF

from bundlekg.documents import load_corpus
from bundlekg.errors import InputError
from bundlekg.extract.readers import TextFormat, html_text, read_document

PAGE = """<!DOCTYPE html>
<html><head><title>Policy</title>
<script>var tracking = "Do not report 11111 with 22222.";</script>
<style>p { color: red }</style></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li>Call 1-888-555-0142</li></ul></nav></header>
<main><article>
<h1>Guidance bundling</h1>
<p>Code 62323 <strong>includes</strong> imaging guidance, so <a href="/77003">77003</a>
   is not reported separately with 62323.</p>
<ul><li>Report 62323 once per session.</li></ul>
</article>
<aside><p>Popular posts about 99999.</p></aside></main>
<footer><p>CPT is a trademark of the AMA.</p></footer>
</body></html>
"""


def test_html_keeps_the_main_text_in_whole_sentences() -> None:
    text = html_text(PAGE)
    assert text.splitlines() == [
        "Guidance bundling",
        "Code 62323 includes imaging guidance, so 77003 is not reported separately with 62323.",
        "Report 62323 once per session.",
    ]


@pytest.mark.parametrize("dropped", ["tracking", "Home", "1-888", "Popular posts", "trademark"])
def test_html_drops_scripts_navigation_sidebars_and_footers(dropped: str) -> None:
    assert dropped not in html_text(PAGE)


def test_html_table_row_is_one_line_of_its_cells() -> None:
    page = (
        "<main><table><thead><tr><th>Column 1</th><th>Column 2</th><th>Bill both?</th></tr>"
        "</thead><tbody><tr><td>62323</td><td><p>77003</p></td><td><em>No</em></td></tr>"
        "<tr><td> </td><td></td></tr></tbody></table><p>Rows end here.</p></main>"
    )
    assert html_text(page).splitlines() == [
        "Column 1 | Column 2 | Bill both?",
        "62323 | 77003 | No",
        "Rows end here.",
    ]


def _pdf(path: Path, lines: list[str]) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    _pdf(path, ["Payer policy 7", "Do not report 62320-62323 in conjunction with 77003."])
    extracted = read_document(path)
    assert extracted.format is TextFormat.PDF
    assert "Do not report 62320-62323 in conjunction with 77003." in extracted.text
    assert extracted.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_broken_pdf_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "broken.pdf" in str(caught.value)


def test_unknown_suffix_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match="unknown document type"):
        read_document(path)


def test_corpus_reads_html_and_pdf_beside_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain text.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    _pdf(tmp_path / "c.pdf", ["A PDF policy."])
    documents = {d.id: d for d in load_corpus(tmp_path)}
    assert sorted(documents) == ["a", "b", "c"]
    html = documents["b"]
    assert html.text == html_text(PAGE)
    assert html.sha256 == hashlib.sha256(html.text.encode("utf-8")).hexdigest()
    assert html.file_sha256 == hashlib.sha256((tmp_path / "b.html").read_bytes()).hexdigest()
    assert html.sha256 != html.file_sha256
    assert "A PDF policy." in documents["c"].text


def test_two_files_for_one_document_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError, match="two files"):
        load_corpus(tmp_path)


def test_html_keeps_a_callout_in_the_article_and_a_blocks_own_text() -> None:
    page = (
        "<body><aside class='sidebar'><h3>Popular posts</h3><p>Read more</p></aside><main>"
        "<p>Code 62321 includes imaging guidance.</p>"
        "<aside class='coding-tip'><h4>Coding tip</h4><p>Do not report 77003 with 62321.</p>"
        "</aside><aside><h3>Related courses</h3><p>Enroll today.</p></aside>"
        "<ol><li>Is 77003 reported with 62321?<details><summary>Answer</summary>"
        "<p>No.</p></details></li></ol></main></body>"
    )
    assert html_text(page).splitlines() == [
        "Code 62321 includes imaging guidance.",
        "Coding tip",
        "Do not report 77003 with 62321.",
        "Is 77003 reported with 62321?",
        "Answer",
        "No.",
    ]


def test_html_with_several_articles_keeps_them_all() -> None:
    text = html_text(
        "<html><body><nav>Home</nav><main>"
        "<article><p>Coders ask about 77003.</p></article>"
        "<article><p>Reply: 77003 is included in 62323.</p></article>"
        "</main><footer>Call 555-0100</footer></body></html>"
    )
    assert text.splitlines() == ["Coders ask about 77003.", "Reply: 77003 is included in 62323."]
