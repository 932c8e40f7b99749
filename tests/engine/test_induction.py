"""Induction over an integer: a formula P(n) proved for n = start and from n to n + 1 is stated for every
n >= start, and a use of it substitutes an integer term for n."""
from __future__ import annotations

import json

import pytest
import sympy as sp
from engine_helpers import call_cli, run_json

from certificates.serialize import decode

DEV = """
from proofs import Assume, Use
from proofs.model import Induction
n, m = sp.symbols("n m", integer=True)
q, R, t = sp.symbols("q R t", real=True)

@DEVELOPMENT.lemma("lemma:bernoulli", "Bernoulli", "q > 1 => q^n >= 1 + n(q - 1)")
def _():
    yield Obligation("bernoulli", Induction(n, q**n >= 1 + n * (q - 1), (Assume(q > 1),)))
"""

USER = DEV + """
@DEVELOPMENT.lemma("lemma:escape", "Escape", "q > 1, m >= 0, m(q - 1) > R => q^m > R", deps=["lemma:bernoulli"])
def _():
    yield Obligation("escape", Implication(
        (Assume(q > 1), Assume(m >= 0), Assume(m * (q - 1) > R), Use("lemma:bernoulli", "bernoulli", {SUB})),
        q**m > R))
"""


def _node(summary, node_id):
    return next(n for n in summary["nodes"] if n["id"] == node_id)


@pytest.mark.timeout(120)
def test_a_true_induction_is_proved_and_recorded_with_its_base_and_step(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(DEV)), "--out", str(out))
    assert code == 0 and _node(summary, "lemma:bernoulli")["status"] == "proved", summary
    record = json.loads((out / "certificates" / "lemma_bernoulli.json").read_text())["obligations"][0]["record"]
    assert record["kind"] == "induction" and record["start"] == 0 and record["variable"]["sym"] == "n"
    assert record["base"]["kind"] == record["step"]["kind"] == "implication"
    assert "(declare-fun n () Int)" in record["step"]["smtlib"]
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0


@pytest.mark.timeout(120)
def test_a_false_base_is_refuted_with_its_counterexample(write_dev):
    code, summary = run_json("check", str(write_dev(DEV.replace("1 + n * (q - 1)", "2 + n * (q - 1)"))),
                             "--no-out")
    node = _node(summary, "lemma:bernoulli")
    assert node["status"] == "refuted" and code == 1, node
    ob = node["obligations"][0]
    assert "base" in ob["message"] and "q" in ob["counterexample"]["model"]


@pytest.mark.timeout(120)
def test_a_false_step_is_not_proved_and_refutes_nothing(write_dev):
    # true at n = 0 (1 >= 1), false at n = 1 (q >= q + 1): the step fails, and the base is no counterexample
    code, summary = run_json("check", str(write_dev(DEV.replace("1 + n * (q - 1)", "1 + n * (q - 1) + n**2"))),
                             "--no-out")
    node = _node(summary, "lemma:bernoulli")
    assert node["status"] == "unknown" and code == 3, node
    assert "step" in node["obligations"][0]["message"] and not node["obligations"][0]["counterexample"]


@pytest.mark.timeout(120)
def test_a_step_refuted_without_powers_records_its_model_and_stays_unknown(write_dev):
    code, summary = run_json("check", str(write_dev(DEV.replace(
        "Induction(n, q**n >= 1 + n * (q - 1), (Assume(q > 1),))", "Induction(n, sp.Ne(n, 3), ())"))), "--no-out")
    ob = _node(summary, "lemma:bernoulli")["obligations"][0]
    assert ob["verdict"] == "unknown" and "step_model" in ob["message"] and code == 3, ob


@pytest.mark.timeout(120)
@pytest.mark.parametrize("payload, problem", [
    ("Induction(n, q**n >= 1, (Assume(n >= 0),))", "mentions the induction variable"),
    ("Induction(t, t >= 0, ())", "declared integer=True"),
    ("Induction(n, q**n >= 1, (Assume(q > 1),), start=-1)", "not a non-negative int"),
    ("Induction(n, q**(n - 1) >= 0, (Assume(q > 1),))", "k >= 1 and 0 <= c"),
])
def test_what_is_no_induction_fails_with_the_reason(write_dev, payload, problem):
    code, summary = run_json("check", str(write_dev(DEV.replace(
        "Induction(n, q**n >= 1 + n * (q - 1), (Assume(q > 1),))", payload))), "--no-out")
    node = _node(summary, "lemma:bernoulli")
    assert node["status"] == "failed" and problem in node["obligations"][0]["message"], node


@pytest.mark.timeout(120)
def test_a_use_with_an_integer_substitution_is_proved_and_verifies(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(USER.replace("{SUB}", "{n: m}"))), "--out", str(out))
    assert code == 0 and _node(summary, "lemma:escape")["status"] == "proved", summary
    cert = json.loads((out / "certificates" / "lemma_escape.json").read_text())
    assert cert["obligations"][0]["record"]["uses"][0]["node"] == "lemma:bernoulli"
    assert call_cli("verify", str(out)).returncode == 0


@pytest.mark.timeout(120)
@pytest.mark.parametrize("sub", ["{n: t}", "{n: m / 2}", "{n: sp.Rational(1, 2)}"])
def test_a_use_that_puts_a_non_integer_in_the_variable_is_refused(write_dev, sub):
    proc = call_cli("check", str(write_dev(USER.replace("{SUB}", sub).replace("m * (q - 1) > R", "t > R"))),
                    "--no-out", "--quiet")
    assert proc.returncode == 2 and "not an integer, in the integer symbol n" in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
def test_a_use_must_prove_the_range_of_the_variable(write_dev):
    """The used statement is q > 1, m >= 0 => P(m): without m >= 0 the side condition is not proved (and P(-1)
    is false for q = 4: 1/4 < -2 is not; the use gives nothing for negative m)."""
    code, summary = run_json("check", str(write_dev(USER.replace("{SUB}", "{n: m}").replace(
        "Assume(m >= 0), ", ""))), "--no-out")
    assert _node(summary, "lemma:escape")["status"] != "proved" and code != 0


@pytest.mark.timeout(120)
def test_an_induction_may_use_a_dependency_whose_hypotheses_its_base_proves(write_dev):
    code, summary = run_json("check", str(write_dev(DEV + """
@DEVELOPMENT.lemma("lemma:square", "Squares", "t > 1 => t^2 > 1")
def _():
    yield Obligation("sq", Implication((Assume(t > 1),), t**2 > 1))

@DEVELOPMENT.lemma("lemma:powers-of-square", "Powers of a square", "q > 1 => (q^2)^n >= 1 + n(q^2 - 1)",
                   deps=["lemma:square", "lemma:bernoulli"])
def _():
    Q = sp.Symbol("Q", real=True)
    yield Obligation("bernoulli-sq", Induction(n, Q**n >= 1 + n * (Q - 1),
                                               (Assume(q > 1), Assume(sp.Eq(Q, q**2)), Use("lemma:square", "sq", {t: q}))))
""")), "--no-out")
    node = _node(summary, "lemma:powers-of-square")
    assert code == 0 and node["status"] == "proved", node


@pytest.mark.timeout(120)
def test_a_plain_hypothesis_of_an_induction_is_unjustified(write_dev):
    path = write_dev(DEV.replace("(Assume(q > 1),)", "(q > 1,)"))
    report = json.loads(call_cli("audit", str(path), "--json", "-").stdout)
    assert report["unjustified_hypotheses"] == [{"node": "lemma:bernoulli", "obligation": "bernoulli",
                                                 "hypothesis": "q > 1"}]
    code, summary = run_json("check", str(path), "--no-out")
    node = _node(summary, "lemma:bernoulli")
    assert node["status"] == "unknown" and "not justified" in node["reason"] and code == 3, node


# ----------------------------------------------------------------------------- hypothesis schemas

ORBIT = """
from proofs import Assume, Every, Use
from proofs.model import Induction
n, k, m = sp.symbols("n k m", integer=True)
C = sp.Symbol("C", real=True)
L = sp.Function("L", real=True)        # L(k): lambda at the k-th point of an orbit

@DEVELOPMENT.lemma("lemma:iterate", "Iterating", "L(k) = C L(k + 1) for every k >= 0 => L(0) = C^n L(n)")
def _():
    yield Obligation("iterate", Induction(n, sp.Eq(L(0), C**n * L(n)),
                                          (Assume(Every(n, 0, sp.Eq(L(n), C * L(n + 1)))),), opaque=True))

@DEVELOPMENT.lemma("lemma:vanish", "Vanishing", "the same schema, L(m) = 0 => L(0) = 0", deps=["lemma:iterate"])
def _():
    yield Obligation("vanish", Implication(
        (Assume(Every(k, 0, sp.Eq(L(k), C * L(k + 1)))), Assume(m >= 0), Assume(sp.Eq(L(m), 0)),
         Use("lemma:iterate", "iterate", {n: m})),
        sp.Eq(L(0), 0)))
"""


@pytest.mark.timeout(120)
def test_an_induction_under_a_schema_and_its_use_are_proved_and_verify(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(ORBIT)), "--out", str(out))
    assert code == 0 and {n["id"]: n["status"] for n in summary["nodes"]} == {
        "lemma:iterate": "proved", "lemma:vanish": "proved"}, summary
    record = json.loads((out / "certificates" / "lemma_iterate.json").read_text())["obligations"][0]["record"]
    assert [s["start"] for s in record["schemas"]] == [0] and record["hypotheses"] == []
    assert len(record["step"]["hypotheses"]) == 3           # L(n) = C L(n + 1), n >= 0, P(n)
    user = json.loads((out / "certificates" / "lemma_vanish.json").read_text())["obligations"][0]["record"]
    assert len(user["schemas"]) == 1 and user["uses"][0]["node"] == "lemma:iterate"
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0
    shown = " ".join(call_cli("explain", "lemma:vanish", "--out", str(out)).stdout.split())
    assert "assumes: for every integer k >= 0: L(k) = C*L(k + 1)" in shown, shown


@pytest.mark.timeout(120)
def test_without_its_schema_the_step_does_not_follow(write_dev):
    text = ORBIT.replace("(Assume(Every(n, 0, sp.Eq(L(n), C * L(n + 1)))),)", "()")
    code, summary = run_json("check", str(write_dev(text[:text.index('@DEVELOPMENT.lemma("lemma:vanish"')])),
                             "--no-out")
    node = _node(summary, "lemma:iterate")
    assert node["status"] == "unknown" and "step" in node["obligations"][0]["message"] and code == 3, node


@pytest.mark.timeout(120)
@pytest.mark.parametrize("edit", [
    ("Assume(Every(k, 0, sp.Eq(L(k), C * L(k + 1)))), ", ""),                         # no schema
    ("Every(k, 0, sp.Eq(L(k), C * L(k + 1)))", "Every(k, 0, sp.Eq(L(k), 2 * C * L(k + 1)))"),   # another one
    ("Every(k, 0, sp.Eq(L(k), C * L(k + 1)))", "Every(k, 1, sp.Eq(L(k), C * L(k + 1)))"),       # from k = 1
])
def test_a_use_needs_the_used_schema_among_its_own(write_dev, edit):
    proc = call_cli("check", str(write_dev(ORBIT.replace(*edit))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "needs the schema (for every integer k >= 0: Eq(L(k), C*L(k + 1)))" in proc.stderr, \
        proc.stderr


@pytest.mark.timeout(120)
def test_a_renamed_schema_variable_and_a_substituted_constant_are_the_same_schema(write_dev):
    """The user's schema at C = 1 is the used one instantiated: L(k) = L(k + 1) along the orbit."""
    code, summary = run_json("check", str(write_dev(ORBIT.replace(
        "Every(k, 0, sp.Eq(L(k), C * L(k + 1)))", "Every(m, 0, sp.Eq(L(m), L(m + 1)))").replace(
        "{n: m}", "{n: m, C: 1}").replace("Assume(m >= 0), Assume(sp.Eq(L(m), 0)),", "Assume(m >= 0),").replace(
        "sp.Eq(L(0), 0)))", "sp.Eq(L(0), L(m))))"))), "--no-out")
    assert code == 0 and _node(summary, "lemma:vanish")["status"] == "proved", summary


@pytest.mark.timeout(120)
@pytest.mark.parametrize("schema, problem", [
    ("Every(n, 1, sp.Eq(L(n), C * L(n + 1)))", "starts at 1, after the induction's start 0"),
    ("Every(k, 0, sp.Eq(L(k), C * L(n)))", "mentions the induction variable n other than as its own"),
])
def test_what_is_no_schema_of_the_induction_fails_with_the_reason(write_dev, schema, problem):
    text = ORBIT.replace("Every(n, 0, sp.Eq(L(n), C * L(n + 1)))", schema)
    code, summary = run_json("check", str(write_dev(text[:text.index('@DEVELOPMENT.lemma("lemma:vanish"')])),
                             "--no-out")
    node = _node(summary, "lemma:iterate")
    assert node["status"] == "failed" and problem in node["obligations"][0]["message"] and code == 1, node


@pytest.mark.timeout(120)
def test_a_schema_over_a_real_variable_is_refused_with_the_node_and_file(write_dev):
    proc = call_cli("check", str(write_dev(ORBIT.replace("Every(n, 0, sp.Eq(L(n), C * L(n + 1)))",
                                                         "Every(C, 0, sp.Eq(L(0), C))"))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "lemma:iterate" in proc.stderr and "declared integer=True" in proc.stderr, \
        proc.stderr


@pytest.mark.timeout(120)
def test_a_schema_outside_assume_is_refused(write_dev):
    proc = call_cli("check", str(write_dev(ORBIT.replace(
        "(Assume(Every(n, 0, sp.Eq(L(n), C * L(n + 1)))),)", "(Every(n, 0, sp.Eq(L(n), C * L(n + 1))),)"))),
        "--no-out", "--quiet")
    assert proc.returncode == 2 and "is not the node's own hypothesis" in proc.stderr, proc.stderr


# ----------------------------------------------------------------------------- signs SymPy knew

SIGNED = """
from proofs import Assume, Use
rho = sp.Symbol("rho", positive=True)
z = sp.Symbol("z", real=True)

@DEVELOPMENT.lemma("lemma:signed", "Signed", "y > 0 => y rho^2 >= 0, rho > 0 declared")
def _():
    yield Obligation("signed", Implication((Assume(y > 0),), y * rho**2 >= 0))

@DEVELOPMENT.lemma("lemma:user", "User", "z > 0, y > 0 => y z^2 >= 0", deps=["lemma:signed"])
def _():
    yield Obligation("user", Implication((Assume(z > 0), Assume(y > 0), Use("lemma:signed", "signed", {rho: z})),
                                         y * z**2 >= 0))
"""


@pytest.mark.timeout(120)
def test_a_term_put_in_a_symbol_declared_positive_must_be_shown_positive(write_dev, tmp_path):
    """rho > 0 is not among the used statement's hypotheses (SymPy knew it), so the instance states it."""
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(SIGNED)), "--out", str(out))
    assert code == 0 and _node(summary, "lemma:user")["status"] == "proved", summary
    record = json.loads((out / "certificates" / "lemma_user.json").read_text())["obligations"][0]["record"]
    z = sp.Symbol("z", real=True)
    assert sp.Gt(z, 0) in sp.And.make_args(decode(record["conclusion"])), record["conclusion"]   # a side condition
    code, summary = run_json("check", str(write_dev(SIGNED.replace("Assume(z > 0), ", ""))), "--no-out")
    assert _node(summary, "lemma:user")["status"] != "proved" and code != 0, summary


@pytest.mark.timeout(120)
def test_an_induction_variable_declared_with_a_sign_is_refused(write_dev):
    code, summary = run_json("check", str(write_dev(DEV.replace('n, m = sp.symbols("n m", integer=True)',
                                                                 'n = sp.Symbol("n", integer=True, nonnegative=True)'))),
                             "--no-out")
    node = _node(summary, "lemma:bernoulli")
    assert node["status"] == "failed" and "declared nonnegative" in node["obligations"][0]["message"], node


@pytest.mark.timeout(120)
def test_a_schema_variable_declared_with_a_sign_is_refused(write_dev):
    """SymPy would simplify the schema knowing k >= 1 (k >= 1 => L(k) = 0 becomes L(k) = 0), and the base reads it
    at k = 0."""
    text = ORBIT.replace('n, k, m = sp.symbols("n k m", integer=True)',
                         'n, m = sp.symbols("n m", integer=True)\nk = sp.Symbol("k", integer=True, positive=True)')
    proc = call_cli("check", str(write_dev(text)), "--no-out", "--quiet")
    assert proc.returncode == 2 and "declared positive" in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
@pytest.mark.parametrize("value, problem", [("sp.I", "not known to be real"), ("z", None)])
def test_a_signed_symbol_gets_no_complex_value_and_a_signed_function_no_unknown_sign(write_dev, value, problem):
    text = SIGNED.replace("{rho: z}", "{rho: %s}" % value)
    if problem is None:      # a function declared positive, replaced by a body of unknown sign
        text = SIGNED.replace('rho = sp.Symbol("rho", positive=True)', 'rho = sp.Symbol("rho", real=True)\n'
                              'g = sp.Function("g", positive=True)').replace("y * rho**2 >= 0", "y * rho**2 * g(rho) >= 0"
                              ).replace("{rho: z}", "{rho: z, g(rho): z}")
        problem = "not known to be positive, in the positive function g"
    proc = call_cli("check", str(write_dev(text)), "--no-out", "--quiet")
    assert proc.returncode == 2 and problem in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
