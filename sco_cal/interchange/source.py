"""Reading the file an import was given: whole, within a size limit, and only if it ends.

A regular file larger than the limit is refused before a byte is read; a pipe is
read up to the limit and no further; a device (`/dev/zero`, a terminal) never ends
and is refused at once.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB: about 55,000 events as sco-cal writes them
LARGEST_MAX_BYTES = 4_000_000_000  # a file must fit in memory to be read at all
_CHUNK = 1 << 20
_SIZE = re.compile(r"(\d{1,13})\s*(b|bytes?|kb|kib|mb|mib|gb|gib)?", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "byte": 1,
    "bytes": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}


def parse_size(text: str) -> int:
    """A size as people write it: `50MB`, `200 MB`, `1GiB`, `4096` (bytes)."""
    found = _SIZE.fullmatch(text.strip())
    if found is None:
        raise InvalidInput(
            _("--max-size {text!r}: give a size such as 50MB, 200MB or 1GB").format(text=text)
        )
    size = int(found.group(1)) * _UNITS[(found.group(2) or "").lower()]
    if not 0 < size <= LARGEST_MAX_BYTES:
        raise InvalidInput(
            f"--max-size {text!r}: give a size from 1 byte to {format_size(LARGEST_MAX_BYTES)}"
        )
    return size


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} byte{'s' * (size != 1)}"


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of `path`, or InvalidInput if it is too large, endless or unreadable."""
    try:
        _check_kind(path, os.stat(path), max_bytes)  # before opening: a device is not opened
        with path.open("rb") as handle:
            _check_kind(path, os.fstat(handle.fileno()), max_bytes)
            data = _read_at_most(handle, max_bytes + 1)
    except IsADirectoryError:
        raise InvalidInput(
            _("cannot read {path}: it is a directory, not a file").format(path=path)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if len(data) > max_bytes:
        raise _too_large(path, max_bytes)
    return data


def _check_kind(path: Path, kind: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(kind.st_mode):
        raise InvalidInput(_("cannot read {path}: it is a directory, not a file").format(path=path))
    if stat.S_ISREG(kind.st_mode):
        if kind.st_size > max_bytes:
            raise _too_large(path, max_bytes)
        return
    if stat.S_ISFIFO(kind.st_mode) or stat.S_ISSOCK(kind.st_mode):
        return  # a pipe ends when its writer is done; read up to the limit
    raise InvalidInput(
        f"cannot read {path}: it is not a regular file or a pipe (a device never ends)"
    )


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    read = handle.read
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = read(min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large(path: Path, max_bytes: int) -> InvalidInput:
    return InvalidInput(
        f"{path.name} is larger than the {format_size(max_bytes)} limit (--max-size raises it)"
    )
