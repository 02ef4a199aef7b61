"""Terms: wording profiles, levels-of-need frameworks and the term matcher.

- :mod:`pairkit.terms.profiles`: an area's wording (short and long terms, swaps,
  exceptions), loaded from TOML and validated by ``schemas/profile.schema.json``.
- :mod:`pairkit.terms.frameworks`: levels-of-need frameworks, validated by
  ``schemas/framework.schema.json``; detection and the level crosswalk.
- :mod:`pairkit.terms.matcher`: the pure-text engine that plans character-range
  replacements from one wording to another.
- :mod:`pairkit.terms.localise_json`: the JSON route (a whole pathway dict).
"""
