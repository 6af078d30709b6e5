"""The resident server: a command handed to it does what it does when run on its own,
on the same terminal, files and store; and when no server can take it, it runs alone."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.env import TODAY, subprocess_env
from tests.support.terminal import shown_on
from tests.support.writes import ID, WRITES, check_writes_done

EXE = str(Path(sys.executable).with_name("sco-cal"))
STARTED = re.compile(r"server started \(process (\d+)\)")


def sco_cal(env: dict[str, str], *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args], env=env, capture_output=True, text=True, timeout=120, check=False, **options
    )


def served(env: dict[str, str]) -> int:
    """How many commands the running server has taken."""
    status = sco_cal(env, "server", "status")
    assert status.returncode == 0, status.stderr
    return int(re.search(r"(\d+) commands? run", status.stderr).group(1))  # type: ignore[union-attr]


@pytest.fixture
def env(isolated_env: Path) -> Iterator[dict[str, str]]:
    # A runtime directory of its own, short enough for a socket's path.
    runtime = tempfile.mkdtemp(prefix="sco-cal-test-", dir="/tmp")
    yield subprocess_env(isolated_env, SCO_CAL_TODAY=TODAY, XDG_RUNTIME_DIR=runtime)
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def server(env: dict[str, str]) -> Iterator[int]:
    """A server started as a person starts it; its process id."""
    started = sco_cal(env, "server", "start")
    assert started.returncode == 0, started.stderr
    pid = int(STARTED.search(started.stderr).group(1))  # type: ignore[union-attr]
    yield pid
    sco_cal(env, "server", "stop")


@pytest.fixture
def store(seeded_sqlite: Path, tmp_path: Path) -> Path:
    """A seeded SQLite store of the test's own."""
    path = tmp_path / "store.db"
    shutil.copyfile(seeded_sqlite, path)
    return path


def alone(env: dict[str, str]) -> dict[str, str]:
    """The same environment where no server can be found."""
    return {**env, "XDG_RUNTIME_DIR": env["XDG_RUNTIME_DIR"] + "-none"}


def test_the_everyday_writes_through_the_server(db: str, env: dict[str, str], server: int) -> None:
    env = {**env, "SCO_CAL_DB": db}
    for args in WRITES:
        run = sco_cal(env, *args)
        expected = 1 if args == ["remind", "due"] else 0
        assert run.returncode == expected, (args, run.stderr)
    assert served(env) == len(WRITES)
    check_writes_done(db)


def test_each_command_says_and_exits_as_it_does_alone(
    seeded_sqlite: Path, tmp_path: Path, env: dict[str, str], server: int
) -> None:
    """The same commands on two copies of one store, one through the server and one
    alone: the same output, messages and exit codes, errors and refusals included."""
    commands = [
        ["annotate", ID, "Minister attends"],
        ["postpone", ID, "mars 2027", "--note", "moved"],
        ["tag", ID, "+priority", "-draft"],
        ["remind", "due"],
        ["show", ID, "--format", "json"],
        ["list", "--all", "--country", "kg"],
        ["history", ID, "--format", "csv"],
        ["show", "no-such-event"],
        ["bogus"],
        ["annotate", ID],
        ["reschedule", ID, "not a date at all"],
        ["status", ID, "confirmed", "--lang", "fr"],
        ["list", "--help"],
        ["--version"],
    ]
    runs = {}
    for name, environment in (("served", env), ("alone", alone(env))):
        db = tmp_path / f"{name}.db"
        shutil.copyfile(seeded_sqlite, db)
        runs[name] = [sco_cal({**environment, "SCO_CAL_DB": str(db)}, *args) for args in commands]
    for args, through, by_itself in zip(commands, runs["served"], runs["alone"], strict=True):
        assert said(through) == said(by_itself), args
    # Every command went to the server but `--version`, which names no command.
    assert served(env) == len(commands) - 1


def said(run: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    """A run's exit code and output, the times it recorded masked."""
    stamp = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?"
    return run.returncode, re.sub(stamp, "TIME", run.stdout), re.sub(stamp, "TIME", run.stderr)


def test_the_command_gets_the_terminal_its_size_and_its_colours(
    seeded_sqlite: Path, tmp_path: Path, env: dict[str, str], server: int
) -> None:
    db = tmp_path / "store.db"
    shutil.copyfile(seeded_sqlite, db)
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    env.update(SCO_CAL_DB=str(db), TERM="xterm-256color")
    for columns in (80, 132):
        through = on_terminal(env, columns, "list", "--all")
        by_itself = on_terminal(alone(env), columns, "list", "--all")
        assert through == by_itself
        widest = max(len(strip_ansi(line)) for line in through.splitlines())
        assert columns - 10 < widest <= columns
        assert "\x1b[" in through  # coloured, as on any terminal
    assert served(env) == 2


def on_terminal(env: dict[str, str], columns: int, *args: str) -> str:
    """What `sco-cal ARGS` shows on a terminal of `columns` columns."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    run = subprocess.Popen([EXE, *args], stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    shown = shown_on(controller)
    assert run.wait(timeout=60) == 0
    return shown.decode().replace("\r\n", "\n")


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_the_command_runs_where_it_was_typed_and_reads_its_input(
    tmp_path: Path, env: dict[str, str], server: int
) -> None:
    here = tmp_path / "desk"
    here.mkdir()
    created = sco_cal(env, "annotate", ID, "-", "--db", "local.db", cwd=here, input="From a pipe")
    assert created.returncode == 0, created.stderr
    assert (here / "local.db").exists()  # relative to where the command was typed
    shown = sco_cal(env, "show", ID, "--db", "local.db", "--format", "json", cwd=here)
    assert '"text": "From a pipe"' in shown.stdout
    assert served(env) == 2


def reading_a_note(env: dict[str, str], server: int) -> tuple[subprocess.Popen[str], int]:
    """`sco-cal annotate ID -` handed to the server and waiting for its note on a
    standard input that stays open; the client and the process that runs it."""
    waiting = subprocess.Popen(
        [EXE, "annotate", ID, "-"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children = Path(f"/proc/{server}/task/{server}/children")
    if not children.exists():
        pytest.skip("the kernel does not list a process's children")
    deadline = time.monotonic() + 30
    while not children.read_text().split():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    (child,) = children.read_text().split()
    time.sleep(0.5)  # past taking the command: reading standard input
    return waiting, int(child)


def test_ctrl_c_reaches_the_command_and_nothing_is_written(
    store: Path, env: dict[str, str], server: int
) -> None:
    env = {**env, "SCO_CAL_DB": str(store)}
    waiting, _child = reading_a_note(env, server)
    waiting.send_signal(signal.SIGINT)
    assert waiting.wait(timeout=30) == 130
    assert waiting.stderr is not None
    assert waiting.stderr.read().strip() == "sco-cal: error: interrupted"
    notes = sco_cal(env, "show", ID, "--format", "json")
    assert '"annotations": []' in notes.stdout


def test_a_command_whose_process_dies_ends_with_an_internal_error_and_writes_nothing(
    store: Path, env: dict[str, str], server: int
) -> None:
    env = {**env, "SCO_CAL_DB": str(store)}
    waiting, child = reading_a_note(env, server)
    os.kill(child, signal.SIGKILL)
    assert waiting.wait(timeout=30) == 70
    assert waiting.stderr is not None
    assert waiting.stderr.read() == (
        "sco-cal: error: the server's process running the command ended before it did\n"
    )
    assert '"annotations": []' in sco_cal(env, "show", ID, "--format", "json").stdout
    assert sco_cal(env, "server", "status").returncode == 0  # the server itself goes on


def test_a_server_killed_or_stopped_leaves_commands_running_alone(
    store: Path, env: dict[str, str], server: int
) -> None:
    env = {**env, "SCO_CAL_DB": str(store)}
    os.kill(server, signal.SIGKILL)  # its socket file stays behind
    time.sleep(0.2)
    run = sco_cal(env, "annotate", ID, "after the crash")
    assert run.returncode == 0 and run.stderr.startswith("annotated")
    assert sco_cal(env, "server", "status").returncode == 1
    restarted = sco_cal(env, "server", "start")  # over the socket the killed one left
    assert restarted.returncode == 0, restarted.stderr
    assert sco_cal(env, "annotate", ID, "served again").returncode == 0
    assert served(env) == 1
    stopped = sco_cal(env, "server", "stop")
    assert stopped.stderr.startswith("server stopped") and "after 1 command\n" in stopped.stderr
    assert sco_cal(env, "annotate", ID, "alone again").returncode == 0
    notes = sco_cal(env, "show", ID, "--format", "json").stdout
    assert all(text in notes for text in ("after the crash", "served again", "alone again"))


def test_a_server_whose_code_changed_stops_and_the_command_runs_alone(
    tmp_path: Path, env: dict[str, str], store: Path
) -> None:
    """After an upgrade the server's children would run the old code: the first command
    it is handed is refused (then run alone) and the server stops."""
    code = tmp_path / "code"
    code.mkdir()
    (code / "module.py").write_text("")
    script = (
        "import sys\n"
        "from sco_cal.cli.server import run_command\n"
        "from sco_cal.resident import server\n"
        "server.serve(server.listen(), run_command, code=sys.argv[1])\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(code)], env=env)
    try:
        deadline = time.monotonic() + 30
        while sco_cal(env, "server", "status").returncode != 0:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        env = {**env, "SCO_CAL_DB": str(store)}
        assert sco_cal(env, "annotate", ID, "old code").returncode == 0
        assert served(env) == 1
        (code / "module.py").write_text("# upgraded\n")
        os.utime(code / "module.py", ns=(time.time_ns(), time.time_ns() + 10**9))
        run = sco_cal(env, "annotate", ID, "new code")
        assert run.returncode == 0 and run.stderr.startswith("annotated")
        assert process.wait(timeout=30) == 0  # the server stopped
        assert sco_cal(env, "server", "status").returncode == 1
        notes = sco_cal(env, "show", ID, "--format", "json").stdout
        assert "old code" in notes and "new code" in notes
    finally:
        if process.poll() is None:
            process.kill()


def test_starting_stopping_and_asking(env: dict[str, str]) -> None:
    status = sco_cal(env, "server", "status")
    assert (status.returncode, status.stderr) == (1, "no server is running\n")
    stopped = sco_cal(env, "server", "stop")
    assert (stopped.returncode, stopped.stderr) == (0, "no server is running\n")
    started = sco_cal(env, "server", "start")
    assert started.returncode == 0 and STARTED.search(started.stderr)
    try:
        again = sco_cal(env, "server", "start")
        assert again.returncode == 0 and "already running" in again.stderr
        french = sco_cal({**env, "LANG": "fr_FR.UTF-8"}, "server", "status")
        assert french.returncode == 0 and french.stderr.startswith("serveur en marche")
        # The socket lies in a folder only its user may enter.
        (folder,) = Path(env["XDG_RUNTIME_DIR"]).iterdir()
        assert folder.stat().st_mode & 0o777 == 0o700
    finally:
        assert sco_cal(env, "server", "stop").returncode == 0
    assert sco_cal(env, "server", "status").returncode == 1


def test_a_server_started_in_french_answers_each_command_in_its_own_language(
    env: dict[str, str], store: Path
) -> None:
    env = {**env, "SCO_CAL_DB": str(store)}
    assert sco_cal({**env, "LANG": "fr_FR.UTF-8"}, "server", "start").returncode == 0
    try:
        english = sco_cal(env, "show", "no-such-event")
        french = sco_cal({**env, "LANG": "fr_FR.UTF-8"}, "show", "no-such-event")
        assert served(env) == 2
    finally:
        sco_cal(env, "server", "stop")
    assert english.stderr == "sco-cal: error: no event with id 'no-such-event'\n"
    assert french.stderr.startswith("sco-cal: erreur") and "aucun événement" in french.stderr


def test_no_server_is_used_from_a_folder_others_may_enter(
    env: dict[str, str], server: int, store: Path
) -> None:
    (folder,) = Path(env["XDG_RUNTIME_DIR"]).iterdir()
    folder.chmod(0o777)
    try:
        run = sco_cal({**env, "SCO_CAL_DB": str(store)}, "annotate", ID, "kept here")
        assert run.returncode == 0
    finally:
        folder.chmod(0o700)
    assert served(env) == 0


def test_a_served_command_loads_no_more_than_the_client(
    env: dict[str, str], server: int, store: Path
) -> None:
    """The process the person waits for imports neither Typer nor the CLI: that is
    the start-up the server saves."""
    script = (
        "import sys\nfrom sco_cal.launch import main\n"
        f"sys.argv = ['sco-cal', 'annotate', {ID!r}, 'note', '--db', {str(store)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, ' '.join(sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    code, modules = run.stdout.split(" ", 1)
    assert code == "0" and run.stderr.startswith("annotated")
    assert not {"typer", "sco_cal.cli", "sco_cal.store", "sqlite3"} & set(modules.split())
