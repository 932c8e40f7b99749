"""The second development, examples/p4, checks in CI with the statuses it is written to have."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "def:p4": "assumed", "def:conv": "assumed", "def:invariant": "assumed", "def:lift": "assumed",
    "cite:change-of-variables": "assumed",
    "lemma:R-orthogonal": "proved", "lemma:R-order": "proved", "lemma:grid-rotation": "proved",
    "lemma:symmetrised-invariant": "proved",
    "prop:conv-commutes": "refuted",               # the statement as often made: any filter
    "prop:conv-commutes.corrected": "proved",      # p4-invariant filters
    "cor:p4-commutes": "proved", "thm:lifting-equivariant": "proved",
    "def:group-conv": "assumed", "thm:group-conv-equivariant": "proved",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("p4-out")
    command = [sys.executable, "-m", "proofs", "check", "examples/p4", "--out", str(out), "--quiet"]
    proc = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return proc, out


@pytest.mark.timeout(150)
def test_statuses_and_acceptance(run):
    proc, out = run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads((out / "run.json").read_text())
    assert {n["id"]: n["status"] for n in summary["nodes"]} == EXPECTED
    assert "Traceback" not in proc.stderr


@pytest.mark.timeout(150)
def test_the_finding_carries_counterexamples_from_sympy_and_the_grid(run):
    _, out = run
    nodes = json.loads((out / "run.json").read_text())["nodes"]
    node = next(n for n in nodes if n["id"] == "prop:conv-commutes")
    by_backend = {o["backend"]: o for o in node["obligations"]}
    assert by_backend["sympy"]["verdict"] == "refuted"
    assert set(by_backend["sympy"]["counterexample"]["functions"]) == {"f", "lam"}
    assert by_backend["numeric"]["verdict"] == "refuted"
    assert by_backend["numeric"]["counterexample"]["relative_disagreement"] > 0.1


@pytest.mark.timeout(150)
def test_the_certificates_re_check(run):
    _, out = run
    proc = subprocess.run([sys.executable, "-m", "proofs", "verify", str(out)], cwd=ROOT,
                          check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
