"""``pytest --proofs DEVELOPMENT``: one item per node, outcome from its status; inert without the option."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from plugin_helpers import OUTCOMES, ROOT, write_outcomes_dev

WORD = {"PASSED": "passed", "SKIPPED": "skipped", "XFAIL": "xfail", "FAILED": "failed", "XPASS": "xpass",
        "ERROR": "error"}


def pytest_run(*args: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    """pytest in a process of its own, in ``cwd`` (no project configuration there)."""
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)


def outcomes(stdout: str) -> dict[str, str]:
    """node id -> outcome, from ``-v`` lines such as ``outcomes.py::lemma:proved PASSED [ 11%]``."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^\S+?::(\S+) (PASSED|SKIPPED|XFAIL|FAILED|XPASS|ERROR)\b", line)
        if match:
            found[match.group(1)] = WORD[match.group(2)]
    return found


def test_the_plugin_is_registered_for_pytest():
    assert "proofs.pytest_plugin" in {ep.value for ep in entry_points(group="pytest11")}


@pytest.mark.timeout(300)
def test_each_node_is_an_item_with_its_nodes_outcome(tmp_path):
    dev = write_outcomes_dev(tmp_path)
    proc = pytest_run("-v", f"--proofs={dev}", "--proofs-timeout=60", cwd=tmp_path)
    assert outcomes(proc.stdout) == OUTCOMES, proc.stdout + proc.stderr
    assert proc.returncode == 1, "failing nodes fail the session"
    assert "collected 9 items" in proc.stdout
    # a failure says why, in the node's words, without a traceback of the plugin
    assert "expected to be refuted with a counterexample, but proved" in proc.stdout
    assert "RuntimeError: boom" in proc.stdout
    assert "counterexample" in proc.stdout and "Traceback" not in proc.stdout


@pytest.mark.timeout(300)
def test_the_second_development_passes(tmp_path):
    proc = pytest_run("-q", "-rx", f"--proofs={ROOT / 'examples' / 'p4'}", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"\b8 passed, 6 skipped, 1 xfailed\b", proc.stdout), proc.stdout
    assert "prop:conv-commutes" in proc.stdout          # the refuted statement, an expected failure


@pytest.mark.timeout(300)
def test_k_selects_nodes_and_paths_add_test_files(tmp_path):
    dev = write_outcomes_dev(tmp_path)
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    pass\n")
    only = pytest_run("-v", f"--proofs={dev}", "-k", "proved or trap", cwd=tmp_path)
    assert outcomes(only.stdout) == {"lemma:proved": "passed", "lemma:trap": "xfail"}, only.stdout
    assert only.returncode == 0, only.stdout + only.stderr
    assert "test_plain" not in only.stdout, "--proofs without paths collects no test files"
    both = pytest_run("-v", f"--proofs={dev}", "-k", "proved or plain", "test_plain.py", cwd=tmp_path)
    assert outcomes(both.stdout) == {"lemma:proved": "passed", "test_plain": "passed"}, both.stdout


@pytest.mark.timeout(120)
def test_a_development_that_does_not_load_is_a_collection_error(tmp_path):
    (tmp_path / "broken.py").write_text("import sympy as sp\ndef broken(:\n")
    proc = pytest_run(f"--proofs={tmp_path / 'broken.py'}", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr     # pytest: interrupted by a collection error
    assert "cannot load development" in proc.stdout and "syntax error" in proc.stdout
    missing = pytest_run(f"--proofs={tmp_path / 'absent.py'}", cwd=tmp_path)
    assert missing.returncode == 2 and "no such file or directory" in missing.stdout, missing.stdout


@pytest.mark.timeout(120)
def test_inert_without_the_option(tmp_path):
    """Loaded (the entry point), yet it imports nothing of the engine and collects exactly as before."""
    (tmp_path / "test_quiet.py").write_text(textwrap.dedent("""
        import sys

        def test_nothing_heavy_was_imported(request):
            assert request.config.pluginmanager.has_plugin("proofs")
            engine = ("sympy", "z3", "numpy", "proofs.checker", "proofs.graph")
            heavy = [m for m in engine if m in sys.modules]
            assert heavy == []
    """))
    proc = pytest_run("-v", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert outcomes(proc.stdout) == {"test_nothing_heavy_was_imported": "passed"}
    listed = pytest_run("--collect-only", "-q", cwd=tmp_path)
    assert listed.stdout.splitlines()[0] == "test_quiet.py::test_nothing_heavy_was_imported", listed.stdout
    disabled = pytest_run("--collect-only", "-q", "-p", "no:proofs", cwd=tmp_path)
    assert disabled.stdout.splitlines()[0] == listed.stdout.splitlines()[0]
