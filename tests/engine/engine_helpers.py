"""Running the CLI as a user would, for the engine tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proofs", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def run_json(*args: str) -> tuple[int, dict]:
    proc = run_cli(*args, "--json", "-", "--quiet")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}
