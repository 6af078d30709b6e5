"""The user's side of the house: where sco-cal keeps its files, and what the configuration
file says."""
