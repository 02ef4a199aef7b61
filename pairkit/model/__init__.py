"""The pathway model: plain dicts that follow schemas/pathway.schema.json."""
