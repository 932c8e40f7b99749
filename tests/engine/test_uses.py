"""Linked proofs: a closing uses what its dependencies proved, by reference, and the kernel re-derives it."""
from __future__ import annotations

import json

import pytest
from engine_helpers import call_cli, run_json

BASE = """
from proofs import Assume, Use
a, u = sp.symbols("a u", real=True)
shifted, plain = sp.Integral(f(y + x), (y, -sp.oo, sp.oo)), sp.Integral(f(y), (y, -sp.oo, sp.oo))

@DEVELOPMENT.lemma("lemma:square", "Squares", "x != 0 => x^2 > 0")
def _():
    yield Obligation("sq", Implication((Assume(sp.Ne(x, 0)),), x**2 > 0))

@DEVELOPMENT.lemma("lemma:shift", "Translation invariance", "the integral of f(y + x) is the integral of f")
def _():
    yield Obligation("cv", Chain(shifted, (Step({dep}, rule="change_of_variables",
                                          params=dict(old=(y,), new=(u,), A=[[1]], c={c})),
                                     Step({end}),)))
"""

CLOSING = BASE + """
@DEVELOPMENT.lemma("lemma:close", "Uses both", "a != 0, ∫f > 0 => a^2 ∫f(y + a) dy > 0",
                   deps=["lemma:square", "lemma:shift"])
def _():
    yield Obligation("close", Implication(
        (Assume(sp.Ne(a, 0)), Use("lemma:square", "sq", {x: a}), Use("lemma:shift", "cv", {x: a}),
         Assume(plain > 0)), a**2 * shifted.subs(x, a) > 0))
"""
TRUE = {"{dep}": "sp.Integral(f(u), (u, -sp.oo, sp.oo))", "{end}": "plain", "{c}": "[-x]"}
WEAK = {"{dep}": "sp.Integral(f(u + x), (u, -sp.oo, sp.oo))",           # true, idle: renames y to u
        "{end}": "sp.Integral(f(u + x), (u, -sp.oo, sp.oo))", "{c}": "[0]"}


def _fill(text, values):
    for k, v in values.items():
        text = text.replace(k, v)
    return text


def _statuses(summary):
    return {n["id"]: n["status"] for n in summary["nodes"]}


def test_a_closing_that_uses_its_dependencies_is_proved(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(_fill(CLOSING, TRUE))), "--out", str(out))
    assert code == 0 and _statuses(summary)["lemma:close"] == "proved", summary
    cert = json.loads((out / "certificates" / "lemma_close.json").read_text())
    uses = cert["obligations"][0]["record"]["uses"]
    assert [(u["node"], u["obligation"]) for u in uses] == [("lemma:square", "sq"), ("lemma:shift", "cv")]
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 0, proc.stdout


def test_the_same_closing_with_a_weaker_dependency_is_not_proved(write_dev):
    code, summary = run_json("check", str(write_dev(_fill(CLOSING, WEAK))), "--no-out")
    assert _statuses(summary)["lemma:shift"] == "proved"        # true, but not what the closing needs
    assert _statuses(summary)["lemma:close"] != "proved" and code != 0


def test_a_hand_written_stand_in_for_a_dependency_is_unjustified(write_dev):
    path = write_dev(_fill(BASE, TRUE) + """
@DEVELOPMENT.lemma("lemma:glue", "Glue", "a != 0 => a^2 + 1 > 1", deps=["lemma:square"])
def _():
    yield Obligation("close", Implication((Assume(sp.Ne(a, 0)), a**2 > 0), a**2 + 1 > 1))
""")
    proc = call_cli("audit", str(path), "--json", "-")
    report = json.loads(proc.stdout)
    assert report["unjustified_hypotheses"] == [{"node": "lemma:glue", "obligation": "close",
                                                 "hypothesis": "a**2 > 0"}]
    assert report["ok"] is False and proc.returncode == 1
    code, summary = run_json("check", str(path), "--no-out")
    glue = next(n for n in summary["nodes"] if n["id"] == "lemma:glue")
    assert glue["unlinked_hypotheses"] == 1
    assert glue["status"] == "unknown" and "not justified" in glue["reason"] and code == 3, glue


OWN = """
from proofs import Assume, Use
a, b = sp.symbols("a b", real=True)

@DEVELOPMENT.lemma("lemma:own", "Squares add up", "a != 0 => a^2 + b^2 > 0")
def _():
    yield Obligation("sq", Implication((Assume(sp.Ne(a, 0)),), a**2 > 0))
    yield Obligation("sum", Implication((Assume(sp.Ne(a, 0)), Use("lemma:own", {used!r}, {{}})), a**2 + b**2 > 0))
    yield Obligation("late", Implication((Assume(sp.Ne(a, 0)),), a**4 > 0))
"""


def test_an_obligation_uses_an_earlier_obligation_of_its_own_node(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(OWN.format(used="sq"))), "--out", str(out))
    node = summary["nodes"][0]
    assert code == 0 and node["status"] == "proved" and node["unlinked_hypotheses"] == 0, node
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 0, proc.stdout


def test_an_obligation_cannot_use_itself_or_a_later_one(write_dev):
    for used in ("sum", "late"):
        proc = call_cli("check", str(write_dev(OWN.format(used=used))), "--no-out")
        assert proc.returncode == 2 and "not an earlier obligation" in proc.stderr + proc.stdout, proc.stderr


def test_verify_rejects_a_use_turned_to_a_later_obligation_of_its_node(write_dev, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(OWN.format(used="sq"))), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:own")
    cert["obligations"][1]["record"]["uses"][0]["obligation"] = "late"
    save_cert(out, "lemma:own", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:own" in proc.stdout, proc.stdout


def test_a_use_of_a_non_dependency_or_a_foreign_symbol_is_rejected_by_check(write_dev):
    for deps, substitution, expected in (('[]', "{x: a}", "not a dependency"),
                                         ('["lemma:square"]', "{a: x}", "not a free symbol"),
                                         ('["lemma:square"]', "{x**2: a}", "not a free symbol")):
        path = write_dev(_fill(BASE, TRUE) + f"""
@DEVELOPMENT.lemma("lemma:bad", "Bad", "b", deps={deps})
def _():
    yield Obligation("close", Implication((Use("lemma:square", "sq", {substitution}),), a**2 >= 0))
""", name=f"bad{len(deps)}.py")
        proc = call_cli("check", str(path), "--no-out", "--quiet")
        assert proc.returncode == 2 and expected in proc.stderr, proc.stderr


def test_a_declared_clause_without_obligation_keeps_the_node_open(write_dev):
    path = write_dev("""
from proofs import Clause
@DEVELOPMENT.lemma("lemma:two", "Two parts", "(i) x + 0 = x; (ii) x * 1 = x",
                   clauses=(Clause("i", "x + 0 = x"), Clause("ii", "x * 1 = x")))
def _():
    yield Obligation("plus", Identity(x + 0, x), clause="i")
""")
    code, summary = run_json("check", str(path), "--no-out")
    node = summary["nodes"][0]
    assert node["status"] == "unknown" and "clause 'ii'" in node["reason"] and code == 3
    assert [(c["id"], c["status"]) for c in node["clauses"]] == [("i", "proved"), ("ii", "open")]


def test_a_clause_whose_obligation_has_a_plain_hypothesis_is_not_proved(write_dev):
    """The node's rule holds per clause too: a clause established only from a hypothesis nothing justifies is
    unknown, not proved, while the node's other clause (justified) stays proved."""
    path = write_dev("""
from proofs import Assume, Clause
@DEVELOPMENT.lemma("lemma:two", "Two parts", "(i) x > 0 => x >= 0; (ii) y > 1",
                   clauses=(Clause("i", "x > 0 => x >= 0"), Clause("ii", "y > 1")))
def _():
    yield Obligation("own", Implication((Assume(x > 0),), x >= 0), clause="i")
    yield Obligation("plain", Implication((y > 2,), y > 1), clause="ii")
""")
    code, summary = run_json("check", str(path), "--no-out")
    node = summary["nodes"][0]
    assert node["status"] == "unknown" and code == 3, node
    assert [(c["id"], c["status"]) for c in node["clauses"]] == [("i", "proved"), ("ii", "unknown")], node["clauses"]

def test_verify_rejects_a_forged_use(write_dev, tmp_path):
    """A forger rewrites the recorded substitution (and re-seals every hash): the kernel re-derives the
    instance from the dependency's record and no longer finds the recorded hypothesis."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(_fill(CLOSING, TRUE))), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:close")
    use = cert["obligations"][0]["record"]["uses"][0]
    use["substitution"][0][1] = {"sym": "x", "assume": ["real"]}
    save_cert(out, "lemma:close", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:close" in proc.stdout and "not the instance" in proc.stdout, proc.stdout


def test_a_used_identity_states_its_denominators_non_zero(write_dev):
    """(y + 1)/y - 1/y = 1 holds only where y != 0: used, it must not prove y != 0 everywhere."""
    path = write_dev("""
from proofs import Use
e = (y + 1) / y - 1 / y

@DEVELOPMENT.lemma("lemma:cancel", "Cancel", "e = 1")
def _():
    yield Obligation("e", Identity(e, 1))

@DEVELOPMENT.lemma("lemma:nonzero", "Abuse", "y != 0", deps=["lemma:cancel"])
def _():
    yield Obligation("ne", Implication((Use("lemma:cancel", "e", {}),), sp.Ne(y, 0)))
""")
    code, summary = run_json("check", str(path), "--no-out")
    assert _statuses(summary)["lemma:nonzero"] != "proved" and code != 0


def test_an_integer_result_is_not_used_for_reals(write_dev):
    path = write_dev("""
from proofs import Assume, Use
n = sp.Symbol("n", integer=True)

@DEVELOPMENT.lemma("lemma:int", "Integers", "n > 0 => n >= 1")
def _():
    yield Obligation("step", Implication((n > 0,), n >= 1))

@DEVELOPMENT.lemma("lemma:real", "Abuse", "x > 0 => x >= 1", deps=["lemma:int"])
def _():
    yield Obligation("r", Implication((Assume(x > 0), Use("lemma:int", "step", {n: x})), x >= 1))
""")
    proc = call_cli("check", str(path), "--no-out", "--quiet")
    assert proc.returncode == 2 and "not an integer" in proc.stderr, proc.stderr


REAL = """
from proofs import Assume, Use
t, w = sp.symbols("t w", real=True)
z = sp.Symbol("z", complex=True)

@DEVELOPMENT.lemma("lemma:amgm", "Two squares", "x^2 + y^2 >= 2 x y")
def _():
    yield Obligation("amgm", Implication((), x**2 + y**2 >= 2 * x * y))

@DEVELOPMENT.lemma("lemma:user", "User", "{claim}", deps=["lemma:amgm"])
def _():
    yield Obligation("u", Implication(({hyps}Use("lemma:amgm", "amgm", {sub}),), {concl}))
"""


def _real(claim, sub, concl, hyps=""):
    return REAL.replace("{claim}", claim).replace("{sub}", sub).replace("{concl}", concl).replace("{hyps}", hyps)


@pytest.mark.parametrize("sub, concl", [
    ("{x: sp.I * t, y: 0}", "t**2 <= 0"),                        # SymPy: (I t)^2 = -t^2
    ("{x: sp.sqrt(w - t**2), y: 0}", "t**2 <= w"),               # SymPy: sqrt(u)^2 = u, for any u
    ("{x: z, y: 0}", "sp.re(z**2) >= 0"),                        # a symbol declared complex
])
def test_a_term_not_known_real_is_not_put_in_a_real_symbol(write_dev, sub, concl):
    """x^2 + y^2 >= 2xy holds for reals; instantiated at a non-real x, SymPy's complex arithmetic makes it prove
    t^2 <= 0 for every real t."""
    proc = call_cli("check", str(write_dev(_real("false", sub, concl))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "not known to be real" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr


def test_a_term_real_where_defined_may_be_put_in_a_real_symbol(write_dev):
    """A quotient of reals is real wherever it is defined (SymPy cannot say it is real: it may be 1/0)."""
    text = _real("w != 0 => 1/w^2 + 1 >= 2/w", "{x: 1 / w, y: 1}", "1 / w**2 + 1 >= 2 / w", "Assume(sp.Ne(w, 0)), ")
    code, summary = run_json("check", str(write_dev(text)), "--no-out")
    assert code == 0 and _statuses(summary)["lemma:user"] == "proved", summary


def test_verify_rejects_a_use_forged_to_put_a_root_in_a_real_symbol(write_dev, tmp_path):
    import sys
    from pathlib import Path

    import sympy as sp

    from certificates.serialize import encode

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    text = _real("w != 0 => 1/w^2 + 1 >= 2/w", "{x: 1 / w, y: 1}", "1 / w**2 + 1 >= 2 / w", "Assume(sp.Ne(w, 0)), ")
    code, _ = run_json("check", str(write_dev(text)), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:user")
    use = cert["obligations"][0]["record"]["uses"][0]
    w, t = sp.symbols("w t", real=True)
    use["substitution"] = [[pair[0], encode(sp.sqrt(w - t**2)) if pair[0]["sym"] == "x" else pair[1]]
                           for pair in use["substitution"]]
    save_cert(out, "lemma:user", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:user" in proc.stdout and "not known to be real" in proc.stdout, proc.stdout


GRID = """
from proofs import Assume, Use
i, j = sp.symbols("i j", real=True)

@DEVELOPMENT.lemma("lemma:grid", "No integer between", "i < j integers => j >= i + 1")
def _():
    yield Obligation("gap", Implication((Assume(i < j),), j >= i + 1, integer_symbols=(i, j)))

@DEVELOPMENT.lemma("lemma:user", "Uses it", "i < j => j >= i + 1", deps=["lemma:grid"])
def _():
    yield Obligation("u", Implication((Assume(i < j), Use("lemma:grid", "gap")), j >= i + 1{INTEGERS}))
"""


def test_an_integer_symbol_a_use_keeps_must_be_an_integer_where_it_is_used(write_dev, tmp_path):
    """Kept as i and j in a query over the reals, "no integer between i and i + 1" would prove it of reals."""
    proc = call_cli("check", str(write_dev(GRID.replace("{INTEGERS}", ""))), "--no-out", "--quiet")
    assert proc.returncode == 2 and "leaves the integer symbol i as it is" in proc.stderr, proc.stderr
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(GRID.replace("{INTEGERS}", ", integer_symbols=(i, j)"),
                                                    "ok.py")), "--out", str(out))
    assert code == 0 and {n["status"] for n in summary["nodes"]} == {"proved"}, summary
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    cert = load_cert(out, "lemma:user")     # the same use, forged into a query over the reals
    record = cert["obligations"][0]["record"]
    record["integer_symbols"] = []
    for text in ("smtlib", "smtlib_hypotheses"):      # a faithful text of the forged query: Z3 proves it
        record[text] = record[text].replace("() Int)", "() Real)")
    save_cert(out, "lemma:user", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "leaves the integer symbol i as it is" in proc.stdout, proc.stdout


def test_verify_rejects_a_use_that_substitutes_for_a_constant(write_dev, tmp_path):
    """A forged substitution 1 -> 0 inside (x + 1)^2 = x^2 + 2x + 1 would 'prove' x^2 = x^2 + 2x => x = 0."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    path = write_dev("""
@DEVELOPMENT.lemma("lemma:sq", "Square", "(x + 1)^2 = x^2 + 2x + 1")
def _():
    yield Obligation("e", Identity((x + 1)**2, x**2 + 2*x + 1))

@DEVELOPMENT.lemma("lemma:zero", "Zero", "x^2 = x^2 + 2x => x = 0", deps=["lemma:sq"])
def _():
    yield Obligation("z", Implication((sp.Eq(x**2, x**2 + 2*x),), sp.Eq(x, 0)))
""")
    out = tmp_path / "out"
    run_json("check", str(path), "--out", str(out))
    cert = load_cert(out, "lemma:zero")
    record = cert["obligations"][0]["record"]
    record["uses"] = [{"node": "lemma:sq", "obligation": "e", "hypothesis": 0,
                       "substitution": [[{"int": "1"}, {"int": "0"}]]}]
    record["justification"] = [{"kind": "use", "use": 0}]
    save_cert(out, "lemma:zero", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "not a free symbol" in proc.stdout, proc.stdout


def test_a_change_of_variables_has_its_side_conditions(write_dev):
    """A new variable that captures a free one, and a matrix that may be singular, are refused."""
    path = write_dev("""
from proofs import Assume
u, a = sp.symbols("u a", real=True)
g = sp.exp(-x**2)

def scaled(assumptions=()):
    return Chain(sp.Integral(g, (x, -sp.oo, sp.oo)), (
        Step(sp.Integral(sp.Abs(a) * sp.exp(-a**2 * u**2), (u, -sp.oo, sp.oo)), rule="change_of_variables",
             params=dict(old=(x,), new=(u,), A=[[a]])),), assumptions=assumptions)

@DEVELOPMENT.lemma("lemma:capture", "Capture", "int y e^{-x^2} dx = int y e^{-y^2} dy")
def _():
    yield Obligation("c", Chain(sp.Integral(y * g, (x, -sp.oo, sp.oo)), (
        Step(sp.Integral(y * sp.exp(-y**2), (y, -sp.oo, sp.oo)), rule="change_of_variables",
             params=dict(old=(x,), new=(y,), A=[[1]])),)))

@DEVELOPMENT.lemma("lemma:scale", "Scale", "int e^{-x^2} dx = int |a| e^{-a^2 u^2} du")
def _():
    yield Obligation("c", scaled())

@DEVELOPMENT.lemma("lemma:scale-ok", "Scale", "a != 0 => the same")
def _():
    yield Obligation("c", scaled((Assume(sp.Ne(a, 0)),)))
""")
    code, summary = run_json("check", str(path), "--no-out")
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert nodes["lemma:capture"]["status"] == "failed" and "captured" in nodes["lemma:capture"]["reason"]
    assert nodes["lemma:scale"]["status"] == "failed" and "non-zero" in nodes["lemma:scale"]["reason"]
    assert nodes["lemma:scale-ok"]["status"] == "proved", nodes["lemma:scale-ok"]


CHAIN_OF_USES = """
from proofs import Assume, Use
a, b = sp.symbols("a b", real=True)

@DEVELOPMENT.lemma("lemma:sq", "Squares", "x != 0 => x^2 > 0")
def _():
    yield Obligation("sq", Implication((Assume(sp.Ne(x, 0)),), x**2 > 0))

@DEVELOPMENT.lemma("lemma:sum", "Sums of squares", "a != 0 => a^2 + b^2 > 0", deps=["lemma:sq"])
def _():
    yield Obligation("sum", Implication((Assume(sp.Ne(a, 0)), Use("lemma:sq", "sq", {x: a})), a**2 + b**2 > 0))

@DEVELOPMENT.lemma("lemma:top", "Applied", "y != 0 => y^2 + b^2 > 0", deps=["lemma:sum"])
def _():
    yield Obligation("top", Implication((Assume(sp.Ne(y, 0)), Use("lemma:sum", "sum", {a: y})),
                                        y**2 + b**2 > 0))
"""


def test_a_used_result_states_its_own_hypotheses_not_the_uses_it_rests_on(write_dev, tmp_path):
    """lemma:sum's result is a != 0 => a^2 + b^2 > 0 (and its side condition a != 0): the instance of lemma:sq it used is a theorem, so
    lemma:top restates only y != 0 as a side condition, and the kernel re-derives the same instance."""
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(CHAIN_OF_USES)), "--out", str(out))
    assert code == 0 and _statuses(summary)["lemma:top"] == "proved", summary
    cert = json.loads((out / "certificates" / "lemma_top.json").read_text())
    record = cert["obligations"][0]["record"]
    import sympy as sp

    from certificates.serialize import decode
    b, y = sp.Symbol("b", real=True), sp.Symbol("y", real=True)
    used = decode(record["hypotheses"][1])
    assert isinstance(used, sp.Implies) and used.args[0] == sp.Ne(y, 0), used   # not also y**2 > 0 => ...
    assert set(sp.And.make_args(decode(record["conclusion"]))) == {y**2 + b**2 > 0, sp.Ne(y, 0)}
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 0, proc.stdout


CITED = """
from proofs import Assume, Use
m, d, mT = sp.symbols("m d m_T", real=True)

DEVELOPMENT.cited("cite:measure", "Measure of a linear image", r"m(AE) = |\\det A|\\, m(E)", reference="[1]",
                  states=[Obligation("scaling", Implication((Assume(sp.Ne(d, 0)),), sp.Eq(mT, sp.Abs(d) * m)),
                                     parameters=(d,))])

@DEVELOPMENT.lemma("lemma:area", "Doubling", "det 2, m(E) = 1 => m(AE) = 2", deps=["cite:measure"])
def _():
    yield Obligation("area", Implication((Assume(sp.Eq(m, 1)), Use("cite:measure", "scaling", {d: 2})),
                                         sp.Eq(mT, {value})))
"""


def test_a_cited_result_states_a_formula_that_obligations_use(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(CITED.replace("{value}", "2"))), "--out", str(out))
    statuses = _statuses(summary)
    assert code == 0 and statuses == {"cite:measure": "assumed", "lemma:area": "proved"}, summary
    cited = next(n for n in summary["nodes"] if n["id"] == "cite:measure")
    assert [(o["name"], o["verdict"]) for o in cited["obligations"]] == [("scaling", "assumed")]
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 0, proc.stdout
    report = json.loads(call_cli("audit", str(write_dev(CITED.replace("{value}", "2"))), "--json", "-").stdout)
    assert report["stated_formulas_used"] == [{"node": "cite:measure", "formula": "scaling",
                                               "used_by": "lemma:area", "obligation": "area"}]
    assert report["unjustified_hypotheses"] == []
    wrong = write_dev(CITED.replace("{value}", "3"), name="wrong.py")        # another file: a fresh module
    code, summary = run_json("check", str(wrong), "--no-out")
    assert _statuses(summary)["lemma:area"] == "unknown" and code == 3        # the use is what it states


def test_a_claim_cannot_pass_a_verdict_off_as_assumed(write_dev, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "certificates"))
    from cert_helpers import load_cert, reseal, save_cert

    out = tmp_path / "out"
    code, _ = run_json("check", str(write_dev(CITED.replace("{value}", "2"))), "--out", str(out))
    assert code == 0
    cert = load_cert(out, "lemma:area")
    cert["obligations"][0]["verdict"] = "assumed"
    save_cert(out, "lemma:area", cert)
    reseal(out)
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 1 and "lemma:area" in proc.stdout, proc.stdout


FUNCTIONS = """
from proofs import Assume, Use
g, h = sp.Function("g"), sp.Function("h")
u, c = sp.symbols("u c", real=True)

DEVELOPMENT.cited("cite:square-integral", "The integral of a square is not negative", r"\\int g^2 \\ge 0",
                  reference="[1]", states=[Obligation("nonneg", Implication((), sp.Integral(g(y)**2, (y, 0, 1)) >= 0),
                                                    parameters=(g(y),))])

@DEVELOPMENT.lemma("lemma:applied", "Applied to c h", r"\\int (c h)^2 \\ge 0", deps=["cite:square-integral"])
def _():
    yield Obligation("applied", Implication((Use("cite:square-integral", "nonneg", {SUBST}),),
                                            sp.Integral((c * h(y))**2, (y, 0, 1)) >= 0))
"""


def test_a_use_substitutes_a_function(write_dev, tmp_path):
    out = tmp_path / "out"
    dev = FUNCTIONS.replace("{SUBST}", "{g: sp.Lambda(u, c * h(u))}")
    code, summary = run_json("check", str(write_dev(dev)), "--out", str(out))
    assert code == 0 and _statuses(summary)["lemma:applied"] == "proved", summary
    cert = json.loads((out / "certificates" / "lemma_applied.json").read_text())
    assert cert["obligations"][0]["record"]["uses"][0]["substitution"][0][0]["fn"] == "g"
    proc = call_cli("verify", str(out), "--no-cvc5")
    assert proc.returncode == 0, proc.stdout


def test_a_function_substitution_that_captures_is_rejected(write_dev):
    dev = FUNCTIONS.replace("{SUBST}", "{g: sp.Lambda(u, c * h(y))}")       # y is bound by the integral
    proc = call_cli("check", str(write_dev(dev)), "--no-out")
    assert proc.returncode == 2 and "capture" in proc.stderr, proc.stderr


def test_a_stated_formula_fixes_what_is_not_its_parameter(write_dev):
    """m(AE) = |det A| m(E) with m_E, m_T naming two measures holds as read, not for every real value of them:
    a use that substitutes for them (and could make the cited statement say 1 = 0) is refused."""
    dev = CITED.replace("{value}", "2").replace('{d: 2}', '{d: 2, m: 0}')
    proc = call_cli("check", str(write_dev(dev)), "--no-out")
    assert proc.returncode == 2 and "fixes" in proc.stderr, proc.stderr


def test_run_json_and_the_report_list_each_unjustified_hypothesis(write_dev, tmp_path):
    path = write_dev(_fill(BASE, TRUE) + """
@DEVELOPMENT.lemma("lemma:glue", "Glue", "a != 0 => a^2 + 1 > 1", deps=["lemma:square"])
def _():
    yield Obligation("close", Implication((Assume(sp.Ne(a, 0)), a**2 > 0), a**2 + 1 > 1))
""")
    out = tmp_path / "out"
    code, summary = run_json("check", str(path), "--out", str(out))
    glue = next(n for n in summary["nodes"] if n["id"] == "lemma:glue")
    assert glue["unjustified"] == [{"obligation": "close", "hypothesis": "a**2 > 0"}]
    md = (out / "report.md").read_text()
    assert "Hypotheses not justified" in md and "`close`: `a**2 > 0`" in md
    assert "<code>a**2 &gt; 0</code>" in (out / "report.html").read_text()
    explained = call_cli("explain", "lemma:glue", "--out", str(out))
    assert "hypotheses not justified" in explained.stdout and "close: a**2 > 0" in explained.stdout, explained.stdout


@pytest.mark.timeout(120)
def test_a_used_conjunction_is_proved_conjunct_by_conjunct(write_dev, tmp_path):
    """The engine conjoins a used hypothesis And(x > 0, y > 0) to the conclusion, which flattens it; the kernel
    finds each of its conjuncts there (it looked for the whole And and rejected a correct proof)."""
    body = """
from proofs import Assume, Use

@DEVELOPMENT.lemma("lemma:both", "both positive", "x > 0 and y > 0 => x y > 0")
def _():
    yield Obligation("both", Implication((Assume(sp.And(x > 0, y > 0)),), x * y > 0))

@DEVELOPMENT.lemma("lemma:use", "used", "x > 1, y > 1 => x y > 0", deps=["lemma:both"])
def _():
    yield Obligation("use", Implication((Assume(x > 1), Assume(y > 1), Use("lemma:both", "both")), x * y > 0))
"""
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(body)), "--out", str(out))
    assert code == 0 and _statuses(summary)["lemma:use"] == "proved", summary
    assert call_cli("verify", str(out), "--no-cvc5").returncode == 0
