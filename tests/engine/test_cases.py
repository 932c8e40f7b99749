"""A proof by cases: ``Use(..., assuming=(h,))`` leaves a hypothesis of the instance unproved.

The instance ``H' ⇒ C'`` of a proved (or stated) result is a theorem whether or not ``H'`` holds, so a user
may keep ``H'`` as an antecedent and conclude from a disjunction it proves; what the user establishes then
does not include ``H'``. The kernel re-derives the listed hypotheses from the instance."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from engine_helpers import call_cli, run_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))

DEV = """
from proofs import Assume, Use
h = sp.Function("h", real=True)
t = sp.Symbol("t", real=True)

DEVELOPMENT.cited("cite:positive-part", "The positive part of a positive number", r"t > 0 \\\\Rightarrow h(t) = t",
                  reference="[1]", states=[Obligation("pos", Implication((Assume(t > 0),), sp.Eq(h(t), t), opaque=True),
                                                      parameters=(t,))])

@DEVELOPMENT.lemma("lemma:cases", "At x or at -x", "x != 0 => h(x) = x or h(-x) = -x", deps=["cite:positive-part"])
def _():
    yield Obligation("cases", Implication(
        (Assume(sp.Ne(x, 0)), Use("cite:positive-part", "pos", {t: x}{A1}), Use("cite:positive-part", "pos", {t: -x}{A2})),
        sp.Eq(h(x), x) | sp.Eq(h(-x), -x)))
"""


def _dev(a1: str = ", assuming=(x > 0,)", a2: str = ", assuming=(-x > 0,)") -> str:
    return DEV.replace("{A1}", a1).replace("{A2}", a2)


def _status(summary: dict, node: str = "lemma:cases") -> str:
    return next(n["status"] for n in summary["nodes"] if n["id"] == node)


@pytest.mark.timeout(120)
def test_a_proof_by_cases_uses_a_result_in_each_case(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(_dev())), "--out", str(out))
    assert code == 0 and _status(summary) == "proved", summary
    from cert_helpers import load_cert
    uses = load_cert(out, "lemma:cases")["obligations"][0]["record"]["uses"]
    assert [len(u["assuming"]) for u in uses] == [1, 1]
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0
    shown = " ".join(call_cli("explain", "lemma:cases", "--out", str(out)).stdout.split())     # unwrapped
    assert "assuming x > 0 (a case: not proved)" in shown and "assuming -x > 0 (a case: not proved)" in shown, shown


@pytest.mark.timeout(120)
def test_without_assuming_each_case_is_a_side_condition_no_proof_can_give(write_dev):
    code, summary = run_json("check", str(write_dev(_dev(a1="", a2=""))), "--no-out")
    assert code != 0 and _status(summary) != "proved", summary     # x > 0 and -x > 0 cannot both be proved


@pytest.mark.timeout(120)
def test_assuming_what_is_not_a_hypothesis_of_the_instance_is_refused(write_dev):
    proc = call_cli("check", str(write_dev(_dev(a1=", assuming=(x > 1,)"))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "assumes x > 1, which is not a hypothesis of its instance" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.timeout(120)
def test_a_generalised_use_cannot_assume(write_dev):
    body = _dev().replace("{t: x}, assuming=(x > 0,)", "{}, every=(t,), assuming=(t > 0,)")
    proc = call_cli("check", str(write_dev(body)), "--no-out", "--quiet")
    assert proc.returncode == 2 and "cannot leave hypotheses assumed" in proc.stderr, proc.stderr


@pytest.mark.timeout(180)
@pytest.mark.parametrize("forge, problem", [
    (lambda use: use.update(assuming=[]), "not all proved as side conditions"),
    (lambda use: use["assuming"].append(use["assuming"][0] | {"op": "Lt"}), "assumes what is not a hypothesis"),
])
def test_verify_rederives_what_a_use_assumes(write_dev, tmp_path, forge, problem):
    from cert_helpers import load_cert, reseal, save_cert
    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(_dev())), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:cases")
    forge(cert["obligations"][0]["record"]["uses"][0])
    save_cert(out, "lemma:cases", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and problem in proc.stdout, proc.stdout


@pytest.mark.timeout(120)
@pytest.mark.parametrize("assuming", [', assuming=("x > 0",)', ", assuming=x > 0"])
def test_assuming_needs_a_tuple_of_relations(write_dev, assuming):
    proc = call_cli("check", str(write_dev(_dev(a1=assuming))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "needs assuming= as a tuple of SymPy relations" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
