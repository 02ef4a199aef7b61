"""LibreOffice, a real client, opens, renders and re-saves what pairkit writes."""

from __future__ import annotations

import json
import re

import pytest

from pairkit.api import extract, write
from tests.conftest import members

pytestmark = pytest.mark.libreoffice


def pages(pdf) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


@pytest.mark.parametrize("name", ["pair-pathway-template.docx", "northshire.docx"])
def test_template_and_sample_render_on_two_pages(libreoffice, samples, name):
    assert pages(libreoffice(samples / name, "pdf")) == 2


def test_written_documents_render(libreoffice, tmp_path, samples):
    gaps = json.loads((samples / "gaps.json").read_text(encoding="utf-8"))
    out = tmp_path / "gaps.docx"
    write(gaps, out)
    assert pages(libreoffice(out, "pdf")) >= 1


@pytest.mark.parametrize("name", ["pair-pathway-template.docx", "northshire.docx"])
def test_libreoffice_resave_extracts_to_the_same_json(libreoffice, samples, name):
    resaved = libreoffice(samples / name, "docx")
    assert extract(resaved) == extract(samples / name)


def test_own_json_into_libreoffice_resave_is_byte_identical(libreoffice, tmp_path, samples):
    resaved = libreoffice(samples / "pair-pathway-template.docx", "docx")
    out = tmp_path / "same.docx"
    write(extract(resaved), out, into=resaved)
    assert members(out) == members(resaved)


def test_fill_a_libreoffice_resaved_template(libreoffice, tmp_path, samples, northshire_json):
    """An area's own copy of the template, re-saved by LibreOffice, filled with JSON."""
    resaved = libreoffice(samples / "pair-pathway-template.docx", "docx")
    out = tmp_path / "filled.docx"
    write(northshire_json, out, into=resaved)
    assert extract(out) == northshire_json
    assert pages(libreoffice(out, "pdf")) == 2
