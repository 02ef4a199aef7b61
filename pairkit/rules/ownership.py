"""Rules about who keeps the pathway safe and up to date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from pairkit.rules.base import Context, Hit, rule

_VAGUE_OWNER = re.compile(
    r"^\s*(?:tbc|tbd|to be confirmed|unknown|n/?a|none|-+|\?+)\s*\.?\s*$", re.I
)


@rule(
    "owner-named",
    "warning",
    summary="The pathway names its owner.",
    explanation=(
        "Someone must be responsible for the pathway being high-quality, safe and up to "
        "date; without an owner nobody will review it."
    ),
    fix="Fill in 'Pathway owner' in the footer with a named person, role or team.",
)
def owner_named(ctx: Context) -> Iterator[Hit]:
    owner = ctx.str_at("/meta/owner")
    if not owner.strip():
        yield "/meta/owner", "The pathway owner is not named."
    elif _VAGUE_OWNER.match(owner):
        yield "/meta/owner", f"The pathway owner is given as '{owner.strip()}', not a name."


@rule(
    "review-due",
    "warning",
    summary="The next review date is set and not yet past.",
    explanation=(
        "Services, contacts and links change; a pathway past its review date may send "
        "families to services that no longer exist."
    ),
    fix="Review the pathway with partners, then update 'Last reviewed' and 'Next review' "
    "in the footer.",
)
def review_due(ctx: Context) -> Iterator[Hit]:
    value = ctx.get("/meta/next_review")
    if not isinstance(value, str) or not value.strip():
        yield "/meta/next_review", "No next review date is given."
        return
    try:
        due = date.fromisoformat(value.strip())
    except ValueError:
        yield "/meta/next_review", f"The next review date '{value}' is not a real date."
        return
    if due < ctx.today:
        days = (ctx.today - due).days
        yield (
            "/meta/next_review",
            (
                f"The next review was due on {due.isoformat()}, {days} day"
                f"{'s' if days != 1 else ''} ago."
            ),
        )
