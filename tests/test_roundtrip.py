"""extract(write(J)) == J, and writing a document's own JSON back changes no byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from pairkit.api import extract, write
from pairkit.model.schema import validator
from tests.conftest import member_names, members
from tests.strategies import pathways


def test_northshire_sample_follows_the_schema(northshire_json):
    assert list(validator().iter_errors(northshire_json)) == []


def test_write_then_extract_gives_the_json_back(tmp_path, northshire_json):
    out = tmp_path / "n.docx"
    assert write(northshire_json, out) == []
    assert extract(out) == northshire_json


def test_committed_northshire_docx_is_the_sample_json(northshire_docx, northshire_json):
    assert extract(northshire_docx) == northshire_json


def test_gaps_sample_round_trips(tmp_path, samples):
    gaps = json.loads((samples / "gaps.json").read_text(encoding="utf-8"))
    out = tmp_path / "g.docx"
    write(gaps, out)
    assert extract(out) == gaps


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(pathway=pathways())
def test_property_write_extract_round_trip(tmp_path_factory, pathway):
    assert list(validator().iter_errors(pathway)) == []
    out = tmp_path_factory.mktemp("prop") / "p.docx"
    write(pathway, out)
    assert extract(out) == pathway


@pytest.mark.parametrize("name", ["pair-pathway-template.docx", "northshire.docx",
                                  "dudley.docx", "glenmorven.docx"])
def test_writing_own_json_back_is_byte_identical(tmp_path, samples, name):
    doc = samples / name
    out = tmp_path / name
    write(extract(doc), out, into=doc)
    assert member_names(out) == member_names(doc)
    assert members(out) == members(doc)
    assert out.read_bytes() == doc.read_bytes()


def test_writing_into_an_edited_document_changes_only_that_part(tmp_path, northshire_docx,
                                                                 northshire_json):
    edited = json.loads(json.dumps(northshire_json))
    edited["section_c"]["levels"][0]["services"][0]["description"] = "Now open on Saturdays."
    out = tmp_path / "edited.docx"
    write(edited, out, into=northshire_docx)
    assert extract(out) == edited
    before, after = members(northshire_docx), members(out)
    assert before.keys() == after.keys()
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]


def test_lists_grow_and_shrink(tmp_path, northshire_docx, northshire_json):
    edited = json.loads(json.dumps(northshire_json))
    level = edited["section_c"]["levels"][2]
    level["services"].append({"name": "New Café Group", "description": "Weekly.",
                              "access": "Drop in", "url": "https://example.org/cafe",
                              "contact": "", "qr": None})
    del edited["section_c"]["levels"][1]["services"][1:]
    edited["section_c"]["what_else"]["links"].pop()
    edited["section_a"]["principles"].insert(0, "Babies first.")
    out = tmp_path / "grown.docx"
    write(edited, out, into=northshire_docx)
    assert extract(out) == edited


def test_changing_the_number_of_levels_resizes_the_table(tmp_path, northshire_json):
    from pairkit.read.labels import frameworks

    girfec = json.loads(json.dumps(northshire_json))
    old = girfec["section_c"]["levels"]
    girfec["meta"]["framework"] = "girfec"
    girfec["section_c"]["levels"] = [
        {"id": lid, "name": name, "need": old[i]["need"], "services": old[i]["services"]}
        for i, (lid, name) in enumerate(frameworks()["girfec"])
    ]
    out = tmp_path / "girfec.docx"
    write(girfec, out)
    assert extract(out) == girfec


def test_write_refuses_to_overwrite_its_input(tmp_path, northshire_docx, northshire_json):
    from pairkit.errors import PairkitError

    doc = tmp_path / "mine.docx"
    doc.write_bytes(northshire_docx.read_bytes())
    edited = json.loads(json.dumps(northshire_json))
    edited["meta"]["version"] = "9.9"
    with pytest.raises(PairkitError, match="--in-place"):
        write(edited, doc, into=doc)
    assert doc.read_bytes() == northshire_docx.read_bytes()
    write(edited, doc, into=doc, in_place=True)
    assert extract(doc)["meta"]["version"] == "9.9"
    assert (tmp_path / "mine.docx.bak").read_bytes() == northshire_docx.read_bytes()


def test_footer_typed_as_one_run_takes_several_changes(tmp_path, northshire_docx,
                                                        northshire_json):
    """Owner, version and dates in one run of an area's own footer: each edit must see
    the text the previous one left (they used to overwrite each other)."""
    import zipfile

    from tests.docxgen import NSDECL, XML

    one_run = (f'{XML}<w:ftr {NSDECL}><w:p><w:r><w:t xml:space="preserve">Pathway owner: '
               "Jo Bloggs | Version: 1.0 | Last reviewed: 1 March 2026 | Next review: "
               "1 March 2027</w:t></w:r></w:p></w:ftr>")
    doc = tmp_path / "area.docx"
    with zipfile.ZipFile(northshire_docx) as zin, zipfile.ZipFile(doc, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, one_run.encode() if info.filename == "word/footer1.xml" else data)
    edited = extract(doc)
    assert edited["meta"]["owner"] == "Jo Bloggs"
    edited["meta"].update(owner="Dr Amira Hussain, Infant Mental Health Lead", version="2.2",
                          last_reviewed="2026-10-01", next_review="2027-10-01")
    out = tmp_path / "out.docx"
    write(edited, out, into=doc)
    assert extract(out)["meta"] == edited["meta"]


def test_the_api_validates_and_localises(tmp_path, samples):
    from datetime import date

    from pairkit import api

    gaps = api.validate(samples / "gaps.json", today=date(2026, 11, 26))
    assert {f.rule for f in gaps} >= {"levels-populated", "review-due"}
    assert not [f for f in api.validate(samples / "northshire.docx", today=date(2026, 11, 26))
                if f.severity == "error"]
    result = api.localise(samples / "northshire.docx", tmp_path / "d.docx", "dudley")
    assert result.changes and "PIEW" in api.extract(tmp_path / "d.docx")["title"]
