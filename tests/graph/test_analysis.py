"""Graph questions on the bundled corpus and on small corpora: the chain of facts linking two
codes, the most contested codes, codes resting on one weak document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bundlekg import InputError, KnowledgeGraph, UnknownCodeError, build, open_graph
from bundlekg.analysis import LOW_AUTHORITY, explain_path, most_contested, weakly_sourced
from tests.conftest import review_files


def test_the_chain_from_a_lumbar_puncture_to_fluoroscopy(kg: KnowledgeGraph) -> None:
    found = explain_path(kg, "62270", "77003")
    assert found.nodes == ("62270", "62328", "77003")
    first, second = found.steps
    assert (first.source, first.kind, first.target, first.forward) == (
        "62328",
        "guided_variant_of",
        "62270",
        False,
    )
    assert [s.id for s in first.sources] == ["004_a5a818537efe86aa"]
    assert first.sources[0].kind == "qa_forum" and first.sources[0].authority == 2
    assert (second.source, second.kind, second.target, second.forward) == (
        "62328",
        "includes",
        "77003",
        True,
    )
    assert second.derived and "70_guidance_included" in second.rules
    body = found.as_dict()
    assert body["found"] is True and body["steps"][1]["sources"]


def test_a_direct_link_is_one_step_and_says_it_is_contested(kg: KnowledgeGraph) -> None:
    (step,) = explain_path(kg, "62323", "77003").steps
    assert (step.source, step.kind, step.target) == ("62323", "includes", "77003")
    assert step.contested and not step.derived
    assert "003_37225522b298a619" in {s.id for s in step.sources}


def test_the_chain_is_the_same_either_way_round(kg: KnowledgeGraph) -> None:
    there = explain_path(kg, "62270", "77003")
    back = explain_path(kg, "77003", "62270")
    assert back.nodes == tuple(reversed(there.nodes))


def test_bad_pairs(kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError) as same:
        explain_path(kg, "62323", "62323")
    assert same.value.field == "to"
    with pytest.raises(InputError) as malformed:
        explain_path(kg, "6232", "77003")
    assert malformed.value.field == "from"
    with pytest.raises(UnknownCodeError):
        explain_path(kg, "62323", "99999")


def test_codes_nothing_links_have_no_chain(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    first, first_review = review_files(
        "first", [("one", "62323 includes 77003.", [["62323", "includes", "77003"]])]
    )
    second, second_review = review_files(
        "second", [("two", "99213 is an office visit.", [["99213", "descriptor", "Office visit"]])]
    )
    corpus = make_corpus(
        {"first": first, "second": second}, reviews={"first": first_review, "second": second_review}
    )
    build(corpus, tmp_path / "store")
    found = explain_path(open_graph(tmp_path / "store"), "62323", "99213")
    assert (found.nodes, found.steps) == ((), ())
    assert found.as_dict()["found"] is False


def test_62323_is_the_most_contested(kg: KnowledgeGraph) -> None:
    ranked = most_contested(kg, 3)
    assert [c.code for c in ranked][0] == "62323"
    assert len(ranked) == 3
    top = ranked[0]
    assert top.contested == len(top.links) >= 5
    assert "62323 includes 77003" in top.links
    assert {"000_438acad2e7e8b7ba", "003_37225522b298a619"} <= set(top.documents)
    assert [c.contested for c in ranked] == sorted((c.contested for c in ranked), reverse=True)
    with pytest.raises(InputError):
        most_contested(kg, 0)


def test_codes_only_a_forum_or_article_speaks_of(kg: KnowledgeGraph) -> None:
    weak = {w.code: w for w in weakly_sourced(kg)}
    assert weak["62328"].source.id == "004_a5a818537efe86aa"
    assert weak["62328"].source.kind == "qa_forum"
    assert "62323" not in weak and "77003" not in weak  # several sources speak of them
    assert all(w.source.authority <= LOW_AUTHORITY for w in weak.values())
    assert weakly_sourced(kg, 1) == []
    assert set(weak) <= {w.code for w in weakly_sourced(kg, 3)}
    with pytest.raises(InputError):
        weakly_sourced(kg, -1)


def test_weak_means_low_authority_as_the_graph_ranks_it(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    reference, reference_review = review_files(
        "reference", [("a", "62323 includes 77003.", [["62323", "includes", "77003"]])]
    )
    unknown, unknown_review = review_files(
        "unlisted", [("b", "62270 includes 76000.", [["62270", "includes", "76000"]])]
    )
    corpus = make_corpus(
        {"reference": reference, "unlisted": unknown},
        reviews={"reference": reference_review, "unlisted": unknown_review},
        manifest="id,title,kind,url\nreference,A coding reference,coding_reference,\n",
    )
    build(corpus, tmp_path / "store")
    weak = weakly_sourced(open_graph(tmp_path / "store"))
    assert {w.code for w in weak} == {"62270", "76000"}
    assert {w.source.kind for w in weak} == {"unknown"}
    assert {w.source.authority for w in weak} == {1}
