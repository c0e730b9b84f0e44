"""CMS reference data in the graph: verdicts by date of service, setting and modifier, MUE limits
and add-on code edits, from small SYNTHETIC files in the CMS layouts (made-up codes, except
62323/77003, which are paired with a made-up edit to meet the bundled articles)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bundlekg import ClaimLine, InputError, KnowledgeGraph, VerdictKind, build, open_graph
from bundlekg.claimcheck import FlagKind
from bundlekg.store import current_build
from tests.conftest import CORPUS
from tests.graph.cms.conftest import MUE_HEADER, PTP_HEADER, text_table, write_zip

PRACTITIONER_ROWS = [
    ["11111", "22222", "", "20200101", "*", "0", "Synthetic mutually exclusive"],
    ["11111", "33333", "", "20200101", "*", "1", "Synthetic misuse of column two code"],
    ["11111", "44444", "", "20200101", "20200101", "9", "Synthetic never applied"],
    ["55555", "66666", "", "20150101", "20191231", "0", "Synthetic first reading"],
    ["55555", "66666", "", "20200101", "*", "1", "Synthetic second reading"],
    ["77777", "88888", "", "20240101", "20241231", "0", "Synthetic one year"],
    ["62323", "77003", "", "20170101", "*", "1", "Synthetic edit for a bundled article pair"],
]
HOSPITAL_ROWS = [["11111", "22222", "", "20200101", "*", "1", "Synthetic outpatient edit"]]
AOC_HEADER = [
    "Add-on Code",
    "Primary Code",
    "AOC Edit Type",
    "AOC Edit Effective Date",
    "AOC Edit Deletion Date",
    "Special Instruction Notes",
]


def write_reference(directory: Path, practitioner_rows: list[list[str]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ccipra-v999r0-f1.TXT").write_text(
        text_table(PTP_HEADER, practitioner_rows), encoding="ascii", newline=""
    )
    write_zip(
        directory / "ccioph-v999r0-f1.zip",
        {"ccioph-v999r0-f1.TXT": text_table(PTP_HEADER, HOSPITAL_ROWS)},
    )
    (directory / "MCR_MUE_PractitionerServices_Eff_10-01-2025.csv").write_text(
        text_table(
            MUE_HEADER,
            [["11111", "2", "3 Date of Service Edit: Clinical", "Synthetic clinical limit"]],
            separator=",",
        ),
        encoding="ascii",
        newline="",
    )
    (directory / "AOC_synthetic.csv").write_text(
        text_table(
            AOC_HEADER,
            [
                ["99990", "11111", "1", "20200101", "", ""],
                ["99991", "CCCCC", "2", "20200101", "", "Synthetic contractor note"],
            ],
            separator=",",
        ),
        encoding="ascii",
        newline="",
    )
    return directory


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("reference-build")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    reference = write_reference(root / "reference", PRACTITIONER_ROWS)
    store = root / "store"
    build(corpus, store)  # reference/ beside the corpus is found without being named
    return corpus, reference, store


@pytest.fixture(scope="module")
def kg(built: tuple[Path, Path, Path]) -> KnowledgeGraph:
    return open_graph(built[2])


def test_indicator_0_is_not_separately_reportable_in_either_order(kg: KnowledgeGraph) -> None:
    for a, b in (("11111", "22222"), ("22222", "11111")):
        verdict = kg.reportable(a, b, date="2024-07-01")
        assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
        assert verdict.column1 == "11111"
        (edit,) = verdict.evidence
        assert edit.source == "ccipra-v999r0-f1" and edit.kind == "regulator"
        assert edit.start is None and edit.end is None and edit.line == 4
        assert edit.quote == "11111\t22222\t\t20200101\t*\t0\tSynthetic mutually exclusive"
        assert verdict.as_dict()["column1"] == "11111"


def test_indicator_1_needs_a_qualifying_modifier(kg: KnowledgeGraph) -> None:
    plain = kg.reportable("11111", "33333", date="2024-07-01")
    assert plain.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    with_xs = kg.reportable("33333", "11111", date="2024-07-01", modifiers=["XS"])
    assert with_xs.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert "XS" in with_xs.reason
    with_kx = kg.reportable("11111", "33333", date="2024-07-01", modifiers=["KX"])
    assert with_kx.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER


def test_indicator_9_is_never_evidence(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("11111", "44444", date="2020-01-01")
    assert verdict.verdict is VerdictKind.UNKNOWN
    assert verdict.evidence == ()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2023-12-31", VerdictKind.UNKNOWN),
        ("2024-01-01", VerdictKind.NOT_SEPARATELY_REPORTABLE),
        ("2024-12-31", VerdictKind.NOT_SEPARATELY_REPORTABLE),
        ("2025-01-01", VerdictKind.UNKNOWN),
    ],
)
def test_an_edit_is_in_force_from_effective_to_deletion_inclusive(
    kg: KnowledgeGraph, day: str, expected: VerdictKind
) -> None:
    assert kg.reportable("77777", "88888", date=day).verdict is expected


def test_a_pair_whose_indicator_changed_is_read_by_date(kg: KnowledgeGraph) -> None:
    before = kg.reportable("55555", "66666", date="2019-06-01")
    after = kg.reportable("55555", "66666", date="2021-06-01")
    assert before.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert after.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert [e.line for e in before.evidence] == [7]
    assert [e.line for e in after.evidence] == [8]


def test_the_setting_picks_the_table(kg: KnowledgeGraph) -> None:
    hospital = kg.reportable("11111", "22222", date="2024-07-01", setting="hospital")
    assert hospital.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert [e.source for e in hospital.evidence] == ["ccioph-v999r0-f1"]
    with pytest.raises(InputError, match="not a setting"):
        kg.reportable("11111", "22222", setting="dentist")


def test_an_article_that_bills_separately_contests_an_edit(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("62323", "77003", date="2024-07-01")
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert verdict.contested
    stances = {(e.kind, e.source, e.stance) for e in verdict.evidence if e.role == "statement"}
    assert ("regulator", "ccipra-v999r0-f1", "supports") in stances
    assert ("coding_reference", "003_37225522b298a619", "supports") in stances
    assert ("vendor_article", "000_438acad2e7e8b7ba", "contradicts") in stances


def test_mue_limits_are_shown_with_the_code(kg: KnowledgeGraph) -> None:
    (limit,) = kg.code("11111").mue
    assert (limit.setting, limit.units, limit.adjudication_indicator) == ("practitioner", 2, "3")
    assert limit.per_day
    assert limit.source == "MCR_MUE_PractitionerServices_Eff_10-01-2025"
    assert kg.code("11111").as_dict()["mue"][0]["units"] == 2


def test_an_add_on_with_its_listed_primary_is_separately_reportable(kg: KnowledgeGraph) -> None:
    verdict = kg.reportable("11111", "99990", date="2024-07-01")
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert [e.source for e in verdict.evidence] == ["AOC_synthetic"]


def test_reference_files_are_regulator_sources(kg: KnowledgeGraph) -> None:
    sources = {s.id: s for s in kg.sources()}
    for name in ("ccipra-v999r0-f1", "ccioph-v999r0-f1", "AOC_synthetic"):
        assert sources[name].kind == "regulator"
        assert sources[name].authority == 5
        assert len(sources[name].sha256) == 64


def test_a_malformed_row_stops_the_build_and_keeps_the_served_graph(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    corpus, _, store = built
    served = current_build(store)
    broken = write_reference(
        tmp_path / "broken",
        [*PRACTITIONER_ROWS, ["12121", "21212", "", "2020XX01", "*", "0", "Synthetic bad"]],
    )
    with pytest.raises(InputError) as error:
        build(corpus, store, reference=broken)
    assert str(error.value) == (
        "ccipra-v999r0-f1.TXT:11: Effective Date: '2020XX01' is not YYYYMMDD"
    )
    assert current_build(store) == served
    assert open_graph(store).reportable("11111", "22222", date="2024-07-01").evidence


def test_two_releases_of_one_table_stop_the_build(tmp_path: Path) -> None:
    reference = write_reference(tmp_path / "reference", PRACTITIONER_ROWS)
    shutil.copy(reference / "ccipra-v999r0-f1.TXT", reference / "ccipra-v998r0-f1.TXT")
    with pytest.raises(InputError) as error:
        build(CORPUS, tmp_path / "store", reference=reference)
    assert "ccipra-v998r0-f1" in str(error.value) and "ccipra-v999r0-f1" in str(error.value)


def test_a_missing_reference_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="reference directory .* does not exist"):
        build(CORPUS, tmp_path / "store", reference=tmp_path / "nowhere")


def test_claim_check_flags_units_over_the_mue_per_day(kg: KnowledgeGraph) -> None:
    lines = [ClaimLine("11111", units=2), ClaimLine("11111"), ClaimLine("33333")]
    result = kg.check_claim(lines, date="2024-07-01")
    mue = [f for f in result.flags if f.kind is FlagKind.MUE]
    assert [(f.lines, f.source) for f in mue] == [
        ((1, 2), "MCR_MUE_PractitionerServices_Eff_10-01-2025")
    ]
    assert "3 units of 11111 exceed its MUE of 2 per day" in mue[0].message
    within = kg.check_claim([ClaimLine("11111", units=2)], date="2024-07-01")
    assert not within.flags


def test_claim_check_flags_pairs_and_honours_modifiers(kg: KnowledgeGraph) -> None:
    result = kg.check_claim([ClaimLine("11111"), ClaimLine("33333")], date="2024-07-01")
    (flag,) = result.flags
    assert flag.kind is FlagKind.PAIR and flag.lines == (1, 2)
    assert flag.source == "ccipra-v999r0-f1" and flag.source_line == 5
    distinct = kg.check_claim(
        [ClaimLine("11111"), ClaimLine("33333", modifiers=("XS",))], date="2024-07-01"
    )
    assert not distinct.flags
    assert distinct.pairs[0].verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE


def test_claim_check_flags_an_add_on_without_its_primary(kg: KnowledgeGraph) -> None:
    alone = kg.check_claim([ClaimLine("99990"), ClaimLine("22222")], date="2024-07-01")
    assert [(f.kind, f.lines) for f in alone.flags if f.kind is FlagKind.ADDON] == [
        (FlagKind.ADDON, (1,))
    ]
    with_primary = kg.check_claim([ClaimLine("99990"), ClaimLine("11111")], date="2024-07-01")
    assert not [f for f in with_primary.flags if f.kind is FlagKind.ADDON]
    contractor = kg.check_claim([ClaimLine("99991"), ClaimLine("22222")], date="2024-07-01")
    assert not [f for f in contractor.flags if f.kind is FlagKind.ADDON]


def test_claim_check_rejects_bad_lines(kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="at least one line"):
        kg.check_claim([])
    with pytest.raises(InputError) as error:
        kg.check_claim([ClaimLine("11111", units=0)])
    assert error.value.field == "lines.0.units"
