"""The grammar file: every phrase is text, so none is silently read as a boolean."""

from __future__ import annotations

import pytest
import yaml

from bundlekg.errors import InputError
from bundlekg.extract.lexicon import _check_phrases, load_lexicon


def test_the_bundled_grammar_loads_and_its_bare_words_are_text() -> None:
    lexicon = load_lexicon()
    assert "on" in lexicon.words("not_together", "links")
    assert "on" in lexicon.words("topic", "openers")


def test_a_bare_yaml_boolean_among_phrases_is_refused_with_its_place() -> None:
    data = yaml.safe_load("not_together:\n  links: [with, on, to]\n")
    with pytest.raises(InputError) as raised:
        _check_phrases(data, [])
    assert raised.value.field == "not_together.links"
    assert "quote it" in str(raised.value)
