"""Code search on the bundled corpus (by code prefix and by descriptor words), and on a graph
that also holds SYNTHETIC CMS tables (codes no article mentions)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bundlekg import InputError, KnowledgeGraph, build, open_graph
from bundlekg.search import code_entries, search_codes
from tests.conftest import CORPUS
from tests.graph.test_reference import PRACTITIONER_ROWS, write_reference


def test_a_code_prefix_finds_the_codes_that_start_with_it(kg: KnowledgeGraph) -> None:
    found = search_codes(kg, "623")
    codes = [m.code for m in found]
    assert {"62321", "62323", "62328", "62329"} <= set(codes)
    assert all(code.startswith("623") for code in codes)
    assert codes == sorted(codes)
    assert {m.match for m in found} == {"code"}


def test_an_exact_code_comes_first(kg: KnowledgeGraph) -> None:
    found = search_codes(kg, " 62323 ")
    assert found[0].code == "62323"
    assert found[0].system == "CPT"
    assert found[0].sources >= 3


def test_icd10_prefixes_are_matched_case_insensitively(kg: KnowledgeGraph) -> None:
    found = search_codes(kg, "m54.1")
    assert [m.code for m in found] == ["M54.16", "M54.17"]
    assert {m.system for m in found} == {"ICD10CM"}


def test_words_find_codes_whose_descriptors_hold_all_of_them(kg: KnowledgeGraph) -> None:
    found = search_codes(kg, "fluoroscopic guidance")
    codes = {m.code for m in found}
    assert {"77001", "77002", "77003"} <= codes
    assert {m.match for m in found} == {"descriptor"}
    entries = code_entries(kg)
    for match in found:
        assert {"fluoroscopic", "guidance"} <= entries[match.code].words


def test_a_word_may_be_cut_short(kg: KnowledgeGraph) -> None:
    codes = {m.code for m in search_codes(kg, "fluoro")}
    # 76000 is "Fluoroscopy (separate procedure)", 77003 "Fluoroscopic guidance ..."
    assert {"76000", "77003"} <= codes
    assert "77003" not in {m.code for m in search_codes(kg, "fluoroscopy guidance")}


def test_the_descriptor_shown_is_the_strongest_sources(kg: KnowledgeGraph) -> None:
    (match,) = [m for m in search_codes(kg, "62323") if m.code == "62323"]
    # 003 (coding reference) gives the CPT descriptor; 000 (vendor article) a paraphrase.
    assert match.descriptor is not None
    assert match.descriptor.startswith("Injection(s), of diagnostic or therapeutic substance(s)")


def test_sources_count_the_documents_whose_claims_mention_the_code(kg: KnowledgeGraph) -> None:
    expected = {
        summary.id
        for summary in kg.sources()
        for claim in kg.source(summary.id).claims
        if any("62323" in (subject, value) for subject, _, value in claim.asserts)
    }
    (match,) = [m for m in search_codes(kg, "62323") if m.code == "62323"]
    assert match.sources == len(expected) > 0


def test_limit_cuts_the_results(kg: KnowledgeGraph) -> None:
    assert len(search_codes(kg, "6", limit=2)) == 2
    assert len(search_codes(kg, "6", limit=100)) > 2


def test_nothing_found_is_an_empty_list(kg: KnowledgeGraph) -> None:
    assert search_codes(kg, "zzzz nothing") == []
    assert search_codes(kg, "!!!") == []


@pytest.mark.parametrize(("query", "limit", "field"), [("  ", 20, "q"), ("623", 0, "limit")])
def test_bad_input_names_the_field(kg: KnowledgeGraph, query: str, limit: int, field: str) -> None:
    with pytest.raises(InputError) as raised:
        search_codes(kg, query, limit=limit)
    assert raised.value.field == field


def test_codes_only_cms_tables_mention_are_found(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    write_reference(tmp_path / "reference", PRACTITIONER_ROWS)
    build(corpus, tmp_path / "store")
    with_edits = open_graph(tmp_path / "store")
    found = search_codes(with_edits, "1111")
    assert [(m.code, m.sources, m.descriptor) for m in found] == [("11111", 0, None)]
    # Articles still count for codes both mention.
    (match,) = [m for m in search_codes(with_edits, "62323") if m.code == "62323"]
    assert match.sources >= 3
