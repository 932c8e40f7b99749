"""The kernel's induction rule: base and step re-derived from the recorded variable, start, formula and
hypotheses, each re-checked by Z3; a forged part, start or formula is rejected by the check's judgement and
by ``verify``; a use of an induction substitutes only integer terms for its variable."""
from __future__ import annotations

import copy
import time

import pytest
import sympy as sp
from cert_helpers import call_cli, check_dev, copy_out, failed_nodes, load_cert, reseal, save_cert, verify_dir

from certificates import recheck
from certificates.judge import judge
from certificates.normal_form import induction_parts
from certificates.serialize import encode
from proofs.backends.z3_backend import Z3Backend
from proofs.model import Implication, Induction, Obligation

n = sp.Symbol("n", integer=True)
q = sp.Symbol("q", real=True)
BERNOULLI = Induction(n, q**n >= 1 + n * (q - 1), (q > 1,))
FROM_ONE = Induction(n, n >= 1, (), start=1)                            # true from 1, false at 0
FALSE_BASE = Induction(n, q**n >= 2 + n * (q - 1), (q > 1,))           # 1 >= 2 at n = 0; the step holds
FALSE_STEP = Induction(n, q**n >= 1 + n * (q - 1) + n**2, (q > 1,))    # true at 0, false at 1


def _outcome(payload):
    ob = Obligation("o", payload, justification=tuple({"kind": "assume"} for _ in payload.hypotheses))
    out = Z3Backend().discharge(ob, timeout=30, seed=0, profile="quick")
    return out.verdict.value, out.record, out.counterexample


def _judged(verdict, record, cex=None):
    """The check's judgement of one obligation: the kernel's word and the node's status."""
    node = {"id": "lemma:i", "kind": "lemma", "deps": [], "printed": True, "corrects": None,
            "obligations": [{"name": "o", "backend": "z3", "verdict": verdict, "message": "", "record": record,
                             "counterexample": cex}]}
    result = judge([node], jobs=1, timeout=60)["nodes"]["lemma:i"]
    return result["obligations"][0]["kernel"], result["status"]


@pytest.mark.timeout(120)
def test_a_true_induction_is_proved_and_accepted():
    verdict, record, cex = _outcome(BERNOULLI)
    assert verdict == "proved"
    ok, detail = recheck.check_induction(record, verdict, cex)
    assert ok and "re-derived and re-proved" in detail
    assert _judged(verdict, record) == ("accepted", "proved")


@pytest.mark.timeout(120)
def test_a_false_base_is_refuted_and_its_model_rechecked():
    verdict, record, cex = _outcome(FALSE_BASE)
    assert verdict == "refuted" and "step" not in record
    assert recheck.check_induction(record, verdict, cex)[0]
    assert _judged(verdict, record, cex) == ("accepted", "refuted")
    assert _judged(verdict, record, {"model": {"q": "1/2"}}) == ("rejected", "failed")   # not a model of H


@pytest.mark.timeout(120)
def test_a_false_step_is_not_proved_and_a_proved_verdict_for_it_is_rejected():
    verdict, record, cex = _outcome(FALSE_STEP)
    assert verdict == "unknown" and "step" in record
    assert _judged("proved", record) == ("rejected", "failed")
    ok, detail = recheck.check_induction(record, "proved", None)
    assert not ok and "step" in detail


def _step_record(payload):
    """The step of ``payload`` as the backend records it (also when its base is false)."""
    _, (hypotheses, conclusion) = induction_parts(payload.variable, payload.formula, payload.hypotheses,
                                                  payload.start)
    step = Implication(tuple(hypotheses), conclusion, (payload.variable,))
    return Z3Backend()._implication(step, time.perf_counter(), 30, 0, powers_of=payload.variable).record


def _forge_base(record):
    """Bernoulli's base (a true one) in place of the refuted base, with the formula's own (provable) step,
    marked proved."""
    record = copy.deepcopy(record)
    record["base"] = _outcome(BERNOULLI)[1]["base"]
    record["step"] = _step_record(FALSE_BASE)
    return record


def _forge_step(record):
    """The step of Bernoulli's inequality in place of the one that does not follow, marked proved."""
    record = copy.deepcopy(record)
    record["step"] = _outcome(BERNOULLI)[1]["step"]
    return record


def _forge_start(record):
    """n >= 1 proved from 1, recorded as from 0 (where it is false)."""
    record = copy.deepcopy(record)
    record["start"] = 0
    return record


def _forge_formula(record):
    """Bernoulli's base and step under a stronger formula (false at n = 0)."""
    record = copy.deepcopy(record)
    record["formula"] = encode(q**n >= 2 + n * (q - 1))
    return record


FORGERIES = {"base": (FALSE_BASE, _forge_base), "step": (FALSE_STEP, _forge_step),
             "start": (FROM_ONE, _forge_start), "formula": (BERNOULLI, _forge_formula)}


@pytest.mark.timeout(180)
@pytest.mark.parametrize("part", sorted(FORGERIES))
def test_a_forged_induction_record_is_rejected_by_the_judgement(part):
    payload, forge = FORGERIES[part]
    _, record, _ = _outcome(payload)
    forged = forge(record)
    assert _judged("proved", forged) == ("rejected", "failed")
    try:
        ok, _ = recheck.check_induction(forged, "proved", None)
    except ValueError:
        ok = False
    assert not ok


def test_the_step_conclusion_must_be_p_of_n_plus_1():
    """A step recorded with P(n) as its conclusion (trivially proved) is not the step of the formula."""
    _, record, _ = _outcome(BERNOULLI)
    forged = copy.deepcopy(record)
    forged["step"] = _outcome(Induction(n, q**n >= 1 + n * (q - 1), (q > 1,)))[1]["step"]
    forged["step"]["conclusion"] = forged["step"]["hypotheses"][-1]
    ok, detail = recheck.check_induction(forged, "proved", None)
    assert not ok and "step's conclusion" in detail


def test_a_hypothesis_that_mentions_the_variable_is_no_induction():
    _, record, _ = _outcome(BERNOULLI)
    forged = copy.deepcopy(record)
    forged["hypotheses"] = [encode(sp.Eq(n, 1))]
    with pytest.raises(ValueError, match="mentions the induction variable"):
        recheck.check_induction(forged, "proved", None)


def test_the_statement_others_use_is_h_and_n_at_least_start_implies_p():
    _, record, _ = _outcome(FROM_ONE)
    hypotheses, conclusion, schemas = recheck._stated(record)
    assert hypotheses == [sp.Ge(n, 1)] and conclusion == (n >= 1) and schemas == []


# ----------------------------------------------------------------------------- written certificates, verify

DEV = r'''
import sympy as sp
from proofs.development import Development
from proofs.model import Assume, Every, Implication, Induction, Obligation, Use

DEVELOPMENT = Development("induction")
n, m = sp.symbols("n m", integer=True)
q, R = sp.symbols("q R", real=True)


@DEVELOPMENT.lemma("lemma:bernoulli", "Bernoulli", r"q > 1 \Rightarrow q^n \ge 1 + n(q - 1)")
def _():
    yield Obligation("bernoulli", Induction(n, q**n >= 1 + n * (q - 1), (Assume(q > 1),)))


@DEVELOPMENT.lemma("lemma:from-one", "From one", r"n \ge 1 \text{ for } n \ge 1")
def _():
    yield Obligation("from-one", Induction(n, n >= 1, (), start=1))


@DEVELOPMENT.lemma("lemma:escape", "Escape", r"q^m > R", deps=["lemma:bernoulli"])
def _():
    yield Obligation("escape", Implication(
        (Assume(q > 1), Assume(m >= 0), Assume(m * (q - 1) > R), Use("lemma:bernoulli", "bernoulli", {n: m})),
        q**m > R))


k = sp.Symbol("k", integer=True)
L = sp.Function("L", real=True)


@DEVELOPMENT.lemma("lemma:iterate", "Iterating", r"L(k) = q L(k + 1)\ (k \ge 0) \Rightarrow L(0) = q^n L(n)")
def _():
    yield Obligation("iterate", Induction(n, sp.Eq(L(0), q**n * L(n)), (Assume(Every(n, 0, sp.Eq(L(n), q * L(n + 1)))),),
                                          opaque=True))


@DEVELOPMENT.lemma("lemma:vanish", "Vanishing", r"L(m) = 0 \Rightarrow L(0) = 0", deps=["lemma:iterate"])
def _():
    yield Obligation("vanish", Implication(
        (Assume(Every(k, 0, sp.Eq(L(k), q * L(k + 1)))), Assume(m >= 0), Assume(sp.Eq(L(m), 0)),
         Use("lemma:iterate", "iterate", {n: m})), sp.Eq(L(0), 0)))
'''


@pytest.fixture(scope="module")
def induction_out(tmp_path_factory):
    from proofs.writer import write_certificates

    base = tmp_path_factory.mktemp("induction")
    (base / "dev.py").write_text(DEV)
    run = check_dev(base / "dev.py", timeout=60)
    write_certificates(run, base / "out")
    return base / "out"


@pytest.mark.timeout(180)
def test_the_written_certificates_verify(induction_out, tmp_path):
    result = verify_dir(copy_out(induction_out, tmp_path / "d"))
    assert result.failures == []
    assert load_cert(induction_out, "lemma:escape")["status"] == "proved"


def _edit(directory, node, edit):
    cert = load_cert(directory, node)
    edit(cert["obligations"][0]["record"])
    save_cert(directory, node, cert)
    reseal(directory)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("change", ["start", "formula", "base", "step"])
def test_verify_rejects_a_resealed_forgery(induction_out, tmp_path, change):
    target = copy_out(induction_out, tmp_path / "d")
    node = "lemma:from-one" if change == "start" else "lemma:bernoulli"

    def edit(record):
        if change == "start":
            record["start"] = 0
        elif change == "formula":
            record["formula"] = encode(q**n >= 2 + n * (q - 1))
        elif change == "base":
            record["base"]["conclusion"] = encode(q > 0)          # provable, but not P(0)
        else:
            record["step"]["hypotheses"].append(encode(q**(n + 1) >= 1 + (n + 1) * (q - 1)))
    _edit(target, node, edit)
    result = verify_dir(target)
    assert node in failed_nodes(result), result.failures
    proc = call_cli("verify", str(target), "--no-cvc5", cwd=target.parent)
    assert proc.returncode == 1, proc.stdout + proc.stderr


@pytest.mark.timeout(180)
def test_a_use_that_puts_a_real_in_the_variable_is_rejected(induction_out, tmp_path):
    target = copy_out(induction_out, tmp_path / "d")
    t = sp.Symbol("t", real=True)

    def edit(record):
        record["uses"][0]["substitution"] = [[encode(n), encode(t)]]
        index = record["uses"][0]["hypothesis"]
        record["hypotheses"][index] = encode(sp.Implies(sp.And(q > 1, t >= 0), q**t >= 1 + t * (q - 1)))
    _edit(target, "lemma:escape", edit)
    assert "lemma:escape" in failed_nodes(verify_dir(target))
    user = load_cert(target, "lemma:escape")["obligations"][0]["record"]
    used = load_cert(target, "lemma:bernoulli")["obligations"][0]
    ok, detail = recheck.check_uses(user, ["lemma:bernoulli"], [used])
    assert not ok and "not an integer, in the integer symbol n" in detail
    ok, detail = recheck.check_uses(load_cert(induction_out, "lemma:escape")["obligations"][0]["record"],
                                    ["lemma:bernoulli"], [used])
    assert ok, detail


@pytest.mark.timeout(180)
@pytest.mark.parametrize("change", ["user-schema", "induction-schema", "schema-start"])
def test_verify_rejects_a_schema_taken_away_or_moved(induction_out, tmp_path, change):
    """Without its schema the user's instance comes from nowhere; without the induction's, its step reads a
    hypothesis the record does not state; a schema from k = 1 does not give the step at n = 0."""
    target = copy_out(induction_out, tmp_path / "d")
    node = "lemma:vanish" if change == "user-schema" else "lemma:iterate"

    def edit(record):
        if change == "schema-start":
            record["schemas"][0]["start"] = 1
        else:
            del record["schemas"]
    _edit(target, node, edit)
    result = verify_dir(target)
    assert node in failed_nodes(result), result.failures
    if change == "user-schema":
        user = load_cert(target, "lemma:vanish")["obligations"][0]["record"]
        used = load_cert(target, "lemma:iterate")["obligations"][0]
        ok, detail = recheck.check_uses(user, ["lemma:iterate"], [used])
        assert not ok and "schema" in detail
    else:
        forged = load_cert(target, "lemma:iterate")["obligations"][0]["record"]
        with pytest.raises(ValueError, match="base hypotheses|starts at 1"):
            recheck.check_induction(forged, "proved", None)
