"""Deciding a verdict from evidence (bundlekg.verdict.decide) as pure logic, with hand-made
evidence, against DESIGN.md section 4."""

from __future__ import annotations

from datetime import date

from bundlekg.verdict import Evidence, Position, Verdict, VerdictKind, decide

A, B = "62323", "77003"


def _evidence(
    position: Position,
    strength: int,
    source: str,
    *,
    modifier: str | None = None,
    report_instead: str | None = None,
    derived_by: tuple[str, ...] | None = None,
) -> Evidence:
    kind = {5: "regulator", 4: "code_set", 3: "coding_reference", 2: "vendor_article"}.get(
        strength, "unknown"
    )
    return Evidence(
        source=source,
        title=f"Title of {source}",
        kind=kind,
        authority=strength,
        quote=f"What {source} says.",
        start=10,
        end=10 + len(f"What {source} says."),
        position=position,
        strength=strength,
        claim=f"claim-of-{source}",
        derived_by=derived_by,
        modifier=modifier,
        report_instead=report_instead,
    )


def _stances(verdict: Verdict) -> dict[str, str]:
    return {e.source: e.stance for e in verdict.evidence}


BUNDLED = Position.BUNDLED
SEPARATE = Position.SEPARATE
WITH_MODIFIER = Position.WITH_MODIFIER
REPORT_INSTEAD = Position.REPORT_INSTEAD


def test_no_evidence_is_unknown() -> None:
    verdict = decide(A, B, [])
    assert verdict.verdict is VerdictKind.UNKNOWN
    assert not verdict.contested
    assert verdict.evidence == ()
    assert verdict.report_instead is None
    assert A in verdict.reason and B in verdict.reason


def test_single_bundled_item() -> None:
    verdict = decide(A, B, [_evidence(BUNDLED, 3, "ref")])
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert not verdict.contested
    assert _stances(verdict) == {"ref": "supports"}
    assert verdict.reason.startswith(f"{B} is not reported separately with {A}")
    assert "ref (coding_reference)" in verdict.reason


def test_single_separate_item() -> None:
    verdict = decide(A, B, [_evidence(SEPARATE, 2, "blog")])
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert not verdict.contested
    assert _stances(verdict) == {"blog": "supports"}


def test_strongest_wins_and_weaker_contradiction_makes_it_contested() -> None:
    items = [_evidence(SEPARATE, 2, "blog"), _evidence(BUNDLED, 3, "ref")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.contested
    assert _stances(verdict) == {"ref": "supports", "blog": "contradicts"}
    assert "ref" in verdict.reason
    assert "weaker sources disagree: blog" in verdict.reason


def test_strongest_separate_beats_weaker_bundled() -> None:
    items = [_evidence(BUNDLED, 2, "blog"), _evidence(SEPARATE, 5, "cms")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert verdict.contested
    assert _stances(verdict) == {"cms": "supports", "blog": "contradicts"}


def test_agreeing_weaker_evidence_does_not_contest() -> None:
    items = [_evidence(BUNDLED, 3, "ref"), _evidence(BUNDLED, 2, "blog")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert not verdict.contested
    assert set(_stances(verdict).values()) == {"supports"}


def test_equal_top_authority_disagreeing_is_conflicting() -> None:
    items = [
        _evidence(BUNDLED, 3, "ref-one"),
        _evidence(SEPARATE, 3, "ref-two"),
        _evidence(SEPARATE, 2, "blog"),
    ]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.CONFLICTING
    assert "ref-one" in verdict.reason
    assert "ref-two" in verdict.reason
    assert "disagree" in verdict.reason
    # In a conflict, supports marks "not billed together" and contradicts "reported separately".
    assert _stances(verdict) == {
        "ref-one": "supports",
        "ref-two": "contradicts",
        "blog": "contradicts",
    }


def test_with_modifier_evidence_gives_with_modifier() -> None:
    verdict = decide(A, B, [_evidence(WITH_MODIFIER, 5, "cms", modifier="59")])
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert not verdict.contested
    assert "59" in verdict.reason
    assert _stances(verdict) == {"cms": "supports"}


def test_qualifying_modifier_given_makes_it_separately_reportable() -> None:
    items = [_evidence(WITH_MODIFIER, 5, "cms", modifier="59")]
    verdict = decide(A, B, items, modifiers=["59"])
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert "with modifier 59" in verdict.reason
    assert verdict.modifiers == ("59",)
    assert _stances(verdict) == {"cms": "supports"}


def test_non_qualifying_modifier_changes_nothing() -> None:
    items = [_evidence(WITH_MODIFIER, 5, "cms", modifier="59"), _evidence(BUNDLED, 2, "blog")]
    without = decide(A, B, items)
    verdict = decide(A, B, items, modifiers=["25"])
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert verdict.verdict is without.verdict
    assert _stances(verdict) == _stances(without) == {"cms": "supports", "blog": "supports"}
    assert verdict.contested is without.contested is False
    assert verdict.modifiers == ("25",)


def test_bundled_and_with_modifier_at_the_top_agree() -> None:
    items = [_evidence(BUNDLED, 3, "ref"), _evidence(WITH_MODIFIER, 3, "ref-two", modifier="XS")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert not verdict.contested
    assert _stances(verdict) == {"ref": "supports", "ref-two": "supports"}


def test_separate_and_with_modifier_at_the_top_conflict_without_the_modifier() -> None:
    items = [_evidence(SEPARATE, 3, "ref"), _evidence(WITH_MODIFIER, 3, "ref-two", modifier="59")]
    assert decide(A, B, items).verdict is VerdictKind.CONFLICTING
    assert decide(A, B, items, modifiers=["59"]).verdict is VerdictKind.SEPARATELY_REPORTABLE


def test_report_instead_evidence_sets_report_instead() -> None:
    items = [
        _evidence(REPORT_INSTEAD, 2, "forum", report_instead="62328"),
        _evidence(SEPARATE, 1, "unknown-source"),
    ]
    verdict = decide("62270", B, items)
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert verdict.report_instead == "62328"
    assert "report 62328 instead" in verdict.reason
    assert _stances(verdict) == {"forum": "supports", "unknown-source": "contradicts"}


def test_report_instead_is_not_given_when_the_pair_is_separately_reportable() -> None:
    items = [
        _evidence(SEPARATE, 5, "cms"),
        _evidence(REPORT_INSTEAD, 2, "forum", report_instead="62328"),
    ]
    verdict = decide("62270", B, items)
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert verdict.report_instead is None
    assert _stances(verdict)["forum"] == "contradicts"


# DESIGN.md section 4: stance is judged by meaning.


def test_bundled_statement_supports_a_with_modifier_verdict() -> None:
    items = [_evidence(WITH_MODIFIER, 5, "cms", modifier="59"), _evidence(BUNDLED, 2, "blog")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert _stances(verdict)["blog"] == "supports"
    assert not verdict.contested


def test_with_modifier_statement_supports_a_bundled_verdict() -> None:
    items = [_evidence(BUNDLED, 5, "cms"), _evidence(WITH_MODIFIER, 2, "blog", modifier="59")]
    verdict = decide(A, B, items)
    assert verdict.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert _stances(verdict)["blog"] == "supports"


def test_separate_statement_contradicts_bundled_and_with_modifier_verdicts() -> None:
    bundled = decide(A, B, [_evidence(BUNDLED, 5, "cms"), _evidence(SEPARATE, 2, "blog")])
    with_modifier = decide(
        A, B, [_evidence(WITH_MODIFIER, 5, "cms", modifier="59"), _evidence(SEPARATE, 2, "blog")]
    )
    assert bundled.verdict is VerdictKind.NOT_SEPARATELY_REPORTABLE
    assert with_modifier.verdict is VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER
    assert _stances(bundled)["blog"] == "contradicts"
    assert _stances(with_modifier)["blog"] == "contradicts"
    assert bundled.contested and with_modifier.contested


def test_with_modifier_statement_supports_separately_reportable_only_with_its_modifier() -> None:
    items = [_evidence(SEPARATE, 5, "cms"), _evidence(WITH_MODIFIER, 2, "blog", modifier="59")]
    plain = decide(A, B, items)
    modified = decide(A, B, items, modifiers=["59"])
    assert plain.verdict is modified.verdict is VerdictKind.SEPARATELY_REPORTABLE
    assert _stances(plain)["blog"] == "contradicts"
    assert _stances(modified)["blog"] == "supports"


def test_supporting_evidence_comes_first() -> None:
    items = [_evidence(SEPARATE, 2, "blog"), _evidence(BUNDLED, 3, "ref")]
    verdict = decide(A, B, items)
    assert [e.stance for e in verdict.evidence] == ["supports", "contradicts"]


CONTRACT_KEYS = {
    "a",
    "b",
    "verdict",
    "contested",
    "report_instead",
    "reason",
    "evidence",
    "modifiers",
    "date",
    "column1",
}
EVIDENCE_KEYS = {"source", "title", "kind", "quote", "start", "end", "stance", "derived_by"}


def test_as_dict_has_the_contract_keys() -> None:
    items = [
        _evidence(BUNDLED, 3, "ref", derived_by=("60_integral_to_includes", "50_expand_groups")),
        _evidence(SEPARATE, 2, "blog"),
    ]
    answer = decide(A, B, items, modifiers=["XS"], date=date(2025, 10, 1)).as_dict()
    assert set(answer) == CONTRACT_KEYS
    assert answer["a"] == A and answer["b"] == B
    assert answer["verdict"] == "not_separately_reportable"
    assert answer["contested"] is True
    assert answer["report_instead"] is None
    assert answer["modifiers"] == ["XS"]
    assert answer["date"] == "2025-10-01"
    assert isinstance(answer["reason"], str) and answer["reason"]
    first, second = answer["evidence"]
    for item in answer["evidence"]:
        assert EVIDENCE_KEYS <= set(item)
    assert first["source"] == "ref"
    assert first["title"] == "Title of ref"
    assert first["kind"] == "coding_reference"
    assert first["quote"] == "What ref says."
    assert (first["start"], first["end"]) == (10, 24)
    assert first["stance"] == "supports"
    assert first["derived_by"] == ["60_integral_to_includes", "50_expand_groups"]
    assert second["stance"] == "contradicts"
    assert second["derived_by"] is None


def test_as_dict_of_unknown() -> None:
    answer = decide(A, B, []).as_dict()
    assert set(answer) == CONTRACT_KEYS
    assert answer["verdict"] == "unknown"
    assert answer["evidence"] == []
    assert answer["date"] is None
