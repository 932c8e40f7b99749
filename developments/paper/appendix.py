"""Appendix A: translation covariance of a convolution (Prop A.1) and translation covariance and
semi-locality of a multi-layer CNN (Prop A.2, by induction on the depth).

Prop A.1 is two chains, (46) and (47), for N = 2, 3. Prop A.2 is split into its printed claims:
the base case, the induction step for translation covariance (one layer of (48), M = 2, 3 input
channels, via the computation of Lemma 2.6), the radius (49) with symbolic radii (Z3, M = 2, 3),
the ball on which Lemma 5.4 gives agreement (printed with the index i-1: refuted, corrected to i),
and the pointwise non-linearity. The induction principle itself is the trusted schema stated in
prop:A.2's statement.
"""
from __future__ import annotations

import sympy as sp

from proofs.model import Assume, ByDefinition, Chain, Identity, Implication, Obligation, Step, Use
from symbolic.operators import D, Fn, conv, identity_op, integral_RN, undefined
from symbolic.spaces import norm2, vector

from ._clauses import by_clause, clauses_of
from ._dev import DEVELOPMENT as dev

DIMS = (2, 3)
CHANNELS = (2, 3)
COVARIANCE_CHANNELS = (1, 2, 3)     # M_{i-1} = 1 is the first layer of (4) (an image f in V has one channel)

CHANGE_OF_VARIABLES_USE = {"cite:change-of-variables": {
    "g integrable on R^N": "carried: f locally integrable and the kernel in L^1_comp make the integrand "
                           "integrable",
    "A invertible": "discharged: the substitution y = u + delta has A = Id"}}


# --------------------------------------------------------------------------- A.1


@dev.proposition(
    "prop:A.1", "A single convolution layer is translation covariant",
    r"\mathcal{D}_\delta\Lambda_\lambda = \Lambda_\lambda\mathcal{D}_\delta = \Lambda_{\mathcal{D}_\delta\lambda}"
    r"\quad (45)",
    deps=["def:conv", "def:2.2", "def:2.4", "cite:change-of-variables"],
    cited_hypotheses=CHANGE_OF_VARIABLES_USE,
    clauses=clauses_of("prop:A.1"),
)
@by_clause("prop:A.1")
def prop_a_1():
    """(46) and (47) as printed, one Step per printed equality, for N = 2 and N = 3."""
    for n in DIMS:
        d, x, u = vector("delta", n), vector("x", n), vector("u", n)
        f, lam = undefined("f", n), undefined("lambda", n)
        target = conv(D(d)(lam))(f)(x)
        start46 = (D(d) @ conv(lam))(f)(x)
        y = [lim[0] for lim in start46.limits]
        yv = sp.Matrix(y)
        yield Obligation(
            f"eq46-N{n}",
            Chain(start46, (
                Step(conv(lam)(f)(x - d), "definition", by="def:2.2", note="(D_δ Λ_λ f)(x) = (Λ_λ f)(x - δ)"),
                Step(integral_RN(f(yv) * lam(x - d - yv), yv), "definition", by="def:conv",
                     note="∫ f(y) λ(x - δ - y) dy"),
                Step(target, "definition", by="def:conv", note="= (Λ_{D_δ λ} f)(x)"),
            )),
            claim="(46): (D_δ Λ_λ f)(x) = ∫ f(y) λ(x-δ-y) dy = (Λ_{D_δ λ} f)(x)", dims=(n,))
        start47 = (conv(lam) @ D(d))(f)(x)
        y = [lim[0] for lim in start47.limits]
        yv = sp.Matrix(y)
        yield Obligation(
            f"eq47-N{n}",
            Chain(start47, (
                Step(integral_RN(f(yv - d) * lam(x - yv), yv), "definition", by="def:2.2",
                     note="∫ f(y - δ) λ(x - y) dy"),
                Step(integral_RN(f(u) * lam(x - d - u), u), "change_of_variables",
                     by="cite:change-of-variables",
                     params={"old": y, "new": list(u), "A": sp.eye(n), "c": d}, note="u = y - δ"),
                Step(target, "definition", by="def:conv", note="= (Λ_{D_δ λ} f)(x)"),
            )),
            claim="(47): (Λ_λ D_δ f)(x) = ∫ f(y-δ) λ(x-y) dy = ∫ f(u) λ(x-δ-u) du = (Λ_{D_δ λ} f)(x)",
            dims=(n,))


# --------------------------------------------------------------------------- A.2 helpers


def _radii(prefix: str, m: int) -> list[sp.Symbol]:
    return [sp.Symbol(f"{prefix}_{k}", real=True) for k in range(1, m + 1)]


def radius_49(prev: list, kern: list, combine=sp.Max) -> sp.Expr:
    """r(Λ_c^i) of (49): max over m of r(Λ_m^{(i-1)}) + r(λ_{m,c}^{(i)})."""
    return combine(*[a + b for a, b in zip(prev, kern)])


def radius_containment(n: int, m: int, prev: list | None = None, kern: list | None = None,
                       radius: sp.Expr | None = None) -> Implication:
    """Agreement on B(p, R) gives agreement on B(p, r(Λ_m^{(i-1)}) + r(λ_{m,c})) for every m.

    This is the hypothesis of Lemma 5.4 with r = r(λ_{m,c}^{(i)}); ``radius`` defaults to (49).
    """
    prev = prev if prev is not None else _radii("rA", m)
    kern = kern if kern is not None else _radii("rl", m)
    radius = radius_49(prev, kern) if radius is None else radius
    p, z = vector("p", n), vector("z", n)
    dist2 = norm2(z - p)
    hyps = tuple(Assume(sp.Ge(r, 0)) for r in prev + kern)
    goal = sp.And(*[sp.Implies(sp.Le(dist2, (a + b) ** 2), sp.Le(dist2, radius ** 2))
                    for a, b in zip(prev, kern)])
    return Implication(hyps, goal)


def lemma_5_4_ball(n: int, ball: sp.Expr) -> tuple[Implication, Implication]:
    """The ball B(p, ``ball``) on which (Λ^{(i-1)} f_1)_m and (Λ^{(i-1)} f_2)_m are said to agree.

    (a) Lemma 5.4 (r = r(λ^{(i)}), radius r(Λ_m^{(i-1)})) gives agreement on B(p, r(λ^{(i)})), so
    the claim needs B(p, ball) ⊆ B(p, r(λ^{(i)})); (b) Lemma 5.6 for the kernel λ^{(i)}, supported
    in B(0, r(λ^{(i)})), reads the layer input at p - y for y in that support, so it needs those
    points in B(p, ball).

    Every hypothesis is the step's own (Assume): the radii are radii of balls (non-negative), z is a point
    of the ball the statement names, y a point of B(0̄, r(λ^{(i)})) ⊇ supp λ^{(i)} (what r(λ) denotes in
    (49)). Nothing is used from Lemma 5.4 or 5.6 by reference: these are the containments their hypotheses
    need, so that the printed reading stays refutable by a model.
    """
    p, z, y = vector("p", n), vector("z", n), vector("y", n)
    r_now = sp.Symbol("r_lambda_i", real=True)
    radii = (Assume(sp.Ge(r_now, 0)),) + tuple(Assume(sp.Ge(s, 0)) for s in ball.free_symbols if s != r_now)
    from_5_4 = Implication(radii + (Assume(sp.Le(norm2(z - p), ball ** 2)),), sp.Le(norm2(z - p), r_now ** 2))
    feeds_5_6 = Implication(radii + (Assume(sp.Le(norm2(y), r_now ** 2)),), sp.Le(norm2((p - y) - p), ball ** 2))
    return from_5_4, feeds_5_6


R_PRINTED = sp.Symbol("r_lambda_im1", real=True)   # r(λ^{(i-1)}_{m,c}), as printed
R_NOW = sp.Symbol("r_lambda_i", real=True)          # r(λ^{(i)}_{m,c})


def lipschitz_layer(m: int, sigma_lipschitz: bool = True) -> Implication:
    """Equal convolution integrals per channel give equal layer outputs at p.

    a_{j,m}: the m-th integral of (4) at p for f_j (equal by Lemma 5.6); o_j = σ(Σ_m a_{j,m} + b);
    σ Lipschitz with constant L (def:cnn): |o_1 - o_2| <= L |s_1 - s_2|.

    The equal integrals are the step's own hypothesis (its statement's antecedent: Assume); s_j, the
    argument of σ in (4), and the Lipschitz bound of σ unfold def:cnn (ByDefinition).
    """
    a1, a2 = _radii("a1", m), _radii("a2", m)
    b, L, s1, s2, o1, o2 = sp.symbols("b L s1 s2 o1 o2", real=True)
    hyps: list = [Assume(sp.Eq(x1, x2)) for x1, x2 in zip(a1, a2)]
    hyps += [ByDefinition("def:cnn", sp.Eq(s1, sum(a1) + b)), ByDefinition("def:cnn", sp.Eq(s2, sum(a2) + b))]
    if sigma_lipschitz:
        hyps += [ByDefinition("def:cnn", sp.Ge(L, 0)),
                 ByDefinition("def:cnn", sp.Le(sp.Abs(o1 - o2), L * sp.Abs(s1 - s2)))]
    return Implication(tuple(hyps), sp.Eq(o1, o2))


# --------------------------------------------------------------------------- A.2 steps


@dev.step(
    "prop:A.2.step-base", "Base case i = 0 of the induction",
    r"\Lambda^{(0)} = \mathrm{Id} \text{ is translation covariant and semi-local with radius } 0",
    deps=["def:cnn", "def:2.4", "def:5.3"],
)
def a2_base():
    for n in DIMS:
        d, x, p, z = vector("delta", n), vector("x", n), vector("p", n), vector("z", n)
        f = undefined("f", n)
        ident = identity_op()
        yield Obligation(f"covariant-N{n}", Identity((ident @ D(d))(f)(x), (D(d) @ ident)(f)(x)),
                         claim="(Λ^{(0)} D_δ f)(x) = (D_δ Λ^{(0)} f)(x) with Λ^{(0)} = Id", dims=(n,))
        r0 = sp.Symbol("r0", real=True)
        yield Obligation(
            f"semilocal-radius-0-N{n}",
            Implication((Assume(sp.Eq(r0, 0)), Assume(sp.Le(norm2(z - p), r0 ** 2))), sp.Eq(norm2(z - p), 0)),
            claim="(Λ^{(0)} f)(p) = f(p) reads f only on the ball of radius r(Λ^{(0)}) = 0 around p "
                  "(that ball is {p})", dims=(n,))


@dev.step(
    "prop:A.2.step-covariance", "Induction step: translation covariance of layer i",
    r"(\Lambda^{(i-1)}\mathcal{D}_\delta f)_m = \mathcal{D}_\delta(\Lambda^{(i-1)}f)_m\ \forall m "
    r"\Rightarrow (\Lambda^{(i)}\mathcal{D}_\delta f)_c = \mathcal{D}_\delta(\Lambda^{(i)}f)_c",
    deps=["def:cnn", "def:2.2", "def:2.4", "lemma:2.6", "cite:change-of-variables"],
    cited_hypotheses=CHANGE_OF_VARIABLES_USE,
)
def a2_covariance():
    """One layer of (48) with M = 1, 2, 3 input channels, bias b and an arbitrary σ."""
    sigma, b = sp.Function("sigma"), sp.Symbol("b", real=True)
    for n in DIMS:
        d, x, u = vector("delta", n), vector("x", n), vector("u", n)
        for m in COVARIANCE_CHANNELS:
            g = [undefined(f"g{k}", n) for k in range(1, m + 1)]
            lam = [undefined(f"lambda{k}", n) for k in range(1, m + 1)]

            def layer(inputs, at, kernels=lam):
                return sigma(sum(conv(k)(gm)(at) for gm, k in zip(inputs, kernels)) + b)

            # induction hypothesis: layer i sees the translated maps D_δ g_m
            start = layer([D(d)(gm) for gm in g], x)
            ys = [lim[0] for lim in conv(lam[0])(D(d)(g[0]))(x).limits]
            shifted = sigma(sum(integral_RN(gm(u) * k(x - d - u), u) for gm, k in zip(g, lam)) + b)
            yield Obligation(
                f"layer-N{n}-M{m}",
                Chain(start, (
                    Step(shifted, "change_of_variables", by="cite:change-of-variables",
                         params={"old": ys, "new": list(u), "A": sp.eye(n), "c": d},
                         note="y = u + δ in every channel: the computation (47) behind Lemma 2.6"),
                    Step(layer(g, x, [D(d)(k) for k in lam]), "cites", by="lemma:2.6",
                         note="Λ_λ D_δ g = Λ_{D_δ λ} g in every channel (13)"),
                    Step(layer(g, x - d), "definition", by="def:2.2",
                         note="= (D_δ Λ^{(i)} f)_c(x): the layer evaluated at x - δ"),
                )),
                claim=f"(48) with M = {m}: σ(Σ_m Λ_{{λ_m}} D_δ g_m (x) + b) = σ(Σ_m Λ_{{λ_m}} g_m (x-δ) + b)",
                dims=(n,))


@dev.step(
    "prop:A.2.step-radius-49", "Induction step: the radius (49) covers every channel's ball",
    r"r(\Lambda_c^i) = \max_m[r(\Lambda_m^{(i-1)}) + r(\lambda_{m,c}^{(i)})] \text{ and } "
    r"B(p, r(\Lambda_m^{(i-1)}) + r(\lambda_{m,c}^{(i)})) \subseteq B(p, r(\Lambda_c^i)) \ \forall m",
    deps=["def:5.3", "lemma:5.4"],
)
def a2_radius_49():
    for n in DIMS:
        for m in CHANNELS:
            yield Obligation(
                f"containment-N{n}-M{m}", radius_containment(n, m),
                claim=f"M = {m}: |z-p| <= r(Λ_m^(i-1)) + r(λ_m,c) implies |z-p| <= r(Λ_c^i) of (49), "
                      "for every m (so f_1 = f_2 there: the hypothesis of Lemma 5.4 with r = r(λ_m,c))",
                dims=(n,))
    for m in CHANNELS:
        prev, kern = _radii("rA", m), _radii("rl", m)
        r = radius_49(prev, kern)
        hyps = tuple(Assume(sp.Ge(s, 0)) for s in prev + kern)      # radii of balls (the statement's)
        attained = sp.Or(*[sp.Eq(r, a + b) for a, b in zip(prev, kern)])
        yield Obligation(
            f"radius-finite-M{m}", Implication(hyps, sp.And(sp.Ge(r, 0), attained)),
            claim=f"M = {m}: (49) is a nonnegative real attained by some channel (a valid radius)",
            dims=())


@dev.step(
    "prop:A.2.step-lemma-5.4-ball", "Induction step: the ball on which Lemma 5.4 gives agreement (as printed)",
    r"(\Lambda^{(i-1)}f_1)_m = (\Lambda^{(i-1)}f_2)_m \text{ on the ball of radius } r(\lambda_{m,c}^{(i-1)}) "
    r"\text{ around } p",
    deps=["lemma:5.4", "lemma:5.6"],
    note="Printed with r(λ^{(i-1)}_{m,c}); Lemma 5.4 applied with r = r(λ^{(i)}_{m,c}) gives r(λ^{(i)}_{m,c}).",
)
def a2_ball_printed():
    for n in DIMS:
        from_5_4, feeds_5_6 = lemma_5_4_ball(n, R_PRINTED)
        yield Obligation(f"from-lemma-5.4-N{n}", from_5_4,
                         claim="B(p, r(λ^(i-1))) ⊆ B(p, r(λ^(i))), the ball Lemma 5.4 gives", dims=(n,))
        yield Obligation(f"feeds-lemma-5.6-N{n}", feeds_5_6,
                         claim="p - y ∈ B(p, r(λ^(i-1))) for y in supp λ^(i) ⊆ B(0, r(λ^(i))), as Lemma 5.6 needs",
                         dims=(n,))


@dev.step(
    "prop:A.2.step-lemma-5.4-ball.corrected", "Induction step: the ball on which Lemma 5.4 gives agreement",
    r"(\Lambda^{(i-1)}f_1)_m = (\Lambda^{(i-1)}f_2)_m \text{ on the ball of radius } r(\lambda_{m,c}^{(i)}) "
    r"\text{ around } p",
    deps=["lemma:5.4", "lemma:5.6"], printed=False, corrects="prop:A.2.step-lemma-5.4-ball",
)
def a2_ball_corrected():
    for n in DIMS:
        from_5_4, feeds_5_6 = lemma_5_4_ball(n, R_NOW)
        yield Obligation(f"from-lemma-5.4-N{n}", from_5_4,
                         claim="B(p, r(λ^(i))) ⊆ B(p, r(λ^(i))), the ball Lemma 5.4 gives", dims=(n,))
        yield Obligation(f"feeds-lemma-5.6-N{n}", feeds_5_6,
                         claim="p - y ∈ B(p, r(λ^(i))) for y in supp λ^(i) ⊆ B(0, r(λ^(i))), as Lemma 5.6 needs",
                         dims=(n,))


@dev.step(
    "prop:A.2.step-nonlinearity", "Induction step: equal integrals give equal outputs through b and σ",
    r"\int(\Lambda^{(i-1)}f_1)_m(p-y)\lambda^{(i)}_{m,c}(y)dy = \int(\Lambda^{(i-1)}f_2)_m(p-y)"
    r"\lambda^{(i)}_{m,c}(y)dy\ \forall m \Rightarrow (\Lambda^{(i)}f_1)_c(p) = (\Lambda^{(i)}f_2)_c(p)",
    deps=["def:cnn", "lemma:5.6"],
)
def a2_nonlinearity():
    for m in CHANNELS:
        yield Obligation(
            f"sum-bias-sigma-M{m}", lipschitz_layer(m),
            claim=f"M = {m}: a_1,m = a_2,m (Lemma 5.6) for all m and σ Lipschitz (def:cnn) give "
                  "σ(Σ a_1,m + b) = σ(Σ a_2,m + b)", dims=())


# --------------------------------------------------------------------------- A.2: covariance unrolled


def _cnn_depth_2(n: int):
    """A CNN (4) with 1 -> 2 -> 2 channels on R^n: layer 1 (σ_1, filters λ^{(1)}_{1,c}, biases b_{1,c}) as
    functions of the input, and the output channel c of layer 2 (σ_2, filters λ^{(2)}_{m,c}, bias b_{2,c})."""
    s1, s2 = sp.Function("sigma_1"), sp.Function("sigma_2")
    l1 = [undefined(f"lam1_{c}", n) for c in (1, 2)]          # λ^{(1)}_{1,c}
    l2 = [undefined(f"lam2_{m}", n) for m in (1, 2)]          # λ^{(2)}_{m,c}, c fixed
    b1 = sp.symbols("b1_1 b1_2", real=True)
    b2 = sp.Symbol("b2", real=True)

    def layer_1(f):
        return [Fn(lambda z, c=c: s1(conv(l1[c])(f)(z) + b1[c]), n, f"Lambda1_{c + 1}") for c in (0, 1)]

    def layer_2(maps, at):
        return s2(sum(conv(k)(g)(at) for g, k in zip(maps, l2)) + b2)

    return s1, s2, l1, l2, b1, b2, layer_1, layer_2


def covariance_unrolled(n: int) -> list[Obligation]:
    """Clause 'covariant', by the induction of the proof unrolled to depth 2 (the schema P(0), P(i-1) => P(i) is
    trusted as the statement says; each layer's step is prop:A.2.step-covariance's identity, used).

    depth 1: (Λ^{(1)} D_δ f)_c(x) = (Λ^{(1)} f)_c(x - δ), the step's layer-M1 (one input channel, P(0): Λ^{(0)} = Id)
    with g_1 := f. depth 2: (Λ^{(2)} D_δ f)_c(x) = σ_2(Σ_m ∫ (Λ^{(1)} D_δ f)_m(y) λ^{(2)}_{m,c}(x - y) dy + b)
    [inside] = σ_2(Σ_m ∫ (Λ^{(1)} f)_m(y - δ) λ^{(2)}_{m,c}(x - y) dy + b), then the step's layer-M2 with g_m :=
    (Λ^{(1)} f)_m gives (Λ^{(2)} f)_c(x - δ). [inside] is the induction hypothesis P(1) applied under layer 2's
    integral: a used identity cannot be applied under a binder (the abstraction of a use treats each integral as
    one constant), so it is the same change of variables y' = u + δ in the inner integrals, checked by SymPy."""
    d, x, u = vector("delta", n), vector("x", n), vector("u", n)
    z = tuple(vector("z", n))
    f = undefined("f", n)
    s1, s2, l1, l2, b1, b2, layer_1, layer_2 = _cnn_depth_2(n)
    g = [sp.Function(f"g{k}") for k in (1, 2)]                # prop:A.2.step-covariance's names
    lam = [sp.Function(f"lambda{k}") for k in (1, 2)]
    sigma, b, t = sp.Function("sigma"), sp.Symbol("b", real=True), sp.Symbol("t", real=True)
    step = "prop:A.2.step-covariance"
    out = []
    depth_1 = [(Fn(lambda w, c=c: layer_1(D(d)(f))[c](w), n), layer_1(f)[c]) for c in (0, 1)]
    for c, (shifted, plain) in enumerate(depth_1):
        subs = {g[0]: sp.Lambda(z, f(sp.Matrix(z))), lam[0]: sp.Lambda(z, l1[c](sp.Matrix(z))), sigma: sp.Lambda((t,), s1(t)), b: b1[c]}
        out.append(Obligation(
            f"covariant-depth-1-c{c + 1}-N{n}",
            Implication((Use(step, f"layer-N{n}-M1", subs),), sp.Eq(shifted(x), plain(x - d))),
            claim=f"(Λ^(1) D_δ f)_{c + 1}(x) = (Λ^(1) f)_{c + 1}(x - δ): the first layer of (4) (M_0 = 1) is translation "
                  "covariant [step-covariance layer-M1, used with g_1 := f, λ_1 := λ^(1)_{1,c}, σ := σ_1, b := b_{1,c}; "
                  "P(0): Λ^(0) f = f, step-base]", clause="covariant", dims=(n,)))
    start = layer_2(layer_1(D(d)(f)), x)
    inner = sorted({lim[0] for itg in start.atoms(sp.Integral) if not itg.function.atoms(sp.Integral)
                    for lim in itg.limits}, key=lambda v: v.name)         # layer 1's integration variables
    middle = layer_2([D(d)(m) for m in layer_1(f)], x)                   # layer 2 on D_δ of the layer-1 maps
    out.append(Obligation(
        f"covariant-inside-N{n}",
        Chain(start, (Step(middle, "change_of_variables", by="cite:change-of-variables",
                           params={"old": inner, "new": list(u), "A": sp.eye(n), "c": d},
                           note="y' = u + δ in each inner integral: (Λ^(1) D_δ f)_m(y) = (Λ^(1) f)_m(y - δ) under "
                                "layer 2's integral (the induction hypothesis P(1), as computed by step-covariance)"),)),
        claim="(Λ^(2) D_δ f)_c(x) = σ_2(Σ_m ∫ (Λ^(1) f)_m(y - δ) λ^(2)_{m,c}(x - y) dy + b_{2,c}): layer 2 sees the "
              "translated layer-1 maps (P(1) under the integral)", clause="covariant", dims=(n,)))
    maps = layer_1(f)
    w = vector("w", n)

    def renamed(expr):       # the layer-1 map's integration variables renamed, so the step's y captures nothing
        return expr.xreplace({v: w[i] for itg in expr.atoms(sp.Integral) for i, v in enumerate(itg.variables)})
    subs = {**{g[m]: sp.Lambda(z, renamed(maps[m](sp.Matrix(z)))) for m in (0, 1)},
            **{lam[m]: sp.Lambda(z, l2[m](sp.Matrix(z))) for m in (0, 1)}, sigma: sp.Lambda((t,), s2(t)), b: b2}
    out.append(Obligation(
        f"covariant-depth-2-N{n}",
        Implication((Use("prop:A.2", f"covariant-inside-N{n}"), Use(step, f"layer-N{n}-M2", subs)),
                    sp.Eq(start, layer_2(maps, x - d))),
        claim="(Λ^(2) D_δ f)_c(x) = (Λ^(2) f)_c(x - δ) for a CNN 1 -> 2 -> 2: layer 2 sees D_δ of the layer-1 maps "
              "[covariant-inside, used], and one layer with M = 2 input channels g_m := (Λ^(1) f)_m carries D_δ to its "
              "output [step-covariance layer-M2, used with λ_m := λ^(2)_{m,c}, σ := σ_2, b := b_{2,c}]: "
              "translation covariance holds at depth 2, each layer by the step, as the induction says",
        clause="covariant", dims=(n,)))
    return out


# --------------------------------------------------------------------------- A.2


@dev.proposition(
    "prop:A.2", "A multi-layer CNN is translation covariant and semi-local (layers of up to 3 input channels)",
    r"\text{For the CNN (4), every } (\Lambda^{(i)}f)_c \text{ is translation covariant and semi-local with "
    r"radius (49). By induction on } i: P(0) \wedge \forall i\,(P(i-1) \Rightarrow P(i)) "
    r"\Rightarrow \forall k\, P(k) \text{ (trusted schema)}",
    deps=["def:cnn", "def:2.4", "def:5.3", "lemma:2.6", "lemma:5.4", "lemma:5.6",
          "prop:A.2.step-base", "prop:A.2.step-covariance", "prop:A.2.step-radius-49",
          "prop:A.2.step-lemma-5.4-ball.corrected", "prop:A.2.step-nonlinearity", "cite:change-of-variables"],
    cited_hypotheses=CHANGE_OF_VARIABLES_USE,
    clauses=clauses_of("prop:A.2"),
)
@by_clause("prop:A.2")
def prop_a_2():
    """The induction unrolled to depth 2: translation covariance of a CNN 1 -> 2 -> 2 channels from the step's
    layer identities (used), and the radii from r(Λ^{(0)}) = 0 via (49) (M = 2)."""
    for n in DIMS:
        yield from covariance_unrolled(n)
    rl1 = [[sp.Symbol(f"rl1_{a}{c}", real=True) for c in (1, 2)] for a in (1,)]
    rl2 = [[sp.Symbol(f"rl2_{m}{c}", real=True) for c in (1, 2)] for m in (1, 2)]
    r0 = sp.Integer(0)
    r1 = [radius_49([r0], [rl1[0][c]]) for c in (0, 1)]
    r2 = [radius_49(r1, [rl2[m][c] for m in (0, 1)]) for c in (0, 1)]
    hyps = tuple(Assume(sp.Ge(s, 0)) for row in rl1 + rl2 for s in row)   # kernel radii of the CNN (4)
    goal = sp.And(*[sp.Ge(r, 0) for r in r1 + r2],
                  *[sp.Ge(r2[c], r1[m] + rl2[m][c]) for c in (0, 1) for m in (0, 1)])
    yield Obligation(
        "unrolled-depth-2", Implication(hyps, goal),
        claim="two layers (1 -> 2 -> 2 channels): (49) from r(Λ^(0)) = 0 gives nonnegative radii and "
              "r(Λ_c^2) >= r(Λ_m^1) + r(λ^(2)_m,c) for all m, c (the hypotheses the step uses)",
        dims=())
