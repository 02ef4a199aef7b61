"""Levels-of-need frameworks (iThrive, GIRFEC, NEST...) as data, and the crosswalk.

A framework is a TOML file validated by ``schemas/framework.schema.json``: an id, a
name and its levels in order, each with an id, a name, optional ``aliases`` and
optional ``bands``. Bands place a level on pairkit's common five-band scale of
need (1 promotion and prevention, 2 advice and early help, 3 targeted help,
4 more/specialist help, 5 risk and safeguarding). :func:`crosswalk` uses them to
move levels between frameworks that have different numbers of levels; the rule
is documented in ``docs/localisation.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pairkit.errors import PairkitError
from pairkit.terms._data import DATA_DIR, looks_like_path, read_toml

FRAMEWORKS_DIR = DATA_DIR / "frameworks"
BANDS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    bands: tuple[int, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    levels: tuple[Level, ...]
    description: str = ""
    origin: str = field(default="built-in", compare=False)

    @property
    def level_names(self) -> list[str]:
        return [level.name for level in self.levels]

    def level(self, id_or_name: str) -> Level | None:
        """The level with this id, name or alias (case and spacing ignored)."""
        key = _norm(id_or_name)
        for level in self.levels:
            if level.id == id_or_name or key in {_norm(n) for n in level.names}:
                return level
        return None

    def index(self, level: Level) -> int:
        return self.levels.index(level)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "levels": [
                {"id": lv.id, "name": lv.name, "aliases": list(lv.aliases), "bands": list(lv.bands)}
                for lv in self.levels
            ],
            "origin": self.origin,
        }


def _norm(name: str) -> str:
    return re.sub(r"[\s\u00a0\-\u2010\u2011]+", " ", name).strip().casefold()


def framework_from_dict(data: dict, origin: str = "built-in") -> Framework:
    levels = tuple(
        Level(
            id=lv["id"],
            name=lv["name"].strip(),
            aliases=tuple(a.strip() for a in lv.get("aliases", [])),
            bands=tuple(sorted(lv.get("bands", []))),
        )
        for lv in data["levels"]
    )
    ids = [lv.id for lv in levels]
    if len(set(ids)) != len(ids):
        raise PairkitError(
            f"{origin}: framework '{data['id']}' repeats a level id; make them unique"
        )
    return Framework(
        id=data["id"],
        name=data["name"],
        levels=levels,
        description=data.get("description", ""),
        origin=origin,
    )


def read_framework(path: str | Path) -> Framework:
    path = Path(path)
    data = read_toml(path, "framework.schema.json", "framework")
    return framework_from_dict(data, origin=str(path))


@cache
def _builtin_names() -> tuple[str, ...]:
    names = sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.toml"))
    if "ithrive" in names:
        names.remove("ithrive")
        names.insert(0, "ithrive")
    return tuple(names)


def builtin_framework_names() -> list[str]:
    """Built-in framework ids, iThrive (the template's example) first."""
    return list(_builtin_names())


def builtin_frameworks() -> list[Framework]:
    return [_builtin(name) for name in builtin_framework_names()]


@cache
def _builtin(name: str) -> Framework:
    fw = read_framework(FRAMEWORKS_DIR / f"{name}.toml")
    return Framework(fw.id, fw.name, fw.levels, fw.description, origin="built-in")


def load_framework(name_or_path: str | Path, extra: Iterable[Framework] = ()) -> Framework:
    """A built-in framework by id (e.g. 'girfec'), a custom one among EXTRA, or a TOML path."""
    if isinstance(name_or_path, Path) or looks_like_path(str(name_or_path)):
        return read_framework(name_or_path)
    name = str(name_or_path).strip().lower()
    for fw in extra:
        if fw.id == name:
            return fw
    if name in builtin_framework_names():
        return _builtin(name)
    known = ", ".join(builtin_framework_names())
    raise PairkitError(
        f"no framework called '{name_or_path}'; use one of {known}, or the path to a .toml file"
    )


def detect_framework(
    level_names: Sequence[str], candidates: Iterable[Framework] | None = None
) -> Framework | None:
    """The framework whose levels these names are, or None when no framework fits.

    Every name must be a level (or alias) of the framework, in order; a document may
    leave levels out. Of the frameworks that fit, the one with most levels matched
    wins; a tie between different frameworks is None (e.g. only "Universal").
    """
    names = [n for n in level_names if n.strip()]
    if not names:
        return None
    best: list[tuple[int, int, Framework]] = []
    for order, fw in enumerate(builtin_frameworks() if candidates is None else candidates):
        positions = []
        for name in names:
            level = fw.level(name)
            if level is None:
                break
            positions.append(fw.index(level))
        else:
            if positions == sorted(set(positions)):
                best.append((len(positions) - len(fw.levels), -order, fw))
    if not best:
        return None
    best.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][2]


@dataclass(frozen=True)
class LevelMove:
    """Where one source level goes in the target framework."""

    source: Level
    target: Level
    rule: str  # "position" (same number of levels) or "bands"


def crosswalk(source: Framework, target: Framework) -> list[LevelMove]:
    """Map every level of SOURCE to a level of TARGET; no level is lost.

    Same number of levels: level i becomes level i (a rename). Otherwise each
    source level goes to the target level that holds the source level's lowest
    band, so levels merge upward-safe: e.g. iThrive's "Getting More Help" and
    "Getting Risk Support" (bands 4 and 5) both go to GIRFEC's "Intensive"
    (bands 4-5); GIRFEC's "Intensive" goes to iThrive's "Getting More Help".
    """
    if len(source.levels) == len(target.levels):
        return [
            LevelMove(s, t, "position") for s, t in zip(source.levels, target.levels, strict=True)
        ]
    for fw in (source, target):
        missing = [lv.name for lv in fw.levels if not lv.bands]
        if missing:
            raise PairkitError(
                f"framework '{fw.id}' has no bands for {', '.join(missing)}, so its levels cannot "
                "be matched to a framework with a different number of levels; add `bands`"
            )
    by_band: dict[int, Level] = {}
    for lv in target.levels:
        for band in lv.bands:
            by_band.setdefault(band, lv)
    moves = []
    for lv in source.levels:
        dest = None
        for band in sorted(lv.bands):
            dest = _nearest(by_band, band)
            if dest is not None:
                break
        if dest is None:  # pragma: no cover - bands are validated non-empty
            raise PairkitError(f"framework '{target.id}' has no level for '{lv.name}'")
        moves.append(LevelMove(lv, dest, "bands"))
    return moves


def _nearest(by_band: dict[int, Level], band: int) -> Level | None:
    if band in by_band:
        return by_band[band]
    # A target that leaves a band uncovered: take the nearest band, lower first.
    for distance in range(1, len(BANDS)):
        for b in (band - distance, band + distance):
            if b in by_band:
                return by_band[b]
    return None
