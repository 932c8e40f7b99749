"""`proofs --version`: the installed versions of proofs and of the packages its backends use."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest
from cli_runner import ROOT, run_in_process


def cli(*args: str, env: dict | None = None):
    """``proofs ARGS`` run in the test process."""
    return run_in_process(*args, env=env, cwd=ROOT)


def test_version_names_proofs_and_its_backends():
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stderr == ""
    line = proc.stdout.strip()
    assert line.startswith(f"proofs {version('proofs')} ")
    for name, distribution in (("sympy", "sympy"), ("z3", "z3-solver"), ("numpy", "numpy")):
        assert f"{name} {version(distribution)}" in line


@pytest.mark.timeout(120)
def test_version_from_the_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "proofs", "--version"], capture_output=True, text=True,
                          check=False, cwd=ROOT, timeout=100)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("proofs ") and "sympy" in proc.stdout


def test_version_needs_no_command_but_commands_still_do():
    assert cli("--version").returncode == 0
    proc = cli()
    assert proc.returncode == 2 and "COMMAND" in proc.stderr
