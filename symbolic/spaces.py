"""Symbolic points, vectors and matrices of R^N (real symbols, deterministic names)."""
from __future__ import annotations

import functools
import itertools

import sympy as sp
from sympy.combinatorics import Permutation

# the least N a symbol made here belongs to (its index, or the larger index of a matrix entry): what the
# engine derives an obligation's dimension from (``proofs.dims``)
AMBIENT: dict[sp.Symbol, int] = {}


def vector(name: str, n: int) -> sp.Matrix:
    """Column vector (name_1, ..., name_n) of real symbols."""
    v = sp.Matrix(sp.symbols(f"{name}_1:{n + 1}", real=True))
    for i, s in enumerate(v):
        AMBIENT[s] = max(AMBIENT.get(s, 0), i + 1)
    return v


def matrix(name: str, n: int) -> sp.Matrix:
    """General n x n matrix of real symbols name_ij (i, j from 1)."""
    m = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))
    for i in range(n):
        for j in range(n):
            AMBIENT[m[i, j]] = max(AMBIENT.get(m[i, j], 0), i + 1, j + 1)
    return m


def inverse(m: sp.Matrix) -> sp.Matrix:
    """adj(m)/det(m): the inverse of a symbolic matrix, valid where det(m) != 0."""
    return m.adjugate() / m.det()


@functools.lru_cache(maxsize=None)
def det_of_inverse(name: str, n: int) -> sp.Expr:
    """det(inverse(matrix(name, n))), named as 1/det(matrix(name, n)): the very expression SymPy's det of the
    inverse returns (after 2 s of cancelling for n = 3), which an obligation should show, not the construction
    (:func:`det_leibniz` of the inverse is the unsimplified left side to show it from)."""
    return 1 / matrix(name, n).det()


def det_leibniz(m: sp.Matrix) -> sp.Expr:
    """The determinant as the Leibniz sum of signed products of entries, nothing cancelled: a term whose
    value a backend must work out (``m.det()`` of an inverse already cancels it to 1/det)."""
    n = m.rows
    return sp.Add(*[Permutation(list(p)).signature() * sp.Mul(*[m[i, p[i]] for i in range(n)])
                    for p in itertools.permutations(range(n))])


def nonsingular(m: sp.Matrix) -> tuple:
    """The assumption under which ``inverse(m)`` is meaningful."""
    return (sp.Ne(m.det(), 0),)


def norm2(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm (polynomial, so Z3 can reason about it)."""
    return sum(c ** 2 for c in v)


def dims_label(n: int) -> str:
    return f"N={n}"
