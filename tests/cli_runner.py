"""The CLI run inside the test process: what ``python -m proofs ARGS`` would print and return, without
starting an interpreter (a second of imports) for every call.

For the tests whose subject is not the process itself. A test about signals, hangs and time limits, a
missing dependency, the ``python -m`` entry, settings read when the interpreter starts, or the death of a
worker still starts a real process.

What is kept as in a separate process:
- both streams are captured at the file-descriptor level, so what the forked workers write to fd 1 or 2
  (or the engine writes there directly) lands where it would, and a stray write to stdout still
  corrupts ``--json -``;
- an exception that escapes ``main`` prints its traceback to the captured stderr and gives exit code 1,
  ``SystemExit`` gives its code, as the interpreter does;
- the environment and the working directory are the ones given, for the call only.

Afterwards the test process is as before: environment, working directory, and no module of a
development loaded from a file. A run that leaves other global state behind (a registered backend, a
signal handler, a timer, a blocked signal, a thread, a child process, a ``sys.path`` entry, a module
imported from outside the project and the installed packages) fails the test instead of leaking into
the next one. A development that does such things must run in a real process.

A module of its own (not conftest.py), imported by the helpers of each test folder.
"""
from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
import traceback
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]

DEVELOPMENT_MODULES = "_proofs_dev_"      # proofs.development names the modules it loads from files so
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGALRM, signal.SIGCHLD, signal.SIGPIPE, signal.SIGHUP)


def run_in_process(*args: str, env: dict[str, str | None] | None = None,
                   cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``python -m proofs ARGS`` run by ``proofs.cli.main`` in this process; ``env`` sets (a value) or
    unsets (None) variables for the call. No time limit of its own: a call that hangs is ended with the
    session by pytest-timeout, which prints every thread's stack."""
    from proofs import backends
    from proofs.cli import main

    argv = [str(a) for a in args]
    backends.names()                    # the built-in backends are loaded once, by whichever call comes first
    before = _state()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with _environment(env or {}), contextlib.chdir(cwd):
            try:
                with _captured(out, err):
                    code = _exit_status(main, argv)
            finally:
                for name in set(sys.modules) - before["modules"]:
                    if name.startswith(DEVELOPMENT_MODULES):
                        del sys.modules[name]
        stdout, stderr = (_read(f) for f in (out, err))
    leaks = _differences(before, _state())
    assert not leaks, (f"`proofs {' '.join(argv)}` run in the test process left global state behind: "
                       f"{'; '.join(leaks)}; run it in a process of its own")
    return subprocess.CompletedProcess(["proofs", *argv], code, stdout, stderr)


def _exit_status(main: Callable[[list[str]], int], argv: list[str]) -> int:
    """What ``sys.exit(main(argv))`` would leave as the process's exit status."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except Exception:               # escaped main: the interpreter prints it and exits 1
        traceback.print_exc()
        return 1
    if code is None:
        return 0
    if isinstance(code, int):
        return code % 256
    print(code, file=sys.stderr)
    return 1


def _set_environment(values: dict[str, str | None]) -> None:
    """Set each variable to its value; None unsets it."""
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@contextlib.contextmanager
def _environment(changes: dict[str, str | None]):
    saved = {name: os.environ.get(name) for name in changes}
    try:
        _set_environment(changes)
        yield
    finally:
        _set_environment(saved)


@contextlib.contextmanager
def _captured(out, err):
    """fd 1 and 2 into ``out`` and ``err``, and sys.stdout/sys.stderr writing to those fds."""
    streams = sys.stdout, sys.stderr
    for stream in streams:
        stream.flush()
    saved = os.dup(1), os.dup(2)
    try:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = _text(1, "strict")               # as Python sets them up for a pipe
        sys.stderr = _text(2, "backslashreplace")
        try:
            yield
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
    finally:
        sys.stdout, sys.stderr = streams
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def _text(fd: int, errors: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(io.FileIO(fd, "w", closefd=False)), encoding="utf-8",
                            errors=errors, line_buffering=True)


def _read(file) -> str:
    file.seek(0)
    return file.read().decode("utf-8", errors="replace")


def _state() -> dict:
    from proofs import backends

    return {
        "modules": set(sys.modules),
        "backends": dict(backends._REGISTRY),
        "handlers": {s: signal.getsignal(s) for s in SIGNALS},
        "timer": signal.getitimer(signal.ITIMER_REAL),
        "blocked": signal.pthread_sigmask(signal.SIG_BLOCK, []),
        "threads": set(threading.enumerate()),
        "children": set(multiprocessing.active_children()),
        "path": list(sys.path),
        "cwd": os.getcwd(),
    }


def _differences(before: dict, after: dict) -> list[str]:
    out = []
    if after["backends"] != before["backends"]:
        out.append(f"backend registry {sorted(before['backends'])} -> {sorted(after['backends'])}")
    changed = [signal.Signals(s).name for s in SIGNALS if after["handlers"][s] != before["handlers"][s]]
    if changed:
        out.append(f"signal handlers of {', '.join(changed)}")
    if after["timer"] != (0.0, 0.0):
        out.append(f"an armed interval timer {after['timer']}")
    if after["blocked"] != before["blocked"]:
        out.append(f"blocked signals {sorted(before['blocked'])} -> {sorted(after['blocked'])}")
    if after["threads"] - before["threads"]:
        out.append(f"threads {[t.name for t in after['threads'] - before['threads']]}")
    if after["children"] - before["children"]:
        out.append(f"child processes {[p.pid for p in after['children'] - before['children']]}")
    if after["path"] != before["path"]:
        out.append("sys.path")
    if after["cwd"] != before["cwd"]:
        out.append("the working directory")
    foreign = sorted(name for name in after["modules"] - before["modules"] if _foreign(sys.modules.get(name)))
    if foreign:
        out.append(f"modules imported from outside the project and the installed packages: {foreign}")
    return out


_HOMES = tuple({str(ROOT), sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                *(p for p in sysconfig.get_paths().values() if p), *site.getsitepackages(),
                site.getusersitepackages()})


def _foreign(module) -> bool:
    location = getattr(module, "__file__", None)
    if not location:
        return False
    location = os.path.realpath(location)
    return not any(location.startswith(os.path.realpath(home) + os.sep) for home in _HOMES)
