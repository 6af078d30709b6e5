"""sco-cal: a terminal calendar for Shanghai Cooperation Organisation meetings."""

__version__ = "0.1.0"
