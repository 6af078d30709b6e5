"""Writing a calendar file so that a reader never sees half of it (cron, a served feed)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sco_cal.domain.errors import InvalidInput

FEED_NAME = "sco-cal.ics"


def write_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    A calendar client or web server reading the file meanwhile gets the old file or
    the new one, never a truncated one. The file is readable by others as the umask
    allows, since a feed is meant to be shared.
    """
    directory = path.parent
    if not directory.is_dir():
        raise InvalidInput(f"cannot write {path}: {directory} is not a directory")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o666 & ~_umask())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def feed_path(directory: Path) -> Path:
    return directory / FEED_NAME


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
