"""Sentences keep their offsets, and a line wrapped inside a sentence goes on."""

from __future__ import annotations

from bundlekg.extract.sentences import split_sentences


def test_a_line_wrapped_inside_a_sentence_goes_on() -> None:
    text = (
        "Fluoroscopic guidance (77003) and CT\n"
        "guidance (77012) shall not be reported with 62321 or 62323,\n"
        "64479 and 64483.\n"
        "Imaging Guidance\n"
        "62320  Injection, interlaminar; without imaging guidance\n"
        "62321    with imaging guidance\n"
        "         Do not report 77003 with 62321.\n"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Fluoroscopic guidance (77003) and CT\nguidance (77012) shall not be reported with 62321 "
        "or 62323,\n64479 and 64483.",
        "Imaging Guidance",
        "62320  Injection, interlaminar; without imaging guidance",
        "62321    with imaging guidance",
        "Do not report 77003 with 62321.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.line for s in sentences] == [0, 3, 4, 5, 6]


def test_a_row_of_a_comma_separated_export_splits_at_its_cells() -> None:
    text = (
        'code,notes,more\n62321,"Report 62320 instead. Never add 77003.",\n'
        "64483, 64484 and 64485 are listed, not split.\n"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "code,notes,more",
        "62321",
        "Report 62320 instead.",
        "Never add 77003.",
        "64483, 64484 and 64485 are listed, not split.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_modality_abbreviation_given_as_a_full_word_ends_a_sentence() -> None:
    text = "62321 includes fluoroscopy or CT. 77012 is not billed with it."
    assert [s.text for s in split_sentences(text)] == [text]
    assert [s.text for s in split_sentences(text, ["ct"])] == [
        "62321 includes fluoroscopy or CT.",
        "77012 is not billed with it.",
    ]


def test_a_passage_quoted_in_a_sentence_is_split_where_its_sentences_end() -> None:
    text = (
        'The rep said: "Codes 62321 and 62323 include guidance. Code 77003 is not billed with '
        'these codes." Thanks.'
    )
    found = split_sentences(text)
    assert [s.text for s in found] == [
        'The rep said: "Codes 62321 and 62323 include guidance.',
        'Code 77003 is not billed with these codes."',
        "Thanks.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def _wrapped(lines: list[str]) -> str:
    """A text hard-wrapped near one width, as a PDF's text layer gives it."""
    filler = "The clinic follows the written procedure for every claim it submits to a payer."
    return "\n".join([filler] * 10 + lines) + "\n"


def test_a_line_wrapped_at_the_width_before_a_code_goes_on() -> None:
    text = _wrapped(
        [
            "Trigger point injections are coded separately, and nobody shall report 76000 with",
            "20552. Code 20553 covers three or more muscles.",
            "64483 Injection, anesthetic agent and/or steroid, transforaminal epidural",
            "64484 each additional level",
        ]
    )
    sentences = [s.text for s in split_sentences(text)]
    assert (
        "Trigger point injections are coded separately, and nobody shall report 76000 with\n20552."
        in sentences
    )
    # a code list's next entry opens a line of its own
    assert "64484 each additional level" in sentences


def test_a_page_break_inside_a_sentence_goes_on() -> None:
    text = _wrapped(
        ["Moderate sedation is not", "", "separately reportable with 62323.", "", "Next"]
    )
    assert "Moderate sedation is not\n\nseparately reportable with 62323." in [
        s.text for s in split_sentences(text)
    ]
    # a text whose paragraphs are not wrapped keeps a blank line as a break
    assert [s.text for s in split_sentences("Coding notes\n\nsee the policy.")] == [
        "Coding notes",
        "see the policy.",
    ]


def test_a_range_wrapped_after_through_goes_on() -> None:
    text = (
        "Ultrasound guidance (76942) shall not be reported with any code in the range 20604 "
        "through\n20611, whether or not images were saved.\n"
        "64490,Injection,77003\n"
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[0] == (
        "Ultrasound guidance (76942) shall not be reported with any code in the range 20604 "
        "through\n20611, whether or not images were saved."
    )
    # a comma with no space after it still opens a row of an export
    assert sentences[1:] == ["64490", "Injection", "77003"]


def test_an_answer_no_before_a_code_ends_its_sentence() -> None:
    assert [s.text for s in split_sentences("No. 64484 is an add-on to 64483.")] == [
        "No.",
        "64484 is an add-on to 64483.",
    ]
    assert [s.text for s in split_sentences("Dana Lee: No. 76942 is part of 20611.")] == [
        "Dana Lee: No.",
        "76942 is part of 20611.",
    ]
    # "No." after a noun is "number"
    text = "Advisory Opinion No. 26-07 covers 64483."
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_line_wrapped_at_the_width_before_a_parenthesis_goes_on() -> None:
    text = _wrapped(
        [
            "Facet joint injections are billed with 64490 for the neck or the upper back and 64493",
            "(lumbar or sacral, single level), with add-on codes for further levels.",
        ]
    )
    assert (
        "Facet joint injections are billed with 64490 for the neck or the upper back and 64493"
        "\n(lumbar or sacral, single level), with add-on codes for further levels."
        in [s.text for s in split_sentences(text)]
    )
