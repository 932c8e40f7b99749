"""Only the kernel decides: the side doors through which ``check`` once accepted a false statement.

Each case goes through the CLI as a user would: a false node must end not ``proved``, with a non-zero exit.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_helpers import call_cli, run_json

CAPTURE = """
g = sp.Function("g")
mu = sp.Function("mu")
z = sp.Symbol("z", real=True)

@DEVELOPMENT.lemma("lemma:capture-integral", "Capture", "a free variable named like a bound one")
def _():
    w = sp.Symbol("{integral}", real=True)
    yield Obligation("eq", Identity(sp.Integral(f(y) * g(w), (y, -sp.oo, sp.oo)),
                                    sp.Integral(f(y) * g(y), (y, -sp.oo, sp.oo))))

@DEVELOPMENT.lemma("lemma:capture-lambda", "Capture", "a free variable named like a lambda's")
def _():
    v = sp.Symbol("{lam}", real=True)
    yield Obligation("eq", Identity(mu(sp.Lambda(z, f(z) * g(v))), mu(sp.Lambda(z, f(z) * g(z)))))
"""


@pytest.mark.parametrize("integral, lam", [("_I0_0", "_L0_0"), ("$I0_0", "$L0_0")])
def test_bound_variables_never_capture_a_free_symbol(write_dev, integral, lam):
    path = write_dev(CAPTURE.replace("{integral}", integral).replace("{lam}", lam))
    code, summary = run_json("check", str(path), "--no-out")
    statuses = {n["id"]: n["status"] for n in summary["nodes"]}
    assert code != 0
    assert "proved" not in statuses.values(), statuses


BACKEND = """
from proofs import backends
from proofs.model import Outcome, Verdict

class Yes:
    name = "{name}"
    def version(self):
        return "1"
    def discharge(self, obligation, *, timeout, seed, profile):
        return Outcome(Verdict.PROVED, message="trust me")

backends.register(Yes())

@DEVELOPMENT.lemma("lemma:false", "False", "x = x + 1")
def _():
    yield Obligation("eq", Identity(x, x + 1), backend="{name}")
"""


def test_a_development_cannot_replace_a_built_in_backend(write_dev):
    path = write_dev(BACKEND.replace("{name}", "sympy"))
    proc = call_cli("check", str(path), "--no-out", "--quiet")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "built-in backend" in proc.stderr and f"{path}:" in proc.stderr      # names the file and line
    assert "Traceback" not in proc.stderr


def test_a_development_backend_is_reported_as_trusted(write_dev):
    path = write_dev(BACKEND.replace("{name}", "oracle").replace("Identity(x, x + 1)", "Identity(x, x)"))
    code, summary = run_json("check", str(path), "--no-out", process=True)   # registering is global state
    node = summary["nodes"][0]
    # the kernel cannot re-check it: evidence, never proved
    assert node["status"] == "corroborated" and node["trusted_backends"] == ["oracle"] and code == 0
    assert summary["trusted_backends"] == {"oracle": ["lemma:false"]}
    assert node["obligations"][0]["kernel"] == "trusted"


FALSE = """
@DEVELOPMENT.lemma("lemma:false", "False", "x = x + 1")
def _():
    yield Obligation("eq", Identity(x * (x + 1), x ** 2))
"""


def test_a_forged_cache_entry_is_not_trusted(write_dev, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    path = write_dev(FALSE)
    code, summary = run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    assert code == 1 and summary["nodes"][0]["status"] == "refuted"
    entries = list(cache.glob("obligations/*.json"))
    assert len(entries) == 1
    entry = json.loads(entries[0].read_text())
    entry["outcome"]["verdict"] = "proved"
    entry["outcome"]["counterexample"] = None
    entries[0].write_text(json.dumps(entry))
    code, summary = run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    node = summary["nodes"][0]
    assert code == 1 and node["status"] == "refuted", node      # rejected, dropped, discharged again
    assert node["obligations"][0]["cached"] is False
    assert json.loads(entries[0].read_text())["outcome"]["verdict"] == "refuted"   # the cache is rebuilt


def test_a_cache_entry_for_another_claim_is_not_used(write_dev, tmp_path):
    """A record that re-checks, but states a different (true) identity, is not this obligation's."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    path = write_dev(FALSE)
    run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    entry_path = next(cache.glob("obligations/*.json"))
    entry = json.loads(entry_path.read_text())
    record = entry["outcome"]["record"]
    record["rhs"] = record["lhs"]
    entry["outcome"].update(verdict="proved", counterexample=None, record=record)
    entry_path.write_text(json.dumps(entry))
    code, summary = run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    assert code == 1 and summary["nodes"][0]["status"] == "refuted"


def test_check_and_verify_agree_on_a_rejected_record(write_dev, tmp_path):
    """A record the kernel rejects leaves the node failed in check, and verify derives the same."""
    from proofs.backends import sympy_backend

    out = tmp_path / "out"
    path = write_dev(FALSE)
    original = sympy_backend.check_equal
    sympy_backend.check_equal = lambda *a: (sympy_backend.Verdict.PROVED, "a backend bug", None)
    try:
        code, summary = run_json("check", str(path), "--out", str(out), "--jobs", "0", "--no-cache")
    finally:
        sympy_backend.check_equal = original
    node = summary["nodes"][0]
    assert code == 1 and node["status"] == "failed" and "rejected by the kernel" in node["reason"]
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "FAIL" not in proc.stdout, proc.stdout   # consistent, and not accepted


def test_the_engine_keeps_no_copy_of_a_kernel_rule():
    from certificates import normal_form, rules, smt
    from proofs import checker, kernel, vacuity
    from proofs.backends import numeric_backend, sympy_backend, z3_backend

    assert sympy_backend.equal is normal_form.equal
    assert sympy_backend.change_of_variables is normal_form.change_of_variables
    assert sympy_backend.gaussian_integral is normal_form.gaussian_integral
    assert z3_backend.Translator is smt.Translator
    assert numeric_backend.judge_residuals is rules.judge_residuals
    for module in (checker, kernel, sympy_backend, vacuity):
        source = Path(module.__file__).read_text()
        for name in ("def normalize", "def _rebuild", "def derive_status", "def _node_result",
                     "class Translator", "def _gaussian", "def change_of_variables"):
            assert name not in source, (module.__name__, name)


def test_an_edited_numeric_cache_entry_is_not_used(write_dev, tmp_path):
    """Residuals cannot be re-derived by the kernel: the cache entry is authenticated instead."""
    path = write_dev("""
from proofs import Numeric, NumericResult
def gap(rng, profile):
    return NumericResult(resolutions=(8, 16), residuals=(0.5, 0.5), tolerance=1e-6)

@DEVELOPMENT.lemma("lemma:num", "Numeric", "a check that disagrees")
def _():
    yield Obligation("n", Numeric(gap, "a stable gap"))
""")
    out, cache = tmp_path / "out", tmp_path / "cache"
    code, summary = run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    assert summary["nodes"][0]["status"] == "refuted" and code == 1
    entry_path = next(cache.glob("obligations/*.json"))
    entry = json.loads(entry_path.read_text())
    entry["outcome"].update(verdict="agrees", counterexample=None)
    entry["outcome"]["record"]["residuals"] = [0.0, 0.0]
    entry_path.write_text(json.dumps(entry))
    code, summary = run_json("check", str(path), "--out", str(out), "--cache", str(cache))
    assert summary["nodes"][0]["status"] == "refuted" and code == 1
    assert summary["nodes"][0]["obligations"][0]["cached"] is False
