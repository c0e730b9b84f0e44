"""The syntax of billing codes and code ranges (bundlekg.codes)."""

from __future__ import annotations

import pytest

from bundlekg.codes import (
    CodeSystem,
    code_system,
    expand_range,
    is_range,
    normalise_code,
    one_for_one,
)


@pytest.mark.parametrize(
    ("code", "system"),
    [
        ("62323", CodeSystem.CPT),
        ("00100", CodeSystem.CPT),
        ("0001F", CodeSystem.CPT),
        ("0042T", CodeSystem.CPT),
        ("0001U", CodeSystem.CPT),
        ("G0260", CodeSystem.HCPCS),
        ("J1040", CodeSystem.HCPCS),
        ("M48.062", CodeSystem.ICD10CM),
        ("M54.16", CodeSystem.ICD10CM),
        ("U07.1", CodeSystem.ICD10CM),
        ("M54", CodeSystem.ICD10CM),
    ],
)
def test_code_system_of_valid_codes(code: str, system: CodeSystem) -> None:
    assert code_system(code) is system


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("62323", "62323"),
        (" 62323 ", "62323"),
        ("0001f", "0001F"),
        ("g0260", "G0260"),
        (" m48.062\n", "M48.062"),
        ("u07.1", "U07.1"),
    ],
)
def test_normalise_code_strips_and_upper_cases(written: str, normalised: str) -> None:
    assert normalise_code(written) == normalised


@pytest.mark.parametrize("text", ["6232", "ABCDE", "623234", "W0260", "62.323", "", "M4"])
def test_malformed_codes_are_rejected_with_the_accepted_shapes(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalise_code(text)
    message = str(caught.value)
    assert repr(text.strip().upper()) in message
    assert "is not a CPT" in message
    assert "HCPCS" in message and "ICD-10-CM" in message


def test_code_system_does_not_normalise() -> None:
    with pytest.raises(ValueError, match="is not a CPT"):
        code_system("g0260")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("77001-77003", ["77001", "77002", "77003"]),
        ("62320 through 62327", [f"6232{n}" for n in range(8)]),
        ("77001 – 77003", ["77001", "77002", "77003"]),
        ("0001F-0003F", ["0001F", "0002F", "0003F"]),
        ("G0260-G0262", ["G0260", "G0261", "G0262"]),
        ("00100-00102", ["00100", "00101", "00102"]),
        ("62323", ["62323"]),
        ("m48.062", ["M48.062"]),
    ],
)
def test_expand_range(text: str, codes: list[str]) -> None:
    assert expand_range(text) == codes


def test_range_of_exactly_a_thousand_codes_is_allowed() -> None:
    codes = expand_range("10000-10999")
    assert len(codes) == 1000
    assert codes[0] == "10000" and codes[-1] == "10999"


def test_is_range() -> None:
    assert is_range("77001-77003")
    assert is_range("62320 through 62327")
    assert not is_range("62323")
    assert not is_range("M48.062")


def test_reversed_range_is_rejected() -> None:
    with pytest.raises(ValueError) as caught:
        expand_range("77003-77001")
    assert str(caught.value) == "range '77003-77001' ends before it starts"


def test_range_over_a_thousand_codes_is_rejected() -> None:
    with pytest.raises(ValueError) as caught:
        expand_range("10000-11000")
    assert str(caught.value) == "range '10000-11000' spans more than 1000 codes"


@pytest.mark.parametrize("text", ["62323-G0260", "0001F-00030", "0001F-0003T", "A1234-B1234"])
def test_range_with_ends_of_different_kinds_is_rejected(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        expand_range(text)
    assert str(caught.value) == f"range {text!r}: both ends must be codes of the same kind"


@pytest.mark.parametrize(("text", "bad"), [("6232-62323", "6232-62323"), ("62323-6232X", "6232X")])
def test_range_with_a_malformed_end_is_rejected(text: str, bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        expand_range(text)
    assert f"{bad!r} is not a CPT" in str(caught.value)


@pytest.mark.parametrize("text", ["6232", "ABCDE"])
def test_expand_range_rejects_a_malformed_single_code(text: str) -> None:
    with pytest.raises(ValueError, match="is not a CPT"):
        expand_range(text)


@pytest.mark.parametrize(
    "code",
    [
        "0001A",  # SARS-CoV-2 vaccine administration, first dose (CPT Category I)
        "0004A",
        "0002M",  # multianalyte assay with algorithmic analysis (CPT administrative MAAA code)
        "0018M",
    ],
)
def test_cpt_codes_ending_in_a_or_m_are_cpt(code: str) -> None:
    # CPT has five-character codes ending in A (vaccine administration) and M (MAAA); CMS's
    # PTP and MUE tables list them, so rejecting them stops the import of a real file.
    assert code_system(code) is CodeSystem.CPT
    assert normalise_code(code.lower()) == code


def test_ranges_of_one_length_replace_one_for_one() -> None:
    assert one_for_one(["0213T", "0214T"], ["64490", "64491"]) == [
        ("0213T", "64490"),
        ("0214T", "64491"),
    ]
    assert one_for_one(["62324", "62326"], ["62322"]) == [("62324", "62322"), ("62326", "62322")]
    assert one_for_one([], ["64490", "64491"]) == [(None, "64490"), (None, "64491")]
