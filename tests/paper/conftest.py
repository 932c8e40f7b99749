"""One check of the whole paper per test session, as a user runs it, shared by the paper tests."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class PaperRun:
    returncode: int
    stderr: str
    summary: dict
    out: Path

    @property
    def by_id(self) -> dict[str, dict]:
        return {n["id"]: n for n in self.summary["nodes"]}

    def formal_verdicts(self, node_id: str) -> dict[str, str]:
        """Obligation name -> verdict of a node's SymPy and Z3 obligations in this run."""
        return {o["name"]: o["verdict"] for o in self.by_id[node_id]["obligations"]
                if o["backend"] in ("sympy", "z3")}


@pytest.fixture(scope="session")
def paper_run(tmp_path_factory) -> PaperRun:
    """`python -m proofs check --out DIR --json FILE` on the default development (the paper)."""
    base = tmp_path_factory.mktemp("paper-run")
    out, summary = base / "out", base / "run.json"
    proc = subprocess.run([sys.executable, "-m", "proofs", "check", "--out", str(out), "--json", str(summary),
                           "--quiet", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode in (0, 1, 3), proc.stderr[-3000:]      # 3: open nodes (test_findings.OPEN)
    return PaperRun(proc.returncode, proc.stderr, json.loads(summary.read_text()), out)
