"""Writing files that hold calendar data: private from the first byte, whole or not at all.

Every file sco-cal writes goes through here: exports and feeds (`write_output`),
backups and dumps (`write_new`). Data is written to a file no one else can read
and that has no name yet (Linux `O_TMPFILE`), and only given its name once complete,
so a reader sees the old file or the new one and a killed process leaves nothing.
Where the file system cannot do that, a hidden temporary name beside the target is
used instead (still mode 0600, removed on any error).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import N_, _

PRIVATE = 0o600

# One sentence per kind of file written, so that each language can word it whole.
_CANNOT_WRITE = {
    "file": N_("cannot write the file {path}: {reason}"),
    "backup": N_("cannot write the backup {path}: {reason}"),
}


class TargetExists(InvalidInput):
    """The file to create is there already; it was left as it was."""


class _Staged:
    """A file being written in `directory`, not yet visible under its final name."""

    def __init__(self, directory: Path, mode: int) -> None:
        self.directory = directory
        self.temp: Path | None = None
        try:
            fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, PRIVATE)
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
            fd, name = tempfile.mkstemp(prefix=".sco-cal-", suffix=".partial", dir=directory)
            self.temp = Path(name)
        os.fchmod(fd, mode)
        self.file: BinaryIO = os.fdopen(fd, "wb")

    def _finish(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())

    def _name_anonymous(self, path: Path) -> None:
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd gives the anonymous file a name.
            os.link(
                f"/proc/self/fd/{self.file.fileno()}",
                path.name,
                dst_dir_fd=directory,
                follow_symlinks=True,
            )
        finally:
            os.close(directory)

    def link_as(self, path: Path) -> None:
        """Give the file the name `path`, which must not exist (never clobbers)."""
        self._finish()
        if self.temp is None:
            self._name_anonymous(path)
            return
        os.link(self.temp, path)
        self.temp.unlink()
        self.temp = None

    def replace(self, path: Path) -> None:
        """Put the file in place of `path` in one rename."""
        self._finish()
        if self.temp is None:
            temp = self.directory / f".sco-cal-{os.urandom(6).hex()}.partial"
            self._name_anonymous(temp)
            self.temp = temp
        os.replace(self.temp, path)
        self.temp = None

    def close(self) -> None:
        self.file.close()
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)


@contextmanager
def _staged(directory: Path, mode: int) -> Iterator[_Staged]:
    staged = _Staged(directory, mode)
    try:
        yield staged
    finally:
        staged.close()


def write_new(path: Path, write: Callable[[BinaryIO], None], *, what: str = "file") -> Path:
    """Create `path` (mode 0600) from what `write` writes; it must not exist yet.

    The file appears under its name only once complete; until then nothing is
    visible, and an error or a kill leaves nothing behind.
    """
    path = Path(os.path.abspath(path.expanduser()))
    _check_directory(path)
    try:
        with _staged(path.parent, PRIVATE) as staged:
            write(staged.file)
            staged.link_as(path)
    except FileExistsError:
        raise TargetExists(
            _("{path} exists already: choose a new file name").format(path=path)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _(_CANNOT_WRITE.get(what, _CANNOT_WRITE["file"])).format(path=path, reason=_reason(exc))
        ) from None
    return path


def write_output(path: Path, data: bytes, *, shared: bool = False) -> Path:
    """Write `data` to `path` the way its kind asks.

    - a FIFO, a device or another special file is written into, as a shell would;
    - an existing regular file is replaced whole, keeping its mode (and owner when
      allowed), so a reader never sees half of it;
    - a new file is private (0600), or, when `shared` (a feed), readable as the
      umask allows;
    - a symbolic link is refused: sco-cal does not write through links, since one
      planted in a shared directory could point anywhere the user may write.
    """
    path = Path(os.path.abspath(path.expanduser()))
    try:
        found: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))
        ) from None
    try:
        if found is None:
            _check_directory(path)
            mode = 0o666 & ~_umask() if shared else PRIVATE
            with _staged(path.parent, mode) as staged:
                staged.file.write(data)
                staged.replace(path)
        elif stat.S_ISLNK(found.st_mode):
            raise InvalidInput(
                _(
                    "{path} is a symbolic link: sco-cal does not write through links; "
                    "give the file it points to ({target})"
                ).format(path=path, target=os.path.realpath(path))
            )
        elif stat.S_ISDIR(found.st_mode):
            raise InvalidInput(_("cannot write {path}: it is a directory").format(path=path))
        elif stat.S_ISREG(found.st_mode):
            _replace_regular(path, data, found)
        else:
            _write_into(path, data)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))
        ) from None
    return path


def _replace_regular(path: Path, data: bytes, found: os.stat_result) -> None:
    with _staged(path.parent, stat.S_IMODE(found.st_mode)) as staged:
        with contextlib.suppress(PermissionError):
            if (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(staged.file.fileno(), found.st_uid, found.st_gid)
                os.fchmod(staged.file.fileno(), stat.S_IMODE(found.st_mode))
        staged.file.write(data)
        staged.replace(path)


def _write_into(path: Path, data: bytes) -> None:
    """A FIFO or a device: open it as it is (never created, never followed) and write."""
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _check_directory(path: Path) -> None:
    if not path.parent.is_dir():
        raise InvalidInput(
            _("cannot write {path}: {parent} is not a directory").format(
                path=path, parent=path.parent
            )
        )


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
