"""The Textual interface for desk officers."""
