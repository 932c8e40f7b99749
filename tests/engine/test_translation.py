"""What the SymPy-to-Z3 translation accepts, shared by the engine and the kernel."""
from __future__ import annotations

import sympy as sp
import z3
from engine_helpers import call_cli, run_json

from certificates.smt import TranslationError, Translator

x, y = sp.symbols("x y", real=True)


def _valid(formula) -> bool:
    solver = z3.Solver()
    solver.add(z3.Not(Translator()(formula)))
    return solver.check() == z3.unsat


def test_equivalences_min_max_and_abs_anywhere():
    assert _valid(sp.Equivalent(x > 0, -x < 0))
    assert not _valid(sp.Equivalent(x > 0, x > 1))
    assert _valid(sp.Equivalent(sp.Abs(x) <= 1, sp.And(x <= 1, x >= -1)))
    assert _valid(sp.Max(x, y) >= sp.Min(x, y))
    assert _valid(sp.Abs(sp.Abs(x) - sp.Abs(y)) <= sp.Abs(x - y))


def test_a_power_beyond_the_fragment_is_refused():
    for expr in (sp.sqrt(x) > 0, x ** 65 > 0):
        try:
            Translator()(expr)
        except TranslationError:
            continue
        raise AssertionError(f"{expr} was translated")


def test_an_equivalence_is_proved_and_refuted_through_the_cli(write_dev, tmp_path):
    path = write_dev("""
@DEVELOPMENT.lemma("lemma:eq", "Equivalence", "x > 0 <=> -x < 0")
def _():
    yield Obligation("e", Implication((), sp.Equivalent(x > 0, -x < 0)))

@DEVELOPMENT.lemma("lemma:neq", "Not an equivalence", "x > 0 <=> x > 1", expect="refuted")
def _():
    yield Obligation("e", Implication((), sp.Equivalent(x > 0, x > 1)))
""")
    out = tmp_path / "out"
    code, summary = run_json("check", str(path), "--out", str(out))
    assert code == 0, summary
    assert {n["id"]: n["status"] for n in summary["nodes"]} == {"lemma:eq": "proved", "lemma:neq": "refuted"}
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0


def test_a_false_claim_about_a_general_functional_is_refuted_and_rechecked(write_dev, tmp_path):
    """mu is any functional: a point evaluation is one, so a false claim has a counterexample."""
    path = write_dev("""
z = sp.Symbol("z", real=True)
mu = sp.Function("mu")

@DEVELOPMENT.lemma("lemma:shift", "False", "mu(f(. + x)) = mu(f)", expect="refuted")
def _():
    yield Obligation("e", Identity(mu(sp.Lambda(z, f(z + x))), mu(sp.Lambda(z, f(z)))))

@DEVELOPMENT.lemma("lemma:alpha", "True", "mu of alpha-equivalent functions")
def _():
    yield Obligation("e", Identity(mu(sp.Lambda(z, f(z) * x)), mu(sp.Lambda(y, x * f(y)))))
""")
    out = tmp_path / "out"
    code, summary = run_json("check", str(path), "--out", str(out))
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert nodes["lemma:shift"]["status"] == "refuted" and nodes["lemma:alpha"]["status"] == "proved"
    assert "functionals" in nodes["lemma:shift"]["obligations"][0]["counterexample"]
    assert code == 0 and call_cli("verify", str(out), "--no-cvc5").returncode == 0


def test_an_undecided_integral_identity_suggests_the_chain_step(write_dev):
    path = write_dev("""
u = sp.Symbol("u", real=True)
@DEVELOPMENT.lemma("lemma:shift", "Translation invariance", "int f(y + x) dy = int f(y) dy")
def _():
    yield Obligation("e", Identity(sp.Integral(f(y + x), (y, -sp.oo, sp.oo)), sp.Integral(f(y), (y, -sp.oo, sp.oo))))
""")
    code, summary = run_json("check", str(path), "--no-out", "--timeout", "60")
    message = summary["nodes"][0]["obligations"][0]["message"]
    assert summary["nodes"][0]["status"] == "unknown" and "change_of_variables" in message and code == 3


def test_two_symbols_with_one_name_are_not_merged():
    n_int, n_real = sp.Symbol("n", integer=True), sp.Symbol("n", real=True)
    try:
        Translator()(sp.Implies(n_int >= -100, n_real ** 2 >= n_real))
    except TranslationError as exc:
        assert "both named 'n'" in str(exc)
    else:
        raise AssertionError("two symbols named n became one variable")


def test_no_symbol_can_take_the_name_of_an_opaque_term():
    from certificates.serialize import SerializationError, decode, encode
    from certificates.smt import opaque_name

    f = sp.Function("f")
    name = opaque_name(f(x))
    for attempt in (lambda: encode(sp.Symbol(name, real=True)), lambda: decode({"sym": name})):
        try:
            attempt()
        except SerializationError:
            continue
        raise AssertionError(f"{name} was accepted as a symbol's name")
    try:
        encode(sp.Dummy("x"))
    except SerializationError:
        pass
    else:
        raise AssertionError("a Dummy was recorded under its name")


def test_a_model_that_breaks_a_symbol_s_own_sign_refutes_nothing(write_dev):
    """r is positive, so r^3 - r^2 + r >= 0 holds; Z3 does not know its sign and answers r < 0: no refutation."""
    path = write_dev("""
r = sp.Symbol("r", positive=True)
@DEVELOPMENT.lemma("lemma:pos", "Positive", "r > 0 => r^3 - r^2 + r >= 0")
def _():
    yield Obligation("p", Implication((), sp.Ge(r**3 - r**2 + r, 0)))
""")
    code, summary = run_json("check", str(path), "--no-out")
    assert summary["nodes"][0]["status"] != "refuted", summary["nodes"][0]
