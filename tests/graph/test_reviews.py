"""Reading review files (bundlekg.reviews): claims, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundlekg import InputError
from bundlekg.claims import Claim, Stance, Statement, Triple
from bundlekg.reviews import load_reviews, read_review_file

# Line numbers of VALID, used by the error cases below.
VALID = """\
document: doc
claims:
  - id: first
    quote: "Code 00100 is bundled into 01234."
    start: 0
    end: 34
    asserts:
      - [00100, includes, 01234]
      - [77001-77003, addOn, true]
      - frequency: {code: 00100, max: 1, per: session}
  - id: second
    quote: Anesthesia is not reported separately.
    start: 35
    end: 73
    stance: negates
    confidence: 0.75
    by: alice
    asserts:
      - [01234, note, "not reported separately"]
"""
FIRST_CLAIM_LINE = 3
SECOND_CLAIM_LINE = 11


def _write(tmp_path: Path, text: str, name: str = "doc") -> Path:
    path = tmp_path / "reviews" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> InputError:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_review_file(path)
    return caught.value


def _assert_at(error: InputError, line: int, *fragments: str) -> None:
    message = str(error)
    assert f"doc.yaml:{line}: " in message, message
    assert error.line == line
    assert error.path is not None and error.path.name == "doc.yaml"
    for fragment in fragments:
        assert fragment in message, message


def test_valid_file_reads_every_claim(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID)
    first, second = read_review_file(path)
    assert isinstance(first, Claim)
    assert (first.document, first.id, first.start, first.end) == ("doc", "first", 0, 34)
    assert first.quote == "Code 00100 is bundled into 01234."
    assert first.stance is Stance.AFFIRMS
    assert first.confidence == 1.0
    assert first.extracted_by == "review"
    assert first.line == FIRST_CLAIM_LINE
    assert first.origin == path
    triple, add_on, frequency = first.assertions
    assert triple == Triple("00100", "includes", "01234", 8)
    assert add_on == Triple("77001-77003", "addOn", "true", 9)
    assert isinstance(frequency, Statement)
    assert frequency.kind == "frequency"
    assert frequency.get("code") == ("00100",)
    assert frequency.get("max") == ("1",)
    assert frequency.get("per") == ("session",)
    assert frequency.line == 10
    assert second.stance is Stance.NEGATES
    assert second.confidence == 0.75
    assert second.extracted_by == "review:alice"
    assert second.quote == "Anesthesia is not reported separately."
    assert second.line == SECOND_CLAIM_LINE


def test_unquoted_codes_stay_strings_with_their_leading_zeros(tmp_path: Path) -> None:
    (first, _) = read_review_file(_write(tmp_path, VALID))
    triple = first.assertions[0]
    assert isinstance(triple, Triple)
    assert triple.subject == "00100" and isinstance(triple.subject, str)
    assert triple.object == "01234"


def test_statement_with_a_list_value_keeps_every_item(tmp_path: Path) -> None:
    text = VALID.replace(
        "      - frequency: {code: 00100, max: 1, per: session}",
        "      - replacement: {code: 62321, insteadOf: 62323, whenRegion: [thoracic, cervical]}",
    )
    (first, _) = read_review_file(_write(tmp_path, text))
    statement = first.assertions[2]
    assert isinstance(statement, Statement)
    assert statement.get("whenRegion") == ("thoracic", "cervical")
    assert statement.get("insteadOf") == ("62323",)


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    text = "document: doc\nclaims:\n  - id: a\n    quote: x: y: z\n"
    _assert_at(_error(tmp_path, text), 4, "not valid YAML")


def test_tab_indentation_names_the_line(tmp_path: Path) -> None:
    text = "document: doc\nclaims:\n\t- id: a\n"
    _assert_at(_error(tmp_path, text), 3, "not valid YAML")


def test_document_key_must_match_the_file_name(tmp_path: Path) -> None:
    text = VALID.replace("document: doc", "document: other-doc")
    error = _error(tmp_path, text)
    _assert_at(error, 1, "'other-doc'", "doc.yaml", "must agree")
    assert error.field == "document"


def test_duplicate_claim_id_names_both_lines(tmp_path: Path) -> None:
    text = VALID.replace("  - id: second", "  - id: first")
    error = _error(tmp_path, text)
    _assert_at(error, SECOND_CLAIM_LINE, "'first'", f"first on line {FIRST_CLAIM_LINE}")
    assert error.field == "id"


def test_unknown_claim_key_is_named_with_the_allowed_keys(tmp_path: Path) -> None:
    text = VALID.replace("    start: 35\n", "    start: 35\n    colour: red\n")
    _assert_at(_error(tmp_path, text), SECOND_CLAIM_LINE, "unknown key(s) colour", "allowed:")


@pytest.mark.parametrize("key", ["quote", "start", "end", "asserts"])
def test_missing_required_key(tmp_path: Path, key: str) -> None:
    lines = VALID.splitlines(keepends=True)
    second = lines[SECOND_CLAIM_LINE - 1 :]
    kept = [line for line in second if not line.startswith(f"    {key}:")]
    if key == "asserts":
        kept = [line for line in kept if not line.startswith("      - ")]
    text = "".join(lines[: SECOND_CLAIM_LINE - 1] + kept)
    error = _error(tmp_path, text)
    _assert_at(error, SECOND_CLAIM_LINE, f"a claim needs {key!r}")
    assert error.field == key


@pytest.mark.parametrize("value", ["ten", "-1", "3.5", "''"])
def test_non_integer_start_names_its_line(tmp_path: Path, value: str) -> None:
    text = VALID.replace("    start: 35\n", f"    start: {value}\n")
    error = _error(tmp_path, text)
    _assert_at(error, 13, "start: ", "must be a whole number")
    assert error.field == "start"


def test_non_integer_end_names_its_line(tmp_path: Path) -> None:
    text = VALID.replace("    end: 34\n", "    end: end\n")
    error = _error(tmp_path, text)
    _assert_at(error, 6, "end: ", "must be a whole number")


@pytest.mark.parametrize("value", ["1.5", "-0.1", "2"])
def test_confidence_outside_zero_to_one(tmp_path: Path, value: str) -> None:
    text = VALID.replace("confidence: 0.75", f"confidence: {value}")
    error = _error(tmp_path, text)
    _assert_at(error, 16, "confidence: ", "from 0 to 1")
    assert error.field == "confidence"


def test_confidence_that_is_not_a_number(tmp_path: Path) -> None:
    text = VALID.replace("confidence: 0.75", "confidence: high")
    _assert_at(_error(tmp_path, text), 16, "confidence: ", "'high'")


@pytest.mark.parametrize("value", ["0", "1", "1.0", "0.5"])
def test_confidence_bounds_are_inclusive(tmp_path: Path, value: str) -> None:
    text = VALID.replace("confidence: 0.75", f"confidence: {value}")
    (_, second) = read_review_file(_write(tmp_path, text))
    assert second.confidence == float(value)


def test_stance_other_than_affirms_or_negates(tmp_path: Path) -> None:
    text = VALID.replace("stance: negates", "stance: denies")
    error = _error(tmp_path, text)
    _assert_at(error, 15, "affirms or negates", "'denies'")
    assert error.field == "stance"


@pytest.mark.parametrize("triple", ["[00100, includes]", "[00100, includes, 01234, 99999]"])
def test_triple_without_three_parts(tmp_path: Path, triple: str) -> None:
    text = VALID.replace("[00100, includes, 01234]", triple)
    _assert_at(_error(tmp_path, text), 8, "a triple has three parts")


def test_statement_with_two_keys_fails(tmp_path: Path) -> None:
    text = VALID.replace(
        "      - frequency: {code: 00100, max: 1, per: session}",
        "      - {frequency: {code: 00100}, documentation: {code: 00100}}",
    )
    _assert_at(_error(tmp_path, text), 10, "a statement is a mapping with one key")


def test_bad_claim_id(tmp_path: Path) -> None:
    text = VALID.replace("  - id: second", "  - id: Second_Claim")
    _assert_at(_error(tmp_path, text), SECOND_CLAIM_LINE, "'Second_Claim'", "[a-z0-9-]+")


def test_empty_file_fails_naming_it(tmp_path: Path) -> None:
    error = _error(tmp_path, "")
    assert "doc.yaml" in str(error)
    assert "empty" in str(error)


def test_load_reviews_keys_claims_by_document(tmp_path: Path) -> None:
    _write(tmp_path, VALID)
    reviews = load_reviews(tmp_path / "reviews", ["doc", "unreviewed"])
    assert list(reviews) == ["doc"]
    assert [c.id for c in reviews["doc"]] == ["first", "second"]


def test_load_reviews_without_a_reviews_directory_is_empty(tmp_path: Path) -> None:
    assert load_reviews(tmp_path / "reviews", ["doc"]) == {}


def test_review_file_for_a_document_not_in_the_corpus(tmp_path: Path) -> None:
    _write(tmp_path, VALID)
    with pytest.raises(InputError) as caught:
        load_reviews(tmp_path / "reviews", ["another-doc"])
    message = str(caught.value)
    assert "doc.yaml" in message
    assert "'doc'" in message and "not in the corpus" in message


def test_yaml_and_yml_for_one_document_do_not_silently_drop_claims(tmp_path: Path) -> None:
    _write(tmp_path, VALID)
    other = tmp_path / "reviews" / "doc.yml"
    other.write_text(VALID.replace("id: first", "id: third").replace("id: second", "id: fourth"))
    try:
        reviews = load_reviews(tmp_path / "reviews", ["doc"])
    except InputError as error:
        assert "doc.yaml" in str(error) or "doc.yml" in str(error)
    else:
        assert {c.id for c in reviews["doc"]} == {"first", "second", "third", "fourth"}


def test_load_reviews_reports_errors_of_a_file_with_its_name(tmp_path: Path) -> None:
    _write(tmp_path, VALID.replace("stance: negates", "stance: maybe"))
    with pytest.raises(InputError) as caught:
        load_reviews(tmp_path / "reviews", ["doc"])
    assert "doc.yaml:15: " in str(caught.value)
