"""The JSON route: a whole pathway into another area's wording and framework."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from pairkit.errors import PairkitError
from pairkit.model.schema import load_schema as schema
from pairkit.terms.localise_json import iter_texts, localise_pathway, source_profile_of
from pairkit.terms.profiles import load_profile

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "northshire.json"


@pytest.fixture
def pathway() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def urls(doc: dict) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("url", "qr"):
                    found.append(json.dumps(v))
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    return found


def test_dudley(pathway):
    original = copy.deepcopy(pathway)
    out, changes = localise_pathway(pathway, "dudley")
    assert pathway == original  # input untouched
    assert out["title"] == "Parent-Infant Emotional Wellbeing (PIEW) Pathway"
    assert out["meta"]["short_term"] == "PIEW"
    assert out["meta"]["long_term"] == "Parent-Infant Emotional Wellbeing"
    assert out["meta"]["framework"] == "ithrive"
    assert out["section_b"]["steps"][0]["heading"] == "Step 1 – PIEW training and consultation"
    assert "pair@northshire.gov.uk" in out["introduction"][1]
    assert "https://www.northshire.gov.uk/pair." in out["introduction"][1]
    assert urls(out) == urls(pathway)
    jsonschema.validate(out, schema("pathway.schema.json"))
    term_changes = [c for c in changes if c.kind == "term"]
    assert term_changes and all(c.context and "[[" in c.context for c in term_changes)
    assert {c.place for c in changes} >= {"title", "meta.short_term", "section_b.steps[0].heading"}


def test_round_trip_and_idempotence(pathway):
    dudley, _ = localise_pathway(pathway, "dudley")
    again, changes = localise_pathway(dudley, "dudley")
    assert again == dudley and changes == []
    back, _ = localise_pathway(dudley, "england")
    assert back == pathway


def test_source_detected_or_given(pathway):
    assert source_profile_of(pathway).id == "england"
    dudley, _ = localise_pathway(pathway, "dudley")
    assert source_profile_of(dudley).id == "dudley"
    out, _ = localise_pathway(dudley, "scotland", source=load_profile("dudley"))
    assert out["meta"]["short_term"] == "IMH"
    assert "IMH" in out["section_b"]["steps"][0]["heading"]


def test_source_from_meta_when_text_has_no_terms():
    doc = {
        "meta": {"short_term": "BIRD", "long_term": "Baby In Relationship Development"},
        "title": "Our pathway",
    }
    out, changes = localise_pathway(doc, "dudley")
    assert out["meta"]["short_term"] == "PIEW"
    assert [c.place for c in changes] == ["meta.short_term", "meta.long_term"]


def test_scotland_with_girfec_crosswalk(pathway):
    out, changes = localise_pathway(pathway, "scotland", "girfec")
    jsonschema.validate(out, schema("pathway.schema.json"))
    levels = out["section_c"]["levels"]
    assert [lv["id"] for lv in levels] == ["universal", "additional", "targeted", "intensive"]
    assert [lv["name"] for lv in levels] == ["Universal", "Additional", "Targeted", "Intensive"]
    before = sum(len(lv["services"]) for lv in pathway["section_c"]["levels"])
    assert sum(len(lv["services"]) for lv in levels) == before  # none lost
    risk = pathway["section_c"]["levels"][4]
    assert all(s in levels[3]["services"] for s in risk["services"])  # safeguarding kept
    assert risk["need"] in levels[3]["need"]
    assert out["meta"]["framework"] == "girfec"
    crosswalked = [c for c in changes if c.kind == "crosswalk"]
    assert len(crosswalked) == 5 and "merged with" in crosswalked[-1].note
    again, more = localise_pathway(out, "scotland", "girfec")
    assert again == out and more == []


def test_same_size_framework_is_a_rename(pathway):
    early, _ = localise_pathway(pathway, "england", "girfec")
    out, changes = localise_pathway(early, "wales", "nest")
    assert [lv["name"] for lv in out["section_c"]["levels"]] == [
        "Universal",
        "Early Help",
        "Enhanced",
        "Specialist",
    ]
    assert all(c.kind == "level" for c in changes if c.place.startswith("section_c"))
    assert [len(a["services"]) for a in out["section_c"]["levels"]] == [
        len(b["services"]) for b in early["section_c"]["levels"]
    ]


def test_four_to_five_flags_the_empty_top_level(pathway):
    girfec, _ = localise_pathway(pathway, "england", "girfec")
    out, changes = localise_pathway(girfec, "england", "ithrive")
    assert [lv["id"] for lv in out["section_c"]["levels"]] == [
        "thriving",
        "getting-advice",
        "getting-help",
        "getting-more-help",
    ]
    assert any("Getting Risk Support" in c.note for c in changes)


def test_unknown_levels(pathway):
    pathway["meta"]["framework"] = None
    for i, lv in enumerate(pathway["section_c"]["levels"]):
        lv["name"] = f"Tier {i}"
        lv["id"] = f"tier-{i}"
    with pytest.raises(PairkitError, match="match no known framework"):
        localise_pathway(pathway, "scotland", "girfec")
    out, changes = localise_pathway(pathway, "england", "ithrive")  # same count: by position
    assert out["section_c"]["levels"][0]["name"] == "Thriving"
    assert "by position" in changes[0].note


def test_url_fields_never_change():
    doc = {
        "meta": {
            "short_term": "PAIR",
            "long_term": "Parent-Infant Relationships",
            "area": "PAIR Town",
        },
        "title": "PAIR",
        "items": [{"name": "PAIR", "url": "PAIR", "qr": {"image": "PAIR"}}],
    }
    out, _ = localise_pathway(doc, "dudley")
    assert out["items"][0] == {"name": "PIEW", "url": "PAIR", "qr": {"image": "PAIR"}}
    assert out["meta"]["area"] == "PAIR Town"
    assert [p for p, _, _ in iter_texts(doc)] == ["title", "items[0].name"]
