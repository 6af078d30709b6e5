"""Benchmarks: sco-cal timed at 1k, 10k and 100k events."""
