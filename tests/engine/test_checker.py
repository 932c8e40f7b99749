"""The engine on synthetic developments: statuses, propagation and exit codes.

The CLI runs in the test process (`call_cli`), except in the tests about time limits and hangs (`run_cli`,
a `python -m proofs` of its own)."""
from __future__ import annotations

import pytest
from engine_helpers import call_cli, run_json

from proofs.checker import check
from proofs.development import load_development
from proofs.model import Status

TRUE_AND_FALSE = """
DEVELOPMENT.definition("def:a", "A definition", "a")

@DEVELOPMENT.lemma("lemma:square", "Binomial square", "(x+y)^2", deps=["def:a"])
def _():
    yield Obligation("square", Identity((x + y) ** 2, x**2 + 2*x*y + y**2), dims=(1,))

@DEVELOPMENT.lemma("lemma:wrong", "Freshman's dream", "(x+y)^2 = x^2+y^2")
def _():
    yield Obligation("square", Identity((x + y) ** 2, x**2 + y**2))

@DEVELOPMENT.lemma("lemma:amgm", "AM-GM", "x^2+y^2 >= 2xy")
def _():
    yield Obligation("amgm", Implication((), x**2 + y**2 >= 2*x*y))

@DEVELOPMENT.lemma("lemma:invalid", "Not valid", "x > 0 => x^2 > x")
def _():
    yield Obligation("bad", Implication((x > 0,), x**2 > x))

@DEVELOPMENT.lemma("lemma:uses-wrong", "Uses the wrong one", "x+1 > x", deps=["lemma:wrong"])
def _():
    yield Obligation("ok", Implication((), x + 1 > x))

@DEVELOPMENT.lemma("lemma:uses-good", "Uses good ones", "x+2 > x", deps=["lemma:square", "lemma:amgm"])
def _():
    yield Obligation("ok", Implication((), x + 2 > x))
"""


def statuses(summary: dict) -> dict[str, str]:
    return {n["id"]: n["status"] for n in summary["nodes"]}


def test_statuses_and_propagation(write_dev):
    code, summary = run_json("check", str(write_dev(TRUE_AND_FALSE)))
    assert code == 1
    assert statuses(summary) == {
        "def:a": "assumed", "lemma:square": "proved", "lemma:wrong": "refuted", "lemma:amgm": "proved",
        "lemma:invalid": "refuted", "lemma:uses-wrong": "blocked", "lemma:uses-good": "proved"}
    wrong = next(n for n in summary["nodes"] if n["id"] == "lemma:wrong")
    assert wrong["obligations"][0]["counterexample"]["symbols"]
    invalid = next(n for n in summary["nodes"] if n["id"] == "lemma:invalid")
    model = invalid["obligations"][0]["counterexample"]["model"]
    assert 0 < float(eval_fraction(model["x"])) <= 1
    assert summary["summary"]["proved"] == 3 and summary["summary"]["blocked"] == 1
    square = next(n for n in summary["nodes"] if n["id"] == "lemma:square")
    assert square["dims"] == [1] and square["obligations"][0]["backend"] == "sympy"
    assert {"id", "kind", "title", "deps", "status", "obligations", "certificate"} <= set(square)


def eval_fraction(text: str) -> float:
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)


def test_only_checks_the_cone(write_dev):
    code, summary = run_json("check", str(write_dev(TRUE_AND_FALSE)), "--only", "lemma:uses-good")
    assert code == 0
    assert set(statuses(summary)) == {"def:a", "lemma:square", "lemma:amgm", "lemma:uses-good"}


def test_unknown_only_is_an_input_error(write_dev):
    proc = call_cli("check", str(write_dev(TRUE_AND_FALSE)), "--only", "lemma:nope", "--quiet")
    assert proc.returncode == 2
    assert "lemma:nope" in proc.stderr and "Traceback" not in proc.stderr


def test_z3_timeout_is_unknown_not_success(write_dev):
    # a hard nonlinear integer problem (sum of three cubes = 33 in a huge range) under a 1 s limit
    path = write_dev("""
a, b, c = sp.symbols("a b c", integer=True)
@DEVELOPMENT.lemma("lemma:hard", "Hard", "no three cubes")
def _():
    yield Obligation("cubes", Implication((), sp.Ne(a**3 + b**3 + c**3, 33)), )
""")
    code, summary = run_json("check", str(path), "--timeout", "1", process=True)
    assert code == 3      # incomplete: unknown is not success, and nothing was shown wrong
    node = summary["nodes"][0]
    assert node["status"] == "unknown"
    assert node["obligations"][0]["verdict"] == "unknown"


def test_hanging_obligation_is_killed(write_dev):
    path = write_dev("""
from proofs import Numeric
import time
def forever(rng, profile):
    while True:
        time.sleep(1)
@DEVELOPMENT.lemma("lemma:hang", "Hangs", "never returns")
def _():
    yield Obligation("hang", Numeric(run=forever, description="sleeps forever"))
@DEVELOPMENT.lemma("lemma:fine", "Fine", "x = x")
def _():
    yield Obligation("eq", Identity(x, x))
""")
    code, summary = run_json("check", str(path), "--timeout", "1", process=True)
    assert code == 3      # incomplete: a time-out is neither success nor a refutation
    assert statuses(summary) == {"lemma:hang": "unknown", "lemma:fine": "proved"}
    assert "timed out" in summary["nodes"][0]["obligations"][0]["message"]


def test_backend_exception_fails_node_and_run_goes_on(write_dev):
    path = write_dev("""
@DEVELOPMENT.lemma("lemma:raises", "Raises", "z3 cannot translate sin")
def _():
    yield Obligation("sin", Implication((), sp.sin(x) <= 1))
@DEVELOPMENT.lemma("lemma:fine", "Fine", "x = x")
def _():
    yield Obligation("eq", Identity(x, x))
""")
    code, summary = run_json("check", str(path))
    assert code == 1
    assert statuses(summary) == {"lemma:raises": "failed", "lemma:fine": "proved"}
    assert "sin" in summary["nodes"][0]["obligations"][0]["message"]


@pytest.mark.parametrize("body, message", [
    ("""
@DEVELOPMENT.lemma("lemma:a", "A", "a", deps=["lemma:b"])
def _():
    yield Obligation("eq", Identity(x, x))
@DEVELOPMENT.lemma("lemma:b", "B", "b", deps=["lemma:a"])
def _():
    yield Obligation("eq", Identity(x, x))
""", "dependency cycle: lemma:a -> lemma:b -> lemma:a"),
    ("""
@DEVELOPMENT.lemma("lemma:a", "A", "a", deps=["lemma:missing"])
def _():
    yield Obligation("eq", Identity(x, x))
""", "depends on unknown id 'lemma:missing'"),
    ("""
@DEVELOPMENT.lemma("lemma:a", "A", "a")
def _():
    yield Obligation("eq", Identity(x, x))
@DEVELOPMENT.lemma("lemma:a", "A again", "a")
def _():
    yield Obligation("eq", Identity(x, x))
""", "node lemma:a: duplicate id"),
    ("""
@DEVELOPMENT.lemma("lemma:a", "A", "a")
def _():
    return []
""", "node lemma:a: a claim with no obligation"),
    ("""
@DEVELOPMENT.lemma("lemma:a", "A", "a")
def _():
    yield Obligation("eq", Identity(x, x), backend="lean")
""", "names backend 'lean', which does not exist"),
])
def test_malformed_developments_are_rejected_before_anything_runs(write_dev, body, message):
    path = write_dev(body)
    proc = call_cli("check", str(path), "--quiet")
    assert proc.returncode == 2
    assert message in proc.stderr
    assert f"{path}:" in proc.stderr            # the source location is named
    assert "Traceback" not in proc.stderr
    assert "checking" not in proc.stderr        # nothing was discharged


def test_refuted_printed_node_accepted_only_with_proved_correction(write_dev):
    base = """
@DEVELOPMENT.lemma("lemma:p", "Printed", "(x+y)^2 = x^2+y^2")
def _():
    yield Obligation("sq", Identity((x + y) ** 2, x**2 + y**2))
@DEVELOPMENT.lemma("lemma:p.corrected", "Corrected", "(x+y)^2 = x^2+2xy+y^2", printed=False, corrects="lemma:p")
def _():
    yield Obligation("sq", Identity((x + y) ** 2, {rhs}))
"""
    code, summary = run_json("check", str(write_dev(base.format(rhs="x**2 + 2*x*y + y**2"))))
    assert code == 0 and statuses(summary)["lemma:p"] == "refuted"
    code, summary = run_json("check", str(write_dev(base.format(rhs="x**2 + 3*x*y + y**2"), "b.py")))
    assert code == 1


def test_sympy_chain_with_change_of_variables_in_process(tmp_path):
    path = tmp_path / "cov.py"
    path.write_text('''
import sympy as sp
from proofs import Development, Obligation, Chain, Step
DEVELOPMENT = Development("cov")
DEVELOPMENT.cited("cite:cov", "Change of variables", "...", reference="standard")
y, u, d, x = sp.symbols("y u d x", real=True)
f, g = sp.Function("f"), sp.Function("g")
I = sp.Integral(f(y - d) * g(x - y), (y, -sp.oo, sp.oo))
@DEVELOPMENT.lemma("lemma:shift", "Shift", "...", deps=["cite:cov"])
def _():
    yield Obligation("good", Chain(I, (Step(sp.Integral(f(u) * g(x - d - u), (u, -sp.oo, sp.oo)),
                                       "change_of_variables", by="cite:cov",
                                       params={"old": [y], "new": [u], "A": sp.Matrix([[1]]), "c": [d]}),)))
@DEVELOPMENT.lemma("lemma:shift-wrong", "Shift, sign error", "...", deps=["cite:cov"])
def _():
    yield Obligation("bad", Chain(I, (Step(sp.Integral(f(u) * g(x + d - u), (u, -sp.oo, sp.oo)),
                                      "change_of_variables", by="cite:cov",
                                      params={"old": [y], "new": [u], "A": sp.Matrix([[1]]), "c": [d]}),)))
''')
    run = check(load_development(str(path)), jobs=0)
    assert run.results["lemma:shift"].status == Status.PROVED
    wrong = run.results["lemma:shift-wrong"]
    assert wrong.status == Status.REFUTED
    assert wrong.obligations[0].outcome.counterexample["step"] == 1


def test_step_justified_by_a_non_dependency_is_rejected(write_dev):
    path = write_dev("""
@DEVELOPMENT.lemma("lemma:a", "A", "a")
def _():
    yield Obligation("c", Chain(x, (Step(x, by="lemma:elsewhere"),)))
""")
    proc = call_cli("check", str(path), "--quiet")
    assert proc.returncode == 2 and "'lemma:elsewhere'" in proc.stderr


def test_graph_formats(write_dev):
    path = str(write_dev(TRUE_AND_FALSE))
    dot = call_cli("graph", path)
    assert dot.returncode == 0 and '"lemma:uses-good" -> "lemma:square";' in dot.stdout
    import json
    data = json.loads(call_cli("graph", path, "--format", "json").stdout)
    assert any(e["source"] == "lemma:square" and e["target"] == "lemma:uses-good" for e in data["edges"])
    assert {n["id"]: n["kind"] for n in data["nodes"]}["def:a"] == "definition"
    graphml = call_cli("graph", path, "--format", "graphml")
    assert graphml.returncode == 0 and "<graphml" in graphml.stdout


def test_missing_development_is_an_input_error():
    proc = call_cli("check", "no/such/dev.py", "--quiet")
    assert proc.returncode == 2 and "no such file" in proc.stderr
    proc = call_cli("check", "no_such_module_xyz", "--quiet")
    assert proc.returncode == 2 and "no development named" in proc.stderr


def test_output_directory_defaults_to_proofs_out_env(write_dev, tmp_path):
    target = tmp_path / "elsewhere"         # $PROOFS_OUT is read each time the command line is parsed
    proc = call_cli("check", str(write_dev(TRUE_AND_FALSE)), "--only", "lemma:square", "--quiet",
                    env={"PROOFS_OUT": str(target)})
    assert proc.returncode == 0, proc.stderr
    assert (target / "manifest.json").exists() and (target / "run.json").exists()
    assert str(target) in proc.stdout


def test_an_edit_within_the_same_second_is_what_runs(write_dev, monkeypatch):
    """Two versions of one file of the same size, written within one second: the second check runs the second
    (a cached .pyc of the first, which Python would trust, must not be used)."""
    import os

    from engine_helpers import run_json

    body = """
@DEVELOPMENT.lemma("lemma:v", "Version", "x + {k} > x")
def _():
    yield Obligation("z", Implication((), x + {k} > x))
"""
    import sys

    monkeypatch.setattr(sys, "dont_write_bytecode", False)   # as on a machine without PYTHONDONTWRITEBYTECODE
    path = write_dev(body.replace("{k}", "1"))
    stamp = os.stat(path).st_mtime_ns
    _, first = run_json("check", str(path), "--no-out")
    path.write_text(path.read_text().replace("x + 1", "x - 1"))
    os.utime(path, ns=(stamp, stamp))                      # same size, same modification time
    _, second = run_json("check", str(path), "--no-out")
    assert first["nodes"][0]["status"] == "proved" and second["nodes"][0]["status"] == "refuted", second


@pytest.mark.timeout(120)
def test_progress_says_proposed_until_the_kernel_decides_and_counts_a_second_pass_afresh(tmp_path):
    """A Z3 proposal is not a proof: the progress line says so; what the kernel does not accept is discharged
    again, counted from 1 (not [3/2])."""
    from engine_helpers import call_cli
    dev = tmp_path / "dev.py"
    dev.write_text("import sympy as sp\nfrom proofs import Assume, Development, Implication, Obligation\n"
                   "DEVELOPMENT = Development('p')\nx = sp.Symbol('x', real=True)\ng = sp.Function('g', real=True)\n"
                   "@DEVELOPMENT.lemma('lemma:g', 'g', 'g(x) = 1 => g(x) = 1')\ndef _():\n"
                   "    yield Obligation('z3', Implication((Assume(sp.Eq(g(x), 1)),), sp.Eq(g(x), 1)))\n")
    proc = call_cli("check", str(dev), "--no-out", "--no-cache")
    lines = proc.stderr.splitlines()
    assert "[1/1] lemma:g z3 (z3): proposed (the kernel decides)" in lines[1], proc.stderr
    assert "discharging again 1 the kernel did not accept" in proc.stderr and "[2/1]" not in proc.stderr, proc.stderr
