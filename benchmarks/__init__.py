"""pairkit's speed and scale benchmark: ``python -m benchmarks`` (see docs/performance.md)."""
