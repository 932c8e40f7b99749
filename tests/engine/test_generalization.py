"""Universal generalisation: a result proved at a free point, used as a premise over every point.

``Use(node, name, substitution, every=(y1, y2))`` turns the proved ``H(y) ⇒ C(y)`` into the point schema
``for every (y1, y2): H_y ⇒ C`` (the hypotheses that mention no y are side conditions), which a result
about a set, stated under that schema, needs."""
from __future__ import annotations

import json

import pytest
from engine_helpers import call_cli, run_json

DEV = """
from proofs import Assume, Every, Use
INSIDE = sp.Function("inside_square", real=True)
y1, y2, r, a, b = sp.symbols("y1 y2 r a b", real=True)

DEVELOPMENT.cited(
    "cite:square", "A set inside a square", r"\\\\forall y \\\\in S: |y_i|^2 \\\\le a \\\\Rightarrow S \\\\subseteq Q_a",
    reference="[1]",
    states=[Obligation("square", Implication(
        (Assume(Every((y1, y2), None, sp.Implies(y1**2 + y2**2 <= b, (y1**2 <= a) & (y2**2 <= a)))),),
        sp.Eq(INSIDE(b, a), 1)), parameters=(a, b))])

@DEVELOPMENT.lemma("lemma:pointwise", "A point of the disk", "|y|^2 <= r^2 => y_i^2 <= r^2")
def _():
    yield Obligation("pointwise", Implication((Assume(r >= 0), Assume(y1**2 + y2**2 <= r**2)),
                                              (y1**2 <= r**2) & (y2**2 <= r**2)))

@DEVELOPMENT.lemma("lemma:disk-in-square", "The disk lies in its square", "D_r ⊆ Q_{r^2}",
                   deps=["lemma:pointwise", "cite:square"])
def _():
    yield Obligation("inside", Implication(
        (Assume(r >= 0), Use("lemma:pointwise", "pointwise", {SUB}, every=EVERY),
         Use("cite:square", "square", {a: r**2, b: r**2})),
        sp.Eq(INSIDE(r**2, r**2), 1)))
"""


def _dev(sub: str = "", every: str = "(y1, y2)") -> str:
    return DEV.replace("{SUB}", "{" + sub + "}").replace("EVERY", every)


def _node(summary: dict, node_id: str) -> dict:
    return next(n for n in summary["nodes"] if n["id"] == node_id)


@pytest.mark.timeout(120)
def test_a_generalised_use_supplies_the_schema_a_cited_result_needs(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(_dev())), "--out", str(out))
    node = _node(summary, "lemma:disk-in-square")
    assert code == 0 and node["status"] == "proved", node
    record = json.loads((out / "certificates" / "lemma_disk-in-square.json").read_text())["obligations"][0]["record"]
    use = next(u for u in record["uses"] if u["node"] == "lemma:pointwise")
    assert use["schema"] == 0 and "hypothesis" not in use and record["schemas"][0]["start"] is None
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0
    audit = call_cli("audit", str(write_dev(_dev())), "--json")
    assert not [u for u in json.loads(audit.stdout)["unjustified_hypotheses"] if u["node"] == "lemma:disk-in-square"]
    shown = call_cli("explain", "lemma:disk-in-square", "--out", str(out)).stdout
    assert "has: for every" in shown and "assumes: for every" not in shown, shown     # proved, not assumed


@pytest.mark.timeout(120)
def test_without_the_generalisation_the_cited_result_cannot_be_used(write_dev):
    body = _dev().replace('Use("lemma:pointwise", "pointwise", {}, every=(y1, y2)),', "")
    proc = call_cli("check", str(write_dev(body)), "--no-out", "--quiet")
    assert proc.returncode == 2 and "needs the schema" in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
def test_a_generalisation_over_a_substituted_symbol_is_refused(write_dev):
    # y2 := 0 leaves no point schema over y2: "for every y1, y2" would claim what was proved on an axis only
    proc = call_cli("check", str(write_dev(_dev(sub="y2: 0"))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "which its substitution replaces or mentions" in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
def test_a_generalisation_that_does_not_match_the_needed_schema_is_refused(write_dev):
    # generalising over y1 only: y2 is a fixed point, the schema is another one
    proc = call_cli("check", str(write_dev(_dev(every="(y1,)"))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "needs the schema" in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
def test_a_false_pointwise_result_leaves_its_user_unproved(write_dev):
    body = _dev().replace("(y1**2 <= r**2) & (y2**2 <= r**2)))\n", "(y1**2 <= r**2) & (y2**2 <= r**2 / 2)))\n")
    body = body.replace("(y1**2 <= a) & (y2**2 <= a)", "(y1**2 <= a) & (y2**2 <= a / 2)")
    code, summary = run_json("check", str(write_dev(body)), "--no-out")
    assert _node(summary, "lemma:pointwise")["status"] == "refuted", summary
    user = _node(summary, "lemma:disk-in-square")     # a use of what is not proved: the kernel rejects it
    assert user["status"] == "failed" and "refuted, not proved" in user["reason"] and code == 1, user


@pytest.mark.timeout(180)
def test_verify_rejects_a_schema_that_is_not_the_generalisation(write_dev, tmp_path):
    """A forger narrows the recorded schema to y1 alone (y2 a fixed point: another hypothesis than the one
    the use proved) and re-seals every hash: the kernel re-derives the generalisation and rejects it."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(_dev())), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:disk-in-square")
    schema = cert["obligations"][0]["record"]["schemas"][0]
    schema["variable"] = {"list": schema["variable"]["list"][:1]}
    save_cert(out, "lemma:disk-in-square", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:disk-in-square" in proc.stdout, proc.stdout
    assert "not the generalisation" in proc.stdout, proc.stdout


READ = """
from proofs import Assume, Every, Instance
f1, f2 = sp.Function("f1"), sp.Function("f2")
y1, y2, r, t = sp.symbols("y1 y2 r t", real=True)
AGREE = Every((y1, y2), None, sp.Implies(y1**2 + y2**2 <= r**2, sp.Eq(f1(y1, y2), f2(y1, y2))))

@DEVELOPMENT.lemma("lemma:centre", "Agreement on the disk gives agreement at its centre",
                   "f_1 = f_2 on B(0, r) => f_1(0) = f_2(0)")
def _():
    yield Obligation("centre", Implication((Assume(AGREE), Assume(r >= 0), Instance(AGREE, VALUES), PLAIN),
                                           sp.Eq(f1(0, 0), f2(0, 0))))
"""


def _read(values: str = "(0, 0)", plain: str = "") -> str:
    return READ.replace("VALUES", values).replace("PLAIN", plain)


@pytest.mark.timeout(120)
def test_a_point_schema_read_at_a_point_proves_and_verifies(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(_read())), "--out", str(out))
    assert code == 0 and _node(summary, "lemma:centre")["status"] == "proved", summary
    record = json.loads((out / "certificates" / "lemma_centre.json").read_text())["obligations"][0]["record"]
    assert record["justification"][1] == {"kind": "instance", "schema": 0, "values": record["justification"][1]["values"]}
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0


@pytest.mark.timeout(120)
@pytest.mark.parametrize("values, problem", [
    ("(0,)", "at 1 value(s)"),
    ("(0, sp.sqrt(t))", "not known to be real"),
])
def test_an_instance_that_is_no_reading_of_the_schema_is_refused(write_dev, values, problem):
    proc = call_cli("check", str(write_dev(_read(values))), "--no-out", "--quiet")
    assert proc.returncode == 2 and problem in proc.stderr, proc.stderr


@pytest.mark.timeout(120)
def test_an_instance_of_a_schema_the_obligation_does_not_have_is_refused(write_dev):
    body = _read().replace("(Assume(AGREE), Assume(r >= 0)", "(Assume(r >= 0)")
    proc = call_cli("check", str(write_dev(body)), "--no-out", "--quiet")
    assert proc.returncode == 2 and "not among the obligation's own" in proc.stderr, proc.stderr


def _forged(write_dev, tmp_path, body: str, forge) -> str:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    run_json("check", str(write_dev(body)), "--out", str(out))
    cert = load_cert(out, "lemma:centre")
    forge(cert["obligations"][0]["record"])
    save_cert(out, "lemma:centre", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:centre" in proc.stdout, proc.stdout
    return proc.stdout


@pytest.mark.timeout(180)
def test_verify_rejects_an_instance_at_other_values(write_dev, tmp_path):
    def forge(record):        # the recorded hypothesis is the reading at (0, 0); the values say (1, 0)
        record["justification"][1]["values"] = {"list": [{"int": "1"}, {"int": "0"}]}
    assert "not its schema read at the recorded values" in _forged(write_dev, tmp_path, _read(), forge)


@pytest.mark.timeout(180)
def test_verify_rejects_a_plain_hypothesis_relabelled_as_a_theorem(write_dev, tmp_path):
    """Marked a use or an instance, a hypothesis leaves the statement others use: the mark is re-derived."""
    def forge(record):
        record["justification"][2] = {"kind": "use", "use": 0}
    stdout = _forged(write_dev, tmp_path, _read(plain="sp.Eq(f1(1, 1), 0)"), forge)
    assert "marked a use that does not name it" in stdout


@pytest.mark.timeout(180)
def test_verify_rejects_a_use_of_a_cited_result_without_the_schema_it_is_stated_under(write_dev, tmp_path):
    """The cited formula's record keeps its schema, so a forger who drops the generalisation (and with it the
    schema) from the user's record is caught by the kernel, not only by the engine."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(_dev())), "--out", str(out))
    assert code == 0
    cited = load_cert(out, "cite:square")["obligations"][0]["record"]
    assert cited["schemas"][0]["start"] is None
    cert = load_cert(out, "lemma:disk-in-square")
    record = cert["obligations"][0]["record"]
    record["schemas"], record["uses"] = [], record["uses"][1:]
    record["justification"][1]["use"] = 0
    save_cert(out, "lemma:disk-in-square", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "not among the obligation's own" in proc.stdout, proc.stdout


@pytest.mark.timeout(120)
def test_a_generalisation_with_a_stronger_consequent_gives_the_weaker_schema(write_dev, tmp_path):
    """For every y: A => C ∧ D gives for every y: A => C (a used result's conclusion carries its side
    conditions as conjuncts, which the schema's user does not need); the kernel agrees."""
    body = _dev().replace("(y1**2 <= r**2) & (y2**2 <= r**2)))\n",
                          "(y1**2 <= r**2) & (y2**2 <= r**2) & (y1**2 * y2**2 <= r**4)))\n")
    assert "r**4" in body
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(body)), "--out", str(out))
    assert code == 0 and _node(summary, "lemma:disk-in-square")["status"] == "proved", summary
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0


# Developments that made the kernel accept something false before the rules below (an independent review):
# a generalisation's side conditions proved from the very schema they are needed for (by an instance of it,
# or by a use that needs it); a generalisation over a symbol the used result reads as an integer, or that a
# stated formula fixes; an instance's sign condition proved from the instance; a model of a query whose
# schemas no solver read, taken as a refutation of a true statement.
UNSOUND = {
    "side_conditions_from_the_schema_by_an_instance": """
from proofs import Assume, Every, Use, Instance
y, r = sp.symbols("y r", real=True)

@DEVELOPMENT.lemma("lemma:L", "trivial", "r >= 1, y >= 0 => y + r >= 1")
def _():
    yield Obligation("L", Implication((Assume(r >= 1), Assume(y >= 0)), y + r >= 1))

S = Every((y,), None, sp.Implies(y >= 0, y + r >= 1))

@DEVELOPMENT.lemma("lemma:bad", "r >= 1 for every r", "r >= 1", deps=["lemma:L"])
def _():
    yield Obligation("bad", Implication((Use("lemma:L", "L", {}, every=(y,)), Instance(S, (0,))), r >= 1))

@DEVELOPMENT.lemma("lemma:false", "every real is positive", "r > 0", deps=["lemma:bad"])
def _():
    yield Obligation("false", Implication((Use("lemma:bad", "bad", {}),), r > 0))
""",
    "side_conditions_from_the_schema_by_a_use": """
from proofs import Assume, Every, Use, Instance
y, r = sp.symbols("y r", real=True)
S = Every((y,), None, sp.Implies(y >= 0, y + r >= 1))

@DEVELOPMENT.lemma("lemma:L", "trivial", "r >= 1, y >= 0 => y + r >= 1")
def _():
    yield Obligation("L", Implication((Assume(r >= 1), Assume(y >= 0)), y + r >= 1))

@DEVELOPMENT.lemma("lemma:R", "valid: the schema at 0", "(forall y >= 0: y + r >= 1) => r >= 1")
def _():
    yield Obligation("R", Implication((Assume(S), Instance(S, (0,))), r >= 1))

@DEVELOPMENT.lemma("lemma:bad", "r >= 1 for every r", "r >= 1", deps=["lemma:L", "lemma:R"])
def _():
    yield Obligation("bad", Implication((Use("lemma:L", "L", {}, every=(y,)), Use("lemma:R", "R", {})), r >= 1))
""",
    "induction_side_conditions_from_the_schema_by_a_use": """
from proofs import Assume, Every, Induction, Use, Instance
y, r = sp.symbols("y r", real=True)
n = sp.Symbol("n", integer=True)
S = Every((y,), None, sp.Implies(y >= 0, y + r >= 1))

@DEVELOPMENT.lemma("lemma:L", "trivial", "r >= 1, y >= 0 => y + r >= 1")
def _():
    yield Obligation("L", Implication((Assume(r >= 1), Assume(y >= 0)), y + r >= 1))

@DEVELOPMENT.lemma("lemma:R", "valid: the schema at 0", "(forall y >= 0: y + r >= 1) => r >= 1")
def _():
    yield Obligation("R", Implication((Assume(S), Instance(S, (0,))), r >= 1))

@DEVELOPMENT.lemma("lemma:bad", "r + n >= 1 for every r", "r + n >= 1", deps=["lemma:L", "lemma:R"])
def _():       # an induction's side conditions are proved in its base: the same circle as above
    yield Obligation("bad", Induction(n, r + n >= 1, (Use("lemma:L", "L", {}, every=(y,)), Use("lemma:R", "R", {}))))
""",
    "a_cited_constant_replaced_through_a_proved_result": """
from proofs import Assume, Use
mu, nu, marker = sp.Function("mu", real=True), sp.Function("nu", real=True), sp.Function("marker", real=True)
a = sp.Symbol("a", real=True)

# what the cited theory says of its own mu: true of that mu (marker(a) = 1 says so), of no other function
DEVELOPMENT.cited("cite:theory", "mu is zero where its marker is one", "marker(a) = 1 => mu(a) = 0",
                  reference="a cited theory",
                  states=[Obligation("s", Implication((Assume(sp.Eq(marker(a), 1)),), sp.Eq(mu(a), 0), opaque=True),
                                     parameters=(a,))])

@DEVELOPMENT.lemma("lemma:about-mu", "valid: from the theory", "marker(a) = 1 => mu(a) = 0", deps=["cite:theory"])
def _():
    yield Obligation("m", Implication((Assume(sp.Eq(marker(a), 1)), Use("cite:theory", "s", {a: a})), sp.Eq(mu(a), 0)))

@DEVELOPMENT.lemma("lemma:about-nu", "false: nu is any function", "marker(a) = 1 => nu(a) = 0", deps=["lemma:about-mu"])
def _():
    yield Obligation("n", Implication((Assume(sp.Eq(marker(a), 1)),
                                       Use("lemma:about-mu", "m", {mu(a): nu(a)})), sp.Eq(nu(a), 0)))
""",
    "a_cited_constant_replaced_through_an_alias_of_it": """
from proofs import Assume, Use
c = sp.Symbol("c", positive=True)                   # the cited theory's constant
c_alias = sp.Symbol("c", positive=True, real=True)   # the same symbol to SymPy, another srepr

DEVELOPMENT.cited("cite:theory", "the theory's c is one", "c = 1", reference="a cited theory",
                  states=[Obligation("s", Implication((), sp.Eq(c, 1), opaque=True), parameters=())])

@DEVELOPMENT.lemma("lemma:c", "valid: c = 1", "c = 1", deps=["cite:theory"])
def _():
    yield Obligation("m", Implication((Use("cite:theory", "s", {}),), sp.Eq(c, 1)))

@DEVELOPMENT.lemma("lemma:false", "false", "x > 0 => x = 1", deps=["lemma:c"])
def _():
    yield Obligation("n", Implication((Assume(x > 0), Use("lemma:c", "m", {c_alias: x})), sp.Eq(x, 1)))
""",
    "a_cited_constant_generalised_through_an_alias_of_it": """
from proofs import Assume, Every, Instance, Use
c = sp.Symbol("c", positive=True)
c_alias = sp.Symbol("c", positive=True, real=True)
ALL = Every((c_alias,), None, sp.Eq(c_alias, 1))

DEVELOPMENT.cited("cite:theory", "the theory's c is one", "c = 1", reference="a cited theory",
                  states=[Obligation("s", Implication((), sp.Eq(c, 1), opaque=True), parameters=())])

@DEVELOPMENT.lemma("lemma:c", "valid: c = 1", "c = 1", deps=["cite:theory"])
def _():
    yield Obligation("m", Implication((Use("cite:theory", "s", {}),), sp.Eq(c, 1)))

@DEVELOPMENT.lemma("lemma:false", "false", "x > 0 => x = 1", deps=["lemma:c"])
def _():
    t = sp.Symbol("t", positive=True)
    yield Obligation("n", Implication((Use("lemma:c", "m", {}, every=(c_alias,)), Instance(ALL, (t,))), sp.Eq(t, 1)))
""",
    "a_zero_symbol_used_at_one": """
from proofs import Use
z = sp.Symbol("z", nonnegative=True, nonpositive=True)     # z = 0: both signs are conditions, not the first only
h = sp.Function("h", real=True)

DEVELOPMENT.cited("cite:trivial", "h at 0 times y", "h(z y) = h(0), z = 0", reference="trivial",
                  states=[Obligation("s", Implication((), sp.Eq(h(z * y), h(0)), opaque=True), parameters=(z,))])

@DEVELOPMENT.lemma("lemma:false", "every function is constant", "h(y) = h(0)", deps=["cite:trivial"])
def _():
    yield Obligation("bad", Implication((Use("cite:trivial", "s", {z: 1}),), sp.Eq(h(y), h(0))))
""",
    "a_point_schema_over_a_zero_variable_read_at_one": """
from proofs import Assume, Every, Instance
w = sp.Symbol("w", nonnegative=True, nonpositive=True)
S = Every(w, None, w * y**2 <= y)                          # at w = 0: 0 <= y

@DEVELOPMENT.lemma("lemma:false", "y >= 0 gives y^2 <= y", "y >= 0 => y^2 <= y")
def _():
    yield Obligation("bad", Implication((Assume(S), Instance(S, (1,))), y**2 <= y))
""",
    "an_even_symbol_used_at_one": """
from proofs import Use
k = sp.Symbol("k", even=True)
h = sp.Function("h", real=True)

DEVELOPMENT.cited("cite:even", "h is 2-periodic at even points", "h(k) = h(k + 2) for even k", reference="[1]",
                  states=[Obligation("s", Implication((), sp.Eq(h(k), h(k + 2)), opaque=True), parameters=(k,))])

@DEVELOPMENT.lemma("lemma:odd", "not what is cited: an odd point", "h(1) = h(3)", deps=["cite:even"])
def _():
    yield Obligation("bad", Implication((Use("cite:even", "s", {k: 1}),), sp.Eq(h(1), h(3))))
""",
    "a_true_identity_refuted_outside_its_symbols_domain": """
z = sp.Symbol("z", nonnegative=True, nonpositive=True)

@DEVELOPMENT.lemma("lemma:true", "true for z = 0", "|yz + y| = |y|", expect="refuted")
def _():
    yield Obligation("r", Identity(sp.Abs(y * z + y), sp.Abs(y)))
""",
    "generalised_over_a_symbol_read_as_an_integer": """
from proofs import Assume, Every, Use, Instance
y, t = sp.symbols("y t", real=True)
S = Every((y,), None, sp.Implies(y > 0, y >= 1))

@DEVELOPMENT.lemma("lemma:L", "over the integers", "y > 0 => y >= 1 (y an integer)")
def _():
    yield Obligation("L", Implication((Assume(y > 0),), y >= 1, integer_symbols=(y,)))

@DEVELOPMENT.lemma("lemma:bad", "over the reals", "t > 0 => t >= 1", deps=["lemma:L"])
def _():
    yield Obligation("bad", Implication((Use("lemma:L", "L", {}, every=(y,)), Instance(S, (t,))),
                                        sp.Implies(t > 0, t >= 1), integer_symbols=(y,)))

@DEVELOPMENT.lemma("lemma:false", "a half", "1/2 >= 1", deps=["lemma:bad"])
def _():
    yield Obligation("false", Implication((Assume(t > 0), Use("lemma:bad", "bad", {}),), t >= 1))
""",
    "instance_sign_proved_from_the_instance": """
from proofs import Assume, Every, Use, Instance
c = sp.Symbol("c", real=True)
p = sp.Symbol("p", positive=True)
# true for every c: for every p > 0, c <= 0 implies c < p
S = Every((p,), None, sp.Implies(c <= 0, c < p))

@DEVELOPMENT.lemma("lemma:bad", "every real is positive", "(for every p > 0: c <= 0 => c < p) => c > 0")
def _():
    yield Obligation("bad", Implication((Assume(S), Instance(S, (c,))), c > 0))
""",
    "generalised_over_a_symbol_a_stated_formula_fixes": """
from proofs import Assume, Every, Use, Instance
y0, t = sp.symbols("y0 t", real=True)

DEVELOPMENT.cited("cite:point", "The point y0 of the paper", "y_0 = 3", reference="[1]",
    states=[Obligation("point", Implication((), sp.Eq(y0, 3)), parameters=())])

S = Every((y0,), None, sp.Eq(y0, 3))

@DEVELOPMENT.lemma("lemma:bad", "every real is 3", "t = 3", deps=["cite:point"])
def _():
    yield Obligation("bad", Implication((Use("cite:point", "point", {}, every=(y0,)), Instance(S, (t,))), sp.Eq(t, 3)))
""",
    "model_of_a_query_with_a_schema_unread": """
from proofs import Assume, Every, Use, Instance
c, y = sp.symbols("c y", real=True)
S = Every((y,), None, y**2 >= c)

@DEVELOPMENT.lemma("lemma:true", "true: (for every y: y^2 >= c) => c <= 0", "c <= 0")
def _():
    yield Obligation("t", Implication((Assume(S),), c <= 0))
""",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(UNSOUND))
def test_what_was_accepted_falsely_is_refused_or_left_open(write_dev, name):
    proc = call_cli("check", str(write_dev(UNSOUND[name])), "--no-out", "--quiet", "--json", "-")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (1, 2, 3), proc.stdout[-2000:] + proc.stderr[-2000:]
    if proc.returncode in (1, 3):   # left open or failed: nothing proved that is false, nothing refuted that is true
        summary = json.loads(proc.stdout)
        assert {n["status"] for n in summary["nodes"]} <= {"unknown", "blocked", "assumed", "failed"}, summary


@pytest.mark.timeout(180)
def test_verify_rejects_a_counterexample_outside_its_symbols_domain(write_dev, tmp_path):
    """A counterexample is an instance of the formula SymPy built knowing each symbol's domain: t = -1 for a
    positive t refutes nothing of the true |ty + t| = t|y + 1|."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    body = """
t = sp.Symbol("t", positive=True)

@DEVELOPMENT.lemma("lemma:true", "true for t > 0", "|ty + t| = t|y + 1|")
def _():
    yield Obligation("r", Identity(sp.Abs(t * y + t), t * sp.Abs(y + 1)))
"""
    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(body)), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:true")
    cert["obligations"][0].update(verdict="refuted", message="the two sides differ on a concrete instance",
                                  counterexample={"functions": {}, "symbols": {"t": {"int": "-1"}, "y": {"int": "0"}}})
    cert.update(status="refuted", reason="r (sympy): the two sides differ", expect="refuted", accepted=True)
    save_cert(out, "lemma:true", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "puts -1 in t, which is declared positive" in proc.stdout, proc.stdout
