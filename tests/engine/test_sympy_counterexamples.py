"""False identities are refuted with a concrete instance, and the verifier accepts exactly those
instances: scalar sides whose difference names no symbol, and matrices, entry by entry."""
from __future__ import annotations

import pytest
import sympy as sp

from certificates import recheck
from proofs.backends.sympy_backend import SympyBackend
from proofs.model import Identity, Obligation, Verdict

x, y = sp.symbols("x y", real=True)
f = sp.Function("f")
M = sp.Matrix([[x, y], [0, 1]])

FALSE = {
    "constant-gap": (x, x + 1),                                    # x - (x + 1) = -1 names no symbol
    "function-constant-gap": (f(x), f(x) + 1),
    "matrix-constant-entry": (sp.Matrix([x, 1]), sp.Matrix([x, 2])),
    "matrix-product": (M * sp.Matrix([1, 1]), sp.Matrix([x + y + 1, 1])),
    "matrix-transposed": (M.T * sp.Matrix([1, 1]), M * sp.Matrix([1, 1])),
}


def _discharge(lhs, rhs, assumptions=()):
    return SympyBackend().discharge(Obligation("o", Identity(lhs, rhs, assumptions)), timeout=30, seed=3,
                                    profile="quick")


@pytest.mark.parametrize("case", sorted(FALSE))
def test_false_identities_are_refuted_and_the_instance_rechecks(case):
    outcome = _discharge(*FALSE[case])
    assert outcome.verdict == Verdict.REFUTED, outcome.message
    assert outcome.counterexample["lhs_value"] != outcome.counterexample["rhs_value"]
    ok, detail = recheck.check_sympy_counterexample(outcome.record, outcome.counterexample)
    assert ok, detail


def test_a_matrix_counterexample_names_the_entry_that_differs():
    outcome = _discharge(*FALSE["matrix-product"])
    assert outcome.counterexample["entry"] == [0, 0]
    forged = {**outcome.counterexample, "entry": [1, 0]}             # that entry agrees
    assert recheck.check_sympy_counterexample(outcome.record, forged) == (
        False, "on the recorded instance the two sides agree")
    for entry in ([2, 0], [0], "1,0", [True, 0]):
        ok, detail = recheck.check_sympy_counterexample(outcome.record, {**outcome.counterexample, "entry": entry})
        assert not ok and "entry" in detail
    no_entry = {k: v for k, v in outcome.counterexample.items() if k != "entry"}
    assert recheck.check_sympy_counterexample(outcome.record, no_entry) == (
        False, "a counterexample to a matrix identity must name the entry that differs")


def test_true_matrix_identities_are_proved():
    assert _discharge(M * sp.Matrix([1, 1]), sp.Matrix([x + y, 1])).verdict == Verdict.PROVED
    inverse = _discharge(M.inv() * M, sp.eye(2), (sp.Ne(x, 0),))
    assert inverse.verdict == Verdict.PROVED, inverse.message


def test_matrices_of_different_shapes_are_not_proved():
    assert _discharge(sp.Matrix([x, 1]), sp.Matrix([[x, 1]])).verdict != Verdict.PROVED
