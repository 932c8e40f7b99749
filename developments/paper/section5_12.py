"""Section 5.6, Proposition 5.12: no non-trivial invariant generator when an eigenvalue of T_h leaves the
unit circle: the printed statement (refuted), its continuous correction, and the correction for a
generator dominated by an L^1_comp kernel. Conventions as in ``section5``.
"""
from __future__ import annotations

import sympy as sp

from proofs.model import Assume, Chain, Identity, Implication, Obligation, Step, Use
from symbolic.operators import (
    D,
    T,
    T_inv,
    functional,
    generated,
    integral_RN,
    undefined,
)
from symbolic.spaces import inverse, matrix, norm2, vector

from . import references as ref
from ._dev import DEVELOPMENT as dev
from .section5 import DIMS, _evaluation, _invertible, _own, _setting, _vals, _zero

# =========================================================================== 5.6 invariant features


@dev.step(
    "prop:5.12.step-43", "Semi-locality lets the generator see only the ball of its radius",
    r"\mu(g) = \mu(\chi g),\ \chi = \mathbf{1}_{B(\bar 0, r(\Lambda))} \quad (43)",
    deps=["def:5.3", "eq:32-34.generator"],
)
def prop_5_12_step_43():
    r = sp.Symbol("r_Lambda", real=True)
    g = sp.Symbol("g_y", real=True)
    for n in DIMS:
        y = vector("y", n)
        chi = sp.Piecewise((1, sp.Le(norm2(y), r ** 2)), (0, True))      # χ(y), the indicator of B(0̄, r(Λ))
        yield Obligation(
            f"agree-on-ball-N{n}",
            Implication(_own(sp.Ge(r, 0), sp.Le(norm2(y), r ** 2)), sp.Eq(chi * g, g)),   # r(Λ); y a point of the ball
            claim="g and χg agree on B(0̄, r(Λ)), so (Λ g)(0̄) = (Λ χg)(0̄) by Def 5.3", dims=(n,))
        mu, f = functional("mu"), undefined("g", n)
        yield Obligation(f"generator-N{n}", Identity(generated(mu)(f)(sp.zeros(n, 1)), mu(f)),
                         claim="(Λ_μ g)(0̄) = μ(g), so μ(g) = μ(χ g)", dims=(n,))


def _diag_power(n: int, s: sp.Symbol) -> sp.Matrix:
    """T_h^{-n} for T_h = diag(2, 1[, 1]): diag(1/s, 1, ...) with s = 2^n."""
    return sp.diag(1 / s, *([1] * (n - 1)))



# ----------------------------------------------------------- the L^1_loc-proper counterexample to Prop 5.12(b)
#
# (Λ_E f)(x) = arctan( sup_K inf_ε sup { avg_{x + A B} f : σ_max(A) < ε, σ_max(A) <= K σ_min(A) } ),
# B the unit ball: the limsup of averages over centred ellipsoids of bounded (then unbounded) eccentricity.
# It depends only on the class of f in L^1_loc, is defined at every point, is translation covariant and
# semi-local with any radius; at every Lebesgue point it is arctan f(x), so Λ_E f = arctan∘f a.e. and Λ_E is
# continuous L^1_loc -> L^1_loc; its generator μ_E is invariant under every T_h in GL_N (the family of
# centred ellipsoids is), and μ_E(1) = π/4 != 0 = μ_E(0). Averages over balls alone (K = 1) give invariance
# only under the conformal maps c·O (scalings included), not under diag(2, 1).

OMEGA = sp.Symbol("omega", positive=True)     # |B|, the volume of the unit ball
LEBESGUE = "cite:lebesgue-differentiation"
OPNORM = "cite:operator-norm"


def _ellipsoid_average(S: sp.Matrix, g, v: sp.Matrix, chi) -> sp.Expr:
    """avg_{S B} g = (|det S| ω)^{-1} ∫ χ(S^{-1} v) g(v) dv (χ the indicator of the unit ball B)."""
    return integral_RN(chi(inverse(S) * v) * g(v), v) / (sp.Abs(S.det()) * OMEGA)


def _mean_of_one() -> sp.Expr:
    """The average of the constant image 1 over the disk of radius ρ, in polar coordinates (N = 2)."""
    s_, rho, th = sp.symbols("s rho theta", positive=True)
    return sp.Integral(s_, (s_, 0, rho), (th, 0, 2 * sp.pi)) / (sp.pi * rho ** 2)


def _ellipsoid_counterexample(prefix: str = "l1loc"):
    """The properties of Λ_E, each as an obligation (N = 2, 3 where the objects have a dimension)."""
    for n in DIMS:
        A, tm, y, u = matrix("A", n), matrix("T", n), vector("y", n), vector("u", n)
        f, chi = undefined("f", n), undefined("chi", n)
        lhs = integral_RN(chi(inverse(A) * y) * f(inverse(tm) * y), y) / (sp.Abs(A.det()) * OMEGA)
        if n == 2:
            mid = integral_RN(chi(inverse(A) * (tm * u)) * f(u), u) * sp.Abs(tm.det()) / (sp.Abs(A.det()) * OMEGA)
            yield Obligation(
                f"{prefix}-average-transform-N{n}",
                Chain(lhs, (
                    Step(mid, "change_of_variables", by="cite:change-of-variables",
                         params={"old": list(y), "new": list(u), "A": tm, "c": sp.zeros(n, 1)}, note="y = T_h u"),
                    Step(_ellipsoid_average(inverse(tm) * A, f, u, chi), note="|det T_h|/|det A| = 1/|det T_h^{-1}A|, "
                         "A^{-1} T_h = (T_h^{-1} A)^{-1}"),
                ), assumptions=_invertible(A, tm)),
                claim="avg_{AB}(𝒯_h f) = avg_{T_h^{-1}AB}(f): the average of a transformed image over a centred "
                      "ellipsoid is the average of the image over the transformed ellipsoid", dims=(n,))
        d, x = vector("delta", n), vector("x", n)
        mu = functional("muE")
        yield Obligation(f"{prefix}-covariant-N{n}",
                         Identity((generated(mu) @ D(d))(f)(x), (D(d) @ generated(mu))(f)(x)),
                         claim="Λ_E is (Λ_E f)(x) = μ_E(𝒟_{-x} f) (averages over x + AB, eq. (34)), hence translation "
                               "covariant", dims=(n,))
    smax, smin, smax2, smin2, eps, kk, nti, nt = _vals("smax smin smax_T smin_T epsilon K n_Tinv n_T")
    yield Obligation(
        f"{prefix}-family-invariant",
        # the statement's: A non-degenerate, T_h invertible (positive norms), ε > 0, K >= 1, E in the family (ε, K);
        # the two singular-value bounds are instances of cite:operator-norm (a cited result: not linked)
        Implication(_own(sp.Gt(smin, 0), sp.Gt(nti, 0), sp.Gt(nt, 0), sp.Gt(eps, 0), sp.Ge(kk, 1)) + (
                     sp.Le(smax2, nti * smax), sp.Ge(smin2 * nt, smin)) + _own(sp.Lt(smax, eps), sp.Le(smax, kk * smin)),
                    sp.And(sp.Lt(smax2, nti * eps), sp.Le(smax2, (nti * nt * kk) * smin2))),
        claim="E = AB with σ_max(A) < ε and eccentricity σ_max/σ_min <= K: T_h^{-1}E has σ_max < ‖T_h^{-1}‖ ε and "
              "eccentricity <= cond(T_h) K (σ_max(T^{-1}A) <= ‖T^{-1}‖σ_max(A), σ_min(T^{-1}A) >= σ_min(A)/‖T‖, cited): "
              "the ellipsoids of (ε, K) for 𝒯_h f are among those of (‖T_h^{-1}‖ε, cond(T_h) K) for f", dims=())
    lt, lf, i1, i2, j1, j2 = _vals("L_Tf L_f I_Tf_K I_f_cK J_f_K J_Tf_cK")
    eta = sp.Abs(lt - lf) / 2
    yield Obligation(
        f"{prefix}-invariance",
        Implication((sp.Implies(sp.Gt(eta, 0), sp.Gt(i1, lt - eta)), sp.Le(i1, i2), sp.Le(i2, lf),
                     sp.Implies(sp.Gt(eta, 0), sp.Gt(j1, lf - eta)), sp.Le(j1, j2), sp.Le(j2, lt)),
                    sp.Eq(lt, lf)),
        claim="(42) for every T_h: with L(g) = sup_K inf_ε S_{ε,K}(g) (values in [-π/2, π/2] after arctan, so finite): "
              "some K has I = inf_ε S_{ε,K}(𝒯_h f) > L(𝒯_h f) - η (sup), I <= inf_ε S_{ε,cK}(f) [family-invariant, "
              "ε reparametrised] <= L(f); the same with T_h^{-1} and 𝒯_h f; at η = |L(𝒯_h f) - L(f)|/2: "
              "μ_E(𝒯_h f) = μ_E(f)", dims=())
    r, rr, sm, q = _vals("r yx2 smax Ainv_yx2")
    yield Obligation(
        f"{prefix}-semilocal",
        # the statement's: r(Λ) > 0, σ_max(A) < ε <= r(Λ), y in x + AB; |y - x|² <= σ_max² |A^{-1}(y - x)|² is an
        # instance of cite:operator-norm (a cited result: not linked)
        Implication(_own(sp.Gt(r, 0), sp.Ge(sm, 0), sp.Lt(sm, r), sp.Ge(q, 0), sp.Le(q, 1)) + (sp.Le(rr, sm ** 2 * q),),
                    sp.Lt(rr, r ** 2)),
        claim="y in x + AB (|A^{-1}(y - x)|² <= 1) and σ_max(A) < ε <= r(Λ) give |y - x|² <= σ_max² |A^{-1}(y-x)|² "
              "< r(Λ)²: only f on B(x, r(Λ)) enters (inf over ε <= r(Λ) = inf over all ε); Λ_E is semi-local with "
              "every radius r(Λ) > 0", dims=())
    for n, power in ((2, 1), (3, 2)):
        a = sp.symbols(f"a1:{n + 1}", real=True)
        ve, vb, ie, ib, dev_, avb = _vals("vol_E vol_B int_E int_B dev avg_B")
        om = sp.Symbol("omega", real=True)    # a plain real symbol, so that Z3 sees the hypothesis omega > 0
        # the statement's: K >= 1, semi-axes a_1 > 0, a_1 >= a_i >= a_1/K; the volumes, the inclusion E ⊆ B(x, a_1)
        # and the averages are measure facts the claim names (not linked)
        hyps = [sp.Gt(om, 0)] + list(_own(sp.Ge(kk, 1), sp.Gt(a[0], 0), *[sp.Le(a[i], a[0]) for i in range(1, n)],
                                          *[sp.Le(a[0], kk * a[i]) for i in range(1, n)])) + \
            [sp.Eq(ve, om * sp.Mul(*a)), sp.Eq(vb, om * a[0] ** n), sp.Ge(ie, 0), sp.Le(ie, ib),
             sp.Le(dev_ * ve, ie), sp.Eq(avb * vb, ib)]
        yield Obligation(
            f"{prefix}-lebesgue-point-N{n}",
            Implication(tuple(hyps), sp.Le(dev_, kk ** power * avb)),
            claim=f"N = {n}: semi-axes a_1 >= a_i >= a_1/K: |E| = ω Π a_i >= K^{{-{power}}} |B(x, a_1)| and E ⊆ B(x, a_1), so "
                  f"|avg_E f - f(x)| <= avg_E |f - f(x)| <= K^{power} avg_{{B(x, a_1)}} |f - f(x)| -> 0 at every Lebesgue "
                  "point (cited: almost every x): S_{ε,K}(f)(x) -> f(x) for every K, so (Λ_E f)(x) = arctan f(x) a.e.",
            dims=(n,))
    t = sp.Symbol("t", real=True)
    yield Obligation(f"{prefix}-arctan-derivative", Identity(sp.diff(sp.atan(t), t), 1 / (1 + t ** 2)),
                     claim="arctan' = 1/(1 + t²)", dims=())
    deriv = 1 / (1 + t ** 2)             # arctan'(t) [arctan-derivative]
    yield Obligation(f"{prefix}-arctan-lipschitz", Implication((), sp.And(sp.Gt(deriv, 0), sp.Le(deriv, 1))),
                     claim="0 < arctan' <= 1: arctan is 1-Lipschitz (mean value theorem), so "
                           "‖Λ_E f - Λ_E g‖_{L^1(K)} = ‖arctan∘f - arctan∘g‖_{L^1(K)} <= ‖f - g‖_{L^1(K)}: Λ_E is continuous "
                           "L^1_loc -> L^1_loc", dims=())
    yield Obligation(f"{prefix}-nonconstant", Identity(sp.atan(_mean_of_one()), sp.pi / 4),
                     claim="μ_E(1) = arctan(avg 1) = arctan 1 = π/4 (every average of the constant 1 is 1; shown on the disk of "
                           "radius ρ) while μ_E(0) = arctan 0 = 0: μ_E is not constant", dims=(2,))
    delta, P, rho, mass, val, m0 = _vals("delta P rho mass value mu_0")
    yield Obligation(
        f"{prefix}-mu-discontinuous-every-delta",
        Implication((Assume(sp.Gt(delta, 0)), sp.Gt(P, 3), sp.Lt(P, 4), sp.Gt(rho, 0), sp.Eq(8 * rho ** 2, delta),
                     sp.Eq(mass, P * rho ** 2), sp.Gt(val, sp.Rational(3, 4)), sp.Lt(val, 1), sp.Eq(m0, 0)),
                    sp.And(sp.Lt(mass, delta), sp.Ge(sp.Abs(val - m0), sp.Rational(1, 2)))),
        claim="step (b) fails for Λ_E: for every δ > 0, g = indicator of B(0̄, ρ), ρ² = δ/8, has ‖g‖_{L^1} = πρ² < δ "
              "(N = 2) while every centred ellipsoid of diameter < 2ρ lies in B(0̄, ρ), so μ_E(g) = arctan 1 = π/4 "
              "(in (3/4, 1)) and |μ_E(g) - μ_E(0)| >= 1/2: Λ_E is continuous, μ_E is not", dims=(2,))


@dev.proposition(
    "prop:5.12", "No non-trivial invariant generator when an eigenvalue leaves the unit circle (as printed)",
    r"\text{Some eigenvalue of } T_h \text{ has modulus} \neq 1,\ \Lambda \text{ continuous, semi-local, translation "
    r"covariant},\ \mu(\mathcal{T}_h f) = \mu(f)\ \forall f\ (42) \Rightarrow \mu(f) = \mu(0)\ \forall f",
    deps=["prop:5.12.step-43", "cite:HK-3.3-contracting", "cite:truncation-density", "def:5.3", "def:2.4",
          "def:2.1", "eq:32-34.generator", "cite:change-of-variables", LEBESGUE, OPNORM],
    cited_hypotheses={"cite:HK-3.3-contracting": {"T is a linear map of R^n": "discharged: T_h^{-1} is linear"},
                      "cite:truncation-density": {"f locally integrable": "discharged: f in V = L^1_loc"},
                      "cite:change-of-variables": {
                          "g integrable on R^N": "discharged: χ(A^{-1}y) f(T_h^{-1}y) is integrable (f in L^1_loc, "
                                                 "bounded support)",
                          "A invertible": "discharged: A = T_h, invertible"},
                      LEBESGUE: {"f locally integrable": "discharged: f in V = L^1_loc"},
                      OPNORM: {"X, Y invertible": "discharged: X = T_h^{-1}, Y = A (a non-degenerate ellipsoid)"}},
    note="On L^1_loc proper (classes of functions), step (b) and the conclusion fail for Λ_E, the arctan of the "
         "limsup of averages over centred ellipsoids (eccentricity bounded, then unbounded): continuous, semi-local, "
         "translation covariant, (42) for every T_h, μ_E(1) = π/4 != μ_E(0) = 0. Two printed claims fail. (1) 'continuity of Λ implies continuity of μ': Λ = Id is continuous, "
         "semi-local and translation covariant, its generator μ(g) = g(0̄) satisfies (42) for every T_h, yet "
         "μ is not constant (and not L^1_loc-continuous). (2) The supports of χ T_h^n(χ f) lie in B ∩ T_h^n B, "
         "which for T_h = diag(2, 1) contains (r/2, 0) at distance r/2 from S = span(e2) for every n.",
)
def prop_5_12():
    r = sp.Symbol("r", real=True)
    for n in DIMS:
        tm, x, f, _, _ = _setting(n)
        p = vector("p", n)
        yield Obligation(f"identity-invariant-N{n}",
                         Identity(_evaluation(T(tm)(f)), _evaluation(f), assumptions=_invertible(tm)),
                         claim="Λ = Id, μ(g) = g(0̄): μ(T_h f) = f(T_h^{-1} 0̄) = μ(f) for every T_h, i.e. (42)",
                         dims=(n,))
        d = vector("delta", n)
        yield Obligation(f"identity-covariant-N{n}",
                         Identity((generated(_evaluation) @ D(d))(f)(x), (D(d) @ generated(_evaluation))(f)(x)),
                         claim="Λ = Id (generated by μ(g) = g(0̄)) is translation covariant", dims=(n,))
        f1, f2 = _vals("f1_p f2_p")
        rad = sp.Symbol("r_Lambda", real=True)
        yield Obligation(f"identity-semilocal-N{n}",
                         # r(Λ) >= 0 and f_1 = f_2 on B(p, r(Λ)): the antecedent of Def 5.3 to be shown
                         Implication(_own(sp.Ge(rad, 0), sp.Implies(sp.Le(norm2(p - p), rad ** 2), sp.Eq(f1, f2))),
                                     sp.Eq(f1, f2)),
                         claim="Λ = Id is semi-local with any radius r(Λ) >= 0: f_1 = f_2 on B(p, r) gives "
                               "(Λf_1)(p) = f_1(p) = f_2(p) = (Λf_2)(p)", dims=(n,))
        yield Obligation(f"identity-conclusion-N{n}", Identity(_evaluation(f), _evaluation(_zero(n))),
                         claim="the printed conclusion μ(f) = μ(0) for Λ = Id: f(0̄) = 0 for every f", dims=(n,))
    delta, rho, c, m, mg, m0 = _vals("delta rho c_pi m mu_g mu_0")
    # δ > 0 is the printed step's; ρ > 0, 3 < π < 4, ||g||_{L^1} = πρ² describe the instance (not linked)
    disc = (Assume(sp.Gt(delta, 0)), sp.Gt(rho, 0), sp.Gt(c, 3), sp.Lt(c, 4), sp.Eq(m, c * rho ** 2))
    yield Obligation(
        "continuity-of-mu",
        Implication(disc + (Assume(sp.Lt(m, delta)), sp.Eq(mg, 1), sp.Eq(m0, 0)),   # ||g|| < δ: the printed step's
                    sp.Lt(sp.Abs(mg - m0), sp.Rational(1, 2))),
        claim="printed step 'continuity of Λ implies continuity of μ', with ε = 1/2, for Λ = Id: g = indicator of "
              "B(0̄, ρ) (N = 2, ||g||_{L^1} = m = πρ², 3 < π < 4) with m < δ should give |μ(g) - μ(0)| < 1/2; "
              "μ(g) = 1, μ(0) = 0", dims=(2,))
    yield Obligation(
        "continuity-of-mu-every-delta",
        Implication(disc[:4] + (sp.Eq(8 * rho ** 2, delta), sp.Eq(m, c * rho ** 2)), sp.Lt(m, delta)),
        claim="for every δ > 0 the radius ρ² = δ/8 gives ||g||_{L^1} < δ while |μ(g) - μ(0)| = 1: "
              "no δ works for ε = 1/2", dims=(2,))
    s = sp.Symbol("s", real=True)   # s = 2^n
    for n in DIMS:
        y = vector("y", n)
        back = _diag_power(n, s) * y   # T_h^{-n} y
        yield Obligation(
            f"printed-shrink-N{n}",
            # the printed step's: s = 2^n (n >= 1), r > 0, y in B ∩ T_h^n B
            Implication(_own(sp.Ge(s, 2), sp.Gt(r, 0), sp.Le(norm2(y), r ** 2), sp.Le(norm2(back), r ** 2)),
                        sp.Le(16 * y[0] ** 2, r ** 2)),
            claim="printed step: supp χ T_h^n(χ f) ⊆ B ∩ T_h^n B eventually within ε = r/4 of S = E^+ ⊕ E^0 of "
                  f"T_h^{{-1}}; T_h = diag(2{', 1' * (n - 1)}), S = span(e_2{', e_3' if n == 3 else ''}), "
                  "s = 2^n for an arbitrary threshold n", dims=(n,))
        wit = {xi: (r / 2 if i == 0 else 0) for i, xi in enumerate(y)}
        yield Obligation(
            f"printed-shrink-every-n-N{n}",
            Implication(_own(sp.Ge(s, 2), sp.Gt(r, 0)), sp.And(sp.Le(norm2(y), r ** 2), sp.Le(norm2(back), r ** 2),
                                               sp.Gt(16 * y[0] ** 2, r ** 2)).xreplace(wit)),
            claim="for every n >= 1 the point (r/2, 0, ...) lies in B ∩ T_h^n B at distance r/2 > r/4 from S: "
                  "no threshold n_0 exists", dims=(n,))
    yield from _ellipsoid_counterexample()
    m1, m0 = _vals("muE_1 muE_0")
    yield Obligation(
        "l1loc-printed-conclusion",
        Implication((sp.Gt(m1, sp.Rational(3, 4)), sp.Lt(m1, 1), sp.Eq(m0, 0)), sp.Eq(m1, m0)),
        claim="the printed conclusion μ(f) = μ(0) for Λ_E (continuous on L^1_loc, semi-local, translation covariant, (42) "
              "for every T_h, in particular T_h = 2·Id and diag(2, 1)), at f = 1: μ_E(1) = π/4 in (3/4, 1) "
              "[l1loc-nonconstant], μ_E(0) = arctan 0 = 0", dims=())


@dev.proposition(
    "prop:5.12.corrected", "No non-trivial continuous invariant generator when an eigenvalue leaves the unit circle",
    r"\text{Some eigenvalue of } T_h \text{ has modulus} \neq 1,\ \Lambda \text{ semi-local, translation covariant "
    r"with generator } \mu \text{ continuous on } L^1_{loc},\ (42) \Rightarrow \mu(f) = \mu(0)\ \forall f",
    deps=["prop:5.12.step-43", "cite:HK-3.3-contracting", "cite:truncation-density", "def:5.3", "def:2.4",
          "def:2.1", "eq:32-34.generator", "cite:integral-monotone"],
    cited_hypotheses={"cite:HK-3.3-contracting": {
        "T is a linear map of R^n": "discharged: T_h^{-1} is linear; applied to its contracting subspace"},
        "cite:integral-monotone": {"F, k measurable, k >= 0": "discharged: f_n measurable, weight 1"},
        "cite:truncation-density": {"f locally integrable": "discharged: f in V = L^1_loc"}},
    printed=False, corrects="prop:5.12",
    note="Continuity of μ is a hypothesis (it does not follow from continuity of Λ), and the iteration runs "
         "with T_h^{-n}: f_n = χ T_h^{-n}(χ f) has support in B ∩ T_h^{-n}(B), which shrinks onto S = E^+ ⊕ E^0 "
         "of T_h^{-1}. Invariance under T_h^{-1} follows from (42).",
)
def prop_5_12_corrected():
    for n in DIMS:
        tm, _, _, mu, _ = _setting(n)
        g = undefined("g", n)
        yield Obligation(f"inverse-map-N{n}", Identity(mu(T(tm)(T_inv(tm)(g))), mu(g), assumptions=_invertible(tm)),
                         claim="μ(T_h T_h^{-1} g) = μ(g)", dims=(n,))
    for n in DIMS:
        tm, _, _, mu, _ = _setting(n)
        g = undefined("g", n)
        yield Obligation(
            f"inverse-invariance-N{n}",
            Implication(_invertible(tm) + (
                Assume(sp.Eq(mu(T(tm)(T_inv(tm)(g))), mu(T_inv(tm)(g)))),     # (42), the premise, at f = T_h^{-1} g
                Use("prop:5.12.corrected", f"inverse-map-N{n}")),
                sp.Eq(mu(T_inv(tm)(g)), mu(g))),
            claim="closing: (42) at f = T_h^{-1} g gives μ(T_h T_h^{-1} g) = μ(T_h^{-1} g); with inverse-map, "
                  "μ(T_h^{-1} g) = μ(g): μ is invariant under T_h^{-1}, hence under every T_h^{-n}", dims=(n,))
    r = sp.Symbol("r", real=True)
    s = sp.Symbol("s", real=True)
    for n in DIMS:
        z = vector("z", n)
        xs = _diag_power(n, s) * z   # points of T_h^{-n}(B) for T_h = diag(2, 1, ...)
        yield Obligation(
            f"shrink-diag-N{n}",
            Implication(_own(sp.Ge(s, 2), sp.Gt(r, 0), sp.Le(norm2(z), r ** 2)),   # s = 2^n, n >= 1; z in B(0̄, r)
                        sp.Le(s ** 2 * xs[0] ** 2, r ** 2)),
            claim=f"T_h = diag(2{', 1' * (n - 1)}): every x in T_h^{{-n}}(B) has distance |x_1| <= r/2^n from "
                  "S = span(e_2, ...)", dims=(n,))
    eps, xp = _vals("epsilon x_B")
    nn = sp.Symbol("n", real=True)
    pp = ref.HK_PROJ_NORM
    tol = eps ** 2 / (pp ** 2 * r ** 2 + 1)
    yield Obligation(
        "shrink-general",
        Implication((Assume(sp.Gt(r, 0)), Assume(sp.Gt(eps, 0)),
                     Assume(sp.Le(ref.HK_SQNORM(xp), r ** 2)),                  # x in B (named x_B)
                     Assume(sp.Ge(nn, ref.HK_INDEX(tol))),                      # n large
                     Use("cite:HK-3.3-contracting", "contracting", ((ref.HK_X, xp), (ref.HK_T, tol), (ref.HK_N, nn)))),
                    sp.Lt(ref.HK_ITER_SQNORM(xp, nn), eps ** 2)),
        claim="general T_h: x in B (|x|² = sqnorm(x) <= r²), x_- its E^- component for T_h^{-1} (|x_-| <= P|x|, P the "
              "projection's norm) and T_h^{-1} eventually contracting on E^- [cite:HK-3.3-contracting, used at "
              "t = ε²/(P² r² + 1)]: for every n >= n_0(t), |T_h^{-n} x_-|² <= t P² r² < ε²; T_h^{-n} x - T_h^{-n} x_- "
              "lies in the invariant S = E^+ ⊕ E^0 of T_h^{-1}, so every point of T_h^{-n}(B) is within ε of S", dims=(2, 3))
    big_m, dd, fn, slab = _vals("M delta f_n S_eps")
    width = dd / (8 * r * (big_m + 1))          # the choice of ε: 4 ε r (M + 1) = δ/2 < δ
    m_slab, integral = ref.MEASURE_OF(slab), ref.ABS_INTEGRAL(fn)
    yield Obligation(
        "measure-and-L1",
        # r > 0, |χf| <= M, δ > 0 are the claim's; the slab's measure (a rectangle 2ε × 2r) is not linked
        Implication((Assume(sp.Gt(r, 0)), Assume(sp.Ge(big_m, 0)), Assume(sp.Gt(dd, 0)),
                     Assume(sp.Eq(ref.BOUNDED_ON(fn, slab, big_m), 1)),      # |f_n| <= M, supp f_n ⊆ S_ε (shrink-general)
                     sp.Le(m_slab, 4 * width * r),
                     Use(MONOTONE, "bounded-on-set-lebesgue", ((ref.MONO_F, fn), (ref.MONO_E, slab), (ref.MONO_M, big_m)))),
                    sp.Lt(integral, dd)),
        claim="N = 2: for ε = δ/(8 r (M + 1)) the ε-neighbourhood S_ε of the line S inside B has measure m <= 4 ε r (a "
              "rectangle 2ε × 2r: not linked); f_n = χ T_h^{-n}(χ f) has |f_n| <= M (|χ f| <= M, the claim's) and, for n "
              "large, support in S_ε (shrink-general, for every point of T_h^{-n}(B)): bounded_by_on(f_n, S_ε, M) = 1; "
              "∫|f_n| <= M m [cite:integral-monotone, used] <= 4 ε r M < δ: f_n -> 0 in L^1_loc", dims=(2,))
    mfn, mf, m0, mg = _vals("mu_fn mu_f mu_0 mu_gi")
    half = sp.Abs(mf - m0) / 2
    yield Obligation(
        "eq44-and-continuity",
        Implication((sp.Eq(mfn, mf), sp.Implies(sp.Gt(half, 0), sp.Lt(sp.Abs(mfn - m0), half))), sp.Eq(mf, m0)),
        claim="closing: μ(f_n) = μ(χ T_h^{-n}(χf)) = μ(T_h^{-n}(χf)) = μ(χf) = μ(f) (step-43, inverse-invariance; "
              "(44) corrected) and continuity of μ with f_n -> 0 (instantiated at ε = |μ(f) - μ(0)|/2) give "
              "μ(f) = μ(0) for f with χf bounded")
    half_g = sp.Abs(mf - m0) / 2
    yield Obligation(
        "approximation",
        Implication((sp.Eq(mg, m0), sp.Implies(sp.Gt(half_g, 0), sp.Lt(sp.Abs(mg - mf), half_g))), sp.Eq(mf, m0)),
        claim="closing: truncations g_i (χ g_i bounded, cited) have μ(g_i) = μ(0) and μ(g_i) -> μ(f) by "
              "continuity (instantiated at ε = |μ(f) - μ(0)|/2): μ(f) = μ(0) for every f")


ABS_CONT = "cite:absolute-continuity"
DOM_CONV = "cite:dominated-convergence"
MONOTONE = "cite:integral-monotone"


@dev.step(
    "prop:5.12.step-dominated-limits", "A generator dominated by an L^1_comp kernel has the two limits of Prop 5.12",
    r"|\mu(f) - \mu(g)| \le \int |f - g|\,k,\ k \in L^1_{comp},\ k \ge 0:\ "
    r"(\mathrm{L1})\ |f_n| \le M,\ \mathrm{supp} f_n \subseteq E_n,\ |E_n| \to 0 \Rightarrow \mu(f_n) \to \mu(0);\ "
    r"(\mathrm{L2})\ \int |\chi f|\,k < \infty,\ g_i = \max(-i, \min(i, \chi f)) \Rightarrow \mu(g_i) \to \mu(f)",
    deps=[ABS_CONT, DOM_CONV, MONOTONE, "prop:5.12.step-43", "def:5.3"], printed=False,
    cited_hypotheses={ABS_CONT: {"k integrable": "discharged: k in L^1_comp"},
                      MONOTONE: {"F, k measurable, k >= 0": "discharged: f_n measurable, k >= 0 the statement's kernel"},
                      DOM_CONV: {"h_i -> h almost everywhere": "discharged: |g_i - χf| k -> 0 wherever χf is finite "
                                                               "(truncation-pointwise), i.e. a.e.",
                                 "|h_i| <= G with G integrable": "discharged: |g_i - χf| k <= |χf| k, integrable by "
                                                                 "the hypothesis ∫|χf| k < ∞"}},
    note="The proof of Prop 5.12 (corrected) uses continuity of μ only through these two limits; domination "
         "gives both without continuity (a CNN with an unbounded L^1_comp last-layer filter is dominated but not "
         "continuous on L^1_loc).",
)
def prop_5_12_step_dominated_limits():
    big_m, eps, d, fn, en = _vals("M epsilon d f_n E_n")
    tol = eps / (big_m + 1)
    mu_bound = ref.KERNEL_ABS_INTEGRAL(fn)           # ∫|f_n| k
    yield Obligation(
        "L1-shrinking-supports",
        Implication((Assume(sp.Ge(big_m, 0)), Assume(sp.Gt(eps, 0)),
                     Assume(sp.Eq(ref.BOUNDED_ON(fn, en, big_m), 1)),            # |f_n| <= M, supp f_n ⊆ E_n
                     Assume(sp.Lt(ref.MEASURE_OF(en), ref.AC_ETA(tol))),         # |E_n| -> 0: n large
                     Use(ABS_CONT, "absolute-continuity", ((ref.AC_EPS, tol), (ref.AC_SET, en))),
                     Use(MONOTONE, "bounded-on-set", ((ref.MONO_F, fn), (ref.MONO_E, en), (ref.MONO_M, big_m))),
                     Assume(sp.Le(sp.Abs(d), mu_bound))),                         # the domination at g = 0
                    sp.Lt(sp.Abs(d), eps)),
        claim="(L1) for f_n (named f_n) with |f_n| <= M and supp f_n ⊆ E_n [the statement's: bounded_by_on(f_n, E_n, M) "
              "= 1], d = μ(f_n) - μ(0): |d| <= ∫|f_n| k (domination, g = 0) <= M ∫_{E_n} k [cite:integral-monotone, used]; "
              "absolute continuity [cited, used at ε/(M + 1)] gives η with ∫_{E_n} k < ε/(M + 1) for every n with "
              "|E_n| < η, i.e. every n large since |E_n| -> 0 [the statement's]: |μ(f_n) - μ(0)| < ε", dims=())
    ff, kk = _vals("F k")
    trunc = sp.Max(-kk, sp.Min(kk, ff))       # g = max(-i, min(i, F)), the statement's truncation
    yield Obligation(
        "truncation-pointwise",
        Implication((Assume(sp.Ge(kk, 0)),),          # the truncation level i >= 0 of the statement's g_i
                    sp.And(sp.Le(sp.Abs(trunc - ff), sp.Abs(ff)), sp.Le(sp.Abs(trunc), kk),
                           sp.Implies(sp.Le(sp.Abs(ff), kk), sp.Eq(trunc, ff)))),
        claim="g = max(-i, min(i, F)) at a point with F = (χf)(y): |g - F| <= |F| (the dominant), |g| <= i (g_i bounded), "
              "and g = F once i >= |F|, so g_i -> χf wherever χf is finite", dims=())
    i_ = sp.Symbol("i", real=True)
    yield Obligation(
        "L2-truncations",
        Implication((Assume(sp.Gt(eps, 0)), Assume(sp.Ge(i_, ref.DC_INDEX(eps))),     # ε > 0; i large
                     Use(DOM_CONV, "convergence", ((ref.DC_EPS, eps), (ref.DC_I, i_))),
                     Assume(sp.Le(sp.Abs(d), ref.DC_ERROR(i_)))),                       # the domination
                    sp.Lt(sp.Abs(d), eps)),
        claim="d = μ(g_i) - μ(f) = μ(g_i) - μ(χf) ((43)), |d| <= ∫|g_i - χf| k (domination); dominated convergence "
              "[cited, used] with h_i = g_i k -> h = χf k a.e. (truncation-pointwise) and dominant |χf| k (integrable when "
              "∫|χf| k < ∞) gives an index i_0(ε) with ∫|g_i - χf| k = dominated_error(i) < ε for every i >= i_0(ε): "
              "μ(g_i) -> μ(f)", dims=())


@dev.proposition(
    "prop:5.12.dominated", "Prop 5.12 for a generator dominated by an L^1_comp kernel",
    r"\text{Some eigenvalue of } T_h \text{ has modulus} \neq 1,\ \Lambda \text{ semi-local, translation covariant, } "
    r"|\mu(f) - \mu(g)| \le \int |f - g|\,k \text{ with } k \in L^1_{comp},\ (42) \Rightarrow \mu(f) = \mu(0) "
    r"\text{ for every } f \text{ with } \int |\chi f|\,k < \infty \text{ (every } f \in L^\infty_{loc}\text{; every } "
    r"f \in L^1_{loc} \text{ when } k \text{ is bounded)}",
    deps=["prop:5.12.corrected", "prop:5.12.step-dominated-limits", "prop:5.12.step-43", "cite:truncation-density"],
    cited_hypotheses={"cite:truncation-density": {"f locally integrable": "discharged: f in V = L^1_loc"}},
    printed=False,
    note="The argument of prop:5.12.corrected ((43), invariance under T_h^{-1}, supports of χ T_h^{-n}(χf) of measure "
         "-> 0, (44)) with the limits of prop:5.12.step-dominated-limits in place of continuity. Every CNN of Section 2.2 "
         "is dominated (thm:5.6-conclusion.step-cnn-included.corrected); for f with ∫|χf| k = ∞ domination says nothing.",
)
def prop_5_12_dominated():
    mfn, mf, m0, mg, big_m = _vals("mu_fn mu_f mu_0 mu_gi M")
    half = sp.Abs(mf - m0) / 2
    yield Obligation(
        "bounded-images",
        Implication((sp.Eq(mfn, mf), sp.Implies(sp.Gt(half, 0), sp.Lt(sp.Abs(mfn - m0), half))), sp.Eq(mf, m0)),
        claim="χf bounded by M: f_n = χ T_h^{-n}(χf) has |f_n| <= M and support of measure -> 0 [prop:5.12.corrected: "
              "shrink-general, measure-and-L1], so (L1) [step-dominated-limits] at ε = |μ(f) - μ(0)|/2, and μ(f_n) = μ(f) "
              "[(44) corrected]: μ(f) = μ(0)", dims=())
    fv, kv = _vals("chif_y k_y")
    yield Obligation(
        "bounded-are-dominated",
        # the claim's: χf bounded by M; k >= 0, the statement's kernel
        Implication(_own(sp.Ge(big_m, 0), sp.Ge(kv, 0), sp.Le(sp.Abs(fv), big_m)), sp.Le(sp.Abs(fv) * kv, big_m * kv)),
        claim="|χf| <= M gives ∫|χf| k <= M ‖k‖_1 < ∞: every locally bounded image is in the class the conclusion covers "
              "(and every f in L^1_loc when |k| <= K_∞: ∫|χf| k <= K_∞ ‖χf‖_1)", dims=())
    yield Obligation(
        "approximation",
        Implication((sp.Eq(mg, m0), sp.Implies(sp.Gt(half, 0), sp.Lt(sp.Abs(mg - mf), half))), sp.Eq(mf, m0)),
        claim="∫|χf| k < ∞: the truncations g_i are bounded, so μ(g_i) = μ(0) [bounded-images], and μ(g_i) -> μ(f) "
              "[(L2), step-dominated-limits] at ε = |μ(f) - μ(0)|/2: μ(f) = μ(0)", dims=())
