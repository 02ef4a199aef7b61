"""pairkit: extract, validate, localise and write PAIR Pathway Word documents."""

__version__ = "0.1.0"
