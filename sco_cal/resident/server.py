"""The server: listen, fork a child for each command, and let it become the command."""

from __future__ import annotations

import gc
import io
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Literal

from sco_cal.resident import wire
from sco_cal.resident.address import is_private, socket_path

Run = Callable[[], int]


class AlreadyRunning(Exception):
    """A server of this installation already answers on the socket."""


class NotPrivate(Exception):
    """The socket's folder is open to other users: they could take the commands."""


class Stopped(Exception):
    """The server was asked to stop (`server stop`, or a signal)."""


PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class _State:
    code: str
    stamp: tuple[int, int]
    served: int = 0


def code_stamp(folder: str) -> tuple[int, int]:
    """How many of sco-cal's files there are and when the last one changed: a server
    whose code was upgraded under it no longer runs commands (its children would run
    the old code); it stops, and the next command runs on its own."""
    count, latest = 0, 0
    folders = [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith((".py", ".mo", ".tcss")):
                    count += 1
                    latest = max(latest, entry.stat().st_mtime_ns)
    return count, latest


@dataclass(frozen=True)
class Running:
    """A server that answered: its process id and how many commands it has taken."""

    pid: int
    served: int


def ping(path: str | None = None) -> Running | None:
    """The server answering on the socket, or None."""
    return _ask(wire.PING, path)


def stop(path: str | None = None) -> Running | None:
    """Ask the server to stop: the server that stopped, or None when none was running."""
    return _ask(wire.STOP, path)


def _ask(kind: bytes, path: str | None) -> Running | None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        try:
            conn.connect(path or socket_path())
            wire.ask(conn, kind)
            (alive, pid), (_, served) = wire.answered(conn), wire.answered(conn)
        except (OSError, EOFError):
            return None
    return Running(pid, served) if alive == wire.ALIVE else None


def listen(path: str | None = None) -> socket.socket:
    """The server's socket, in a folder only the user may enter."""
    path = path or socket_path()
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not is_private(folder):
        raise NotPrivate(folder)
    if ping(path) is not None:
        raise AlreadyRunning(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # A socket file left by a server that was killed: nothing answers on it (see ping).
    if os.path.exists(path):
        os.unlink(path)
    listener.bind(path)
    listener.listen(128)
    return listener


def serve(listener: socket.socket, run: Run, code: str = PACKAGE) -> None:
    """Take commands until asked to stop; each runs in a child of this process, unless
    the files of the `code` folder have changed since the server started."""
    path = listener.getsockname()
    bound = os.stat(path).st_ino
    state = _State(code, code_stamp(code))
    # What the server has loaded stays out of its children's garbage collections: a
    # collection would touch every object and copy each page it sits on into the child.
    gc.collect()
    gc.freeze()

    def stopped(_number: int, _frame: Any) -> None:
        raise Stopped

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, stopped)
    # Children are not waited for: each reports its exit code to its client.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        while True:
            conn, _ = listener.accept()
            with conn:
                if not _answer(conn, listener, run, state):
                    return
    except Stopped:
        return
    finally:
        listener.close()
        # Unless another server has taken the name since.
        if os.path.exists(path) and os.stat(path).st_ino == bound:
            os.unlink(path)


def _answer(conn: socket.socket, listener: socket.socket, run: Run, state: _State) -> bool:
    """Whatever the client asked answered; False when it asked the server to stop."""
    conn.settimeout(5)
    try:
        kind, length, fds = wire.asked(conn)
    except (OSError, EOFError):
        return True
    try:
        if not _same_user(conn):
            return True
        if kind in (wire.PING, wire.STOP):
            wire.answer(conn, wire.ALIVE, os.getpid())
            wire.answer(conn, wire.ALIVE, state.served)
            return kind != wire.STOP
        if kind == wire.RUN and len(fds) == wire.STREAMS:
            if os.fork() == 0:
                status = wire.LOST
                try:  # the child never returns into the server's loop
                    listener.close()
                    _child(conn, length, fds, run, state)
                    status = 0
                finally:
                    os._exit(status)
            state.served += 1
    except OSError:
        pass  # the client left: nothing to answer
    finally:
        for fd in fds:
            os.close(fd)
    return True


def _child(conn: socket.socket, length: int, fds: list[int], run: Run, state: _State) -> None:
    """In the forked child: take the client's place, run the command, report its code."""
    try:
        conn.settimeout(5)
        request = wire.request(conn, length)
        if request.get("prefix") != sys.prefix or code_stamp(state.code) != state.stamp:
            wire.answer(conn, wire.REFUSED)
            if request.get("prefix") == sys.prefix:  # upgraded under the server
                os.kill(os.getppid(), signal.SIGTERM)
            return
        conn.settimeout(None)
        _become(request, fds)
        wire.answer(conn, wire.TAKEN, os.getpid())
    except (OSError, EOFError, ValueError):
        return
    code = run()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    with suppress(OSError):
        wire.answer(conn, wire.EXITED, code)


def _become(request: dict[str, Any], fds: list[int]) -> None:
    """This process now has the client's standard streams, environment, working
    directory, arguments and file mode mask, and the signal handling of a fresh one."""
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    os.umask(request["umask"])
    sys.argv = list(request["argv"])
    (in_encoding, in_errors), (out_encoding, out_errors), (err_encoding, err_errors) = request[
        "streams"
    ]
    # fds 0-2 are the client's now, which is also what `sys.__stdout__` and the like
    # reach (their descriptors); the text layers take the client's encodings.
    sys.stdin = _stream(0, "r", in_encoding, in_errors)
    sys.stdout = _stream(1, "w", out_encoding, out_errors)
    sys.stderr = _stream(2, "w", err_encoding, err_errors, line_buffering=True)


def _stream(
    fd: int,
    mode: Literal["r", "w"],
    encoding: str | None,
    errors: str | None,
    *,
    line_buffering: bool = False,
) -> io.TextIOWrapper:
    # As Python opens its own: line by line on a terminal, in blocks into a file or pipe.
    return open(  # noqa: SIM115 - the process's own stream, open until it exits
        fd,
        mode,
        buffering=1 if line_buffering or os.isatty(fd) else -1,
        encoding=encoding or "utf-8",
        errors=errors or "strict",
        closefd=False,
    )


def _same_user(conn: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # the socket's folder is private: only the user can connect
        return True
    credentials = conn.getsockopt(socket.SOL_SOCKET, option, 12)
    return int.from_bytes(credentials[4:8], sys.byteorder) == os.getuid()
