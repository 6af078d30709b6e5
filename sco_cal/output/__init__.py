"""Rendering events for people and for programs: tables, JSON, CSV, Markdown."""
