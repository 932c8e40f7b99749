"""``proofs new NAME``: a development that checks green out of the box, and never an overwritten file."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_runner import run_in_process

SCAFFOLD = {"def:square": "assumed", "lemma:binomial": "proved", "lemma:amgm": "proved",
            "lemma:square-exceeds": "refuted"}


@pytest.mark.timeout(300)
def test_the_scaffold_checks_green(tmp_path):
    made = run_in_process("new", "my_lemmas", "--dir", str(tmp_path / "work"), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    package = tmp_path / "work" / "my_lemmas"
    assert sorted(p.name for p in package.iterdir()) == ["__init__.py", "test_my_lemmas.py"]
    assert "python -m proofs check" in made.stdout
    proc = run_in_process("check", str(package), "--no-out", "--quiet", "--json", "-", cwd=tmp_path)
    summary = json.loads(proc.stdout)
    assert {n["id"]: n["status"] for n in summary["nodes"]} == SCAFFOLD
    # the known-false statement is refuted with a counterexample and, being expected, accepted
    trap = next(n for n in summary["nodes"] if n["id"] == "lemma:square-exceeds")
    assert trap["obligations"][0]["counterexample"]["model"]["x"]
    assert proc.returncode == 0, f"the scaffold is not accepted (expected refutations):\n{proc.stderr}"


@pytest.mark.timeout(300)
def test_the_scaffolds_own_test_passes(tmp_path):
    assert run_in_process("new", "starter", cwd=tmp_path).returncode == 0
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "starter"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=280, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


@pytest.mark.timeout(60)
def test_it_refuses_to_overwrite(tmp_path):
    assert run_in_process("new", "mine", cwd=tmp_path).returncode == 0
    init = tmp_path / "mine" / "__init__.py"
    init.write_text("# my edits\n")
    again = run_in_process("new", "mine", cwd=tmp_path)
    assert again.returncode == 2
    assert "refusing to overwrite" in again.stderr and "mine/__init__.py" in again.stderr
    assert init.read_text() == "# my edits\n"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "test_other.py").write_text("# mine too\n")
    partial = run_in_process("new", "other", cwd=tmp_path)
    assert partial.returncode == 2 and not (tmp_path / "other" / "__init__.py").exists()
    (tmp_path / "plain").write_text("a file")
    assert run_in_process("new", "plain", cwd=tmp_path).returncode == 2


@pytest.mark.timeout(60)
def test_it_will_not_hide_an_installed_module(tmp_path):
    for name in ("proofs", "sympy", "json"):
        proc = run_in_process("new", name, cwd=tmp_path)
        assert proc.returncode == 2 and "installed module" in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["1st", "my-dev", "class", "a.b", ""])
def test_it_wants_a_package_name(tmp_path, name):
    proc = run_in_process("new", name, cwd=tmp_path)
    assert proc.returncode == 2 and "not a valid package name" in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []
