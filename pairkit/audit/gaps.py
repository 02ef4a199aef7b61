"""Gap analysis of one pathway, as plain data for the text, HTML and Word reports.

The guidance says a pathway exists to "join up" the local system, "identify
duplication and understand gaps in service provision", and that an area without
specialists must flag that gap to commissioners. This module reads the pathway model
(never the Word file) and says, for people who commission services:

- how many services each level of need lists, and which levels are empty or thin;
- which services appear at several levels (duplication, or a service that rightly
  spans levels);
- which kinds of specialist the pathway gives access to, and whether none is listed;
- which related pathways families usually need are linked from "What else do families
  need?";
- which web links have no QR code (paper copies cannot follow them) and which QR codes
  have no web link (screen readers cannot follow them);
- which template prompts are left, and when the pathway is next reviewed.

Findings that are about gaps but that no validation rule reports (thin levels, related
pathways not linked, QR codes without a link) are returned as :class:`Finding`
records too, so they appear in the findings list and as Word comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pairkit import pointer as jp
from pairkit.findings import Finding, Location
from pairkit.rules.content import PLACEHOLDERS
from pairkit.rules.structure import BARE_NONE, NO_SPECIALISTS

#: A level with fewer services than this (but at least one) is "thin".
THIN_BELOW = 3
#: A next review within this many days is "due soon".
DUE_SOON_DAYS = 90

#: Kinds of specialist the guidance names, in its order; the first pattern that
#: matches a listed specialist decides its kind (anything else is "other").
SPECIALIST_KINDS: list[tuple[str, str, re.Pattern[str] | None]] = [
    ("imh-health-visitors", "Specialist infant mental health health visitors",
     re.compile(r"health\s*visit", re.I)),
    ("pair-team", "A specialised parent-infant relationship team",
     re.compile(r"parent[\s-]*infant|\bPAIRS?\b|\bPIEW\b", re.I)),
    ("other", "Other infant mental health specialists", None),
]

#: Related pathways families usually need (the guidance's "What else do families
#: need?" box), each with the words that show a link or service is about it.
RELATED_TOPICS: list[tuple[str, str, re.Pattern[str]]] = [
    ("perinatal-mental-health", "Perinatal mental health",
     re.compile(r"perinatal|maternal mental|postnatal depression|mother and baby unit", re.I)),
    ("parental-mental-health", "Parental mental health",
     re.compile(r"(?:adult|parental|parents'?|fathers'?|dads'?|men'?s)[\s-]+mental[\s-]+health"
                r"|talking[\s-]+therap|\bIAPT\b|mental[\s-]+health[\s-]+crisis", re.I)),
    ("family-support", "Family support",
     re.compile(r"family[\s-]+(?:support|hubs?)|early[\s-]+help|start[\s-]+for[\s-]+life"
                r"|children'?s[\s-]+centres?|home[\s-]*start", re.I)),
    ("infant-feeding", "Infant feeding",
     re.compile(r"feeding|breast[\s-]*f|bottle[\s-]*f", re.I)),
    ("domestic-abuse", "Domestic abuse",
     re.compile(r"domestic[\s-]+(?:abuse|violence)|\bIDVA\b|coercive", re.I)),
    ("substance-use", "Substance use",
     re.compile(r"substance|alcohol|drugs?\b|addiction", re.I)),
    ("safeguarding", "Safeguarding",
     re.compile(r"safeguard|child[\s-]+protection|children'?s[\s-]+social[\s-]+care", re.I)),
]


@dataclass
class Service:
    """One service at one level, as the report shows it."""

    name: str
    pointer: str
    url: str
    has_qr: bool
    qr_url: str | None
    also_at: list[str] = field(default_factory=list)  # other levels it is listed at


@dataclass
class Level:
    """One level of need and its services; status is 'empty', 'thin' or 'ok'."""

    index: int
    id: str
    name: str
    need: str
    pointer: str
    services: list[Service]

    @property
    def status(self) -> str:
        if not self.services:
            return "empty"
        return "thin" if len(self.services) < THIN_BELOW else "ok"


@dataclass
class Duplicate:
    """A service listed at more than one level: its name and the levels, in order."""

    name: str
    levels: list[str]
    pointers: list[str]


@dataclass
class SpecialistKind:
    """One kind of specialist the guidance names, and the listed ones of that kind."""

    id: str
    label: str
    names: list[str]

    @property
    def present(self) -> bool:
        return bool(self.names)


@dataclass
class Specialists:
    """Access to specialists: who is listed, by kind, and statements that none exist."""

    listed: list[str]
    kinds: list[SpecialistKind]
    none_statements: list[str]

    @property
    def missing(self) -> bool:
        """True when no specialist of any kind is listed: a gap for commissioners."""
        return not any(k.present for k in self.kinds)


@dataclass
class Topic:
    """A related pathway families usually need, and how the pathway covers it.

    status: 'linked' (a link in "What else do families need?"), 'in-pathway' (safeguarding
    set out at the highest level of need, where the template puts it), 'services-only'
    (services in Section C but no link to the pathway) or 'missing'.
    """

    id: str
    label: str
    links: list[str]
    services: list[str]
    in_pathway: str | None = None  # the level that sets it out, for safeguarding

    @property
    def status(self) -> str:
        if self.links:
            return "linked"
        if self.in_pathway:
            return "in-pathway"
        return "services-only" if self.services else "missing"

    @property
    def covered(self) -> bool:
        return self.status in ("linked", "in-pathway")


@dataclass
class LinkQR:
    """An item with a web link but no QR code, or a QR code but no web link."""

    name: str
    where: str
    pointer: str
    url: str | None


@dataclass
class Placeholder:
    """A template prompt left in the pathway."""

    text: str
    where: str
    pointer: str


@dataclass
class Review:
    """The ownership footer's dates; status 'ok', 'due-soon', 'overdue', 'missing', 'invalid'."""

    owner: str
    version: str
    last_reviewed: str | None
    next_review: str | None
    status: str
    days: int | None  # days until (positive) or since (negative) the next review


@dataclass
class Gap:
    """One gap in plain words, for the summary at the top of every report."""

    kind: str
    text: str
    pointer: str


@dataclass
class Analysis:
    """Everything the audit reports about one pathway, apart from the findings."""

    area: str
    title: str
    framework: str | None
    levels: list[Level]
    duplicates: list[Duplicate]
    specialists: Specialists
    topics: list[Topic]
    links_without_qr: list[LinkQR]
    qr_without_link: list[LinkQR]
    placeholders: list[Placeholder]
    review: Review
    gaps: list[Gap]
    notes: list[str]


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _normalise(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _qr_url(item: dict[str, Any]) -> tuple[bool, str | None]:
    qr = item.get("qr")
    if not isinstance(qr, dict):
        return False, None
    decoded = qr.get("decoded_url")
    return True, decoded if isinstance(decoded, str) and decoded.strip() else None


def _levels(pathway: dict[str, Any]) -> list[Level]:
    out = []
    levels = _list(_dict(pathway.get("section_c")).get("levels"))
    for i, level in enumerate(levels):
        level = _dict(level)
        pointer = jp.join("section_c", "levels", i)
        services = []
        for j, item in enumerate(_list(level.get("services"))):
            item = _dict(item)
            has_qr, qr_url = _qr_url(item)
            services.append(Service(
                name=_str(item.get("name")).strip() or f"service {j + 1}",
                pointer=f"{pointer}/services/{j}",
                url=_str(item.get("url")).strip(),
                has_qr=has_qr,
                qr_url=qr_url,
            ))
        name = _str(level.get("name")).strip() or f"Level {i + 1}"
        out.append(Level(i, _str(level.get("id")), name, _str(level.get("need")).strip(),
                         pointer, services))
    return out


def _duplicates(levels: list[Level]) -> list[Duplicate]:
    seen: dict[str, Duplicate] = {}
    for level in levels:
        for service in level.services:
            key = _normalise(service.name)
            if not key:
                continue
            dup = seen.setdefault(key, Duplicate(service.name, [], []))
            if level.name not in dup.levels:
                dup.levels.append(level.name)
                dup.pointers.append(service.pointer)
    dups = [d for d in seen.values() if len(d.levels) > 1]
    for level in levels:
        for service in level.services:
            for d in dups:
                if _normalise(d.name) == _normalise(service.name):
                    service.also_at = [name for name in d.levels if name != level.name]
    return dups


def _specialists(pathway: dict[str, Any]) -> Specialists:
    entries = _list(_dict(pathway.get("section_b")).get("specialists"))
    kinds = [SpecialistKind(kid, label, []) for kid, label, _ in SPECIALIST_KINDS]
    listed: list[str] = []
    none_statements: list[str] = []
    for entry in entries:
        entry = _dict(entry)
        fields = [_str(entry.get(k)) for k in ("name", "role", "contact")]
        name = fields[0].strip()
        if BARE_NONE.match(fields[0]) or any(NO_SPECIALISTS.search(f) for f in fields):
            none_statements.append(name or fields[1].strip())
            continue
        if not name:
            continue
        listed.append(name)
        text = " ".join(fields[:2])
        for kind, (_, _, pattern) in zip(kinds, SPECIALIST_KINDS, strict=True):
            if pattern is None or pattern.search(text):
                kind.names.append(name)
                break
    return Specialists(listed, kinds, none_statements)


def _topics(pathway: dict[str, Any], levels: list[Level]) -> list[Topic]:
    links = _list(_dict(_dict(pathway.get("section_c")).get("what_else")).get("links"))
    level_items = _list(_dict(pathway.get("section_c")).get("levels"))
    out = []
    for tid, label, pattern in RELATED_TOPICS:
        linked = []
        for link in links:
            link = _dict(link)
            text, url = _str(link.get("text")), _str(link.get("url"))
            if pattern.search(text) or pattern.search(url.replace("-", " ")):
                linked.append(text.strip() or url.strip())
        services = []
        at_highest = False
        for level, raw in zip(levels, level_items, strict=False):
            for service, item in zip(level.services, _list(_dict(raw).get("services")),
                                     strict=False):
                item = _dict(item)
                words = " ".join(_str(item.get(k)) for k in ("name", "description"))
                if pattern.search(words):
                    services.append(f"{service.name} ({level.name})")
                    at_highest = at_highest or level is levels[-1]
        topic = Topic(tid, label, linked, services)
        if tid == "safeguarding" and at_highest:
            topic.in_pathway = levels[-1].name
        out.append(topic)
    return out


def _item_places(pathway: dict[str, Any], levels: list[Level]
                 ) -> list[tuple[str, str, dict[str, Any]]]:
    """(pointer, where, item) for every step item, specialist and service."""
    out = []
    section_b = _dict(pathway.get("section_b"))
    for i, step in enumerate(_list(section_b.get("steps"))):
        step = _dict(step)
        for j, item in enumerate(_list(step.get("items"))):
            where = f"Step {step.get('number', i + 1)}"
            out.append((f"/section_b/steps/{i}/items/{j}", where, _dict(item)))
    for j, item in enumerate(_list(section_b.get("specialists"))):
        out.append((f"/section_b/specialists/{j}", "Access to specialists", _dict(item)))
    raw_levels = _list(_dict(pathway.get("section_c")).get("levels"))
    for level, raw in zip(levels, raw_levels, strict=False):
        for j, item in enumerate(_list(_dict(raw).get("services"))):
            out.append((f"{level.pointer}/services/{j}", level.name, _dict(item)))
    return out


def _links_and_qr(pathway: dict[str, Any], levels: list[Level]
                  ) -> tuple[list[LinkQR], list[LinkQR]]:
    without_qr, without_link = [], []
    for pointer, where, item in _item_places(pathway, levels):
        name = _str(item.get("name")).strip() or "(no name)"
        url = _str(item.get("url")).strip()
        has_qr, qr_url = _qr_url(item)
        if url and not has_qr:
            without_qr.append(LinkQR(name, where, pointer, url))
        elif has_qr and not url:
            without_link.append(LinkQR(name, where, pointer, qr_url))
    return without_qr, without_link


_PLACES = {
    "meta": "Title and footer",
    "title": "Title",
    "introduction": "Introduction",
    "section_a": "Section A",
    "section_b": "Section B",
    "section_c": "Section C",
}


def _where(pointer: str, pathway: dict[str, Any]) -> str:
    tokens = jp.split(pointer)
    if len(tokens) >= 3 and tokens[:2] == ["section_c", "levels"]:
        level = jp.resolve(pathway, jp.join(*tokens[:3]))
        if isinstance(level, dict) and isinstance(level.get("name"), str):
            return f"Section C, {level['name']}"
    if len(tokens) >= 3 and tokens[:2] == ["section_b", "steps"]:
        step = jp.resolve(pathway, jp.join(*tokens[:3]))
        if isinstance(step, dict):
            return f"Section B, Step {step.get('number', '?')}"
    if tokens[:2] == ["section_b", "specialists"]:
        return "Section B, Access to specialists"
    if tokens[:2] == ["section_c", "what_else"]:
        return "Section C, What else do families need?"
    return _PLACES.get(tokens[0], "the pathway") if tokens else "the pathway"


def _placeholders(pathway: dict[str, Any]) -> list[Placeholder]:
    out = []
    for pointer, text in jp.walk_strings(pathway):
        for pattern in PLACEHOLDERS:
            match = pattern.search(text)
            if match:
                out.append(Placeholder(match.group(0), _where(pointer, pathway), pointer))
                break
    return out


def _review(meta: dict[str, Any], today: date) -> Review:
    nxt = _str(meta.get("next_review")).strip() or None
    status, days = "missing", None
    if nxt is not None:
        try:
            due = date.fromisoformat(nxt)
        except ValueError:
            status = "invalid"
        else:
            days = (due - today).days
            status = "overdue" if days < 0 else "due-soon" if days <= DUE_SOON_DAYS else "ok"
    last = _str(meta.get("last_reviewed")).strip() or None
    return Review(_str(meta.get("owner")).strip(), _str(meta.get("version")).strip(),
                  last, nxt, status, days)


def _gaps(a: Analysis) -> list[Gap]:
    gaps: list[Gap] = []
    for level in a.levels:
        if level.status == "empty":
            gaps.append(Gap("empty-level", f"{level.name}: no services are listed at this "
                            "level of need.", f"{level.pointer}/services"))
        elif level.status == "thin":
            gaps.append(Gap("thin-level", f"{level.name}: only "
                            f"{_plural(len(level.services), 'service')} listed at this level "
                            "of need.", level.pointer))
    if not a.levels:
        gaps.append(Gap("empty-level", "Section C lists no levels of need.", "/section_c/levels"))
    if a.specialists.missing:
        gaps.append(Gap(
            "no-specialists",
            "No specialist team: 'Access to specialists' names no parent-infant relationship "
            "team, specialist infant mental health health visitors or other infant mental "
            "health specialists. The guidance asks that this gap be flagged to commissioners.",
            "/section_b/specialists",
        ))
    missing = [t.label.lower() for t in a.topics if not t.covered]
    if missing:
        gaps.append(Gap(
            "related-pathways",
            "'What else do families need?' does not link to pathways for "
            f"{_join_words(missing)}.",
            "/section_c/what_else/links",
        ))
    if a.qr_without_link:
        gaps.append(Gap(
            "qr-without-link",
            f"{_plural(len(a.qr_without_link), 'QR code')} without a web link "
            f"({_join_words([q.name for q in a.qr_without_link])}): people reading on screen "
            "cannot follow them.", a.qr_without_link[0].pointer))
    if a.placeholders:
        quoted = [f"'{p.text}' ({p.where})" for p in a.placeholders]
        if len(quoted) > 5:
            quoted = quoted[:5] + [f"{len(quoted) - 5} more"]
        shown, more = _join_words(quoted), ""
        gaps.append(Gap(
            "placeholders",
            f"{_plural(len(a.placeholders), 'template prompt')} left in: {shown}{more}.",
            a.placeholders[0].pointer,
        ))
    r = a.review
    if r.status == "overdue":
        gaps.append(Gap("review", f"Review overdue: the next review was due on {r.next_review}, "
                        f"{_plural(-(r.days or 0), 'day')} ago.", "/meta/next_review"))
    elif r.status == "missing":
        gaps.append(Gap("review", "No next review date is set.", "/meta/next_review"))
    elif r.status == "invalid":
        gaps.append(Gap("review", f"The next review date '{r.next_review}' is not a real date.",
                        "/meta/next_review"))
    return gaps


def _notes(a: Analysis) -> list[str]:
    notes = []
    if a.duplicates:
        notes.append(f"{_plural(len(a.duplicates), 'service')} listed at more than one level "
                     f"of need: {_join_words([d.name for d in a.duplicates])}.")
    if a.links_without_qr:
        notes.append(f"{_plural(len(a.links_without_qr), 'web link')} without a QR code: "
                     "people reading a printed copy cannot follow them.")
    if a.review.status == "due-soon":
        notes.append(f"The next review is due soon: {a.review.next_review}, in "
                     f"{_plural(a.review.days or 0, 'day')}.")
    return notes


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def analyse(pathway: Any, today: date) -> Analysis:
    """The gap analysis of one pathway (which may not follow the schema: read defensively)."""
    pathway = _dict(pathway)
    meta = _dict(pathway.get("meta"))
    levels = _levels(pathway)
    duplicates = _duplicates(levels)
    without_qr, without_link = _links_and_qr(pathway, levels)
    framework = meta.get("framework")
    a = Analysis(
        area=_str(meta.get("area")).strip(),
        title=_str(pathway.get("title")).strip(),
        framework=framework if isinstance(framework, str) else None,
        levels=levels,
        duplicates=duplicates,
        specialists=_specialists(pathway),
        topics=_topics(pathway, levels),
        links_without_qr=without_qr,
        qr_without_link=without_link,
        placeholders=_placeholders(pathway),
        review=_review(meta, today),
        gaps=[],
        notes=[],
    )
    a.gaps = _gaps(a)
    a.notes = _notes(a)
    return a


#: How to fix the gaps that only the audit reports (the rules carry their own).
GAP_FIXES = {
    "thin-level": "In Section C, check with partners whether families at this level have "
    "enough support; add the services that exist, or raise the gap with commissioners.",
    "related-pathways": "In 'What else do families need?', add a line for each related local "
    "pathway and make it a hyperlink (Insert > Link); if there is no local pathway, raise it.",
    "qr-without-link": "Add the web address the QR code leads to as a hyperlink beside it "
    "(a 'Web:' line), so people reading on screen can follow it.",
}


def gap_findings(a: Analysis, locate: Callable[[str], Location | None]) -> list[Finding]:
    """Findings for the gaps no validation rule reports, located in Word where possible."""
    out = []
    for level in a.levels:
        if level.status == "thin":
            out.append(Finding(
                "thin-level", "warning",
                f"The level '{level.name}' lists only "
                f"{_plural(len(level.services), 'service')}: a thin level of need.",
                level.pointer, locate(level.pointer)))
    missing = [t.label.lower() for t in a.topics if not t.covered]
    if missing:
        pointer = "/section_c/what_else/links"
        out.append(Finding(
            "related-pathways", "info",
            "'What else do families need?' does not link to pathways for "
            f"{_join_words(missing)}.", pointer, locate(pointer)))
    for q in a.qr_without_link:
        out.append(Finding(
            "qr-without-link", "info",
            f"'{q.name}' has a QR code but no web link.", q.pointer, locate(q.pointer)))
    return out
