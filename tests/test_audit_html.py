"""The HTML audit report: self-contained, accessible, escaped; renders in headless Chromium."""

from __future__ import annotations

import copy
import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pairkit.audit import audit_file
from pairkit.audit.html import render_report, write_reports
from tests.conftest import SAMPLES, TODAY, load_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


class Outline(HTMLParser):
    """Headings, tags and attributes of a page, to check its structure."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def eastbury() -> dict:
    pathway = copy.deepcopy(load_sample("northshire.json"))
    pathway["meta"]["area"] = "Eastbury"
    pathway["section_c"]["levels"][1]["services"] = pathway["section_c"]["levels"][1][
        "services"][:1]
    return pathway


@pytest.fixture(scope="module")
def northshire_page() -> str:
    return render_report(audit_file(SAMPLES / "northshire.docx", today=TODAY), TODAY)


@pytest.fixture(scope="module")
def gaps_page(tmp_path_factory) -> str:
    from pairkit.api import write

    out = tmp_path_factory.mktemp("gaps") / "gaps.docx"
    write(load_sample("gaps.json"), out)
    return render_report(audit_file(out, today=TODAY), TODAY)


def assert_self_contained(page: str) -> None:
    o = outline(page)
    assert "script" not in o.tags and "link" not in o.tags and "img" not in o.tags
    assert "iframe" not in o.tags and "object" not in o.tags
    assert not [a for a in o.attrs if a[1] == "src"]
    assert "url(" not in page and "@import" not in page


def assert_accessible_structure(page: str) -> None:
    o = outline(page)
    assert '<html lang="en-GB">' in page
    assert o.headings.count(1) == 1 and o.headings[0] == 1
    for before, after in zip(o.headings, o.headings[1:], strict=False):
        assert after <= before + 1, "headings must not skip a level"
    assert "main" in o.tags and "header" in o.tags and "footer" in o.tags
    for tag, key, _ in o.attrs:
        assert not (key == "style" and tag != "ol"), "only the band sets an inline style"


def test_northshire_report_is_self_contained_and_structured(northshire_page):
    assert_self_contained(northshire_page)
    assert_accessible_structure(northshire_page)
    assert "<h1>Northshire</h1>" in northshire_page
    for level in ("Thriving", "Getting Advice", "Getting Help", "Getting More Help",
                  "Getting Risk Support"):
        assert f"<h3>{level}<span" in northshire_page
    assert "No gaps" in northshire_page
    assert "levels of need: iThrive" in northshire_page
    assert "@page { size: A4 landscape" in northshire_page


def test_gaps_report_summary_names_each_gap_and_marks_them_in_place(gaps_page):
    summary = gaps_page.split('<section class="summary"', 1)[1].split("</section>", 1)[0]
    text = html.unescape(summary)
    for words in ("Getting More Help: no services", "No specialist team",
                  "flagged to commissioners", "domestic abuse and substance use",
                  "[Insert local screening tools]", "Review overdue"):
        assert words in text
    # In place: the empty level in the band, the specialists box, the what-else table.
    assert 'class="level lv-3 status-empty"' in gaps_page
    band = gaps_page.split('class="level lv-3 status-empty"', 1)[1].split("</li>", 1)[0]
    assert "<strong>Gap:</strong> no services are listed" in band
    assert "<strong>Gap for commissioners:</strong>" in gaps_page
    assert 'tag-gap">Gap</span> not linked' in gaps_page
    # Findings grouped by section, with the text of the place in Word.
    assert "<h3>Section B – Information Gathering and Decision Making</h3>" in gaps_page
    assert ("In Word: Step 2 box — <q>Screening and Assessment Tools – "
            "[Insert local screening tools]</q>") in gaps_page


def test_no_meaning_by_colour_alone(gaps_page):
    # Every coloured tag or flag carries a word.
    for m in re.finditer(r'<span class="tag [^"]+">([^<]*)</span>', gaps_page):
        assert m.group(1).strip()
    for m in re.finditer(r'<p class="flag [^"]+">(.*?)</p>', gaps_page):
        assert re.search(r"<strong>\w", m.group(1))


def test_text_from_the_pathway_is_escaped_and_only_web_links_are_links():
    pathway = load_sample("northshire.json")
    service = pathway["section_c"]["levels"][0]["services"][0]
    service["name"] = '<script>alert("x")</script> & "Co"'
    service["url"] = "javascript:alert(1)"
    pathway["meta"]["area"] = "<b>Area</b>"
    from pairkit.audit import Audit
    from pairkit.audit.gaps import analyse

    a = Audit(Path("x.json"), "x.json", pathway, analyse(pathway, TODAY), [])
    page = render_report(a, TODAY)
    assert "<script>" not in page and "<b>Area</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;" in page
    assert "javascript:" not in page
    assert_self_contained(page)


def write_region(tmp_path: Path) -> Path:
    """Northshire, the gaps sample and a derived 'Eastbury': three areas' index page."""
    import json

    folder = tmp_path / "region"
    folder.mkdir()
    (folder / "eastbury.json").write_text(json.dumps(eastbury()), encoding="utf-8")
    audits = [audit_file(SAMPLES / "northshire.json", today=TODAY),
              audit_file(SAMPLES / "gaps.json", today=TODAY),
              audit_file(folder / "eastbury.json", today=TODAY)]
    index = tmp_path / "report" / "index.html"
    index.parent.mkdir()
    written = write_reports(audits, index, today=TODAY)
    assert [p.name for p in written] == [
        "index.html", "northshire.html", "gaps.html", "eastbury.html"]
    return index


def test_folder_index_shows_three_areas_side_by_side(tmp_path):
    index = write_region(tmp_path)
    page = index.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert_accessible_structure(page)
    header = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    cols = re.findall(r'<th scope="col"><a href="([^"]+)">([^<]+)</a>', header)
    assert cols == [("northshire.html", "Northshire"), ("gaps.html", "Southmoor"),
                    ("eastbury.html", "Eastbury")]
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page))
    cells = lambda label: re.findall(r"<td>(.*?)</td>", rows[label])  # noqa: E731
    assert len(cells("Level of need: Getting Advice")) == 3
    assert "Thin" in cells("Level of need: Getting Advice")[2]
    assert "Gap" in cells("Level of need: Getting More Help")[1]
    assert "Gap" in cells("Access to specialists")[1]
    assert "Gap" not in cells("Access to specialists")[0]
    assert "Overdue" in cells("Next review")[1] and "1 September 2027" in cells("Next review")[0]
    for name in ("northshire.html", "gaps.html", "eastbury.html"):
        assert (index.parent / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- rendering in a real browser ------------------------------------------------------


def chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"chromium-profile-{len(list(tmp_path.glob('chromium-profile-*')))}"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    return chromium


def test_console_error_detection_works(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><script>console.error('boom'); nope();</script>")
    result = browser(tmp_path, bad, "--dump-dom")
    assert len(console_errors(result.stderr)) == 2


def test_northshire_report_renders_in_chromium(browser, tmp_path, northshire_page):
    page = tmp_path / "northshire.html"
    page.write_text(northshire_page, encoding="utf-8")
    dom = browser(tmp_path, page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_errors(dom.stderr) == []
    assert "<h1>Northshire</h1>" in dom.stdout
    shot = tmp_path / "northshire.png"
    result = browser(tmp_path, page, f"--screenshot={shot}", "--window-size=1400,2000")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_errors(result.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 2000)
    print(f"screenshot: {shot}")


def test_index_page_renders_in_chromium(browser, tmp_path):
    index = write_region(tmp_path)
    shot = tmp_path / "index.png"
    result = browser(tmp_path, index, f"--screenshot={shot}", "--window-size=1400,1400")
    assert result.returncode == 0 and console_errors(result.stderr) == []
    assert shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")


def test_report_prints_to_a4_pdf(browser, tmp_path, gaps_page):
    page = tmp_path / "gaps.html"
    page.write_text(gaps_page, encoding="utf-8")
    pdf = tmp_path / "gaps.pdf"
    result = browser(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert result.returncode == 0 and console_errors(result.stderr) == []
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "no pages"
    for w, h in boxes:  # A4 landscape is 842 x 595 points
        assert abs(float(w) - 842) < 2 and abs(float(h) - 595) < 2
