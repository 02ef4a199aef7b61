"""What a rule is: a small named unit of data plus a check function.

Rules are data (id, default severity, summary, explanation, fix) so that reports,
docs and configuration can all speak about them without running them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pairkit import pointer as jp
from pairkit.findings import Finding, Location, Severity

Hit = tuple[str, str]  # (pointer, message): what a check function yields


@dataclass
class Context:
    """What a check may look at. The pathway may be schema-invalid: read it defensively."""

    pathway: Any
    today: date
    locate: Callable[[str], Location | None] = lambda _pointer: None
    framework: dict[str, Any] | None = None
    profile: str | None = None
    schema_ok: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, pointer: str, default: Any = None) -> Any:
        return jp.resolve(self.pathway, pointer, default)

    def list_at(self, pointer: str) -> list[Any]:
        value = self.get(pointer)
        return value if isinstance(value, list) else []

    def str_at(self, pointer: str) -> str:
        value = self.get(pointer)
        return value if isinstance(value, str) else ""

    def levels(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, level) for each level of need, in document order."""
        for i, level in enumerate(self.list_at("/section_c/levels")):
            if isinstance(level, dict):
                yield jp.join("section_c", "levels", i), level

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, item) for every step item and every service."""
        for i, step in enumerate(self.list_at("/section_b/steps")):
            for j, item in enumerate(step.get("items") or [] if isinstance(step, dict) else []):
                if isinstance(item, dict):
                    yield jp.join("section_b", "steps", i, "items", j), item
        for level_ptr, level in self.levels():
            services = level.get("services")
            for j, item in enumerate(services if isinstance(services, list) else []):
                if isinstance(item, dict):
                    yield f"{level_ptr}/services/{j}", item


def level_label(level: dict[str, Any], index: int) -> str:
    """A level's name as printed, or its position when it has none."""
    name = level.get("name") if isinstance(level, dict) else None
    return name if isinstance(name, str) and name.strip() else f"level {index + 1}"


@dataclass(frozen=True)
class Rule:
    """One check. `check` yields complete Findings carrying the default severity."""

    id: str
    severity: Severity
    summary: str
    explanation: str
    fix: str
    check: Callable[[Context], Iterable[Finding]]


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str, severity: Severity, *, summary: str, explanation: str, fix: str
) -> Callable[[Callable[[Context], Iterable[Hit]]], Rule]:
    """Register a check that yields (pointer, message) pairs as a Rule."""

    def wrap(func: Callable[[Context], Iterable[Hit]]) -> Rule:
        def check(ctx: Context) -> Iterator[Finding]:
            for pointer, message in func(ctx):
                yield Finding(id, severity, message, pointer, ctx.locate(pointer))

        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id!r}")
        made = Rule(id, severity, summary, explanation, fix, check)
        REGISTRY[id] = made
        return made

    return wrap
