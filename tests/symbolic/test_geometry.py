"""symbolic.geometry against numbers (numpy, seeded) and, for its relations, through the backends."""
from __future__ import annotations

import numpy as np
import sympy as sp

from proofs.backends.sympy_backend import SympyBackend
from proofs.backends.z3_backend import Z3Backend
from proofs.model import Identity, Implication, Obligation, Verdict
from symbolic.geometry import (
    frobenius_squared,
    image_ball,
    in_ball,
    measure_of_image,
    norm_bound,
    operator_norm_squared,
    reads,
    semilocal,
    support_of_T,
)
from symbolic.operators import D, T, T_inv
from symbolic.spaces import matrix, vector

RNG = np.random.default_rng(20240614)
r, s = sp.symbols("r s", real=True)
A2 = sp.Matrix([[2, 1], [0, 1]])
A3 = sp.Matrix([[1, 2, 0], [0, 1, -1], [1, 0, 1]])


def _z3(hypotheses, conclusion) -> Verdict:
    ob = Obligation("z3", Implication(tuple(hypotheses), conclusion))
    return Z3Backend().discharge(ob, timeout=60, seed=1, profile="quick").verdict


def _random_matrix(n: int) -> sp.Matrix:
    return sp.Matrix(RNG.integers(-4, 5, size=(n, n)).tolist())


def test_operator_norm_matches_numpy_and_frobenius_bounds_it():
    for n in (2, 3) * 10:
        m = _random_matrix(n)
        exact = float(sp.N(operator_norm_squared(m), 30))
        assert np.isclose(exact, np.linalg.norm(np.array(m, dtype=float), 2) ** 2)
        assert float(frobenius_squared(m)) >= exact - 1e-9
    a, b, c, d = sp.symbols("a b c d", real=True)
    m = sp.Matrix([[a, b], [c, d]])
    values = {a: 1.5, b: -2, c: 0.25, d: 3}
    closed = float(operator_norm_squared(m).subs(values))
    assert np.isclose(closed, np.linalg.norm(np.array(m.subs(values), dtype=float), 2) ** 2)


def test_measure_of_a_linear_image_is_det_times_measure():
    for n in (2, 3) * 5:
        m = _random_matrix(n)
        points = RNG.uniform(0, 1, size=(200000, n))                 # Monte Carlo over the box around A[0,1]^n
        corners = np.array(np.meshgrid(*[[0, 1]] * n)).reshape(n, -1).T @ np.array(m, dtype=float).T
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        sample = lo + points * (hi - lo)
        if abs(float(m.det())) < 1e-9:
            assert measure_of_image(m, 1) == 0
            continue
        pre = sample @ np.linalg.inv(np.array(m, dtype=float)).T     # y in A[0,1]^n iff A^-1 y in [0,1]^n
        inside = np.all((pre >= 0) & (pre <= 1), axis=1).mean() * np.prod(hi - lo)
        assert abs(inside - float(measure_of_image(m, 1))) < 0.05 * float(measure_of_image(m, 1)) + 0.05


def test_measure_of_a_product_image_is_proved_by_sympy():
    a, b = matrix("a", 2), matrix("b", 2)
    mu = sp.Symbol("mu", positive=True)
    ob = Obligation("m", Identity(measure_of_image(a * b, mu), measure_of_image(a, measure_of_image(b, mu))))
    assert SympyBackend().discharge(ob, timeout=60, seed=1, profile="quick").verdict is Verdict.PROVED


def test_support_of_T_is_the_image_of_the_support():
    c = sp.Matrix([1, -1])
    ball = lambda p: in_ball(p, c, 2)
    for _ in range(20):
        m = _random_matrix(2)
        if m.det() == 0:
            continue
        y = sp.Matrix(RNG.integers(-3, 4, size=2).tolist())
        assert support_of_T(m, ball)(m * y) == ball(y)               # x = T y is in supp 𝒯f iff y in supp f


def test_the_image_ball_holds_the_image_and_a_smaller_one_does_not():
    y, c = vector("y", 2), vector("c", 2)
    center, radius2 = image_ball(A2, c, r)
    assert _z3([in_ball(y, c, r), r >= 0], in_ball(A2 * y, center, sp.sqrt(radius2))) is Verdict.PROVED
    exact = operator_norm_squared(A2)                               # 3 + sqrt(5): the least bound
    center, radius2 = image_ball(A2, c, r, exact)
    assert _z3([in_ball(y, c, r), r >= 0], norm2_le(A2 * y - center, radius2)) is Verdict.PROVED
    _, radius2 = image_ball(A2, c, r, 5)
    assert _z3([in_ball(y, c, r), r >= 0], norm2_le(A2 * y - center, radius2)) is Verdict.REFUTED


def norm2_le(v, bound):
    return sum(e ** 2 for e in v) <= bound


def test_frobenius_is_a_z3_usable_norm_bound():
    u3 = vector("u", 3)
    assert _z3([], norm_bound(A3, u3, frobenius_squared(A3))) is Verdict.PROVED
    assert _z3([], norm_bound(A3, u3, 1)) is Verdict.REFUTED
    u2, m = vector("u", 2), matrix("m", 2)
    assert _z3([], norm_bound(m, u2, frobenius_squared(m))) is Verdict.PROVED
    for _ in range(10):                                              # the exact norm bounds at every u
        m = _random_matrix(3)
        u = sp.Matrix(RNG.integers(-5, 6, size=3).tolist())
        assert norm_bound(m, u, operator_norm_squared(m)) is sp.true
    try:
        operator_norm_squared(matrix("m", 3))
    except ValueError as exc:
        assert "frobenius_squared" in str(exc)
    else:
        raise AssertionError("a symbolic 3x3 operator norm was given a closed form")


def test_semilocal_radii():
    x, d = vector("x", 2), vector("d", 2)
    assert [list(p) for p in reads(D(d), x)] == [list(x - d)]
    assert _z3([norm2_le(d, r ** 2), r >= 0], semilocal(D(d), x, r)) is Verdict.PROVED
    assert _z3([norm2_le(d, r ** 2), r >= 0], semilocal(D(d) @ D(d), x, r)) is Verdict.REFUTED
    assert _z3([norm2_le(d, r ** 2), r >= 0], semilocal(D(d) @ D(d), x, 2 * r)) is Verdict.PROVED
    # conjugated by 𝒯_h, the radius grows by at most ‖T‖: here bounded by the Frobenius norm
    conjugated = T(A2) @ D(d) @ T_inv(A2)
    radius = sp.sqrt(frobenius_squared(A2)) * r
    assert _z3([norm2_le(d, r ** 2), r >= 0], semilocal(conjugated, x, radius)) is Verdict.PROVED
    # numbers: the point read is x - T d, within |T d| <= ‖T‖ |d| of x
    for _ in range(10):
        dv = RNG.normal(size=2)
        (p,) = reads(conjugated, x)
        gap = np.array((x - p).subs(dict(zip(d, dv))), dtype=float).ravel()
        assert np.allclose(gap, np.array(A2, dtype=float) @ dv)
