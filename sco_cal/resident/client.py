"""The `sco-cal` side: hand a command to the resident server, if one is running."""

from __future__ import annotations

import os
import signal
import socket
import sys
from types import FrameType

from sco_cal.resident import wire
from sco_cal.resident.address import is_private

# What the terminal sends the `sco-cal` process goes on to the child running the command.
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
INTERRUPTED = 130


def N_(message: str) -> str:
    """Marks a message for the catalogue without loading the translations."""
    return message


INTERRUPTED_BEFORE = N_("interrupted")
LOST_RUN = N_("the server's process running the command ended before it did")


def hand_over(path: str, argv: list[str]) -> int | None:
    """The exit code of `argv` run by the server listening at `path`, or None when no
    server took it (none is running, it refused, it could not be reached): then nothing
    has run, and the caller runs the command itself."""
    if not is_private(os.path.dirname(path)):
        return None
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if any(stream is None for stream in streams):
        return None
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError:
        return None
    with conn:
        try:
            conn.connect(path)
            wire.ask(conn, wire.RUN, _request(argv, streams), fds=[0, 1, 2])
            kind, pid = wire.answered(conn)
        except (OSError, EOFError, ValueError):
            return None
        except KeyboardInterrupt:  # before the command began: it will not
            _error(INTERRUPTED_BEFORE)
            return INTERRUPTED
        if kind != wire.TAKEN:
            return None
        return _wait(conn, pid)


def _request(argv: list[str], streams: tuple[object, ...]) -> dict[str, object]:
    mask = os.umask(0o077)
    os.umask(mask)
    return {
        "prefix": sys.prefix,
        "argv": argv,
        "env": dict(os.environ),
        "cwd": os.getcwd(),
        "umask": mask,
        "streams": [(getattr(s, "encoding", None), getattr(s, "errors", None)) for s in streams],
    }


def _wait(conn: socket.socket, pid: int) -> int:
    def forward(number: int, _frame: FrameType | None) -> None:
        try:
            os.kill(pid, number)
        except ProcessLookupError:
            pass

    for number in FORWARDED:
        signal.signal(number, forward)
    try:
        kind, code = wire.answered(conn)
    except (OSError, EOFError):
        kind, code = b"", wire.LOST
    if kind != wire.EXITED:
        _error(LOST_RUN)
        return wire.LOST
    return code


def _error(message: str) -> None:
    """An error of the client's own, in the words and the language of every other."""
    from sco_cal.i18n import _, choose_language, use

    use(choose_language(None, None))
    sys.stderr.write("sco-cal: " + _("error: {message}").format(message=_(message)) + "\n")
