"""The screens: the agenda, the timeline, the help."""
