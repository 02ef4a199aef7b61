"""Rules about what the boxes say: placeholders, links, terms, safeguarding, duplicates."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from pairkit import pointer as jp
from pairkit.rules.base import Context, Hit, level_label, rule
from pairkit.rules.links import email_problem, emails_in, url_problem, urls_in

# The template's prompts. Data, so that a new prompt is one more line.
PLACEHOLDERS = [
    re.compile(r"\[\s*(?:insert|add|enter|type|list|include|name of|describe)\b[^\]]*\]", re.I),
    re.compile(r"\badd your own qr code here\b", re.I),
    re.compile(r"\bclick or tap here to enter (?:text|a date)\b", re.I),
    re.compile(r"\blorem ipsum\b", re.I),
]


@rule(
    "no-placeholders",
    "error",
    summary="No template prompt such as '[Insert ...]' is left in.",
    explanation=(
        "A prompt left in tells a practitioner that the pathway is unfinished, and hides "
        "what should have been written there."
    ),
    fix="Find the prompt in Word and replace it with the local information, or delete it.",
)
def no_placeholders(ctx: Context) -> Iterator[Hit]:
    for pointer, text in jp.walk_strings(ctx.pathway):
        for pattern in PLACEHOLDERS:
            match = pattern.search(text)
            if match:
                yield pointer, f"The template prompt '{match.group(0)}' is still there."
                break


def _address_fields(ctx: Context) -> Iterator[tuple[str, str, str]]:
    """(pointer, kind, value) for each address field: kind is 'url', 'contact' or 'text'."""
    for pointer, item in ctx.items():
        yield from _item_addresses(pointer, item)
    for i, entry in enumerate(ctx.list_at("/section_b/specialists")):
        if isinstance(entry, dict):
            yield from _item_addresses(f"/section_b/specialists/{i}", entry)
    qr = ctx.get("/meta/qr")
    if isinstance(qr, dict) and isinstance(qr.get("decoded_url"), str):
        yield "/meta/qr/decoded_url", "url", qr["decoded_url"]
    for i, paragraph in enumerate(ctx.list_at("/introduction")):
        if isinstance(paragraph, str):
            yield f"/introduction/{i}", "text", paragraph


def _item_addresses(pointer: str, item: dict) -> Iterator[tuple[str, str, str]]:
    if isinstance(item.get("url"), str) and item["url"].strip():
        yield f"{pointer}/url", "url", item["url"]
    if isinstance(item.get("contact"), str) and item["contact"].strip():
        yield f"{pointer}/contact", "contact", item["contact"]
    qr = item.get("qr")
    if isinstance(qr, dict) and isinstance(qr.get("decoded_url"), str):
        yield f"{pointer}/qr/decoded_url", "url", qr["decoded_url"]


@rule(
    "links-well-formed",
    "error",
    summary="Every web link and e-mail address is well formed.",
    explanation=(
        "A mistyped link or address is a dead end for a practitioner trying to refer a "
        "family, and on paper nobody can click through to see it is broken."
    ),
    fix="Correct the address in Word (edit the hyperlink too, not just its text).",
)
def links_well_formed(ctx: Context) -> Iterator[Hit]:
    # The 'What else do families need?' links belong to the what-else-links rule.
    for pointer, kind, value in _address_fields(ctx):
        if kind == "url":
            problem = url_problem(value)
            if problem:
                yield pointer, f"The web link is not well formed: {problem}."
            continue
        for address in emails_in(value):
            problem = email_problem(address)
            if problem:
                yield pointer, f"The e-mail address is not well formed: {problem}."
        if kind == "text":
            for url in urls_in(value):
                problem = url_problem(url)
                if problem:
                    yield pointer, f"The web link is not well formed: {problem}."


SAFEGUARDING = re.compile(r"\bsafeguard", re.I)


@rule(
    "safeguarding-visible",
    "error",
    summary="Safeguarding appears at the highest level of need.",
    explanation=(
        "Local areas asked for safeguarding to be more visible. A practitioner worried "
        "about a baby's safety must find the safeguarding route at once, at the top level."
    ),
    fix="In the highest level of need (e.g. Getting Risk Support), add the safeguarding "
    "route and its contacts.",
)
def safeguarding_visible(ctx: Context) -> Iterator[Hit]:
    levels = list(ctx.levels())
    if not levels:
        return
    pointer, level = levels[-1]
    if not any(SAFEGUARDING.search(text) for _, text in jp.walk_strings(level)):
        name = level_label(level, len(levels) - 1)
        yield pointer, f"The highest level of need, '{name}', does not mention safeguarding."


TERMS = ("PAIR", "PIEW", "IMH")
_TERM = re.compile(r"(?<![\w@./-])(PAIR|PIEW|IMH)(?![\w@])")
# Fields that hold proper names or addresses, never terms.
_NOT_TERMS = {"name", "url", "contact", "image", "decoded_url", "short_term", "long_term", "id"}


@rule(
    "terminology-consistent",
    "warning",
    summary="One short term is used throughout: PAIR, PIEW or IMH, not a mix.",
    explanation=(
        "Areas adapt the language (Dudley says PIEW, Scotland IMH). Mixing terms in one "
        "document reads as two different things to practitioners and families."
    ),
    fix="Use the pathway's own term everywhere (pairkit localise can do this), leaving "
    "service names, e-mail and web addresses as they are.",
)
def terminology_consistent(ctx: Context) -> Iterator[Hit]:
    uses: dict[str, list[str]] = defaultdict(list)
    for pointer, text in jp.walk_strings(ctx.pathway):
        tokens = jp.split(pointer)
        if tokens and tokens[-1] in _NOT_TERMS:
            continue
        for term in dict.fromkeys(m.group(1) for m in _TERM.finditer(text)):
            uses[term].append(pointer)
    if len(uses) < 2:
        return
    declared = ctx.str_at("/meta/short_term").strip()
    main = declared if declared in uses else max(uses, key=lambda t: (len(uses[t]), t == "PAIR"))
    for term in TERMS:
        if term == main or term not in uses:
            continue
        for pointer in uses[term]:
            yield pointer, f"Uses '{term}' although the pathway's term is '{main}'."


def _normalise(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


@rule(
    "service-at-several-levels",
    "info",
    summary="Services listed at more than one level of need (for gap and duplication analysis).",
    explanation=(
        "Families have needs at several levels at once, so a service may rightly appear "
        "more than once; the list helps commissioners see duplication and gaps."
    ),
    fix="Nothing to fix if intended; otherwise keep the service at the level where it fits.",
)
def service_at_several_levels(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    names: dict[str, str] = {}
    for index, (level_ptr, level) in enumerate(ctx.levels()):
        services = level.get("services")
        for j, service in enumerate(services if isinstance(services, list) else []):
            if not isinstance(service, dict) or not isinstance(service.get("name"), str):
                continue
            key = _normalise(service["name"])
            if not key:
                continue
            names.setdefault(key, service["name"])
            label = level_label(level, index)
            if label not in (lvl for lvl, _ in seen[key]):
                seen[key].append((label, f"{level_ptr}/services/{j}"))
    for key, places in seen.items():
        if len(places) > 1:
            levels = ", ".join(label for label, _ in places)
            yield (
                places[0][1],
                (f"'{names[key]}' is listed at {len(places)} levels of need: {levels}."),
            )
