"""Shape checks for web and e-mail addresses (no network: 'working-looking' only)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def email_problem(address: str) -> str | None:
    """Why `address` is not a well-formed e-mail address, or None."""
    if EMAIL.match(address):
        return None
    if address.count("@") != 1:
        return f"'{address}' should have exactly one @"
    return f"'{address}' is not a well-formed e-mail address"


def url_problem(url: str) -> str | None:
    """Why `url` is not a well-formed http(s) or mailto: address, or None."""
    url = url.strip()
    if not url:
        return "it is empty"
    if any(ch.isspace() for ch in url):
        return f"'{url}' contains a space"
    if url.lower().startswith("mailto:"):
        return email_problem(url[7:].split("?", 1)[0])
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return f"'{url}' cannot be read as a web address"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme and url.lower().startswith("www."):
            return f"'{url}' should start with https://"
        return f"'{url}' should start with https:// (or http://, or mailto: for e-mail)"
    if not host:
        return f"'{url}' has no website name after {parts.scheme}://"
    if host != "localhost" and (
        "." not in host or not all(_LABEL.match(label) for label in host.split("."))
    ):
        return f"'{url}' has no valid website name ('{host}')"
    return None


_TOKEN_SPLIT = re.compile(r"[\s,;()<>\[\]]+")


def emails_in(text: str) -> list[str]:
    """Tokens in free text that are meant as e-mail addresses (they contain an @)."""
    found = []
    for token in _TOKEN_SPLIT.split(text):
        token = token.strip(".:'\"")
        if token.lower().startswith("mailto:"):
            token = token[7:]
        if "@" in token:
            found.append(token)
    return found


def urls_in(text: str) -> list[str]:
    """Tokens in free text that are meant as web addresses."""
    found = []
    for token in _TOKEN_SPLIT.split(text):
        token = token.rstrip(".:'\"")
        if re.match(r"(?i)^(https?:|www\.)", token):
            found.append(token)
    return found
