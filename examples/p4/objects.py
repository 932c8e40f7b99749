"""The objects the p4 claims are stated about, as SymPy terms over the plane R^2.

An image or filter is an undefined function of two arguments wrapped as a Python callable of a
2-vector, so a transformed function is just a composed callable and an operator identity is
checked by applying both sides at a symbolic point.
"""
from __future__ import annotations

from collections.abc import Callable

import sympy as sp

Fn = Callable[[sp.Matrix], sp.Expr]

R = sp.Matrix([[0, -1], [1, 0]])     # rotation by 90°: generates p4 = {I, R, R^2, R^3}


def power(k: int) -> sp.Matrix:
    """R^k for any integer k (R^4 = I, so negative powers are positive ones)."""
    return R ** (k % 4)


def vec(name: str) -> sp.Matrix:
    return sp.Matrix(sp.symbols(f"{name}1 {name}2", real=True))


def fn(name: str) -> Fn:
    """An arbitrary function R^2 -> R (an undefined SymPy function)."""
    F = sp.Function(name)
    return lambda v: F(*v)


def rotate(g: sp.Matrix, F: Fn) -> Fn:
    """(𝒯_g F)(x) = F(g^{-1} x)."""
    ginv = g.inv()
    return lambda v: F(ginv * v)


def integral(body: sp.Expr, var: sp.Matrix) -> sp.Integral:
    """∫_{R^2} body d(var)."""
    return sp.Integral(body, *[(s, -sp.oo, sp.oo) for s in var])


def convolve(lam: Fn, F: Fn, x: sp.Matrix, y: sp.Matrix) -> sp.Integral:
    """(Λ_λ F)(x) = ∫ F(y) λ(x - y) dy."""
    return integral(F(y) * lam(x - y), y)


def lifted(lam: Fn, F: Fn, x: sp.Matrix, k: int, y: sp.Matrix) -> sp.Integral:
    """The lifting to p4: (L_λ F)(x, k) = ∫ F(y) λ(R^{-k}(y - x)) dy, a function of (x, k) in R^2 × Z/4."""
    return integral(F(y) * lam(power(-k) * (y - x)), y)


def group_conv(psi: list[Fn], F: list[Fn], x: sp.Matrix, k: int, y: sp.Matrix) -> sp.Expr:
    """A p4 group convolution of a lifted map F = (F_0, ..., F_3) with filters ψ = (ψ_0, ..., ψ_3):
    (F ⋆ ψ)(x, k) = Σ_j ∫ F_j(y) ψ_{j-k}(R^{-k}(y - x)) dy."""
    terms = (integral(F[j](y) * psi[(j - k) % 4](power(-k) * (y - x)), y) for j in range(4))
    return sum(terms, sp.Integer(0))


def rotate_lifted(F: list[Fn]) -> list[Fn]:
    """𝒯'_R on lifted maps: (𝒯'_R F)_k(x) = F_{k-1}(R^{-1}x)."""
    return [rotate(R, F[(k - 1) % 4]) for k in range(4)]


def symmetrised(phi: Fn) -> Fn:
    """(Sφ)(z) = Σ_k φ(R^k z): every p4-invariant filter λ is S(λ)/4."""
    return lambda v: sum((phi(power(k) * v) for k in range(4)), sp.Integer(0))
