"""Balls, supports, measures of linear images, operator norms and semi-local radii, as SymPy terms.

Everything is polynomial where it can be (squared norms, squared radii), so Z3 can reason about it; the
one closed form with a root (the operator norm of a 2x2 matrix) is in the translator's fragment too.
Nothing here decides truth: it only builds expressions and relations for the backends.
"""
from __future__ import annotations

from typing import Callable

import sympy as sp

from .operators import Fn, Op
from .spaces import inverse, norm2

Point = sp.Matrix
Region = Callable[[Point], sp.Basic]       # a set of R^N, as its membership relation at a point


def in_ball(x: Point, c: Point, r: sp.Expr) -> sp.Basic:
    """x ∈ B̄(c, r) as |x - c|² <= r² (say r >= 0 among the hypotheses)."""
    return norm2(sp.Matrix(x) - sp.Matrix(c)) <= r ** 2


def support_of_T(m: sp.Matrix, support: Region) -> Region:
    """supp(𝒯_h f) = T_h supp f: x is in it exactly when T_h^{-1} x is in supp f ((𝒯_h f)(x) = f(T_h^{-1} x))."""
    minv = inverse(m)
    return lambda x: support(minv * sp.Matrix(x))


def image_ball(m: sp.Matrix, c: Point, r: sp.Expr, norm_squared: sp.Expr | None = None) -> tuple:
    """(center, squared radius) of a ball holding T B̄(c, r): T c and ‖T‖² r², with ‖T‖² bounded by
    ``norm_squared`` (by default the Frobenius norm², polynomial in the entries)."""
    s2 = frobenius_squared(m) if norm_squared is None else norm_squared
    return m * sp.Matrix(c), s2 * r ** 2


def measure_of_image(m: sp.Matrix, measure: sp.Expr) -> sp.Expr:
    """Lebesgue measure of A E for measurable E of measure ``measure``: |det A| · measure."""
    return sp.Abs(m.det()) * measure


def frobenius_squared(m: sp.Matrix) -> sp.Expr:
    """‖A‖_F² = Σ a_ij², an upper bound of ‖A‖² (Cauchy-Schwarz row by row) that Z3 can use."""
    return sum(a ** 2 for a in m)


def operator_norm_squared(m: sp.Matrix) -> sp.Expr:
    """‖A‖² = the largest eigenvalue of AᵀA: for 2x2, (t + sqrt(t² - 4d))/2 with t, d its trace and
    determinant; for a numeric 3x3, the largest root of its characteristic polynomial (exact, CRootOf)."""
    g = m.T * m
    if m.shape == (2, 2):
        t, d = g.trace(), g.det()
        return (t + sp.sqrt(t ** 2 - 4 * d)) / 2
    if m.shape == (3, 3) and not m.free_symbols:
        lam = sp.Dummy("lam")
        return sp.CRootOf(g.charpoly(lam).as_expr(), 2)   # AᵀA is symmetric: its 3 roots are real
    raise ValueError("operator_norm_squared: 2x2, or 3x3 with numeric entries (bound by frobenius_squared)")


def norm_bound(m: sp.Matrix, u: Point, s2: sp.Expr) -> sp.Basic:
    """|A u|² <= s2 |u|²: s2 bounds ‖A‖², stated at a point u (free symbols: for all u)."""
    u = sp.Matrix(u)
    return norm2(m * u) <= s2 * norm2(u)


def reads(op: Op, x: Point) -> list:
    """The points at which (Λ f)(x) evaluates f, for Λ built from 𝒯, 𝒟 and sums (no integrals)."""
    n = sp.Matrix(x).rows
    f = sp.Function("f_read")
    value = op(Fn(lambda p: f(*p), n, "f"))(sp.Matrix(x))
    if value.atoms(sp.Integral):
        raise ValueError("reads: (Λ f)(x) integrates f; state its radius by the kernel's support instead")
    points = {tuple(a.args) for a in value.atoms(sp.core.function.AppliedUndef) if a.func == f}
    return [sp.Matrix(p) for p in sorted(points, key=str)]


def semilocal(op: Op, x: Point, r: sp.Expr) -> sp.Basic:
    """Λ is semi-local with radius r at x: two images equal on B̄(x, r) give the same (Λ f)(x), because
    every point at which (Λ f)(x) reads f lies in B̄(x, r)."""
    return sp.And(*[in_ball(p, x, r) for p in reads(op, x)])
