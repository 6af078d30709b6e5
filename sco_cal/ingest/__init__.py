"""Reading a new bulletin into reviewed calendar changes: rule-based, explainable, offline."""
