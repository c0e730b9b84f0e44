"""Names a document gives its codes, and the definite phrases that use them."""

from __future__ import annotations

from bundlekg.extract.aliases import alias_mentions, find_aliases
from bundlekg.extract.lexicon import load_lexicon
from bundlekg.extract.mentions import find_mentions


def _names(text: str) -> dict[str, list[str]]:
    lexicon = load_lexicon()
    found = find_aliases(text, 0, find_mentions(text, 0, lexicon), lexicon)
    return {alias.head: [m.value for m in alias.codes] for alias in found}


def test_a_noun_before_parenthesised_codes_and_words_after_a_code_name_it() -> None:
    assert _names("A medial branch block (64493) and 64635 (lumbar RFA) were done.") == {
        "block": ["64493"],
        "rfa": ["64635"],
    }
    assert _names("Radiofrequency ablations (64633, 64635) are per joint.") == {
        "ablation": ["64633", "64635"]
    }


def test_general_words_and_parentheses_with_more_than_codes_name_nothing() -> None:
    assert _names("Report the code (64493) once.") == {}
    assert _names("The block (64493 for lumbar) is billed once.") == {}


def test_a_definite_phrase_after_the_name_becomes_a_mention_of_its_code() -> None:
    lexicon = load_lexicon()
    text = "A facet block (64493) done with the ablation 64635: the block is incidental."
    mentions = find_mentions(text, 0, lexicon)
    names = find_aliases(text, 0, mentions, lexicon)
    found = alias_mentions(text, 0, len(text), mentions, names)
    assert [(m.value, text[m.start : m.end]) for m in found] == [("64493", "the block")]


def test_a_sentence_that_opens_with_a_procedure_reported_with_codes_names_them() -> None:
    assert _names("Facet joint injections are reported with 64490-64495 in this policy.") == {
        "injection": ["64490-64495"]
    }
    assert _names("The code is reported with 64493.") == {}


def test_a_name_given_to_codes_outweighs_the_kind_the_phrase_also_names() -> None:
    lexicon = load_lexicon()
    text = "A facet injection (64493) done with an ablation (64635): the injection is incidental."
    mentions = find_mentions(text, 0, lexicon)
    assert any(
        m.kind.value == "category" and text[m.start : m.end] == "the injection" for m in mentions
    )
    found = alias_mentions(text, 0, len(text), mentions, find_aliases(text, 0, mentions, lexicon))
    assert [(m.value, text[m.start : m.end]) for m in found] == [("64493", "the injection")]


def test_a_phrase_qualified_otherwise_than_the_name_is_another_thing() -> None:
    lexicon = load_lexicon()
    text = "Trigger point injections (20552) done with 64493 are part of the facet injection."
    mentions = find_mentions(text, 0, lexicon)
    names = find_aliases(text, 0, mentions, lexicon)
    assert alias_mentions(text, 0, len(text), mentions, names) == []
