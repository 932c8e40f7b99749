"""Running the CLI as a user would, for the engine tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_runner import run_in_process

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """``python -m proofs ARGS`` in a process of its own: for the tests about time limits and hangs."""
    return subprocess.run([sys.executable, "-m", "proofs", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def call_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``proofs ARGS`` run in the test process (``cli_runner``): what it prints and its exit code."""
    return run_in_process(*args, env=env, cwd=ROOT)


def run_json(*args: str, process: bool = False) -> tuple[int, dict]:
    """``check ... --json - --quiet``: exit code and summary; ``process``: in a process of its own."""
    proc = (run_cli if process else call_cli)(*args, "--json", "-", "--quiet")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}
