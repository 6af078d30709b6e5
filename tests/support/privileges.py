"""Running sco-cal as a user for whom file modes count, even when the tests run as root.

CI runs as root, and root writes through any file mode, so a test of a read-only
store would prove nothing there. Root keeps that power through the capabilities
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER: the child process is started
without them (dropped from its bounding set before it runs), and file modes bind it
as they bind any user.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.env import subprocess_env

_PR_CAPBSET_DROP = 24
_FILE_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _drop_file_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _FILE_OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def bound_by_file_modes() -> Callable[[], None] | None:
    """What to run in the child so that file modes bind it (None: they already do)."""
    if os.geteuid() != 0:
        return None
    probe = subprocess.run(
        ["true"], preexec_fn=_drop_file_overrides, capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(
            "running as root without the right to drop capabilities: file modes bind nobody"
        )
    return _drop_file_overrides


def sco_cal_command() -> list[str]:
    """The installed entry point, as a user runs it."""
    exe = Path(sys.executable).with_name("sco-cal")
    return [str(exe)] if exe.exists() else [shutil.which("sco-cal") or "sco-cal"]


def run_bound(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`sco-cal ARGS` in its own process, bound by file modes whoever runs the tests."""
    return subprocess.run(
        [*sco_cal_command(), *args],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
        preexec_fn=bound_by_file_modes(),
        timeout=60,
        check=False,
    )
