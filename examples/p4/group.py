"""Definitions, the cited change of variables, and the facts about R that the convolution claims use."""
from __future__ import annotations

import sympy as sp

from proofs import Assume, Identity, Implication, Obligation

from ._dev import DEVELOPMENT as dev
from .objects import R, power

dev.definition("def:p4", "The group p4 and its action on functions",
               r"R = \begin{pmatrix}0&-1\\1&0\end{pmatrix},\ p4 = \{I, R, R^2, R^3\},\ "
               r"(\mathcal{T}_g f)(x) = f(g^{-1}x)")
dev.definition("def:conv", "Convolution",
               r"(\Lambda_\lambda f)(x) = \int_{\mathbb{R}^2} f(y)\,\lambda(x-y)\,dy")
dev.definition("def:invariant", "p4-invariant filters and symmetrisation",
               r"\lambda \text{ is p4-invariant when } \lambda\circ R = \lambda;\ "
               r"(S\varphi)(z) = \sum_{k=0}^{3}\varphi(R^k z);\ \text{an invariant } \lambda = S(\lambda)/4")
dev.definition("def:lift", "Lifting a filter to p4, and p4 acting on lifted maps",
               r"(L_\lambda f)(x, k) = \int f(y)\,\lambda(R^{-k}(y - x))\,dy,\ "
               r"(\mathcal{T}'_R F)(x, k) = F(R^{-1}x, k-1)")
dev.definition("def:group-conv", "Group convolution on p4",
               r"(F \star \psi)(x, k) = \sum_{j=0}^{3} \int F(y, j)\,\psi(R^{-k}(y - x), j - k)\,dy")
dev.cited("cite:change-of-variables", "Change of variables in a Lebesgue integral",
          r"\int_{\mathbb{R}^N} g(y)\,dy = |\det A| \int_{\mathbb{R}^N} g(Au + c)\,du",
          reference="W. Rudin, Real and Complex Analysis, 3rd ed., Theorem 7.26",
          hypotheses=("g integrable on R^N", "A invertible"))


def _rotation(c: sp.Symbol, s: sp.Symbol) -> sp.Matrix:
    return sp.Matrix([[c, -s], [s, c]])


@dev.lemma("lemma:R-orthogonal", "R is orthogonal with determinant 1",
           r"R^\top R = I,\ \det R = 1 = |\det R|;\ \text{every } \begin{pmatrix}c&-s\\s&c\end{pmatrix} "
           r"\text{ with } c^2+s^2=1 \text{ is orthogonal with determinant } 1",
           deps=["def:p4"])
def r_orthogonal():
    """|det R| = 1 is what makes the change of variables y = Ru leave the integral's factor at 1."""
    yield Obligation("RtR", Identity(R.T * R, sp.eye(2)), claim="R^T R = I", dims=(2,))
    yield Obligation("abs-det", Identity(sp.Abs(R.det()), 1), claim="|det R| = 1", dims=(2,))
    c, s = sp.symbols("c s", real=True)
    M = _rotation(c, s)
    gram = M.T * M
    yield Obligation("rotations-orthogonal", Implication(
        (Assume(sp.Eq(c**2 + s**2, 1)),),
        sp.And(*[sp.Eq(gram[i, j], 1 if i == j else 0) for i in range(2) for j in range(2)],
               sp.Eq(M.det(), 1))),
        claim="c^2 + s^2 = 1 implies M^T M = I and det M = 1", dims=(2,))


@dev.lemma("lemma:R-order", "R has order 4, and p4 is exactly the rotations whose fourth power is I",
           r"R^2 = -I,\ R^4 = I;\ M = \begin{pmatrix}c&-s\\s&c\end{pmatrix},\ c^2+s^2=1,\ M^4 = I "
           r"\Rightarrow M \in \{I, R, R^2, R^3\}",
           deps=["def:p4"])
def r_order():
    """R^2 = -I rules out orders 1 and 2 (and R^3 = -R rules out 3); Z3 classifies the fourth roots of I."""
    yield Obligation("R2", Identity(power(2), -sp.eye(2)), claim="R^2 = -I", dims=(2,))
    yield Obligation("R4", Identity(R**4, sp.eye(2)), claim="R^4 = I", dims=(2,))
    c, s = sp.symbols("c s", real=True)
    M4 = (_rotation(c, s) ** 4).applyfunc(sp.expand)
    fourth_root = [sp.Eq(M4[i, j], 1 if i == j else 0) for i in range(2) for j in range(2)]
    in_p4 = sp.Or(*[sp.And(sp.Eq(c, power(k)[0, 0]), sp.Eq(s, power(k)[1, 0])) for k in range(4)])
    yield Obligation("fourth-roots", Implication((Assume(sp.Eq(c**2 + s**2, 1)), *map(Assume, fourth_root)), in_p4),
                     claim="a rotation M with M^4 = I is one of I, R, R^2, R^3", dims=(2,))


@dev.lemma("lemma:grid-rotation", "R maps a square grid centred at 0 onto itself",
           r"-m \le i, j \le m \Rightarrow R(i, j) = (-j, i) \in [-m, m]^2 \cap \mathbb{Z}^2;\ "
           r"\text{sampling } f\circ R^{-1} \text{ is np.rot90 of sampling } f",
           deps=["def:p4"])
def grid_rotation():
    """Why the numeric checks of rotations are exact: rotating the samples is sampling the rotated image."""
    i, j, m = sp.symbols("i j m", integer=True)
    image = R * sp.Matrix([i, j])
    box = [m >= 0, -m <= i, i <= m, -m <= j, j <= m]
    yield Obligation("grid-closed", Implication(
        tuple(map(Assume, box)), sp.And(*[sp.And(-m <= v, v <= m) for v in image]), integer_symbols=(i, j, m)),
        claim="R maps {-m..m}^2 onto itself", dims=(2,))
