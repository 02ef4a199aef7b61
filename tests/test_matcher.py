"""The term matcher: ranges, case, articles, protected spans, round trip."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairkit.terms.matcher import (
    Replacement,
    apply,
    indefinite_article,
    localise_text,
    plan_replacements,
    protected_spans,
)
from pairkit.terms.profiles import Profile, load_profile

ENGLAND = load_profile("england")
DUDLEY = load_profile("dudley")
SCOTLAND = load_profile("scotland")
WALES = load_profile("wales")


def to(target: Profile, text: str, source: Profile = ENGLAND) -> str:
    return localise_text(text, source, target)


@pytest.mark.parametrize(
    ("text", "dudley", "scotland"),
    [
        ("PAIR training", "PIEW training", "IMH training"),
        (
            "Parent-Infant Relationships (PAIR) Pathway",
            "Parent-Infant Emotional Wellbeing (PIEW) Pathway",
            "Infant Mental Health (IMH) Pathway",
        ),
        (
            "parent-infant relationships",
            "parent-infant emotional wellbeing",
            "infant mental health",
        ),
        (
            "PARENT-INFANT RELATIONSHIPS",
            "PARENT-INFANT EMOTIONAL WELLBEING",
            "INFANT MENTAL HEALTH",
        ),
        (
            "Parent-infant relationships matter",
            "Parent-infant emotional wellbeing matter",
            "Infant mental health matter",
        ),
        ("a PAIR practitioner", "a PIEW practitioner", "an IMH practitioner"),
        ("A PAIR practitioner", "A PIEW practitioner", "An IMH practitioner"),
        ("A PAIR PRACTITIONER", "A PIEW PRACTITIONER", "AN IMH PRACTITIONER"),
        (
            "a Parent-Infant Relationships team",
            "a Parent-Infant Emotional Wellbeing team",
            "an Infant Mental Health team",
        ),
        ("PAIR's offer", "PIEW's offer", "IMH's offer"),
        ("PAIR\u2019s offer", "PIEW\u2019s offer", "IMH\u2019s offer"),
        ("PAIR-informed care", "PIEW-informed care", "IMH-informed care"),
        ("non-PAIR services", "non-PIEW services", "non-IMH services"),
        ("(PAIR)", "(PIEW)", "(IMH)"),
        (
            "repair a pair of pairs; PAIRS; Pair up",
            "repair a pair of pairs; PAIRS; Pair up",
            "repair a pair of pairs; PAIRS; Pair up",
        ),
        (
            "Lambeth PAIRS and Lambeth PAIR",
            "Lambeth PAIRS and Lambeth PIEW",
            "Lambeth PAIRS and Lambeth IMH",
        ),
        (
            "Section C – Parent-Infant Relationship Services",
            "Section C – Parent-Infant Relationship Services",
            "Section C – Infant Mental Health Services",
        ),
        (
            "e-mail pair@northshire.gov.uk about PAIR",
            "e-mail pair@northshire.gov.uk about PIEW",
            "e-mail pair@northshire.gov.uk about IMH",
        ),
        (
            "see www.pair-north.org/pair and https://x.nhs.uk/PAIR?q=PAIR",
            "see www.pair-north.org/pair and https://x.nhs.uk/PAIR?q=PAIR",
            "see www.pair-north.org/pair and https://x.nhs.uk/PAIR?q=PAIR",
        ),
        (
            "read PAIR_guide.pdf or PAIR-guide.docx or pair-north.org/PAIR",
            "read PAIR_guide.pdf or PAIR-guide.docx or pair-north.org/PAIR",
            "read PAIR_guide.pdf or PAIR-guide.docx or pair-north.org/PAIR",
        ),
        ("PAIR PAIR", "PIEW PIEW", "IMH IMH"),
        ("", "", ""),
    ],
)
def test_examples(text, dudley, scotland):
    assert to(DUDLEY, text) == dudley
    assert to(SCOTLAND, text) == scotland


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an IMH practitioner", "a PAIR practitioner"),
        ("An IMH-informed approach", "A PAIR-informed approach"),
        ("AN IMH PRACTITIONER", "A PAIR PRACTITIONER"),
        ("an Infant Mental Health team", "a Parent-Infant Relationships team"),
        ("an infant mental health team", "a parent-infant relationships team"),
    ],
)
def test_articles_back(text, expected):
    assert to(ENGLAND, text, SCOTLAND) == expected


def test_article_is_its_own_range():
    text = "Ask a PAIR practitioner."
    reps = plan_replacements(text, ENGLAND, SCOTLAND)
    assert reps == [
        Replacement(4, 5, "a", "an", "article", "article"),
        Replacement(6, 10, "PAIR", "IMH", "term", "short_term"),
    ]


def test_a_wrong_article_is_left_alone():
    assert to(SCOTLAND, "an PAIR note") == "an IMH note"
    assert to(SCOTLAND, "Ana PAIR") == "Ana IMH"


def test_only_changed_words_are_replaced():
    text = "Parent\u2011Infant Relationships"  # Word's non-breaking hyphen
    reps = plan_replacements(text, ENGLAND, DUDLEY)
    assert reps == [
        Replacement(14, 27, "Relationships", "Emotional Wellbeing", "term", "long_term")
    ]
    assert apply(text, reps) == "Parent\u2011Infant Emotional Wellbeing"


def test_term_across_a_line_break_and_spaces():
    assert to(DUDLEY, "Parent-Infant\nRelationships") == "Parent-Infant\nEmotional Wellbeing"
    assert to(DUDLEY, "Parent-Infant  relationships") == "Parent-Infant  emotional wellbeing"


def test_ranges_are_sorted_and_disjoint():
    text = "A PAIR team: a PAIR-informed PAIR's Parent-Infant Relationships, an IMH."
    reps = plan_replacements(text, ENGLAND, SCOTLAND)
    for a, b in zip(reps, reps[1:], strict=False):
        assert a.end <= b.start
    for r in reps:
        assert text[r.start : r.end] == r.old


def test_extra_exceptions():
    text = "Northshire PAIR Service and PAIR training"
    reps = plan_replacements(text, ENGLAND, DUDLEY, exceptions=["Northshire PAIR Service"])
    assert apply(text, reps) == "Northshire PAIR Service and PIEW training"


def test_ignorecase_false(tmp_path):
    strict = Profile("strict", "Strict", "PAIR", "Parent-Infant Relationships", ignorecase=False)
    assert (
        localise_text("parent-infant relationships; Parent-Infant Relationships", strict, DUDLEY)
        == "parent-infant relationships; Parent-Infant Emotional Wellbeing"
    )


def test_swap_with_case_variant():
    custom = Profile(
        "c",
        "C",
        "PAIR",
        "Parent-Infant Relationships",
        swap=(("PAIR training", "Baby Bonds training"), ("pair training", "baby bonds course")),
    )
    # An entry with an acronym matches only as written; a lower-case entry pins its variant.
    assert localise_text("PAIR training; Pair training", ENGLAND, custom) == (
        "Baby Bonds training; Pair training"
    )
    assert (
        localise_text("Baby Bonds training and PAIR", custom, ENGLAND) == "PAIR training and PAIR"
    )


def test_swap_keys_follow_the_source_wording():
    scot = Profile(
        "s",
        "S",
        "IMH",
        "Infant Mental Health",
        swap=(("PAIR services", "Infant Mental Health services"),),
    )
    # Dudley writes the template's "PAIR services" as "PIEW services".
    assert localise_text("PIEW services and PIEW", DUDLEY, scot) == (
        "Infant Mental Health services and IMH"
    )


def test_same_wording_changes_nothing():
    text = "A PAIR practitioner"
    assert plan_replacements(text, ENGLAND, WALES) == []
    assert plan_replacements(text, DUDLEY, DUDLEY) == []


def test_protected_spans():
    text = "pair@northshire.gov.uk www.pair-north.org/pair PAIR_guide.pdf mailto:x@y.org PAIR"
    spans = protected_spans(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "PAIR_guide.pdf" in covered and "www.pair-north.org/pair" in covered
    assert to(DUDLEY, text).endswith(" PIEW")


def test_apply_rejects_overlaps_and_mismatches():
    with pytest.raises(ValueError):
        apply("abcdef", [Replacement(0, 3, "abc", "x"), Replacement(2, 4, "cd", "y")])
    with pytest.raises(ValueError):
        apply("abcdef", [Replacement(0, 3, "xyz", "x")])


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("PAIR", "a"),
        ("PIEW", "a"),
        ("IMH", "an"),
        ("NHS", "an"),
        ("NEST", "a"),
        ("Infant", "an"),
        ("Parent-Infant", "a"),
        ("hour", "an"),
        ("universal", "a"),
        ("one", "a"),
        ("early", "an"),
    ],
)
def test_indefinite_article(word, article):
    assert indefinite_article(word) == article


def test_article_override():
    assert indefinite_article("HIV", {"HIV": "an"}) == "an"


# --- properties ----------------------------------------------------------------------

_WORDS = [
    "the",
    "a",
    "an",
    "A",
    "An",
    "practitioner",
    "team",
    "repair",
    "pairs",
    "PAIRS",
    "pair",
    "Pair",
    "babies",
    "infant",
    "Infant",
    "parent",
    "relationship",
    "Relationship",
    "mental",
    "health",
    "and",
    "of",
    "(",
    ")",
    ",",
    ".",
    "'s",
    "-informed",
    "pair@northshire.gov.uk",
    "www.pair-north.org/pair",
    "PAIR_guide.pdf",
    "Lambeth PAIRS",
    "IMH",
    "Health",
]
_TERMS = [
    "PAIR",
    "PAIR's",
    "PAIR-informed",
    "non-PAIR",
    "Parent-Infant Relationships",
    "parent-infant relationships",
    "PARENT-INFANT RELATIONSHIPS",
    "Parent-infant relationships",
    "Parent-Infant relationships",
    "parent-infant Relationships",
    "Parent\u2011Infant Relationships",
]
_pieces = st.lists(st.sampled_from(_WORDS + _TERMS), max_size=14)
_joiners = st.sampled_from([" ", " ", " ", "-", "\u00a0", "\n"])


@st.composite
def sentences(draw) -> str:
    pieces = draw(_pieces)
    out = ""
    for piece in pieces:
        out += (draw(_joiners) if out else "") + piece
    return out


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_round_trip_england_dudley_england(text):
    there = to(DUDLEY, text)
    assert to(ENGLAND, there, DUDLEY) == text


@settings(max_examples=300)
@given(sentences(), st.sampled_from([DUDLEY, SCOTLAND, WALES, ENGLAND]))
def test_idempotent_and_well_formed(text, target):
    reps = plan_replacements(text, ENGLAND, target)
    for a, b in zip(reps, reps[1:], strict=False):
        assert a.end <= b.start
    once = apply(text, reps)
    # Localising the result again (from its own wording) changes nothing.
    assert plan_replacements(once, target, target) == []
    assert to(target, once, ENGLAND) == once or target is ENGLAND


@settings(max_examples=200)
@given(sentences())
def test_words_outside_terms_never_change(text):
    once = to(SCOTLAND, text)
    for protected in (
        "pair@northshire.gov.uk",
        "www.pair-north.org/pair",
        "PAIR_guide.pdf",
        "Lambeth PAIRS",
        "repair",
        "pairs",
    ):
        assert once.count(protected) == text.count(protected)
