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
    for expr in (x ** 65 > 0, x ** sp.Rational(1, 65) > 0, x ** y > 0, x ** 0.5 > 0, sp.sqrt(-2) * x > 0):
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


def test_opaque_terms_are_named_by_the_value_of_their_arguments():
    """Arguments equal as rational functions name one constant (whatever their form); different ones never."""
    from certificates.smt import opaque_name

    f = sp.Function("f")
    a = sp.Symbol("a", positive=True)
    same = [f((x ** 2 - y ** 2) / (x - y), a), f(x + y, a), f(sp.together(x + y), a * 1)]
    assert len({opaque_name(t) for t in same}) == 1
    assert opaque_name(f(x + y, a)) != opaque_name(f(x - y, a)) != opaque_name(f(x + y, a + 1))
    inner = sp.Integral(f(x * (x + 1) / x, y), (x, 0, 1)), sp.Integral(f(y + 1, y), (y, 0, 1))
    assert opaque_name(inner[0]) != opaque_name(inner[1])   # the bound x is not the free y
    assert opaque_name(inner[0]) == opaque_name(sp.Integral(f(x + 1, y), (x, 0, 1)))


def test_an_smtlib_text_with_other_symbols_is_unfaithful_with_their_names():
    from certificates.smt import same_formulas

    a, b = z3.Real("a"), z3.Real("b")
    try:
        same_formulas([a * a > 1], [b * b > 1], "hypotheses")
    except ValueError as exc:
        assert "symbols or sorts differ (a, b)" in str(exc), exc
    else:
        raise AssertionError("a text over another symbol was taken as the record's")


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


# ----------------------------------------------------------------------------- roots: sound, both ways


def _answer(hypotheses, conclusion) -> str:
    """What the Z3 backend's query says: 'proved' (negation unsat) or the model of the negation."""
    translate = Translator()
    solver = z3.Solver()
    solver.set("timeout", 20000)
    solver.add(*[translate(h) for h in hypotheses], z3.Not(translate.goal(conclusion)))
    answer = solver.check()
    return "proved" if answer == z3.unsat else str(answer)


def test_roots_are_proved_where_they_are_real():
    third = sp.Rational(1, 3)
    for hypotheses, conclusion in (
            ([x >= 0], sp.Eq(sp.sqrt(x) ** 2, x)),
            ([x >= 0, y >= 0], sp.sqrt(x * y) <= (x + y) / 2),                   # AM-GM
            ([sp.sqrt(x) >= 2], x >= 4),                                          # an asserted root is real
            ([x > 0], sp.Eq(x ** sp.Rational(3, 2) * x ** sp.Rational(-1, 2), x)),
            ([x > 0], sp.Eq(x ** sp.Rational(3, 2), x * sp.sqrt(x))),
            ([x >= 0], sp.Eq((x ** third) ** 3, x)),
            ([], sp.Eq(sp.real_root(x, 3) ** 3, x)),                             # |x|^(1/3) sign(x)
            ([], sp.sqrt(x ** 2 + y ** 2) >= sp.Max(sp.Abs(x), sp.Abs(y))),
            ([], sp.Piecewise((sp.sqrt(x), x >= 0), (0, True)) >= 0),            # guarded by its piece
            ([x >= 0], sp.sqrt(1 + sp.sqrt(x)) >= 1)):                           # nested
        assert _answer(hypotheses, conclusion) == "proved", (hypotheses, conclusion)


def test_a_root_that_may_not_be_real_proves_nothing():
    p = sp.Symbol("p", positive=True)
    assert _answer([], sp.sqrt(x) >= 0) == "sat"                              # x < 0: not real
    assert _answer([], sp.sqrt(x) * sp.sqrt(x + 1) >= 0) == "sat"
    assert _answer([x > -1], 1 / sp.sqrt(x + 1) > 0) == "proved"
    assert _answer([x >= -1], 1 / sp.sqrt(x + 1) > 0) == "sat"                 # x = -1: 1/0
    assert _answer([], sp.sqrt(p) >= 0) == "proved"                          # SymPy knows p > 0
    # a root under Not/Or/Implies in a hypothesis says nothing where it is not real: the instance of a used
    # lemma "y >= 0 => sqrt(y) >= 0" must not give y >= 0
    assert _answer([sp.Implies(y >= 0, sp.sqrt(y) >= 0)], y >= 0) == "sat"
    assert _answer([sp.Or(x > 5, sp.sqrt(x) > 1)], x > 1) == "sat"
    assert _answer([sp.Or(x > 5, sp.sqrt(x) > 1), x >= 0], x > 1) == "proved"
    assert _answer([sp.Not(sp.sqrt(x) <= 1)], x > 1) == "proved"          # SymPy makes it sqrt(x) > 1
    assert _answer([], sp.Piecewise((sp.sqrt(x), x >= -1), (0, True)) >= 0) == "sat"


def test_the_text_of_a_claim_without_roots_is_unchanged():
    """Certificates written before roots were translated keep their SMT-LIB text."""
    claim = sp.Implies(x > 0, sp.Abs(x) ** 2 * x ** -1 >= sp.Min(x, y))
    translate = Translator()
    assert translate(claim).eq(translate.goal(claim)) and translate.goal(claim).eq(translate.tr(claim))
    assert not translate.roots


def test_roots_through_the_cli_and_the_kernel(write_dev, tmp_path):
    path = write_dev("""
from proofs import Assume

@DEVELOPMENT.lemma("lemma:amgm", "AM-GM", "x, y >= 0 => sqrt(xy) <= (x + y)/2")
def _():
    yield Obligation("z3", Implication((Assume(x >= 0), Assume(y >= 0)), sp.sqrt(x * y) <= (x + y) / 2))

@DEVELOPMENT.lemma("lemma:below", "False", "x >= 0 => sqrt(x) <= x", expect="refuted")
def _():
    yield Obligation("z3", Implication((Assume(x >= 0),), sp.sqrt(x) <= x))

@DEVELOPMENT.lemma("lemma:cube", "False", "x >= 1 => x^(3/2) <= x + 1", expect="refuted")
def _():
    yield Obligation("z3", Implication((Assume(x >= 1),), x ** sp.Rational(3, 2) <= x + 1))

@DEVELOPMENT.lemma("lemma:domain", "Not real for x < 0", "sqrt(x) >= 0")
def _():
    yield Obligation("z3", Implication((), sp.sqrt(x) >= 0))
""")
    out = tmp_path / "out"
    code, summary = run_json("check", str(path), "--out", str(out))
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert {k: n["status"] for k, n in nodes.items()} == {
        "lemma:amgm": "proved", "lemma:below": "refuted", "lemma:cube": "refuted", "lemma:domain": "failed"}, summary
    assert "ill-defined" in nodes["lemma:domain"]["obligations"][0]["message"]
    for name, claim in (("lemma:below", (x >= 0, sp.sqrt(x) <= x)),
                        ("lemma:cube", (x >= 1, x ** sp.Rational(3, 2) <= x + 1))):
        model = nodes[name]["obligations"][0]["counterexample"]["model"]
        value = sp.Rational(model["x"])                       # the model re-evaluates with SymPy
        assert claim[0].subs(x, value) is sp.true and claim[1].subs(x, value) is sp.false, model
    assert code == 1        # the ill-defined node fails the run; the rest is what the kernel accepted
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 1
    assert "FAIL" not in call_cli("verify", str(out), "--no-cvc5").stdout


def test_the_kernel_rejects_a_refutation_at_a_point_where_a_root_is_not_real():
    from certificates.serialize import encode
    from certificates.smt import check_z3

    translate = Translator()
    goal = sp.sqrt(x) >= 0
    solver = z3.Solver()
    solver.add(z3.Not(translate.goal(goal)))
    record = {"kind": "implication", "hypotheses": [], "conclusion": encode(goal), "integer_symbols": [],
              "smtlib_hypotheses": z3.Solver().to_smt2(), "smtlib": solver.to_smt2()}
    name = next(iter(translate.roots))
    ok, detail = check_z3(record, "refuted", {"model": {"x": "-1", name: "0"}})
    assert ok is False and "does not satisfy" in detail, detail
