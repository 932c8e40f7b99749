"""`proofs mutate` as a user runs it: near misses of a sound encoding are all killed, a loose claim
shows survivors, an unneeded hypothesis is flagged, and bad input is a clear error. The command runs in
the test process, except when it is interrupted (a `python -m proofs` of its own gets the SIGINT)."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

from rich.console import Console
from robust_helpers import DEVS, ROOT, assert_clean, call_cli, write_dev

from proofs.commands.mutate import print_report

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
    assert totals["killed"] >= totals["mutants"] // 2          # most by a counterexample, not a timeout
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {"lemma:shift", "lemma:matrix", "lemma:chain", "lemma:ineq", "lemma:det"} <= set(nodes)
    operators = {m["operator"] for n in data["nodes"] for o in n["obligations"] for m in o["mutants"]}
    assert {"hypothesis", "relation", "step", "matrix"} <= operators, operators
    for node in data["nodes"]:
        for ob in node["obligations"]:
            assert ob["original"] == "proved"
            for m in ob["mutants"]:
                if m["category"] == "killed":
                    assert m["counterexample"], m         # a refuted mutant carries its counterexample


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
    assert data["totals"]["killed"] >= 6                    # the sign and factor changes: counterexamples
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
    assert dropped == {"drop hypothesis 1: x > 1": "killed", "drop hypothesis 2: y > 0": "redundant"}, dropped


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
