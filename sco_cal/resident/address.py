"""Where the resident server listens: one socket per user and per installation.

Kept to the standard library's cheapest modules: the `sco-cal` command reads it on
every run, before it knows whether a server will take the command.
"""

from __future__ import annotations

import os
import sys
import zlib

# A socket's path has at most 104 bytes on macOS and the BSDs (108 on Linux).
LONGEST = 100


def socket_path() -> str:
    """In the user's runtime directory (`$XDG_RUNTIME_DIR`, else the temporary one), in
    a folder of sco-cal's that only the user may enter."""
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    # A server started from another installation (another virtual environment, another
    # Python) runs other code: its socket has another name.
    tag = zlib.crc32(f"{sys.prefix}\0{sys.version}\0{base}".encode())
    path = os.path.join(base, f"sco-cal-{os.getuid()}", f"server-{tag:08x}.sock")
    if len(path.encode()) > LONGEST:  # too deep a runtime directory: the name keeps it apart
        path = os.path.join("/tmp", f"sco-cal-{os.getuid()}", f"server-{tag:08x}.sock")
    return path


def is_private(directory: str) -> bool:
    """The folder is the user's and nobody else's: a socket in it is the user's server
    (a client hands it its terminal; a server takes commands from it)."""
    try:
        found = os.stat(directory)
    except OSError:
        return False
    return found.st_uid == os.getuid() and not found.st_mode & 0o077
