"""Section 4: covariance and invariance of a single convolutional layer.

Lemma 4.1 (conjugating a convolution by 𝒯_h transforms its filter), Lemma 4.2 (only
𝒯_h^{-1} can align feature maps), Lemma 4.3 (the convolution determines its filter),
Propositions 4.4–4.7 (what invariance demands of the filter and of T_h).

Operator identities are SymPy chains for N = 2 and N = 3 over a symbolic matrix T_h,
symbolic vectors and undefined functions; geometric and algebraic steps are Z3
implications over the reals; analytic facts are dependencies on cited nodes.
Where a backend refutes what the paper prints, the printed node stays refuted and a
``.corrected`` node states and proves what holds.
"""
from __future__ import annotations

import sympy as sp

from proofs.model import Chain, Identity, Implication, Obligation, Step
from symbolic.operators import Fn, T, T_inv, conv, integral_RN, scaled, undefined
from symbolic.spaces import inverse, matrix, nonsingular, norm2, vector

from ._dev import DEVELOPMENT as dev

DIMS = (2, 3)
CV = "cite:change-of-variables"
CV_HYPS = {
    "g integrable on R^N": "carried: f locally integrable and lambda in L^1_comp make the integrand integrable",
    "A invertible": "discharged: the substitution y = T_h u has A = T_h, invertible (det T_h != 0 is assumed)",
}


def z3(name: str, hypotheses, conclusion, claim: str, dims: tuple[int, ...] = (2,)) -> Obligation:
    """A Z3 implication ``And(hypotheses) => conclusion`` over the reals."""
    return Obligation(name, Implication(tuple(hypotheses), conclusion), claim=claim, dims=dims)


def _ys(expr: sp.Integral) -> list:
    return [lim[0] for lim in expr.limits]


# ============================================================== Lemma 4.1


def _lemma41_chains(n: int, factor_of):
    """(25) and (24) with the filter factor ``factor_of(det T_h)`` (printed: det, true: |det|)."""
    Tm, x, u = matrix("T", n), vector("x", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    Ti, det = inverse(Tm), Tm.det()
    c = factor_of(det)
    lam_h = scaled(c, T_inv(Tm)(lam))                  # (det T_h) 𝒯_h^{-1} λ : x ↦ c λ(T_h x)
    start = conv(lam)(T(Tm)(f))(x)                     # (Λ_λ 𝒯_h f)(x) = ∫ f(T^{-1}y) λ(x - y) dy
    cov = {"old": _ys(start), "new": list(u), "A": Tm, "c": sp.zeros(n, 1)}
    eq25 = Chain(start, (
        Step(integral_RN(f(u) * lam(Tm * (Ti * x - Ti * (Tm * u))) * c, u), "change_of_variables", by=CV,
             params=cov, note="u = T_h^{-1} y, du = (det T_h^{-1}) dy, as printed"),
        Step(integral_RN(f(u) * lam(Tm * (Ti * x - u)) * c, u), note="T_h^{-1} y = u"),
        Step(conv(lam_h)(f)(Ti * x), "definition", by="def:conv",
             note="= (Λ_{(det T_h) 𝒯_h^{-1} λ} f)(T_h^{-1} x)"),
        Step((T(Tm) @ conv(lam_h))(f)(x), "definition", by="def:2.1", note="= (𝒯_h Λ_{...} f)(x)"),
    ), assumptions=nonsingular(Tm))
    lhs = (T_inv(Tm) @ conv(lam) @ T(Tm))(f)(x)          # (𝒯_h^{-1} Λ_λ 𝒯_h f)(x)
    eq24 = Chain(lhs, (
        Step(integral_RN(f(u) * lam(Tm * x - Tm * u) * c, u), "change_of_variables", by=CV,
             params={**cov, "old": _ys(lhs)}, note="y = T_h u"),
        Step(conv(lam_h)(f)(x), "definition", by="def:conv", note="= (Λ_{(det T_h) 𝒯_h^{-1} λ} f)(x)"),
    ), assumptions=nonsingular(Tm))
    return eq25, eq24


LEMMA41_DEPS = ["def:conv", "def:2.1", CV]


@dev.lemma(
    "lemma:4.1", "Conjugating a convolution by a linear map transforms the filter (as printed)",
    r"\mathcal{T}_h^{-1}\Lambda_\lambda\mathcal{T}_h = \Lambda_{(\det T_h)\,\mathcal{T}_h^{-1}(\lambda)}",
    deps=LEMMA41_DEPS, cited_hypotheses={CV: CV_HYPS},
    note="Printed with the factor det T_h; the change of variables y = T_h u contributes |det T_h|.",
)
def lemma_4_1():
    """The printed computation (25) and the printed lemma (24), factor det T_h."""
    for n in DIMS:
        eq25, eq24 = _lemma41_chains(n, lambda d: d)
        if n == 2:  # the computation once; the statement in both dimensions (a refutation costs ~25 s at N = 3)
            yield Obligation(f"eq25-as-printed-N{n}", eq25,
                             claim="(25): (Λ_λ 𝒯_h f)(x) = (𝒯_h Λ_{(det T_h) 𝒯_h^{-1}λ} f)(x)", dims=(n,))
        yield Obligation(f"eq24-as-printed-N{n}", eq24, claim="(24): 𝒯_h^{-1} Λ_λ 𝒯_h = Λ_{(det T_h) 𝒯_h^{-1}λ}",
                         dims=(n,))


@dev.lemma(
    "lemma:4.1.corrected", "Conjugating a convolution by a linear map transforms the filter",
    r"\mathcal{T}_h^{-1}\Lambda_\lambda\mathcal{T}_h = \Lambda_{|\det T_h|\,\mathcal{T}_h^{-1}(\lambda)}",
    deps=LEMMA41_DEPS, cited_hypotheses={CV: CV_HYPS}, corrects="lemma:4.1", printed=False,
)
def lemma_4_1_corrected():
    """(25) and (24) with the factor |det T_h| that the change of variables gives."""
    for n in DIMS:
        eq25, eq24 = _lemma41_chains(n, sp.Abs)
        yield Obligation(f"eq25-N{n}", eq25, claim="(Λ_λ 𝒯_h f)(x) = (𝒯_h Λ_{|det T_h| 𝒯_h^{-1}λ} f)(x)", dims=(n,))
        yield Obligation(f"eq24-N{n}", eq24, claim="𝒯_h^{-1} Λ_λ 𝒯_h = Λ_{|det T_h| 𝒯_h^{-1}λ}", dims=(n,))
