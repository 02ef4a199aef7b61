"""QR codes: made, placed beside their links, read back, checked; LibreOffice renders them."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest

from pairkit.api import extract, write
from pairkit.qr import decode
from pairkit.qr.generate import MIN_MODULE_MM, make_code
from pairkit.qr.place import add_codes
from pairkit.validate import validate_pathway
from tests.conftest import TODAY, members
from tests.test_cli import run as run_cli

AREA = "https://www.northshire.gov.uk/pair"


def services(pathway: dict) -> list[dict]:
    return [s for lv in pathway["section_c"]["levels"] for s in lv["services"]]


def qr_drawings(path: Path) -> int:
    xml = members(path)["word/document.xml"].decode("utf-8")
    return len(re.findall(r'<wp:docPr [^>]*name="pairkit-qr"', xml))


def rewrite_member(path: Path, dest: Path, name: str, change) -> None:
    src = members(path)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for member, data in src.items():
            out.writestr(member, change(data) if member == name else data)


@pytest.fixture(scope="module")
def qr_docx(tmp_path_factory, northshire_json) -> Path:
    out = tmp_path_factory.mktemp("qr") / "northshire-qr.docx"
    assert write(northshire_json, out, qr=True, area_url=AREA) == []
    return out


@pytest.fixture(scope="module")
def qr_json(qr_docx) -> dict:
    return extract(qr_docx)


def test_a_code_decodes_to_its_url_and_keeps_its_modules_printable():
    code = make_code("https://northshire.nhs.uk/pathways/perinatal-mental-health")
    assert decode.decode_qr(code.png) == code.url
    assert code.size_mm >= 15 and code.size_mm / code.modules >= MIN_MODULE_MM
    area = make_code(AREA, area=True)
    assert area.size_mm == 26 and decode.decode_qr(area.png) == AREA
    assert make_code(AREA).png == make_code(AREA).png  # deterministic
    long = make_code("https://example.org/" + "a" * 300)
    assert long.size_mm / long.modules >= MIN_MODULE_MM - 1e-9 and long.size_mm > 15


def test_write_qr_then_extract_decodes_every_link(qr_json, northshire_json):
    with_url = [s for s in services(northshire_json) if s["url"]]
    assert with_url
    for written, read in zip(services(northshire_json), services(qr_json), strict=True):
        if written["url"]:
            assert read["qr"]["decoded_url"] == written["url"], written["name"]
    for link in qr_json["section_c"]["what_else"]["links"]:
        assert link["qr"]["decoded_url"] == link["url"]
    assert qr_json["meta"]["qr"]["decoded_url"] == AREA
    # Nothing else changed.
    plain = copy.deepcopy(qr_json)
    plain["meta"]["qr"] = None
    for s in services(plain):
        s["qr"] = None
    for link in plain["section_c"]["what_else"]["links"]:
        del link["qr"]
    assert plain == northshire_json


def test_the_pathway_with_codes_passes_the_qr_rules(qr_json, qr_docx):
    findings = validate_pathway(qr_json, today=TODAY)
    assert [f for f in findings if f.rule.startswith("qr-")] == []


def test_rerunning_replaces_codes_and_never_stacks(qr_docx, tmp_path):
    n = qr_drawings(qr_docx)
    assert n == 24 + 6 + 2  # the area's code is in the slot's text box and its VML copy
    again = tmp_path / "again.docx"
    add_codes(qr_docx, again, area_url=AREA)
    assert members(again) == members(qr_docx)  # same bytes: replaced, not stacked
    without_area = tmp_path / "no-area.docx"
    placed = add_codes(again, without_area)
    assert "/meta/qr" not in placed.codes and qr_drawings(without_area) == n  # slot kept
    media = [m for m in members(again) if m.startswith("word/media/")]
    assert len(media) == len(set(m for m in media)) == 30  # one part per distinct URL


def test_what_else_codes_stand_in_a_numbered_row(qr_docx):
    from PIL import Image

    xml = members(qr_docx)["word/document.xml"].decode("utf-8")
    box = xml[xml.index('w:val="pair:what-else"'):]
    box = box[:box.index("</w:sdtContent>")]
    numbered = re.findall(r'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="(\d+)"/>', box)
    assert len(numbered) == 6 and len(set(numbered)) == 1  # links numbered 1-6, one list
    lefts = [int(x) for x in re.findall(
        r'<wp:positionH relativeFrom="column"><wp:posOffset>(-?\d+)<', box)]
    assert len(lefts) == 6 and lefts == sorted(lefts) and len(set(lefts)) == 6  # a row
    tops = [int(y) for y in re.findall(
        r'<wp:positionV relativeFrom="paragraph"><wp:posOffset>(-?\d+)<', box)]
    assert tops == [-k * 200 * 635 for k in range(6)]  # each lifted to the first line
    assert "<wp:inline" not in box
    # Each is still a scannable 15 mm code, its number drawn under it.
    for name in re.findall(r'name="(pairkit-qr-[0-9a-f]+\.png)"', box):
        png = members(qr_docx)[f"word/media/{name}"]
        image = Image.open(io.BytesIO(png))
        assert image.height > image.width and decode.decode_qr(png)


def test_writing_its_own_json_back_is_byte_identical(qr_docx, qr_json, tmp_path):
    out = tmp_path / "same.docx"
    write(qr_json, out, into=qr_docx)
    assert members(out) == members(qr_docx)


def test_a_changed_service_drops_its_old_code_instead_of_moving_it(qr_docx, qr_json, tmp_path):
    changed = copy.deepcopy(qr_json)
    service = changed["section_c"]["levels"][0]["services"][1]
    service["url"] = "https://www.northshire.gov.uk/family-hubs/new"
    service["qr"] = None
    out = tmp_path / "changed.docx"
    write(changed, out, into=qr_docx)
    assert qr_drawings(out) == qr_drawings(qr_docx) - 1
    read = extract(out)
    assert read["section_c"]["levels"][0]["services"][1]["qr"] is None
    findings = validate_pathway(read, today=TODAY)
    assert [f for f in findings if f.rule.startswith("qr-")] == []
    again = tmp_path / "again.docx"
    add_codes(out, again, area_url=AREA)
    fixed = extract(again)["section_c"]["levels"][0]["services"][1]["qr"]
    assert fixed["decoded_url"] == service["url"]


def test_codes_swapped_between_two_services_are_two_findings(qr_docx, qr_json, tmp_path):
    first, second = qr_json["section_c"]["levels"][1]["services"][:2]
    a = Path(first["qr"]["image"]).name.encode()
    b = Path(second["qr"]["image"]).name.encode()

    def swap(rels: bytes) -> bytes:
        return rels.replace(a, b"@@").replace(b, a).replace(b"@@", b)

    swapped = tmp_path / "swapped.docx"
    rewrite_member(qr_docx, swapped, "word/_rels/document.xml.rels", swap)
    findings = [f for f in validate_pathway(extract(swapped), today=TODAY)
                if f.rule == "qr-matches-link"]
    assert [f.pointer for f in findings] == [
        "/section_c/levels/1/services/0/qr", "/section_c/levels/1/services/1/qr"]
    assert first["name"] in findings[0].message and second["name"] in findings[0].message
    assert second["name"] in findings[1].message and first["name"] in findings[1].message


def test_a_picture_that_is_not_a_qr_code_is_unreadable(qr_docx, qr_json, tmp_path):
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (120, 120), 255).save(blank, format="PNG")
    target = qr_json["meta"]["qr"]["image"]
    broken = tmp_path / "blank.docx"
    rewrite_member(qr_docx, broken, target, lambda _data: blank.getvalue())
    read = extract(broken)
    assert read["meta"]["qr"] == {"image": target, "decoded_url": None}
    findings = [f for f in validate_pathway(read, today=TODAY) if f.rule == "qr-readable"]
    assert [f.pointer for f in findings] == ["/meta/qr"]


def test_no_images_means_no_decoding(monkeypatch, northshire_docx, northshire_json):
    def fail(_data):
        raise AssertionError("decoded with no images")

    monkeypatch.setattr(decode, "_decode", fail)
    assert extract(northshire_docx) == northshire_json


def test_decoding_is_cached_by_image_bytes(monkeypatch):
    png = make_code("https://example.org/cached").png
    decode._CACHE.clear()
    calls = []
    real = decode._decode
    monkeypatch.setattr(decode, "_decode", lambda data: calls.append(1) or real(data))
    assert decode.decode_qr(png) == decode.decode_qr(bytes(png)) == "https://example.org/cached"
    assert calls == [1]
    assert decode.decode_qr(b"not an image") is None


def test_cli_qr_and_write_qr(tmp_path, samples):
    out = tmp_path / "q.docx"
    r = run_cli("qr", str(samples / "northshire.docx"), "-o", str(out), "--area-url", AREA)
    assert r.returncode == 0, r.stderr
    assert "31 QR codes" in r.stderr
    assert extract(out)["meta"]["qr"]["decoded_url"] == AREA
    r = run_cli("qr", str(out), "-o", str(out))
    assert r.returncode == 2 and "--in-place" in r.stderr
    r = run_cli("qr", str(out), "-o", str(tmp_path / "x.docx"), "--area-url", "northshire.gov.uk")
    assert r.returncode == 2 and "--area-url" in r.stderr
    w = tmp_path / "w.docx"
    r = run_cli("write", str(samples / "northshire.json"), "-o", str(w), "--qr")
    assert r.returncode == 0, r.stderr
    assert extract(w)["meta"]["qr"] is None and qr_drawings(w) == 30
    r = run_cli("write", str(samples / "northshire.json"), "-o", str(w), "--area-url", AREA)
    assert r.returncode == 2 and "--qr" in r.stderr


@pytest.mark.libreoffice
def test_the_coded_pathway_renders_in_libreoffice(libreoffice, qr_docx, qr_json, tmp_path):
    import shutil
    import subprocess

    import zxingcpp
    from PIL import Image

    from tests.test_libreoffice import pages

    pdf = libreoffice(qr_docx, "pdf")
    # Two sides of A4: the 'What else' codes stand in one numbered row (see docs/qr.md),
    # so the box still fits under the levels of need.
    assert pages(pdf) == 2
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    # Printed at 150 dpi, every code on every page reads, and reads as its link.
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    seen = []
    for png in sorted(tmp_path.glob("page-*.png")):
        seen += [b.text for b in zxingcpp.read_barcodes(Image.open(png))]
    links = [s["url"] for s in services(qr_json) if s["url"]]
    links += [lk["url"] for lk in qr_json["section_c"]["what_else"]["links"]] + [AREA]
    assert sorted(seen) == sorted(links)
