"""The resident server: sco-cal imported once, a forked process per command.

A command typed at a terminal costs Python, Typer and sco-cal's own imports before any
work (about 0.2 s of CPU), and eight at once on two cores queue for a second. Started
with `sco-cal server start`, the server holds all of that in memory; the `sco-cal`
command hands it the terminal, the environment, the working directory and the
arguments, and a child forked from the server runs the command exactly as `sco-cal`
would have, its output going straight to the terminal or pipe it was given.

Nothing here knows what a command does: the CLI gives the server the function that runs
one. POSIX only (the terminal is passed as file descriptors over a Unix socket).
"""
