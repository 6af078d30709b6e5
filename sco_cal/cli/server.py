"""`sco-cal server`: keep sco-cal loaded in memory so each command starts at once."""

from __future__ import annotations

import importlib
import os
import pkgutil
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import typer

from sco_cal.cli.common import errors_to_exit_codes
from sco_cal.cli.options import LangOption
from sco_cal.config.settings import load_settings
from sco_cal.domain.errors import ServerError
from sco_cal.i18n import N_, SOURCE_LANGUAGE, _, ngettext, use
from sco_cal.resident import server
from sco_cal.resident.address import socket_path
from sco_cal.wiring import speak

app = typer.Typer(
    help=N_(
        "A resident server: sco-cal loaded once, and each command run in a process forked "
        "from it, without Python's start-up."
    ),
    no_args_is_help=True,
)
READY_WITHIN = 60.0  # seconds for a started server to import what the commands need


@app.command(
    "start", help=N_("Start the server in the background; `sco-cal` commands then go to it.")
)
def start(lang: LangOption = None) -> None:
    with _speaking(lang):
        listener = _listen()
        if listener is None:
            return
        child = os.fork()
        if child == 0:
            _detach_and_serve(listener)
        listener.close()
        os.waitpid(child, 0)
        running = _wait_until_ready()
        if running is None:
            raise ServerError(_("the server did not start"))
        _say(_("server started (process {pid}), listening on {path}"), running)


@app.command("run", help=N_("Run the server in the foreground (for a service manager)."))
def run(lang: LangOption = None) -> None:
    with _speaking(lang):
        listener = _listen()
        if listener is None:
            raise typer.Exit(1)
        _warm()
        _say(
            _("server running (process {pid}), listening on {path}"), server.Running(os.getpid(), 0)
        )
        server.serve(listener, run_command)


@app.command("stop", help=N_("Stop the server; commands run on their own again."))
def stop(lang: LangOption = None) -> None:
    with _speaking(lang):
        running = server.stop()
        if running is None:
            _say(_("no server is running"))
        else:
            _say(
                ngettext(
                    "server stopped (process {pid}) after {served} command",
                    "server stopped (process {pid}) after {served} commands",
                    running.served,
                ),
                running,
            )


@app.command(
    "status", help=N_("Whether a server runs (exit 0) or not (exit 1), and where it listens.")
)
def status(lang: LangOption = None) -> None:
    with _speaking(lang):
        running = server.ping()
        if running is None:
            _say(_("no server is running"))
            raise typer.Exit(1)
        _say(
            ngettext(
                "server running (process {pid}), listening on {path}; {served} command run",
                "server running (process {pid}), listening on {path}; {served} commands run",
                running.served,
            ),
            running,
        )


@contextmanager
def _speaking(lang: str | None) -> Iterator[None]:
    """A server command's world: its language chosen, its errors one line each."""
    with errors_to_exit_codes():
        speak(lang, load_settings())
        yield


def run_command() -> int:
    """One command, as `sco-cal` runs it, its exit code returned instead of exiting."""
    from sco_cal.cli import main

    use(SOURCE_LANGUAGE)  # as in a new process, whatever language started the server
    try:
        main()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


def _listen() -> socket.socket | None:
    try:
        return server.listen()
    except server.AlreadyRunning:
        _say(_("the server is already running (process {pid})"), server.ping())
        return None
    except server.NotPrivate as exc:
        raise ServerError(
            _("{folder} is open to other users: the server will not listen there").format(
                folder=exc
            )
        ) from None
    except OSError as exc:
        raise ServerError(
            _("the server cannot listen on {path}: {error}").format(
                path=socket_path(), error=exc.strerror or exc
            )
        ) from None


def _detach_and_serve(listener: socket.socket) -> None:
    """In the forked child: leave the terminal's session, fork again so that no
    terminal can become ours, and serve until stopped."""
    code = 70
    try:
        os.setsid()
        if os.fork():
            code = 0
            return
        os.chdir("/")
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        _warm()
        server.serve(listener, run_command)
        code = 0
    finally:
        os._exit(code)


def _warm() -> None:
    """Import, once, what commands load as they run: then a forked child has only its
    own work to do. (The TUI is never served: see `sco_cal.launch`.) The ORM, which
    only creating or upgrading a store needs, is left to the commands that do that."""
    from sco_cal.cli import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()) - {"tui"}:
        importlib.import_module(f"sco_cal.cli.{module}")
    for package in ("domain", "output", "service", "store"):
        found = importlib.import_module(f"sco_cal.{package}")
        for info in pkgutil.iter_modules(found.__path__, f"sco_cal.{package}."):
            if info.name not in SCHEMA_ONLY:
                importlib.import_module(info.name)
    with suppress(ImportError):  # the PostgreSQL driver, when it is installed
        importlib.import_module("psycopg")


SCHEMA_ONLY = {"sco_cal.store.engine", "sco_cal.store.migrations", "sco_cal.store.schema"}


def _wait_until_ready() -> server.Running | None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if (running := server.ping()) is not None:
            return running
        time.sleep(0.05)
    return None


def _say(message: str, running: server.Running | None = None) -> None:
    pid, served = (running.pid, running.served) if running else (None, None)
    sys.stderr.write(message.format(pid=pid, served=served, path=socket_path()) + "\n")
