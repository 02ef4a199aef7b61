"""Each rule on a pathway that breaks it and on one that does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairkit import pointer as jp
from pairkit.config import Config
from pairkit.findings import Location
from pairkit.rules import all_rules
from pairkit.validate import validate_pathway
from tests.conftest import TODAY, load_sample
from tests.pathways import item, make_pathway

Mutation = Callable[[dict], None]


def run(pathway: dict, today: date = TODAY, **kwargs) -> list:
    return validate_pathway(pathway, today=today, **kwargs)


def by_rule(findings: list, rule: str) -> list:
    return [f for f in findings if f.rule == rule]


def _set(path: str, value) -> Mutation:
    def mutate(p: dict) -> None:
        *parents, last = path.split("/")
        node = p
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


BREAKS: list[tuple[str, Mutation, str]] = [
    ("levels-populated", _set("section_c/levels/3/services", []), "/section_c/levels/3/services"),
    ("specialists-listed", _set("section_b/specialists", []), "/section_b/specialists"),
    (
        "specialists-listed",
        _set(
            "section_b/specialists/0",
            {"name": "No specialist team", "role": "", "contact": "", "url": ""},
        ),
        "/section_b/specialists/0",
    ),
    (
        "specialists-listed",
        _set("section_b/specialists/0/role", "None available locally"),
        "/section_b/specialists/0",
    ),
    ("what-else-links", _set("section_c/what_else/links", []), "/section_c/what_else/links"),
    (
        "what-else-links",
        _set("section_c/what_else/links/1/url", "domestic abuse page"),
        "/section_c/what_else/links/1/url",
    ),
    (
        "what-else-links",
        _set("section_c/what_else/links/0/url", ""),
        "/section_c/what_else/links/0/url",
    ),
    (
        "no-placeholders",
        _set("section_b/steps/1/items/0/description", "[Insert local tools]"),
        "/section_b/steps/1/items/0/description",
    ),
    ("no-placeholders", _set("title", "PAIR Pathway. Add your own QR code here"), "/title"),
    (
        "no-placeholders",
        _set("section_c/levels/0/services/0/name", "[Add service name]"),
        "/section_c/levels/0/services/0/name",
    ),
    ("steps-complete", _set("section_b/steps/2/items", []), "/section_b/steps/2/items"),
    ("steps-complete", lambda p: p["section_b"]["steps"].pop(3), "/section_b/steps"),
    ("principles-present", _set("section_a/principles", []), "/section_a/principles"),
    ("principles-present", _set("section_a/principles/1", "  "), "/section_a/principles/1"),
    ("owner-named", _set("meta/owner", ""), "/meta/owner"),
    ("owner-named", _set("meta/owner", "TBC"), "/meta/owner"),
    ("review-due", _set("meta/next_review", "2026-11-25"), "/meta/next_review"),
    ("review-due", _set("meta/next_review", None), "/meta/next_review"),
    (
        "links-well-formed",
        _set("section_c/levels/1/services/0/url", "www.example.org"),
        "/section_c/levels/1/services/0/url",
    ),
    (
        "links-well-formed",
        _set("section_c/levels/1/services/0/url", "https://"),
        "/section_c/levels/1/services/0/url",
    ),
    (
        "links-well-formed",
        _set("section_b/specialists/0/contact", "pairteam@testshire"),
        "/section_b/specialists/0/contact",
    ),
    (
        "links-well-formed",
        _set("section_b/steps/0/items/0/contact", "Call or e-mail a@@b.org"),
        "/section_b/steps/0/items/0/contact",
    ),
    (
        "links-well-formed",
        _set("introduction/1", "See https:/testshire.gov.uk/pair"),
        "/introduction/1",
    ),
    (
        "safeguarding-visible",
        _set("section_c/levels/4/services", [item("Crisis Line")]),
        "/section_c/levels/4",
    ),
    (
        "terminology-consistent",
        _set("section_a/principles/0", "PIEW is everyone's business."),
        "/section_a/principles/0",
    ),
    (
        "terminology-consistent",
        _set("section_c/levels/2/need", "Families needing IMH support."),
        "/section_c/levels/2/need",
    ),
    (
        "service-at-several-levels",
        lambda p: p["section_c"]["levels"][2]["services"].append(item("Thriving Service A")),
        "/section_c/levels/0/services/0",
    ),
    (
        "qr-matches-link",
        _set("section_c/levels/0/services/0/qr",
             {"image": "word/media/image1.png", "decoded_url": "https://elsewhere.org.uk/"}),
        "/section_c/levels/0/services/0/qr",
    ),
    (
        "qr-readable",
        _set("section_c/what_else/links/0/qr", {"image": "word/media/logo.png",
                                                 "decoded_url": None}),
        "/section_c/what_else/links/0/qr",
    ),
    (
        "link-dead",
        lambda p: _checked(p, "https://testshire.gov.uk/closed", 404, ()),
        "/section_c/levels/1/services/0/url",
    ),
    (
        "link-redirected",
        lambda p: _checked(p, "https://testshire.gov.uk/moved", 200,
                           ("https://testshire.gov.uk/new",)),
        "/section_c/levels/1/services/0/url",
    ),
]


def _checked(p: dict, url: str, status: int, redirects: tuple) -> dict:
    """Give a service `url` and say what --check-links found there (Context.extra)."""
    from pairkit.links import LinkStatus

    p["section_c"]["levels"][1]["services"][0]["url"] = url
    final = redirects[-1] if redirects else url
    found = LinkStatus(url, status, final, redirects, None, 301 if redirects else None)
    return {"links": {url: found}}


def test_base_pathway_has_no_findings():
    assert run(make_pathway()) == []


def test_every_rule_has_a_breaking_case():
    assert {rule.id for rule in all_rules()} <= {rule_id for rule_id, _, _ in BREAKS}


@pytest.mark.parametrize(("rule_id", "mutate", "pointer"), BREAKS)
def test_rule_flags_a_pathway_that_breaks_it(rule_id, mutate, pointer):
    pathway = make_pathway()
    extra = mutate(pathway) or {}
    findings = run(pathway, extra=extra)
    assert [(f.rule, f.pointer) for f in findings if f.rule == rule_id] == [(rule_id, pointer)]
    assert all(f.rule in (rule_id, "schema") for f in findings), findings


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_passes_a_pathway_that_keeps_it(rule):
    assert list(rule.check(_context(make_pathway()))) == []


def _context(pathway):
    from pairkit.rules.base import Context

    return Context(pathway=pathway, today=TODAY)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_is_documented(rule):
    from tests.conftest import ROOT

    assert rule.summary and rule.explanation and rule.fix
    assert f"`{rule.id}`" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


# --- terminology: whole words, proper names and addresses do not count -----------------


@pytest.mark.parametrize(
    "text",
    [
        "We repair ruptures in the relationship.",
        "Parents and babies work in pairs.",
        "Refer to Lambeth PAIRS for specialist support.",
        "E-mail imh@testshire.nhs.uk for advice.",
        "See https://www.testshire.gov.uk/piew for details.",
        "A pair of shoes.",
    ],
)
def test_terminology_ignores_non_terms(text):
    pathway = make_pathway()
    pathway["section_a"]["principles"][0] = text
    assert by_rule(run(pathway), "terminology-consistent") == []


def test_terminology_ignores_service_names():
    pathway = make_pathway()
    pathway["section_c"]["levels"][1]["services"][0]["name"] = "Dudley PIEW Team"
    assert by_rule(run(pathway), "terminology-consistent") == []


def test_terminology_uses_declared_term_as_the_norm():
    pathway = make_pathway(short_term="PIEW")
    pathway["title"] = "Parent-Infant Emotional Wellbeing (PIEW) Pathway"
    findings = by_rule(run(pathway), "terminology-consistent")
    assert findings == []  # PIEW alone; the PAIR in the items are service names only
    pathway["section_b"]["steps"][0]["heading"] = "Step 1 – PAIR training and consultation"
    findings = by_rule(run(pathway), "terminology-consistent")
    assert [f.pointer for f in findings] == ["/section_b/steps/0/heading"]
    assert "'PAIR'" in findings[0].message and "'PIEW'" in findings[0].message


# --- specifics ------------------------------------------------------------------------


def test_specialists_gap_is_reported_for_commissioners():
    pathway = make_pathway()
    pathway["section_b"]["specialists"] = [
        {"name": "No specialist team", "role": "", "contact": "", "url": ""}
    ]
    (finding,) = by_rule(run(pathway), "specialists-listed")
    assert "commissioners" in finding.message and finding.severity == "warning"


def test_review_due_uses_today():
    pathway = make_pathway(next_review="2027-01-01")
    assert by_rule(run(pathway, today=date(2027, 1, 1)), "review-due") == []
    (late,) = by_rule(run(pathway, today=date(2027, 1, 2)), "review-due")
    assert "2027-01-01" in late.message and "1 day ago" in late.message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nhs.uk",
        "http://testshire.gov.uk/a?b=c#d",
        "mailto:pair@testshire.gov.uk",
        "https://localhost/x",
    ],
)
def test_good_links(url):
    pathway = make_pathway()
    pathway["section_c"]["levels"][0]["services"][0]["url"] = url
    assert by_rule(run(pathway), "links-well-formed") == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.testshire.gov.uk",
        "https://testshire",
        "https://a b.org",
        "mailto:nobody",
        "testshire.gov.uk/pair",
        "https://-bad-.org",
    ],
)
def test_bad_links(url):
    pathway = make_pathway()
    pathway["section_c"]["levels"][0]["services"][0]["url"] = url
    assert len(by_rule(run(pathway), "links-well-formed")) == 1


def test_levels_missing_from_framework():
    pathway = make_pathway()
    del pathway["section_c"]["levels"][1]
    messages = [f.message for f in by_rule(run(pathway), "levels-populated")]
    assert messages == ["The iThrive level 'Getting Advice' is missing from Section C."]


def test_safeguarding_is_checked_at_the_last_level_in_document_order():
    pathway = make_pathway()
    levels = pathway["section_c"]["levels"]
    levels[0], levels[-1] = levels[-1], levels[0]
    (finding,) = by_rule(run(pathway), "safeguarding-visible")
    assert finding.pointer == "/section_c/levels/4" and "Thriving" in finding.message


# --- schema errors in plain English ---------------------------------------------------


def test_schema_errors_are_plain_english_and_come_first():
    pathway = make_pathway(next_review="31/03/2027")
    del pathway["meta"]["owner"]
    pathway["section_c"]["levels"][0]["services"][0]["colour"] = "red"
    findings = run(pathway)
    schema = [f for f in findings if f.rule == "schema"]
    assert findings[: len(schema)] == schema
    messages = {f.pointer: f.message for f in schema}
    assert messages["/meta/owner"] == "The pathway owner ('Pathway owner') is missing."
    assert "YYYY-MM-DD" in messages["/meta/next_review"]
    assert "'colour'" in messages["/section_c/levels/0/services/0/colour"]
    assert "Thriving" in messages["/section_c/levels/0/services/0/colour"]
    for message in messages.values():
        assert "is a required property" not in message and "was unexpected" not in message


def test_rules_still_run_when_the_schema_fails_badly():
    pathway = make_pathway()
    pathway["section_c"]["levels"][2]["services"] = "see website"
    pathway["section_b"]["steps"] = {"1": "x"}
    pathway["section_c"]["levels"][3]["services"] = []
    findings = run(pathway)
    assert any(f.rule == "schema" for f in findings)
    assert ("levels-populated", "/section_c/levels/3/services") in {
        (f.rule, f.pointer) for f in findings
    }


def test_not_an_object_is_one_schema_error():
    findings = run([1, 2])  # type: ignore[arg-type]
    assert [f.rule for f in findings] == ["schema"]
    assert "group of fields" in findings[0].message


# --- locations ------------------------------------------------------------------------


def test_location_is_the_longest_pointer_prefix_in_the_source_map():
    pathway = make_pathway()
    pathway["section_c"]["levels"][3]["services"] = []
    level = Location("Section C", "Getting More Help", "Getting More Help")
    sourcemap = {
        "/section_c": Location("Section C", None, "Section C"),
        "/section_c/levels/3": level,
    }
    (finding,) = run(pathway, sourcemap=sourcemap)
    assert finding.location == level


def test_config_severity_and_off():
    pathway = make_pathway(owner="")
    config = Config(rules={"owner-named": "error"})
    assert by_rule(run(pathway, config=config), "owner-named")[0].severity == "error"
    assert run(pathway, config=Config(rules={"owner-named": "off"})) == []


# --- the bundled samples --------------------------------------------------------------


def test_complete_sample_has_no_errors():
    findings = run(load_sample("northshire.json"))
    assert [f for f in findings if f.severity != "info"] == []


def test_gaps_sample_gets_exactly_its_gaps():
    findings = run(load_sample("gaps.json"))
    assert sorted((f.rule, f.pointer) for f in findings) == sorted(
        [
            ("levels-populated", "/section_c/levels/3/services"),
            ("specialists-listed", "/section_b/specialists"),
            ("what-else-links", "/section_c/what_else/links"),
            ("no-placeholders", "/section_b/steps/1/items/1/description"),
            ("review-due", "/meta/next_review"),
        ]
    )


# --- robustness: any damage to a pathway gives findings, never a crash ------------------


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_POINTERS = [p for p, _ in jp.walk_strings(make_pathway())] + [
    "/section_c/levels/0",
    "/section_b/steps/1",
    "/section_b/specialists",
    "/meta",
    "/section_c/what_else",
    "/section_a/principles",
    "/section_c/levels",
]


@settings(max_examples=150, deadline=None)
@given(pointer=st.sampled_from(_POINTERS), value=_JSON)
def test_damaged_pathways_never_crash(pointer, value):
    pathway = make_pathway()
    *parents, last = jp.split(pointer)
    node = jp.resolve(pathway, jp.join(*parents))
    node[int(last) if isinstance(node, list) else last] = value
    findings = run(pathway)
    assert all(f.severity in ("error", "warning", "info") for f in findings)


def test_terminology_counts_hyphenated_terms():
    pathway = make_pathway()
    pathway["section_a"]["principles"][0] = "We are PIEW-informed."
    assert len(by_rule(run(pathway), "terminology-consistent")) == 1


def test_qr_errors_explain_the_object_not_the_null_branch():
    pathway = make_pathway()
    pathway["section_b"]["steps"][0]["items"][0]["qr"] = {"image": 5}
    (finding,) = [f for f in run(pathway) if f.rule == "schema"]
    assert finding.pointer == "/section_b/steps/0/items/0/qr/image"
    assert "should be text" in finding.message and "Step 1" in finding.message
