"""The rule grammar on sentences written the way coding rules are written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bundlekg.claims import Stance, Statement, Triple, check_quote
from bundlekg.documents import Document, SourceKind, load_corpus
from bundlekg.extract import Candidate, extract
from tests.conftest import CORPUS

DEV = Path(__file__).resolve().parents[3] / "evaluation" / "dev"


def _doc(text: str) -> Document:
    return Document("doc", "doc", SourceKind.PAYER_POLICY, text, Path("doc.txt"))


def _facts(text: str) -> set[tuple[str, ...]]:
    facts: set[tuple[str, ...]] = set()
    for candidate in extract(_doc(text)):
        for a in candidate.assertions:
            if isinstance(a, Triple):
                facts.add((a.subject, a.property, a.object))
            else:
                facts.add((a.kind, *(f"{k}={'/'.join(v)}" for k, v in a.parts)))
    return facts


def _pairs(text: str) -> set[tuple[str, ...]]:
    pair = {"includes", "integralTo", "separatelyReportableWith", "addOnTo"}
    return {f for f in _facts(text) if len(f) == 3 and f[1] in pair}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("77003 is included in 62323.", {("62323", "includes", "77003")}),
        ("CPT 62323 includes 77003.", {("62323", "includes", "77003")}),
        ("76000 is integral to 62270.", {("76000", "integralTo", "62270")}),
        ("77012 is bundled into 64483.", {("64483", "includes", "77012")}),
        ("76942 is an inclusive component of 20611.", {("20611", "includes", "76942")}),
        ("77003 should NOT be reported separately with 62323.", {("62323", "includes", "77003")}),
        ("77003 shall not be reported with 62323.", {("62323", "includes", "77003")}),
        (
            "Do not report 62320-62323 in conjunction with 77003, 77012.",
            {
                ("62320-62323", "includes", "77003"),
                ("62320-62323", "includes", "77012"),
            },
        ),
        ("Do not report 77001 with 36572.", {("36572", "includes", "77001")}),
        (
            "77002 may be reported separately with 20610.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
        (
            "77002 is reported in addition to 20610.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
        ("77003 is not included in 64999.", {("77003", "separatelyReportableWith", "64999")}),
        (
            "64491 and 64492 are add-ons to 64490.",
            {
                ("64491", "addOnTo", "64490"),
                ("64492", "addOnTo", "64490"),
            },
        ),
        ("Use 64480 in conjunction with 64479.", {("64480", "addOnTo", "64479")}),
        ("Do not bill 64491 without 64490.", {("64491", "addOnTo", "64490")}),
        ("CPT 62323 and 77003 are mutually exclusive.", {("62323", "includes", "77003")}),
        (
            "77003 is not separately payable when billed with 62323.",
            {("62323", "includes", "77003")},
        ),
        (
            "The physician may not bill 76000 in addition to 62323.",
            {("62323", "includes", "76000")},
        ),
        (
            "CPT 20552 may be reported with 76942 when ultrasound guidance is documented.",
            {("76942", "separatelyReportableWith", "20552")},
        ),
        (
            "CPT 27096 includes imaging guidance; do not report 77003 or 77012 with 27096.",
            {
                ("27096", "includes", "77003"),
                ("27096", "includes", "77012"),
            },
        ),
        (
            "NCCI pairs 64493 with 64483, and the edit allows a modifier.",
            {("64483", "includes", "64493")},
        ),
        (
            "Q: Can I bill 77003 with 62323? A: No. The guidance is included.",
            {("62323", "includes", "77003")},
        ),
        (
            "Q: Can 77002 be billed with 20610? A: Yes, when fluoroscopy is used.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
    ],
)
def test_pair_statements(text: str, expected: set[tuple[str, ...]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "77003 should NOT be reported separately with 62323.",
        "Do not report 62328 in conjunction with 77003.",
        "You cannot bill 77003 with 62323.",
    ],
)
def test_negated_statements_carry_the_negating_stance(text: str) -> None:
    (candidate,) = [c for c in extract(_doc(text)) if c.rule.startswith("pair")]
    assert candidate.stance is Stance.NEGATES


def test_a_statement_carried_over_a_sentence_boundary() -> None:
    text = (
        "CPT code 62323 specifically includes the use of imaging guidance (fluoroscopy or CT). "
        "Therefore, imaging guidance codes (e.g., 77003) should NOT be reported separately."
    )
    carried = [c for c in extract(_doc(text)) if c.rule == "pair.carried"]
    (candidate,) = carried
    assert candidate.start == 0 and candidate.end == len(text)
    assert Triple("62323", "includes", "77003") in candidate.assertions
    assert candidate.stance is Stance.NEGATES


def test_conditional_use_names_the_guidance_and_the_procedure() -> None:
    text = (
        "If fluoroscopy or any other imaging guidance is utilized during an injection procedure "
        "corresponding to CPT code 62323, it must be reported separately."
    )
    assert _pairs(text) == {
        ("fluoroscopic-guidance", "separatelyReportableWith", "62323"),
        ("imaging-guidance", "separatelyReportableWith", "62323"),
    }


def test_a_question_answered_yes_is_a_statement_and_exceptions_are_left_out() -> None:
    text = (
        "Q. Is CPT code 76000, other than 71023 or 71034, inherent in CPT code 50590? "
        "A. Yes, fluoroscopy has been bundled into ESWL."
    )
    assert _pairs(text) == {("50590", "includes", "76000")}
    assert _pairs("Is 76000 inherent in 50590? We do not know.") == set()


def test_add_on_code_named_with_its_primary() -> None:
    text = "77002 is an add-on code; meaning it's added to the primary procedure--62370."
    assert ("77002", "addOnTo", "62370") in _facts(text)
    assert ("77002", "addOn", "true") in _facts(text)


def test_respectively_pairs_lists_in_order() -> None:
    text = "The add-on codes 64634 and 64636 are reported with 64633 and 64635 respectively."
    assert {f for f in _pairs(text) if f[1] == "addOnTo"} == {
        ("64634", "addOnTo", "64633"),
        ("64636", "addOnTo", "64635"),
    }


def test_replacements_with_their_conditions() -> None:
    assert (
        "replacement",
        "code=62323",
        "insteadOf=62322",
        "whenGuidance=fluoroscopy/ct",
    ) in _facts("If fluoroscopy or CT guidance is used, report 62323 instead of 62322.")
    text = (
        "Report 62323 for the lumbar spine. "
        "If the injection is in the thoracic or cervical area, CPT 62321 should be used instead."
    )
    assert (
        "replacement",
        "code=62321",
        "insteadOf=62323",
        "whenRegion=thoracic/cervical",
    ) in _facts(text)


def test_modifiers_tied_to_codes_and_pairs() -> None:
    text = "With 20610 at a separate anatomic site, append modifier XS to 20552, 20553."
    found = {f for f in _facts(text) if f[0] == "modifier"}
    assert found == {
        ("modifier", "modifier=XS", "code=20552", "pairedWith=20610"),
        ("modifier", "modifier=XS", "code=20553", "pairedWith=20610"),
    }
    assert ("modifier", "modifier=50", "code=64490") in _facts(
        "For bilateral 64490, append modifier 50."
    )


def test_a_negated_modifier_states_nothing() -> None:
    assert not [
        c
        for c in extract(_doc("Modifier 50 should not be appended to 64479."))
        if c.rule == "modifier"
    ]


def test_guidance_not_included_is_an_attribute_not_a_pair() -> None:
    text = "CPT 62320 does not include imaging guidance."
    assert _pairs(text) == set()
    assert ("62320", "excludesGuidance", "imaging") in _facts(text)


def test_replacements_one_for_one() -> None:
    text = (
        "CPT 62320 and 62322 do not include guidance; "
        "if fluoroscopy is used, report 62321 or 62323 instead."
    )
    found = {f for f in _facts(text) if f[0] == "replacement"}
    assert found == {
        ("replacement", "code=62321", "insteadOf=62320", "whenGuidance=fluoroscopy"),
        ("replacement", "code=62323", "insteadOf=62322", "whenGuidance=fluoroscopy"),
    }


def test_a_modifier_condition_is_not_an_unconditional_pair() -> None:
    assert _pairs("Code 55555 may be reported with 11111 with modifier 59.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Report 62323 once per patient encounter.", ("62323", "1", "encounter", None)),
        ("This code is billed once per session.", None),
        (
            "CPT code 62323 can be billed at one level per session.",
            ("62323", "1", "session", "level"),
        ),
        (
            "CPT 62323: no more than 4 injection sessions in a 12-month rolling period.",
            ("62323", "4", "12-month-rolling", "session"),
        ),
    ],
)
def test_frequency(text: str, expected: tuple[str, str, str, str | None] | None) -> None:
    statements = [
        a
        for c in extract(_doc(text))
        for a in c.assertions
        if isinstance(a, Statement) and a.kind == "frequency"
    ]
    if expected is None:
        assert statements == []  # no code to attach it to
        return
    (statement,) = statements
    code, maximum, per, unit = expected
    assert statement.get("code") == (code,)
    assert statement.get("max") == (maximum,)
    assert statement.get("per") == (per,)
    assert statement.get("unit") == ((unit,) if unit else ())


def test_descriptor_attributes() -> None:
    facts = _facts(
        "62323 Injection(s), lumbar or sacral (caudal), with imaging guidance "
        "(ie, fluoroscopy or CT); interlaminar, with catheter placement"
    )
    assert {
        ("62323", "region", "lumbar"),
        ("62323", "region", "sacral"),
        ("62323", "approach", "interlaminar"),
        ("62323", "includesGuidance", "fluoroscopy"),
        ("62323", "includesGuidance", "ct"),
        ("62323", "catheter", "true"),
    } <= facts
    assert ("62322", "excludesGuidance", "imaging") in _facts(
        "CPT code 62322 is performed without imaging guidance."
    )


def test_no_claims_from_prose_without_rules() -> None:
    assert extract(_doc("Back pain is common. 628.8 million people suffer from it.")) == []


def _all_candidates() -> list[tuple[Document, Candidate]]:
    documents = load_corpus(CORPUS) + load_corpus(DEV)
    return [(d, c) for d in documents for c in extract(d)]


def test_every_candidate_quote_stands_at_its_offsets() -> None:
    found = _all_candidates()
    assert found
    for document, candidate in found:
        check_quote(candidate.claim(), document)
        assert 0 < candidate.confidence < 1
        assert candidate.claim().extracted_by == f"extract:{candidate.rule}"


def test_candidate_ids_are_deterministic() -> None:
    first = [(d.id, c.id) for d, c in _all_candidates()]
    assert first == [(d.id, c.id) for d, c in _all_candidates()]
    # an id names a candidate within its document
    assert len(first) == len(set(first))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Imaging guidance performed with 20611 is included in that code.",
            {("20611", "includesGuidance", "imaging")},
        ),
        (
            "CPT codes 64490-64495 include imaging guidance (fluoroscopy or CT).",
            {
                ("64490-64495", "includesGuidance", "fluoroscopy"),
                ("64490-64495", "includesGuidance", "ct"),
            },
        ),
    ],
)
def test_guidance_that_is_part_of_a_code_is_an_attribute(
    text: str, expected: set[tuple[str, ...]]
) -> None:
    facts = _facts(text)
    assert {f for f in facts if f[1] == "includesGuidance"} == expected
    assert not _pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "64494 is reported with 64493 for the second lumbar or sacral level.",
            {("64494", "addOnTo", "64493")},
        ),
        (
            "Report 22515 in addition to 22513 or 22514 for each additional vertebral body.",
            {("22515", "addOnTo", "22513"), ("22515", "addOnTo", "22514")},
        ),
        (
            "Add-on code 64494 is reported in addition to 64493 for the second level, and 64495 "
            "is reported for the third and any additional level.",
            {("64494", "addOnTo", "64493"), ("64495", "addOnTo", "64493")},
        ),
        (
            "77002 is reported in addition to 20610.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
    ],
)
def test_a_code_for_each_additional_unit_is_an_add_on(
    text: str, expected: set[tuple[str, ...]]
) -> None:
    assert _pairs(text) == expected


def test_an_add_on_line_of_a_code_list_adds_to_the_code_above() -> None:
    text = (
        "64490 Injection(s), paravertebral facet joint, cervical or thoracic; single level\n"
        "64491 second level (List separately in addition to code for primary procedure)\n"
        "64493 Injection(s), paravertebral facet joint, lumbar or sacral; single level\n"
        "+64494   second level\n"
        "+64495   third and any additional level(s)\n"
        "+77003 Fluoroscopic guidance, spine or paraspinous injection\n"
    )
    assert _pairs(text) == {
        ("64491", "addOnTo", "64490"),
        ("64494", "addOnTo", "64493"),
        ("64495", "addOnTo", "64493"),
    }


def test_do_not_report_b_with_a_keeps_b_out() -> None:
    text = "Do not report 72275 with 62321 or 62323 for that purpose."
    assert _pairs(text) == {("62321", "includes", "72275"), ("62323", "includes", "72275")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "When imaging guidance is used, report 62321 or 62323 instead of 62320 or 62322; do "
            "not add 77003.",
            {
                ("replacement", "code=62321", "insteadOf=62320", "whenGuidance=imaging"),
                ("replacement", "code=62323", "insteadOf=62322", "whenGuidance=imaging"),
                ("62321", "includes", "77003"),
                ("62323", "includes", "77003"),
            },
        ),
        (
            "If imaging guidance is not performed, report 20552 instead of 27096.",
            {("replacement", "code=20552", "insteadOf=27096")},
        ),
        (
            "If your doc ever does one without fluoro that's 62322, but once fluoro or CT is used "
            "you report 62323 instead.",
            {("replacement", "code=62323", "insteadOf=62322", "whenGuidance=fluoroscopy/ct")},
        ),
        (
            "Facet joint injections performed under ultrasound guidance shall not be reported "
            "with 64490-64495.",
            {("replacement", "insteadOf=64490-64495", "whenGuidance=ultrasound")},
        ),
    ],
)
def test_replacements_pair_lists_and_read_conditions_as_written(
    text: str, expected: set[tuple[str, ...]]
) -> None:
    assert _facts(text) == expected


def test_a_modifier_for_distinct_services_pairs_with_the_other_code() -> None:
    text = (
        "When a sacroiliac joint injection (27096) and a lumbar facet injection (64493) are "
        "performed on separate structures, append modifier XS to 27096."
    )
    assert ("modifier", "modifier=XS", "code=27096", "pairedWith=64493") in _facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ultrasound guidance for vascular access is reported with 76937, not 76942.",
            {("replacement", "code=76937", "insteadOf=76942")},
        ),
        (
            "Use 20611, not 20610, when ultrasound is used.",
            {("replacement", "code=20611", "insteadOf=20610", "whenGuidance=ultrasound")},
        ),
        ("Report 62323 and 77003, not 62322.", set()),
        (
            "If a catheter is placed, use 62324 or 62326 instead of 62322.",
            {
                ("replacement", "code=62324", "insteadOf=62322", "whenCatheter=true"),
                ("replacement", "code=62326", "insteadOf=62322", "whenCatheter=true"),
            },
        ),
    ],
)
def test_the_code_to_use_and_the_one_it_replaces(text: str, expected: set[tuple[str, ...]]) -> None:
    assert {f for f in _facts(text) if f[0] == "replacement"} == expected


def test_extraction_is_the_same_whatever_the_hash_seed() -> None:
    """Ties between codes alike are broken in the order the text names them, not by a set's
    order, which Python's hash seed changes from one run to the next."""
    script = (
        "from bundlekg.extract.lexicon import load_lexicon\n"
        "from bundlekg.extract.rules import read_sentences\n"
        "from bundlekg.extract.sentences import split_sentences\n"
        "text = 'Codes 62321 and 62323 include imaging guidance (fluoroscopy or CT), as do the "
        "catheter codes 62325 and 62327.'\n"
        "print([r.assertions for r in read_sentences(text, split_sentences(text), "
        "load_lexicon())])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert len(runs) == 1
