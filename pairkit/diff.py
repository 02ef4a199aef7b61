"""What changed between two versions of a pathway, in the terms commissioners use.

Services are matched by name (case and punctuation ignored), not by position, so
reordering is not a change and moving a service between levels is one 'moved'.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from pairkit import pointer as jp

ITEM_FIELDS = ("description", "access", "url", "contact")
SPECIALIST_FIELDS = ("role", "contact", "url")


@dataclass(frozen=True)
class Change:
    """One difference: `kind` is added/removed/moved/changed; `what` the kind of thing."""

    kind: str
    what: str
    name: str
    detail: str
    old_pointer: str | None
    new_pointer: str | None


def _key(text: Any) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", str(text).casefold()).split())


def _list(doc: Any, pointer: str) -> list[Any]:
    value = jp.resolve(doc, pointer)
    return value if isinstance(value, list) else []


def _levels(doc: Any) -> list[tuple[str, dict]]:
    return [
        (jp.join("section_c", "levels", i), level)
        for i, level in enumerate(_list(doc, "/section_c/levels"))
        if isinstance(level, dict)
    ]


def _level_key(level: dict, index: int) -> str:
    return str(level.get("id") or _key(level.get("name")) or index)


def _services(doc: Any) -> dict[str, dict[str, tuple[str, dict, str]]]:
    """name key -> level key -> (pointer, service, level name)."""
    found: dict[str, dict[str, tuple[str, dict, str]]] = {}
    for i, (ptr, level) in enumerate(_levels(doc)):
        level_name = str(level.get("name") or level.get("id") or f"level {i + 1}")
        for j, service in enumerate(level.get("services") or []):
            if isinstance(service, dict):
                key = _key(service.get("name", ""))
                found.setdefault(key, {}).setdefault(
                    _level_key(level, i), (f"{ptr}/services/{j}", service, level_name)
                )
    return found


def _field_changes(old: dict, new: dict, fields: tuple[str, ...]) -> str:
    changed = [f for f in fields if (old.get(f) or "") != (new.get(f) or "")]
    return ", ".join(f"{f}: '{old.get(f) or ''}' → '{new.get(f) or ''}'" for f in changed)


def _diff_services(old: Any, new: Any) -> list[Change]:
    changes: list[Change] = []
    before, after = _services(old), _services(new)
    for key in dict.fromkeys([*before, *after]):
        o, n = before.get(key, {}), after.get(key, {})
        for level in [lv for lv in o if lv in n]:
            (op, os_, lname), (np_, ns, _) = o[level], n[level]
            detail = _field_changes(os_, ns, ITEM_FIELDS)
            if detail:
                changes.append(
                    Change(
                        "changed", "service", ns.get("name", key), f"at {lname}: {detail}", op, np_
                    )
                )
        gone = [lv for lv in o if lv not in n]
        came = [lv for lv in n if lv not in o]
        for lo, ln in zip(gone, came, strict=False):
            (op, os_, oname), (np_, ns, nname) = o[lo], n[ln]
            detail = f"from {oname} to {nname}"
            extra = _field_changes(os_, ns, ITEM_FIELDS)
            changes.append(
                Change(
                    "moved",
                    "service",
                    ns.get("name", key),
                    detail + (f"; {extra}" if extra else ""),
                    op,
                    np_,
                )
            )
        for lo in gone[len(came) :]:
            op, os_, oname = o[lo]
            changes.append(
                Change("removed", "service", os_.get("name", key), f"from {oname}", op, None)
            )
        for ln in came[len(gone) :]:
            np_, ns, nname = n[ln]
            changes.append(
                Change("added", "service", ns.get("name", key), f"at {nname}", None, np_)
            )
    return changes


def _diff_levels(old: Any, new: Any) -> list[Change]:
    before = {_level_key(lv, i): (p, lv) for i, (p, lv) in enumerate(_levels(old))}
    after = {_level_key(lv, i): (p, lv) for i, (p, lv) in enumerate(_levels(new))}
    changes = []
    for key in dict.fromkeys([*before, *after]):
        if key not in after:
            p, lv = before[key]
            changes.append(Change("removed", "level", str(lv.get("name", key)), "", p, None))
        elif key not in before:
            p, lv = after[key]
            changes.append(Change("added", "level", str(lv.get("name", key)), "", None, p))
        else:
            (op, ol), (np_, nl) = before[key], after[key]
            detail = _field_changes(ol, nl, ("name", "need"))
            if detail:
                changes.append(
                    Change("changed", "level", str(nl.get("name", key)), detail, op, np_)
                )
    return changes


def _keyed(doc: Any, pointer: str, key_field: str) -> dict[str, tuple[str, dict]]:
    found: dict[str, tuple[str, dict]] = {}
    for i, entry in enumerate(_list(doc, pointer)):
        if isinstance(entry, dict):
            found.setdefault(_key(entry.get(key_field, "")), (f"{pointer}/{i}", entry))
    return found


def _diff_keyed(
    old: Any, new: Any, pointer: str, what: str, key_field: str, fields: tuple[str, ...]
) -> list[Change]:
    before, after = _keyed(old, pointer, key_field), _keyed(new, pointer, key_field)
    changes = []
    for key in dict.fromkeys([*before, *after]):
        if key not in after:
            p, e = before[key]
            changes.append(Change("removed", what, str(e.get(key_field, "")), "", p, None))
        elif key not in before:
            p, e = after[key]
            changes.append(Change("added", what, str(e.get(key_field, "")), "", None, p))
        else:
            (op, oe), (np_, ne) = before[key], after[key]
            detail = _field_changes(oe, ne, fields)
            if detail:
                changes.append(Change("changed", what, str(ne.get(key_field, "")), detail, op, np_))
    return changes


def _diff_principles(old: Any, new: Any) -> list[Change]:
    def table(doc: Any) -> dict[str, tuple[str, str]]:
        return {
            _key(p): (f"/section_a/principles/{i}", p)
            for i, p in enumerate(_list(doc, "/section_a/principles"))
            if isinstance(p, str)
        }

    before, after = table(old), table(new)
    return [
        Change("removed", "principle", before[k][1], "", before[k][0], None)
        for k in before
        if k not in after
    ] + [
        Change("added", "principle", after[k][1], "", None, after[k][0])
        for k in after
        if k not in before
    ]


_COVERED = (
    "/section_c/levels",
    "/section_c/what_else/links",
    "/section_b/specialists",
    "/section_a/principles",
)


def _diff_other(old: Any, new: Any) -> list[Change]:
    """Any other text that changed (introduction, steps, footer), by position."""

    def leaves(doc: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}

        def walk(node: Any, ptr: str) -> None:
            if any(ptr == c or ptr.startswith(c + "/") for c in _COVERED):
                return
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, f"{ptr}/{jp.escape(k)}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{ptr}/{i}")
            else:
                out[ptr] = node

        walk(doc, "")
        return out

    before, after = leaves(old), leaves(new)
    changes = []
    for ptr in sorted(set(before) | set(after), key=jp.sort_key):
        if before.get(ptr, None) != after.get(ptr, None) or (ptr in before) != (ptr in after):
            changes.append(
                Change(
                    "changed",
                    "text",
                    ptr,
                    f"'{before.get(ptr, '')}' → '{after.get(ptr, '')}'",
                    ptr if ptr in before else None,
                    ptr if ptr in after else None,
                )
            )
    return changes


def diff_pathways(old: Any, new: Any) -> list[Change]:
    """Every change from `old` to `new`; empty when they say the same."""
    return (
        _diff_levels(old, new)
        + _diff_services(old, new)
        + _diff_keyed(old, new, "/section_b/specialists", "specialist", "name", SPECIALIST_FIELDS)
        + _diff_keyed(old, new, "/section_c/what_else/links", "link", "text", ("url",))
        + _diff_principles(old, new)
        + _diff_other(old, new)
    )


def _tail(c: Change) -> str:
    if not c.detail:
        return ""
    return f" {c.detail}" if c.kind in ("moved", "added", "removed") else f": {c.detail}"


def _sentence(c: Change) -> str:
    return f"{c.what.capitalize()} '{c.name}' {c.kind}{_tail(c)}"


def render_text(changes: list[Change], old: str, new: str) -> str:
    if not changes:
        return f"{old} and {new} are the same pathway.\n"
    lines = [f"{len(changes)} change{'s' if len(changes) != 1 else ''} from {old} to {new}:"]
    lines += [f"  {_sentence(c)}" for c in changes]
    return "\n".join(lines) + "\n"


def render_markdown(changes: list[Change], old: str, new: str) -> str:
    lines = [f"## Pathway changes: `{old}` → `{new}`", ""]
    if not changes:
        return "\n".join([*lines, "No changes.", ""])
    groups: dict[str, list[Change]] = {}
    for c in changes:
        groups.setdefault(c.what, []).append(c)
    for what, items in groups.items():
        lines += [f"### {what.capitalize()}s", ""]
        lines += [f"- **{c.kind}** '{c.name}'{_tail(c)}" for c in items]
        lines.append("")
    return "\n".join(lines)


def render_json(changes: list[Change], old: str, new: str) -> str:
    body = {"old": old, "new": new, "changes": [asdict(c) for c in changes], "equal": not changes}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
