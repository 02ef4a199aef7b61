"""Profiles and frameworks: loading, validation, detection, crosswalk."""

from pathlib import Path

import jsonschema
import pytest

from pairkit.errors import PairkitError
from pairkit.model.schema import load_schema as schema
from pairkit.terms.frameworks import (
    builtin_framework_names,
    builtin_frameworks,
    crosswalk,
    detect_framework,
    load_framework,
)
from pairkit.terms.matcher import detect_profile
from pairkit.terms.profiles import builtin_profile_names, builtin_profiles, load_profile


def test_builtin_profiles():
    assert builtin_profile_names()[0] == "england"
    assert set(builtin_profile_names()) >= {"england", "dudley", "scotland", "wales"}
    dudley = load_profile("dudley")
    assert (dudley.short_term, dudley.long_term) == ("PIEW", "Parent-Infant Emotional Wellbeing")
    scotland = load_profile("Scotland")
    assert (scotland.short_term, scotland.framework) == ("IMH", "girfec")
    wales = load_profile("wales")
    assert (wales.short_term, wales.framework) == ("PAIR", "nest")
    assert "Lambeth PAIRS" in load_profile("england").exceptions


def test_builtin_profiles_name_known_frameworks():
    for profile in builtin_profiles():
        assert profile.framework in builtin_framework_names()


def test_unknown_profile_is_a_plain_error():
    with pytest.raises(PairkitError, match="no profile called 'narnia'.*england"):
        load_profile("narnia")


def test_custom_profile_by_path(tmp_path: Path):
    path = tmp_path / "lambeth.toml"
    path.write_text(
        'id = "lambeth"\nname = "Lambeth"\nshort_term = "PAIRS"\n'
        'long_term = "Parent-Infant Relationship Service"\nframework = "ithrive"\n'
        'exceptions = ["Lambeth PAIRS"]\n[swap]\n"PAIR training" = "PAIRS training"\n',
        encoding="utf-8",
    )
    profile = load_profile(str(path))
    assert profile.id == "lambeth"
    assert profile.swap_map == {"PAIR training": "PAIRS training"}
    assert profile.origin == str(path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('id = "x"\nname = "X"\nshort_term = "X"\n', "long_term"),
        ('id = "x"\nname = "X"\nshort_term = "X"\nlong_term = "Y"\ncolour = 1\n', "colour"),
        ('id = "x"\nname = "X"\nshort_term = "X"\nlong_term = "Y"\n[articles]\nX = "the"\n', "the"),
        ('id = "x" name', "not valid TOML"),
    ],
)
def test_invalid_profile_is_a_plain_error(tmp_path: Path, body: str, message: str):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PairkitError, match=message) as err:
        load_profile(str(path))
    assert "\n" not in str(err.value)


def test_missing_profile_file():
    with pytest.raises(PairkitError, match="no such profile file"):
        load_profile("nowhere/profile.toml")


def test_builtin_data_files_validate_against_schemas():
    import tomllib

    from pairkit.terms._data import DATA_DIR

    for folder, name in (("profiles", "profile"), ("frameworks", "framework")):
        for path in (DATA_DIR / folder).glob("*.toml"):
            jsonschema.validate(tomllib.loads(path.read_text()), schema(f"{name}.schema.json"))


def test_builtin_frameworks():
    ids = builtin_framework_names()
    assert ids[0] == "ithrive"
    assert set(ids) == {"ithrive", "healthy-child-programme", "early-help", "girfec", "nest"}
    ithrive = load_framework("ithrive")
    assert ithrive.level_names == [
        "Thriving",
        "Getting Advice",
        "Getting Help",
        "Getting More Help",
        "Getting Risk Support",
    ]
    for fw in builtin_frameworks():
        assert all(level.bands for level in fw.levels)
        covered = sorted(b for level in fw.levels for b in level.bands)
        assert covered == [1, 2, 3, 4, 5], fw.id


def test_unknown_framework():
    with pytest.raises(PairkitError, match="no framework called 'thrive2'"):
        load_framework("thrive2")


def test_custom_framework_by_path(tmp_path: Path):
    path = tmp_path / "three.toml"
    path.write_text(
        'id = "three"\nname = "Three levels"\nlevels = [\n'
        '{ id = "low", name = "Low", bands = [1, 2] },\n'
        '{ id = "mid", name = "Middle", aliases = ["Medium"], bands = [3] },\n'
        '{ id = "high", name = "High", bands = [4, 5] },\n]\n',
        encoding="utf-8",
    )
    fw = load_framework(path)
    assert fw.level("medium").id == "mid"
    assert detect_framework(["Low", "Medium", "High"], [fw]) == fw


def test_invalid_framework(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad"\nname = "Bad"\nlevels = [{ id = "a", name = "A" }]\n')
    with pytest.raises(PairkitError, match="not a valid framework"):
        load_framework(path)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Thriving", "Getting Advice", "Getting Help", "Getting More Help"], "ithrive"),
        (["thriving", "getting  risk support"], "ithrive"),
        (["Universal", "Early Help", "Targeted", "Specialist"], "early-help"),
        (["Universal", "Early Help", "Enhanced", "Specialist"], "nest"),
        (["Universal", "Additional", "Targeted", "Intensive"], "girfec"),
        (
            ["Community", "Universal", "Universal Plus", "Universal Partnership Plus"],
            "healthy-child-programme",
        ),
        (["Universal", "Specialist"], None),  # early help or NEST: cannot tell
        (["Getting Help", "Thriving"], None),  # out of order
        (["Tier 1", "Tier 2"], None),
        ([], None),
    ],
)
def test_detect_framework(names, expected):
    fw = detect_framework(names)
    assert (fw.id if fw else None) == expected


def test_crosswalk_same_size_is_positional():
    moves = crosswalk(load_framework("early-help"), load_framework("girfec"))
    assert [(m.source.name, m.target.name, m.rule) for m in moves] == [
        ("Universal", "Universal", "position"),
        ("Early Help", "Additional", "position"),
        ("Targeted", "Targeted", "position"),
        ("Specialist", "Intensive", "position"),
    ]


def test_crosswalk_five_to_four_merges_the_top_two():
    moves = crosswalk(load_framework("ithrive"), load_framework("nest"))
    assert [m.target.name for m in moves] == [
        "Universal",
        "Early Help",
        "Enhanced",
        "Specialist",
        "Specialist",
    ]
    assert {m.rule for m in moves} == {"bands"}


def test_crosswalk_four_to_five_loses_nothing():
    moves = crosswalk(load_framework("girfec"), load_framework("ithrive"))
    assert len(moves) == 4
    assert [m.target.name for m in moves] == [
        "Thriving",
        "Getting Advice",
        "Getting Help",
        "Getting More Help",
    ]


def test_crosswalk_needs_bands(tmp_path: Path):
    path = tmp_path / "nobands.toml"
    path.write_text(
        'id = "nobands"\nname = "No bands"\nlevels = [{ id = "a", name = "A" }, '
        '{ id = "b", name = "B" }]\n'
    )
    with pytest.raises(PairkitError, match="no bands"):
        crosswalk(load_framework(path), load_framework("ithrive"))


def test_detect_profile():
    assert detect_profile(["A PAIR practitioner", "Parent-Infant Relationships"]).id == "england"
    assert detect_profile(["The PIEW pathway", "PIEW team", "a PAIR note"]).id == "dudley"
    assert detect_profile(["An IMH practitioner", "Infant Mental Health"]).id == "scotland"
    # URLs, e-mails and proper names are not evidence.
    assert detect_profile(["www.piew.org and piew@dudley.gov.uk", "PAIR"]).id == "england"
    with pytest.raises(PairkitError, match="--from"):
        detect_profile(["Nothing to see here", "repair pairs"])
