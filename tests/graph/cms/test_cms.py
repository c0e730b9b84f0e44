"""Reading CMS reference files (issue 9) from SYNTHETIC files written by conftest.py."""

from __future__ import annotations

import inspect
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from bundlekg.cms import (
    AOCRow,
    MUERow,
    PTPRow,
    ReferenceTable,
    Setting,
    TableKind,
    discover,
    normalise_header,
    read_rows,
)
from bundlekg.errors import InputError

from .conftest import (
    AOC_HEADER,
    MUE_HEADER,
    MUE_ROWS,
    PTP_HEADER,
    PTP_ROWS,
    SYNTHETIC,
    ptp_xlsx_rows,
    text_table,
    write_zip,
    xlsx_bytes,
)

REPO = Path(__file__).resolve().parents[3]


def only(directory: Path) -> ReferenceTable:
    [table] = discover(directory)
    return table


def ptp_rows(table: ReferenceTable) -> list[PTPRow]:
    rows = list(read_rows(table))
    assert all(isinstance(row, PTPRow) for row in rows)
    return [row for row in rows if isinstance(row, PTPRow)]


def error_of(table: ReferenceTable) -> str:
    with pytest.raises(InputError) as caught:
        list(read_rows(table))
    return str(caught.value)


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Column 1", "column 1"),
        ("COLUMN 1", "column 1"),
        ("*=in existence prior to 1996", "in existence prior to 1996"),
        (
            "Modifier\n0=not allowed\n1=allowed\n9=not applicable",
            "modifier 0 not allowed 1 allowed 9 not applicable",
        ),
        ("HCPCS/CPT Code", "hcpcs cpt code"),
        ("Outpatient Hospital Services  MUE Values", "outpatient hospital services mue values"),
        ("Add-on Code Effective Date", "addon code effective date"),
    ],
)
def test_header_cells_are_normalised(cell: str, expected: str) -> None:
    assert normalise_header(cell) == expected


def test_ptp_txt_found_through_preamble_blank_lines_crlf_and_split_header(
    ptp_txt: Path, reference: Path
) -> None:
    table = only(reference)
    assert table == ReferenceTable(
        name="ccipra-v323r0-f1",
        path=ptp_txt,
        member=None,
        format="txt",
        kind=TableKind.PTP,
        setting=Setting.PRACTITIONER,
        release="32.3",
        part="f1",
        effective=None,
        header_line=5,
    )
    assert table.table_key == (TableKind.PTP, Setting.PRACTITIONER, "f1")
    assert table.location == "ccipra-v323r0-f1.TXT"


def test_every_ptp_column_is_parsed(ptp_txt: Path, reference: Path) -> None:
    assert list(read_rows(only(reference))) == [
        PTPRow(
            column1="11111",
            column2="22222",
            prior_1996=True,
            effective=date(1996, 1, 1),
            deletion=None,
            modifier="1",
            rationale="Synthetic rationale one",
            line=8,
            raw="11111\t22222\t*\t19960101\t*\t1\tSynthetic rationale one",
        ),
        PTPRow(
            "11111",
            "22223",
            False,
            date(2020, 4, 1),
            date(2020, 12, 31),
            "0",
            "Synthetic rationale two",
            9,
            "11111\t22223\t\t20200401\t20201231\t0\tSynthetic rationale two",
        ),
        PTPRow(
            "11112",
            "G0001",
            False,
            date(2021, 1, 1),
            date(2021, 1, 1),
            "9",
            "Synthetic rationale three",
            10,
            "11112\tG0001\t\t20210101\t20210101\t9\tSynthetic rationale three",
        ),
    ]


def test_lf_line_endings_and_trailing_blank_lines(reference: Path) -> None:
    text = text_table(PTP_HEADER, PTP_ROWS[:1], newline="\n") + "\n\t\t\t\n   \n"
    (reference / "ccipra-v323r0-f2.txt").write_text(text)
    table = only(reference)
    assert (table.header_line, table.part) == (3, "f2")
    [row] = read_rows(table)
    assert (row.line, row.raw) == (4, "\t".join(PTP_ROWS[0]))


def test_xlsx_header_split_over_four_rows(ptp_xlsx: Path, reference: Path) -> None:
    table = only(reference)
    assert (table.format, table.kind, table.header_line) == ("xlsx", TableKind.PTP, 3)
    rows = ptp_rows(table)
    assert [(r.column1, r.column2, r.prior_1996, r.modifier, r.line) for r in rows] == [
        ("11111", "22222", True, "1", 7),
        ("11111", "22223", False, "0", 8),
        ("11112", "G0001", False, "9", 9),
    ]
    assert rows[1].deletion == date(2020, 12, 31)
    assert rows[0].raw == "11111\t22222\t*\t19960101\t*\t1\tSynthetic rationale one"


def test_xlsx_header_cell_with_line_breaks_is_named_by_its_first_line(reference: Path) -> None:
    header = [*PTP_HEADER[:5], "Modifier\n0=not allowed\n1=allowed\n9=not applicable", "Note"]
    rows = [[SYNTHETIC], header, ["11111", "22222", "", "20200101", "*", "5", "x"]]
    (reference / "ccioph-v323r0.xlsx").write_bytes(xlsx_bytes(rows))
    table = only(reference)
    assert table.setting is Setting.HOSPITAL
    assert error_of(table) == (
        "ccioph-v323r0.xlsx:3: Modifier: '5' is not a modifier indicator "
        "(0 = not allowed, 1 = allowed, 9 = not applicable)"
    )


def test_xlsx_table_on_a_later_sheet(reference: Path) -> None:
    content = xlsx_bytes(ptp_xlsx_rows(split_header=False), sheets=["Disclaimer"])
    (reference / "ccipra-v323r0-f3.xlsx").write_bytes(content)
    table = only(reference)
    assert (table.sheet, table.header_line) == ("Table", 3)
    assert len(list(read_rows(table))) == 3


def test_excel_numbers_that_lost_leading_zeros_are_codes_again(reference: Path) -> None:
    rows: list[list[object]] = [[*PTP_HEADER], [100, 1234, None, 20200101, "*", 1, "Synthetic"]]
    (reference / "ccipra-v323r0-f4.xlsx").write_bytes(xlsx_bytes(rows))
    [row] = read_rows(only(reference))
    assert isinstance(row, PTPRow)
    assert (row.column1, row.column2) == ("00100", "01234")


def test_header_past_the_scanned_rows_is_not_found(reference: Path) -> None:
    text = text_table(PTP_HEADER, PTP_ROWS, preamble=[SYNTHETIC] * 70, blank_lines=0)
    (reference / "ccipra-v323r0-f1.TXT").write_text(text)
    with pytest.raises(InputError, match="no known CMS table header in the first 60 rows"):
        discover(reference)


# --------------------------------------------------------------------------- MUE and AOC


def test_mue_csv(mue_csv: Path, reference: Path) -> None:
    table = only(reference)
    assert (table.kind, table.setting, table.format) == (TableKind.MUE, Setting.PRACTITIONER, "csv")
    assert (table.effective, table.release, table.part, table.header_line) == (
        date(2025, 10, 1),
        None,
        None,
        5,
    )
    rows = list(read_rows(table))
    assert rows[0] == MUERow(
        code="11111",
        units=1,
        adjudication="2",
        adjudication_text="2 Date of Service Edit: Policy",
        rationale="Synthetic anatomic consideration",
        line=6,
        raw="\t".join(MUE_ROWS[0]),
    )
    assert [(r.code, r.units, r.adjudication) for r in rows if isinstance(r, MUERow)] == [
        ("11111", 1, "2"),
        ("G0001", 0, "1"),
        ("22222", 12, "3"),
    ]


@pytest.mark.parametrize(
    ("value_column", "setting"),
    [
        ("Outpatient Hospital Services MUE Values", Setting.HOSPITAL),
        ("DME Supplier Services MUE Values", Setting.DME),
        ("Practitioner Services MUE Values", Setting.PRACTITIONER),
    ],
)
def test_mue_setting_from_the_value_column(
    reference: Path, value_column: str, setting: Setting
) -> None:
    header = [MUE_HEADER[0], value_column, *MUE_HEADER[2:]]
    (reference / "mue-table.csv").write_text(text_table(header, MUE_ROWS, separator=","))
    assert only(reference).setting is setting


def test_mue_setting_from_the_file_name(reference: Path) -> None:
    header = [MUE_HEADER[0], "MUE Values", *MUE_HEADER[2:]]
    rows = [[SYNTHETIC], header, *MUE_ROWS]
    name = "MCR_MUE_OutpatientHospitalServices_Eff_01-01-2026.xlsx"
    (reference / name).write_bytes(xlsx_bytes(rows))
    table = only(reference)
    assert (table.setting, table.effective) == (Setting.HOSPITAL, date(2026, 1, 1))


def test_aoc_julian_and_yyyymmdd_dates(aoc_xlsx: Path, reference: Path) -> None:
    table = only(reference)
    assert (table.kind, table.release, table.setting) == (
        TableKind.AOC,
        "2024Q2",
        Setting.PRACTITIONER,
    )
    first, contractor, third = read_rows(table)
    assert first == AOCRow(
        addon="33333",
        primary="11111",
        contractor_defined=False,
        aoc_type="1",
        addon_effective=date(2010, 1, 1),
        addon_deletion=None,
        primary_effective=date(2010, 2, 1),
        primary_deletion=None,
        edit_effective=date(2010, 1, 1),
        edit_deletion=None,
        notes="",
        line=4,
        raw="33333\t2010001\t\t11111\t2010032\t*\t1\t2010001",
    )
    assert isinstance(contractor, AOCRow) and isinstance(third, AOCRow)
    assert (contractor.primary, contractor.contractor_defined, contractor.aoc_type) == (
        None,
        True,
        "2",
    )
    assert (contractor.addon_effective, contractor.edit_effective, contractor.edit_deletion) == (
        date(2010, 1, 1),
        date(2012, 2, 29),
        date(2016, 12, 31),
    )
    assert contractor.notes == "Synthetic note"
    assert (third.aoc_type, third.addon_effective, third.edit_effective) == (
        "3",
        date(2024, 1, 1),
        date(2024, 1, 1),
    )


def test_aoc_abbreviated_headers(reference: Path) -> None:
    header = [
        "Primary Code",
        "Add-On Code",
        "AOC Edit Type",
        "AOC Del Dt (Julian)",
        "Primary Code Del Dt",
        "AOC Edit Eff Dt",
        "AOC Edit Del Dt",
        "Special Instruction Notes",
    ]
    rows = [["11111", "33333", "Type II", "2015365", "", "2010001", "*", "Synthetic"]]
    (reference / "aoc.csv").write_text(text_table(header, rows, separator=","))
    [row] = read_rows(only(reference))
    assert isinstance(row, AOCRow)
    assert (row.addon, row.primary, row.aoc_type) == ("33333", "11111", "2")
    assert (row.addon_deletion, row.edit_effective, row.edit_deletion) == (
        date(2015, 12, 31),
        date(2010, 1, 1),
        None,
    )
    assert row.addon_effective is None and row.primary_effective is None


# --------------------------------------------------------------------------- zips


def test_zip_with_txt_and_xlsx_keeps_the_txt(ptp_zip: Path, reference: Path) -> None:
    table = only(reference)
    assert (table.path, table.member, table.format, table.name) == (
        ptp_zip,
        "ccipra-v323r0-f1.TXT",
        "txt",
        "ccipra-v323r0-f1",
    )
    assert table.location == "ccipra-v323r0-f1.zip!ccipra-v323r0-f1.TXT"
    assert [r.line for r in read_rows(table)] == [4, 5, 6]
    assert not (reference / "ccipra-v323r0-f1.TXT").exists()


def test_zip_holding_only_the_xlsx(reference: Path) -> None:
    write_zip(reference / "ccioph-v323r0.zip", {"ccioph-v323r0.xlsx": xlsx_bytes(ptp_xlsx_rows())})
    table = only(reference)
    assert (table.member, table.setting, table.release) == (
        "ccioph-v323r0.xlsx",
        Setting.HOSPITAL,
        "32.3",
    )
    assert len(list(read_rows(table))) == 3


def test_zip_without_a_table(reference: Path) -> None:
    write_zip(reference / "docs.zip", {"README.txt": SYNTHETIC, "guide.pdf": b"%PDF"})
    with pytest.raises(InputError) as caught:
        discover(reference)
    message = str(caught.value)
    assert message.startswith("docs.zip: holds no known CMS table (looked at: README.txt)")
    assert "Column 1" in message and "HCPCS/CPT Code" in message


def test_same_release_loose_and_zipped_is_one_table(ptp_zip: Path, ptp_txt: Path) -> None:
    table = only(ptp_txt.parent)
    assert (table.path, table.member) == (ptp_txt, None)


# --------------------------------------------------------------------------- errors


def test_unknown_layout_names_the_file_and_what_was_expected(reference: Path) -> None:
    (reference / "notes.csv").write_text("Synthetic,table,of,nothing\n1,2,3,4\n")
    with pytest.raises(InputError) as caught:
        discover(reference)
    message = str(caught.value)
    assert message.startswith("notes.csv: no known CMS table header in the first 60 rows")
    for expected in ("Column 1", "Effective Date", "HCPCS/CPT Code", "Add-on Code"):
        assert expected in message
    assert "inferred from public descriptions" in message


def test_unknown_setting(reference: Path) -> None:
    (reference / "edits.txt").write_text(text_table(PTP_HEADER, PTP_ROWS))
    with pytest.raises(InputError, match=r"^edits\.txt: cannot tell which setting"):
        discover(reference)


def _ptp_with(column: int, value: str, good_rows: int = 40) -> str:
    bad = list(PTP_ROWS[0])
    bad[column] = value
    return text_table(PTP_HEADER, [*(PTP_ROWS[:1] * good_rows), bad])


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (3, "2020XX01", "Effective Date: '2020XX01' is not YYYYMMDD"),
        (3, "20200230", "Effective Date: '20200230' is not a valid date (YYYYMMDD)"),
        (3, "", "Effective Date: empty: expected a date, YYYYMMDD"),
        (4, "2020-12-31", "Deletion Date: '2020-12-31' is not YYYYMMDD; expected YYYYMMDD, or *"),
        (5, "2", "Modifier: '2' is not a modifier indicator (0 = not allowed, 1 = allowed, 9 = "),
        (0, "1111", "Column 1: '1111' is not a CPT or HCPCS code"),
        (1, "M54.16", "Column 2: 'M54.16' is not a CPT or HCPCS code"),
        (2, "Y", "*=in existence prior to 1996: 'Y' is not * (in existence prior to 1996)"),
    ],
)
def test_malformed_ptp_row_names_file_line_and_column(
    reference: Path, column: int, value: str, message: str
) -> None:
    (reference / "ccipra-v323r0-f1.TXT").write_text(_ptp_with(column, value))
    assert error_of(only(reference)).startswith(f"ccipra-v323r0-f1.TXT:44: {message}")


def test_empty_key_cell_after_the_data_started_is_malformed(reference: Path) -> None:
    (reference / "ccipra-v323r0-f1.TXT").write_text(_ptp_with(0, "", good_rows=2))
    assert error_of(only(reference)) == (
        "ccipra-v323r0-f1.TXT:6: Column 1: empty: expected a CPT or HCPCS code"
    )


def test_malformed_row_in_a_zip_names_archive_and_member(reference: Path) -> None:
    write_zip(
        reference / "ccipra-v323r0-f1.zip", {"ccipra-v323r0-f1.TXT": _ptp_with(3, "2020XX01")}
    )
    assert error_of(only(reference)) == (
        "ccipra-v323r0-f1.zip!ccipra-v323r0-f1.TXT:44: Effective Date: '2020XX01' is not YYYYMMDD"
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (0, "1111X", "HCPCS/CPT Code: '1111X' is not a CPT or HCPCS code"),
        (1, "-1", "Practitioner Services MUE Values: '-1' is not a whole number of units"),
        (1, "2.5", "Practitioner Services MUE Values: '2.5' is not a whole number of units"),
        (2, "4 Synthetic", "MUE Adjudication Indicator: '4 Synthetic' does not start with"),
        (2, "12 Synthetic", "MUE Adjudication Indicator: '12 Synthetic' does not start with"),
    ],
)
def test_malformed_mue_row(reference: Path, column: int, value: str, message: str) -> None:
    bad = list(MUE_ROWS[0])
    bad[column] = value
    text = text_table(MUE_HEADER, [MUE_ROWS[0], bad], separator=",")
    (reference / "MCR_MUE_PractitionerServices_Eff_10-01-2025.csv").write_text(text)
    expected = f"MCR_MUE_PractitionerServices_Eff_10-01-2025.csv:5: {message}"
    assert error_of(only(reference)).startswith(expected)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (6, "4", "AOC Edit Type: '4' is not an AOC edit type 1, 2 or 3"),
        (1, "2023366", "Add-on Code Effective Date: '2023366' is not a valid Julian date"),
        (7, "201001", "AOC Edit Effective Date: '201001' is not a Julian YYYYDDD or a YYYYMMDD"),
        (3, "ABCDE", "Primary Code: 'ABCDE' is not a CPT or HCPCS code"),
    ],
)
def test_malformed_aoc_row(reference: Path, column: int, value: str, message: str) -> None:
    bad = ["33333", "2010001", "", "11111", "", "", "1", "2010001", "", ""]
    bad[column] = value
    (reference / "AOC_V2024Q2-MCR.xlsx").write_bytes(xlsx_bytes([AOC_HEADER, bad]))
    assert error_of(only(reference)).startswith(f"AOC_V2024Q2-MCR.xlsx:2: {message}")


def test_cp1252_text_is_decoded_and_kept(reference: Path) -> None:
    text = text_table(PTP_HEADER, [])
    data = text.encode("ascii")
    data += b"11111\t22222\t\t20200101\t*\t1\tSynthetic \x96 dash\r\n"
    data += "11111\t22223\t\t20200101\t*\t1\tSynthetic caf\u00e9\r\n".encode()
    (reference / "ccipra-v323r0-f1.TXT").write_bytes(data)
    first, second = read_rows(only(reference))
    assert isinstance(first, PTPRow) and isinstance(second, PTPRow)
    assert first.rationale == "Synthetic \u2013 dash"
    assert first.raw.endswith("Synthetic \u2013 dash")
    assert second.rationale == "Synthetic caf\u00e9"


def test_utf8_byte_order_mark_is_dropped(reference: Path) -> None:
    text = "\ufeff" + text_table(MUE_HEADER, MUE_ROWS, preamble=(), blank_lines=0, separator=",")
    (reference / "mue.csv").write_text(text)
    table = only(reference)
    assert (table.header_line, table.setting) == (1, Setting.PRACTITIONER)
    assert len(list(read_rows(table))) == 3


# --------------------------------------------------------------------------- releases, settings


def test_two_releases_of_one_table_stop_with_both_names(reference: Path) -> None:
    (reference / "ccipra-v323r0-f1.TXT").write_text(text_table(PTP_HEADER, PTP_ROWS))
    write_zip(
        reference / "ccipra-v324r0-f1.zip",
        {"ccipra-v324r0-f1.TXT": text_table(PTP_HEADER, PTP_ROWS)},
    )
    with pytest.raises(InputError) as caught:
        discover(reference)
    message = str(caught.value)
    assert "two releases of the same table (PTP table, practitioner, part f1)" in message
    assert "ccipra-v323r0-f1.TXT (release 32.3)" in message
    assert "ccipra-v324r0-f1.zip!ccipra-v324r0-f1.TXT (release 32.4)" in message


def test_two_mue_effective_dates_are_two_releases(reference: Path) -> None:
    text = text_table(MUE_HEADER, MUE_ROWS, separator=",")
    for name in ("Eff_07-01-2025", "Eff_10-01-2025"):
        (reference / f"MCR_MUE_PractitionerServices_{name}.csv").write_text(text)
    with pytest.raises(InputError, match="effective 2025-07-01.*effective 2025-10-01"):
        discover(reference)


def test_parts_and_settings_are_different_tables(reference: Path) -> None:
    text = text_table(PTP_HEADER, PTP_ROWS)
    for name in ("ccipra-v323r0-f1", "ccipra-v323r0-f2", "ccioph-v323r0"):
        (reference / f"{name}.TXT").write_text(text)
    tables = discover(reference)
    assert [(t.setting, t.part, t.release) for t in tables] == [
        (Setting.HOSPITAL, None, "32.3"),
        (Setting.PRACTITIONER, "f1", "32.3"),
        (Setting.PRACTITIONER, "f2", "32.3"),
    ]


def test_release_and_setting_from_the_preamble(reference: Path) -> None:
    preamble = (SYNTHETIC, "Synthetic practitioner PTP edits, Version 32.3")
    (reference / "edits.TXT").write_text(text_table(PTP_HEADER, PTP_ROWS, preamble=preamble))
    table = only(reference)
    assert (table.setting, table.release, table.name) == (Setting.PRACTITIONER, "32.3", "edits")


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a directory"):
        discover(tmp_path / "absent")


# --------------------------------------------------------------------------- streaming


def test_reading_is_lazy(reference: Path) -> None:
    """The first row comes before the file is read to its end: its malformed last row only
    stops the read when it is reached."""
    good = ["11111", "22222", "", "20200101", "*", "1", "Synthetic"]
    rows = [good] * 100_000 + [["11111", "22222", "", "2020XX01", "*", "1", "x"]]
    (reference / "ccipra-v323r0-f1.TXT").write_text(text_table(PTP_HEADER, rows))
    table = only(reference)
    rows_read = read_rows(table)
    assert inspect.isgenerator(rows_read)
    first = next(rows_read)
    assert isinstance(first, PTPRow) and first.line == 4
    with pytest.raises(InputError, match=r":100004: Effective Date"):
        for _ in rows_read:
            pass


def test_reading_an_xlsx_is_lazy(reference: Path) -> None:
    rows = ptp_xlsx_rows()
    rows.insert(-2, ["11111", "22222", None, "bad", "*", 1, "x"])
    (reference / "ccipra-v323r0-f1.xlsx").write_bytes(xlsx_bytes(rows))
    rows_read = read_rows(only(reference))
    assert isinstance(next(rows_read), PTPRow)
    with pytest.raises(InputError, match=r"xlsx:10: Effective Date: 'bad' is not YYYYMMDD"):
        list(rows_read)


def test_benchmark_generator_writes_the_txt_layout(tmp_path: Path) -> None:
    script = REPO / "bench" / "generate_ptp.py"
    outputs = []
    for name in ("one", "two"):
        command = [
            sys.executable,
            str(script),
            "--rows",
            "3000",
            "--output-dir",
            str(tmp_path / name),
        ]
        subprocess.run([*command, "--zip"], check=True, capture_output=True)
        outputs.append((tmp_path / name / "ccipra-v999r0-f1.zip").read_bytes())
    assert outputs[0] == outputs[1]
    table = only(tmp_path / "one")
    assert (table.member, table.setting, table.release, table.header_line) == (
        "ccipra-v999r0-f1.TXT",
        Setting.PRACTITIONER,
        "99.9",
        4,
    )
    rows = [r for r in read_rows(table) if isinstance(r, PTPRow)]
    assert len(rows) == 3000
    assert {r.modifier for r in rows} == {"0", "1", "9"}
    assert all(r.deletion == r.effective for r in rows if r.modifier == "9")
    assert all(r.raw.count("\t") == 6 for r in rows)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ccipra-v323r0-f1.zip", "ccipra-v323r0-f1.zip: is not a readable zip archive"),
        ("ccipra-v323r0-f1.xlsx", "ccipra-v323r0-f1.xlsx: is not a readable .xlsx workbook"),
    ],
)
def test_damaged_files_are_named(reference: Path, name: str, message: str) -> None:
    (reference / name).write_bytes(b"SYNTHETIC: not a zip archive at all")
    with pytest.raises(InputError) as caught:
        discover(reference)
    assert str(caught.value).startswith(message)


def test_excel_dates_are_read_as_dates(reference: Path) -> None:
    rows: list[list[object]] = [
        [*PTP_HEADER],
        ["11111", "22222", None, datetime(2020, 1, 1), date(2020, 3, 31), 0, "Synthetic"],
    ]
    (reference / "ccipra-v323r0-f1.xlsx").write_bytes(xlsx_bytes(rows))
    [row] = ptp_rows(only(reference))
    assert (row.effective, row.deletion) == (date(2020, 1, 1), date(2020, 3, 31))
