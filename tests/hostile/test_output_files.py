"""`export -o` and `--feed` write into what is there: FIFOs, devices, modes, links."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused
from tests.support.cli import Cli

FEED_NAME = "sco-cal.ics"


def export_to(cli: Cli, target: Path, how: str, *extra: str) -> object:
    """`export` into `target`, through `-o FILE` or `--feed DIR` (then named sco-cal.ics)."""
    if how == "feed":
        assert target.name == FEED_NAME
        return cli("export", "--feed", str(target.parent), *extra)
    return cli("export", "-o", str(target), *extra)


HOW = ["output", "feed"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty directory to write into."""
    directory = tmp_path / "out"
    directory.mkdir()
    return directory


def _device(path: Path, major: int, minor: int) -> Path:
    """A character device node like /dev/null (1, 3) or /dev/full (1, 7), made here so
    that a regression replaces a copy, never the machine's own device."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("creating device nodes needs root")
    return path


@pytest.mark.parametrize("how", HOW)
def test_a_fifo_is_written_into_not_replaced(cli: Cli, out: Path, how: str) -> None:
    fifo = out / FEED_NAME
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = export_to(cli, fifo, how, "--kind", "summit")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("how", HOW)
def test_a_null_device_stays_a_device(cli: Cli, out: Path, how: str) -> None:
    null = _device(out / FEED_NAME, 1, 3)
    result = export_to(cli, null, how)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert [p.name for p in out.iterdir()] == [FEED_NAME]


@pytest.mark.parametrize("how", HOW)
def test_a_full_device_is_an_error_and_stays_a_device(cli: Cli, out: Path, how: str) -> None:
    full = _device(out / FEED_NAME, 1, 7)
    assert_refused(export_to(cli, full, how), 2, "No space left")
    assert stat.S_ISCHR(full.lstat().st_mode)


@pytest.mark.parametrize("how", HOW)
def test_a_symbolic_link_is_refused_and_left_alone(cli: Cli, out: Path, how: str) -> None:
    real = out / "elsewhere.txt"
    real.write_text("someone's file\n")
    link = out / FEED_NAME
    link.symlink_to(real)
    assert_refused(export_to(cli, link, how), 2, "symbolic link")
    assert link.is_symlink() and real.read_text() == "someone's file\n"


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o660], ids=oct)
def test_an_existing_file_keeps_its_mode(cli: Cli, out: Path, how: str, mode: int) -> None:
    existing = out / FEED_NAME
    existing.write_text("old\n")
    existing.chmod(mode)
    result = export_to(cli, existing, how)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert existing.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(existing.stat().st_mode) == mode
    assert [p.name for p in out.iterdir()] == [FEED_NAME]  # no temporary file left


def test_a_new_output_file_is_private(cli: Cli, out: Path) -> None:
    new = out / "sco.ics"
    old_umask = os.umask(0o022)
    try:
        assert cli("export", "-o", str(new)).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_a_new_feed_is_shared_as_the_umask_allows(cli: Cli, out: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        assert cli("export", "--feed", str(out)).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((out / FEED_NAME).stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "target, words",
    [("missing/sco.ics", "is not a directory"), (".", "is a directory")],
)
def test_an_impossible_target_is_one_line(cli: Cli, out: Path, target: str, words: str) -> None:
    assert_refused(cli("export", "-o", str(out / target)), 2, words)


def test_dash_is_standard_output(cli: Cli, out: Path) -> None:
    result = cli("export", "-o", "-", "--kind", "summit")
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")
    assert not (Path.cwd() / "-").exists()


def test_where_files_cannot_be_anonymous_a_hidden_name_does_as_well(
    cli: Cli, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems (NFS, older kernels) refuse O_TMPFILE: the fallback keeps every
    promise but the one about kill -9 (a hidden `.sco-cal-*.partial` may stay)."""
    real_open = os.open

    def no_tmpfile(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(95, "Operation not supported")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_tmpfile)
    existing = out / "kept.ics"
    existing.write_text("old\n")
    existing.chmod(0o640)
    assert cli("export", "-o", str(existing)).exit_code == 0
    assert cli("export", "-o", str(out / "new.ics")).exit_code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert stat.S_IMODE((out / "new.ics").stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["kept.ics", "new.ics"]
