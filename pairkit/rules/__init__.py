"""The rule registry: every rule, in the order reports and docs list them."""

from __future__ import annotations

# Importing a family registers its rules; this order is the order docs and reports use.
# isort: off
from pairkit.rules import structure  # noqa: F401
from pairkit.rules import content  # noqa: F401
from pairkit.rules import ownership  # noqa: F401
from pairkit.rules import qr  # noqa: F401
from pairkit.rules import liveness  # noqa: F401

# isort: on
from pairkit.rules.base import REGISTRY, Context, Rule

#: Pseudo-rules for problems found before the rules run (not configurable off).
SCHEMA_RULE = Rule(
    "schema",
    "error",
    summary="The pathway follows the pathway schema.",
    explanation="pairkit can only read what the pathway schema describes.",
    fix="Correct the field named in the message.",
    check=lambda _ctx: (),
)
DUPLICATE_KEY_RULE = Rule(
    "duplicate-key",
    "error",
    summary="No JSON object repeats a key.",
    explanation="With a repeated key only the last value counts, and the first is lost.",
    fix="Remove or rename one of the repeated keys.",
    check=lambda _ctx: (),
)


def all_rules() -> list[Rule]:
    """The configurable rules, in registration (documentation) order."""
    return list(REGISTRY.values())


def get_rule(rule_id: str) -> Rule | None:
    """A rule by id, including the pseudo-rules."""
    if rule_id == SCHEMA_RULE.id:
        return SCHEMA_RULE
    if rule_id == DUPLICATE_KEY_RULE.id:
        return DUPLICATE_KEY_RULE
    return REGISTRY.get(rule_id)


__all__ = ["Context", "Rule", "all_rules", "get_rule", "SCHEMA_RULE", "DUPLICATE_KEY_RULE"]
