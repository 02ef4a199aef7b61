"""The JSON route: localise a whole pathway (a dict following pathway.schema.json).

:func:`localise_pathway` rewrites every human-text string of the pathway into the
target wording (never ``url`` fields, QR codes, dates, versions, ids or the area's
name), updates ``meta.short_term``, ``meta.long_term`` and ``meta.framework``, and,
when a target framework is given, renames or crosswalks the levels of need (see
:func:`pairkit.terms.frameworks.crosswalk` and docs/localisation.md).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from pairkit.errors import PairkitError
from pairkit.terms.changes import Change, context_of
from pairkit.terms.frameworks import (
    Framework,
    LevelMove,
    builtin_framework_names,
    crosswalk,
    detect_framework,
    load_framework,
)
from pairkit.terms.matcher import apply as apply_replacements
from pairkit.terms.matcher import detect_profile, plan_replacements
from pairkit.terms.profiles import Profile, builtin_profiles, load_profile

#: Keys whose strings are never words to change, wherever they appear.
SKIP_KEYS = frozenset({"url", "qr", "id", "schema_version"})
#: meta holds data, not prose, except the owner's name/role.
META_TEXT_KEYS = frozenset({"owner"})


def iter_texts(pathway: dict) -> Iterator[tuple[str, list[Any], str]]:
    """(place, path, text) for every human-text string of PATHWAY, in document order."""

    def walk(node: Any, path: list[Any]) -> Iterator[tuple[str, list[Any], str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SKIP_KEYS:
                    continue
                if path == ["meta"] and key not in META_TEXT_KEYS:
                    continue
                yield from walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, [*path, i])
        elif isinstance(node, str):
            yield place_of(path), path, node

    yield from walk(pathway, [])


def place_of(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _set(doc: Any, path: list[Any], value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    doc[path[-1]] = value


def source_profile_of(pathway: dict, candidates: list[Profile] | None = None) -> Profile:
    """Which wording PATHWAY uses: from its text, else from meta.short_term/long_term."""
    profiles = list(candidates) if candidates is not None else builtin_profiles()
    meta = pathway.get("meta") or {}
    short, long_ = meta.get("short_term"), meta.get("long_term")
    from_meta = next((p for p in profiles if p.short_term == short and p.long_term == long_), None)
    if from_meta is None and short and long_:
        from_meta = Profile(
            id="document",
            name="the document's own wording",
            short_term=short,
            long_term=long_,
            origin="meta",
        )
        profiles.append(from_meta)
    try:
        return detect_profile([t for _, _, t in iter_texts(pathway)], profiles)
    except PairkitError:
        if from_meta is not None:
            return from_meta
        raise


def source_framework_of(pathway: dict) -> Framework | None:
    """The framework of PATHWAY's levels: meta.framework if its levels fit, else detected."""
    levels = (pathway.get("section_c") or {}).get("levels") or []
    names = [lv.get("name", "") for lv in levels]
    fid = (pathway.get("meta") or {}).get("framework")
    if fid in builtin_framework_names():
        fw = load_framework(fid)
        if all(fw.level(lv.get("id", "")) or fw.level(lv.get("name", "")) for lv in levels):
            return fw
    return detect_framework(names)


def _as_profile(value: Profile | str) -> Profile:
    return value if isinstance(value, Profile) else load_profile(value)


def _as_framework(value: Framework | str | None) -> Framework | None:
    if value is None or isinstance(value, Framework):
        return value
    return load_framework(value)


def localise_pathway(
    pathway: dict,
    target_profile: Profile | str,
    target_framework: Framework | str | None = None,
    source: Profile | str | None = None,
    *,
    source_framework: Framework | str | None = None,
    exceptions: tuple[str, ...] = (),
    keep_names: bool = True,
) -> tuple[dict, list[Change]]:
    """PATHWAY in TARGET_PROFILE's wording (and TARGET_FRAMEWORK's levels, if given).

    Returns a new dict and the list of changes; the input is not modified. SOURCE
    (the wording the pathway uses now) is detected when not given; so is the
    source framework. Localising twice gives the same result as once.
    """
    target = _as_profile(target_profile)
    src = _as_profile(source) if source is not None else source_profile_of(pathway)
    out = copy.deepcopy(pathway)
    changes: list[Change] = []

    for place, path, text in list(iter_texts(pathway)):
        kept: list = []
        reps = plan_replacements(
            text, src, target, exceptions=exceptions, keep_names=keep_names, kept=kept
        )
        for r in sorted([*reps, *kept], key=lambda r: r.start):
            note = "part of a name; left as it is" if r.kind == "kept" else ""
            changes.append(
                Change(
                    place, r.kind, r.old, r.new, r.start, r.end,
                    context_of(text, r.start, r.end), note=note,
                )
            )
        if reps:
            _set(out, path, apply_replacements(text, reps))

    meta = out.get("meta")
    if isinstance(meta, dict):
        for key, value in (("short_term", target.short_term), ("long_term", target.long_term)):
            if meta.get(key) != value:
                changes.append(Change(f"meta.{key}", "meta", str(meta.get(key)), value))
                meta[key] = value

    fw = _as_framework(target_framework)
    if fw is not None:
        changes.extend(_localise_levels(pathway, out, fw, _as_framework(source_framework)))
    return out, changes


def _localise_levels(
    original: dict, out: dict, target: Framework, source: Framework | None
) -> list[Change]:
    section = out.get("section_c")
    if not isinstance(section, dict):
        return []
    levels = section.get("levels") or []
    changes: list[Change] = []
    source = source or source_framework_of(original)
    if source is None:
        if len(levels) != len(target.levels):
            names = ", ".join(lv.get("name", "?") for lv in levels) or "none"
            raise PairkitError(
                f"the pathway's levels ({names}) match no known framework and there are "
                f"{len(levels)} of them, not {len(target.levels)}; name the current framework "
                "with --from-framework, or rename the levels first"
            )
        moves = None
    else:
        moves = {m.source.id: m for m in crosswalk(source, target)}

    if moves is None or source is None:
        new_levels = []
        for i, (lv, tl) in enumerate(zip(levels, target.levels, strict=True)):
            new_levels.append({**lv, "id": tl.id, "name": tl.name})
            if lv.get("name") != tl.name:
                changes.append(
                    Change(
                        f"section_c.levels[{i}].name",
                        "level",
                        lv.get("name", ""),
                        tl.name,
                        note="renamed by position (levels matched no known framework)",
                    )
                )
    else:
        buckets: dict[str, list[tuple[int, dict, LevelMove]]] = {}
        for i, lv in enumerate(levels):
            known = source.level(lv.get("id", "")) or source.level(lv.get("name", ""))
            if known is None:
                raise PairkitError(
                    f"level '{lv.get('name')}' is not a level of {source.name}; rename it to one "
                    f"of {', '.join(source.level_names)}, or leave out --framework"
                )
            move = moves[known.id]
            buckets.setdefault(move.target.id, []).append((i, lv, move))
        new_levels = []
        for tl in target.levels:
            group = buckets.get(tl.id)
            if not group:
                continue
            new_levels.append(
                {
                    "id": tl.id,
                    "name": tl.name,
                    "need": _join_needs([lv.get("need", "") for _, lv, _ in group]),
                    "services": [s for _, lv, _ in group for s in lv.get("services", [])],
                }
            )
            names = [lv.get("name", "") for _, lv, _ in group]
            for i, lv, move in group:
                if lv.get("name") == tl.name and lv.get("id") == tl.id and len(group) == 1:
                    continue
                if move.rule == "position":
                    kind, note = "level", "renamed: same place in a framework with as many levels"
                else:
                    kind, note = (
                        "crosswalk",
                        f"crosswalk by band of need, {source.name} -> {target.name}",
                    )
                if len(group) > 1:
                    note += "; merged with " + ", ".join(n for n in names if n != lv.get("name"))
                changes.append(
                    Change(
                        f"section_c.levels[{i}].name", kind, lv.get("name", ""), tl.name, note=note
                    )
                )
        covered = {lv["id"] for lv in new_levels}
        top = target.levels[-1]
        if levels and new_levels and top.id not in covered:
            changes.append(
                Change(
                    "section_c.levels",
                    "crosswalk",
                    "",
                    "",
                    note=(
                        f"no level maps to {top.name}; its services (e.g. safeguarding) are now "
                        f"in {new_levels[-1]['name']}: review where they belong"
                    ),
                )
            )
    section["levels"] = new_levels

    meta = out.get("meta")
    if isinstance(meta, dict):
        new_id = target.id if target.id in builtin_framework_names() else None
        if meta.get("framework") != new_id:
            changes.append(
                Change("meta.framework", "meta", str(meta.get("framework")), str(new_id))
            )
            meta["framework"] = new_id
    return changes


def _join_needs(needs: list[str]) -> str:
    parts = []
    for need in needs:
        need = need.strip()
        if not need or need in parts:
            continue
        parts.append(need)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return " ".join(p if p[-1] in ".!?" else p + "." for p in parts)
