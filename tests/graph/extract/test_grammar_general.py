"""The rule grammar on the general forms of coding rules: appositions, coordinated verbs, clauses
that are conditions, lists after a colon, edit tables, denials, forum shorthand and references
to the sentence before."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg.claims import Triple
from bundlekg.documents import Document, SourceKind
from bundlekg.extract import extract

PAIR = {"includes", "integralTo", "separatelyReportableWith", "addOnTo"}


def _doc(text: str) -> Document:
    return Document("doc", "doc", SourceKind.PAYER_POLICY, text, Path("doc.txt"))


def _pairs(text: str) -> set[tuple[str, str, str]]:
    return {
        (a.subject, a.property, a.object)
        for c in extract(_doc(text))
        for a in c.assertions
        if isinstance(a, Triple) and a.property in PAIR
    }


def _statements(text: str, kind: str) -> set[tuple[tuple[str, tuple[str, ...]], ...]]:
    return {
        a.parts
        for c in extract(_doc(text))
        for a in c.assertions
        if not isinstance(a, Triple) and a.kind == kind
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a category with its code in parentheses names the code, not a second participant
        (
            "Fluoroscopic guidance (77003) shall not be billed in addition to 62323.",
            {("62323", "includes", "77003")},
        ),
        # coordinated verbs share the subject; the object of the first is not the subject
        (
            "CPT codes 62321 and 62323 include imaging guidance and should not be reported with "
            "77003.",
            {
                ("62321", "includes", "77003"),
                ("62323", "includes", "77003"),
            },
        ),
        # two coordinated clauses each with its own subject
        (
            "77003 is included in 62323 and CPT 77012 is included in 64483.",
            {("62323", "includes", "77003"), ("64483", "includes", "77012")},
        ),
        (
            "77003 is included in 62321 and 62323 and is not reported separately.",
            {("62321", "includes", "77003"), ("62323", "includes", "77003")},
        ),
        # the subject of a verb after "and" is the subject of the first verb
        (
            "Ultrasound guidance (76942) is not covered for epidural injections and should not be "
            "billed with 64479-64484.",
            {("64479-64484", "includes", "76942")},
        ),
        # a clause that states an inclusion gives the other side to the clause after it
        (
            "CPT codes 62321 and 62323 include imaging guidance; imaging guidance codes (77003, "
            "77012) must not be billed separately.",
            {
                (primary, "includes", included)
                for primary in ("62321", "62323")
                for included in ("77003", "77012")
            },
        ),
        # a denial is no statement that the codes are billed together
        (
            "Claims for 62321 or 62323 billed with 77003 on the same date of service will be "
            "denied.",
            {("62321", "includes", "77003"), ("62323", "includes", "77003")},
        ),
        # a limit of frequency pairs no codes
        ("Never report 64492 or 64495 more than once per day.", set()),
        # parenthesised descriptors inside a list of add-on codes
        (
            "For the second level, use add-on code 64491 (cervical/thoracic) or 64494 "
            "(lumbar/sacral).",
            set(),
        ),
        # the other side in the clause before
        (
            "Codes 64490 through 64495 include fluoroscopic guidance; do not report 77003 "
            "separately.",
            {("64490-64495", "includes", "77003")},
        ),
        # verbs of payment and of judgement
        ("Epidurography (72275) is not reimbursed with 62321.", {("62321", "includes", "72275")}),
        ("20553 isn't billable with 62323.", {("62323", "includes", "20553")}),
        ("77003 doesn't go with 62322 either.", {("62322", "includes", "77003")}),
        ("It is not appropriate to report 62323 with 77003.", {("62323", "includes", "77003")}),
        ("It is incorrect to bill 77003 with 62323.", {("62323", "includes", "77003")}),
        ("77003 bundles into 62323.", {("62323", "includes", "77003")}),
        # the subject listed after a colon
        (
            "The following codes should not be billed with 62323: 77003, 77012.",
            {("62323", "includes", "77003"), ("62323", "includes", "77012")},
        ),
        (
            "The injected drug is billed separately from the injection procedure: J1030 "
            "(methylprednisolone acetate, 40 mg), J3301 (triamcinolone acetonide, per 10 mg).",
            {
                ("J1030", "separatelyReportableWith", "injection-procedure"),
                ("J3301", "separatelyReportableWith", "injection-procedure"),
            },
        ),
        # forum shorthand: codes joined by "+", an imperative after a comma is its own clause
        (
            "Same logic for LPs: don't bill 62270 + 77003, use 62328.",
            {("62270", "includes", "77003")},
        ),
        # edit tables in prose
        ("NCCI has 77003 as column 2 to 62323.", {("62323", "includes", "77003")}),
        (
            "Modifiers 59 and XS do not override the edits between 62321-62327 and 77003.",
            {("62321-62327", "includes", "77003")},
        ),
        ("There are edits between 20553 and 20610.", set()),
        (
            "The NCCI edit for 62323/77003 has a modifier indicator of 0.",
            {("62323", "includes", "77003")},
        ),
        (
            "CMS bundles fluoroscopy (77003) into the epidural codes 62321 and 62323.",
            {("62321", "includes", "77003"), ("62323", "includes", "77003")},
        ),
        # the shared subject of coordinated verbs listed after the colon
        (
            "The following CPT codes include fluoroscopic guidance and should not be reported with "
            "77003: 64479, 64483.",
            {("64479", "includes", "77003"), ("64483", "includes", "77003")},
        ),
        # denials
        (
            "Codes 64479 and 64483 include imaging guidance. Claim lines for 77003 submitted with "
            "these codes will be denied as incidental.",
            {
                ("64479", "includes", "77003"),
                ("64483", "includes", "77003"),
            },
        ),
        ("Payers will deny 77003 when it is billed with 62323.", {("62323", "includes", "77003")}),
        # conditions: a use without a comma; a negated relation inside a condition is no
        # statement, and "the primary procedure" is the example the sentence names
        (
            "If fluoro is used during 62323 it has to be billed separately.",
            {("fluoroscopic-guidance", "separatelyReportableWith", "62323")},
        ),
        (
            "Where a spinal injection code does not include imaging guidance, for example 64520 "
            "(paravertebral sympathetic block), 77003 may be reported in addition to the primary "
            "procedure.",
            {("77003", "separatelyReportableWith", "64520")},
        ),
        (
            "Bundling: The CPT codes for fluoroscopic guidance (77001-77003) are generally "
            "reported separately from the primary procedure code.",
            set(),
        ),
        # "them" after a preposition: the codes named last before it, not the subject
        (
            "Codes 64483 and 64484 are transforaminal. Ultrasound guidance (76942) is bundled "
            "into 20604, 20606 and 20611 and should not be reported with them.",
            {(code, "includes", "76942") for code in ("20604", "20606", "20611")},
        ),
        (
            "64479-64484 include fluoroscopic or CT guidance, so 77003 and 77012 are never "
            "billed with them.",
            {("64479-64484", "includes", "77003"), ("64479-64484", "includes", "77012")},
        ),
        (
            "Ultrasound-guided facet joint injections are reported with Category III codes "
            "0213T-0218T; 64490-64495 shall not be reported for them.",
            set(),
        ),
        # symmetric statements: the first code named is the one the other is part of
        (
            "If fluoroscopy is used, do not report 62322 plus 77003.",
            {("62322", "includes", "77003")},
        ),
        (
            "Imaging guidance codes 77003 and 77012 are not separately reportable with "
            "64490-64495.",
            {("64490-64495", "includes", "77003"), ("64490-64495", "includes", "77012")},
        ),
        # a code's parenthesised descriptor names no participant of its own
        (
            "CPT code 77003 (Fluoroscopic guidance and localization of needle or catheter tip for "
            "spine or paraspinous diagnostic or therapeutic injection procedures) may not be "
            "reported with 62321.",
            {("62321", "includes", "77003")},
        ),
        # "respectively" pairs two lists in order
        (
            "CPT codes 64480 and 64484 are add-on codes and should be reported in conjunction with "
            "64479 or 64483, respectively.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # the other side ends at a condition
        (
            "77012 should not be reported with 62323 unless CT guidance was used for a separate "
            "procedure.",
            {("62323", "includes", "77012")},
        ),
        # a clause opened by a connective takes the other side from the clause before
        (
            "62323 already includes the fluoro, so 77003 is not billable.",
            {("62323", "includes", "77003")},
        ),
        (
            "Claims billed with 77003 and 62323 on the same date of service will be denied.",
            {("62323", "includes", "77003")},
        ),
        # a list of codes is one noun phrase in the scope of the negation before it
        (
            "Do not report CPT codes 77003, 77012, 76942 in addition to 64490-64495.",
            {
                ("64490-64495", "includes", "77003"),
                ("64490-64495", "includes", "77012"),
                ("64490-64495", "includes", "76942"),
            },
        ),
        # the other side named by a condition that opens the sentence
        (
            "When 62323 is reported, 77003 may not be reported for the same session.",
            {("62323", "includes", "77003")},
        ),
        (
            "The physician should not bill 77003 separately when performing 62323.",
            {("62323", "includes", "77003")},
        ),
        ("Billing 77003 with 62323 is considered unbundling.", {("62323", "includes", "77003")}),
        ("Fluoro (77003) is part of 62323.", {("62323", "includes", "77003")}),
        ("Our doc has always billed 62323 + 77003.", set()),
        # a question answered no
        (
            "Is 77003 separately billable with 64493? No, it is bundled.",
            {("64493", "includes", "77003")},
        ),
    ],
)
def test_general_pair_forms(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_a_list_of_codes_on_the_lines_after_a_colon() -> None:
    text = (
        "Do not report 77003 or 77012 with any of the following codes:\n"
        "62321, 62323\n"
        "- 64479-64484\n"
        "Other services are reported as usual.\n"
    )
    (candidate,) = [c for c in extract(_doc(text)) if c.rule == "pair.not_together"]
    assert candidate.end == text.index("\nOther")
    assert _pairs(text) == {
        (primary, "includes", guidance)
        for primary in ("62321", "62323", "64479-64484")
        for guidance in ("77003", "77012")
    }


def test_quotations_of_earlier_posts_and_refuted_claims_state_nothing() -> None:
    text = (
        "> 77003 may be reported with 62323.\n"
        "Myth: 77003 is always billable with 62323. Fact: 77003 is bundled into 62321.\n"
    )
    assert _pairs(text) == {("62321", "includes", "77003")}


def test_an_indirect_question_is_no_statement() -> None:
    assert _pairs("Many coders ask whether 77003 can be billed with epidural injections.") == set()


def test_a_procedure_line_with_guidance_is_no_guidance_code() -> None:
    text = (
        "62321 Njx interlaminar crv/thrc w/ imaging guidance\n"
        "Claims for 64483 billed with 62321 on the same date will be denied.\n"
    )
    assert _pairs(text) == {("62321", "includes", "64483")}


def test_a_numbered_paragraph_does_not_refer_to_the_codes_before() -> None:
    text = (
        "4.2.5 The professional component of 77003 is billed with modifier 26.\n"
        "4.2.6 An E/M service on the day of an injection is included in the procedure."
    )
    # the procedure is the injection of that day, not 77003
    assert _pairs(text) == {("injection-procedure", "includes", "evaluation-and-management")}


def test_the_code_named_in_apposition_is_what_it_refers_to() -> None:
    text = (
        "Fluoroscopic guidance for central venous access (77001) is reported in addition to "
        "36556. It is not reported with 36572, which already includes imaging guidance."
    )
    assert ("36572", "includes", "77001") in _pairs(text)
    assert ("36572", "includes", "36556") not in _pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the code used instead is named in the clause of "instead", or the reading is left out
        ("Do not report 62270 with 77003; report the guided code instead.", set()),
        # the alternative named earlier in the same sentence
        (
            "If the doctor does one without fluoro that's 62322, but once fluoro is used you "
            "report 62323 instead.",
            {
                (
                    ("code", ("62323",)),
                    ("insteadOf", ("62322",)),
                    ("whenGuidance", ("fluoroscopy",)),
                )
            },
        ),
        # the codes a clause reports replace those the next clause forbids, one for one
        (
            "Ultrasound-guided facet joint injections are reported with 0213T-0214T; 64490-64491 "
            "shall not be reported for them.",
            {
                (
                    ("code", ("0213T",)),
                    ("insteadOf", ("64490",)),
                    ("whenGuidance", ("ultrasound",)),
                ),
                (
                    ("code", ("0214T",)),
                    ("insteadOf", ("64491",)),
                    ("whenGuidance", ("ultrasound",)),
                ),
            },
        ),
        (
            "Use 62323 instead of 62322 when imaging guidance is used.",
            {(("code", ("62323",)), ("insteadOf", ("62322",)), ("whenGuidance", ("imaging",)))},
        ),
        (
            "Report 20611 rather than 20610 when ultrasound guidance is used.",
            {(("code", ("20611",)), ("insteadOf", ("20610",)), ("whenGuidance", ("ultrasound",)))},
        ),
    ],
)
def test_replacements(text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]) -> None:
    assert _statements(text, "replacement") == expected


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        ("Append modifier XS to 20553 when billed with 20610 at a different site.", ("20610",)),
        (
            "20553 and 20610 have an NCCI edit but it allows a modifier, so put XS on 20553.",
            ("20610",),
        ),
        (
            "A facet joint injection (64493) and a transforaminal injection (64483) are payable "
            "together only at different levels. Append modifier XS to 64493 in that case.",
            ("64483",),
        ),
    ],
)
def test_modifiers_paired_by_a_condition_or_the_case_before(
    text: str, paired: tuple[str, ...]
) -> None:
    (parts,) = {p for p in _statements(text, "modifier") if dict(p)["modifier"] == ("XS",)}
    assert dict(parts)["pairedWith"] == paired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # examples stand for the side they illustrate
        (
            "Bill the drug in addition to the injection code, for example J1040 for 80 mg of "
            "methylprednisolone acetate or J1100 for dexamethasone sodium phosphate, 1 mg.",
            {
                ("J1040", "separatelyReportableWith", "injection-procedure"),
                ("J1100", "separatelyReportableWith", "injection-procedure"),
            },
        ),
        (
            "77003 may be reported separately with injection codes that do not include "
            "guidance, such as 64520 and 62280-62282.",
            {
                ("77003", "separatelyReportableWith", "64520"),
                ("77003", "separatelyReportableWith", "62280-62282"),
            },
        ),
        # "the injection" is the procedure named just before in the paragraph, else its category
        (
            "The patient had 62323. The steroid is billed separately from the injection.",
            set(),
        ),
        # what a drug is billed with is the kind of procedure, even with codes named before
        (
            "The patient had 62323 with J3301. J3301 is billed separately from the injection.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "Sedation is 99152. Bill the steroid in addition to the procedure: J1030 or J1040.",
            {
                ("J1030", "separatelyReportableWith", "injection-procedure"),
                ("J1040", "separatelyReportableWith", "injection-procedure"),
            },
        ),
        (
            "The patient had 62323.\n\nJ3301 is billed on top of the injections.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "Report the drug supply separately, in addition to the injection procedure code.",
            set(),
        ),
    ],
)
def test_examples_and_definite_procedures(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "You can bill 77003 with 62270 since the LP code doesn't include guidance.",
            {("77003", "separatelyReportableWith", "62270")},
        ),
        ("Report 77002 along with 20610.", {("77002", "separatelyReportableWith", "20610")}),
        ("You can't bill 77003 with 62323.", {("62323", "includes", "77003")}),
        ("Can you bill 77003 with 62270?", set()),
        (
            "Code 64492 must accompany 64490 and 64491.",
            {("64492", "addOnTo", "64490"), ("64492", "addOnTo", "64491")},
        ),
    ],
)
def test_reporting_verbs_with_a_link(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reply's "no" answers the post before; the statement after it is affirmed
        ("Not true, 77003 is bundled into 62323.", {("62323", "includes", "77003")}),
        (
            "Nope: 77003 is separately reportable with 62270.",
            {("77003", "separatelyReportableWith", "62270")},
        ),
        ("No, 77003 is not billable with 62323.", {("62323", "includes", "77003")}),
        # quoted posts state nothing of their own
        (
            'RadTechTom wrote:\n"You can always bill 77003 with 62323."\nI disagree.',
            set(),
        ),
        ("[quote=Tom]77003 is billable with 62323.[/quote]\nNo.", set()),
    ],
)
def test_replies_and_quoted_posts(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one predicate said twice: the subject of the first is the subject of the second
        (
            "The corticosteroid (for example J1030 or J1040) must be reported separately, in "
            "addition to 62320 through 62327.",
            {
                ("J1030", "separatelyReportableWith", "62320-62327"),
                ("J1040", "separatelyReportableWith", "62320-62327"),
            },
        ),
        # a glossary line: a clause without a subject is about the line's code
        (
            "76942: ultrasound guidance; included in 20604, 20606 and 20611",
            {(code, "includes", "76942") for code in ("20604", "20606", "20611")},
        ),
        # a condition naming both codes, and a negated relation about the first
        (
            "When a medial branch block (64493) is performed in the same session as an ablation "
            "(64635), the block is not separately reimbursable.",
            {("64635", "includes", "64493")},
        ),
        (
            "The guidance is inclusive in 62323, so don't tack on 77003.",
            {("62323", "includes", "77003")},
        ),
        (
            "27096 already includes the imaging guidance, so don't report 77002 or 77003 with it.",
            {("27096", "includes", "77002"), ("27096", "includes", "77003")},
        ),
        (
            "Do not add 77001 to 36569, the PICC code without imaging guidance.",
            {("36569", "includes", "77001")},
        ),
    ],
)
def test_more_general_forms(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a table whose header names the edit's columns: column 2 is part of column 1, whatever
        # the modifier column says
        (
            "Edits\n\nColumn 1   Column 2   Modifier indicator\n62321      77003      0\n"
            "64490      20552      1\n\nAn indicator of 1 allows a modifier.",
            {("62321", "includes", "77003"), ("64490", "includes", "20552")},
        ),
        (
            "Primary code | Add-on code | Note\n64490 | 64491 | second level",
            {("64491", "addOnTo", "64490")},
        ),
        # a column of verdicts speaks row by row, over the header's names
        (
            "Col 1 | Col 2 | Status\n20610 | 77002 | separate\n20611 | 76942 | bundled",
            {("77002", "separatelyReportableWith", "20610"), ("20611", "includes", "76942")},
        ),
        # prose with wide spaces is no table
        (
            "77003 is bundled into 62321.  It is not billed with 62321.",
            {("62321", "includes", "77003")},
        ),
        # "Same for X": the sentence before, said of a code of the same kind
        (
            "77002 is never billed with 20611. Same for 76942.",
            {("20611", "includes", "77002"), ("20611", "includes", "76942")},
        ),
        (
            "77002 is never billed with 20611. Same for 20611 when done twice today.",
            {("20611", "includes", "77002")},
        ),
        # a terse "No B with A"
        (
            "Agreed. No 77012 with 64490 or 64491, then.",
            {("64490", "includes", "77012"), ("64491", "includes", "77012")},
        ),
        # "them" after "to" is the subject's codes
        (
            "Codes 64490-64495 include fluoroscopic guidance, so 77003 is never added to them.",
            {("64490-64495", "includes", "77003")},
        ),
        # a second clause with a subject of its own is not the first clause's object
        (
            "64491 is an add-on to 64490, and 64492 is the add-on for the third and any "
            "additional level.",
            {("64491", "addOnTo", "64490"), ("64492", "addOnTo", "64490")},
        ),
        # a relative clause after a kind of procedure says which procedures are meant
        (
            "77003 is separately reportable with spinal injections that do not include "
            "guidance, for example 62284.",
            {("77003", "separatelyReportableWith", "62284")},
        ),
        (
            "Guidance is part of 62321. It is reportable with spinal procedures that do not "
            "include guidance, such as 62284.",
            {("62321", "separatelyReportableWith", "62284")},
        ),
        # "which bundles" is the includes of the code before it
        (
            "Report 62304, which bundles the injection (62284) and the supervision (72265).",
            {("62304", "includes", "62284"), ("62304", "includes", "72265")},
        ),
        # a modifier clause after a semicolon leaves the pair of the first clause standing
        (
            "20552 is separately reportable with a spinal injection at another site; append "
            "modifier XS to 20552.",
            {("20552", "separatelyReportableWith", "spine-injection")},
        ),
    ],
)
def test_tables_repeats_and_second_clauses(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_a_terse_no_with_negates() -> None:
    (candidate,) = [c for c in extract(_doc("No 77012 with 64490.")) if c.assertions]
    assert candidate.stance.value == "negates"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each "instead of" takes the code named since the one before
        (
            "Under ultrasound, report 0213T instead of 64490, and 0214T instead of 64491.",
            {
                (
                    ("code", ("0213T",)),
                    ("insteadOf", ("64490",)),
                    ("whenGuidance", ("ultrasound",)),
                ),
                (
                    ("code", ("0214T",)),
                    ("insteadOf", ("64491",)),
                    ("whenGuidance", ("ultrasound",)),
                ),
            },
        ),
        # "that's X, not Y": the code to use, and the code it is used instead of
        (
            "If no imaging was used, that's 62320, not 62321.",
            {(("code", ("62320",)), ("insteadOf", ("62321",)))},
        ),
        (
            "The correct code is 20606, not 20605.",
            {(("code", ("20606",)), ("insteadOf", ("20605",)))},
        ),
    ],
)
def test_replacements_in_clauses_and_corrections(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "replacement") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modifier put on a code the sentence before pairs with another
        (
            "20552 is separately reportable with 64490 when done at another site. Put XS on "
            "the 20552.",
            {(("modifier", ("XS",)), ("code", ("20552",)), ("pairedWith", ("64490",)))},
        ),
        # codes in apposition are the codes the modifier goes on
        (
            "A joint injection (20610) done at a site apart from a spinal injection may be billed "
            "with modifier 59 appended to the joint injection code.",
            {(("modifier", ("59",)), ("code", ("20610",)), ("pairedWith", ("spine-injection",)))},
        ),
        # but not across a blank line
        (
            "20552 is separately reportable with 64490.\n\nPut XS on the 20552.",
            {(("modifier", ("XS",)), ("code", ("20552",)))},
        ),
    ],
)
def test_modifiers_on_a_code_of_the_pair_before(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "modifier") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a code for a further level adds to the code named for the level before
        (
            "For the left side: 64490 for C5-6, then +64491 for C6-7, the additional level.",
            {("64491", "addOnTo", "64490")},
        ),
        (
            "Bill 64479 for the first level and 64480 for the second level.",
            {("64480", "addOnTo", "64479")},
        ),
        # two codes for two sites are no levels
        ("Bill 20610 for the knee and 20605 for the elbow.", set()),
        # payment wording and a kind named by its codes' family
        (
            "Ultrasound guidance (76942) is not eligible for reimbursement with 62321.",
            {("62321", "includes", "76942")},
        ),
        (
            "Fluoroscopic guidance, 77001, is an add-on code to the central venous access codes.",
            {("77001", "addOnTo", "vascular-access")},
        ),
    ],
)
def test_levels_and_payment_wording(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modifier written onto its code
        (
            "If the joint is apart from the 64490 site, bill it as 20610-XS.",
            {(("modifier", ("XS",)), ("code", ("20610",)), ("pairedWith", ("64490",)))},
        ),
        (
            "Bill 64490-RT and 64491-RT.",
            {
                (("modifier", ("RT",)), ("code", ("64490",))),
                (("modifier", ("RT",)), ("code", ("64491",))),
            },
        ),
    ],
)
def test_a_modifier_written_onto_its_code(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "modifier") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # under a guidance, codes not used are replaced by codes not named
        (
            "When the block is done under ultrasound, you can't use 64490 at all.",
            {(("insteadOf", ("64490",)), ("whenGuidance", ("ultrasound",)))},
        ),
        # without a guidance named, or with a code billed with it, no replacement
        ("Don't bill 62321 twice.", set()),
        ("Under fluoro, don't bill 77003 with 62321.", set()),
    ],
)
def test_codes_not_used_under_a_guidance(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "replacement") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both codes after the trigger, parted by a link
        (
            "CMS does not allow separate reporting of 77012 with 62321.",
            {("62321", "includes", "77012")},
        ),
        # a judgement of the reporting is a denial
        (
            "Reporting 76000 with 64490 is a misuse of CPT code 76000.",
            {("64490", "includes", "76000")},
        ),
        # what a code is for describes it; it is no second code
        (
            "Physicians shall not report CPT code 77012 for CT guidance with codes 64490-64495.",
            {("64490-64495", "includes", "77012")},
        ),
        # guidance not reported with a code is an attribute of the code
        (
            "Do not report ultrasound guidance with 20604.",
            {("20604", "includesGuidance", "ultrasound")},
        ),
    ],
)
def test_manual_wording(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {
        (a.subject, a.property, a.object)
        for c in extract(_doc(text))
        for a in c.assertions
        if isinstance(a, Triple)
    } == expected


CODE_BOOK = """1. FACET JOINT

64490  Injection(s), paravertebral facet joint, with image guidance, cervical; single level
+64491   second level (List separately in addition to code for primary procedure)
+64492   third and any additional level(s)
         Do not report 77003 with 64490-64492.
         (For ultrasound-guided facet injection, use 0213T-0215T)
20605  Arthrocentesis, intermediate joint; without ultrasound guidance
         (For ultrasound guidance, use 20606)
+77002  Fluoroscopic guidance for needle placement
         Add-on: report with the primary procedure, e.g. 20605.
+77001  Fluoroscopic guidance for central venous access device placement
         Add-on to 36555 when fluoroscopy is documented.
99152  Moderate sedation, initial 15 minutes
         May be billed with 64490 when 10 minutes are documented.
"""


def test_notes_under_a_code_book_entry_are_about_its_code() -> None:
    assert _pairs(CODE_BOOK) >= {
        ("77002", "addOnTo", "20605"),
        ("77001", "addOnTo", "36555"),
        ("99152", "separatelyReportableWith", "64490"),
        ("64490-64492", "includes", "77003"),
    }
    assert _statements(CODE_BOOK, "replacement") == {
        # an entry's family of add-on lines, one for one with the codes named
        (("code", ("0213T",)), ("insteadOf", ("64490",)), ("whenGuidance", ("ultrasound",))),
        (("code", ("0214T",)), ("insteadOf", ("64491",)), ("whenGuidance", ("ultrasound",))),
        (("code", ("0215T",)), ("insteadOf", ("64492",)), ("whenGuidance", ("ultrasound",))),
        (("code", ("20606",)), ("insteadOf", ("20605",)), ("whenGuidance", ("ultrasound",))),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a category's codes named after it
        (
            "Imaging guidance is separately reportable with 20605: see 77002 or 76942.",
            {
                ("imaging-guidance", "separatelyReportableWith", "20605"),
                ("77002", "separatelyReportableWith", "20605"),
                ("76942", "separatelyReportableWith", "20605"),
            },
        ),
        # the "and" of a list is no link
        (
            "The NCCI contains PTP edits bundling CPT codes 77002 and 76942 into CPT code 20606.",
            {("20606", "includes", "77002"), ("20606", "includes", "76942")},
        ),
        # "these procedures": the codes named last
        (
            "CPT codes 64490 and 64493 include imaging guidance. Physicians shall not report CPT "
            "code 77003 for the guidance of these procedures.",
            {("64490", "includes", "77003"), ("64493", "includes", "77003")},
        ),
        # a limit of frequency in a negated sentence pairs no codes
        (
            "CPT code 64491 shall not be reported more than once per day, and the same limitation "
            "applies to CPT code 64494.",
            set(),
        ),
        # an imperative opening the sentence, after a reply's "yes"
        ("Yes, bill 77002 with 20605.", {("77002", "separatelyReportableWith", "20605")}),
        # ... but not a sentence whose first word is "Code"
        (
            "Code 64491 is an add-on code and must be reported with 64490.",
            {("64491", "addOnTo", "64490")},
        ),
        # "no B with those" after a comma
        (
            "Facet is 64490 (+64491 for each add'l level), no 77003 with those.",
            {
                ("64491", "addOnTo", "64490"),
                ("64490", "includes", "77003"),
                ("64491", "includes", "77003"),
            },
        ),
        # scrubber wording
        (
            "Flag 77012 billed with 64490 as a bundled service.",
            {("64490", "includes", "77012")},
        ),
        ("Payers won't pay 76942 with 20606.", {("20606", "includes", "76942")}),
        # "on top of it": the sentence's own code, not the sentence before's
        (
            "64490 is the code. If the doc uses ultrasound, report 0213T and don't report 76942 "
            "on top of it.",
            {("0213T", "includes", "76942")},
        ),
        ("Don't bill 2 units of J1040 for that.", set()),
    ],
)
def test_more_manual_forum_and_scrubber_forms(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Don't do 62320 + 77003 to get paid more; use 62321 instead.",
            {(("code", ("62321",)), ("insteadOf", ("62320",)), ("whenReportedWith", ("77003",)))},
        ),
        (
            "Category III codes 0213T through 0215T shall be reported instead of CPT codes 64490 "
            "through 64492 when the injection is performed with ultrasound guidance.",
            {
                (
                    ("code", ("0213T-0215T",)),
                    ("insteadOf", ("64490-64492",)),
                    ("whenGuidance", ("ultrasound",)),
                )
            },
        ),
        (
            "If the joint is injected without imaging, the code to use is 20605, not 20606.",
            {(("code", ("20605",)), ("insteadOf", ("20606",)))},
        ),
    ],
)
def test_replacements_of_a_pair_and_of_ranges(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "replacement") == expected


def test_a_modifier_joined_to_another_is_one() -> None:
    assert _statements(
        "Check that 20552 billed with an epidural code carries XS or 59.", "modifier"
    ) == {
        (("modifier", (m,)), ("code", ("20552",)), ("pairedWith", ("spine-injection",)))
        for m in ("XS", "59")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause with its own subject after ", and": its own subject, "these codes" the
        # codes of the clause before
        (
            "Codes 64490 through 64495 include imaging guidance, and 77003 and 77012 are not "
            "separately reportable with these codes.",
            {
                ("64490-64495", "includesGuidance", "imaging"),
                ("64490-64495", "includes", "77003"),
                ("64490-64495", "includes", "77012"),
            },
        ),
        # "..., no B": not reported with the codes named before
        ("Elbow w/ u/s: 20606, no 76942.", {("20606", "includes", "76942")}),
        # a note in a table row is about the row's code
        (
            "Code | Descriptor | Notes\n64490 | Facet injection, cervical | Do not report 77003 "
            "with this code.\n64493 | Facet injection, lumbar | Do not report 77012 with this "
            "code.",
            {("64490", "includes", "77003"), ("64493", "includes", "77012")},
        ),
        # a quoted post after "NAME wrote:" on its own line states nothing
        ("coder_jim wrote: We bill 77003 with 64490 all the time.\n\nDon't.", set()),
        # a replacement is no denial of a pair
        (
            "Facet injections under ultrasound are reported with 0213T instead of 64490 and are "
            "denied as investigational.",
            set(),
        ),
    ],
)
def test_clauses_rows_and_replies(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {
        (a.subject, a.property, a.object)
        for c in extract(_doc(text))
        for a in c.assertions
        if isinstance(a, Triple) and a.property in PAIR | {"includesGuidance"}
    } == expected


def test_a_label_then_x_not_y_is_a_replacement_under_the_label() -> None:
    assert _statements("Facet injections under u/s: 0213T, not 64490.", "replacement") == {
        (("code", ("0213T",)), ("insteadOf", ("64490",)), ("whenGuidance", ("ultrasound",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the document gives a code stands for it in the next sentence
        (
            "Radiofrequency denervation (64635) is reported per joint. A facet nerve block "
            "(64493) is incidental to the denervation.",
            {("64635", "includes", "64493")},
        ),
        (
            "64633 (cervical RFA) is paid once per joint. Never bill 64490 with the RFA.",
            {("64633", "includes", "64490")},
        ),
        # "done at the same session as" parts the code done from the code it is done with
        (
            "A facet joint injection (64493) given at the same session as 64635 is not "
            "separately reimbursable.",
            {("64635", "includes", "64493")},
        ),
        # a report of what was done states no rule; a judgement of it does
        ("On 9 claims, 77003 was billed with 64483.", set()),
        ("77003 was improperly reported with 64490 on 9 claims.", {("64490", "includes", "77003")}),
        # a terse question answered in the next sentence
        ("76942 w/ 20611? No.", {("20611", "includes", "76942")}),
        ("62322 + 77003? Yes.", {("77003", "separatelyReportableWith", "62322")}),
        ("64484 with 64483? Yes, for each additional level.", {("64484", "addOnTo", "64483")}),
        # guidance included in one code, and a guidance code after "and" its own subject
        (
            "Fluoroscopy is included in 64490 and 77003 must not be reported separately.",
            {("64490", "includes", "77003")},
        ),
        (
            "Because imaging is part of the descriptor, 77003 and 77012 are bundled into 64490.",
            {("64490", "includes", "77003"), ("64490", "includes", "77012")},
        ),
        # the same pair of two other codes
        (
            "64494 is an add-on to 64493. Same logic for 64491 with 64490.",
            {("64494", "addOnTo", "64493"), ("64491", "addOnTo", "64490")},
        ),
        # reporting one code without another; an add-on named in the same sentence
        ("You'll want to bill 20604 without 76942.", {("20604", "includes", "76942")}),
        ("Bill 62321 without 62323 when only one is done.", set()),
        ("Report 64480 only with 64479; it is an add-on code.", {("64480", "addOnTo", "64479")}),
        # a code taken off the claim, beside a code or after the sentence that bundles it
        ("Keep 64490 and drop the 77003.", {("64490", "includes", "77003")}),
        ("Report 62323 instead of 62322, and strike 77003.", {("62323", "includes", "77003")}),
        (
            "Code 77012 is an inclusive component of 64479. Take it off the claim.",
            {("64479", "includes", "77012")},
        ),
        ("Take 20611 to the payer.", set()),
        # spoken and plain-language verbs
        ("Don't throw 77003 on there with the 64490.", {("64490", "includes", "77003")}),
        ("Ultrasound is baked into 20611.", set()),
        ("Do not submit 77002 on the same claim as 20611.", {("20611", "includes", "77002")}),
    ],
)
def test_names_questions_removals_and_narrative(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_removal_after_a_bundling_sentence_is_its_own_claim() -> None:
    text = "Code 77012 is an inclusive component of 64479. Take it off the claim."
    quoted = {
        (c.quote, a.subject, a.object)
        for c in extract(_doc(text))
        for a in c.assertions
        if isinstance(a, Triple) and a.property == "includes"
    }
    assert ("Take it off the claim.", "64479", "77012") in quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parallel clauses, each with its own add-on code and primary
        (
            "Add-on code 64480 is reported with 64479 for the second level, and add-on code "
            "64484 is reported with 64483 for the second level.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # "neither ... nor" and "neither" standing for the codes of the clause before
        (
            "Codes 64633-64636 include imaging guidance. Neither 77002 nor 77012 may be "
            "reported in addition to them.",
            {("64633-64636", "includes", "77002"), ("64633-64636", "includes", "77012")},
        ),
        (
            "Skip 76000 and 72275 too; neither is billed with 64490.",
            {("64490", "includes", "76000"), ("64490", "includes", "72275")},
        ),
        # "it" opening a clause after ";" is the subject of the clause before
        (
            "Report 77001 first. 77002 may be billed with 20600 when fluoroscopy is used; it is "
            "not billed with 20611.",
            {("77002", "separatelyReportableWith", "20600"), ("20611", "includes", "77002")},
        ),
        # a chain of "no" codes after a clause, and a bare "No B." after a sentence of codes
        (
            "Guidance is included in 64490-64495, so no 77003, no 77012.",
            {("64490-64495", "includes", "77003"), ("64490-64495", "includes", "77012")},
        ),
        (
            "64490 + 64491 for two levels. No 77012.",
            {("64490", "includes", "77012"), ("64491", "includes", "77012")},
        ),
        # an answer after a label, a numbered "A2." or a speaker's name
        ("Bill 77002 with 20605?\nA3. No.", {("20605", "includes", "77002")}),
        ("20605 + 76942?\n[00:12:40] PAT (host): Nope.", {("20605", "includes", "76942")}),
        ("72275 w/ 62322? Do not report", {("62322", "includes", "72275")}),
        # a topic named first, and the codes the rest of the sentence puts with it
        ("For 20606, 76942 is an inclusive component.", {("20606", "includes", "76942")}),
        (
            "With 20610, 77002 is separately billable.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
        # a noun phrase with a participle is no statement; "the same is true of" one is
        (
            "77003 is not separately payable with 62321. The same is true of 77012 billed "
            "with 62325.",
            {("62321", "includes", "77003"), ("62325", "includes", "77012")},
        ),
        # what a participle says of the subject is not the subject
        (
            "Sedation (99152) provided by the physician performing an epidural injection may be "
            "reported separately with 62323.",
            {("99152", "separatelyReportableWith", "62323")},
        ),
        # "any code in this group" is the codes named last
        (
            "Codes 64490 through 64495 are reported per level. Do not bill 77012 with any code in "
            "this group.",
            {("64490-64495", "includes", "77012")},
        ),
    ],
)
def test_clauses_answers_topics_and_groups(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_a_row_says_its_own_verdict_before_its_header_does() -> None:
    text = (
        "Column 1 | Column 2 | Billable together? | Notes\n"
        "64490 | 77003 | No | n/a\n"
        "20605 | 77002 | Yes | none\n"
        "36555 | 77001 | 9 | edit deleted in 2024\n"
    )
    assert _pairs(text) == {
        ("64490", "includes", "77003"),
        ("77002", "separatelyReportableWith", "20605"),
    }


def test_check_box_lines_of_a_charge_ticket_list_add_ons_under_their_primary() -> None:
    text = (
        "Facet injections\n"
        "[ ] 64490  cervical/thoracic, single level\n"
        "[ ] 64491  second level\n"
        "[x] 64492  third and any additional level\n"
    )
    assert _pairs(text) == {("64491", "addOnTo", "64490"), ("64492", "addOnTo", "64490")}


def test_a_replacement_after_a_label_or_an_equals_sign_and_a_plus_pair() -> None:
    # the guidance says the condition; the code "plus" names what the guided code replaces
    text = "Knee under ultrasound = 20611, not 20610 + 76942."
    assert _statements(text, "replacement") == {
        (("code", ("20611",)), ("insteadOf", ("20610",)), ("whenGuidance", ("ultrasound",)))
    }


def test_guidance_a_code_includes_is_no_condition_of_its_replacement() -> None:
    text = (
        "62329 includes fluoroscopic or CT guidance; report 62329 rather than 62272 when "
        "drainage is done with CT guidance."
    )
    assert _statements(text, "replacement") == {
        (("code", ("62329",)), ("insteadOf", ("62272",)), ("whenGuidance", ("ct",)))
    }


def test_a_statement_in_a_table_cell_stays_in_its_cell() -> None:
    text = (
        "Procedure | CPT | Notes\n"
        "Facet neurolysis, cervical | 64633, +64634 | Guidance is part of 64633 through 64636.\n"
    )
    assert _pairs(text) == {("64634", "addOnTo", "64633")}


def test_an_infinitive_of_purpose_ends_the_codes_a_link_names() -> None:
    text = "Do not report 77012 with 62321 or 62325 to add guidance to an unguided code."
    assert _pairs(text) == {("62321", "includes", "77012"), ("62325", "includes", "77012")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Line 4, 64480, was denied as bundled into 64479.", set()),
        ("77002 was rejected as inclusive to 20611 on two claims.", set()),
        ("62329 replaces 62272 when the drainage is guided.", set()),
        (
            "J1040 (methylprednisolone, 80 mg) is fine to bill with 20610.",
            {("J1040", "separatelyReportableWith", "20610")},
        ),
        (
            "A trigger point injection (20553) may be billed with 20610 when modifier XS "
            "identifies the separate site.",
            set(),
        ),
    ],
)
def test_what_a_payer_did_replacements_and_plain_permission(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_code_billed_with_another_when_a_modifier_names_the_site_carries_the_modifier() -> None:
    text = (
        "A trigger point injection (20553) may be billed with 20610 when modifier XS "
        "identifies the separate site."
    )
    assert _statements(text, "modifier") == {
        (("modifier", ("XS",)), ("code", ("20553",)), ("pairedWith", ("20610",)))
    }


def test_a_crosswalk_export_reads_each_column_by_the_relation_its_header_names() -> None:
    text = (
        "code,short_descriptor,bundled_codes,separately_reportable_with,add_on_to,notes\n"
        '64490,"Facet injection, cervical, single level",77003;77012,99152,,\n'
        '64491,"Facet injection, cervical, second level",77003,,64490,"Report with 64490, '
        'never alone."\n'
    )
    assert _pairs(text) >= {
        ("64490", "includes", "77003"),
        ("64490", "includes", "77012"),
        ("99152", "separatelyReportableWith", "64490"),
        ("64491", "includes", "77003"),
        ("64491", "addOnTo", "64490"),
    }
    assert ("77003", "includes", "77012") not in _pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "77012, however, may be reported in addition to 62270.",
            {("77012", "separatelyReportableWith", "62270")},
        ),
        (
            "77012 is not billable with 64490 even with modifier 59.",
            {("64490", "includes", "77012")},
        ),
        ("A) 64490 x 2  B) 64490, 64491  C) 64491 only", set()),
    ],
)
def test_asides_conceded_modifiers_and_a_quizs_choices(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_modifier_said_to_make_no_difference_is_no_modifier_statement() -> None:
    assert (
        _statements("Reporting 64490 twice, with or without modifier 59, is wrong.", "modifier")
        == set()
    )
    assert (
        _statements("Modifier XS does not bypass the edit for 77003 with 64490.", "modifier")
        == set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stop billing 77012 with 64490!", {("64490", "includes", "77012")}),
        ("Please avoid reporting 76942 with 20604.", {("20604", "includes", "76942")}),
        ("-> Yes: report 62321 (do not add 77012)", {("62321", "includes", "77012")}),
        (
            "Heads up: 77002 + 20605 is totally fine.",
            {("77002", "separatelyReportableWith", "20605")},
        ),
        ("62321 + 77012 is bundled.", {("62321", "includes", "77012")}),
    ],
)
def test_plain_spoken_verbs_and_verdicts(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_marks_a_legend_defines_read_the_rows_written_with_them() -> None:
    text = (
        "LEGEND\n"
        "  [=]  codes to report\n"
        "  [x]  codes not to add\n"
        "\n"
        "2. Facet injection, lumbar: [=] 64493\n"
        "   [x] 77003, 77012\n"
    )
    assert _pairs(text) == {("64493", "includes", "77003"), ("64493", "includes", "77012")}


def test_a_row_note_not_with_and_a_semicolon_before_no() -> None:
    text = (
        "Code    Descriptor    Billing note\n"
        "77012    CT guidance, spine    Not with 64490-64495\n"
        "36572    PICC with imaging guidance    Imaging included; no 77001\n"
    )
    assert _pairs(text) == {("64490-64495", "includes", "77012"), ("36572", "includes", "77001")}


def test_and_so_is_opens_another_subject() -> None:
    text = "So 77003 and 77012 are both included in 64493, and so is the arthrogram, 72275."
    assert _pairs(text) == {("64493", "includes", "77003"), ("64493", "includes", "77012")}


def test_a_modifier_put_on_one_claim_is_no_modifier_statement() -> None:
    text = (
        "The doctor injected 64490 and 64491, and we billed 77012 with modifier 59 on its own line."
    )
    assert _statements(text, "modifier") == set()


def test_codes_named_for_the_first_level_and_the_levels_after_it() -> None:
    text = (
        "64490 is the first cervical level, 64491 is the add-on for the second level and "
        "64492 is the add-on for the third and any additional level."
    )
    assert _pairs(text) == {("64491", "addOnTo", "64490"), ("64492", "addOnTo", "64490")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("64491 is never billed without 64490.", {("64491", "addOnTo", "64490")}),
        (
            "64492 cannot be reported without 64490 on the same date.",
            {("64492", "addOnTo", "64490")},
        ),
        (
            "Codes 64480 is an add-on code and must be reported in addition to 64479; 64484 is "
            "reported in addition to 64483.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        (
            "Report 62321 for the epidural. Do not add 76942, since ultrasound guidance is "
            "integral to 20604.",
            {("20604", "includes", "76942"), ("76942", "integralTo", "20604")},
        ),
        (
            "Do not report 72275 with 62321, the epidurogram is part of the injection.",
            {("62321", "includes", "72275")},
        ),
    ],
)
def test_requirements_reasons_spliced_clauses_and_drugs(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one claim carries: codes listed together, and a code listed after "but not"
        ("You should bill 64490 but not 77003.", {("64490", "includes", "77003")}),
        ("The claim must carry 27096 and 20552.", {("20552", "separatelyReportableWith", "27096")}),
        (
            "Report 36569 and 77001; 77001 is an add-on code.",
            {("77001", "addOnTo", "36569")},
        ),
        (
            "The patient had a sacroiliac injection (27096) and trigger points (20552). "
            "Bill both codes.",
            {("20552", "separatelyReportableWith", "27096")},
        ),
        ("Report 62321 or 62323.", set()),
        ("Report 64490 but not 64491.", set()),
        # a verb said once for two pairs
        (
            "You can bill 20552 with 27096, and 20553 with 64493.",
            {
                ("20552", "separatelyReportableWith", "27096"),
                ("20553", "separatelyReportableWith", "64493"),
            },
        ),
        # the first level's code named after it, later levels' alternatives in order
        (
            "For the neck, the first level is 64490 and 64491 is added for each additional level.",
            {("64491", "addOnTo", "64490")},
        ),
        (
            "The first level is 64479 (neck) or 64483 (low back); the second level is 64480 or "
            "64484.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        (
            "Per level: 64479 and 64483 are the primary codes for the first level, and 64480 and "
            "64484 report each additional level.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # "CT." ends a sentence; the next one's "it" is the code before
        (
            "62321 includes fluoroscopy or CT. 77012 is not billed with it.",
            {("62321", "includes", "77012")},
        ),
        # a judgement of what was done is a rule; the report of it is not
        (
            "The drug was correctly billed in addition to the injection procedure: J3301.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        ("The drug was billed in addition to the injection procedure: J3301.", set()),
        ("Steroid supply is billed with J1030 or J1040 in the office.", set()),
    ],
)
def test_claim_lines_gapped_pairs_levels_and_judgements(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_replacements_named_after_a_use_they_forbid_or_after_not() -> None:
    forbidden = _statements(
        "Never report 20604 for a joint you injected under ultrasound guidance.", "replacement"
    )
    assert forbidden == {(("insteadOf", ("20604",)), ("whenGuidance", ("ultrasound",)))}
    other = _statements(
        "Ultrasound for a PICC is reported with a different code, not 76942.", "replacement"
    )
    assert {dict(p)["insteadOf"] for p in other} == {("76942",)}
    chosen = _statements(
        "For a cervical epidural we bill 62321; we never bill 77003 with it. Without imaging we "
        "bill 62320 instead.",
        "replacement",
    )
    assert {dict(p)["insteadOf"] for p in chosen} == {("62321",)}


def test_a_modifier_that_cannot_be_used_is_no_modifier_statement() -> None:
    assert _statements("Modifier 59 cannot be used to unbundle 77003 from 64483.", "modifier") == (
        set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one of these codes" and "either family of codes" are the codes named before
        (
            "Codes 64490 and 64493 include fluoroscopy. The plan will not reimburse 77003 when it "
            "is reported with one of these codes.",
            {("64490", "includes", "77003"), ("64493", "includes", "77003")},
        ),
        (
            "Medial branch blocks are reported with 64490-64495 and ablation with 64633-64636. "
            "77012 is not separately reimbursable with either family of codes.",
            {("64490-64495", "includes", "77012"), ("64633-64636", "includes", "77012")},
        ),
        # "their primary codes" pairs the lists in order
        (
            "Add-on codes 64491 and 64494 are reported in addition to their primary codes 64490 "
            "and 64493.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # a code reported instead of another is no pair
        (
            "A guided puncture is reported with 62328 instead of 62270.",
            set(),
        ),
        # a question asserts nothing, even a denial
        ("Why does 77012 keep denying with 64493?", set()),
        # a modifier that does not unbundle one code from another: the two are not billed
        ("Modifier 59 doesn't unbundle 77012 from 64490.", {("64490", "includes", "77012")}),
        # "can't go on" a code; a replacement's list ends where a clause of its own begins
        (
            "Bill 20604 instead of 20605, and 76942 can't go on 20604 either.",
            {("20604", "includes", "76942")},
        ),
        # a drug named in the sentence; "separate from"; ", and add" opens a clause
        (
            "J3301 is fine, the drug is always separate from the injection.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "Report 77002 in addition to 20605, and add J1100 for the dexamethasone.",
            {("77002", "separatelyReportableWith", "20605")},
        ),
        # "both services may be reimbursed": the two codes of the sentence before
        (
            "The SI joint injection (27096) and the trigger points (20552) were at separate "
            "sites. Both services may be reimbursed.",
            {("20552", "separatelyReportableWith", "27096")},
        ),
    ],
)
def test_anaphora_of_families_ordered_primaries_and_plain_words(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_replacement_named_with_what_it_avoids_and_its_own_conditions() -> None:
    adding = _statements(
        "If the PICC is placed with imaging, report 36573 rather than adding 77001 to 36569.",
        "replacement",
    )
    assert {(dict(p)["insteadOf"], dict(p)["whenReportedWith"]) for p in adding} == {
        (("36569",), ("77001",))
    }
    pair_before = _statements(
        "When a claim shows 62320 + 77003, report 62321 instead of 62320.", "replacement"
    )
    assert {dict(p).get("whenReportedWith") for p in pair_before} == {("77003",)}
    own = _statements(
        "A puncture with fluoroscopic guidance is reported with 62328 instead of 62270, and a "
        "drainage with CT guidance is reported with 62329 instead of 62272.",
        "replacement",
    )
    assert {(dict(p)["code"], dict(p)["whenGuidance"]) for p in own} == {
        (("62328",), ("fluoroscopy",)),
        (("62329",), ("ct",)),
    }
    shared = _statements(
        "If the block is done under ultrasound, report 0213T instead of 64490, and 0216T instead "
        "of 64493.",
        "replacement",
    )
    assert {dict(p)["whenGuidance"] for p in shared} == {("ultrasound",)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "is reported instead of": the code after "of" is replaced, not one named before
        (
            "Codes 62320-62323 come in pairs. Under fluoroscopy 62321 is reported instead of "
            "62320.",
            {(("code", ("62321",)), ("insteadOf", ("62320",)), ("whenGuidance", ("fluoroscopy",)))},
        ),
    ],
)
def test_a_replacement_phrase_that_ends_with_of(
    text: str, expected: set[tuple[tuple[str, tuple[str, ...]], ...]]
) -> None:
    assert _statements(text, "replacement") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "..., and guidance codes 77003 and 77012 cannot ...": one subject of its own
        (
            "Codes 64490-64495 include fluoroscopy, and guidance codes 77003 and 77012 cannot be "
            "reported with them.",
            {("64490-64495", "includes", "77003"), ("64490-64495", "includes", "77012")},
        ),
        # a code never reported alone pairs no codes
        ("An add-on code is never reported alone, such as 64480.", set()),
        # a quoted line indented under a reply restates another post
        ("Reply from coder_b:\n    > 76942 can't go on 20604 either\n", set()),
        # the name a sentence gives codes by opening with them
        (
            "Radiofrequency ablation is reported with 64633-64636; a medial branch block (64490) "
            "on the same day is integral to the ablation.",
            {("64490", "integralTo", "64633-64636")},
        ),
    ],
)
def test_own_subjects_lone_add_ons_quoted_replies_and_names(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what an edit catches, stops or holds is a rule that the two are not paid together
        (
            "The new edit catches 77012 billed with 64490-64495.",
            {("64490-64495", "includes", "77012")},
        ),
        (
            "A second edit stops claims that pair 76942 with 20604 or 20606.",
            {("20604", "includes", "76942"), ("20606", "includes", "76942")},
        ),
        (
            "We added a prebill edit that holds 77003 reported with 62321.",
            {("62321", "includes", "77003")},
        ),
        # the replacement the edit directs is a statement of its own
        (
            "The edit flags 62272 billed with 77012 and directs the coder to report 62329 instead "
            "of 62272.",
            {("62272", "includes", "77012")},
        ),
        # formal negations, "assign", and "it" after a link
        (
            "It would not be appropriate to assign code 77012 with code 64490.",
            {("64490", "includes", "77012")},
        ),
        (
            "Code 20604 includes ultrasound guidance, and code 76942 shall not be reported in "
            "conjunction with it.",
            {("20604", "includes", "76942")},
        ),
        # levels named with "code" and a modifier before "for"
        (
            "Assign code 64490 with modifier 50 for the first level and code 64491 with modifier "
            "50 for the second level.",
            {("64491", "addOnTo", "64490")},
        ),
    ],
)
def test_edits_formal_negations_and_levels_with_modifiers(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gerund names the pair a judgement or a denial is about
        ("Adding 77012 to 64490 is wrong.", {("64490", "includes", "77012")}),
        ("Reporting 20604 plus 76942 will be denied.", {("20604", "includes", "76942")}),
        # a denial cue negated: the two are paid together
        (
            "No edit holds 77002 billed with 20605.",
            {("77002", "separatelyReportableWith", "20605")},
        ),
        # the link after the cue, not one of a clause before it
        (
            "The rule replaces 27096 with G0260 and flags 77012 billed with 27096.",
            {("27096", "includes", "77012")},
        ),
    ],
)
def test_denials_named_by_gerunds_negated_cues_and_links_after_the_cue(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of mostly guidance codes is the side not reported
        (
            "Do not report 62320, 62321 in conjunction with 77003, 77012, 72275.",
            {(a, "includes", b) for a in ("62320", "62321") for b in ("77003", "77012", "72275")},
        ),
        # "in that family" stands for the codes named before
        (
            "Codes 62320-62323 include guidance. Neither 77003 nor 77012 may be reported with "
            "any interlaminar code in that family.",
            {("62320-62323", "includes", "77003"), ("62320-62323", "includes", "77012")},
        ),
        # "each reported in addition to its primary code": the codes named before, in order
        (
            "Codes 64490 and 64493 are single levels, and codes 64491 and 64494 are add-on codes, "
            "each reported in addition to its primary code.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # what "CPT directs that" is said of the codes after "that"
        (
            "Codes 64490-64495 include guidance, and CPT directs that 77003 not be reported in "
            "conjunction with them.",
            {("64490-64495", "includes", "77003")},
        ),
        # a verb of not paying governs a link further on
        (
            "The plan will not reimburse an interlaminar injection (62320-62327) in addition to "
            "a transforaminal injection (64479-64484) on one date.",
            {("64479-64484", "includes", "62320-62327")},
        ),
    ],
)
def test_guidance_lists_families_own_primaries_and_content_clauses(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ", and" opens a clause parallel to the add-on clause before it
        (
            "64491 and 64492 are add-on codes reported in addition to 64490, and 64494 and 64495 "
            "are reported in addition to 64493.",
            {
                ("64491", "addOnTo", "64490"),
                ("64492", "addOnTo", "64490"),
                ("64494", "addOnTo", "64493"),
                ("64495", "addOnTo", "64493"),
            },
        ),
        # lists joined alike pair up in order
        (
            "The next level goes on 64480 or 64484, the add-on codes, in addition to 64479 or "
            "64483.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # "rather than" a gerund or a kind of guidance names no code replaced
        ("Append modifier 50 to 64490 rather than listing the code twice.", set()),
    ],
)
def test_parallel_add_on_clauses_and_lists_and_what_rather_than_names(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected
    assert _statements(text, "replacement") == set()


def test_the_same_said_again_inside_a_sentence() -> None:
    assert _pairs("77012 should never be reported with 64490, and the same goes for 77003.") == {
        ("64490", "includes", "77012"),
        ("64490", "includes", "77003"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "..., as do the catheter codes 62325 and 62327": said again of those codes
        (
            "Codes 62321 and 62323 are not reported with 77003, as do the catheter codes 62325 "
            "and 62327.",
            {("623" + n, "includes", "77003") for n in ("21", "23", "25", "27")},
        ),
        # "it" after a colon is the code that opens the clause before
        (
            "Codes 20610 and 20611 are joint codes. Fluoroscopic guidance, 77002, is different: it "
            "may be billed in addition to 20610.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
        # a clause with a primary of its own after an add-on clause
        (
            "Code 64491 is an add-on code reported with 64490 for the second level, and 64494 is "
            "reported with 64493 for the second level.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # a pronoun after "must not be billed with" is a pair, not a replacement
        (
            "SI joint injections are reported with 27096, which includes imaging guidance; 77012 "
            "must not be billed with it.",
            {("27096", "includes", "77012")},
        ),
    ],
)
def test_as_do_colons_own_primaries_and_pronouns_after_a_forbidding_verb(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_two_replacements_in_one_sentence_keep_their_own_conditions() -> None:
    found = _statements(
        "Report 0228T and 0229T instead of 64479 and 64480 for cervical levels, and 0230T and "
        "0231T instead of 64483 and 64484 for lumbar levels.",
        "replacement",
    )
    assert {(dict(p)["code"], dict(p)["insteadOf"], dict(p)["whenRegion"]) for p in found} == {
        (("0228T",), ("64479",), ("cervical",)),
        (("0229T",), ("64480",), ("cervical",)),
        (("0230T",), ("64483",), ("lumbar",)),
        (("0231T",), ("64484",), ("lumbar",)),
    }


def test_two_codes_each_reported_only_with_another() -> None:
    assert _pairs(
        "Code 64634 shall not be reimbursed without 64633, and 64636 shall not be reimbursed "
        "without 64635."
    ) == {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")}


def test_the_same_check_applied_to_couples_of_codes() -> None:
    assert _pairs(
        "The edit flags 77003 reported with 64479-64484. The same check applies to 77012 "
        "reported with 64479 through 64484 and to 77003 reported with 64490-64495."
    ) == {
        ("64479-64484", "includes", "77003"),
        ("64479-64484", "includes", "77012"),
        ("64490-64495", "includes", "77003"),
    }


def test_a_forbidden_use_then_the_code_it_is_reported_with() -> None:
    text = (
        "A facet block performed under ultrasound guidance shall not be reported with "
        "64490-64495; it shall be reported with unlisted code 64999."
    )
    assert _statements(text, "replacement") == {
        (
            ("code", ("64999",)),
            ("insteadOf", ("64490-64495",)),
            ("whenGuidance", ("ultrasound",)),
        )
    }
    assert _pairs(text) == set()


def test_a_modifier_that_cannot_be_used_to_unbundle_and_a_code_counted_in_units() -> None:
    assert _pairs("Modifier 59 cannot be used to unbundle 77012 from 64490.") == {
        ("64490", "includes", "77012")
    }
    assert _statements("For 80 mg that is J1040 x1, not J1030 x2.", "replacement") == {
        (("code", ("J1040",)), ("insteadOf", ("J1030",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "both injection codes" are the codes named before; the guidance is the code named
        (
            "Auditors found that 77012 was billed with 64490 and 64493 even though CT guidance is "
            "part of both injection codes.",
            {("64490", "includes", "77012"), ("64493", "includes", "77012")},
        ),
        # "fluoroscopy billed as 77003" opens a clause; "each of them" is the codes before it
        (
            "Codes 64479-64484 include imaging guidance, and fluoroscopy billed as 77003 is "
            "bundled into each of them.",
            {("64479-64484", "includes", "77003")},
        ),
        # "never alone": an add-on to the code it is reported with
        (
            "64491 and 64492 must be reported in addition to 64490, never alone.",
            {("64491", "addOnTo", "64490"), ("64492", "addOnTo", "64490")},
        ),
        # a drug reported "with" a procedure goes with it, whichever is named first
        (
            "Report 62321 with J1100 for the steroid.",
            {("J1100", "separatelyReportableWith", "62321")},
        ),
        # the first level "covered" by a code, the add-on for each additional one
        (
            "64633 covers the first cervical facet joint, and 64634 is the add-on for each "
            "additional joint.",
            {("64634", "addOnTo", "64633")},
        ),
    ],
)
def test_shared_referents_clauses_of_their_own_and_add_ons_never_alone(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_replacement_after_a_denied_pair_and_rather_than_a_thing_not_a_code() -> None:
    denied = _statements(
        "A claim line for 76942 billed with 20604 will be denied; report 20605 instead.",
        "replacement",
    )
    assert {dict(p).get("whenReportedWith") for p in denied} == {("76942",)}
    assert (
        _statements(
            "Codes 62324-62327 describe an infusion rather than a single injection.", "replacement"
        )
        == set()
    )
    assert (
        _statements("Two units of 64493 rather than 64493 plus 64494 are denied.", "replacement")
        == set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the add-ons pair up with the first level's codes; the kind of procedure only names them
        (
            "For facet joint injections, the coder reports 64490 or 64493 for the first level and "
            "the add-on codes 64491 or 64494 for each additional level.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # more add-ons than first levels: each to the first level's code of its family
        (
            "Report 64490 or 64493 for the first level, and 64491, 64492, 64494 or 64495 for the "
            "second and third levels.",
            {
                ("64491", "addOnTo", "64490"),
                ("64492", "addOnTo", "64490"),
                ("64494", "addOnTo", "64493"),
                ("64495", "addOnTo", "64493"),
            },
        ),
        # a drug billed with "the injection" goes with the kind, not the codes named before
        (
            "Trigger points were billed as 20553. The J3301 is separate; the steroid is billed in "
            "addition to the injection.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        # who bundles "it": the code the sentence named before
        (
            "Code 76000 is rarely needed, and many payers bundle it into the injection.",
            {("injection-procedure", "includes", "76000")},
        ),
        # a relative clause says what the codes are; it names no more of them
        (
            "76942 is bundled into 20604 and 20611, which describe joint injections with "
            "ultrasound guidance.",
            {("20604", "includes", "76942"), ("20611", "includes", "76942")},
        ),
        (
            "Do not bill 77002 with 20611, which already includes ultrasound guidance.",
            {("20611", "includes", "77002")},
        ),
        # a code in apposition after "guidance for ...," is what the guidance stands for
        (
            "Fluoroscopic guidance for central venous access, 77001, is reported separately with "
            "36556.",
            {("77001", "separatelyReportableWith", "36556")},
        ),
    ],
)
def test_levels_by_family_drugs_with_the_injection_and_relative_clauses(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_edits_pairing_a_procedure_with_guidance_and_the_modifier_that_bypasses_them() -> None:
    text = (
        "Edits pairing 62321 with 77012 stay active, so a modifier such as 59 can bypass the edit "
        "only for a separate procedure."
    )
    assert _pairs(text) == {("62321", "includes", "77012")}
    assert _statements(text, "modifier") == {
        (("modifier", ("59",)), ("code", ("77012",)), ("pairedWith", ("62321",)))
    }


def test_a_replacement_states_the_region_and_approach_of_its_condition() -> None:
    assert _statements(
        "For a thoracic interlaminar epidural done under CT, bill 62321 instead of 62320.",
        "replacement",
    ) == {
        (
            ("code", ("62321",)),
            ("insteadOf", ("62320",)),
            ("whenGuidance", ("ct",)),
            ("whenRegion", ("thoracic",)),
            ("whenApproach", ("interlaminar",)),
        )
    }
    # "lumbar" in the name of a procedure is no condition
    assert _statements(
        "If a lumbar puncture is done with CT guidance, report 62328 instead of 62270.",
        "replacement",
    ) == {(("code", ("62328",)), ("insteadOf", ("62270",)), ("whenGuidance", ("ct",)))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an error or a mistake judges the pair it names
        (
            "The most frequent mistake we find is 77012 billed with 64493.",
            {("64493", "includes", "77012")},
        ),
        # codes named for one level or date, as one list
        ("Do not report 64493 and 62323 for the same level.", {("64493", "includes", "62323")}),
        # "any of those four codes" after a connective: the four named before
        (
            "Codes 64479, 64480, 64483 and 64484 include fluoroscopy. Therefore 77003 is not "
            "billed with any of those four codes.",
            {(code, "includes", "77003") for code in ("64479", "64480", "64483", "64484")},
        ),
        # a reason opening the sentence: its codes are not the subject of the main clause
        (
            "Because CT guidance is part of 64490 and 64493, 77012 was wrongly billed with those "
            "codes.",
            {("64490", "includes", "77012"), ("64493", "includes", "77012")},
        ),
        (
            "Since guidance is included in 64633 and 64635, 77003 and 77012 must not be reported "
            "with them.",
            {(a, "includes", b) for a in ("64633", "64635") for b in ("77003", "77012")},
        ),
        # add-on clauses with the verb left out, after "and" or ", or"
        (
            "Bill 64491 only as an add-on to 64490, and 64494 only as an add-on to 64493.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        (
            "A further level is reported with add-on code 64491 in addition to 64490, or with "
            "add-on code 64494 in addition to 64493.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # reported only with another: an add-on to it, unless a condition says when
        ("64492 may only be reported with 64490.", {("64492", "addOnTo", "64490")}),
        (
            "77002 may only be reported with 20610 when fluoroscopy guides it.",
            {("77002", "separatelyReportableWith", "20610")},
        ),
        # lists of add-ons and primaries joined alike pair in order
        (
            "64491 and 64494 are reported in addition to 64490 and 64493 for each additional "
            "level.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # an add-on list after a colon: each add-on with its primary
        (
            "Add-on codes go with their primary codes: 64484 with 64483, 64494 and 64495 with "
            "64493.",
            {
                ("64484", "addOnTo", "64483"),
                ("64494", "addOnTo", "64493"),
                ("64495", "addOnTo", "64493"),
            },
        ),
        # what a payer will not pay names no pair
        ("Most payers won't pay 64495.", set()),
        # the category's codes, past a shorter name inside it
        (
            "Epidurography, 72275, is included in the epidural injection codes 62320 through "
            "62327.",
            {("62320-62327", "includes", "72275")},
        ),
        # a negation before a comma does not reach a clause whose codes have their own verb
        (
            "Modifier 59 doesn't change it, 77012 is included in 64493.",
            {("64493", "includes", "77012")},
        ),
        # "and neither is" says the clause before again of another code
        (
            "76000 is not reported separately with 64483, and neither is fluoroscopic guidance "
            "under 77003.",
            {("64483", "includes", "76000"), ("64483", "includes", "77003")},
        ),
        # a denial's link is the one with a code after it, not "denied with CO-97"
        (
            "Sedation (99152) billed with 64633 is also denied with CO-97.",
            {("64633", "includes", "99152")},
        ),
        # claims found with two codes billed together: a report
        ("The reviewer found 77003 billed with 64493 on six claims.", set()),
        ("76000 will no longer be paid with 64490.", {("64490", "includes", "76000")}),
        # a condition that names "one of those codes", and "either one"
        (
            "Codes 64490 and 64493 include guidance. When one of those codes is billed, 77003 "
            "shall not be billed.",
            {("64490", "includes", "77003"), ("64493", "includes", "77003")},
        ),
        (
            "Codes 62321 and 62323 include guidance. Do not add 77012 to either one.",
            {("62321", "includes", "77012"), ("62323", "includes", "77012")},
        ),
        # the verbs of charge capture
        ("76942 must not post with 20611.", {("20611", "includes", "76942")}),
    ],
)
def test_judgements_reasons_gapped_clauses_and_add_on_lists(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_replacements_told_after_a_forbidden_code_and_guidance_used() -> None:
    told = "If the knee is injected under fluoroscopy, 20611 should not be reported, and the coder "
    told += "should instead report 20610."
    assert _statements(told, "replacement") == {
        (("code", ("20610",)), ("insteadOf", ("20611",)), ("whenGuidance", ("fluoroscopy",)))
    }
    assert _pairs(told) == set()
    assert _statements("When guidance is used, report 62323 instead of 62322.", "replacement") == {
        (("code", ("62323",)), ("insteadOf", ("62322",)), ("whenGuidance", ("imaging",)))
    }
    # "instead" inside a condition says what was used, not what to report
    assert (
        _statements(
            "Knee injections under ultrasound are 20611. If CT is used for the joint instead, bill "
            "77012 with 20610.",
            "replacement",
        )
        == set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # denied when billed without another: never without it, an add-on to it
        (
            "The plan will deny 64495 when it is billed without 64493.",
            {("64495", "addOnTo", "64493")},
        ),
        # "respectively" after "without" pairs in order
        (
            "64480 and 64484 are add-on codes, and they cannot be billed without 64479 or 64483 "
            "respectively.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # "w/" for "with"
        ("76000 is not billable w/ 64483.", {("64483", "includes", "76000")}),
    ],
)
def test_add_ons_denied_alone_and_forum_shorthand(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who reports opens the main clause after a reason
        (
            "Since fluoroscopy is part of the facet code, we never bill 77003 with 64493.",
            {("64493", "includes", "77003")},
        ),
        # the text an errata notice prints as wrong states nothing
        ("As printed: 77012 may be reported separately with 64483.", set()),
        # the same denial said of another couple, with a reason after it
        (
            "77003 billed with 62321 is denied. The same denial is applied to 76942 billed with "
            "20604 or 20611, since these codes include ultrasound guidance.",
            {
                ("62321", "includes", "77003"),
                ("20604", "includes", "76942"),
                ("20611", "includes", "76942"),
            },
        ),
    ],
)
def test_reasons_errata_and_a_denial_said_again(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_guidance_of_a_procedure_that_is_not_reported_is_still_its_condition() -> None:
    text = (
        "Sacroiliac injections under ultrasound guidance are not reported with 27096; report "
        "20552 instead."
    )
    assert _statements(text, "replacement") == {
        (("code", ("20552",)), ("insteadOf", ("27096",)), ("whenGuidance", ("ultrasound",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "only" between the verb and its link makes an add-on
        (
            "The ablation add-on 64636 may be charged only with 64635.",
            {("64636", "addOnTo", "64635")},
        ),
        (
            "Code 64480 is submitted only on the same claim as 64479.",
            {("64480", "addOnTo", "64479")},
        ),
        # "only" after the primary, unless a condition follows it
        ("64636 is billed with 64635 only.", {("64636", "addOnTo", "64635")}),
        (
            "76942 is billed with 20552 only when images are kept.",
            {("76942", "separatelyReportableWith", "20552")},
        ),
        # the clause after, its verb left out, says the same of other codes
        (
            "Bill 64634 only with 64633, and 64636 only with 64635.",
            {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")},
        ),
        (
            "Levels two and three, 64491 and 64492, are billed only with 64490, and 64494 and "
            "64495 only with 64493.",
            {
                ("64491", "addOnTo", "64490"),
                ("64492", "addOnTo", "64490"),
                ("64494", "addOnTo", "64493"),
                ("64495", "addOnTo", "64493"),
            },
        ),
    ],
)
def test_reported_only_with_a_primary_and_its_gapped_clause(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negation before a colon does not reach the clause after it
        (
            "The auditors asked whether the guidance line was allowed and found it was not: "
            "76942 is bundled into 20611.",
            {("20611", "includes", "76942")},
        ),
        # "not to report" is a negated verb of reporting
        (
            "The manual instructs coders not to report 76000 with 64483.",
            {("64483", "includes", "76000")},
        ),
        # reported only with another: "without" it after a link that names no code, or
        # "unless" it is on the claim
        (
            "Never send 64495 on a claim without 64493.",
            {("64495", "addOnTo", "64493")},
        ),
        (
            "64636 cannot be reimbursed unless 64635 is also billed, and 64634 cannot be paid "
            "unless 64633 is.",
            {("64636", "addOnTo", "64635"), ("64634", "addOnTo", "64633")},
        ),
        # "with or without a modifier" names no code it requires
        (
            "76942 is part of 20604 and should not be billed with it, with or without a modifier.",
            {("20604", "includes", "76942")},
        ),
        # a drug named without a code, its codes given at the end
        (
            "The injected medication is paid in addition to the injection procedure under HCPCS "
            "J1040.",
            {("J1040", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "The corticosteroid is billed separately from the procedure, using J3301 or J1100.",
            {
                ("J3301", "separatelyReportableWith", "injection-procedure"),
                ("J1100", "separatelyReportableWith", "injection-procedure"),
            },
        ),
    ],
)
def test_colons_infinitives_requirements_and_drug_codes_named_last(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "these codes" after two kinds of guidance: neither is part of the other
        (
            "Fluoroscopic guidance (77003) is not reported with 64490-64495. CT guidance (77012) "
            "is likewise bundled into these codes.",
            {("64490-64495", "includes", "77003"), ("64490-64495", "includes", "77012")},
        ),
        # guidance with no purpose of its own is part of guidance for a purpose
        ("Do not report 76000 with 77002.", {("77002", "includes", "76000")}),
    ],
)
def test_one_kind_of_guidance_is_not_part_of_another(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several add-ons and several primaries: each adds to the one numbered just below it
        (
            "Codes 64491 and 64494 are reported for the second level in addition to the "
            "first-level code, 64490 in the neck and 64493 in the low back.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
        # one add-on with two primaries: both stay
        (
            "77001 is an add-on code reported with 36556 or 36558.",
            {("77001", "addOnTo", "36556"), ("77001", "addOnTo", "36558")},
        ),
    ],
)
def test_add_ons_share_out_among_the_primaries_numbered_below_them(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the codes said again after a noun of two words, and before what describes them
        (
            "76942 is not billed with 20611. The same rule applies to the intermediate joint "
            "code 20606.",
            {("20611", "includes", "76942"), ("20606", "includes", "76942")},
        ),
        (
            "62321 and 62323 include imaging guidance, so 77003 is not reported with them. The "
            "same is true of the facet joint codes 64490-64495, which also include fluoroscopy.",
            {
                ("62321", "includes", "77003"),
                ("62323", "includes", "77003"),
                ("64490-64495", "includes", "77003"),
            },
        ),
    ],
)
def test_the_same_said_of_codes_named_with_a_noun_or_described(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an edit that fires on a pair bundles it
        (
            "Edit PX-12 fires when 76942 is billed on the same date as 20611.",
            {("20611", "includes", "76942")},
        ),
        (
            "Rule JT-4 fires only for 77002 billed with 20611.",
            {("20611", "includes", "77002")},
        ),
        # rejected when no primary is on the claim: an add-on, in each clause
        (
            "The clearinghouse rejects 64636 when no 64635 is on the claim, and rejects 64634 "
            "when no 64633 is.",
            {("64636", "addOnTo", "64635"), ("64634", "addOnTo", "64633")},
        ),
        # every code of the list rejected without its primary
        (
            "A claim line for 64491 or 64492 that is billed without 64490 will be denied.",
            {("64491", "addOnTo", "64490"), ("64492", "addOnTo", "64490")},
        ),
        # codes named as add-ons and reported in addition to another add to it
        (
            "Both imaging add-ons, 76937 and 77001, are billed in addition to 36558.",
            {("76937", "addOnTo", "36558"), ("77001", "addOnTo", "36558")},
        ),
    ],
)
def test_edits_that_fire_rejections_without_a_primary_and_named_add_ons(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a regulator's voice: no separate payment, claims returned, denials without a primary
        (
            "Contractors shall not make separate payment for CPT 76942 reported with 20604.",
            {("20604", "includes", "76942")},
        ),
        (
            "Contractors shall return as unprocessable any claim that reports CPT 72275 with "
            "62321.",
            {("62321", "includes", "72275")},
        ),
        (
            "Contractors shall deny CPT 64480 when it is billed without CPT 64479.",
            {("64480", "addOnTo", "64479")},
        ),
        # what insurers were found to have paid is no rule
        ("The review found claims on which insurers paid 76942 billed with 20611.", set()),
        # the same said of a code whose own clause names its primary
        (
            "64634 cannot be reported without 64633. The same applies to 64636, which cannot be "
            "reported without 64635.",
            {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")},
        ),
    ],
)
def test_a_regulators_payment_rules_findings_and_the_same_with_a_clause_of_its_own(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit is bundled into a kind of procedure, and is always the part
        (
            "The E/M visit on the day of the decision is bundled into the epidural injection.",
            {("spine-injection", "includes", "evaluation-and-management")},
        ),
        (
            "Pre-injection counselling is part of the injection and is not reported separately "
            "as an E/M service.",
            {("injection-procedure", "includes", "evaluation-and-management")},
        ),
        # two kinds of procedure name no pair
        ("Epidural injections are included in spinal procedures.", set()),
    ],
)
def test_a_visit_bundled_into_a_kind_of_procedure(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_modifier_for_the_case_just_named_pairs_with_its_code() -> None:
    text = (
        "Ultrasound-guided injections are separately reportable with 64635 only when a different "
        "structure is treated. When that is the case, append modifier XS to 20604."
    )
    assert _statements(text, "modifier") == {
        (("modifier", ("XS",)), ("code", ("20604",)), ("pairedWith", ("64635",)))
    }


def test_neither_one_code_nor_another_is_reported_with_a_third() -> None:
    assert _pairs("Neither 76942 nor 77002 shall be charged with 20604 or 20606.") == {
        ("20604", "includes", "76942"),
        ("20604", "includes", "77002"),
        ("20606", "includes", "76942"),
        ("20606", "includes", "77002"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a payer's own voice: what it pays with what
        ("The plan pays 76942 with 20552.", {("76942", "separatelyReportableWith", "20552")}),
        (
            "The Department currently reimburses 99152 in addition to 64493.",
            {("99152", "separatelyReportableWith", "64493")},
        ),
        ("The plan never pays 77002 with 20611.", {("20611", "includes", "77002")}),
        # "allow" with a code after it only: "the codes don't allow separate guidance" says
        # what a code's descriptor permits, not what a payer pays
        (
            "76942 cannot be billed with 20552, because the TPI codes don't allow separate "
            "guidance the way 20610 does.",
            {("20552", "includes", "76942")},
        ),
    ],
)
def test_what_a_payer_pays_with_what(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # charge entry: "enter" is a verb of reporting, a ticket is a claim
        ("Never enter 76942 on the same ticket as 20604.", {("20604", "includes", "76942")}),
        (
            "Codes 64490 and 64493 include imaging guidance, and 77012 is never entered with them.",
            {("64490", "includes", "77012"), ("64493", "includes", "77012")},
        ),
        ("Make sure 72275 is not on the same claim as 62321.", {("62321", "includes", "72275")}),
        (
            "Enter 64480 only together with 64479, and 64484 only together with 64483.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
    ],
)
def test_charges_entered_on_a_ticket(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a claim that lacks the primary
        (
            "The edit flags 64636 when there is no line for 64635, and flags 64495 when the claim "
            "has no line for 64493.",
            {("64636", "addOnTo", "64635"), ("64495", "addOnTo", "64493")},
        ),
        (
            "Medicaid will not pay 64480 when the claim does not also carry 64479.",
            {("64480", "addOnTo", "64479")},
        ),
        (
            "The scrubber checks that 64492 never appears on a claim without 64490.",
            {("64492", "addOnTo", "64490")},
        ),
        (
            "If you see 64634 on a claim without 64633, the whole claim will reject.",
            {("64634", "addOnTo", "64633")},
        ),
        # the second clause's subject is not the first clause's primary
        (
            "0214T and 0215T cannot be reported without 0213T, and 0217T and 0218T cannot be "
            "reported without 0216T.",
            {
                ("0214T", "addOnTo", "0213T"),
                ("0215T", "addOnTo", "0213T"),
                ("0217T", "addOnTo", "0216T"),
                ("0218T", "addOnTo", "0216T"),
            },
        ),
        # "must be billed with": never without it
        (
            "The same rule covers 64634, which must be billed with 64633.",
            {("64634", "addOnTo", "64633")},
        ),
        # guidance that must be reported, or a code that must be under a condition, is no add-on
        ("77002 must be reported with 20610.", {("77002", "separatelyReportableWith", "20610")}),
        (
            "When the sites differ, 20552 must be reported with 64490.",
            {("20552", "separatelyReportableWith", "64490")},
        ),
    ],
)
def test_add_ons_a_claim_must_not_lack_their_primary_for(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_a_guided_code_not_a_code_plus_guidance_says_its_condition_by_the_guidance() -> None:
    text = "If CT guidance is used, bill 62329, not 62272 plus 77012."
    assert _statements(text, "replacement") == {
        (("code", ("62329",)), ("insteadOf", ("62272",)), ("whenGuidance", ("ct",)))
    }
    assert _statements("Left shoulder: 20611-LT, not 20610 + 76942.", "replacement") == {
        (("code", ("20611",)), ("insteadOf", ("20610",)), ("whenReportedWith", ("76942",)))
    }


def test_a_modifier_in_a_clause_of_its_own_leaves_the_pair_stated() -> None:
    text = (
        "27096 is separately reportable with 64493 when a different structure is treated, and "
        "you append modifier XS to 27096."
    )
    assert _pairs(text) == {("27096", "separatelyReportableWith", "64493")}
    assert _statements(text, "modifier") == {
        (("modifier", ("XS",)), ("code", ("27096",)), ("pairedWith", ("64493",)))
    }
    # the modifier in the pair's own clause: the modifier rule reads it alone
    assert _pairs("20553 may be billed with 27096 using modifier 59.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The plan allows one unit of J1100 per session. Dexamethasone is billed in addition "
            "to the injection procedure.",
            {("J1100", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "J3301 is reported per 10 mg; the drug is billed in addition to the facet injection.",
            {("J3301", "separatelyReportableWith", "injection-procedure")},
        ),
        (
            "Triamcinolone is J3301 and methylprednisolone is J1030. Each of these drugs is "
            "separately reportable in addition to the procedure.",
            {
                ("J3301", "separatelyReportableWith", "injection-procedure"),
                ("J1030", "separatelyReportableWith", "injection-procedure"),
            },
        ),
    ],
)
def test_a_drug_named_by_its_name_or_as_these_drugs(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one of two codes, never both
        ("Report 64490 or 64493 for one level, never both.", {("64490", "includes", "64493")}),
        (
            "One more reminder: 20604 and 20606 cannot both be billed for the same joint.",
            {("20604", "includes", "20606")},
        ),
        ("Never bill 20552 and 20553 for the same session.", {("20552", "includes", "20553")}),
    ],
)
def test_one_code_or_another_never_both(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit on the day of a procedure is part of the procedure of that day
        (
            "An evaluation and management service on the date of an epidural injection shall "
            "not be billed separately.",
            {("spine-injection", "includes", "evaluation-and-management")},
        ),
        (
            "An E/M service (99212-99215) on the same day of a scheduled injection is included in "
            "the procedure.",
            {("injection-procedure", "includes", "99212-99215")},
        ),
    ],
)
def test_a_visit_on_the_day_of_a_procedure(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "When 76942 is billed with 20604, report 20606 instead of 20604.",
        "Where a provider bills 20604 together with 76942, the plan directs it to report 20606 "
        "instead of 20604.",
        "When 20604 and 76942 appear together, the edit recommends 20606 instead of 20604.",
    ],
)
def test_a_replacement_when_the_replaced_code_is_billed_with_another(text: str) -> None:
    assert _statements(text, "replacement") == {
        (("code", ("20606",)), ("insteadOf", ("20604",)), ("whenReportedWith", ("76942",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Codes 0214T and 0215T are add-ons reported in addition to 0213T.",
            {("0214T", "addOnTo", "0213T"), ("0215T", "addOnTo", "0213T")},
        ),
        # an add-on cue before a colon leaves the statement after it its own
        (
            "Second level codes are add-ons: 64480 may be billed only with 64479, and 64484 only "
            "with 64483.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        (
            "The edit flags 64495 when 64493 is not on the claim, and 64492 when 64490 is missing.",
            {("64495", "addOnTo", "64493"), ("64492", "addOnTo", "64490")},
        ),
        ("If 64636 shows up without 64635, the claim denies.", {("64636", "addOnTo", "64635")}),
        # a denial before the add-on's own clause stays a denial
        (
            "The edit flags 77012 reported with 64490-64495 and holds 64494 when it appears "
            "without 64493.",
            {("64490-64495", "includes", "77012"), ("64494", "addOnTo", "64493")},
        ),
    ],
)
def test_add_ons_named_as_such_or_flagged_without_their_primary(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(text) == expected


def test_guidance_is_what_is_reported_separately_with_a_procedure() -> None:
    assert _pairs("For a knee under fluoro you'd bill 20610 with 77002.") == {
        ("77002", "separatelyReportableWith", "20610")
    }


def test_what_a_physician_did_on_some_lines_is_no_rule() -> None:
    text = "On nine of the lines, the physician appended modifier 59 to 77003."
    assert _statements(text, "modifier") == set()


def test_an_add_on_for_further_units_adds_to_the_code_named_primary() -> None:
    text = (
        "Code 64490 is the primary code for a single cervical or thoracic level, and 64491 is an "
        "add-on code for each additional level."
    )
    assert _pairs(text) == {("64491", "addOnTo", "64490")}


def test_a_negation_does_not_reach_a_coordinated_verb_phrase() -> None:
    text = "Moderate sedation, 99152, is not included in 64490 and may be reported with it."
    assert _pairs(text) == {("99152", "separatelyReportableWith", "64490")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the code of the first unit is a primary, never an add-on
        (
            "Facet injections are 64490 for a single cervical level and 64493 for a single lumbar "
            "level, with add-on codes 64491 and 64494 for each additional level.",
            {("64491", "addOnTo", "64490"), ("64494", "addOnTo", "64493")},
        ),
    ],
)
def test_add_ons_add_to_primaries(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_never_instead_of_and_a_code_for_itself_are_no_replacements() -> None:
    text = "J3301 is billed in addition to the injection code, never instead of it."
    assert _statements(text, "replacement") == set()
    text = (
        "A tap done with CT should be reported as 62329 rather than 62272, and 62329 already "
        "includes the guidance."
    )
    assert _statements(text, "replacement") == {
        (("code", ("62329",)), ("insteadOf", ("62272",)), ("whenGuidance", ("ct",)))
    }
    text = "If the physician didn't use imaging, report 62322 instead of 62323."
    assert _statements(text, "replacement") == {(("code", ("62322",)), ("insteadOf", ("62323",)))}


@pytest.mark.parametrize(
    "text",
    [
        "Should 72275 ever be billed with 62321?",
        'The caller asked: "May we bill 20553 and 64493 for the same visit?"',
        "Is it true that 76942 is bundled into 20611?",
    ],
)
def test_a_quote_that_asks_states_no_pair(text: str) -> None:
    assert _pairs(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "72275 billed with 62323 came back denied last week.",
        "Line 3: 20552 reported with 64483 on the same date.",
        "Our scrubber holds 77012 submitted with 64479-64484.",
    ],
)
def test_a_code_billed_with_another_as_a_claim_line_is_no_rule(text: str) -> None:
    assert _pairs(text) == set()


def test_a_code_needing_another_in_a_second_clause_is_no_pair_with_the_first() -> None:
    text = "Do not report 64634 without 64633, and do not report 64636 without 64635."
    assert _pairs(text) == {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")}


def test_nor_before_an_inverted_verb_negates_the_clause() -> None:
    text = "Nor may needle guidance, 77002, or fluoroscopic guidance, 77003, be billed with 27096."
    assert _pairs(text) == {("27096", "includes", "77002"), ("27096", "includes", "77003")}


def test_its_add_on_adds_to_the_procedure_not_to_the_guidance() -> None:
    text = "Fluoroscopy, 77003, is not billed with facet code 64490 or its add-on 64491."
    assert ("64491", "addOnTo", "64490") in _pairs(text)
    assert not {p for p in _pairs(text) if p[1] == "addOnTo" and p[2] == "77003"}


def test_guidance_is_a_container_only_where_named_as_one() -> None:
    text = (
        "Codes 62321 and 62323 are reported with 77003 by some practices. Contrast imaging "
        "(72275) is an inclusive component of these injections and is not billed with them."
    )
    assert not {p for p in _pairs(text) if p[1] == "includes" and p[0] == "77003"}
    text = "Fluoroscopy, 76000, is integral to 77002 and is not billed in addition to it."
    assert ("77002", "includes", "76000") in _pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a code named as an add-on is no primary of another add-on
        (
            "For the cervical spine, bill 64490 for the first level, add-on 64491 for the second "
            "level and add-on 64492 for the third.",
            {("64491", "addOnTo", "64490")},
        ),
        # the primary named after the add-on in its own clause
        (
            "64480 goes with 64479, and add-on 64484 goes with 64483.",
            {("64484", "addOnTo", "64483")},
        ),
        # "its add-on": the code right before
        (
            "In the lumbar spine, 64483 and its add-on 64484 are billed instead of 62323.",
            {("64484", "addOnTo", "64483")},
        ),
    ],
)
def test_the_primary_of_a_named_add_on(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {p for p in _pairs(text) if p[1] == "addOnTo"} == expected


@pytest.mark.parametrize(
    "text",
    [
        "A separately identifiable problem visit may be billed as 99214 with modifier 25 in "
        "addition to 64493.",
        "When the note supports it, 64493 is paid along with 99214 carrying modifier 25.",
    ],
)
def test_a_visit_modifier_goes_on_the_visit_code(text: str) -> None:
    assert _statements(text, "modifier") == {
        (("modifier", ("25",)), ("code", ("99214",)), ("pairedWith", ("64493",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several add-ons and primaries beside a kind of procedure: each to its own primary
        (
            "Transforaminal epidural injections use 64479 (cervical or thoracic) and 64483 "
            "(lumbar or sacral), with add-on codes 64480 and 64484 for each additional level.",
            {("64480", "addOnTo", "64479"), ("64484", "addOnTo", "64483")},
        ),
        # add-ons listed with their primaries after a colon
        (
            "The ablation codes each have an add-on for more joints: 64634 goes with 64633, and "
            "64636 goes with 64635.",
            {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")},
        ),
    ],
)
def test_add_ons_share_out_among_their_primaries(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert {p for p in _pairs(text) if p[1] == "addOnTo"} == expected


def test_guidance_reported_with_its_codes_after_the_verb() -> None:
    text = "If imaging guidance is used for 20610, it is reported separately with 76942 or 77002."
    assert _pairs(text) == {
        ("76942", "separatelyReportableWith", "20610"),
        ("77002", "separatelyReportableWith", "20610"),
    }


def test_a_gapped_clause_with_its_own_add_ons_and_primary() -> None:
    text = (
        "Add-on code 64480 is billed with primary code 64479, and add-on code 64484 with "
        "primary code 64483."
    )
    assert {p for p in _pairs(text) if p[1] == "addOnTo"} == {
        ("64480", "addOnTo", "64479"),
        ("64484", "addOnTo", "64483"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "What triggers it: 77012 on the same claim and date as 64479 or 64483.",
            {("64479", "includes", "77012"), ("64483", "includes", "77012")},
        ),
        (
            "What fires it: 64634 without 64633, or 64636 without 64635.",
            {("64634", "addOnTo", "64633"), ("64636", "addOnTo", "64635")},
        ),
    ],
)
def test_an_edit_described_after_a_label(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(text) == expected


def test_a_replacement_for_a_code_that_would_be_billed_with_another() -> None:
    text = "Bill 62329 instead of 62272 when 77012 would otherwise be reported with it."
    assert _statements(text, "replacement") == {
        (("code", ("62329",)), ("insteadOf", ("62272",)), ("whenReportedWith", ("77012",)))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "64479 covers the first cervical or thoracic level, and 64480 is its add-on for each "
            "level after it.",
            {("64480", "addOnTo", "64479")},
        ),
        (
            "64494 is the second lumbar level and 64495 is the third; both are add-ons to 64493.",
            {("64494", "addOnTo", "64493"), ("64495", "addOnTo", "64493")},
        ),
    ],
)
def test_add_ons_named_through_its_or_both(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {p for p in _pairs(text) if p[1] == "addOnTo"} == expected


def test_a_claim_line_named_and_judged() -> None:
    assert _pairs("Code 77012 billed with 64493 is bundled and gets no payment.") == {
        ("64493", "includes", "77012")
    }
    assert _pairs("72275 reported with 62321 was denied on our last remittance.") == set()


def test_a_negation_stops_at_a_semicolon() -> None:
    assert _pairs("Do not add 77012; it is included in 64493.") == {("64493", "includes", "77012")}


def test_a_second_order_pairs_its_own_codes() -> None:
    text = (
        "Do not report 64491 with 64634 at the same level, and do not report 64494 with 64636; "
        "the block is part of the ablation."
    )
    assert _pairs(text) == {("64634", "includes", "64491"), ("64636", "includes", "64494")}


def test_a_code_is_no_pair_with_a_range_that_holds_it() -> None:
    text = "Transforaminal codes are 64479-64484, with 64480 and 64484 as add-on codes."
    assert not {p for p in _pairs(text) if p[2] == "64479-64484"}


@pytest.mark.parametrize(
    "text",
    [
        "Last month the carrier denied 77012 billed with 64493 as bundled.",
        "The Medicaid plan keeps denying 76942 with 20611.",
    ],
)
def test_a_denial_told_as_what_a_payer_did_is_no_rule(text: str) -> None:
    assert _pairs(text) == set()
