"""Turn jsonschema errors into plain English that names the place in the pathway.

People who edit pathways are practitioners, not programmers: "'next_review' is a
required property" becomes "The next review date ('Next review') is missing."
"""

from __future__ import annotations

import json
import re
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from pairkit import pointer as jp

META_LABELS = {
    "area": "the area name",
    "short_term": "the short term (e.g. PAIR)",
    "long_term": "the long term (e.g. Parent-Infant Relationships)",
    "framework": "the levels-of-need framework",
    "owner": "the pathway owner ('Pathway owner')",
    "version": "the version ('Version')",
    "last_reviewed": "the last review date ('Last reviewed')",
    "next_review": "the next review date ('Next review')",
    "qr": "the title's QR code",
}
FIELD_LABELS = {
    "name": "name",
    "description": "description",
    "access": "'how to access'",
    "url": "web link",
    "contact": "contact",
    "qr": "QR code",
    "image": "image",
    "decoded_url": "decoded address",
    "heading": "heading",
    "need": "description of need",
    "id": "id",
    "number": "number",
    "items": "items",
    "services": "services",
    "links": "links",
    "text": "text",
    "role": "role",
    "principles": "principles",
    "steps": "steps",
    "specialists": "specialists",
    "specialists_heading": "heading of 'Access to specialists'",
    "levels": "levels",
    "what_else": "'What else do families need?' box",
}
TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty (null)",
}


def _index(token: str) -> int | None:
    return int(token) if token.isdigit() else None


def _named(doc: Any, pointer: str, key: str = "name") -> str:
    value = jp.resolve(doc, f"{pointer}/{key}")
    return f" ('{value}')" if isinstance(value, str) and value.strip() else ""


def _container(tokens: list[str], doc: Any) -> tuple[str, list[str]]:
    """The phrase for the deepest known part named by `tokens`, and the tokens left over."""
    t = tokens + ["", "", "", "", ""]
    i0, i1 = _index(t[2]), _index(t[4])
    if t[0] == "meta" and t[1] in META_LABELS:
        return META_LABELS[t[1]], tokens[2:]
    simple = {"meta": "the document details", "title": "the title"}
    simple |= {"schema_version": "the schema version", "introduction": "the introduction"}
    if t[0] == "introduction" and _index(t[1]) is not None:
        return f"paragraph {int(t[1]) + 1} of the introduction", tokens[2:]
    if t[0] == "section_a" and t[1] == "principles" and i0 is not None:
        return f"principle {i0 + 1} in Section A", tokens[3:]
    if t[0] == "section_b" and t[1] == "steps" and i0 is not None:
        number = jp.resolve(doc, jp.join("section_b", "steps", i0, "number"))
        step = f"Step {number if isinstance(number, int) else i0 + 1}"
        if t[3] == "items" and i1 is not None:
            ptr = jp.join("section_b", "steps", i0, "items", i1)
            return f"item {i1 + 1}{_named(doc, ptr)} in {step}", tokens[5:]
        return step, tokens[3:]
    if t[0] == "section_b" and t[1] == "specialists" and i0 is not None:
        ptr = jp.join("section_b", "specialists", i0)
        return f"specialist {i0 + 1}{_named(doc, ptr)} in 'Access to specialists'", tokens[3:]
    if t[0] == "section_c" and t[1] == "levels" and i0 is not None:
        name = jp.resolve(doc, jp.join("section_c", "levels", i0, "name"))
        level = f"the level '{name}'" if isinstance(name, str) and name else f"level {i0 + 1}"
        if t[3] == "services" and i1 is not None:
            ptr = jp.join("section_c", "levels", i0, "services", i1)
            return f"service {i1 + 1}{_named(doc, ptr)} at {level}", tokens[5:]
        return level, tokens[3:]
    if t[0] == "section_c" and t[1] == "what_else" and t[2] == "links":
        i = _index(t[3])
        if i is not None:
            ptr = jp.join("section_c", "what_else", "links", i)
            return f"link {i + 1}{_named(doc, ptr, 'text')} in 'What else do families need?'", (
                tokens[4:]
            )
        return "the links in 'What else do families need?'", tokens[3:]
    if t[0] == "section_c" and t[1] == "what_else":
        return "'What else do families need?'", tokens[2:]
    if t[0] in ("section_a", "section_b", "section_c"):
        return f"Section {t[0][-1].upper()}", tokens[1:]
    if t[0] in simple:
        return simple[t[0]], tokens[1:]
    return "the pathway", tokens


def describe(pointer: str, doc: Any) -> str:
    """A plain-English name for the place `pointer` names, capitalised."""
    phrase, rest = _container(jp.split(pointer), doc)
    for token in rest:
        label = FIELD_LABELS.get(token) or (
            f"entry {int(token) + 1}" if token.isdigit() else f"'{token}'"
        )
        phrase = f"the {label} of {phrase}" if not token.isdigit() else f"{label} of {phrase}"
    return phrase[0].upper() + phrase[1:]


def _lower(phrase: str) -> str:
    return (
        phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and phrase[1:2].islower() else phrase
    )


def _type_of(value: Any) -> str:
    for name, kind in (
        ("null", type(None)),
        ("true or false", bool),
        ("a whole number", int),
        ("a number", float),
        ("text", str),
        ("a list", list),
        ("a group of fields", dict),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _is_date_choice(options: Any) -> bool:
    return isinstance(options, list) and any(
        isinstance(o, dict) and "pattern" in o and "[0-9]{4}" in o["pattern"] for o in options
    )


def translate(error: ValidationError, doc: Any) -> list[tuple[str, str]]:
    """(pointer, plain-English message) pairs for one jsonschema error."""
    pointer = jp.join(*error.absolute_path)
    where = describe(pointer, doc)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        match = re.search(r"'(.+?)' is a required property", error.message)
        missing = jp.join(*error.absolute_path, match.group(1) if match else "?")
        return [(missing, f"{describe(missing, doc)} is missing.")]
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known]
        return [
            (jp.join(*error.absolute_path, k), f"{where} has a field pairkit does not know: '{k}'.")
            for k in extra
        ]
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        words = " or ".join(TYPE_WORDS.get(w, w) for w in wanted)
        return [(pointer, f"{where} should be {words}, but is {_type_of(instance)}.")]
    if kind == "const":
        return [(pointer, f"{where} must be {json.dumps(value)}, not {json.dumps(instance)}.")]
    if kind == "enum":
        options = ", ".join("none (null)" if v is None else f"'{v}'" for v in value)
        return [(pointer, f"{where} must be one of {options}; it is {json.dumps(instance)}.")]
    if kind == "pattern":
        if "[0-9]{4}" in value:
            hint = "a date written YYYY-MM-DD, e.g. 2025-03-31"
        elif value.startswith("^[a-z0-9]"):
            hint = "a lower-case id with hyphens, e.g. 'getting-help'"
        else:
            hint = f"text matching {value}"
        return [(pointer, f"{where} should be {hint}, not '{instance}'.")]
    if kind == "minLength":
        return [(pointer, f"{where} is empty.")]
    if kind == "maxItems":
        return [
            (pointer, f"There are {len(instance)} entries in {_lower(where)}; at most {value}.")
        ]
    if kind == "minItems":
        return [
            (pointer, f"There are {len(instance)} entries in {_lower(where)}; at least {value}.")
        ]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [(pointer, f"{where} is {instance}, but must be {bound} {value}.")]
    if kind in ("oneOf", "anyOf"):
        if _is_date_choice(value):
            return [
                (
                    pointer,
                    f"{where} should be a date written YYYY-MM-DD, or null; it is "
                    f"{json.dumps(instance)}.",
                )
            ]
        # "null or an object": when the value is not null, explain the object branch.
        useful = [
            e
            for e in error.context
            if not (e.validator == "type" and e.validator_value == "null" and instance is not None)
        ]
        best = best_match(useful or error.context) if error.context else None
        if best is not None:
            return translate(best, doc)
    return [(pointer, f"{where}: {error.message}")]
