"""A real CalDAV server for the sync tests: Radicale in a temporary folder, on a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USERS = {"desk": "desk-secret", "colleague": "colleague-secret"}


@dataclass
class Radicale:
    """A running server; `url(user, name)` is a collection's URL."""

    port: int
    command: list[str]
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, owner: str = "desk", name: str = "sco") -> str:
        return f"{self.base}/{owner}/{name}/"

    def start(self) -> None:
        """Start it again (after `stop`), on the same port and folder."""
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_until_listening(self.port, self.process)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def radicale(folder: Path) -> Iterator[Radicale]:
    """Radicale serving `folder`, every user allowed to read and write every collection
    (a desk shares its calendars); stopped afterwards, whatever happens."""
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    users.write_text("".join(f"{u}:{p}\n" for u, p in USERS.items()))
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--storage-filesystem-folder",
        str(folder / "collections"),
        "--auth-type",
        "htpasswd",
        "--auth-htpasswd-filename",
        str(users),
        "--auth-htpasswd-encryption",
        "plain",
        "--auth-delay",
        "0",
        "--rights-type",
        "authenticated",
        "--logging-level",
        "warning",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Radicale(port, command, process)
    try:
        _wait_until_listening(port, process)
        yield server
    finally:
        server.stop()


def make_collection(url: str, user: str = "desk") -> None:
    """Create the calendar collection at `url`, as its owner would in a client."""
    import caldav

    with caldav.DAVClient(url=url, username=user, password=USERS[user]) as client:
        response = client.mkcalendar(url)
        assert response.status == 201, response.status


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Radicale exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("Radicale did not start listening within 30 s")
