"""Convolution and rotation: which filters commute with the four 90° rotations, and the lifting to p4.

The statement often made in passing, "convolution commutes with rotation", is encoded as stated
(node ``prop:conv-commutes``) and refuted; ``prop:conv-commutes.corrected`` restricts it to
p4-invariant filters and is proved. The lifting needs no restriction on the filter.
"""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Identity, Obligation, Step

from ._dev import DEVELOPMENT as dev
from .objects import (
    R,
    convolve,
    fn,
    group_conv,
    integral,
    lifted,
    power,
    rotate,
    rotate_lifted,
    symmetrised,
    vec,
)

CV = "cite:change-of-variables"
CV_USE = {CV: {"g integrable on R^N": "carried",
               "A invertible": "discharged: A = R, det R = 1 (lemma:R-orthogonal)"}}


def _cov(u: sp.Matrix, y: sp.Matrix, g: sp.Matrix = R) -> dict:
    """y = g u: the substitution every chain here makes (|det g| = 1 for g in p4)."""
    return {"old": list(y), "new": list(u), "A": g, "c": sp.zeros(2, 1)}


def _commutation_chain(g: sp.Matrix) -> Chain:
    """(Λ_λ 𝒯_g f)(x) = (𝒯_g Λ_λ f)(x) for λ = Sφ: y = g u, then λ(x - gu) = λ(g^{-1}x - u) (invariance)."""
    x, y, u = vec("x"), vec("y"), vec("u")
    f, lam = fn("f"), symmetrised(fn("phi"))
    start = convolve(lam, rotate(g, f), x, y)                        # (Λ_λ 𝒯_g f)(x)
    return Chain(start, (
        Step(integral(f(u) * lam(x - g * u), u), "change_of_variables", by=CV, params=_cov(u, y, g),
             note="y = g u, |det g| = 1"),
        Step(integral(f(u) * lam(g.inv() * x - u), u), "cites", by="lemma:symmetrised-invariant",
             note="λ(x - gu) = λ(g(g^{-1}x - u)) = λ(g^{-1}x - u)"),
        Step(convolve(lam, f, g.inv() * x, y), "definition", by="def:conv", note="= (Λ_λ f)(g^{-1}x)"),
        Step(rotate(g, lambda v: convolve(lam, f, v, y))(x), "definition", by="def:p4",
             note="= (𝒯_g Λ_λ f)(x)"),
    ))


@dev.lemma("lemma:symmetrised-invariant", "A symmetrised filter is p4-invariant",
           r"(S\varphi)\circ R = S\varphi", deps=["def:invariant", "lemma:R-order"])
def symmetrised_invariant():
    """The four terms of Sφ(Rz) are those of Sφ(z) shifted by one, since R^4 = I."""
    z, phi = vec("z"), fn("phi")
    lam = symmetrised(phi)
    yield Obligation("S-invariant", Identity(lam(R * z), lam(z)), claim="(Sφ)(Rz) = (Sφ)(z)", dims=(2,))


@dev.proposition("prop:conv-commutes", "Convolution commutes with rotation (as often stated)",
                 r"\Lambda_\lambda \mathcal{T}_R = \mathcal{T}_R \Lambda_\lambda"
                 r" \text{ for every filter } \lambda",
                 deps=["def:conv", "def:p4"],
                 note="False for a filter that is not p4-invariant: rotating the image does not rotate "
                      "the filter.")
def conv_commutes():
    x, y = vec("x"), vec("y")
    f, lam = fn("f"), fn("lam")
    lhs = convolve(lam, rotate(R, f), x, y)                          # (Λ_λ 𝒯_R f)(x)
    rhs = rotate(R, lambda v: convolve(lam, f, v, y))(x)            # (𝒯_R Λ_λ f)(x)
    yield Obligation("commutes-any-filter", Identity(lhs, rhs),
                     claim="(Λ_λ 𝒯_R f)(x) = (𝒯_R Λ_λ f)(x) for undefined f, λ", dims=(2,))


@dev.proposition("prop:conv-commutes.corrected",
                 "Convolution with a p4-invariant filter commutes with rotation",
                 r"\lambda = S\varphi \Rightarrow "
                 r"\Lambda_\lambda \mathcal{T}_R = \mathcal{T}_R \Lambda_\lambda",
                 deps=["def:conv", "def:p4", CV, "lemma:R-orthogonal", "lemma:symmetrised-invariant"],
                 corrects="prop:conv-commutes", printed=False, cited_hypotheses=CV_USE)
def conv_commutes_corrected():
    """y = Ru (factor |det R| = 1), then λ(x - Ru) = λ(R(R^{-1}x - u)) = λ(R^{-1}x - u) by invariance."""
    yield Obligation("commutes-invariant-filter", _commutation_chain(R),
                     claim="(Λ_{Sφ} 𝒯_R f)(x) = (𝒯_R Λ_{Sφ} f)(x)", dims=(2,))


@dev.corollary("cor:p4-commutes", "Convolution with a p4-invariant filter commutes with all of p4",
               r"\lambda = S\varphi \Rightarrow \Lambda_\lambda \mathcal{T}_g = \mathcal{T}_g \Lambda_\lambda"
               r"\ \text{for } g \in \{I, R, R^2, R^3\}",
               deps=["prop:conv-commutes.corrected", "lemma:R-order", "def:conv", "def:p4", CV,
                     "lemma:symmetrised-invariant"], cited_hypotheses=CV_USE)
def p4_commutes():
    """g = R is the proposition; g = I, R^2, R^3 by the same substitution (R^4 = I makes these all of p4)."""
    for k in (0, 2, 3):
        yield Obligation(f"commutes-R{k}", _commutation_chain(power(k)),
                         claim=f"(Λ_{{Sφ}} 𝒯_{{R^{k}}} f)(x) = (𝒯_{{R^{k}}} Λ_{{Sφ}} f)(x)", dims=(2,))


@dev.theorem("thm:lifting-equivariant", "Lifting any filter to p4 gives a rotation-equivariant map",
             r"L_\lambda \mathcal{T}_R = \mathcal{T}'_R L_\lambda:\ "
             r"(L_\lambda \mathcal{T}_R f)(x, k) = (L_\lambda f)(R^{-1}x, k-1),\ k = 0, \dots, 3",
             deps=["def:lift", "def:p4", CV, "lemma:R-orthogonal", "lemma:R-order"], cited_hypotheses=CV_USE)
def lifting_equivariant():
    """One chain per channel k: after y = Ru, R^{-k}(Ru - x) = R^{-(k-1)}(u - R^{-1}x) (R^4 = I)."""
    x, y, u = vec("x"), vec("y"), vec("u")
    f, lam = fn("f"), fn("lam")
    for k in range(4):
        start = lifted(lam, rotate(R, f), x, k, y)                 # (L_λ 𝒯_R f)(x, k)
        yield Obligation(f"channel-{k}", Chain(start, (
            Step(integral(f(u) * lam(power(-k) * (R * u - x)), u), "change_of_variables", by=CV,
                 params=_cov(u, y), note="y = R u, |det R| = 1"),
            Step(lifted(lam, f, R.inv() * x, k - 1, y), "definition", by="def:lift",
                 note="= (L_λ f)(R^{-1}x, k-1) = (𝒯'_R L_λ f)(x, k)"),
        )), claim=f"(L_λ 𝒯_R f)(x, {k}) = (L_λ f)(R^{{-1}}x, {(k - 1) % 4})", dims=(2,))


@dev.theorem("thm:group-conv-equivariant", "Group convolution on p4 is rotation-equivariant",
             r"(\mathcal{T}'_R F) \star \psi = \mathcal{T}'_R (F \star \psi) \text{ for all lifted } F "
             r"\text{ and filters } \psi",
             deps=["def:group-conv", "def:lift", CV, "lemma:R-orthogonal", "lemma:R-order"],
             cited_hypotheses=CV_USE)
def group_conv_equivariant():
    """After y = Ru in each of the four integrals, the sum over j is the one at (R^{-1}x, k-1), reindexed
    by j -> j - 1: so layers after the lifting stay equivariant, and a p4-CNN is equivariant throughout."""
    x, y, u = vec("x"), vec("y"), vec("u")
    F, psi = [fn(f"F{j}") for j in range(4)], [fn(f"psi{j}") for j in range(4)]
    for k in range(4):
        start = group_conv(psi, rotate_lifted(F), x, k, y)            # ((𝒯'_R F) ⋆ ψ)(x, k)
        after = sum((integral(F[(j - 1) % 4](u) * psi[(j - k) % 4](power(-k) * (R * u - x)), u)
                     for j in range(4)), sp.Integer(0))
        yield Obligation(f"channel-{k}", Chain(start, (
            Step(after, "change_of_variables", by=CV, params=_cov(u, y), note="y = R u in every integral"),
            Step(group_conv(psi, F, R.inv() * x, k - 1, y), "definition", by="def:group-conv",
                 note="= (F ⋆ ψ)(R^{-1}x, k-1) = (𝒯'_R (F ⋆ ψ))(x, k), summing over j - 1"),
        )), claim=f"((𝒯'_R F) ⋆ ψ)(x, {k}) = (F ⋆ ψ)(R^{{-1}}x, {(k - 1) % 4})", dims=(2,))
