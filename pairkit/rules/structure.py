"""Rules about the template's shape: levels, steps, principles, specialists, what-else."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pairkit.rules.base import Context, Hit, level_label, rule
from pairkit.rules.links import url_problem

STEP_NAMES = {
    1: "Step 1 – PAIR training and consultation",
    2: "Step 2 – Gathering information",
    3: "Step 3 – Synthesising information and creating a support plan",
    4: "Step 4 – Matching support to the family's needs",
}

# Wording that says an area has no specialist provision (a gap, not a listing).
NO_SPECIALISTS = re.compile(
    r"\bno\s+(?:local\s+|dedicated\s+|current\s+)?specialists?\b"
    r"|\bnone\s+(?:currently\s+|locally\s+)?(?:available|commissioned|in\s+place)\b"
    r"|\bnot\s+(?:currently\s+)?(?:available|commissioned)\s+locally\b",
    re.IGNORECASE,
)
BARE_NONE = re.compile(r"^\s*(?:none|n/?a|nil)\s*\.?\s*$", re.IGNORECASE)


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


@rule(
    "levels-populated",
    "error",
    summary="Every level of need lists at least one service.",
    explanation=(
        "Section C is where practitioners look for support that matches a family's need. "
        "An empty level leaves them with nowhere to turn at that level, and hides a gap."
    ),
    fix=(
        "In Section C, name every level and add the services at that level, or write that "
        "none exist yet."
    ),
)
def levels_populated(ctx: Context) -> Iterator[Hit]:
    levels = list(ctx.levels())
    if not levels:
        yield "/section_c/levels", "Section C has no levels of need."
        return
    for index, (pointer, level) in enumerate(levels):
        if isinstance(level.get("name"), str) and not level["name"].strip():
            yield f"{pointer}/name", f"Level {index + 1} of Section C has no name."
        services = level.get("services")
        if not isinstance(services, list) or not services:
            name = level_label(level, index)
            yield f"{pointer}/services", f"The level '{name}' lists no services."
    if ctx.framework:
        present = {level.get("id") for _, level in levels}
        for expected in ctx.framework.get("levels", []):
            if expected["id"] not in present:
                yield (
                    "/section_c/levels",
                    (
                        f"The {ctx.framework.get('name', 'framework')} level "
                        f"'{expected['name']}' is missing from Section C."
                    ),
                )


@rule(
    "specialists-listed",
    "warning",
    summary="'Access to specialists' names the local specialist teams.",
    explanation=(
        "Easy access to specialists is central to all four steps of Section B. "
        "An area with no specialist parent-infant team must say so, and that is a gap "
        "to flag to commissioners."
    ),
    fix=(
        "List each specialist team or role with a contact in the 'Access to specialists' "
        "box; if there are none, raise the gap with commissioners."
    ),
)
def specialists_listed(ctx: Context) -> Iterator[Hit]:
    specialists = ctx.list_at("/section_b/specialists")
    if not specialists:
        yield (
            "/section_b/specialists",
            (
                "No specialists are listed under 'Access to specialists': "
                "if there are none locally, this is a gap to flag to commissioners."
            ),
        )
        return
    for i, entry in enumerate(specialists):
        if not isinstance(entry, dict):
            continue
        fields = [str(entry.get(k) or "") for k in ("name", "role", "contact")]
        if BARE_NONE.match(fields[0]) or any(NO_SPECIALISTS.search(f) for f in fields):
            yield (
                f"/section_b/specialists/{i}",
                (
                    f"The pathway says there is no specialist team ('{entry.get('name', '')}'): "
                    "a gap in provision to flag to commissioners."
                ),
            )


@rule(
    "what-else-links",
    "warning",
    summary="'What else do families need?' links to other local pathways.",
    explanation=(
        "Parent-infant relationships are bound up with parental mental health, feeding, "
        "domestic abuse and more; this box is how practitioners find those pathways."
    ),
    fix="Add links to related local pathways in the 'What else do families need?' box.",
)
def what_else_links(ctx: Context) -> Iterator[Hit]:
    links = ctx.list_at("/section_c/what_else/links")
    if not links:
        yield "/section_c/what_else/links", "'What else do families need?' has no links."
        return
    for i, link in enumerate(links):
        if not isinstance(link, dict):
            continue
        url = link.get("url") if isinstance(link.get("url"), str) else ""
        label = link.get("text") or f"link {i + 1}"
        problem = url_problem(url) if url.strip() else "it has no web address"
        if problem:
            yield (
                f"/section_c/what_else/links/{i}/url",
                (
                    f"The link '{label}' in 'What else do families need?' does not look like a "
                    f"working web address: {problem}."
                ),
            )


@rule(
    "steps-complete",
    "error",
    summary="Section B has its four steps, none empty.",
    explanation=(
        "The four steps take a practitioner from training, through gathering and "
        "synthesising information, to matching support; a missing step breaks that route."
    ),
    fix="In Section B, fill in each of Steps 1 to 4 with the local offer or guidance.",
)
def steps_complete(ctx: Context) -> Iterator[Hit]:
    steps = ctx.list_at("/section_b/steps")
    numbers: dict[int, int] = {}
    for i, step in enumerate(steps):
        if isinstance(step, dict) and step.get("number") in STEP_NAMES:
            numbers.setdefault(step["number"], i)
    for number, name in STEP_NAMES.items():
        if number not in numbers:
            yield "/section_b/steps", f"Section B is missing '{name}'."
    for number, i in sorted(numbers.items()):
        step = steps[i]
        items = step.get("items")
        real = [
            it
            for it in (items if isinstance(items, list) else [])
            if isinstance(it, dict) and any(not _blank(it.get(k)) for k in it if k != "qr")
        ]
        if not real:
            yield f"/section_b/steps/{i}/items", f"Step {number} is empty."


@rule(
    "principles-present",
    "error",
    summary="Section A lists the agreed ways of working.",
    explanation=(
        "The values and principles are what the local system agreed to hold to with every "
        "family; without them the pathway is a directory, not a shared way of working."
    ),
    fix="In Section A, add the agreed values and principles, one bullet each.",
)
def principles_present(ctx: Context) -> Iterator[Hit]:
    principles = ctx.list_at("/section_a/principles")
    if not any(not _blank(p) for p in principles):
        yield "/section_a/principles", "Section A lists no values or principles."
        return
    for i, principle in enumerate(principles):
        if _blank(principle):
            yield f"/section_a/principles/{i}", f"Principle {i + 1} in Section A is empty."
