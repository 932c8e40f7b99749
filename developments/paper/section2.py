"""Section 2: preliminaries — transformations, translations, covariance (Defs 2.1–2.5),
translation covariance of convolutions (Lemma 2.6) and CNNs (Prop 2.7), and the
commutation of translations with linear maps (Lemma 2.8).

Operator identities are stated for N = 2 and N = 3 with a general symbolic matrix T_h,
symbolic vectors and undefined functions f, λ, applied at a symbolic point x.
"""
import sympy as sp

from proofs.model import Assume, Chain, Identity, Obligation, Step
from symbolic.operators import D, T, conv, integral_RN, undefined
from symbolic.spaces import inverse, matrix, nonsingular, vector

from ._clauses import by_clause, clauses_of
from ._dev import DEVELOPMENT as dev

DIMS = (2, 3)

dev.definition(
    "def:conv", "Convolution operator (eq. 1)",
    r"\Lambda_\lambda f(x) := (f\star\lambda)(x) = \int_{\mathbb{R}^N} f(y)\lambda(x-y)\,dy "
    r"= \int_{\mathbb{R}^N}\lambda(y) f(x-y)\,dy",
    note="The paper states the two forms as equal; they differ by the change of variables y -> x - y, "
         "which lemma:2.6 and prop:A.1 use only in the first form.")

dev.definition(
    "def:cnn", "Continuous CNN (eqs. 2–4)",
    r"(\Lambda^{(i)}f)_c(x) = \sigma_i\Big(\sum_{m=1}^{M_{i-1}} \int_{\mathbb{R}^N}"
    r"(\Lambda^{(i-1)}f)_m(x-y)\,\lambda^{(i)}_{m,c}(y)\,dy + b_{i,c}\Big),\ \Lambda^{(0)}f = f,"
    r"\ \lambda^{(i)}_{m,c}\in L^1_{comp},\ \sigma_i \text{ Lipschitz}",
    deps=["def:conv"])

dev.definition(
    "def:2.1", "Spatial transformation of images and feature maps",
    r"(\mathcal{T}_h^1 f)(x) = f(T_h^{-1}x),\quad (\mathcal{T}_h^k\Lambda f)_c(x) = (\Lambda f)_c(T_h^{-1}x)")

dev.definition(
    "def:2.2", "Translation operator",
    r"(\mathcal{D}_\delta f)(x) = f(x-\delta),\quad (\mathcal{D}^k_\delta\Lambda f)(x) = (\Lambda f)(x-\delta)")

dev.definition(
    "def:2.3", "Covariance",
    r"\Lambda \text{ is covariant to } \mathcal{O} \text{ if } \exists\, \mathcal{O}' \text{ (input independent) with } "
    r"\Lambda\mathcal{O}f = \mathcal{O}'\Lambda f")

dev.definition(
    "def:2.4", "Translation covariance",
    r"\Lambda \text{ is translation covariant if } \Lambda\mathcal{D}_\delta = \mathcal{D}_\delta\Lambda "
    r"\text{ for every } \delta", deps=["def:2.2", "def:2.3"])

dev.definition(
    "def:2.5", "Invariance",
    r"\Lambda \text{ is invariant to } \mathcal{T}_h \text{ if } \Lambda\mathcal{T}_h f = \Lambda f "
    r"\text{ for all } f \in V", deps=["def:2.1"])


def _setting(n: int):
    return (matrix("T", n), vector("delta", n), vector("x", n), undefined("f", n))


@dev.lemma(
    "lemma:2.6", "Convolution is translation covariant",
    r"\mathcal{D}_\delta\Lambda_\lambda = \Lambda_\lambda\mathcal{D}_\delta = \Lambda_{\mathcal{D}_\delta\lambda}",
    deps=["def:conv", "def:2.2", "def:2.4", "prop:A.1", "cite:change-of-variables"],
    cited_hypotheses={"cite:change-of-variables": {
        "g integrable on R^N": "carried: f locally integrable and lambda in L^1_comp make the integrand integrable",
        "A invertible": "discharged: the substitution y = u + delta has A = Id"}},
    clauses=clauses_of("lemma:2.6"),
)
@by_clause("lemma:2.6")
def lemma_2_6():
    """Both equalities of (13), each applied to an undefined f at a symbolic x."""
    for n in DIMS:
        _, d, x, f = _setting(n)
        lam = undefined("lambda", n)
        u = vector("u", n)
        left = (D(d) @ conv(lam))(f)(x)
        target = conv(D(d)(lam))(f)(x)
        yield Obligation(f"D-Lambda=Lambda_Dlambda-N{n}", Identity(left, target),
                         claim="(D_δ Λ_λ f)(x) = (Λ_{D_δ λ} f)(x)", dims=(n,))
        middle = (conv(lam) @ D(d))(f)(x)
        ys = [lim[0] for lim in middle.limits]
        yield Obligation(
            f"Lambda-D=Lambda_Dlambda-N{n}",
            Chain(middle, (
                Step(integral_RN(f(u) * lam(x - d - u), u), "change_of_variables",
                     by="cite:change-of-variables",
                     params={"old": ys, "new": list(u), "A": sp.eye(n), "c": d}, note="y = u + δ"),
                Step(target, by="prop:A.1", note="definition of Λ_{D_δ λ}"),
            )),
            claim="(Λ_λ D_δ f)(x) = (Λ_{D_δ λ} f)(x)", dims=(n,))


@dev.proposition(
    "prop:2.7", "A CNN is translation covariant",
    r"\Lambda^{(i)}\mathcal{D}_\delta = \mathcal{D}_\delta\Lambda^{(i)} \text{ for the CNN of Section 2.2}",
    deps=["def:cnn", "def:2.4", "lemma:2.6", "prop:A.2", "cite:change-of-variables"],
    cited_hypotheses={"cite:change-of-variables": {
        "g integrable on R^N": "carried: layer inputs locally integrable, filters in L^1_comp",
        "A invertible": "discharged: A = Id"}},
)
def prop_2_7():
    """Translation covariance of every layer, as established in Appendix A.2."""
    for n in DIMS:
        _, d, x, _ = _setting(n)
        # the layer map of (4), for an input family g_m (previous layer) and filters λ_m (M = 2)
        g = [undefined(f"g{m}", n) for m in (1, 2)]
        lam = [undefined(f"lambda{m}", n) for m in (1, 2)]
        sigma, b = sp.Function("sigma"), sp.Symbol("b", real=True)

        def layer(inputs, at):
            return sigma(sum(conv(l)(gm)(at) for gm, l in zip(inputs, lam)) + b)

        # induction hypothesis: (Λ^{(i-1)} D_δ f)_m = D_δ (Λ^{(i-1)} f)_m, so the layer sees D_δ g_m
        lhs = layer([D(d)(gm) for gm in g], x)
        ys = [lim[0] for lim in conv(lam[0])(D(d)(g[0]))(x).limits]
        u = vector("u", n)
        after = sigma(sum(integral_RN(gm(u) * l(x - d - u), u) for gm, l in zip(g, lam)) + b)
        yield Obligation(
            f"layer-step-N{n}",
            Chain(lhs, (
                Step(after, "change_of_variables", by="cite:change-of-variables",
                     params={"old": ys, "new": list(u), "A": sp.eye(n), "c": d},
                     note="y = u + δ in every term: the computation of Lemma 2.6 / (47)"),
                Step(layer(g, x - d), note="= (D_δ Λ^{(i)} f)(x): the layer evaluated at x - δ"),
            )),
            claim="induction step of A.2: one layer of (4) (M = 2 input channels, bias, any σ) maps "
                  "translated inputs to translated outputs", dims=(n,))


@dev.lemma(
    "lemma:2.8", "Translations and linear maps commute up to transforming the shift",
    r"\mathcal{T}_h\mathcal{D}_\delta = \mathcal{D}_{T_h\delta}\mathcal{T}_h \quad\text{(14)},\qquad "
    r"\mathcal{D}_\delta\mathcal{T}_h = \mathcal{T}_h\mathcal{D}_{T_h^{-1}\delta} \quad\text{(15)}",
    deps=["def:2.1", "def:2.2"],
    clauses=clauses_of("lemma:2.8"),
)
@by_clause("lemma:2.8")
def lemma_2_8():
    for n in DIMS:
        Tm, d, x, f = _setting(n)
        assume = tuple(map(Assume, nonsingular(Tm)))     # det T_h != 0: 𝒯_h of (5) is invertible (T_h^{-1} in (15))
        # (16)-(17) as printed: both sides reduce to f(T_h^{-1}x - δ)
        common = f(inverse(Tm) * x - d)
        yield Obligation(
            f"eq14-N{n}",
            Chain((T(Tm) @ D(d))(f)(x), (
                Step(common, "definition", note="(16): (D_δ f)(T_h^{-1}x) = f(T_h^{-1}x - δ)"),
                Step(f(inverse(Tm) * (x - Tm * d)), note="(17) read backwards: f(T_h^{-1}(x - T_hδ))"),
                Step((D(Tm * d) @ T(Tm))(f)(x), "definition", note="(17): (T_h f)(x - T_hδ)"),
            ), assumptions=assume),
            claim="(𝒯_h 𝒟_δ f)(x) = (𝒟_{T_hδ} 𝒯_h f)(x), eqs. (16)-(17)", dims=(n,))
        yield Obligation(
            f"eq15-N{n}",
            Identity((D(d) @ T(Tm))(f)(x), (T(Tm) @ D(inverse(Tm) * d))(f)(x), assumptions=assume),
            claim="(𝒟_δ 𝒯_h f)(x) = (𝒯_h 𝒟_{T_h^{-1}δ} f)(x)", dims=(n,))
