"""Wording profiles: how an area names the work (PAIR, PIEW, IMH...).

A profile is a TOML file validated by ``schemas/profile.schema.json`` and shaped
like a Vale substitution rule::

    extends = "substitution"         # optional, for Vale users
    id = "dudley"
    name = "Dudley (PIEW)"
    short_term = "PIEW"              # replaces the template's "PAIR"
    long_term = "Parent-Infant Emotional Wellbeing"  # replaces "Parent-Infant Relationships"
    framework = "ithrive"            # the area's usual levels-of-need framework
    ignorecase = true                # match any case; the new words follow the old case
    exceptions = ["Lambeth PAIRS"]   # proper names that never change

    [swap]                           # further swaps: template wording -> this area's
    "Parent-Infant Relationship" = "Infant Mental Health"

    [articles]                       # a/an for a term, when the guess is wrong
    IMH = "an"

Every profile speaks in terms of the template's (England's) wording, so any
profile converts to any other: a term's form in profile P is P's swap value, or
the key with P's short and long terms put in (see :func:`pairkit.terms.matcher.form`).

Built-in profiles live in ``pairkit/data/profiles``; :func:`load_profile` takes a
built-in name or a path to a custom file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pairkit.errors import PairkitError
from pairkit.terms._data import DATA_DIR, looks_like_path, read_toml

PROFILES_DIR = DATA_DIR / "profiles"

#: The template's own short and long terms: the keys every profile maps from.
TEMPLATE_SHORT = "PAIR"
TEMPLATE_LONG = "Parent-Infant Relationships"

#: Concept keys for the short and long term in a profile's term table.
SHORT = "short_term"
LONG = "long_term"


@dataclass(frozen=True)
class Profile:
    """An area's wording. ``swap`` keeps file order: earlier entries win ties."""

    id: str
    name: str
    short_term: str
    long_term: str
    description: str = ""
    framework: str | None = None
    ignorecase: bool = True
    swap: tuple[tuple[str, str], ...] = ()
    exceptions: tuple[str, ...] = ()
    articles: tuple[tuple[str, str], ...] = ()
    origin: str = field(default="built-in", compare=False)

    @property
    def swap_map(self) -> dict[str, str]:
        return dict(self.swap)

    @property
    def article_map(self) -> dict[str, str]:
        return dict(self.articles)

    @property
    def concepts(self) -> list[str]:
        """The concept keys this profile names: short, long, then its swap keys."""
        return [SHORT, LONG, *(k for k, _ in self.swap)]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "short_term": self.short_term,
            "long_term": self.long_term,
            "framework": self.framework,
            "ignorecase": self.ignorecase,
            "swap": dict(self.swap),
            "exceptions": list(self.exceptions),
            "articles": dict(self.articles),
            "origin": self.origin,
        }


def profile_from_dict(data: dict, origin: str = "built-in") -> Profile:
    """Build a profile from already-validated data (a parsed TOML table)."""
    return Profile(
        id=data["id"],
        name=data["name"],
        short_term=data["short_term"].strip(),
        long_term=data["long_term"].strip(),
        description=data.get("description", ""),
        framework=data.get("framework"),
        ignorecase=data.get("ignorecase", True),
        swap=tuple((k.strip(), v.strip()) for k, v in data.get("swap", {}).items()),
        exceptions=tuple(e.strip() for e in data.get("exceptions", [])),
        articles=tuple(data.get("articles", {}).items()),
        origin=origin,
    )


def read_profile(path: str | Path) -> Profile:
    """Read and validate a profile TOML file."""
    path = Path(path)
    data = read_toml(path, "profile.schema.json", "profile")
    return profile_from_dict(data, origin=str(path))


def builtin_profile_names() -> list[str]:
    """Built-in profile ids, England first, then alphabetical."""
    names = sorted(p.stem for p in PROFILES_DIR.glob("*.toml"))
    if "england" in names:
        names.remove("england")
        names.insert(0, "england")
    return names


def builtin_profiles() -> list[Profile]:
    """All built-in profiles, England first."""
    return [_builtin(name) for name in builtin_profile_names()]


def _builtin(name: str) -> Profile:
    profile = read_profile(PROFILES_DIR / f"{name}.toml")
    return Profile(**{**profile.__dict__, "origin": "built-in"})


def load_profile(name_or_path: str | Path, extra: Iterable[Profile] = ()) -> Profile:
    """A built-in profile by name (e.g. 'dudley'), a custom one among EXTRA, or a TOML path."""
    if isinstance(name_or_path, Path) or looks_like_path(str(name_or_path)):
        return read_profile(name_or_path)
    name = str(name_or_path).strip().lower()
    for profile in extra:
        if profile.id == name:
            return profile
    if name in builtin_profile_names():
        return _builtin(name)
    known = ", ".join(builtin_profile_names())
    raise PairkitError(
        f"no profile called '{name_or_path}'; use one of {known}, or the path to a .toml file"
    )


def england() -> Profile:
    """The template's own wording."""
    return _builtin("england")
