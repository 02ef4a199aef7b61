"""Configuration as data: pairkit.toml or [tool.pairkit], checked by config.schema.json."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pairkit.errors import PairkitError
from pairkit.model.schema import load_schema
from pairkit.rules import all_rules
from pairkit.rules.base import Rule

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "data" / "frameworks"


@dataclass
class Config:
    """Settings for a run; the defaults are what an empty pairkit.toml means."""

    framework: str | None = None
    profile: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)
    source: Path | None = None  # the file these settings came from

    @property
    def root(self) -> Path:
        """The folder include/exclude globs are relative to."""
        return self.source.parent if self.source else Path.cwd()

    def severity(self, rule: Rule) -> str:
        """The rule's severity here: configured, else its default ('off' disables it)."""
        return self.rules.get(rule.id, rule.severity)


@cache
def load_framework(framework_id: str) -> dict[str, Any] | None:
    """A built-in framework (id, name, levels) from pairkit/data/frameworks, or None."""
    path = FRAMEWORKS_DIR / f"{framework_id}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return tomllib.load(handle)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest pairkit.toml, or pyproject.toml with [tool.pairkit], from `start` upward."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "pairkit.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "pairkit" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise PairkitError(f"{path}: not valid TOML ({exc}).") from exc
    except OSError as exc:
        raise PairkitError(f"{path}: cannot be read ({exc.strerror}).") from exc


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _explain(error: ValidationError, label: str, table: str) -> str:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "additionalProperties" and not path:
        known = list(error.schema.get("properties", {}))
        bad = next(k for k in error.instance if k not in known)
        return (
            f"{label}: unknown setting '{bad}'{_suggest(bad, known)}; "
            f"known settings: {', '.join(known)}."
        )
    if path[:1] == ["rules"] and len(path) == 2:
        where = f"[{table}.rules]" if table else "[rules]"
        return (
            f"{label}: in {where}, {path[1]} = {error.instance!r} must be one of "
            "'error', 'warning', 'info' or 'off'."
        )
    if error.validator == "enum":
        options = ", ".join(repr(v) for v in error.validator_value)
        return f"{label}: {'.'.join(path)} = {error.instance!r} must be one of {options}."
    if error.validator == "type":
        wanted = {"array": "a list", "string": "text", "object": "a table"}.get(
            str(error.validator_value), str(error.validator_value)
        )
        return f"{label}: {'.'.join(path) or 'the settings'} must be {wanted}."
    return f"{label}: {'.'.join(path) or 'settings'}: {error.message}."


def parse_config(data: Any, *, label: str, table: str = "", source: Path | None = None) -> Config:
    """Validate raw settings against config.schema.json and the rule registry."""
    validator = Draft202012Validator(load_schema("config.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise PairkitError(_explain(errors[0], label, table))
    known = [rule.id for rule in all_rules()]
    where = f"[{table}.rules]" if table else "[rules]"
    for rule_id in data.get("rules", {}):
        if rule_id not in known:
            hint = _suggest(rule_id, known)
            raise PairkitError(f"{label}: unknown rule '{rule_id}' in {where}{hint}.")
    return Config(
        framework=data.get("framework"),
        profile=data.get("profile"),
        include=list(data.get("include", [])),
        exclude=list(data.get("exclude", [])),
        rules=dict(data.get("rules", {})),
        source=source,
    )


def load_config(path: Path) -> Config:
    """Read a pairkit.toml or a pyproject.toml's [tool.pairkit]."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("pairkit", {})
        return parse_config(
            section, label=f"{path} [tool.pairkit]", table="tool.pairkit", source=path
        )
    return parse_config(data, label=str(path), source=path)


def discover_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The explicit file, else the nearest one, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise PairkitError(f"{explicit}: configuration file not found.")
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
