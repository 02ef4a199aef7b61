"""Builders for test pathways: a small valid pathway that breaks no rule at all."""

from __future__ import annotations

import copy
from typing import Any

LEVELS = [
    ("thriving", "Thriving"),
    ("getting-advice", "Getting Advice"),
    ("getting-help", "Getting Help"),
    ("getting-more-help", "Getting More Help"),
    ("getting-risk-support", "Getting Risk Support"),
]


def item(name: str, **fields: Any) -> dict[str, Any]:
    """A service or step item with plausible content."""
    slug = "-".join(name.lower().split())
    base = {
        "name": name,
        "description": f"What {name} offers.",
        "access": "Self-referral",
        "url": f"https://www.testshire.gov.uk/{slug}",
        "contact": "01632 960000",
        "qr": None,
    }
    base.update(fields)
    return base


def make_pathway(**meta: Any) -> dict[str, Any]:
    """A complete iThrive pathway for 'Testshire' with no findings of any kind."""
    levels = []
    for level_id, name in LEVELS:
        services = [item(f"{name} Service A"), item(f"{name} Service B")]
        levels.append(
            {"id": level_id, "name": name, "need": f"Need at {name}.", "services": services}
        )
    levels[-1]["services"].append(
        item("Safeguarding Front Door", description="Report safeguarding concerns about a baby.")
    )
    pathway = {
        "schema_version": 1,
        "meta": {
            "area": "Testshire",
            "short_term": "PAIR",
            "long_term": "Parent-Infant Relationships",
            "framework": "ithrive",
            "owner": "Testshire Start for Life Partnership",
            "version": "1.0",
            "last_reviewed": "2026-01-01",
            "next_review": "2027-01-01",
            "qr": None,
        },
        "title": "Parent-Infant Relationships (PAIR) Pathway",
        "introduction": [
            "This pathway is for everyone working with families in the first 1001 days.",
            "Contact pair@testshire.gov.uk or see https://www.testshire.gov.uk/pair.",
        ],
        "section_a": {
            "heading": "Section A – Ways of Working",
            "principles": ["We keep the baby's voice at the centre.", "We work in partnership."],
        },
        "section_b": {
            "heading": "Section B – Information Gathering and Decision Making",
            "steps": [
                {"number": n, "heading": f"Step {n}", "items": [item(f"Step {n} Item")]}
                for n in range(1, 5)
            ],
            "specialists_heading": "Access to specialists",
            "specialists": [
                {
                    "name": "Testshire Parent-Infant Relationship Team",
                    "role": "Specialist assessment and consultation",
                    "contact": "pairteam@testshire.nhs.uk",
                    "url": "https://testshire.nhs.uk/pair-team",
                }
            ],
        },
        "section_c": {
            "heading": "Section C – Parent-Infant Relationship Services and Interventions",
            "levels": levels,
            "what_else": {
                "heading": "What else do families need?",
                "links": [
                    {
                        "text": "Perinatal Mental Health Pathway",
                        "url": "https://testshire.nhs.uk/pathways/perinatal",
                    },
                    {
                        "text": "Domestic Abuse Support",
                        "url": "https://www.testshire.gov.uk/domestic-abuse",
                    },
                ],
            },
        },
    }
    pathway["meta"].update(meta)
    return copy.deepcopy(pathway)
