"""The numeric backend accepts true identities and refutes deliberately false ones, per transformation class."""
from __future__ import annotations

import numpy as np
import pytest

from proofs.backends.numeric_backend import NumericBackend, judge
from proofs.model import Numeric, Obligation, Verdict
from symbolic.numeric import CLASSES, Case, convolve_at, cross_check, sample, sample_any, sample_compact
from symbolic.numeric.check import pointwise

RES = {2: (24, 48, 96), 3: (16, 28, 40)}


def _lemma41(cls: str, dim: int, factor, seed: int = 0):
    rng = np.random.default_rng(seed)
    t = sample(rng, cls, dim)
    f, lam = sample_any(rng, dim), sample_compact(rng, dim, 0.8)
    tm, c = t.matrix, factor(t)
    lhs = lambda x, n: convolve_at(f.transformed(tm), lam, x @ tm.T, n)
    rhs = lambda x, n: convolve_at(f, lam.precompose(tm, c), x, n)
    return cross_check([Case({"transform": t.describe()}, rng.normal(size=(4, dim)) * 0.6, lhs, rhs, RES[dim])],
                       RES[dim], 1e-3)


@pytest.mark.parametrize("dim", [2, 3])
@pytest.mark.parametrize("cls", CLASSES)
def test_change_of_variables_with_abs_det_agrees(cls, dim):
    verdict, message = judge(_lemma41(cls, dim, lambda t: abs(t.det)))
    assert verdict == Verdict.AGREES, message


@pytest.mark.parametrize("cls", ["reflection", "affine_neg"])
def test_det_instead_of_abs_det_is_refuted_for_orientation_reversing_maps(cls):
    result = _lemma41(cls, 2, lambda t: t.det)
    verdict, _ = judge(result)
    assert verdict == Verdict.REFUTED
    assert result.counterexample["transform"]["det"] < 0
    assert len(result.counterexample["residuals"]) == 3


@pytest.mark.parametrize("cls", ["uniform_scaling", "nonuniform_scaling", "affine_pos"])
def test_missing_determinant_factor_is_refuted(cls):
    verdict, _ = judge(_lemma41(cls, 2, lambda t: 1.0))
    assert verdict == Verdict.REFUTED


@pytest.mark.parametrize("cls", ["uniform_scaling", "shear", "hyperbolic", "rotation"])
def test_swapped_operator_order_is_refuted(cls):
    """T_h D_δ f = D_δ T_h f is false unless T_h δ = δ; the true form shifts by T_h δ."""
    rng = np.random.default_rng(3)
    t = sample(rng, cls, 2)
    f, delta = sample_any(rng, 2), np.array([0.7, -0.4])
    pts = rng.normal(size=(64, 2))
    wrong = Case({}, pts, pointwise(f.shifted(delta).transformed(t.matrix)),
                 pointwise(f.transformed(t.matrix).shifted(delta)), (16, 64))
    right = Case({}, pts, pointwise(f.shifted(delta).transformed(t.matrix)),
                 pointwise(f.transformed(t.matrix).shifted(t.matrix @ delta)), (16, 64))
    assert judge(cross_check([wrong], (16, 64), 1e-10))[0] == Verdict.REFUTED
    assert judge(cross_check([right], (16, 64), 1e-10))[0] == Verdict.AGREES


def test_seeded_runs_are_reproducible():
    a = _lemma41("affine_neg", 2, lambda t: abs(t.det), seed=11)
    b = _lemma41("affine_neg", 2, lambda t: abs(t.det), seed=11)
    assert a.residuals == b.residuals and a.instances == b.instances


def test_nan_and_inf_residuals_fail_the_obligation():
    bad = Case({}, np.zeros((2, 2)), lambda x, n: np.array([np.nan, 1.0]), lambda x, n: np.ones(2), (8, 16))
    inf = Case({}, np.zeros((2, 2)), lambda x, n: np.array([np.inf, 1.0]), lambda x, n: np.ones(2), (8, 16))
    for case in (bad, inf):
        result = cross_check([case], (8, 16), 1e-6)
        assert judge(result)[0] == Verdict.FAILED
    ob = Obligation("nan", Numeric(lambda rng, profile: cross_check([bad], (8, 16), 1e-6)))
    outcome = NumericBackend().discharge(ob, timeout=10, seed=1, profile="quick")
    assert outcome.verdict == Verdict.FAILED


def test_expected_difference_that_vanishes_is_refuted():
    same = Case({}, np.zeros((1, 2)), lambda x, n: np.ones(1), lambda x, n: np.ones(1), (8, 16))
    result = cross_check([same], (8, 16), 0.05, expect="disagree")
    assert judge(result)[0] == Verdict.REFUTED and result.counterexample is not None


def test_window_is_the_ball_indicator_or_a_smooth_cutoff():
    from symbolic.numeric.functions import Bump, Windowed

    f = Bump(np.zeros(2), np.eye(2) / 2.0)
    x = np.array([[0.0, 0.0], [0.5, 0.0], [0.75, 0.0], [1.0, 0.0], [1.5, 0.0]])
    assert Windowed(f, np.zeros(2), 0.5, 0.5).weight(x).tolist() == [1, 1, 0, 0, 0]
    w = Windowed(f, np.zeros(2), 0.5, 1.0)
    assert w.weight(x)[:2].tolist() == [1, 1] and 0 < w.weight(x)[2] < 1 and w.weight(x)[3:].tolist() == [0, 0]
    assert np.allclose(w(x), f(x) * w.weight(x)) and w.radius == pytest.approx(1.0)
    with pytest.raises(ValueError):
        Windowed(f, np.zeros(2), 1.0, 0.5)
