"""`proofs mutate` as a user runs it: near misses of a sound encoding are all killed, a loose claim
shows survivors, an unneeded hypothesis is flagged, and bad input is a clear error."""
from __future__ import annotations

import io
import json

from rich.console import Console
from robust_helpers import DEVS, assert_clean, run_cli, write_dev

from proofs.commands.mutate import print_report

DEMO = str(DEVS / "mutation_demo.py")


def _mutate(*args: str, timeout: str = "20"):
    proc = run_cli("mutate", *args, "--quick", "--jobs", "2", "--timeout", timeout, "--json", "-")
    assert_clean(proc)
    return proc, (json.loads(proc.stdout) if proc.stdout.strip() else None)


def test_every_mutant_of_the_demo_is_killed():
    proc, data = _mutate(DEMO)
    assert proc.returncode == 0, proc.stderr
    totals = data["totals"]
    assert totals["survived"] == 0 and totals["mutants"] >= 15
    assert totals["kill_rate"] == 1.0
    assert totals["killed"] >= totals["mutants"] // 2          # most by a counterexample, not a timeout
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {"lemma:shift", "lemma:matrix", "lemma:chain", "lemma:ineq", "lemma:det"} <= set(nodes)
    operators = {m["operator"] for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]}
    assert {"hypothesis", "relation", "step", "matrix"} <= operators, operators
    for node in data["nodes"]:
        for ob in node["obligations"]:
            assert ob["original"] == "proved"
            for m in ob["mutants"]:
                if m["category"] == "killed" and ob["backend"] == "z3":
                    assert m["counterexample"], m         # a refuted mutant carries its counterexample


def test_a_justification_the_encoding_does_not_pin_down_survives(dev_dir):
    """Renaming x to u in a Gaussian integral is justified by A = 1, but A = 2 or A = -1 turn it into
    integrals with the same closed form, so the step is still proved: the mutants of A survive, the
    report lists them and the exit code is 1."""
    path = write_dev(dev_dir, """
        u = sp.Symbol("u", real=True)
        DEVELOPMENT.cited("thm:cov", "Change of variables", "int f = |det A| int f o A", "Rudin 7.26")

        @DEVELOPMENT.lemma("lemma:gauss", "Gaussian", "int exp(-x^2) = int exp(-u^2)", deps=["thm:cov"])
        def _():
            start = sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo))
            step = Step(sp.Integral(sp.exp(-u**2), (u, -sp.oo, sp.oo)), rule="change_of_variables",
                        by="thm:cov", params={"old": [x], "new": [u], "A": [[1]]})
            yield Obligation("rename", Chain(start, (step,)))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0", timeout="3")   # the rest: unknown or refuted
    assert proc.returncode == 1
    survivors = [m for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]
                 if m["category"] == "survived"]
    assert survivors and all("change of variables, A" in m["description"] for m in survivors), survivors
    assert data["totals"]["survived"] == len(survivors) and data["totals"]["kill_rate"] < 1.0
    console = Console(record=True, width=160, file=io.StringIO())
    print_report(data, console)                                     # what `mutate` prints without --json
    assert "survived lemma:gauss rename~m" in console.export_text()


def test_an_unneeded_hypothesis_is_flagged_redundant(dev_dir):
    path = write_dev(dev_dir, """
        @DEVELOPMENT.lemma("lemma:extra", "Extra hypothesis", "x > 1, y > 0 => x > 0")
        def _():
            yield Obligation("extra", Implication((x > 1, y > 0), x > 0))
        """)
    proc, data = _mutate(str(path), "--max-per-obligation", "0")
    dropped = {m["description"]: m["category"] for n in data["nodes"] for o in n["obligations"]
               for m in o["mutants"] if m["operator"] == "hypothesis"}
    assert dropped == {"drop hypothesis 1: x > 1": "killed", "drop hypothesis 2: y > 0": "redundant"}, dropped


def test_unknown_node_is_a_usage_error():
    proc = run_cli("mutate", DEMO, "--only", "lemma:nope")
    assert_clean(proc)
    assert proc.returncode == 2
    assert "lemma:nope" in proc.stderr and "graph --format json" in proc.stderr
