"""The review overlay: candidates and review files joined into the claims of the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg.claims import Stance, Triple
from bundlekg.documents import Document, SourceKind
from bundlekg.errors import InputError
from bundlekg.extract import extract
from bundlekg.extract.overlay import overlay
from bundlekg.reviews import read_review

TEXT = "77003 is not reported separately with 62323. 77012 is included in 64483."


def _document() -> Document:
    return Document("doc", "doc", SourceKind.PAYER_POLICY, TEXT, Path("doc.txt"))


def _review(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "doc.yaml"
    path.write_text("document: doc\n" + body, encoding="utf-8")
    return path


def _ids() -> list[str]:
    return [c.id for c in extract(_document())]


def test_without_a_review_every_candidate_counts() -> None:
    joined = overlay(extract(_document()), None)
    assert [c.id for c in joined.claims] == _ids()
    assert joined.extracted == 2 and joined.reviewed == 0
    assert all(c.extracted_by.startswith("extract:pair.") for c in joined.claims)


def test_reviewed_flag_keeps_only_curated_and_decided(tmp_path: Path) -> None:
    first, second = _ids()
    path = _review(
        tmp_path,
        f"extraction: reviewed\ndecisions:\n  - {{candidate: {first}, decision: accept}}\n",
    )
    joined = overlay(extract(_document()), read_review(path))
    assert [c.id for c in joined.claims] == [first]
    assert joined.claims[0].extracted_by.endswith("+accepted")
    path = _review(tmp_path, "extraction: reviewed\nclaims: []\n")
    assert overlay(extract(_document()), read_review(path)).claims == []


def test_unlisted_candidates_count_without_the_flag(tmp_path: Path) -> None:
    first, second = _ids()
    path = _review(tmp_path, f"decisions:\n  - {{candidate: {first}, decision: reject}}\n")
    joined = overlay(extract(_document()), read_review(path))
    assert [c.id for c in joined.claims] == [second]


def test_a_correction_keeps_quote_and_offsets(tmp_path: Path) -> None:
    first, _ = _ids()
    path = _review(
        tmp_path,
        f"decisions:\n  - candidate: {first}\n    decision: correct\n"
        "    stance: affirms\n    asserts:\n      - [62323, includes, 77012]\n",
    )
    joined = overlay(extract(_document()), read_review(path))
    corrected = next(c for c in joined.claims if c.id == first)
    assert corrected.quote == "77003 is not reported separately with 62323."
    assert (corrected.start, corrected.end) == (0, 44)
    assert corrected.assertions == (Triple("62323", "includes", "77012", 7),)
    assert corrected.stance is Stance.AFFIRMS
    assert corrected.extracted_by.endswith("+corrected")


def test_a_curated_claim_over_the_same_quote_supersedes_the_candidate(tmp_path: Path) -> None:
    path = _review(
        tmp_path,
        'claims:\n  - id: curated\n    quote: "77003 is not reported separately with 62323."\n'
        "    start: 0\n    end: 44\n    stance: negates\n    asserts:\n"
        "      - [62323, includes, 77003]\n",
    )
    joined = overlay(extract(_document()), read_review(path))
    assert [c.id for c in joined.claims][0] == "curated"
    assert len(joined.claims) == 2
    assert joined.reviewed == 1 and joined.extracted == 1


def test_a_decision_on_an_unknown_candidate_names_file_and_line(tmp_path: Path) -> None:
    path = _review(tmp_path, "decisions:\n  - {candidate: x-nothing-0-1, decision: accept}\n")
    with pytest.raises(InputError) as caught:
        overlay(extract(_document()), read_review(path))
    assert "doc.yaml:3" in str(caught.value)
    assert "bundlekg review" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("extraction: done\nclaims: []\n", "extraction must be 'reviewed'"),
        ("decisions:\n  - {candidate: a, decision: maybe}\n", "accept, reject or correct"),
        ("decisions:\n  - {candidate: a, decision: correct}\n", "needs 'asserts' or 'stance'"),
        (
            "decisions:\n  - {candidate: a, decision: accept, stance: negates}\n",
            "only a correction",
        ),
        (
            "decisions:\n  - {candidate: a, decision: accept}\n"
            "  - {candidate: a, decision: reject}\n",
            "decided twice",
        ),
        ("claims: []\nextras: 1\n", r"unknown key\(s\) extras"),
    ],
)
def test_bad_review_files_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_review(_review(tmp_path, body))
