"""Rules about whether links work. They report only when `pairkit validate --check-links`
fetched the links (:mod:`pairkit.links`); otherwise they find nothing, so CI without a
network stays green."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pairkit.rules.base import Context, Hit, rule

#: The key of Context.extra that holds {url: LinkStatus} when links were checked.
LINKS_KEY = "links"
LIVENESS_RULES = ("link-dead", "link-redirected")


def _checked(ctx: Context) -> Iterator[tuple[str, str, Any]]:
    """(pointer, url, status) for every web link that --check-links requested."""
    checked = ctx.extra.get(LINKS_KEY)
    if not checked:
        return
    from pairkit.links import web_links  # the HTTP machinery only with --check-links

    for pointer, url in web_links(ctx.pathway):
        status = checked.get(url)
        if status is not None:
            yield pointer, url, status


@rule(
    "link-dead",
    "error",
    summary="Every web link answers (only with --check-links).",
    explanation=(
        "A link that gives 'page not found', a server error or no answer at all sends a "
        "practitioner or a family nowhere, and on paper nobody sees it is broken."
    ),
    fix=(
        "Find the page's new address (search the organisation's website) and correct the "
        "link, or remove the service if it has closed; then regenerate its QR code."
    ),
)
def link_dead(ctx: Context) -> Iterator[Hit]:
    for pointer, url, status in _checked(ctx):
        if not status.dead:
            continue
        why = f"answers {status.status}" if status.status else status.error or "does not answer"
        yield pointer, f"The link {url} is dead: it {why}."


@rule(
    "link-redirected",
    "warning",
    summary="Web links go straight to their page, not through a redirect (only with "
            "--check-links).",
    explanation=(
        "A redirect means the page has moved. It works today, but the old address may stop "
        "working without warning; a printed pathway and its QR codes should carry the new one."
    ),
    fix="Replace the link (and its QR code) with the address it now leads to.",
)
def link_redirected(ctx: Context) -> Iterator[Hit]:
    for pointer, url, status in _checked(ctx):
        if not status.redirected:
            continue
        yield pointer, (f"The link {url} redirects ({status.first_redirect_status}) to "
                        f"{status.final_url}.")
