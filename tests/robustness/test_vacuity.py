"""Vacuity: contradictory assumptions never prove anything; satisfiable ones leave a witness."""
from __future__ import annotations

import sympy as sp

from proofs import Assume, Chain, Development, Identity, Obligation, Status, Step, Verdict
from proofs.checker import check
from proofs.vacuity import check_consistency, trusted_base_consistency

x, y = sp.symbols("x y", real=True)
p = sp.Symbol("p", positive=True)
f = sp.Function("f")


def _dev(assumptions: tuple, chain: bool = False) -> Development:
    dev = Development("vac")

    @dev.lemma("lemma:a", "A", "a")
    def build():
        if chain:
            yield Obligation("c", Chain(x * (x + 1), (Step(x ** 2 + x),), tuple(map(Assume, assumptions))))
        else:
            yield Obligation("i", Identity(x * (x + 1), x ** 2 + x, tuple(map(Assume, assumptions))))
    return dev


def _outcome(dev: Development):
    run = check(dev, jobs=0, timeout=20)
    result = run.results["lemma:a"]
    return result, result.obligations[0].outcome


def test_contradictory_assumptions_are_vacuous_and_fail_the_node():
    for chain in (False, True):
        result, outcome = _outcome(_dev((x > 1, x < 0), chain))
        assert outcome.verdict == Verdict.VACUOUS
        assert outcome.record["assumption_witness"]["status"] == "unsatisfiable"
        assert result.status == Status.FAILED and "vacuous" in result.reason


def test_symbol_assumptions_count():  # p is declared positive: p < 0 contradicts it
    _, outcome = _outcome(_dev((p < 0,)))
    assert outcome.verdict == Verdict.VACUOUS


def test_contradiction_through_undefined_functions():
    _, outcome = _outcome(_dev((f(x) > 0, f(y) < 0, sp.Eq(x, y))))
    assert outcome.verdict == Verdict.VACUOUS


def test_satisfiable_assumptions_record_a_checked_witness():
    result, outcome = _outcome(_dev((sp.Ne(x * y, 0), x + y > 3)))
    assert result.status == Status.PROVED
    witness = outcome.record["assumption_witness"]
    assert witness["status"] == "satisfiable" and witness["method"] == "sampling"
    values = {sp.Symbol(k, real=True): v for k, v in witness["witness"]["symbols"].items()}
    from certificates.serialize import decode
    values = {k: decode(v) for k, v in values.items()}
    assert (x * y).xreplace(values) != 0 and (x + y).xreplace(values) > 3


def test_z3_witness_when_sampling_misses():
    _, outcome = _outcome(_dev((x > 1000, f(x) > 10 ** 6)))
    assert outcome.verdict == Verdict.PROVED
    assert outcome.record["assumption_witness"]["method"] == "z3"


def test_undecidable_assumptions_do_not_prove():
    result, outcome = _outcome(_dev((sp.sin(x) > 2,)))
    assert outcome.verdict == Verdict.UNKNOWN and result.status != Status.PROVED
    assert "could not be shown satisfiable" in outcome.message


def test_no_assumptions_leave_the_record_unchanged():
    _, outcome = _outcome(_dev(()))
    assert outcome.verdict == Verdict.PROVED and "assumption_witness" not in outcome.record


def test_check_consistency_cases():
    assert check_consistency([]).status == "satisfiable"
    assert check_consistency([sp.false]).status == "unsatisfiable"
    assert check_consistency([x ** 2 < 0]).status == "unsatisfiable"
    assert check_consistency([x ** 2 < 0], seed=5).status == "unsatisfiable"
    assert check_consistency([x > 0, y > x, y < 1]).status == "satisfiable"


def test_trusted_base_consistency():
    dev = Development("tb")
    dev.cited("cite:a", "A", "a", reference="book", hypotheses=[x > 0, "f is integrable"])
    dev.cited("cite:b", "B", "b", reference="book", hypotheses=[x < 0])
    dev.cited("cite:c", "C", "c", reference="book", hypotheses=[x < 5])

    @dev.theorem("thm:bad", "Bad", "t", deps=["cite:a", "cite:b"])
    def bad():
        yield Obligation("i", Identity(x, x))

    @dev.theorem("thm:good", "Good", "t", deps=["cite:a", "cite:c"])
    def good():
        yield Obligation("i", Identity(x, x))

    bad_report = trusted_base_consistency(dev, "thm:bad")
    assert bad_report["status"] == "unsatisfiable" and bad_report["textual"] == 1
    assert bad_report["nodes"] == ["cite:a", "cite:b"]
    assert trusted_base_consistency(dev, "thm:good")["status"] == "satisfiable"
