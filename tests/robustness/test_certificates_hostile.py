"""Hostile certificate directories against `proofs verify` (run in the test process: its re-checks run in
forked children with time and memory limits, as from the command line), and SIGKILL during `check --out`."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_helpers import DEVS, ROOT, assert_clean, call_cli, run_cli

DEV = str(DEVS / "mutation_demo.py")
MARKER = "/tmp/proofs_robustness_pwned"
CODE = f"__import__('os').system('touch {MARKER}')"


@pytest.fixture(scope="module")
def good_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "out"
    proc = call_cli("check", DEV, "--out", str(out), "--quiet", "--timeout", "60")
    assert_clean(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    verified = call_cli("verify", str(out), "--no-cvc5")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    return out


def _certificate(out: Path, node: str) -> Path:
    matches = list(out.rglob(node.replace(":", "_") + ".json"))
    assert matches, sorted(p.name for p in out.rglob("*.json"))
    return matches[0]


def _expr_paths(tree, path=()):
    """Paths of every encoded-expression object inside a certificate."""
    if isinstance(tree, dict):
        if any(k in tree for k in ("op", "sym", "fn", "int", "rat")):
            yield path
        for k, v in tree.items():
            yield from _expr_paths(v, path + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from _expr_paths(v, path + (i,))


def _set(tree, path, value):
    for key in path[:-1]:
        tree = tree[key]
    tree[path[-1]] = value


EXPRESSION_ATTACKS = {
    "code-in-symbol": {"sym": CODE},
    "code-in-function": {"fn": CODE, "args": [{"sym": "x"}]},
    "code-in-op": {"op": CODE, "args": []},
    "code-in-int": {"int": CODE},
    "code-in-float": {"float": CODE},
    "unknown-function-op": {"op": "eval", "args": [{"sym": "x"}]},
    "unknown-sympy-op": {"op": "factorial", "args": [{"int": "100000"}]},
    "huge-int": {"int": "9" * 100000},
    "huge-power": {"op": "Pow", "args": [{"int": "10"}, {"int": "9" * 300}]},
    "tower": {"op": "Pow", "args": [{"op": "Pow", "args": [{"int": "10"}, {"int": "9999"}]}, {"int": "9999"}]},
    "deep": "@DEEP@",
    "wrong-type-list": [1, 2, 3],
    "wrong-type-string": "x + 1",
    "wrong-type-number": 12345,
    "null": None,
}


def _verify(out: Path) -> subprocess.CompletedProcess:
    started = time.monotonic()
    proc = call_cli("verify", str(out), "--no-cvc5", "--timeout", "30")
    assert time.monotonic() - started < 300
    assert_clean(proc)
    assert not os.path.exists(MARKER), "a certificate executed code"
    return proc


@pytest.mark.parametrize("attack", sorted(EXPRESSION_ATTACKS))
def test_hostile_expression_is_rejected(good_out, tmp_path, attack):
    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    cert = _certificate(out, "lemma:matrix")
    data = json.loads(cert.read_text())
    paths = sorted(_expr_paths(data), key=len)
    assert paths
    _set(data, paths[-1], EXPRESSION_ATTACKS[attack])
    text = json.dumps(data)
    if attack == "deep":    # too deep for json.dumps itself: spliced in as text
        text = text.replace('"@DEEP@"', '{"op": "Abs", "args": [' * 10000 + '{"sym": "x"}' + "]}" * 10000)
    cert.write_text(text)
    proc = _verify(out)
    assert proc.returncode in (1, 2), proc.stdout + proc.stderr
    assert "lemma:matrix" in proc.stdout + proc.stderr or "lemma_matrix" in proc.stdout + proc.stderr


FILE_ATTACKS = {
    "truncated": lambda text: text[: len(text) // 2],
    "empty": lambda text: "",
    "not-json": lambda text: "\x00\xff garbage {",
    "top-level-list": lambda text: "[]",
    "nan-literal": lambda text: text.replace('"seconds": ', '"seconds": NaN, "x": ', 1),
    "huge-number-literal": lambda text: '{"a": ' + "9" * 100000 + "}",
    "deep-json": lambda text: "[" * 100000 + "]" * 100000,
    "wrong-types": lambda text: json.dumps({k: [] for k in json.loads(text)}),
}


@pytest.mark.parametrize("attack", sorted(FILE_ATTACKS))
def test_hostile_certificate_file_is_rejected(good_out, tmp_path, attack):
    out = tmp_path / "out"
    shutil.copytree(good_out, out, symlinks=True)
    cert = _certificate(out, "lemma:ineq")
    cert.write_text(FILE_ATTACKS[attack](cert.read_text()))
    proc = _verify(out)
    assert proc.returncode in (1, 2), proc.stdout + proc.stderr


def test_missing_and_unreadable_directories(tmp_path):
    for target in (tmp_path / "nothing", tmp_path):
        proc = call_cli("verify", str(target), "--no-cvc5")
        assert_clean(proc)
        assert proc.returncode == 2


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_finishes(tmp_path):
    """Kill `check --out` (and its workers) at seeded random moments; the directory always verifies
    (or is absent when the first run never finished) and a re-run completes the job."""
    rng = random.Random(20201124)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for _ in range(6):
        delay = rng.uniform(0.3, 8.0)
        proc = subprocess.Popen([sys.executable, "-m", "proofs", "check", DEV, "--out", str(out), "--quiet"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
        if (out / "manifest.json").exists() or any(out.glob("**/manifest.json")):
            verified = run_cli("verify", str(out), "--no-cvc5")
            assert_clean(verified)
            assert verified.returncode == 0, (delay, verified.stdout, verified.stderr)
    assert kills >= 1
    final = run_cli("check", DEV, "--out", str(out), "--quiet")
    assert_clean(final)
    assert final.returncode == 0, final.stdout + final.stderr
    verified = run_cli("verify", str(out), "--no-cvc5")
    assert verified.returncode == 0, verified.stdout + verified.stderr
