"""The verifier's individual re-checks, fed records made by the engine's own backends and then edited:
the SMT-LIB text must encode the recorded relations assertion by assertion, recorded models must
settle the claim, numeric verdicts must follow from finite residuals, and parallel re-checks agree."""
from __future__ import annotations

import copy
import time

import pytest
import sympy as sp

from certificates import pool, recheck, smt
from proofs.backends.z3_backend import Z3Backend
from proofs.model import Implication, Obligation

x, y = sp.symbols("x y", real=True)


def _z3_record(hypotheses, conclusion):
    outcome = Z3Backend().discharge(Obligation("o", Implication(tuple(hypotheses), conclusion)),
                                    timeout=10, seed=0, profile="quick")
    return outcome.verdict.value, outcome.record, outcome.counterexample


def test_engine_record_rechecks():
    verdict, record, cex = _z3_record([x > 0, y > 0], x * y > 0)
    assert verdict == "proved"
    assert smt.check_z3(record, verdict, cex) == (True, "negation unsat, hypotheses sat")


def _smt2(*formulas) -> str:
    """SMT-LIB text as the engine writes it, for formulas chosen by the test."""
    import z3
    solver = z3.Solver()
    solver.add(*formulas)
    return solver.to_smt2()


def test_an_equivalent_rewriting_of_an_assertion_is_accepted():
    import z3
    verdict, record, cex = _z3_record([x > 0, y > 0], x * y > 0)
    X, Y = z3.Reals("x y")
    record["smtlib"] = _smt2(X > 0, -Y < 0, z3.Not(0 < X * Y))
    ok, detail = smt.check_z3(record, verdict, cex)
    assert ok, detail


def test_an_inequivalent_assertion_is_named_by_its_index():
    """Same symbols, same number of assertions, one hypothesis weakened: the text no longer
    encodes the record, whatever the solver would answer on it."""
    import z3
    verdict, record, cex = _z3_record([x > 0, y > 0], x * y > 0)
    X, Y = z3.Reals("x y")
    record["smtlib"] = _smt2(X > 0, Y > -1, z3.Not(0 < X * Y))
    with pytest.raises(ValueError, match="assertion 2 is not equivalent"):
        smt.check_z3(record, verdict, cex)


def test_a_missing_assertion_is_counted():
    import z3
    verdict, record, cex = _z3_record([x > 0, y > 0], x * y > 0)
    X, Y = z3.Reals("x y")
    record["smtlib"] = _smt2(X > 0, z3.Not(0 < X * Y))
    with pytest.raises(ValueError, match="2 assertion\\(s\\) for 3 recorded"):
        smt.check_z3(record, verdict, cex)


def test_only_a_trailing_true_may_be_left_out():
    """Z3's to_smt2 drops a last assertion that is `true`; the verifier allows exactly that."""
    import z3
    parsed = list(z3.parse_smt2_string(_smt2(z3.Real("x") > 0, z3.BoolVal(True))))
    assert len(parsed) == 1                                         # the behaviour allowed for
    expected = [z3.Real("x") > 0, z3.BoolVal(True)]
    smt.same_formulas(parsed[:1], expected, "t")                 # a true last one: accepted
    with pytest.raises(ValueError, match="1 assertion\\(s\\) for 2 recorded"):
        smt.same_formulas(parsed[:1], [expected[0], z3.Real("x") > 1], "t")


def test_a_refutation_model_must_settle_the_claim():
    verdict, record, cex = _z3_record([x > 0], x > 1)
    assert verdict == "refuted"
    assert smt.check_z3(record, verdict, cex)[0]
    wrong = copy.deepcopy(cex)
    wrong["model"] = {"x": "2"}
    assert smt.check_z3(record, verdict, wrong) == (False, "the recorded model does not satisfy the negated claim")
    assert smt.check_z3(record, verdict, {"model": {"z": "0"}})[0] is False


def test_division_by_zero_entries_never_settle_a_claim():
    """Z3 interprets x/0 freely; a model entry "/0" is ignored, and a claim it would decide is not accepted."""
    import z3
    a = z3.Real("x")
    formulas = [a / 0 > 1]                          # only true if division by zero is given a value
    assert smt.check_model(formulas, {"x": "1", "/0": "(lambda ...)"}) == (
        False, "the recorded model gives division by zero a value and does not settle the claim exactly")
    ok, detail = smt.check_model([a > 0], {"x": "1", "/0": "anything"})
    assert ok, detail


def _numeric_record(**change):
    record = {"kind": "numeric", "residuals": [1e-3, 1e-6], "resolutions": [16, 32], "tolerance": 1e-4,
              "expect": "agree", "seed": 7}
    record.update(change)
    return record


def test_numeric_verdicts_follow_from_finite_residuals_and_tolerance():
    assert recheck.check_numeric(_numeric_record(), "agrees")[0]
    assert not recheck.check_numeric(_numeric_record(), "refuted")[0]
    assert not recheck.check_numeric(_numeric_record(residuals=[0.5, 0.5]), "agrees")[0]
    assert recheck.check_numeric(_numeric_record(residuals=[0.5, 0.5]), "refuted")[0]


@pytest.mark.parametrize("tolerance", [float("inf"), -1.0, float("nan")])
def test_a_tolerance_the_engine_would_not_accept_is_refused(tolerance):
    """JSON's 1e999 reads as inf: with it every residual would pass."""
    ok, detail = recheck.check_numeric(_numeric_record(residuals=[5.0, 5.0], tolerance=tolerance), "agrees")
    assert not ok and "must be finite, >= 0" in detail


def test_an_exact_check_may_have_tolerance_zero():
    assert recheck.check_numeric(_numeric_record(residuals=[0.0, 0.0], tolerance=0.0), "agrees")[0]
    assert recheck.check_numeric(_numeric_record(residuals=[0.0, 1e-300], tolerance=0.0), "unknown")[0]


def test_disagreement_unknown_and_malformed_residuals():
    disagree = _numeric_record(residuals=[0.3, 0.3], expect="disagree")
    assert recheck.check_numeric(disagree, "agrees")[0]              # the expected difference is there
    assert recheck.check_numeric({**disagree, "residuals": [0.3, 1e-6]}, "refuted")[0]
    assert recheck.check_numeric(_numeric_record(residuals=[1e-3, 1e-3]), "refuted")[0]   # stable gap
    assert recheck.check_numeric(_numeric_record(residuals=[1e-2, 1e-3]), "unknown")[0]   # shrinking, not there
    assert recheck.check_numeric(_numeric_record(residuals=[1e-6]), "failed")[0]          # count unlike grids
    assert recheck.check_numeric(_numeric_record(residuals=["nan", 1e-6]), "failed")[0]
    assert not recheck.check_numeric(_numeric_record(residuals=[1e-6]), "agrees")[0]


def _answer(value):
    return True, f"value {value}"


def _slow(seconds):
    time.sleep(seconds)
    return True, "late"


def _crash():
    import os
    os._exit(3)


@pytest.mark.parametrize("jobs", [1, 3])
def test_parallel_rechecks_give_each_task_its_own_answer(jobs):
    tasks = [(("n", i, 0), _answer, (i,)) for i in range(7)]
    tasks += [(("slow", 0, 0), _slow, (30,)), (("crash", 0, 0), _crash, ())]
    start = time.monotonic()
    answers = pool.run_bounded(tasks, jobs=jobs, seconds=2, memory_mb=2048)
    assert time.monotonic() - start < 25            # the slow task is cut off, not waited for
    assert {k: answers[k].value for k, _, _ in tasks if k[0] == "n"} == {
        ("n", i, 0): [True, f"value {i}"] for i in range(7)}
    assert answers[("slow", 0, 0)].kind == "timeout" and "no answer within 2s" in answers[("slow", 0, 0)].detail
    assert answers[("crash", 0, 0)].kind == "crashed"


def test_a_batch_shares_a_child_but_each_task_keeps_its_deadline():
    """Tasks in one child answer one by one; a slow one times out alone, a crash takes only itself, and the
    tasks after either are run again in children of their own."""
    tasks = [(("a", i), _answer, (i,)) for i in range(3)]
    tasks += [(("slow",), _slow, (30,)), (("after-slow", 0), _answer, (10,)), (("crash",), _crash, ()),
              (("after-crash", 0), _answer, (11,))]
    start = time.monotonic()
    answers = pool.run_bounded(tasks, jobs=1, seconds=2, batch=8)
    assert time.monotonic() - start < 25
    assert [answers[("a", i)].value for i in range(3)] == [[True, f"value {i}"] for i in range(3)]
    assert answers[("slow",)].kind == "timeout" and answers[("crash",)].kind == "crashed"
    assert answers[("after-slow", 0)].value == [True, "value 10"]
    assert answers[("after-crash", 0)].value == [True, "value 11"]


_POISONED = []


def _poison():
    _POISONED.append(True)
    return True, "poisoned"


def _victim():
    import os
    if _POISONED:                 # what ran before it in the child makes it crash
        os._exit(4)
    return True, "alone"


def _pid():
    import os
    return os.getpid()


def test_a_crash_after_others_in_its_child_is_run_again_alone():
    tasks = [(("poison",), _poison, ()), (("victim",), _victim, ()), (("crash",), _crash, ()),
             (("after",), _answer, (1,))]
    answers = pool.run_bounded(tasks, jobs=1, seconds=5, batch=8)
    assert answers[("victim",)].value == [True, "alone"]        # retried in a fresh child
    assert answers[("crash",)].kind == "crashed"                # its own crash: crashed again when alone
    assert answers[("after",)].value == [True, "value 1"]


def test_tasks_marked_alone_never_share_a_child():
    tasks = [((kind, i), _pid, ()) for kind in ("alone", "shared", "late") for i in range(4)]
    answers = pool.run_bounded(tasks, jobs=1, seconds=5, batch=8, alone=lambda key: key[0] != "shared")
    pids = {key: answers[key].value for key, _, _ in tasks}
    alone = [pids[(kind, i)] for kind in ("alone", "late") for i in range(4)]
    shared = {pids[("shared", i)] for i in range(4)}
    assert len(set(alone)) == 8 and not set(alone) & shared
    assert len(shared) == 1                                     # the others did share one child


def _stated_record(mark: dict) -> dict:
    """The record of the cited formula ``d != 0 => m_T = |d| m`` (parameter d), its hypothesis marked ``mark``."""
    from certificates.serialize import encode
    d, m, mt = sp.symbols("d m m_T", real=True)
    return {"kind": "implication", "hypotheses": [encode(sp.Ne(d, 0))], "conclusion": encode(sp.Eq(mt, sp.Abs(d) * m)),
            "integer_symbols": [], "justification": [mark], "parameters": [encode(d)], "schemas": []}


@pytest.mark.parametrize("mark", [{"kind": "assume"}, {"kind": "use", "use": 0}])
def test_a_stated_formula_keeps_every_hypothesis_whatever_its_marks_say(mark):
    """No re-check derives the marks of a formula a cited result states, so a mark there cannot drop its
    hypothesis: a user that takes the bare conclusion ``m_T = |k| m`` (no ``k != 0``) is rejected."""
    from certificates.serialize import encode
    k, m, mt = sp.symbols("k m m_T", real=True)
    d = sp.Symbol("d", real=True)
    user = {"kind": "implication", "hypotheses": [encode(sp.Eq(mt, sp.Abs(k) * m))], "conclusion": encode(sp.Eq(mt, 0)),
            "justification": [{"kind": "use", "use": 0}], "integer_symbols": [], "schemas": [],
            "uses": [{"node": "cite:measure", "obligation": "scaling", "hypothesis": 0,
                      "substitution": [[encode(d), encode(k)]]}]}
    used = [{"verdict": "assumed", "record": _stated_record(mark)}]
    accepted, message = recheck.check_uses(user, ["cite:measure"], used)
    assert not accepted and "not the instance of what the dependency states" in message, message
    hypotheses, _, _ = recheck._stated(_stated_record(mark), proved=False)
    assert hypotheses == [sp.Ne(d, 0)]
