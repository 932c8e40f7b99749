"""`proofs mutate` as a user runs it: near misses of a sound encoding are all refuted, a loose claim
shows survivors, an unneeded hypothesis is flagged, a hypothesis that keeps a denominator from vanishing
is "ill-defined without it", a mutant that is only unknown is "not decided" (never a kill), every payload
shape is mutated and one that cannot be fails the run, and bad input is a clear error. The command runs in
the test process, except when it is interrupted or registers a backend (a `python -m proofs` of its own)."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import sympy as sp
from rich.console import Console
from robust_helpers import DEVS, ROOT, assert_clean, call_cli, run_cli, write_dev

from proofs.commands.mutate import print_report
from proofs.model import Identity, Implication, NumericResult, Obligation, Outcome, Verdict
from proofs.mutate import (
    NOT_DECIDED,
    REFUTED,
    classify,
    domain_conditions,
    exit_code,
    payload_mutants,
    tally,
    to_json,
    transform_numeric,
)

DEMO = str(DEVS / "mutation_demo.py")


def _mutate(*args: str, timeout: str = "20"):
    proc = call_cli("mutate", *args, "--quick", "--jobs", "2", "--timeout", timeout, "--json", "-")
    assert_clean(proc)
    return proc, (json.loads(proc.stdout) if proc.stdout.strip() else None)


def test_every_mutant_of_the_demo_is_killed():
    proc, data = _mutate(DEMO)
    assert proc.returncode == 0, proc.stderr
    totals = data["totals"]
    assert totals["survived"] == 0 and totals["mutants"] >= 15
    assert totals["kill_rate"] == 1.0
    assert totals["refuted"] + totals["ill-defined"] == totals["mutants"]     # every one by a counterexample
    assert totals["not-decided"] == 0
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {"lemma:shift", "lemma:matrix", "lemma:chain", "lemma:ineq", "lemma:det"} <= set(nodes)
    operators = {m["operator"] for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]}
    assert {"hypothesis", "relation", "step", "matrix"} <= operators, operators
    for node in data["nodes"]:
        for ob in node["obligations"]:
            assert ob["original"] == "proved"
            for m in ob["mutants"]:
                if m["category"] == "refuted":
                    assert m["counterexample"], m         # a refuted mutant carries its counterexample
    det = {m["description"]: m for o in nodes["lemma:det"]["obligations"] for m in o["mutants"]}
    dropped = det["drop assumption 1: Ne(t00*t11 - t01*t10, 0)"]
    assert dropped["verdict"] == "proved" and dropped["category"] == "ill-defined", dropped   # not redundant
    assert "ill-defined without it" in dropped["reason"]


def test_a_justification_the_encoding_does_not_pin_down_survives(dev_dir):
    """The integrand f(x) + f(-x) is even, so the substitution x = -u justifies the renaming step as well
    as x = u does: the mutant that negates the matrix A is proved, and nothing shows it equivalent (the
    parameters of a step have no equivalence check). It survives, the report names it, exit code 1."""
    path = write_dev(dev_dir, """
        u = sp.Symbol("u", real=True)
        DEVELOPMENT.cited("thm:cov", "Change of variables", "int f = |det A| int f o A", "Rudin 7.26")

        @DEVELOPMENT.lemma("lemma:even", "Even part", "int f(x) + f(-x) dx = int f(u) + f(-u) du",
                           deps=["thm:cov"])
        def _():
            start = sp.Integral(f(x) + f(-x), (x, -sp.oo, sp.oo))
            step = Step(sp.Integral(f(u) + f(-u), (u, -sp.oo, sp.oo)), rule="change_of_variables",
                        by="thm:cov", params={"old": [x], "new": [u], "A": [[1]]})
            yield Obligation("rename", Chain(start, (step,)))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0", timeout="3")
    assert proc.returncode == 1
    survivors = [m for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]
                 if m["category"] == "survived"]
    assert [m["description"] for m in survivors] == [
        "step 1 change of variables, A: entry (0,0): negate the whole side"], survivors
    assert data["totals"]["survived"] == 1 and data["totals"]["kill_rate"] < 1.0
    assert data["totals"]["refuted"] >= 6                   # the sign and factor changes: counterexamples
    console = Console(record=True, width=160, file=io.StringIO())
    print_report(data, console)                                     # what `mutate` prints without --json
    assert "survived lemma:even rename~m" in console.export_text()


def test_an_unneeded_hypothesis_is_flagged_redundant(dev_dir):
    path = write_dev(dev_dir, """
        @DEVELOPMENT.lemma("lemma:extra", "Extra hypothesis", "x > 1, y > 0 => x > 0")
        def _():
            yield Obligation("extra", Implication((x > 1, y > 0), x > 0))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0")
    assert proc.returncode == 0                           # redundant is reported, not counted a survivor
    dropped = {m["description"]: m["category"] for n in data["nodes"] for o in n["obligations"]
               for m in o["mutants"] if m["operator"] == "hypothesis"}
    assert dropped == {"drop hypothesis 1: x > 1": "refuted", "drop hypothesis 2: y > 0": "redundant"}, dropped


def test_progress_goes_to_stderr_and_the_table_to_stdout():
    proc = call_cli("mutate", DEMO, "--only", "lemma:ineq", "--quick", "--jobs", "1")
    assert_clean(proc)
    assert proc.returncode == 0
    assert "mutate: originals: 1 obligation" in proc.stderr and "mutate: mutants:" in proc.stderr
    assert "] lemma:ineq product~m" in proc.stderr            # one line per mutant when not on a terminal
    assert "mutation testing of mutation-demo" in proc.stdout and "kill rate" in proc.stdout


def test_unknown_node_is_a_usage_error():
    proc = call_cli("mutate", DEMO, "--only", "lemma:nope")
    assert_clean(proc)
    assert proc.returncode == 2
    assert "lemma:nope" in proc.stderr and "graph --format json" in proc.stderr


def test_an_interrupted_run_keeps_what_it_finished(dev_dir, tmp_path):
    """Every finished run is appended to FILE.partial.jsonl as it ends; Ctrl-C leaves that file, says
    where it is, and exits 130 without a traceback."""
    path = write_dev(dev_dir, """
        u = sp.Symbol("u", real=True)
        DEVELOPMENT.cited("thm:cov", "Change of variables", "int f = |det A| int f o A", "Rudin 7.26")

        @DEVELOPMENT.lemma("lemma:gauss", "Gaussian", "int exp(-x^2) = int exp(-u^2)", deps=["thm:cov"])
        def _():
            start = sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo))
            step = Step(sp.Integral(sp.exp(-u**2), (u, -sp.oo, sp.oo)), rule="change_of_variables",
                        by="thm:cov", params={"old": [x], "new": [u], "A": [[1]]})
            yield Obligation("rename", Chain(start, (step,)))
        """)   # some of its mutants (exp(-x**3)) take SymPy long: time to interrupt
    report = tmp_path / "out" / "mutation.json"
    journal = tmp_path / "out" / "mutation.json.partial.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "proofs", "mutate", str(path), "--max-per-obligation", "0",
                             "--jobs", "1", "--timeout", "60", "--json", str(report)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and len(journal.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)            # also when it lands during a fork (SIGINT is held back then)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert str(journal) in err and "interrupted" in err
    assert "Traceback" not in err and "Exception ignored" not in err
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert len(lines) >= 2 and lines[0]["stage"] == "originals" and lines[0]["verdict"] == "proved"
    assert not report.exists()


def test_an_input_error_leaves_an_earlier_journal_alone(tmp_path):
    journal = tmp_path / "out" / "m.json.partial.jsonl"
    journal.parent.mkdir()
    journal.write_text('{"stage": "mutants"}\n')
    proc = call_cli("mutate", DEMO, "--only", "lemma:nope", "--json", str(tmp_path / "out" / "m.json"))
    assert proc.returncode == 2
    assert journal.read_text() == '{"stage": "mutants"}\n'
    fresh = call_cli("mutate", DEMO, "--only", "lemma:nope", "--json", str(tmp_path / "new" / "m.json"))
    assert fresh.returncode == 2 and not (tmp_path / "new").exists()
    done = call_cli("mutate", DEMO, "--only", "lemma:ineq", "--quick", "--json",
                    str(tmp_path / "out" / "m.json"))
    assert done.returncode == 0, done.stderr
    assert not journal.exists() and (tmp_path / "out" / "m.json").exists()
    assert (tmp_path / "out" / "m.json.partial.jsonl.1").read_text() == '{"stage": "mutants"}\n'
    assert "journal of an earlier run" in done.stderr


def _mutants(data: dict) -> list[dict]:
    return [m for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]]


def test_chains_with_list_or_tuple_steps_and_every_rule_are_mutated(dev_dir):
    """Steps given as a list (as check and verify accept) are mutated like a tuple; every rule's steps are
    perturbed, and a change of variables also in its matrix, its shift and the order of its old variables
    (not of the new ones: they are bound, so their order changes nothing)."""
    path = write_dev(dev_dir, """
        u, v, a, b = sp.symbols("u v a b", real=True)
        g = sp.Function("g")
        DEVELOPMENT.definition("def:sq", "Square", "sq(x) = x*x")
        DEVELOPMENT.cited("thm:cov", "Change of variables", "int f = |det A| int f o A", "Rudin 7.26")
        DEVELOPMENT.cited("thm:binom", "Binomial", "(x+1)^2 = x^2 + 2x + 1", "any textbook")

        @DEVELOPMENT.lemma("lemma:rules", "Rules", "(x+1)^2 - 1 = x(x+2)", deps=["def:sq", "thm:binom"])
        def _():
            yield Obligation("as-list", Chain((x + 1) ** 2 - 1, [
                Step(x ** 2 + 2 * x + 1 - 1, "cites", by="thm:binom"),
                Step(x * x + 2 * x, "definition", by="def:sq"),
                Step(x * (x + 2))]))

        @DEVELOPMENT.lemma("lemma:shift2", "Shift in the plane", "int g(x+1, y) = int g(u, v)", deps=["thm:cov"])
        def _():
            start = sp.Integral(g(x + 1, 2 * y), (x, -sp.oo, sp.oo), (y, -sp.oo, sp.oo))
            step = Step(sp.Integral(g(u, v) / 2, (u, -sp.oo, sp.oo), (v, -sp.oo, sp.oo)),
                        rule="change_of_variables", by="thm:cov",
                        params={"old": [x, y], "new": [u, v], "A": [[1, 0], [0, sp.Rational(1, 2)]],
                                "c": [-1, 0]})
            yield Obligation("cov", Chain(start, [step]))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0", timeout="10")
    assert "generating mutants raised" not in proc.stdout + proc.stderr
    obligations = {o["name"]: o for n in data["nodes"] for o in n["obligations"]}
    assert obligations["as-list"]["skipped"] is None and obligations["cov"]["skipped"] is None, obligations
    descriptions = [m["description"] for m in obligations["as-list"]["mutants"]]
    for rule in ("cites", "definition", "algebra"):
        assert any(d.startswith(f"step {k} ({rule},") for d in descriptions for k in (1, 2, 3)), (rule, descriptions)
    cov = {m["description"]: m["category"] for m in obligations["cov"]["mutants"]}
    assert any(", A: " in d for d in cov) and any(", c: " in d for d in cov), cov
    swapped = cov["step 1 change of variables: swap old variables x and y"]
    assert swapped in ("refuted", "not-decided"), cov         # the checker says no; never survived
    assert "survived" not in cov.values(), cov
    # mutants of an integral of an undefined function that SymPy cannot show false are "not decided":
    # counted apart, not as kills
    t = next(n["tally"] for n in data["nodes"] if n["id"] == "lemma:shift2")
    assert t["not-decided"] == sum(c == "not-decided" for c in cov.values()) >= 1
    assert t["refuted"] == sum(c == "refuted" for c in cov.values()) >= 4
    assert t["kill_rate"] == round(t["refuted"] / (t["refuted"] + t["not-decided"]), 4)
    assert data["cannot_mutate"] == 0


def test_implications_with_integer_symbols_are_mutated_and_refuted(dev_dir):
    path = write_dev(dev_dir, """
        n = sp.Symbol("n", integer=True)

        @DEVELOPMENT.lemma("lemma:int", "Integers", "n > 0 => n >= 1 (over the integers only)")
        def _():
            yield Obligation("gap", Implication((n > 0,), n >= 1, integer_symbols=(n,)))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0")
    mutants = _mutants(data)
    assert mutants and data["cannot_mutate"] == 0
    made_strict = next(m for m in mutants if m["description"].startswith("conclusion: make"))
    assert made_strict["category"] == "refuted" and made_strict["counterexample"]["model"] == {"n": "1"}
    # over the reals n = 1/2 would refute "n > 0 => n >= 1": the original must still be proved as integers
    assert data["nodes"][0]["obligations"][0]["original"] == "proved"


def test_numeric_checks_are_mutated_and_their_mutants_disagree(dev_dir):
    """An agreeing check and a check that expects a difference: each mutant (expectation turned round, a
    tolerance past what was measured, an instance that disagrees or one equal to its reference) must be
    refuted. A check that still converges has no meaningful tighter tolerance: that mutant is not made."""
    path = write_dev(dev_dir, """
        @DEVELOPMENT.lemma("lemma:stalls", "Stalling agreement", "agrees at the roundoff level")
        def _():
            yield Obligation("stalls", Numeric(lambda rng, profile: NumericResult((8, 16, 32),
                                               (3e-9, 2e-9, 2e-9), 1e-6), "roundoff"))

        @DEVELOPMENT.lemma("lemma:converges", "Converging agreement", "agrees, converging")
        def _():
            yield Obligation("converges", Numeric(lambda rng, profile: NumericResult((8, 16),
                                                  (1e-3, 1e-5), 1e-2), "second order"))

        @DEVELOPMENT.lemma("lemma:differs", "A difference", "differs at every grid")
        def _():
            yield Obligation("differs", Numeric(lambda rng, profile: NumericResult((8, 16), (0.5, 0.5), 1e-3,
                                                expect="disagree"), "a counterexample"))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0")
    assert proc.returncode == 0, proc.stderr
    by_ob = {o["name"]: o["mutants"] for n in data["nodes"] for o in n["obligations"]}
    assert len(by_ob["stalls"]) == 3 and len(by_ob["differs"]) == 3 and len(by_ob["converges"]) == 2, by_ob
    assert all(m["category"] == "refuted" for ms in by_ob.values() for m in ms), by_ob
    assert data["numeric_mutated"] == 3 and data["totals"]["refuted"] == 8


def test_numeric_transformations_are_judged_by_the_residual_rule():
    from certificates.rules import judge_residuals

    agree = NumericResult((8, 16), (2e-3, 1.5e-3), 1e-2)
    for change in ("expect", "tolerance", "instance"):
        r = transform_numeric(agree, change)
        assert judge_residuals(r.residuals, r.resolutions, r.tolerance, r.expect)[0] == "refuted", change
    assert judge_residuals(agree.residuals, agree.resolutions, agree.tolerance, agree.expect)[0] == "agrees"
    roundoff = NumericResult((8, 16, 32), (9.8e-16, 3.0e-16, 9.2e-16), 1e-6)   # fluctuates at roundoff level
    r = transform_numeric(roundoff, "tolerance")
    assert judge_residuals(r.residuals, r.resolutions, r.tolerance, r.expect)[0] == "refuted"


def test_a_division_guarded_by_a_dropped_hypothesis_is_ill_defined_not_refuted(dev_dir):
    """Without y != 0, z3 refutes x/y^2 > 0 only at y = 0, where the claim means nothing: ill-defined. Without
    x > 0 it is refuted where it is defined (x = -1, y = 1)."""
    path = write_dev(dev_dir, """
        @DEVELOPMENT.lemma("lemma:quotient", "Quotient", "y != 0, x > 0 => x / y^2 > 0")
        def _():
            yield Obligation("quotient", Implication((sp.Ne(y, 0), x > 0), x / y ** 2 > 0))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0")
    dropped = {m["description"]: m for m in _mutants(data) if m["operator"] == "hypothesis"}
    assert dropped["drop hypothesis 1: Ne(y, 0)"]["category"] == "ill-defined", dropped
    assert dropped["drop hypothesis 2: x > 0"]["category"] == "refuted", dropped


def test_domain_conditions_of_a_claim():
    x, y = sp.symbols("x y", real=True)
    conditions = domain_conditions([x / (x - y) + sp.sqrt(y) + sp.log(x + 1), sp.Matrix([[1 / y]])])
    assert set(conditions) == {sp.Ne(x - y, 0), sp.Ge(y, 0), sp.Gt(x + 1, 0), sp.Ne(y, 0)}
    f = sp.Function("f")
    assert domain_conditions([1 / f(x)]) == []              # not stated to z3: left out, not guessed


def test_a_mutant_that_is_only_unknown_is_not_decided_and_not_killed():
    x = sp.Symbol("x", real=True)
    ob = Obligation("o", Implication((x > 1,), x > 0))
    mutant = payload_mutants("lemma:a", ob)[0]
    category, reason = classify(mutant, Outcome(Verdict.UNKNOWN, message="timed out after 1s"), None)
    assert category == NOT_DECIDED and "not counted as killed" in reason
    assert classify(mutant, Outcome(Verdict.FAILED, message="boom"), None)[0] == NOT_DECIDED
    assert classify(mutant, Outcome(Verdict.REFUTED, message="sat"), None)[0] == REFUTED
    from proofs.mutate import MutantResult, ObligationReport
    results = [MutantResult(mutant, Outcome(Verdict.UNKNOWN), NOT_DECIDED, ""),
               MutantResult(mutant, Outcome(Verdict.REFUTED), REFUTED, "")]
    t = tally(results)
    assert t["refuted"] == 1 and t["not-decided"] == 1 and t["kill_rate"] == 0.5 and t["decided_kill_rate"] == 1.0
    report = ObligationReport("lemma:a", "o", "z3", Outcome(Verdict.PROVED), results=results)
    data = to_json([report], development="d", seed=0, timeout=1, max_per_obligation=0)
    assert exit_code(data) == 3                      # nothing wrong, but not everything decided


@pytest.mark.timeout(300)
def test_an_obligation_that_cannot_be_mutated_fails_the_run(dev_dir):
    """A payload of a development's own backend: mutate says why it cannot perturb it and exits 1."""
    path = write_dev(dev_dir, """
        from proofs import backends
        from proofs.model import Outcome, Verdict

        class Own:
            name = "own"
            def version(self):
                return "1"
            def discharge(self, obligation, *, timeout, seed, profile):
                return Outcome(Verdict.PROVED, message="trusted")

        backends.register(Own())

        @DEVELOPMENT.lemma("lemma:own", "Own backend", "something only it checks")
        def _():
            yield Obligation("opaque", {"claim": "x"}, backend="own")

        @DEVELOPMENT.lemma("lemma:plain", "Plain", "x > 1 => x > 0")
        def _():
            yield Obligation("plain", Implication((x > 1,), x > 0))
        """)
    proc = run_cli("mutate", str(path), "--quick", "--jobs", "1", "--timeout", "20", timeout=240)
    assert_clean(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "could not mutate: lemma:own opaque: payload dict is not mutated" in proc.stdout, proc.stdout
    assert "1 could not be mutated" in proc.stdout


def test_a_zero_side_is_mutated():
    """Identity(0, 0), an off-diagonal entry of a matrix power: -0 and 2*0 are 0 again, so the constant is
    changed instead; before, such an obligation had no mutant at all."""
    ob = Obligation("entry", Identity(sp.Integer(0), sp.Integer(0)))
    descriptions = [m.description for m in payload_mutants("lemma:a", ob)]
    assert descriptions == ["rhs: change constant 0 to 1", "lhs: change constant 0 to 1"], descriptions
