"""Hypothesis strategies for whole pathways: varied sizes, Welsh and Gaelic letters."""

from __future__ import annotations

from hypothesis import strategies as st

from pairkit.read.labels import frameworks

LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ŵŷâêîôûëïŴŶÂÊÎÔÛ"  # Welsh
    "àèìòùÀÈÌÒÙ"  # Scottish Gaelic
    "0123456789"
)
TERMS = [("PAIR", "Parent-Infant Relationships"), ("PIEW", "Parent-Infant Emotional Wellbeing"),
         ("IMH", "Infant Mental Health")]

word = st.text(LETTERS, min_size=1, max_size=10)


def words(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


optional_words = st.one_of(st.just(""), words(1, 6))
url = st.one_of(st.just(""), st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1,
                                     max_size=20).map(lambda s: f"https://example.org/{s}"))
dates = st.one_of(st.none(), st.dates().filter(lambda d: d.year >= 1900).map(
    lambda d: d.isoformat()))


@st.composite
def items(draw) -> dict:
    return {"name": draw(words(1, 5)), "description": draw(st.one_of(st.just(""), words(1, 12))),
            "access": draw(optional_words), "url": draw(url), "contact": draw(optional_words),
            "qr": None}


@st.composite
def pathways(draw, max_items: int = 4) -> dict:
    fid = draw(st.sampled_from(sorted(frameworks())))
    short, long_ = draw(st.sampled_from(TERMS))
    levels = [
        {"id": lid, "name": name, "need": draw(st.one_of(st.just(""), words(1, 10))),
         "services": draw(st.lists(items(), max_size=max_items))}
        for lid, name in frameworks()[fid]
    ]
    steps = [
        {"number": n, "heading": f"Step {n} – " + draw(words(1, 6)),
         "items": draw(st.lists(items(), max_size=3))}
        for n in range(1, 5)
    ]
    return {
        "schema_version": 1,
        "meta": {"area": draw(words(1, 3)), "short_term": short, "long_term": long_,
                 "framework": fid, "owner": draw(words(1, 6)), "version": draw(words(1, 1)),
                 "last_reviewed": draw(dates), "next_review": draw(dates), "qr": None},
        "title": f"{long_} ({short}) Pathway",
        "introduction": draw(st.lists(words(1, 20), max_size=3)),
        "section_a": {"heading": "Section A – " + draw(words(1, 4)),
                      "principles": draw(st.lists(words(1, 15), max_size=6))},
        "section_b": {
            "heading": "Section B – " + draw(words(1, 6)),
            "steps": steps,
            "specialists_heading": draw(words(1, 4)),
            "specialists": [
                {"name": draw(words(1, 5)), "role": draw(st.one_of(st.just(""), words(1, 8))),
                 "contact": draw(optional_words), "url": draw(url)}
                for _ in range(draw(st.integers(0, 4)))
            ],
        },
        "section_c": {
            "heading": "Section C – " + draw(words(1, 6)),
            "levels": levels,
            "what_else": {"heading": draw(words(1, 5)),
                          "links": [{"text": draw(words(1, 6)), "url": draw(url)}
                                    for _ in range(draw(st.integers(0, 6)))]},
        },
    }
