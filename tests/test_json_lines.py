"""JSON pointer -> line, so CI annotations land on the line at fault."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pairkit import pointer as jp
from pairkit.model.json_lines import line_of, value_lines

TEXT = """{
  "a": {"b": [1, "x}]\\"", {"c/d": null}],
        "e": true},
  "f~g": [
    [],
    {}
  ]
}"""


def test_lines_of_nested_values_with_awkward_strings_and_keys():
    lines = value_lines(TEXT)
    assert lines["/a"] == 2 and lines["/a/b/2/c~1d"] == 2
    assert lines["/a/e"] == 3
    assert lines["/f~0g"] == 4 and lines["/f~0g/0"] == 5 and lines["/f~0g/1"] == 6


def test_a_missing_key_takes_its_parents_line():
    lines = value_lines(TEXT)
    assert line_of(lines, "/a/b/2/missing") == 2
    assert line_of(lines, "/f~0g/1/nothing/here") == 6
    assert line_of(lines, "") == 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=4),
    max_leaves=25,
)


def _pointers(value, pointer=""):
    yield pointer
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _pointers(v, f"{pointer}/{jp.escape(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _pointers(v, f"{pointer}/{i}")


@settings(max_examples=150, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 2]))
def test_every_pointer_is_found_on_a_line_of_the_file(value, indent):
    text = json.dumps(value, indent=indent)
    lines = value_lines(text)
    assert set(lines) == set(_pointers(value))
    assert all(1 <= n <= text.count("\n") + 1 for n in lines.values())


def test_github_and_sarif_carry_the_line_for_json_files(samples):
    import subprocess
    import sys

    from tests.test_cli import ROOT

    r = subprocess.run([sys.executable, "-m", "pairkit", "validate", "samples/gaps.json",
                        "--format", "github", "--today", "2026-11-26"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    text = (samples / "gaps.json").read_text(encoding="utf-8").splitlines()
    review = next(a for a in r.stdout.splitlines() if "review-due" in a)
    line = int(review.split("line=")[1].split(",")[0])
    assert '"next_review"' in text[line - 1]
    r = subprocess.run([sys.executable, "-m", "pairkit", "validate", "samples/gaps.json",
                        "--format", "sarif", "--today", "2026-11-26"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    results = json.loads(r.stdout)["runs"][0]["results"]
    spec = next(x for x in results if x["ruleId"] == "specialists-listed")
    line = spec["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert '"specialists": []' in text[line - 1]
