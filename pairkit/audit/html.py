"""The audit as one self-contained web page, for commissioners and pathway owners.

One file, no scripts, no fonts, images or styles from anywhere else: it opens from an
e-mail attachment or a shared drive, offline, and prints on A4 landscape (the
template's own page). The pathway is drawn as its band of levels of need with each
level's services, gaps are marked where they are (in words and with a symbol, never
by colour alone), and a summary comes first. Everything from the pathway is escaped;
only http(s) and mailto: addresses become links.

Several pathways give an index page comparing the areas side by side, with a page per
area beside it (for regional partnerships such as the Black Country's four areas).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from html import escape
from pathlib import Path

from pairkit import __version__
from pairkit.audit import Audit
from pairkit.audit.gaps import THIN_BELOW, Analysis, Level
from pairkit.audit.text import counts_text
from pairkit.findings import Finding, count_by_severity
from pairkit.report.text import ORDER, section_of

SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note"}
TOPIC_TAGS = {
    "linked": (("tag-ok", "Linked"), ""),
    "in-pathway": (("tag-ok", "Covered"), "set out in the levels of need"),
    "services-only": (("tag-thin", "Not linked"), "services are listed in Section C"),
    "missing": (("tag-gap", "Gap"), "not linked, and no services found"),
}

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #8c8c8c; --paper: #ffffff;
  --gap: #a1001c; --gap-bg: #fdecee; --thin: #7a4a00; --thin-bg: #fff4dc;
  --ok: #1e5a2b; --ok-bg: #e8f4ea; --link: #0b4f8a; }
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper);
  font: 16px/1.45 "Segoe UI", Arial, Helvetica, sans-serif; }
body { margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 2rem; }
a { color: var(--link); }
a:focus, .skip:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; display: inline-block; margin: .5rem 0; }
header.page { border-bottom: 4px solid var(--ink); padding: 1rem 0 .75rem; margin-bottom: 1rem; }
.kicker { margin: 0; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  font-size: .85rem; color: var(--muted); }
h1 { margin: .1rem 0 .3rem; font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.meta { margin: 0; color: var(--muted); }
.summary { border: 2px solid var(--ink); border-radius: 6px; padding: .25rem 1.25rem 1rem; }
.summary h2 { border: 0; margin-top: .75rem; }
.stats { display: flex; flex-wrap: wrap; gap: .5rem 2rem; list-style: none; padding: 0;
  margin: 0 0 .5rem; }
.stats strong { font-size: 1.5rem; display: block; line-height: 1.1; }
.gaps li, .notes li { margin: .3rem 0; }
.tag { display: inline-block; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 .35rem; font-size: .8rem; font-weight: 700; line-height: 1.4;
  white-space: nowrap; vertical-align: baseline; }
.tag-gap { color: var(--gap); background: var(--gap-bg); }
.tag-thin { color: var(--thin); background: var(--thin-bg); }
.tag-ok { color: var(--ok); background: var(--ok-bg); }
.tag-info { color: #0b4f71; background: #e6f3fa; }
.sev-error { color: var(--gap); background: var(--gap-bg); }
.sev-warning { color: var(--thin); background: var(--thin-bg); }
.sev-info { color: #0b4f71; background: #e6f3fa; }
.band { list-style: none; padding: 0; margin: .5rem 0 0; display: grid; gap: .5rem;
  grid-template-columns: repeat(var(--levels, 5), minmax(0, 1fr)); }
.band-arrow { margin: .25rem 0 0; color: var(--muted); font-size: .9rem; }
.level { border: 1px solid var(--line); border-radius: 6px; background: #fff;
  display: flex; flex-direction: column; min-width: 0; }
.level > h3 { margin: 0; padding: .5rem .6rem; border-radius: 5px 5px 0 0; font-size: 1rem;
  border-bottom: 1px solid var(--line); }
.level .count { display: block; font-weight: 400; font-size: .85rem; }
.lv-0 > h3 { background: #e5f3e0; } .lv-1 > h3 { background: #e3eef8; }
.lv-2 > h3 { background: #fff3d1; } .lv-3 > h3 { background: #fde3cf; }
.lv-4 > h3 { background: #f8d9dc; } .lv-5 > h3 { background: #ece1f5; }
.need { margin: .5rem .6rem; font-size: .9rem; font-style: italic; color: var(--muted); }
.services { list-style: none; margin: 0; padding: 0 .6rem .6rem; }
.services li { border-top: 1px solid #d0d0d0; padding: .35rem 0; font-size: .92rem;
  overflow-wrap: anywhere; }
.services .tag { margin-top: .15rem; }
.flag { margin: .5rem .6rem; padding: .5rem .6rem; border-radius: 4px; font-size: .92rem; }
.flag-gap { border: 3px solid var(--gap); background: var(--gap-bg); color: var(--ink); }
.flag-thin { border: 2px dashed var(--thin); background: var(--thin-bg); color: var(--ink); }
.level.status-empty { border: 3px solid var(--gap); }
.level.status-thin { border: 2px dashed var(--thin); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: #efefef; }
td.mark { text-align: center; font-weight: 700; }
.kinds { list-style: none; padding: 0; }
.kinds li { margin: .3rem 0; }
.columns { columns: 2 22rem; column-gap: 2rem; padding-left: 1.2rem; }
.columns li { break-inside: avoid; }
.findings { list-style: none; padding: 0; }
.findings li { border-left: 4px solid var(--line); padding: .35rem .6rem; margin: .4rem 0;
  background: #fafafa; }
.findings li.f-error { border-left-color: var(--gap); }
.findings li.f-warning { border-left-color: var(--thin); }
.rule { color: var(--muted); font-size: .85rem; }
.where { display: block; font-size: .9rem; color: var(--muted); }
.where q { color: var(--ink); }
footer.page { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem;
  color: var(--muted); font-size: .85rem; }
.compare th[scope=row] { background: #f5f5f5; width: 14rem; }
.compare td { min-width: 10rem; }
.compare .file { display: block; font-weight: 400; font-size: .85rem; color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 900px) { .band { grid-template-columns: 1fr; } }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .skip { display: none; }
  h2 { break-after: avoid; }
  .summary, .level, .services li, .findings li, tr { break-inside: avoid; }
  a { color: var(--ink); text-decoration: none; }
  .band { grid-template-columns: repeat(var(--levels, 5), minmax(0, 1fr)); }
}
"""


def e(value: object) -> str:
    """Escape text from the pathway for HTML (quotes too: it also goes in attributes)."""
    return escape(str(value), quote=True)


def _href(url: str) -> str | None:
    """A safe link target, or None: only web and e-mail addresses become links."""
    url = url.strip()
    return url if re.match(r"(?i)^(https?://|mailto:)[^\s\"'<>]+$", url) else None


def _link(text: str, url: str) -> str:
    href = _href(url)
    return f'<a href="{e(href)}">{e(text)}</a>' if href else e(text)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _page(title: str, body: str, today: date) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f"{body}\n"
        f'<footer class="page"><p>Made by pairkit {e(__version__)} on '
        f"{e(_day(today))}. This page is self-contained: nothing in it is loaded from "
        "the internet.</p></footer>\n</body>\n</html>\n"
    )


def _framework_name(framework_id: str) -> str:
    from pairkit.config import load_framework

    found = load_framework(framework_id)
    return str(found.get("name", framework_id)) if found else framework_id


def _day(d: date | str | None) -> str:
    """A date as people write it: 31 March 2025."""
    if d is None:
        return "not set"
    if isinstance(d, str):
        try:
            d = date.fromisoformat(d)
        except ValueError:
            return d
    return f"{d.day} {d.strftime('%B %Y')}"


# -- one pathway -------------------------------------------------------------------


def render_report(audit: Audit, today: date) -> str:
    """The whole report page for one pathway."""
    a = audit.analysis
    head = (
        '<header class="page"><p class="kicker">PAIR pathway audit</p>'
        f"<h1>{e(audit.area)}</h1>"
        f'<p class="meta">{e(a.title or "Pathway")} · file {e(audit.name)} · '
        f"checked on {e(_day(today))}"
        + (f" · levels of need: {e(_framework_name(a.framework))}" if a.framework else "")
        + "</p></header>"
    )
    parts = [
        head,
        '<main id="main">',
        _summary(audit, today),
        _band(a),
        _duplicates(a),
        _specialists(a),
        _topics(a),
        _links_qr(a),
        _placeholders(a),
        _review(a),
        _findings(audit.findings),
        "</main>",
    ]
    return _page(f"PAIR pathway audit: {audit.area}", "\n".join(parts), today)


def _summary(audit: Audit, today: date) -> str:
    a = audit.analysis
    services = sum(len(lv.services) for lv in a.levels)
    c = count_by_severity(audit.findings)
    stats = [
        (str(len(a.gaps)), "gaps" if len(a.gaps) != 1 else "gap"),
        (str(services), f"services across {_plural(len(a.levels), 'level')} of need"),
        (str(c["error"] + c["warning"]), "errors and warnings to fix"),
        (_day(a.review.next_review), "next review" + (
            " (overdue)" if a.review.status == "overdue" else "")),
    ]
    out = ['<section class="summary" aria-labelledby="summary-h">',
           '<h2 id="summary-h">Summary</h2>', '<ul class="stats">']
    out += [f"<li><strong>{e(big)}</strong> {e(small)}</li>" for big, small in stats]
    out.append("</ul>")
    if a.gaps:
        out.append("<h3>Gaps</h3>")
        out.append('<ol class="gaps">')
        out += [f'<li><span class="tag tag-gap">Gap</span> {e(g.text)}</li>' for g in a.gaps]
        out.append("</ol>")
    else:
        out.append('<p><span class="tag tag-ok">No gaps</span> pairkit found no gaps in this '
                   "pathway.</p>")
    if a.notes:
        out.append("<h3>Also worth knowing</h3>")
        out.append('<ul class="notes">')
        out += [f"<li>{e(n)}</li>" for n in a.notes]
        out.append("</ul>")
    out.append(f"<p>Findings: {e(counts_text(audit))}, listed by section "
               '<a href="#findings-h">at the end</a>.</p>')
    out.append("</section>")
    return "\n".join(out)


def _band(a: Analysis) -> str:
    out = ['<section aria-labelledby="band-h">', '<h2 id="band-h">Levels of need</h2>',
           '<p class="band-arrow">From promotion and prevention (left) to the most complex '
           "need (right). A level with no services is marked <strong>Gap</strong>; one with "
           f"fewer than {THIN_BELOW} is marked <strong>Thin</strong>.</p>"]
    if not a.levels:
        out.append('<p class="flag flag-gap"><span aria-hidden="true">⚠ </span>'
                   "<strong>Gap:</strong> Section C lists no levels of need.</p></section>")
        return "\n".join(out)
    out.append(f'<ol class="band" style="--levels: {len(a.levels)}">')
    for level in a.levels:
        out.append(_level(level))
    out.append("</ol></section>")
    return "\n".join(out)


def _level(level: Level) -> str:
    colour = min(level.index, 5)
    count = _plural(len(level.services), "service")
    out = [f'<li class="level lv-{colour} status-{level.status}">',
           f'<h3>{e(level.name)}<span class="count">{e(count)}</span></h3>']
    if level.need:
        out.append(f'<p class="need">{e(level.need)}</p>')
    if level.status == "empty":
        out.append('<p class="flag flag-gap"><span aria-hidden="true">⚠ </span>'
                   "<strong>Gap:</strong> no services are listed at this level.</p>")
    elif level.status == "thin":
        out.append('<p class="flag flag-thin"><span aria-hidden="true">△ </span>'
                   f"<strong>Thin:</strong> only {e(count)} at this level.</p>")
    if level.services:
        out.append('<ul class="services">')
        for s in level.services:
            tags = ""
            if s.also_at:
                tags += (' <span class="tag tag-info">Also at '
                         f"{e(', '.join(s.also_at))}</span>")
            if s.has_qr:
                tags += ' <span class="tag tag-ok">QR code</span>'
            out.append(f"<li>{_link(s.name, s.url)}{tags}</li>")
        out.append("</ul>")
    out.append("</li>")
    return "\n".join(out)


def _duplicates(a: Analysis) -> str:
    out = ['<section aria-labelledby="dup-h">',
           '<h2 id="dup-h">Services at several levels of need</h2>']
    if not a.duplicates:
        out.append("<p>No service is listed at more than one level of need.</p></section>")
        return "\n".join(out)
    out.append("<p>Families have needs at several levels at once, so a service may rightly "
               "appear more than once; otherwise this may be duplication.</p>")
    out.append("<table><caption>Where each of these services is listed</caption><thead><tr>"
               '<th scope="col">Service</th>'
               + "".join(f'<th scope="col">{e(lv.name)}</th>' for lv in a.levels)
               + "</tr></thead><tbody>")
    for d in a.duplicates:
        cells = "".join(
            '<td class="mark">✓<span class="sr-only"> listed</span></td>'
            if lv.name in d.levels else '<td><span class="sr-only">not listed</span></td>'
            for lv in a.levels)
        out.append(f'<tr><th scope="row">{e(d.name)}</th>{cells}</tr>')
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _specialists(a: Analysis) -> str:
    s = a.specialists
    out = ['<section aria-labelledby="spec-h">', '<h2 id="spec-h">Access to specialists</h2>']
    if s.missing:
        out.append(
            '<p class="flag flag-gap"><span aria-hidden="true">⚠ </span><strong>Gap for '
            "commissioners:</strong> the pathway lists no specialist parent-infant "
            "relationship team, specialist infant mental health health visitors or other "
            "infant mental health specialists. The guidance asks areas without them to flag "
            "this gap to commissioners.</p>")
    if s.none_statements:
        out.append("<p>The pathway says: "
                   + "; ".join(f"<q>{e(x)}</q>" for x in s.none_statements) + "</p>")
    out.append('<ul class="kinds">')
    for kind in s.kinds:
        if kind.present:
            out.append(f'<li><span class="tag tag-ok">Listed</span> {e(kind.label)}: '
                       f"{e(', '.join(kind.names))}</li>")
        else:
            out.append(f'<li><span class="tag tag-thin">Not listed</span> {e(kind.label)}</li>')
    out.append("</ul></section>")
    return "\n".join(out)


def _topics(a: Analysis) -> str:
    out = ['<section aria-labelledby="topics-h">',
           '<h2 id="topics-h">What else do families need?</h2>',
           "<p>Related pathways families usually need, and whether this pathway links to "
           "them.</p>",
           "<table><caption>Related pathways</caption><thead><tr>"
           '<th scope="col">Pathway</th><th scope="col">In this pathway</th>'
           '<th scope="col">Links, or services in Section C</th></tr></thead><tbody>']
    for t in a.topics:
        tag, words = TOPIC_TAGS[t.status]
        detail = ", ".join(t.links) if t.links else (
            f"Set out at {t.in_pathway}" if t.in_pathway else "; ".join(t.services) or "—")
        out.append(f'<tr><th scope="row">{e(t.label)}</th><td><span class="tag {tag[0]}">'
                   f"{tag[1]}</span> {e(words)}</td><td>{e(detail)}</td></tr>")
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _links_qr(a: Analysis) -> str:
    out = ['<section aria-labelledby="qr-h">', '<h2 id="qr-h">Web links and QR codes</h2>',
           "<p>A QR code lets someone reading a printed copy follow a link; a web link lets "
           "someone reading on screen follow a QR code.</p>"]
    out.append(f"<h3>QR codes without a web link ({len(a.qr_without_link)})</h3>")
    out.append(_item_list(a.qr_without_link, "None."))
    out.append(f"<h3>Web links without a QR code ({len(a.links_without_qr)})</h3>")
    out.append(_item_list(a.links_without_qr, "None: every web link has a QR code."))
    out.append("</section>")
    return "\n".join(out)


def _item_list(items: Iterable, empty: str) -> str:
    rows = [f"<li>{e(i.name)} <span class=\"rule\">({e(i.where)})</span></li>" for i in items]
    return f'<ul class="columns">{"".join(rows)}</ul>' if rows else f"<p>{e(empty)}</p>"


def _placeholders(a: Analysis) -> str:
    out = ['<section aria-labelledby="ph-h">', '<h2 id="ph-h">Template prompts left</h2>']
    if not a.placeholders:
        out.append("<p>None: no template prompt such as [Insert …] is left.</p></section>")
        return "\n".join(out)
    out.append("<ul>")
    out += [f"<li><q>{e(p.text)}</q> in {e(p.where)}</li>" for p in a.placeholders]
    out.append("</ul></section>")
    return "\n".join(out)


def _review(a: Analysis) -> str:
    r = a.review
    status = {
        "ok": ("tag-ok", "Up to date"), "due-soon": ("tag-thin", "Due soon"),
        "overdue": ("tag-gap", "Overdue"), "missing": ("tag-gap", "Not set"),
        "invalid": ("tag-gap", "Not a real date"),
    }[r.status]
    return (
        '<section aria-labelledby="review-h"><h2 id="review-h">Ownership and review</h2>'
        "<table><caption>From the footer of the pathway</caption><tbody>"
        f'<tr><th scope="row">Pathway owner</th><td>{e(r.owner or "Not named")}</td></tr>'
        f'<tr><th scope="row">Version</th><td>{e(r.version or "—")}</td></tr>'
        f'<tr><th scope="row">Last reviewed</th><td>{e(_day(r.last_reviewed))}</td></tr>'
        f'<tr><th scope="row">Next review</th><td>{e(_day(r.next_review))} '
        f'<span class="tag {status[0]}">{status[1]}</span></td></tr>'
        "</tbody></table></section>"
    )


def _findings(findings: list[Finding]) -> str:
    out = ['<section aria-labelledby="findings-h">',
           '<h2 id="findings-h">All findings, by section</h2>']
    if not findings:
        out.append("<p>No findings.</p></section>")
        return "\n".join(out)
    out.append("<p>Every check's result, with the place in Word where the paragraph "
               "concerned can be found.</p>")
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(section_of(f), []).append(f)
    for section in sorted(groups, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER)):
        out.append(f"<h3>{e(section or 'Whole pathway')}</h3>")
        out.append('<ul class="findings">')
        for f in groups[section]:
            sev = SEVERITY_WORDS[f.severity]
            where = ""
            if f.location is not None:
                box = f.location.box or f.location.part
                quote = f" — <q>{e(f.location.text)}</q>" if f.location.text else ""
                where = f'<span class="where">In Word: {e(box)}{quote}</span>'
            out.append(f'<li class="f-{f.severity}"><span class="tag sev-{f.severity}">{sev}'
                       f"</span> {e(f.message)} <span class=\"rule\">({e(f.rule)})</span>"
                       f"{where}</li>")
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


# -- several pathways ----------------------------------------------------------------


def render_index(audits: list[Audit], pages: dict[int, str], today: date) -> str:
    """The index page comparing areas side by side; `pages` maps audit index to its page."""
    names = [a.area for a in audits]
    level_names: list[str] = []
    for a in audits:
        for lv in a.analysis.levels:
            if lv.name not in level_names:
                level_names.append(lv.name)

    def head_cell(i: int, a: Audit) -> str:
        page = pages.get(i)
        inner = f'<a href="{e(page)}">{e(a.area)}</a>' if page else e(a.area)
        return f'<th scope="col">{inner}<span class="file"> {e(a.path.name)}</span></th>'

    rows: list[tuple[str, list[str]]] = []
    rows.append(("Gaps", [
        (f'<span class="tag tag-gap">{_plural(len(a.analysis.gaps), "gap")}</span>'
         if a.analysis.gaps
         else '<span class="tag tag-ok">None</span>') for a in audits]))
    for name in level_names:
        cells = []
        for a in audits:
            lv = next((x for x in a.analysis.levels if x.name == name), None)
            if lv is None:
                cells.append("Not a level here")
            elif lv.status == "empty":
                cells.append('<span class="tag tag-gap">Gap</span> no services')
            elif lv.status == "thin":
                cells.append('<span class="tag tag-thin">Thin</span> '
                             f"{e(_plural(len(lv.services), 'service'))}")
            else:
                cells.append(e(_plural(len(lv.services), "service")))
        rows.append((f"Level of need: {name}", cells))
    spec_cells = []
    for a in audits:
        s = a.analysis.specialists
        if s.missing:
            spec_cells.append('<span class="tag tag-gap">Gap</span> none listed: flag to '
                              "commissioners")
        else:
            have = [k.label for k in s.kinds if k.present]
            spec_cells.append(e(f"{_plural(len(s.listed), 'listed', 'listed')}: ")
                              + e("; ".join(have)))
    rows.append(("Access to specialists", spec_cells))
    topic_cells = []
    for a in audits:
        topics = a.analysis.topics
        missing = [t.label for t in topics if not t.covered]
        text = f"{len(topics) - len(missing)} of {len(topics)} covered"
        topic_cells.append(
            e(text) + (f'<br><span class="tag tag-thin">Not linked</span> {e(", ".join(missing))}'
                       if missing else ""))
    rows.append(("Related pathways", topic_cells))
    rows.append(("Template prompts left", [
        (f'<span class="tag tag-gap">{len(a.analysis.placeholders)} left</span>'
         if a.analysis.placeholders else "None") for a in audits]))
    review_cells = []
    for a in audits:
        r = a.analysis.review
        tag = {"overdue": '<span class="tag tag-gap">Overdue</span> ',
               "missing": '<span class="tag tag-gap">Not set</span> ',
               "invalid": '<span class="tag tag-gap">Not a date</span> ',
               "due-soon": '<span class="tag tag-thin">Due soon</span> '}.get(r.status, "")
        review_cells.append(tag + e(_day(r.next_review)))
    rows.append(("Next review", review_cells))
    rows.append(("Owner", [e(a.analysis.review.owner or "Not named") for a in audits]))
    rows.append(("Findings", [e(counts_text(a)) for a in audits]))

    body = [
        '<header class="page"><p class="kicker">PAIR pathway audit</p>'
        f"<h1>{e(_plural(len(audits), 'pathway'))} compared</h1>"
        f'<p class="meta">{e(", ".join(names))} · checked on {e(_day(today))}</p></header>',
        '<main id="main">',
        '<section aria-labelledby="compare-h"><h2 id="compare-h">Areas side by side</h2>',
        '<table class="compare"><caption>Each column is one area; select an area\'s name for '
        "its full report.</caption><thead><tr>"
        '<th scope="col"><span class="sr-only">What is compared</span></th>'
        + "".join(head_cell(i, a) for i, a in enumerate(audits))
        + "</tr></thead><tbody>",
    ]
    for label, cells in rows:
        body.append(f'<tr><th scope="row">{e(label)}</th>'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append("</tbody></table></section>")
    body.append('<section aria-labelledby="bygap-h"><h2 id="bygap-h">Gaps by area</h2>')
    for i, a in enumerate(audits):
        page = pages.get(i)
        title = f'<a href="{e(page)}">{e(a.area)}</a>' if page else e(a.area)
        body.append(f"<h3>{title}</h3>")
        if a.analysis.gaps:
            body.append('<ul class="gaps">' + "".join(
                f'<li><span class="tag tag-gap">Gap</span> {e(g.text)}</li>'
                for g in a.analysis.gaps) + "</ul>")
        else:
            body.append('<p><span class="tag tag-ok">No gaps</span></p>')
    body.append("</section></main>")
    return _page("PAIR pathways compared", "\n".join(body), today)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "pathway"


def write_reports(audits: list[Audit], dest: Path, *, today: date) -> list[Path]:
    """Write the report (one pathway) or the index and a page per area (several)."""
    from pairkit.ooxml.package import atomic_write

    if len(audits) == 1:
        atomic_write(dest, render_report(audits[0], today).encode("utf-8"))
        return [dest]
    written: list[Path] = []
    pages: dict[int, str] = {}
    used = {dest.name.lower()}
    for i, a in enumerate(audits):
        base = _slug(a.path.stem)
        name, n = f"{base}.html", 1
        while name.lower() in used:
            n += 1
            name = f"{base}-{n}.html"
        used.add(name.lower())
        pages[i] = name
        path = dest.parent / name
        atomic_write(path, render_report(a, today).encode("utf-8"))
        written.append(path)
    atomic_write(dest, render_index(audits, pages, today).encode("utf-8"))
    return [dest, *written]
