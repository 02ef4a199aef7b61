"""Check one pathway: schema first (in plain English), then every enabled rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from pairkit import pointer as jp
from pairkit.findings import Finding, Location, as_location
from pairkit.model.schema import validator as schema_validator
from pairkit.model.schema_messages import translate
from pairkit.rules import all_rules
from pairkit.rules.base import Context

if TYPE_CHECKING:
    from pairkit.config import Config

# What a rule may raise when it meets a pathway the schema already rejected.
_UNSAFE = (KeyError, TypeError, AttributeError, IndexError, ValueError)


Locator = Callable[[str], Location | None]


def make_locator(sourcemap: Mapping[str, Any] | None) -> Locator:
    """locate(pointer): the Location of the longest pointer prefix in the source map."""
    table = {key: as_location(value) for key, value in (sourcemap or {}).items()}

    def locate(pointer: str) -> Location | None:
        tokens = jp.split(pointer)
        for end in range(len(tokens), -1, -1):
            found = table.get(jp.join(*tokens[:end]))
            if found is not None:
                return found
        return None

    return locate


def schema_findings(pathway: Any, locate: Locator | None = None) -> list[Finding]:
    """The pathway schema's complaints, translated and in document order."""
    locate = locate or make_locator(None)
    validator = schema_validator("pathway.schema.json")  # built once per process
    seen: dict[tuple[str, str], Finding] = {}
    for error in validator.iter_errors(pathway):
        for pointer, message in translate(error, pathway):
            seen.setdefault(
                (pointer, message), Finding("schema", "error", message, pointer, locate(pointer))
            )
    return sorted(seen.values(), key=lambda f: jp.sort_key(f.pointer))


def _framework(config: Config | None, pathway: Any) -> dict[str, Any] | None:
    from pairkit.config import load_framework

    chosen = config.framework if config and config.framework else None
    if chosen is None and isinstance(pathway, dict):
        meta = pathway.get("meta")
        chosen = meta.get("framework") if isinstance(meta, dict) else None
    return load_framework(chosen) if isinstance(chosen, str) else None


def validate_pathway(
    pathway: Any,
    *,
    sourcemap: Mapping[str, Any] | None = None,
    today: date | None = None,
    config: Config | None = None,
    extra_findings: list[Finding] | None = None,
    extra: dict[str, Any] | None = None,
) -> list[Finding]:
    """All findings for one pathway: schema errors first, then rule findings in document order.

    When the schema fails, rules still run; a rule that trips over the malformed
    data is skipped, since the schema finding already says what is wrong. `extra` is
    handed to the rules as ``Context.extra`` (e.g. ``{"links": ...}`` from --check-links).
    """
    locate = make_locator(sourcemap)
    found = schema_findings(pathway, locate)
    before = [replace(f, location=f.location or locate(f.pointer))
              for f in extra_findings or []]
    if not isinstance(pathway, dict):
        return before + found
    ctx = Context(
        pathway=pathway,
        today=today or date.today(),
        locate=locate,
        framework=_framework(config, pathway),
        profile=config.profile if config else None,
        schema_ok=not found and not before,
        extra=dict(extra or {}),
    )
    rule_findings: list[Finding] = []
    for rule in all_rules():
        severity = config.severity(rule) if config else rule.severity
        if severity == "off":
            continue
        try:
            results = list(rule.check(ctx))
        except _UNSAFE:
            if ctx.schema_ok:
                raise
            continue
        rule_findings += [replace(f, severity=severity) for f in results]
    rule_findings.sort(key=lambda f: jp.sort_key(f.pointer))
    return before + found + rule_findings
