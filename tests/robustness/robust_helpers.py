"""Helpers for the robustness tests: write a development to a file, run the CLI as a user would."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from cli_runner import run_in_process

ROOT = Path(__file__).resolve().parents[2]
DEVS = Path(__file__).resolve().parent / "devs"

HEADER = """\
import os, sys, time
import sympy as sp
from proofs import (Assume, Chain, Development, Identity, Implication, Numeric, NumericResult, Obligation,
                    Step)
x, y = sp.symbols("x y", real=True)
f = sp.Function("f")
DEVELOPMENT = Development("hostile", "Hostile input")
"""


def write_dev(directory: Path, body: str, name: str = "dev.py", header: bool = True) -> Path:
    path = directory / name
    path.write_text((HEADER if header else "") + textwrap.dedent(body))
    return path


def call_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``proofs ARGS`` run in this process (``cli_runner``), in the environment :func:`run_cli` gives."""
    return run_in_process(*args, env={"COLUMNS": "200", "PROOFS_DEBUG": None, **(env or {})}, cwd=ROOT)


def run_cli(*args: str, timeout: float = 240, env: dict | None = None,
            prelude: str | None = None) -> subprocess.CompletedProcess:
    """``python -m proofs ARGS`` in a fresh process; ``prelude`` runs first (e.g. to hide a module). For the
    tests about the process: signals, hangs and time limits, missing modules, workers that die, global
    state a development changes; the others use :func:`call_cli`."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})}
    environment.pop("PROOFS_DEBUG", None)
    if prelude is None:
        cmd = [sys.executable, "-m", "proofs", *args]
    else:
        code = f"{prelude}\nimport sys\nfrom proofs.cli import main\nsys.exit(main({list(args)!r}))"
        cmd = [sys.executable, "-c", code]
    return subprocess.run(cmd, cwd=ROOT, env=environment, capture_output=True, text=True, errors="replace",
                          timeout=timeout, check=False)


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    """No traceback and no internal error ever reaches the user."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    assert "internal error" not in proc.stderr, proc.stderr
