"""Images, filters and the paper's operators on them, as SymPy terms.

A *function* of R^N is a Python callable taking a column vector (sp.Matrix)
and returning a SymPy expression; an *operator* maps functions to functions.
Both sides of an operator identity are applied to an undefined function and
evaluated at a symbolic point, which yields expressions such as
``f(T^{-1}x - delta)`` for the SymPy backend to compare.
"""
from __future__ import annotations

from typing import Callable

import sympy as sp

from .spaces import inverse

Point = sp.Matrix


class Fn:
    """A function R^N -> R, built from undefined functions and operators."""

    def __init__(self, at: Callable[[Point], sp.Expr], n: int, label: str = "") -> None:
        self._at = at
        self.n = n
        self.label = label

    def __call__(self, x: Point) -> sp.Expr:
        x = sp.Matrix(x)
        if x.shape != (self.n, 1):
            raise ValueError(f"{self.label or 'function'} expects a point of R^{self.n}, got {x.shape}")
        return self._at(x)

    def __rmul__(self, c) -> "Fn":
        return Fn(lambda x: c * self(x), self.n, f"{c}*{self.label}")

    def __sub__(self, other: "Fn") -> "Fn":
        return Fn(lambda x: self(x) - other(x), self.n, f"({self.label} - {other.label})")

    def __add__(self, other: "Fn") -> "Fn":
        return Fn(lambda x: self(x) + other(x), self.n, f"({self.label} + {other.label})")


class Op:
    """An operator on functions; ``A @ B`` is the composition A∘B."""

    def __init__(self, apply: Callable[[Fn], Fn], label: str) -> None:
        self._apply = apply
        self.label = label

    def __call__(self, f: Fn) -> Fn:
        return self._apply(f)

    def __matmul__(self, other: "Op") -> "Op":
        return Op(lambda f: self(other(f)), f"{self.label}{other.label}")

    def __repr__(self) -> str:
        return f"Op({self.label})"


def undefined(name: str, n: int) -> Fn:
    """An arbitrary function f: R^N -> R (an undefined SymPy function of N arguments)."""
    func = sp.Function(name)
    return Fn(lambda x: func(*x), n, name)


def identity_op() -> Op:
    return Op(lambda f: f, "")


def T(m: sp.Matrix, inv: sp.Matrix | None = None) -> Op:
    """The operator 𝒯_h of Definition 2.1: (𝒯_h f)(x) = f(T_h^{-1} x)."""
    minv = inverse(m) if inv is None else inv
    return Op(lambda f: Fn(lambda x: f(minv * x), f.n, f"T({f.label})"), "𝒯")


def T_inv(m: sp.Matrix) -> Op:
    """𝒯_h^{-1}: (𝒯_h^{-1} f)(x) = f(T_h x)."""
    return Op(lambda f: Fn(lambda x: f(m * x), f.n, f"Tinv({f.label})"), "𝒯⁻¹")


def D(delta: sp.Matrix) -> Op:
    """The translation 𝒟_δ of Definition 2.2: (𝒟_δ f)(x) = f(x - δ)."""
    delta = sp.Matrix(delta)
    return Op(lambda f: Fn(lambda x: f(x - delta), f.n, f"D({f.label})"), "𝒟")


def scaled(c: sp.Expr, f: Fn) -> Fn:
    """The function c·f."""
    return Fn(lambda x: c * f(x), f.n, f"{c}·{f.label}")


def fresh_vector(base: str, n: int, avoid: set) -> sp.Matrix:
    """Integration variables named base{k}_i with the least k not clashing with ``avoid``."""
    names = {s.name for s in avoid}
    k = 0
    while any(f"{base}{k}_{i}" in names for i in range(1, n + 1)):
        k += 1
    return sp.Matrix([sp.Symbol(f"{base}{k}_{i}", real=True) for i in range(1, n + 1)])


def _symbols_of(*exprs) -> set:
    out: set = set()
    for e in exprs:
        out |= sp.sympify(e).atoms(sp.Symbol) if not isinstance(e, sp.MatrixBase) else \
            set().union(*(sp.sympify(c).atoms(sp.Symbol) for c in e))
    return out


def integral_RN(body: sp.Expr, y: sp.Matrix) -> sp.Integral:
    """∫_{R^N} body dy."""
    return sp.Integral(body, *[(v, -sp.oo, sp.oo) for v in y])


def conv(lam: Fn, form: str = "f(y)λ(x-y)") -> Op:
    """Λ_λ of (1): (Λ_λ f)(x) = ∫ f(y) λ(x - y) dy (or the second form ∫ λ(y) f(x - y) dy)."""
    if form not in ("f(y)λ(x-y)", "λ(y)f(x-y)"):
        raise ValueError(f"unknown convolution form {form!r}")

    def apply(f: Fn) -> Fn:
        def at(x: Point) -> sp.Expr:
            probe = _symbols_of(x, f(x), lam(x))
            y = fresh_vector("y", f.n, probe)
            body = f(y) * lam(x - y) if form == "f(y)λ(x-y)" else lam(y) * f(x - y)
            return integral_RN(body, y)
        return Fn(at, f.n, f"Λ[{lam.label}]({f.label})")

    return Op(apply, f"Λ[{lam.label}]")


def functional(name: str) -> Callable[[Fn, int], sp.Expr]:
    """An uninterpreted functional μ: V -> R; μ(g) is μ applied to the lambda term of g."""
    mu = sp.Function(name)

    def apply(g: Fn) -> sp.Expr:
        z = fresh_vector("z", g.n, set())
        return mu(sp.Lambda(tuple(z), g(z)))

    return apply


def generated(mu: Callable[[Fn], sp.Expr], label: str = "μ") -> Op:
    """Λ_μ of (34): (Λ_μ f)(x) = μ(𝒟_{-x} f)."""
    def apply(f: Fn) -> Fn:
        return Fn(lambda x: mu(D(-x)(f)), f.n, f"Λ[{label}]({f.label})")
    return Op(apply, f"Λ[{label}]")


def generator_of(op: Op, n: int) -> Callable[[Fn], sp.Expr]:
    """μ_Λ of (32): μ_Λ(f) = (Λ f)(0̄)."""
    origin = sp.zeros(n, 1)
    return lambda f: op(f)(origin)
