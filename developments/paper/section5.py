"""Section 5: the multi-layer case — conjugation and generators of translation-covariant operators
(Lemmas 5.1, 5.2, eqs. (32)-(34)), semi-locality (Def 5.3, Lemmas 5.4-5.6, Prop 5.7), invariance of the
generator (Lemma 5.8), non-constancy (Def 5.9 and the remark after it), the uniqueness of the aligning
map (Lemma 5.10, Prop 5.11) and the non-existence of invariant features (Props 5.12, 5.13, Remark 5.14).

A translation-covariant operator is written Λ_μ with an uninterpreted generator μ (eq. (34)); an
operator with no assumed structure is ``opaque``. Operator identities are checked for N = 2 and 3 at
a symbolic point; geometric facts are Z3 implications over squared norms; analytic facts the proofs
take as known are dependencies on cited nodes; each argument is closed by a small Z3 obligation.

Hypotheses (issue 11): a statement's own hypotheses (T_h invertible, radii, the points of its balls, its
premises, ε, δ, non-constancy) are ``Assume``; closings are written over the real terms (operator
applications, squared norms) and use what the node's or a dependency's obligations prove (``Use``);
applications of Def 2.4 and Def 5.3 are ``ByDefinition`` (the premise of Def 5.3 — agreement on a whole
ball, a statement for every point — is what a sibling obligation proves for an arbitrary point, and
only the claim links the two: a quantifier-free obligation cannot carry it). Dimension-free inequalities
of reals are stated without hypotheses and used at the squared norms. Cited results enter as the formulas
their nodes state (references.py: eventual contraction, absolute continuity, dominated convergence,
monotonicity of the integral, the measure of a rectangle and of a linear image, operator norms, the block
sizes of the real Jordan form), over functions of their parameters that name the objects (a point, a set,
an index). What stands for the formula J^n = P(n) (proved by induction, base and step), for a measure no
cited formula names (the ε-neighbourhood of a line, the box of Remark 5.14), for a chain of (44) through
n iterations, or for the conclusion of a node no obligation of which states it under its own hypotheses
(Lemma 5.10 for μ_h, the shrinking arguments of 5.13/5.14 in the closings) stays a plain hypothesis, and
a comment or the claim says so.

Findings (printed statements or steps a backend refutes; each has a proved ``.corrected`` node):
the non-constancy remark after Def 5.9 shifts by D_x where D_{-x} is needed; Prop 5.11 and Prop 5.13
lack a non-triviality hypothesis (constant generators satisfy their premises); Prop 5.12's printed
iteration direction does not shrink supports (diag(2, 1)), and its step "continuity of Λ gives
continuity of μ" fails for Λ = Id (μ = evaluation at 0̄), which satisfies (42) for every T_h.
"""
from __future__ import annotations

import sympy as sp

from proofs.model import Assume, ByDefinition, Chain, Identity, Implication, Obligation, Step, Use
from symbolic.operators import (
    D,
    Fn,
    Op,
    T,
    T_inv,
    conv,
    fresh_vector,
    functional,
    generated,
    generator_of,
    integral_RN,
    undefined,
)
from symbolic.spaces import inverse, matrix, nonsingular, norm2, vector

from . import references as ref
from ._clauses import by_clause, clauses_of
from ._dev import DEVELOPMENT as dev

DIMS = (2, 3)
CHANGE_OF_VARIABLES_USE = {"cite:change-of-variables": {
    "g integrable on R^N": "carried: f locally integrable and lambda in L^1_comp make the integrand integrable",
    "A invertible": "discharged: the substitution y = p - u has A = -Id"}}


# =========================================================================== helpers


def _zero(n: int) -> Fn:
    return Fn(lambda x: sp.Integer(0), n, "0")


def _opaque(name: str) -> Op:
    """An operator with no assumed structure: (Λ g)(x) = Φ(g, x) with Φ uninterpreted."""
    phi = sp.Function(name)

    def apply(g: Fn) -> Fn:
        def at(x):
            z = fresh_vector("z", g.n, set())
            return phi(sp.Lambda(tuple(z), g(z)), *x)
        return Fn(at, g.n, f"{name}({g.label})")
    return Op(apply, name)


def _evaluation(g: Fn) -> sp.Expr:
    """μ(g) = g(0̄): the generator of the identity operator Λ = Id."""
    return g(sp.zeros(g.n, 1))


def _affine(a: sp.Symbol, b: sp.Matrix) -> Fn:
    return Fn(lambda y: a + (b.T * y)[0, 0], b.shape[0], "affine")


def _own(*relations) -> tuple:
    """Hypotheses of the node's own statement (Assume)."""
    return tuple(Assume(h) for h in relations)


def _invertible(*matrices) -> tuple:
    """det ≠ 0 of the maps the statement names (every T_h, T_g of the paper is an invertible linear map)."""
    return tuple(Assume(h) for m in matrices for h in nonsingular(m))


def _vals(names: str) -> tuple:
    """Real symbols standing for the values a closing argument compares."""
    return sp.symbols(names, real=True)


def _setting(n: int):
    mu = functional("mu")
    return matrix("T", n), vector("x", n), undefined("f", n), mu, generated(mu)


def _not_identity(m: sp.Matrix):
    return sp.Or(*[sp.Ne(m[i, j], 1 if i == j else 0) for i in range(m.rows) for j in range(m.cols)])


def _is_identity(m: sp.Matrix):
    return sp.And(*[sp.Eq(m[i, j], 1 if i == j else 0) for i in range(m.rows) for j in range(m.cols)])


def _triangle(node: str, prefix: str, n: int, claim: str) -> list[Obligation]:
    """|u| <= R and |x| <= r give |u - x| <= R + r (squared norms).

    The radii and the two points of the balls are the statement's (Assume). N = 2 directly in Z3. For N = 3
    (nonlinear Z3 times out) via Lagrange's identity |u|²|x|² - (u·x)² = Σ_{i<j} (u_i x_j - u_j x_i)² (SymPy),
    Cauchy–Schwarz from it (Z3), and a dimension-free inequality of reals (Z3, no hypotheses) used at
    a = |u|², b = |x|², c = u·x.
    """
    r, big = sp.symbols("r R", real=True)
    u, x = vector("u", n), vector("x", n)
    own = _own(sp.Ge(r, 0), sp.Ge(big, 0), sp.Le(norm2(u), big ** 2), sp.Le(norm2(x), r ** 2))
    if n == 2:
        return [Obligation(f"{prefix}-N2", Implication(own, sp.Le(norm2(u - x), (big + r) ** 2)),
                           claim=claim, dims=(2,))]
    dot = (u.T * x)[0, 0]
    lagrange = sum((u[i] * x[j] - u[j] * x[i]) ** 2 for i in range(n) for j in range(i + 1, n))
    a, b, c = _vals("uu xx ux")
    core = sp.Implies(sp.And(sp.Ge(r, 0), sp.Ge(big, 0), sp.Ge(a, 0), sp.Ge(b, 0), sp.Le(c ** 2, a * b),
                             sp.Le(a, big ** 2), sp.Le(b, r ** 2)), sp.Le(a + b - 2 * c, (big + r) ** 2))
    return [
        Obligation(f"{prefix}-lagrange-N{n}", Identity(norm2(u) * norm2(x) - dot ** 2, lagrange),
                   claim="Lagrange's identity: |u|²|x|² - (u·x)² is a sum of squares", dims=(n,)),
        Obligation(f"{prefix}-cauchy-schwarz-N{n}",
                   Implication((Use(node, f"{prefix}-lagrange-N{n}"),), sp.Le(dot ** 2, norm2(u) * norm2(x))),
                   claim="Cauchy–Schwarz (u·x)² <= |u|²|x|², by Lagrange's identity", dims=(n,)),
        Obligation(f"{prefix}-reals", Implication((), core),
                   claim="for reals: r, R, a, b >= 0, c² <= ab, a <= R², b <= r² give a + b - 2c <= (R + r)² "
                         "(no hypotheses: a statement about all reals, used at a = |u|², b = |x|², c = u·x)"),
        Obligation(
            f"{prefix}-N{n}",
            Implication(own + (Use(node, f"{prefix}-lagrange-N{n}"), Use(node, f"{prefix}-cauchy-schwarz-N{n}"),
                               Use(node, f"{prefix}-reals", ((a, norm2(u)), (b, norm2(x)), (c, dot)))),
                        sp.Le(sp.expand(norm2(u - x)), (big + r) ** 2)),
            claim=claim + f" (N = {n}: the inequality of reals at a = |u|², b = |x|², c = u·x, with "
                          "Cauchy–Schwarz; |u - x|² = a + b - 2c, written expanded so that Z3 sees the same terms)",
            dims=(n,)),
    ]


# =========================================================================== 5.1 conjugation


@dev.lemma(
    "lemma:5.1", "Conjugating a translation-covariant operator by a linear map keeps it translation covariant",
    r"\Lambda \text{ translation covariant} \Rightarrow \mathcal{D}_x\,\mathcal{T}_h^{-1}\Lambda\mathcal{T}_h "
    r"= \mathcal{T}_h^{-1}\Lambda\mathcal{T}_h\,\mathcal{D}_x \text{ for every } x \quad (31)",
    deps=["lemma:2.8", "def:2.4", "eq:32-34.inverse"],
    note="A translation-covariant Λ is written Λ_μ (its generator; eq:32-34.inverse), so the step by "
         "Definition 2.4 is checked as an identity of generator applications.",
)
def lemma_5_1():
    """The chain (31), one step per printed equality, applied to f at a symbolic point y."""
    for n in DIMS:
        tm, x, f, _, lam = _setting(n)
        y = vector("y", n)
        tinv = inverse(tm)
        yield Obligation(
            f"eq31-N{n}",
            Chain((D(x) @ T_inv(tm) @ lam @ T(tm))(f)(y), (
                Step((T_inv(tm) @ D(tm * x) @ lam @ T(tm))(f)(y), "cites", by="lemma:2.8",
                     note="D_x T_h^{-1} = T_h^{-1} D_{T_h x}: (15) for the map T_h^{-1}"),
                Step((T_inv(tm) @ lam @ D(tm * x) @ T(tm))(f)(y), "definition", by="def:2.4",
                     note="Λ D_{T_h x} = D_{T_h x} Λ"),
                Step((T_inv(tm) @ lam @ T(tm) @ D(tinv * (tm * x)))(f)(y), "cites", by="lemma:2.8",
                     note="D_{T_h x} T_h = T_h D_{T_h^{-1}(T_h x)}: (15)"),
                Step((T_inv(tm) @ lam @ T(tm) @ D(x))(f)(y), note="T_h^{-1}(T_h x) = x"),
            ), assumptions=_invertible(tm)),
            claim="(D_x T_h^{-1} Λ T_h f)(y) = (T_h^{-1} Λ T_h D_x f)(y), eq. (31)", dims=(n,))


# =========================================================================== 5.2 generators


def _eq33_steps(n: int) -> tuple:
    """The step of (33) that is not definitional, for the opaque Λ = Φ: Def 2.4 (δ = -x, at 0̄). The first and
    last steps (eq33-first, eq33-last) are equal as written (the definitions of D and of (32) unfolded), so
    the closing sees them as the same terms and uses nothing for them. A user of eq33-close re-proves this
    hypothesis of it with the same item."""
    x, f = vector("x", n), undefined("f", n)
    lam, origin = _opaque("Phi"), sp.zeros(n, 1)
    return (ByDefinition("def:2.4", sp.Eq((D(-x) @ lam)(f)(origin), (lam @ D(-x))(f)(origin))),)


@dev.claim(
    "lemma", "eq:32-34.generator", "A translation-covariant operator is determined by its generator",
    r"\mu_\Lambda(f) := (\Lambda f)(\bar 0)\ (32);\quad \Lambda \text{ translation covariant} \Rightarrow "
    r"(\Lambda f)(x) = (\mathcal{D}_{-x}\Lambda f)(\bar 0) = (\Lambda\mathcal{D}_{-x}f)(\bar 0) = "
    r"\mu_\Lambda(\mathcal{D}_{-x}f)\ (33);\quad (\Lambda_\mu f)(x) := \mu(\mathcal{D}_{-x}f) "
    r"\text{ is translation covariant } (34)",
    deps=["def:2.2", "def:2.4"], printed=False,
    note="Unnumbered: equations (32)-(34) of Section 5.2. Λ is opaque: (Λ g)(x) = Φ(g, x).",
)
def eq_32_34_generator():
    for n in DIMS:
        x, f = vector("x", n), undefined("f", n)
        lam = _opaque("Phi")
        origin = sp.zeros(n, 1)
        mu_l = generator_of(lam, n)
        yield Obligation(f"eq33-first-N{n}", Identity(lam(f)(x), (D(-x) @ lam)(f)(origin)),
                         claim="(Λ f)(x) = (D_{-x} Λ f)(0̄): definition of D (Def 2.2)", dims=(n,))
        yield Obligation(f"eq33-last-N{n}", Identity((lam @ D(-x))(f)(origin), mu_l(D(-x)(f))),
                         claim="(Λ D_{-x} f)(0̄) = μ_Λ(D_{-x} f): definition (32)", dims=(n,))
        mu = functional("mu")
        d = vector("delta", n)
        yield Obligation(f"eq34-covariant-N{n}",
                         Identity((generated(mu) @ D(d))(f)(x), (D(d) @ generated(mu))(f)(x)),
                         claim="Λ_μ D_δ = D_δ Λ_μ: the operator (34) is translation covariant", dims=(n,))
    for n in DIMS:
        x, f = vector("x", n), undefined("f", n)
        lam, origin = _opaque("Phi"), sp.zeros(n, 1)
        yield Obligation(
            f"eq33-close-N{n}",
            Implication(_eq33_steps(n), sp.Eq(lam(f)(x), generator_of(lam, n)(D(-x)(f))), opaque=True),
            claim="closing (33): (Λf)(x) = (D_{-x}Λf)(0̄) [eq33-first, equal as written], = (Λ D_{-x} f)(0̄) [Def 2.4: "
                  "Λ translation covariant, δ = -x, at 0̄], = μ_Λ(D_{-x} f) [eq33-last, equal as written]; hence "
                  "(Λf)(x) = μ_Λ(D_{-x} f)", dims=(n,))


@dev.claim(
    "lemma", "eq:32-34.inverse", "Generators and generated operators are inverse constructions",
    r"\mu_{\Lambda_\mu} = \mu \text{ and } \Lambda_{\mu_\Lambda} = \Lambda \text{ for translation-covariant } "
    r"\Lambda",
    deps=["eq:32-34.generator", "def:2.2", "def:2.4"], printed=False,
    note="Unnumbered: 'the operations in (32) and (34) are inverses of each other'.",
    clauses=clauses_of("eq:32-34.inverse"),
)
@by_clause("eq:32-34.inverse")
def eq_32_34_inverse():
    for n in DIMS:
        x, f = vector("x", n), undefined("f", n)
        mu = functional("mu")
        yield Obligation(f"mu-of-Lambda_mu-N{n}", Identity(generator_of(generated(mu), n)(f), mu(f)),
                         claim="μ_{Λ_μ}(f) = (Λ_μ f)(0̄) = μ(D_0 f) = μ(f)", dims=(n,))
        lam = _opaque("Phi")
        yield Obligation(f"Lambda_mu_Lambda-N{n}",
                         Identity(generated(generator_of(lam, n))(f)(x), (lam @ D(-x))(f)(sp.zeros(n, 1))),
                         claim="(Λ_{μ_Λ} f)(x) = μ_Λ(D_{-x} f) = (Λ D_{-x} f)(0̄)", dims=(n,))
    for n in DIMS:
        x, f = vector("x", n), undefined("f", n)
        lam = _opaque("Phi")
        yield Obligation(
            f"Lambda_mu_Lambda-close-N{n}",
            Implication((Use("eq:32-34.inverse", f"Lambda_mu_Lambda-N{n}"),
                         Use("eq:32-34.generator", f"eq33-close-N{n}")) + _eq33_steps(n),
                        sp.Eq(generated(generator_of(lam, n))(f)(x), lam(f)(x))),
            claim="closing: (Λ_{μ_Λ} f)(x) = (Λ D_{-x} f)(0̄) [Lambda_mu_Lambda] = μ_Λ(D_{-x} f) = (Λ f)(x) "
                  "[(33), eq:32-34.generator eq33-close]; hence Λ_{μ_Λ} = Λ", dims=(n,))


@dev.lemma(
    "lemma:5.2", "The conjugated operator is generated by the generator precomposed with the map",
    r"\mathcal{T}_h^{-1}\Lambda_\mu\mathcal{T}_h \text{ has generator } \mu_h(f) := \mu(\mathcal{T}_h f), "
    r"\text{ i.e. } \mathcal{T}_h^{-1}\Lambda_\mu\mathcal{T}_h = \Lambda_{\mu_h}",
    deps=["def:2.1", "eq:32-34.generator", "eq:32-34.inverse", "lemma:5.1"],
)
def lemma_5_2():
    for n in DIMS:
        tm, x, f, mu, lam = _setting(n)
        origin = sp.zeros(n, 1)
        yield Obligation(
            f"eq35-N{n}",
            Chain((T_inv(tm) @ lam @ T(tm))(f)(origin), (
                Step((lam @ T(tm))(f)(tm * origin), "definition", by="def:2.1", note="definition (5)"),
                Step((lam @ T(tm))(f)(origin), note="T_h 0̄ = 0̄"),
                Step(mu(T(tm)(f)), "definition", by="eq:32-34.generator", note="definition (34)"),
            ), assumptions=_invertible(tm)),
            claim="(T_h^{-1} Λ_μ T_h f)(0̄) = μ(T_h f), eq. (35)", dims=(n,))
        mu_h = lambda g, tm=tm, mu=mu: mu(T(tm)(g))
        yield Obligation(
            f"operator-N{n}",
            Identity((T_inv(tm) @ lam @ T(tm))(f)(x), generated(mu_h)(f)(x), assumptions=_invertible(tm)),
            claim="(T_h^{-1} Λ_μ T_h f)(x) = (Λ_{μ_h} f)(x) at every x (the conjugate is translation covariant, "
                  "Lemma 5.1, hence generated by its generator, eq:32-34.inverse)", dims=(n,))


# =========================================================================== 5.3 semi-locality

dev.definition(
    "def:5.3", "Semi-local operator",
    r"\Lambda \text{ is semi-local if } \exists\, r(\Lambda): f_1 = f_2 \text{ on } B(p, r(\Lambda)) "
    r"\Rightarrow (\Lambda f_1)(p) = (\Lambda f_2)(p) \text{ for every } p")


@dev.remark(
    "remark:5.3.constant-output", "A translation-covariant operator maps 0 to a constant",
    r"\Lambda \text{ translation covariant} \Rightarrow (\Lambda 0)(x) = \mu_\Lambda(\mathcal{D}_{-x}0) = \mu_\Lambda(0) "
    r"\text{ for every } x",
    deps=["eq:32-34.generator", "def:2.2"],
    note="Unnumbered, in the text before Def 5.3: the output for f = 0 'does not necessarily have to be 0 ... but "
         "translation covariance implies that it must output a constant'.",
)
def remark_constant_output():
    for n in DIMS:
        mu, x, zero = functional("mu"), vector("x", n), _zero(n)
        yield Obligation(f"constant-N{n}", Identity(generated(mu)(zero)(x), mu(zero)),
                         claim="(Λ_μ 0)(x) = μ(𝒟_{-x} 0) = μ(0): the same value at every x", dims=(n,))


@dev.lemma(
    "lemma:5.4", "Agreement on a larger ball gives agreement of outputs on a smaller ball",
    r"\Lambda \text{ translation covariant, semi-local};\ f_1 = f_2 \text{ on } B(p, r + r(\Lambda)) "
    r"\Rightarrow \Lambda f_1 = \Lambda f_2 \text{ on } B(p, r)",
    deps=["def:5.3", "def:2.4", "def:2.2", "eq:32-34.inverse"],
)
def lemma_5_4():
    for n in DIMS:
        yield from _triangle(
            "lemma:5.4", "shifted-ball", n,
            "|x| <= r and |u| <= r(Λ) with u = y - p give |(y - x) - p| <= r + r(Λ): D_x f_1 and D_x f_2 "
            "(values f_i(y - x)) agree on B(p, r(Λ))")
        _, x, _, _, lam = _setting(n)
        f1, f2 = undefined("f1", n), undefined("f2", n)
        p = vector("p", n)
        yield Obligation(f"covariance-N{n}",
                         Identity(sp.Matrix([(lam @ D(x))(f1)(p), (lam @ D(x))(f2)(p)]),
                                  sp.Matrix([lam(f1)(p - x), lam(f2)(p - x)])),
                         claim="(Λ D_x f_i)(p) = (Λ f_i)(p - x), i = 1, 2 (Def 2.4; Λ = Λ_μ)", dims=(n,))
    for n in DIMS:
        p, q, x = vector("p", n), vector("q", n), vector("x", n)
        r = sp.Symbol("r", real=True)
        witness = {xi: pi - qi for xi, pi, qi in zip(x, p, q)}
        yield Obligation(
            f"every-point-N{n}",
            Implication(_own(sp.Le(norm2(q - p), r ** 2)),      # q a point of B(p, r), the statement's ball
                        sp.And(sp.Le(norm2(x), r ** 2), sp.Eq(norm2(p - x - q), 0)).xreplace(witness)),
            claim="every q in B(p, r) is p - x for some x in B(0̄, r) (witness x = p - q)", dims=(n,))
    for n in DIMS:
        _, x, _, _, lam = _setting(n)
        f1, f2 = undefined("f1", n), undefined("f2", n)
        p = vector("p", n)
        yield Obligation(
            f"close-N{n}",
            Implication((ByDefinition("def:5.3", sp.Eq((lam @ D(x))(f1)(p), (lam @ D(x))(f2)(p))),
                         Use("lemma:5.4", f"covariance-N{n}")),
                        sp.Eq(lam(f1)(p - x), lam(f2)(p - x))),
            claim="closing: (Λ D_x f_1)(p) = (Λ D_x f_2)(p) [Def 5.3 for the semi-local Λ at p, applied to D_x f_1 and "
                  "D_x f_2, which agree on B(p, r(Λ)) by shifted-ball: a statement for every point of the ball, "
                  "linked by this claim]; (Λ D_x f_i)(p) = (Λ f_i)(p - x) [covariance]; hence Λ f_1 = Λ f_2 at p - x, "
                  "i.e. on B(p, r) [every-point]", dims=(n,))


@dev.lemma(
    "lemma:5.5", "Conjugation by a linear map keeps an operator semi-local",
    r"\Lambda \text{ semi-local} \Rightarrow \mathcal{T}_h^{-1}\Lambda\mathcal{T}_h \text{ semi-local with "
    r"radius } k\,r(\Lambda),\ k = \max_{|v|=1}|T_h^{-1}v|",
    deps=["def:5.3", "def:2.1"],
)
def lemma_5_5():
    k, rl = sp.symbols("k r_Lambda", real=True)
    ball_claim = ("y in B(T_h p, r(Λ)) gives T_h^{-1} y in B(p, k r(Λ)) (operator norm k of T_h^{-1} "
                  "instantiated at v = y - T_h p): T_h f_1, T_h f_2 (values f_i(T_h^{-1} y)) agree on B(T_h p, r(Λ))")
    vv, mv = _vals("vv Mv_Mv")
    yield Obligation(
        "ball-reals",
        Implication((), sp.Implies(sp.And(sp.Ge(k, 0), sp.Ge(rl, 0), sp.Ge(vv, 0), sp.Le(vv, rl ** 2),
                                          sp.Le(mv, k ** 2 * vv)), sp.Le(mv, (k * rl) ** 2))),
        claim="for reals: k, r, vv >= 0, vv <= r², mv <= k² vv give mv <= (k r)² (no hypotheses; used at vv = |v|², "
              "mv = |T_h^{-1} v|² in ball-N3)", dims=())
    for n in DIMS:
        minv = matrix("M", n)        # M = T_h^{-1}
        y, q = vector("y", n), vector("q", n)   # q = T_h p, so p = M q
        v = y - q
        # k >= 0 and |T_h^{-1} v| <= k |v| define k (the statement's); r(Λ) >= 0 a radius; y a point of B(T_h p, r(Λ))
        vv_, mv_ = (norm2(v), norm2(minv * v)) if n == 2 else (sp.expand(norm2(v)), sp.expand(norm2(minv * v)))
        own = _own(sp.Ge(k, 0), sp.Ge(rl, 0), sp.Le(vv_, rl ** 2), sp.Le(mv_, k ** 2 * vv_))
        if n == 2:
            yield Obligation(f"ball-N{n}", Implication(own, sp.Le(norm2(minv * y - minv * q), (k * rl) ** 2)),
                             claim=ball_claim, dims=(n,))
        else:
            yield Obligation(f"linearity-N{n}", Identity(norm2(minv * y - minv * q), norm2(minv * v)),
                             claim="|T_h^{-1} y - p|² = |T_h^{-1}(y - T_h p)|² (p = T_h^{-1} T_h p)", dims=(n,))
            yield Obligation(
                f"ball-N{n}",
                Implication(own + (Use("lemma:5.5", f"linearity-N{n}"),
                                   Use("lemma:5.5", "ball-reals", ((vv, vv_), (mv, mv_)))),
                            sp.Le(sp.expand(norm2(minv * y - minv * q)), (k * rl) ** 2)),
                claim=ball_claim + " (N = 3: ball-reals at vv = |v|², Mv_Mv = |T_h^{-1} v|², with linearity-N3; "
                                   "the squared norms written expanded so that Z3 sees the same terms)",
                dims=(n,))
        tm = matrix("T", n)
        f1, f2 = undefined("f1", n), undefined("f2", n)
        lam = _opaque("Phi")
        p = vector("p", n)
        yield Obligation(f"conjugate-at-p-N{n}",
                         Identity(sp.Matrix([(T_inv(tm) @ lam @ T(tm))(f1)(p), (T_inv(tm) @ lam @ T(tm))(f2)(p)]),
                                  sp.Matrix([(lam @ T(tm))(f1)(tm * p), (lam @ T(tm))(f2)(tm * p)]),
                                  assumptions=_invertible(tm)),
                         claim="(T_h^{-1} Λ T_h f_i)(p) = (Λ T_h f_i)(T_h p), i = 1, 2 (Def 2.1), for any operator Λ",
                         dims=(n,))
    for n in DIMS:
        tm = matrix("T", n)
        f1, f2 = undefined("f1", n), undefined("f2", n)
        lam = _opaque("Phi")
        p = vector("p", n)
        yield Obligation(
            f"close-N{n}",
            Implication(_invertible(tm) + (
                ByDefinition("def:5.3", sp.Eq((lam @ T(tm))(f1)(tm * p), (lam @ T(tm))(f2)(tm * p))),
                Use("lemma:5.5", f"conjugate-at-p-N{n}")),
                sp.Eq((T_inv(tm) @ lam @ T(tm))(f1)(p), (T_inv(tm) @ lam @ T(tm))(f2)(p))),
            claim="closing: (Λ T_h f_1)(T_h p) = (Λ T_h f_2)(T_h p) [Def 5.3 for the semi-local Λ at T_h p, applied to "
                  "T_h f_1 and T_h f_2, which agree on B(T_h p, r(Λ)) by ball-N when f_1 = f_2 on B(p, k r(Λ)): a "
                  "statement for every point of the ball, linked by this claim]; (T_h^{-1} Λ T_h f_i)(p) = "
                  "(Λ T_h f_i)(T_h p) [conjugate-at-p]; hence equal", dims=(n,))


@dev.lemma(
    "lemma:5.6", "Convolution with a compactly supported filter is semi-local",
    r"\operatorname{supp}\lambda \subseteq B(\bar 0, r(\lambda)) \Rightarrow \Lambda_\lambda "
    r"\text{ semi-local with radius } r(\lambda)",
    deps=["def:conv", "def:5.3", "cite:change-of-variables"],
    cited_hypotheses=CHANGE_OF_VARIABLES_USE,
)
def lemma_5_6():
    rl = sp.Symbol("r_lambda", real=True)
    for n in DIMS:
        p, u = vector("p", n), vector("u", n)
        f, lam = undefined("f", n), undefined("lambda", n)
        start = conv(lam)(f)(p)
        ys = [lim[0] for lim in start.limits]
        yield Obligation(
            f"integral-N{n}",
            Chain(start, (Step(integral_RN(f(p - u) * lam(u), u), "change_of_variables",
                               by="cite:change-of-variables",
                               params={"old": ys, "new": list(u), "A": -sp.eye(n), "c": p},
                               note="y = p - u"),)),
            claim="(Λ_λ f)(p) = ∫ f(p - y) λ(y) dy", dims=(n,))
        y = vector("y", n)
        f1, f2, lv = _vals("f1_pmy f2_pmy lambda_y")
        yield Obligation(
            f"integrands-agree-N{n}",
            # the statement's: r(λ) >= 0 and supp λ ⊆ B(0̄, r(λ)); f_1 = f_2 on B(p, r(λ)), the antecedent of the
            # semi-locality (Def 5.3) to be shown; lv, f1, f2 name λ(y), f_1(p - y), f_2(p - y)
            Implication(_own(sp.Ge(rl, 0), sp.Implies(sp.Gt(norm2(y), rl ** 2), sp.Eq(lv, 0)),
                             sp.Implies(sp.Le(norm2((p - y) - p), rl ** 2), sp.Eq(f1, f2))),
                        sp.Eq(f1 * lv, f2 * lv)),
            claim="for every y: λ(y) = 0 off B(0̄, r(λ)), and p - y in B(p, r(λ)) on it where f_1 = f_2; hence "
                  "f_1(p - y) λ(y) = f_2(p - y) λ(y) and the integrals agree", dims=(n,))


@dev.proposition(
    "prop:5.7", "A CNN is semi-local",
    r"\text{The CNN } \Lambda^{(i)} \text{ of Section 2.2 is semi-local}",
    deps=["def:cnn", "def:5.3", "lemma:5.4", "lemma:5.6", "prop:A.2"],
    note="The sketch's claims; the detailed proof is prop:A.2.",
)
def prop_5_7():
    for n in DIMS:
        yield from _triangle(
            "prop:5.7", "R-minus-r", n,
            "agreement radius shrinks by r per layer: for |q - p| <= R - r and |y - q| <= r we have "
            "|y - p| <= R, so the convolution's inputs at q agree (u = y - q, x = p - q, R := R - r)")
    big = sp.Symbol("R", real=True)
    rs = sp.symbols("r1:4", real=True)
    hyps = _own(*[sp.Ge(r, 0) for r in rs], sp.Gt(big, sum(rs)))    # kernel radii; the agreement radius R
    radii = [big - sum(rs[:i]) for i in range(1, 4)]
    yield Obligation("three-layers", Implication(hyps, sp.And(*[sp.Gt(x, 0) for x in radii])),
                     claim="after three layers with kernel radii r1, r2, r3, an agreement radius R > r1 + r2 + r3 "
                           "leaves the non-empty balls of radius R - r1, R - r1 - r2, R - r1 - r2 - r3")


# =========================================================================== 5.4 invariance of μ


@dev.lemma(
    "lemma:5.8", "Alignment by the inverse map forces an invariant generator",
    r"\mathcal{T}_h^{-1}\Lambda_\mu\mathcal{T}_h f = \Lambda_\mu f\ \forall f \Rightarrow \mu = \mu_h, "
    r"\text{ i.e. } \mu(\mathcal{T}_h f) = \mu(f)",
    deps=["lemma:5.2", "eq:32-34.generator"],
)
def lemma_5_8():
    for n in DIMS:
        tm, _, f, mu, lam = _setting(n)
        origin = sp.zeros(n, 1)
        yield Obligation(f"lhs-at-0-N{n}", Identity((T_inv(tm) @ lam @ T(tm))(f)(origin), mu(T(tm)(f)),
                                                    assumptions=_invertible(tm)),
                         claim="(T_h^{-1} Λ_μ T_h f)(0̄) = μ_h(f) (Lemma 5.2)", dims=(n,))
        yield Obligation(f"rhs-at-0-N{n}", Identity(lam(f)(origin), mu(f)),
                         claim="(Λ_μ f)(0̄) = μ(f) (34)", dims=(n,))
    for n in DIMS:
        tm, _, f, mu, lam = _setting(n)
        origin = sp.zeros(n, 1)
        yield Obligation(
            f"close-N{n}",
            Implication(_invertible(tm) + (
                Assume(sp.Eq((T_inv(tm) @ lam @ T(tm))(f)(origin), lam(f)(origin))),   # (36), the premise, at 0̄
                Use("lemma:5.8", f"lhs-at-0-N{n}"), Use("lemma:5.8", f"rhs-at-0-N{n}")),
                sp.Eq(mu(T(tm)(f)), mu(f))),
            claim="closing: the premise T_h^{-1} Λ_μ T_h f = Λ_μ f (36) evaluated at 0̄, with lhs-at-0 and rhs-at-0, "
                  "gives μ_h(f) = μ(T_h f) = μ(f) for every f", dims=(n,))


def _invariant_around_every_point(n: int):
    """f(y) = g(y_2) (N = 2) or g(y_2, y_3) (N = 3) and T_h = diag(2, 1[, 1]): 𝒯_h D_{-x} f = D_{-x} f for every x."""
    g = sp.Function("g")
    f = Fn(lambda y: g(*y[1:]), n, "g(y_2, ...)")
    return f, sp.diag(2, *([1] * (n - 1)))


@dev.remark(
    "remark:5.8.invariant-image", "An image invariant around every point (as printed)",
    r"\mu(\mathcal{T}_h\mathcal{D}_{-x} f) = \mu(\mathcal{D}_{-x} f)\ \forall x \text{ holds if } f "
    r"\text{ is invariant to } \mathcal{T}_h \text{ around every image point, 'which implies } f \text{ is constant'}",
    deps=["lemma:5.8", "def:2.1", "def:2.2"],
    note="Unnumbered remark after Lemma 5.8 (the parenthesis). An image invariant to T_h around every point is "
         "constant along the directions (T_h^{-1} - Id) moves, not constant: T_h = diag(2, 1), f(y) = g(y_2).",
)
def remark_invariant_image():
    for n in DIMS:
        f, tm = _invariant_around_every_point(n)
        x, z = vector("x", n), vector("z", n)
        yield Obligation(f"invariant-around-every-point-N{n}", Identity((T(tm) @ D(-x))(f)(z), D(-x)(f)(z)),
                         claim="T_h = diag(2, 1, ...), f(y) = g(y_2, ...): (𝒯_h 𝒟_{-x} f)(z) = (𝒟_{-x} f)(z) for every "
                               "x and z, so μ(𝒯_h 𝒟_{-x} f) = μ(𝒟_{-x} f) for every generator μ", dims=(n,))
        y = vector("y", n)
        yield Obligation(f"printed-constant-N{n}", Identity(f(y), f(sp.zeros(n, 1))),
                         claim="the printed consequence 'f is constant': f(y) = f(0̄) for the same f", dims=(n,))


@dev.remark(
    "remark:5.8.invariant-image.corrected", "An image invariant around every point",
    r"f(x + T_h^{-1}z) = f(x + z)\ \forall x, z \Rightarrow f(w + (T_h^{-1} - \mathrm{Id})z) = f(w)\ \forall w, z: "
    r"f \text{ is constant along the range of } T_h^{-1} - \mathrm{Id}, \text{ and constant when 1 is not an "
    r"eigenvalue of } T_h",
    deps=["lemma:5.8", "def:2.1", "def:2.2"], printed=False, corrects="remark:5.8.invariant-image",
)
def remark_invariant_image_corrected():
    for n in DIMS:
        tm, w, z, v = matrix("T", n), vector("w", n), vector("z", n), vector("v", n)
        f = undefined("f", n)
        x = w - z
        ti = inverse(tm)
        yield Obligation(f"points-N{n}", Identity(sp.Matrix.vstack(x + ti * z, x + z), sp.Matrix.vstack(
            w + (ti - sp.eye(n)) * z, w), assumptions=_invertible(tm)),
            claim="at x = w - z the invariance f(x + T_h^{-1}z) = f(x + z) reads f(w + (T_h^{-1} - Id)z) = f(w)",
            dims=(n,))
        m = matrix("M", n)                 # M = T_h^{-1} - Id
        yield Obligation(f"every-direction-N{n}", Identity(f(w + m * (inverse(m) * v)), f(w + v),
                                                           assumptions=_invertible(m)),
                         claim="when M = T_h^{-1} - Id is invertible (1 is not an eigenvalue of T_h), z = M^{-1} v "
                               "reaches every v: f(w + v) = f(w), f is constant", dims=(n,))
    for n in DIMS:
        tm, w, z = matrix("T", n), vector("w", n), vector("z", n)
        f, ti = undefined("f", n), inverse(matrix("T", n))
        x = w - z
        yield Obligation(
            f"close-N{n}",
            Implication(_invertible(tm) + (
                Assume(sp.Eq(f(x + ti * z), f(x + z))),       # the statement's invariance, at x = w - z
                Use("remark:5.8.invariant-image.corrected", f"points-N{n}")),
                sp.Eq(f(w + (ti - sp.eye(n)) * z), f(w))),
            claim="closing: f(w + (T_h^{-1} - Id)z) = f(x + T_h^{-1}z) [points] = f(x + z) [the invariance at "
                  "x = w - z] = f(w) [points]", dims=(n,))


dev.definition(
    "def:5.9", "Non-constant functional",
    r"\Lambda \text{ is non-constant if } \exists f: \Lambda(f) \neq \Lambda(0)")


def _nonconstant_common(n: int):
    """Obligations the printed remark and its correction share."""
    r = sp.Symbol("r", real=True)
    y = vector("y", n)
    g = sp.Symbol("f_y", real=True)
    chi = sp.Piecewise((1, sp.Le(norm2(y), r ** 2)), (0, True))      # χ(y), the indicator of B(0̄, r)
    yield Obligation(
        f"compact-support-N{n}",
        Implication(_own(sp.Ge(r, 0), sp.Le(norm2(y), r ** 2)), sp.Eq(chi * g, g)),   # r = r(μ); y a point of the ball
        claim="semi-local μ: f and χf (χ the indicator of B(0̄, r)) agree on B(0̄, r), so μ(χf) = μ(f) and f may "
              "be taken compactly supported", dims=(n,))
    _, _, f, mu, lam = _setting(n)
    origin = sp.zeros(n, 1)
    yield Obligation(f"mu-nonconstant-gives-Lambda-N{n}",
                     Identity(sp.Matrix([lam(f)(origin), lam(_zero(n))(origin)]), sp.Matrix([mu(f), mu(_zero(n))])),
                     claim="(Λ_μ f)(0̄) = μ(f) and (Λ_μ 0)(0̄) = μ(0): μ non-constant makes Λ_μ non-constant",
                     dims=(n,))


@dev.remark(
    "remark:5.9.nonconstant", "Non-constancy of a translation-covariant operator and of its generator (as printed)",
    r"\Lambda \text{ translation covariant: } \Lambda \text{ non-constant} \iff \mu \text{ non-constant; "
    r"printed proof: } (\Lambda f)(x) \neq (\Lambda 0)(x) \Rightarrow \mu(\mathcal{D}_x f) \neq \mu(0)",
    deps=["def:5.9", "def:5.3", "def:2.4", "eq:32-34.generator"],
    note="Unnumbered remark after Def 5.9. The printed shift D_x is refuted on Λ = Id (μ = evaluation at "
         "0̄): (Λf)(x) = f(x) but μ(D_x f) = f(-x).",
)
def remark_nonconstant():
    for n in DIMS:
        yield from _nonconstant_common(n)
    for n in DIMS:
        x, a, b = vector("x", n), sp.Symbol("a", real=True), vector("b", n)
        lam, f, zero = generated(_evaluation), _affine(a, b), _zero(n)
        yield Obligation(
            f"printed-shift-N{n}",
            Implication(_own(sp.Ne(lam(f)(x), lam(zero)(x))), sp.Ne(_evaluation(D(x)(f)), _evaluation(zero))),
            claim="as printed: (Λ f)(x) ≠ (Λ 0)(x) ⇒ μ(D_x f) ≠ μ(0), for Λ = Id (μ(g) = g(0̄)) and affine "
                  "f(y) = a + b·y", dims=(n,))
        d = vector("delta", n)
        g = undefined("f", n)
        yield Obligation(f"identity-is-covariant-N{n}", Identity((lam @ D(d))(g)(x), (D(d) @ lam)(g)(x)),
                         claim="Λ = Id (generated by μ(g) = g(0̄)) is translation covariant", dims=(n,))


@dev.remark(
    "remark:5.9.nonconstant.corrected", "Non-constancy of a translation-covariant operator and of its generator",
    r"\Lambda \text{ translation covariant: } (\Lambda f)(x) \neq (\Lambda 0)(x) \Rightarrow "
    r"\mu(\mathcal{D}_{-x} f) \neq \mu(0);\ \text{so } \Lambda \text{ non-constant} \iff \mu "
    r"\text{ non-constant (compactly supported witness if semi-local)}",
    deps=["def:5.9", "def:5.3", "def:2.4", "eq:32-34.generator"],
    printed=False, corrects="remark:5.9.nonconstant",
)
def remark_nonconstant_corrected():
    for n in DIMS:
        yield from _nonconstant_common(n)
        _, x, f, mu, lam = _setting(n)
        yield Obligation(f"shift-N{n}", Identity(sp.Matrix([mu(D(-x)(f)), mu(_zero(n))]),
                                                 sp.Matrix([lam(f)(x), lam(_zero(n))(x)])),
                         claim="μ(D_{-x} f) = (Λ_μ f)(x) and μ(0) = (Λ_μ 0)(x)", dims=(n,))
    for n in DIMS:
        _, x, f, mu, lam = _setting(n)
        yield Obligation(
            f"close-N{n}",
            # shift-N is equal as written (Λ_μ f)(x) := μ(D_{-x} f), so the closing sees the same terms and uses
            # nothing for it (a use would leave the hypothesis True, which a user of this closing cannot re-prove)
            Implication((Assume(sp.Ne(lam(f)(x), lam(_zero(n))(x))),),     # the statement's premise
                        sp.Ne(mu(D(-x)(f)), mu(_zero(n))), opaque=True),
            claim="closing: (Λf)(x) ≠ (Λ0)(x) and the shift identities [shift-N, equal as written] give "
                  "μ(D_{-x} f) ≠ μ(0)", dims=(n,))


# =========================================================================== 5.5 uniqueness of T_g


@dev.step(
    "lemma:5.10.step-choose-p", "Choice of p with |T_h^{-1}p - p| large",
    r"T_h \neq \mathrm{Id},\ R \ge 0 \Rightarrow \exists p: |T_h^{-1}p - p| > R",
    deps=[],
)
def lemma_5_10_choose_p():
    big, t = sp.symbols("R t", real=True)
    for n in DIMS:
        m, tm = matrix("M", n), matrix("T", n)    # M = T_h^{-1}
        # the statement's: M is T_h^{-1} (M T_h = Id) and T_h ≠ Id
        own = _own(*[sp.Eq(e, v) for e, v in zip(m * tm, sp.eye(n))], _not_identity(tm))
        yield Obligation(f"inverse-not-identity-N{n}", Implication(own, _not_identity(m)),
                         claim="T_h ≠ Id ⇒ T_h^{-1} ≠ Id", dims=(n,))
        cols = [(m - sp.eye(n))[:, j] for j in range(n)]
        yield Obligation(f"column-N{n}",
                         Implication(own + (Use("lemma:5.10.step-choose-p", f"inverse-not-identity-N{n}"),),
                                     sp.Or(*[sp.Ne(norm2(c), 0) for c in cols])),
                         claim="T_h ≠ Id ⇒ T_h^{-1} ≠ Id [inverse-not-identity] ⇒ (T_h^{-1} - Id) e_j = w ≠ 0 for some "
                               "basis vector v = e_j", dims=(n,))
    for n in DIMS:
        m, v = matrix("M", n), vector("v", n)
        w = (m - sp.eye(n)) * v
        yield Obligation(
            f"linearity-N{n}", Identity(norm2(m * (t * v) - t * v), t ** 2 * norm2(w)),
            claim="|T_h^{-1}(t v) - t v|² = t² |w|² with w = (T_h^{-1} - Id) v", dims=(n,))
    ww, tt = _vals("ww tt")
    yield Obligation(
        "witness",
        Implication((), sp.Implies(sp.And(sp.Ge(big, 0), sp.Gt(ww, 0), sp.Eq(tt * ww, (big + 1) * (1 + ww))),
                                   sp.Gt(tt ** 2 * ww, big ** 2))),
        claim="for reals (no hypotheses): R >= 0, ww > 0, t ww = (R + 1)(1 + ww) give t² ww > R² (used in choose-p-N "
              "at ww = |w|², w = (T_h^{-1} - Id) e_j)", dims=())
    for n in DIMS:
        m, tm = matrix("M", n), matrix("T", n)
        own = _own(sp.Ge(big, 0), *[sp.Eq(e, v) for e, v in zip(m * tm, sp.eye(n))], _not_identity(tm))
        uses, moved = [Use("lemma:5.10.step-choose-p", f"column-N{n}")], []
        for j in range(n):
            e_j = sp.eye(n)[:, j]
            w2 = norm2((m - sp.eye(n)) * e_j)
            t_j = (big + 1) * (1 + w2) / w2                     # the witness p = t_j e_j
            v = vector("v", n)
            uses.append(Use("lemma:5.10.step-choose-p", f"linearity-N{n}",
                            ((t, t_j),) + tuple((v[i], e_j[i]) for i in range(n))))
            uses.append(Use("lemma:5.10.step-choose-p", "witness", ((big, big), (ww, w2), (tt, t_j))))
            moved.append(sp.Gt(norm2(m * (t_j * e_j) - t_j * e_j), big ** 2))
        yield Obligation(
            f"choose-p-N{n}", Implication(own + tuple(uses), sp.Or(*moved)),
            claim="T_h ≠ Id, R >= 0 ⇒ some p = t e_j has |T_h^{-1} p - p|² > R²: the column e_j with w = (T_h^{-1} - Id) "
                  "e_j ≠ 0 [column-N], t = (R + 1)(1 + |w|²)/|w|², |T_h^{-1}(t e_j) - t e_j|² = t² |w|² [linearity-N] > R² "
                  "[witness]", dims=(n,))


@dev.step(
    "lemma:5.10.step-disjoint", "The shifted support misses the ball of semi-locality",
    r"|q| > r(\Lambda_{\mu_2}) + r(f) + 1 \Rightarrow B(q, r(f)) \cap B(\bar 0, r(\Lambda_{\mu_2})) = "
    r"\emptyset,\ \text{so } \mathcal{D}_q f = 0 \text{ on } B(\bar 0, r(\Lambda_{\mu_2}))",
    deps=["def:5.3"],
)
def lemma_5_10_disjoint():
    rl, rf = sp.symbols("r_Lambda r_f", real=True)
    node = "lemma:5.10.step-disjoint"
    for n in DIMS:
        q, y = vector("q", n), vector("y", n)
        # the statement's: radii r(Λ_μ2), r(f) >= 0, |q| > r(Λ_μ2) + r(f) + 1, y a point of B(0̄, r(Λ_μ2))
        own = _own(sp.Ge(rl, 0), sp.Ge(rf, 0), sp.Gt(sp.expand(norm2(q)), (rl + rf + 1) ** 2),
                   sp.Le(sp.expand(norm2(y)), rl ** 2))
        if n == 2:
            yield Obligation(
                "disjoint-N2", Implication(own, sp.Gt(norm2(y - q), rf ** 2)),
                claim="y in B(0̄, r(Λ_μ2)) ⇒ y - q outside B(0̄, r(f)) ⊇ supp f, so (D_q f)(y) = f(y - q) = 0",
                dims=(2,))
            continue
        dot = (y.T * q)[0, 0]
        lagrange = sum((y[i] * q[j] - y[j] * q[i]) ** 2 for i in range(n) for j in range(i + 1, n))
        a, b, c = _vals("yy qq yq")
        yield Obligation(f"lagrange-N{n}", Identity(norm2(y) * norm2(q) - dot ** 2, lagrange),
                         claim="Lagrange's identity: |y|²|q|² - (y·q)² is a sum of squares", dims=(n,))
        yield Obligation(f"cauchy-schwarz-N{n}",
                         Implication((Use(node, f"lagrange-N{n}"),), sp.Le(dot ** 2, norm2(y) * norm2(q))),
                         claim="Cauchy–Schwarz (y·q)² <= |y|²|q|², by Lagrange's identity", dims=(n,))
        yield Obligation(
            "disjoint-reals",
            Implication((), sp.Implies(sp.And(sp.Ge(rl, 0), sp.Ge(rf, 0), sp.Ge(a, 0), sp.Ge(b, 0), sp.Le(c ** 2, a * b),
                                              sp.Gt(b, (rl + rf + 1) ** 2), sp.Le(a, rl ** 2)),
                                       sp.Gt(a + b - 2 * c, rf ** 2))),
            claim="for reals (no hypotheses): r, r_f, a, b >= 0, c² <= ab, b > (r + r_f + 1)², a <= r² give "
                  "a + b - 2c > r_f²", dims=())
        yield Obligation(
            f"disjoint-N{n}",
            Implication(own + (Use(node, f"lagrange-N{n}"), Use(node, f"cauchy-schwarz-N{n}"),
                               Use(node, "disjoint-reals", ((a, sp.expand(norm2(y))), (b, sp.expand(norm2(q))),
                                                            (c, dot)))),
                        sp.Gt(sp.expand(norm2(y - q)), rf ** 2)),
            claim="the same for N = 3: disjoint-reals at a = |y|², b = |q|², c = y·q, with Cauchy–Schwarz (squared "
                  "norms written expanded so that Z3 sees the same terms)", dims=(n,))


def _lemma_5_10(n: int, mu2, tag: str, extra: tuple = ()):
    """Lemma 5.10's obligations for N = n and the generator mu2 of Λ_μ2 (``tag`` suffixes their names). μ1 is
    named ``mu`` (the generator of remark:5.9.nonconstant.corrected, whose closing is used for the
    non-constancy of Λ_μ1); f and x are the witness of that non-constancy (def:5.9), and (38), (39) are written
    for g = D_{-x} f, for which μ1(g) ≠ μ1(0). ``extra``: matrices mu2 depends on (invertible)."""
    tm, x, f, _, _ = _setting(n)
    mu1 = functional("mu")
    l1, l2 = generated(mu1), generated(mu2)
    p, origin, zero = vector("p", n), sp.zeros(n, 1), _zero(n)
    g = D(-x)(f)
    tinv = inverse(tm)
    q = tinv * p - p
    inv = _invertible(tm, *extra)
    obligations = [
        Obligation(
            f"at-zero{tag}-N{n}",
            Identity(sp.Matrix([l1(zero)(origin), (T(tm) @ l2)(zero)(origin)]), sp.Matrix([mu1(zero), mu2(zero)]),
                     assumptions=inv),
            claim="(Λ_μ1 0)(0̄) = μ1(0) and (T_h Λ_μ2 0)(0̄) = μ2(0)", dims=(n,)),
        Obligation(
            f"eq38-N{n}",
            Chain((D(p) @ l1 @ D(-p))(g)(origin), (
                Step((l1 @ D(p) @ D(-p))(g)(origin), "definition", by="def:2.4", note="D_p Λ = Λ D_p"),
                Step(l1(g)(origin), "definition", by="def:2.2", note="D_p D_{-p} = Id"),
                Step(mu1(g), "definition", by="eq:32-34.generator", note="(34) at 0̄"),
            )),
            claim="(D_p Λ_μ1 D_{-p} g)(0̄) = μ1(g), eq. (38), for g = D_{-x} f", dims=(n,)),
        Obligation(
            f"eq39{tag}-N{n}",
            Chain((D(p) @ T(tm) @ l2 @ D(-p))(g)(origin), (
                Step((T(tm) @ D(tinv * p) @ l2 @ D(-p))(g)(origin), "cites", by="lemma:2.8", note="(15)"),
                Step((T(tm) @ l2 @ D(q))(g)(origin), "definition", by="def:2.4", note="D Λ = Λ D, D D = D"),
                Step((l2 @ D(q))(g)(tinv * origin), "definition", by="def:2.1", note="(5)"),
                Step((l2 @ D(q))(g)(origin), note="T_h^{-1} 0̄ = 0̄"),
            ), assumptions=inv),
            claim="(D_p T_h Λ_μ2 D_{-p} g)(0̄) = (Λ_μ2 D_{T_h^{-1}p - p} g)(0̄), eq. (39) up to semi-locality, "
                  "for g = D_{-x} f", dims=(n,)),
    ]
    if tag:                       # eq38 does not involve μ2: the variant uses the one of the general case
        obligations.pop(1)
    hyps = inv + (
        # the premise Λ_μ1 = T_h Λ_μ2, applied to D_{-p} g and shifted by D_p, at 0̄; and applied to 0, at 0̄
        Assume(sp.Eq((D(p) @ l1 @ D(-p))(g)(origin), (D(p) @ T(tm) @ l2 @ D(-p))(g)(origin))),
        Assume(sp.Eq(l1(zero)(origin), (T(tm) @ l2)(zero)(origin))),
        # Λ_μ1 non-constant (the statement's, def:5.9): f, x its witness
        Assume(sp.Ne(l1(f)(x), l1(zero)(x))),
        Use("remark:5.9.nonconstant.corrected", f"close-N{n}"),
        Use("lemma:5.10", f"eq38-N{n}"),
        Use("lemma:5.10", f"eq39{tag}-N{n}"),
        Use("lemma:5.10", f"at-zero{tag}-N{n}"),
        # Def 5.3 for the semi-local Λ_μ2 at 0̄, applied to D_q g and 0 (premise: step-choose-p, step-disjoint)
        ByDefinition("def:5.3", sp.Implies(_not_identity(tm), sp.Eq((l2 @ D(q))(g)(origin), l2(zero)(origin)))),
    )
    obligations.append(Obligation(
        f"close{tag}-N{n}", Implication(hyps, _is_identity(tm)),
        claim="closing: (38) = μ1(g); (39) = (Λ_μ2 D_q g)(0̄), q = T_h^{-1}p - p; when T_h ≠ Id, p is chosen "
              "with |q| > r(Λ_μ2) + r(g) + 1 [step-choose-p], so D_q g = 0 on B(0̄, r(Λ_μ2)) [step-disjoint] and "
              "(Λ_μ2 D_q g)(0̄) = (Λ_μ2 0)(0̄) [Def 5.3; its premise, a statement for every point of the ball, and "
              "the choice of p are linked by this claim]; μ1(0) = μ2(0) [at-zero and the premise at 0]; the "
              "premise makes (38) = (39); μ1(g) ≠ μ1(0) [remark:5.9.nonconstant.corrected at the witness f, x of "
              "the non-constancy of Λ_μ1]. Hence T_h = Id. (Non-constancy of μ2 is not used.)"
              + (" The instance μ2 = μ∘T_S (the generator of a conjugate T_S^{-1} Λ_μ T_S, Lemma 5.2), used by "
                 "Prop 5.11 (corrected)." if tag else ""), dims=(n,)))
    return obligations


@dev.lemma(
    "lemma:5.10", "A translation-covariant semi-local operator equals a transformed one only for the identity map",
    r"\Lambda_{\mu_1}, \Lambda_{\mu_2} \text{ semi-local, translation covariant, non-constant};\ "
    r"\Lambda_{\mu_1} = \mathcal{T}_h\Lambda_{\mu_2} \Rightarrow T_h = \mathrm{Id}",
    deps=["lemma:4.2", "lemma:2.8", "def:2.4", "def:2.1", "def:2.2", "def:5.3", "def:5.9",
          "remark:5.9.nonconstant.corrected", "eq:32-34.generator",
          "lemma:5.10.step-choose-p", "lemma:5.10.step-disjoint"],
    note="'A more abstract version of the proof of Lemma 4.2'. The closing obligation uses the non-constancy "
         "of μ1 only: the hypothesis that Λ_μ2 is non-constant is not needed.",
)
def lemma_5_10():
    for n in DIMS:
        yield from _lemma_5_10(n, functional("mu2"), "")
    for n in (2,):     # N = 3: SymPy needs about 100 s for eq39 with two symbolic 3x3 maps
        s_ = matrix("S", n)
        yield from _lemma_5_10(n, lambda g, s_=s_: functional("mu")(T(s_)(g)), "-conjugate", (s_,))


@dev.step(
    "prop:5.11.step-40", "Splitting T_g as T_H T_h^{-1} turns the conjugate into a generated operator",
    r"\mathcal{T}_g = \mathcal{T}_H\mathcal{T}_h^{-1} \Rightarrow \mathcal{T}_g\Lambda_\mu\mathcal{T}_h "
    r"= \mathcal{T}_H\mathcal{T}_h^{-1}\Lambda_\mu\mathcal{T}_h = \mathcal{T}_H\Lambda_{\mu_h} \quad (40)",
    deps=["lemma:5.2", "def:2.1"],
)
def prop_5_11_step_40():
    for n in DIMS:
        th, x, f, mu, lam = _setting(n)
        # T_H enters only through its inverse K (Def 2.1): T_H = K^{-1}, T_g^{-1} = T_h K
        kinv = matrix("K", n)
        tbig = inverse(kinv)
        tg, tg_inv = tbig * inverse(th), th * kinv
        mu_h = lambda g, th=th, mu=mu: mu(T(th)(g))
        yield Obligation(
            f"eq40-N{n}",
            Chain((T(tg, inv=tg_inv) @ lam @ T(th))(f)(x), (
                Step((T(tbig, inv=kinv) @ T_inv(th) @ lam @ T(th))(f)(x), "definition", by="def:2.1",
                     note="T_g = T_H T_h^{-1}"),
                Step((T(tbig, inv=kinv) @ generated(mu_h))(f)(x), "cites", by="lemma:5.2"),
            ), assumptions=_invertible(th, kinv)),
            claim="(T_g Λ_μ T_h f)(x) = (T_H Λ_{μ_h} f)(x), eq. (40)", dims=(n,))


@dev.proposition(
    "prop:5.11", "Alignment requires the inverse map and an invariant generator (as printed)",
    r"\mathcal{T}_g\Lambda_\mu\mathcal{T}_h = \Lambda_\mu \Rightarrow \mathcal{T}_g = \mathcal{T}_h^{-1} "
    r"\text{ and } \mu(\mathcal{T}_h f) = \mu(f)",
    deps=["prop:5.11.step-40", "lemma:5.10", "lemma:5.5", "lemma:5.8"],
    note="No non-constancy hypothesis is printed; for a constant generator the premise holds for every T_g.",
    clauses=clauses_of("prop:5.11"),
)
@by_clause("prop:5.11")
def prop_5_11():
    c = sp.Symbol("c", real=True)
    for n in DIMS:
        th, x, f, _, _ = _setting(n)
        tg = matrix("G", n)
        lam_c = generated(lambda g: c)
        yield Obligation(
            f"constant-premise-N{n}",
            Identity((T(tg) @ lam_c @ T(th))(f)(x), lam_c(f)(x), assumptions=_invertible(th, tg)),
            claim="μ ≡ c: T_g Λ_μ T_h f = Λ_μ f for arbitrary invertible T_g, T_h", dims=(n,))
    for n in DIMS:
        th, tg = matrix("T", n), matrix("G", n)
        yield Obligation(
            f"printed-conclusion-N{n}",
            Implication(_own(sp.Ne(th.det(), 0), sp.Ne(tg.det(), 0)), _is_identity(tg * th)),
            claim="the printed conclusion T_g = T_h^{-1} for every invertible T_g, T_h (as the constant "
                  "generator's premise allows)", dims=(n,))


@dev.proposition(
    "prop:5.11.corrected", "Alignment of a non-constant operator requires the inverse map and an invariant generator",
    r"\Lambda_\mu \text{ semi-local and non-constant},\ \mathcal{T}_g\Lambda_\mu\mathcal{T}_h = \Lambda_\mu "
    r"\Rightarrow \mathcal{T}_g = \mathcal{T}_h^{-1} \text{ and } \mu(\mathcal{T}_h f) = \mu(f)",
    deps=["prop:5.11.step-40", "lemma:5.10", "lemma:5.5", "lemma:5.1", "lemma:5.2", "lemma:5.8", "def:5.9", "def:5.3"],
    printed=False, corrects="prop:5.11",
    clauses=clauses_of("prop:5.11.corrected"),
)
@by_clause("prop:5.11.corrected")
def prop_5_11_corrected():
    for n in DIMS:
        th, _, f, mu, _ = _setting(n)
        yield Obligation(
            f"mu_h-nonconstant-N{n}",
            Identity(sp.Matrix([mu(T(th)(T_inv(th)(f))), mu(T(th)(_zero(n)))]), sp.Matrix([mu(f), mu(_zero(n))]),
                     assumptions=_invertible(th)),
            claim="μ_h(T_h^{-1} f) = μ(f) and μ_h(0) = μ(0): Λ_{μ_h} is non-constant when Λ_μ is, so Lemma 5.10 "
                  "applies to Λ_μ = T_H Λ_{μ_h} (semi-local by Lemma 5.5, covariant by Lemma 5.1)", dims=(n,))
    for n in DIMS:
        th, tg = matrix("T", n), matrix("G", n)
        tbig = tg * th                       # T_H := T_g T_h, so that T_g = T_H T_h^{-1} (step-40)
        if n == 3:
            yield Obligation(
                f"close-N{n}", Implication((_is_identity(tbig),), _is_identity(tg * th)),
                claim="closing (N = 3): T_H := T_g T_h and T_H = Id (Lemma 5.10 for Λ_μ = T_H Λ_{μ_h}: a hypothesis not "
                      "linked, lemma:5.10's instance μ2 = μ∘T_S is stated for N = 2 only) give T_g = T_h^{-1}; then "
                      "T_h^{-1} Λ_μ T_h = Λ_μ and Lemma 5.8 gives μ(T_h f) = μ(f)", dims=(n,))
            continue
        x, f, mu = vector("x", n), undefined("f", n), functional("mu")
        lam = generated(mu)
        lam_h = generated(lambda g, th=th: mu(T(th)(g)))          # Λ_{μ_h}, μ_h = μ∘T_h (Lemma 5.2)
        p, origin, zero = vector("p", n), sp.zeros(n, 1), _zero(n)
        g = D(-x)(f)
        q = inverse(tbig) * p - p
        hyps = _invertible(tg, th) + (
            # the premise T_g Λ_μ T_h = Λ_μ, applied to D_{-p} g and shifted by D_p, at 0̄; and applied to 0, at 0̄
            Assume(sp.Eq((D(p) @ lam @ D(-p))(g)(origin), (D(p) @ T(tg) @ lam @ T(th) @ D(-p))(g)(origin))),
            Assume(sp.Eq(lam(zero)(origin), (T(tg) @ lam @ T(th))(zero)(origin))),
            Assume(sp.Ne(lam(f)(x), lam(zero)(x))),                # Λ_μ non-constant (the statement's): f, x
            # Def 5.3 for Λ_{μ_h} = T_h^{-1} Λ_μ T_h, semi-local by Lemma 5.5 (its radius linked by the claim)
            ByDefinition("def:5.3", sp.Implies(_not_identity(tbig),
                                               sp.Eq((lam_h @ D(q))(g)(origin), lam_h(zero)(origin)))),
            Use("lemma:5.10", f"close-conjugate-N{n}",
                tuple((a, b) for a, b in zip(matrix("T", n), tbig)) + tuple(zip(matrix("S", n), th))),
        )
        yield Obligation(
            f"close-N{n}", Implication(hyps, _is_identity(tg * th)),
            claim="closing: with T_H := T_g T_h, the premise is Λ_μ = T_H Λ_{μ_h} (step-40; its instances at D_{-p} g and "
                  "at 0 are the premise's, the same terms up to the normal form), Λ_{μ_h} = T_h^{-1} Λ_μ T_h is semi-local "
                  "(Lemma 5.5; Def 5.3 unfolded) and Λ_μ is non-constant: Lemma 5.10 [close-conjugate, μ2 = μ∘T_h, used] "
                  "gives T_H = Id, i.e. T_g = T_h^{-1}; then T_h^{-1} Λ_μ T_h = Λ_μ and Lemma 5.8 gives μ(T_h f) = μ(f). "
                  "(Z3 also finds T_H = Id without the use: with (38), (39) equal as written in the opaque terms, the "
                  "premise's instances, Def 5.3 and the non-constancy are Lemma 5.10's argument itself.)",
            dims=(n,))


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


@dev.step(
    "prop:5.13.step-cases", "Real 2x2 maps whose eigenvalues all have modulus 1",
    r"\text{all } |\lambda_i| = 1 \Rightarrow (\det T = 1, |\operatorname{tr} T| < 2) \text{ or } "
    r"(\operatorname{tr}, \det) \in \{(2, 1), (-2, 1), (0, -1)\};\ (\pm 2, 1), T \neq \pm\mathrm{Id} "
    r"\Rightarrow T \sim \begin{pmatrix}\pm 1 & 1\\ 0 & \pm 1\end{pmatrix}",
    deps=["cite:HK-3.1-jordan-2d"],
    cited_hypotheses={"cite:HK-3.1-jordan-2d": {"T is a real 2x2 matrix": "discharged: T_h in GL_2(R)"}},
)
def prop_5_13_step_cases():
    t, d, e1, e2, a, b = _vals("tr det e1 e2 a b")
    real_unit = sp.And(sp.Eq(t, e1 + e2), sp.Eq(d, e1 * e2), sp.Eq(e1 ** 2, 1), sp.Eq(e2 ** 2, 1))
    complex_unit = sp.And(sp.Eq(t, 2 * a), sp.Eq(d, a ** 2 + b ** 2), sp.Ne(b, 0), sp.Eq(a ** 2 + b ** 2, 1))
    cases = sp.Or(sp.And(sp.Eq(d, 1), sp.Lt(t ** 2, 4)), sp.And(sp.Eq(t, 2), sp.Eq(d, 1)),
                  sp.And(sp.Eq(t, -2), sp.Eq(d, 1)), sp.And(sp.Eq(t, 0), sp.Eq(d, -1)))
    yield Obligation("exhaustive", Implication(_own(sp.Or(real_unit, complex_unit)), cases),   # all |λ_i| = 1
                     claim="eigenvalues ±1 (real) or a ± ib with a² + b² = 1 (complex): the case list is exhaustive",
                     dims=(2,))
    tm = matrix("T", 2)
    for sign in (1, -1):
        ident = sp.eye(2) * sign
        nil = tm - ident
        hyps = _own(sp.Eq(tm.trace(), 2 * sign), sp.Eq(tm.det(), 1))      # the case (tr, det) = (±2, 1)
        yield Obligation(f"nilpotent-{'plus' if sign > 0 else 'minus'}",
                         Implication(hyps, sp.And(*[sp.Eq(e, 0) for e in nil * nil])),
                         claim=f"tr T = {2 * sign}, det T = 1 ⇒ (T - ({sign})Id)² = 0 (Cayley-Hamilton)", dims=(2,))
        v = vector("v", 2)
        w = nil * v
        basis = sp.Matrix.hstack(w, v)
        jordan = sp.Matrix([[sign, 1], [0, sign]])
        yield Obligation(
            f"jordan-basis-{'plus' if sign > 0 else 'minus'}",
            Implication(hyps + (Assume(sp.Ne(norm2(w), 0)),),     # T ≠ ±Id (the statement's), v with w ≠ 0
                        sp.And(sp.Ne(basis.det(), 0), *[sp.Eq(e, 0) for e in tm * basis - basis * jordan])),
            claim=f"T ≠ ({sign})Id: with w = (T - ({sign})Id) v ≠ 0, B = (w, v) is invertible and T B = B J, "
                  f"J = [[{sign}, 1], [0, {sign}]]", dims=(2,))


@dev.step(
    "prop:5.13.step-jordan-powers", "Powers of the 2x2 Jordan blocks with eigenvalue ±1",
    r"\begin{pmatrix}1&1\\0&1\end{pmatrix}^n = \begin{pmatrix}1&n\\0&1\end{pmatrix},\ "
    r"\begin{pmatrix}-1&1\\0&-1\end{pmatrix}^n = (-1)^n\begin{pmatrix}1&-n\\0&1\end{pmatrix}",
    deps=[],
)
def prop_5_13_step_jordan_powers():
    k = sp.Symbol("n", integer=True, positive=True)
    for sign in (1, -1):
        jordan = sp.Matrix([[sign, 1], [0, sign]])
        power = (lambda j: sp.Matrix([[1, j], [0, 1]])) if sign > 0 else \
            (lambda j: (-1) ** j * sp.Matrix([[1, -j], [0, 1]]))
        tag = "plus" if sign > 0 else "minus"
        yield Obligation(f"base-{tag}", Identity(power(sp.Integer(1)), jordan), claim="n = 1", dims=(2,))
        yield Obligation(f"step-{tag}", Identity(jordan * power(k), power(k + 1)),
                         claim="J · J^n = J^{n+1} for symbolic integer n (induction step)", dims=(2,))


@dev.step(
    "prop:5.13.step-shear-shrink", "For shears, B ∩ T_h^{±n} B lies within 2r/n of the eigenline",
    r"J = \begin{pmatrix}\pm1&1\\0&\pm1\end{pmatrix}:\ y, J^{\pm n}y \in B(\bar 0, r) \Rightarrow |y_2| \le 2r/n",
    deps=["prop:5.13.step-jordan-powers", "cite:measure-of-box"],
    cited_hypotheses={"cite:measure-of-box": {"S measurable": "discharged: S_n = B ∩ J^{±n} B is closed"}},
)
def prop_5_13_step_shear_shrink():
    k, a, m, r = _vals("n a m r")
    y = vector("y", 2)
    image = sp.Matrix([a * (y[0] + m * y[1]), a * y[1]])   # J^{±n} y = (±1)^n (y1 ± n y2, y2)
    yield Obligation(
        "shear-slab",
        # the statement's: n >= 1, r >= 0, y and J^{±n} y in B(0̄, r); a = (±1)^n, m = ±n from step-jordan-powers
        # (its obligations are the induction's base and step, not a formula for a and m: not linked)
        Implication(_own(sp.Ge(k, 1), sp.Ge(r, 0)) + (sp.Eq(a ** 2, 1), sp.Eq(m ** 2, k ** 2)) +
                    _own(sp.Le(norm2(y), r ** 2), sp.Le(norm2(image), r ** 2)), sp.Le(k ** 2 * y[1] ** 2, 4 * r ** 2)),
        claim="J^{±n} y = a (y1 + m y2, y2) with a = (±1)^n, m = ±n (step-jordan-powers): y and J^{±n} y in B give "
              "n² y2² <= 4 r², so B ∩ J^{±n} B lies within 2r/n of span(e1) (symbolic n)", dims=(2,))
    dd, slab = _vals("delta S_n")
    yield Obligation(
        "shear-measure",
        Implication(_own(sp.Ge(k, 1), sp.Gt(r, 0), sp.Gt(dd, 0), sp.Gt(k * dd, 8 * r ** 2)) + (   # n > 8r²/δ: the claim's
                    # B ∩ J^{±n} B ⊆ [-r, r] x [-2r/n, 2r/n]: |y1| <= r in B, |y2| <= 2r/n by shear-slab (every point)
                    Assume(sp.Eq(ref.INSIDE_BOX(slab, r, 2 * r / k), 1)),
                    Use("cite:measure-of-box", "box-N2", ((ref.BOX_S, slab), (ref.BOX_A, r), (ref.BOX_B, 2 * r / k)))),
                    sp.Lt(ref.MEASURE_OF(slab), dd)),
        claim="that slab S_n = B ∩ J^{±n} B lies in the rectangle [-r, r] x [-2r/n, 2r/n] (|y1| <= r in B, |y2| <= 2r/n by "
              "shear-slab, for every point), so its measure is <= (2r)(4r/n) = 8r²/n [cite:measure-of-box, used] < δ once "
              "n > 8r²/δ", dims=(2,))


@dev.proposition(
    "prop:5.13", "Invariant features in the plane only for rotations and reflections (as printed)",
    r"N = 2:\ (42) \text{ for a continuous, semi-local, translation-covariant } \Lambda \Rightarrow T_h "
    r"\text{ conjugate to a rotation, or (orientation reversing) to a reflection}",
    deps=["prop:5.12", "prop:4.7", "prop:5.13.step-cases", "prop:5.13.step-jordan-powers",
          "prop:5.13.step-shear-shrink"],
    note="No non-triviality hypothesis is printed: a constant generator satisfies (42) for every T_h, e.g. "
         "T_h = diag(2, 1), which is not conjugate to an orthogonal map (|det| ≠ 1).",
)
def prop_5_13():
    c = sp.Symbol("c", real=True)
    mu_c = lambda g: c
    for n in DIMS:
        tm, _, f, _, _ = _setting(n)
        yield Obligation(f"constant-premise-N{n}", Identity(mu_c(T(tm)(f)), mu_c(f), assumptions=_invertible(tm)),
                         claim="μ ≡ c: μ(T_h f) = c = μ(f) for every invertible T_h, i.e. (42)", dims=(n,))
    bm, cs, sn = matrix("B", 2), sp.Symbol("cs", real=True), sp.Symbol("sn", real=True)
    for label, orth in (("rotation", sp.Matrix([[cs, -sn], [sn, cs]])), ("reflection", sp.Matrix([[cs, sn], [sn, -cs]]))):
        yield Obligation(f"conjugate-det-{label}", Identity((bm * orth * inverse(bm)).det(), orth.det(),
                                                           assumptions=_invertible(bm)),
                         claim=f"det(B R B^{{-1}}) = det R for a {label} R", dims=(2,))
    yield Obligation("orthogonal-det",
                     Implication(_own(sp.Eq(cs ** 2 + sn ** 2, 1)),      # a rotation / reflection matrix
                                 sp.And(sp.Eq(cs ** 2 + sn ** 2, 1), sp.Eq(-cs ** 2 - sn ** 2, -1))),
                     claim="det of a rotation is cs² + sn² = 1, of a reflection -(cs² + sn²) = -1", dims=(2,))
    a = sp.Symbol("a", real=True)
    tm = sp.diag(a, 1)
    m1, m0, inv = _vals("muE_1 muE_0 invariant_diag21")
    yield Obligation(
        "printed-conclusion-nonconstant",
        Implication((sp.Gt(m1, sp.Rational(3, 4)), sp.Lt(m1, 1), sp.Eq(m0, 0), sp.Eq(inv, 1)),   # Λ_E's (prop:5.12)
                    sp.Or(sp.Eq(sp.diag(2, 1).det(), 1), sp.Eq(sp.diag(2, 1).det(), -1))),
        claim="non-constancy is not enough either: Λ_E of prop:5.12 (continuous on L^1_loc, semi-local, translation "
              "covariant) has μ_E(1) = π/4 != μ_E(0) = 0 [l1loc-nonconstant] and (42) for T_h = diag(2, 1) "
              "[l1loc-invariance: every T_h]; the printed conclusion would need |det diag(2, 1)| = 1", dims=(2,))
    yield Obligation("printed-conclusion",
                     Implication(_own(sp.Gt(a, 1)), sp.Or(sp.Eq(tm.det(), 1), sp.Eq(tm.det(), -1))),   # T_h = diag(a, 1)
                     claim="the printed conclusion for T_h = diag(a, 1), a > 1, with constant μ (constant-premise): "
                           "T_h conjugate to a rotation or reflection, hence |det T_h| = 1", dims=(2,))


@dev.proposition(
    "prop:5.13.corrected", "Non-trivial invariant features in the plane only for rotations and reflections",
    r"N = 2:\ (42) \text{ for a semi-local, translation-covariant } \Lambda \text{ with non-constant generator "
    r"continuous on } L^1_{loc} \Rightarrow T_h \text{ conjugate to a rotation, or (orientation reversing) a "
    r"reflection}",
    deps=["prop:5.12.corrected", "prop:5.13.step-cases", "prop:5.13.step-jordan-powers",
          "prop:5.13.step-shear-shrink", "cite:HK-3.1-jordan-2d", "def:5.9"],
    cited_hypotheses={"cite:HK-3.1-jordan-2d": {"T is a real 2x2 matrix": "discharged: T_h in GL_2(R)"}},
    printed=False, corrects="prop:5.13",
    note="The Jordan analysis is done by the step nodes here rather than taken from the proof of Prop 4.7.",
)
def prop_5_13_corrected():
    k_, u, e, dg, j, rot, ref = _vals("const unit elliptic diag_pm1 jordan rotation reflection")
    one = lambda v: sp.Eq(v, 1)
    hyps = (
        Assume(sp.Ne(k_, 1)),                                # μ non-constant (the statement's)
        sp.Implies(sp.Not(one(u)), one(k_)),                 # prop:5.12.corrected
        sp.Implies(one(j), one(k_)),                         # shear: step-shear-shrink + the 5.12 argument
        sp.Implies(one(u), sp.Or(one(e), one(dg), one(j))),  # step-cases
        sp.Implies(one(e), one(rot)),                        # det 1, |tr| < 2: conjugate to a rotation (cited)
        sp.Implies(one(dg), sp.Or(one(rot), one(ref))),      # ±Id rotations; (0, -1): reflection
    )
    yield Obligation(
        "close", Implication(hyps, sp.Or(one(rot), one(ref))),
        claim="closing: an eigenvalue off the unit circle makes μ constant (Prop 5.12 corrected); the Jordan "
              "blocks make μ constant (shear-slab, shear-measure, then the argument of Prop 5.12 corrected); the "
              "remaining cases (step-cases) are conjugate to a rotation (det 1) or a reflection (det -1)")


@dev.proposition(
    "prop:5.13.dominated", "Prop 5.13 for a generator dominated by an L^1_comp kernel",
    r"N = 2:\ (42) \text{ for a semi-local, translation-covariant } \Lambda \text{ whose generator is dominated by } "
    r"k \in L^1_{comp} \text{ and non-constant on } \{f: \int|\chi f| k < \infty\} \Rightarrow T_h \text{ conjugate to "
    r"a rotation, or (orientation reversing) a reflection}",
    deps=["prop:5.12.dominated", "prop:5.12.step-dominated-limits", "prop:5.13.step-cases",
          "prop:5.13.step-jordan-powers", "prop:5.13.step-shear-shrink", "cite:HK-3.1-jordan-2d", "def:5.9"],
    cited_hypotheses={"cite:HK-3.1-jordan-2d": {"T is a real 2x2 matrix": "discharged: T_h in GL_2(R)"}},
    printed=False,
    note="What Sec. 6 needs for CNNs with unbounded L^1_comp filters (they are dominated, not continuous): the "
         "closing of prop:5.13.corrected with the limits of prop:5.12.step-dominated-limits in place of continuity.",
)
def prop_5_13_dominated():
    k_, u, e, dg, j, rot, ref = _vals("const_on_F unit elliptic diag_pm1 jordan rotation reflection")
    one = lambda v: sp.Eq(v, 1)
    hyps = (
        Assume(sp.Ne(k_, 1)),                                # μ non-constant on F = {∫|χf| k < ∞} (the statement's)
        sp.Implies(sp.Not(one(u)), one(k_)),                 # prop:5.12.dominated
        sp.Implies(one(j), one(k_)),                         # shear: step-shear-shrink, then (L1), (44), (L2)
        sp.Implies(one(u), sp.Or(one(e), one(dg), one(j))),  # step-cases
        sp.Implies(one(e), one(rot)),                        # det 1, |tr| < 2: conjugate to a rotation (cited)
        sp.Implies(one(dg), sp.Or(one(rot), one(ref))),      # ±Id rotations; (0, -1): reflection
    )
    yield Obligation(
        "close", Implication(hyps, sp.Or(one(rot), one(ref))),
        claim="closing: an eigenvalue off the unit circle makes μ constant on F [prop:5.12.dominated]; for the Jordan "
              "blocks the supports of χ T_h^{±n}(χf) lie in slabs of measure <= 8r²/n [step-shear-shrink], so (L1) "
              "[step-dominated-limits] with (44) and (L2) make μ constant on F as in prop:5.12.dominated; the remaining "
              "cases [step-cases] are conjugate to a rotation (det 1) or a reflection (det -1)", dims=(2,))


REAL_JORDAN = "cite:real-jordan-form"
REAL_JORDAN_USE = {REAL_JORDAN: {"T is a real N x N matrix": "discharged: T_h in GL_3(R), N = 3"}}
NIL3 = sp.Matrix([[0, 1, 0], [0, 0, 1], [0, 0, 0]])


def _power_induction(tag: str, jordan: sp.Matrix, power, claim: str) -> list[Obligation]:
    """power(k) = J^k by induction on the integer k >= 0: base P(0) = Id and step J P(k) = P(k + 1)."""
    k = sp.Symbol("n", integer=True, nonnegative=True)
    size = jordan.rows
    return [Obligation(f"{tag}-base", Identity(power(sp.Integer(0)), sp.eye(size)), claim=f"{claim}: n = 0",
                       dims=(size,)),
            Obligation(f"{tag}-step", Identity(jordan * power(k), power(k + 1)),
                       claim=f"{claim}: J · J^n = J^{{n+1}} (induction step, symbolic integer n >= 0)", dims=(size,))]


def _types_3d():
    """The four real Jordan types of a 3x3 map with their squared eigenvalue moduli m1, m2, m3 (``types``), and
    the cases they split into (``cases``), over the symbols kind, m1, m2, m3, d1, d2, d3, d, a, b."""
    kind, m1, m2, m3, d1, d2, d3, d, a, b = _vals("kind m1 m2 m3 d1 d2 d3 d a b")
    pm = lambda v: sp.Or(sp.Eq(v, 1), sp.Eq(v, -1))
    types = sp.Or(
        sp.And(sp.Eq(kind, 1), sp.Eq(m1, d1 ** 2), sp.Eq(m2, d2 ** 2), sp.Eq(m3, d3 ** 2)),
        sp.And(sp.Eq(kind, 2), sp.Eq(m1, d ** 2), sp.Eq(m2, d ** 2), sp.Eq(m3, d3 ** 2)),
        sp.And(sp.Eq(kind, 3), sp.Eq(m1, d ** 2), sp.Eq(m2, d ** 2), sp.Eq(m3, d ** 2)),
        sp.And(sp.Eq(kind, 4), sp.Ne(b, 0), sp.Eq(m1, a ** 2 + b ** 2), sp.Eq(m2, a ** 2 + b ** 2),
               sp.Eq(m3, d3 ** 2)))
    cases = sp.Or(
        sp.Or(sp.Ne(m1, 1), sp.Ne(m2, 1), sp.Ne(m3, 1)),
        sp.And(sp.Eq(kind, 1), pm(d1), pm(d2), pm(d3)),
        sp.And(sp.Eq(kind, 4), sp.Eq(a ** 2 + b ** 2, 1), pm(d3)),
        sp.And(sp.Eq(kind, 2), pm(d), pm(d3)),
        sp.And(sp.Eq(kind, 3), pm(d)))
    return types, cases


def _orthogonal_forms():
    """The real Jordan forms diag(d1, d2, d3) and diag(C_1(a, b), d3) of the unit diagonalizable types."""
    d1, d2, d3, a, b = _vals("d1 d2 d3 a b")
    return sp.diag(d1, d2, d3), sp.Matrix([[a, -b, 0], [b, a, 0], [0, 0, d3]])


@dev.step(
    "remark:5.14.step-types", "The real Jordan types of a 3x3 map, split by eigenvalue moduli",
    r"N = 3:\ T_h \sim \mathrm{diag}(d_1, d_2, d_3),\ \mathrm{diag}(J_2(d), d_3),\ J_3(d) \text{ or } "
    r"\mathrm{diag}(C_1(a, b), d_3);\ \text{then some modulus} \ne 1, \text{ or } d_i = \pm 1 \text{ (diagonal), or } "
    r"a^2 + b^2 = 1, d_3 = \pm 1 \text{ (rotation block), or } d, d_3 = \pm 1 \text{ (Jordan blocks)}",
    deps=[REAL_JORDAN], cited_hypotheses=REAL_JORDAN_USE,
)
def remark_5_14_step_types():
    r1, r2, r3, rb, sb, c1, cb, sc = ref.JORDAN_COUNTS
    yield Obligation(
        "degree-count",
        Implication((Assume(sp.Eq(ref.JORDAN_N, 3)),                 # T_h in GL_3(R): N = 3 (the statement's)
                     Use(REAL_JORDAN, "block-sizes")),
            sp.And(sp.Eq(rb, 0), sp.Eq(cb, 0), sp.Or(
                sp.And(sp.Eq(r1, 3), sp.Eq(r2, 0), sp.Eq(r3, 0), sp.Eq(c1, 0)),
                sp.And(sp.Eq(r1, 1), sp.Eq(r2, 1), sp.Eq(r3, 0), sp.Eq(c1, 0)),
                sp.And(sp.Eq(r1, 0), sp.Eq(r2, 0), sp.Eq(r3, 1), sp.Eq(c1, 0)),
                sp.And(sp.Eq(r1, 1), sp.Eq(r2, 0), sp.Eq(r3, 0), sp.Eq(c1, 1)))),
            integer_symbols=(*ref.JORDAN_COUNTS, ref.JORDAN_N)),
        claim="degree count (cited real Jordan form, its block-sizes used at N = 3): r_k real blocks J_k(d) of size k, "
              "real blocks of size >= 4 (total size s_rbig >= 4 r_big, 0 when r_big = 0), c1 blocks C_1(a, b) of size 2 and non-trivial complex blocks C_k, "
              "k >= 2, of size 2k >= 4 (total s_cbig >= 4 c_big, 0 when c_big = 0); sizes sum to 3 ⇒ no block of size >= 4 (so a "
              "complex pair cannot carry a non-trivial Jordan block in 3D) and the type is one of "
              "1+1+1, J_2 + 1, J_3, C_1 + 1", dims=(3,))
    a, b = _vals("a b")
    block = sp.Matrix([[a, -b], [b, a]])
    yield Obligation("complex-block-eigenvalue", Identity((block - (a + sp.I * b) * sp.eye(2)).det(), 0),
                     claim="C_1(a, b) = [[a, -b], [b, a]] has the eigenvalue a + ib (and a - ib)", dims=(2,))
    yield Obligation("complex-block-modulus", Identity((a + sp.I * b) * (a - sp.I * b), a ** 2 + b ** 2),
                     claim="|a ± ib|² = a² + b²", dims=(2,))
    types, cases = _types_3d()
    yield Obligation(
        "moduli-split", Implication((), sp.Implies(types, cases)),    # no hypotheses: the type is the antecedent
        claim="case split (exhaustive): for each type (kind 1: diag(d1, d2, d3); 2: diag(J_2(d), d3); 3: J_3(d); "
              "4: diag(C_1(a, b), d3)) with squared eigenvalue moduli m1, m2, m3, either some modulus is not 1 "
              "(Prop 5.12 corrected), or the diagonal entries are ±1, or a² + b² = 1 and d3 = ±1 (both "
              "diagonalizable over C), or the Jordan block has eigenvalue d = ±1 (and d3 = ±1)", dims=(3,))
    e1, e2, e3, re, im, det = _vals("e1 e2 e3 re im det")
    real3 = sp.And(sp.Eq(det, e1 * e2 * e3), sp.Eq(e1 ** 2, 1), sp.Eq(e2 ** 2, 1), sp.Eq(e3 ** 2, 1))
    pair = sp.And(sp.Eq(det, e1 * (re ** 2 + im ** 2)), sp.Eq(e1 ** 2, 1), sp.Eq(re ** 2 + im ** 2, 1))
    yield Obligation("moduli-det", Implication(_own(sp.Or(real3, pair)), sp.Or(sp.Eq(det, 1), sp.Eq(det, -1))),
                     claim="N = 3: all eigenvalue moduli 1 (three real, or one real and a pair re ± i im) ⇒ "
                           "|det T_h| = 1, consistent with Props 4.5/4.6", dims=(3,))


@dev.step(
    "remark:5.14.step-orthogonal", "Diagonalizable types with unit moduli are orthogonal",
    r"d_i = \pm 1 \Rightarrow \mathrm{diag}(d_1, d_2, d_3) \in O(3);\ a^2 + b^2 = 1,\ d_3 = \pm 1 \Rightarrow "
    r"\mathrm{diag}(C_1(a, b), d_3) \in O(3);\ \text{so } T_h = P M P^{-1} \text{ with } M \text{ orthogonal}",
    deps=["remark:5.14.step-types"],
)
def remark_5_14_step_orthogonal():
    d1, d2, d3, a, b = _vals("d1 d2 d3 a b")
    pm = lambda v: sp.Or(sp.Eq(v, 1), sp.Eq(v, -1))
    diagonal, rotation = _orthogonal_forms()
    for tag, m, hyps, what in (
            ("diagonal", diagonal, (pm(d1), pm(d2), pm(d3)), "diag(d1, d2, d3), d_i = ±1"),
            ("rotation-block", rotation, (sp.Eq(a ** 2 + b ** 2, 1), pm(d3)),
             "diag([[a, -b], [b, a]], d3), a² + b² = 1, d3 = ±1")):
        yield Obligation(f"{tag}-orthogonal",
                         # no hypotheses: the statement's implication, d_i = ±1 (a² + b² = 1) its antecedent
                         Implication((), sp.Implies(sp.And(*hyps), _is_identity(sp.expand(m.T * m)))),
                         claim=f"{what}: M^T M = Id, so the real Jordan form M is orthogonal and T_h = P M P^{{-1}} "
                               "is conjugate to it", dims=(3,))


@dev.step(
    "remark:5.14.step-jordan-powers", "Powers of the 3x3 Jordan types with eigenvalue ±1",
    r"J_3(\sigma)^n = \sigma^n\left(I + \sigma n N + \tbinom{n}{2} N^2\right),\ "
    r"\mathrm{diag}(J_2(\sigma), \tau)^n = \mathrm{diag}\left(\sigma^n\begin{pmatrix}1 & \sigma n\\ 0 & 1"
    r"\end{pmatrix}, \tau^n\right),\ \sigma = \pm 1",
)
def remark_5_14_step_jordan_powers():
    lam = sp.Symbol("lambda", real=True, nonzero=True)
    k = sp.Symbol("n", integer=True, positive=True)
    general = lam * sp.eye(3) + NIL3

    def power(j):
        return lam ** j * sp.eye(3) + j * lam ** (j - 1) * NIL3 + j * (j - 1) / 2 * lam ** (j - 2) * NIL3 ** 2
    yield Obligation("jordan3-base", Identity(power(sp.Integer(1)), general), claim="n = 1", dims=(3,))
    yield Obligation("jordan3-step", Identity(general * power(k), power(k + 1)),
                     claim="J_3(λ)^n = λ^n I + n λ^{n-1} N + C(n,2) λ^{n-2} N² (induction step, symbolic n)",
                     dims=(3,))
    tau = sp.Symbol("tau", real=True, nonzero=True)
    for sign in (1, -1):
        tag = "plus" if sign > 0 else "minus"
        yield from _power_induction(
            f"J3-{tag}", sign * sp.eye(3) + NIL3,
            lambda j, s=sign: s ** j * (sp.eye(3) + s * j * NIL3 + j * (j - 1) / 2 * NIL3 ** 2),
            f"J_3({sign})^n = ({sign})^n (I + ({sign}) n N + C(n,2) N²)")
        yield from _power_induction(
            f"J2-{tag}", sp.Matrix([[sign, 1, 0], [0, sign, 0], [0, 0, tau]]),
            lambda j, s=sign: sp.diag(s ** j * sp.Matrix([[1, s * j], [0, 1]]), tau ** j),
            f"diag(J_2({sign}), τ)^n = diag(({sign})^n [[1, ({sign}) n], [0, 1]], τ^n) (the planar shear of "
            "Prop 5.13 with a fixed third axis)")


@dev.step(
    "remark:5.14.step-shrink", "For the Jordan types with eigenvalue ±1, B ∩ T_h^{-n} B shrinks onto a plane",
    r"y, J^n y \in B(\bar 0, \rho) \Rightarrow |y - w| \le 2\rho/n,\ w \in \mathrm{span}(e_1, e_3) "
    r"\text{ (for } J_2 \oplus \tau) \text{ or } \mathrm{span}(e_1, e_2) \text{ (for } J_3);\ "
    r"|B \cap T_h^{-n} B| \le 16 |\det P| \rho^3 / n \to 0",
    deps=["remark:5.14.step-jordan-powers", "cite:measure-linear-image", OPNORM, MONOTONE],
    cited_hypotheses={OPNORM: {"X, Y invertible": "discharged: X = P, P^{-1}, the basis change of the real Jordan form"},
                      MONOTONE: {"F, k measurable, k >= 0": "discharged: f_n measurable, weight 1"},
                      "cite:measure-linear-image": {
        "E measurable": "discharged: E is the intersection of a ball and a slab (closed)",
        "A invertible": "discharged: A = P, the basis change of the real Jordan form"}},
)
def remark_5_14_step_shrink():
    k, a, b, m, c, r = _vals("n a b m c r")
    y = vector("y", 3)
    # the statement's: n >= 1, r >= 0, y in B(0̄, r) (and J^n y in it, below); a = σ^n, m = σ n, b = τ^n, c = C(n, 2)
    # from step-jordan-powers (its obligations are the induction's base and step, not these formulas: not linked)
    common = (Assume(sp.Ge(k, 1)), Assume(sp.Ge(r, 0)), sp.Eq(a ** 2, 1), sp.Eq(m ** 2, k ** 2),
              Assume(sp.Le(norm2(y), r ** 2)))
    block2 = sp.Matrix([a * (y[0] + m * y[1]), a * y[1], b * y[2]])
    w2 = sp.Matrix([y[0], 0, y[2]])
    yield Obligation(
        "block2-slab",
        Implication(common + (sp.Eq(b ** 2, 1), Assume(sp.Le(norm2(block2), r ** 2))),
                    sp.Le(k ** 2 * norm2(y - w2), 4 * r ** 2)),
        claim="diag(J_2(σ), τ)^n y = (a (y1 + m y2), a y2, b y3), a = σ^n, m = σ n, b = τ^n, τ = ±1 "
              "(step-jordan-powers): y and J^n y in B(0̄, r) give, with the witness w = (y1, 0, y3) in the plane "
              "span(e1, e3), n² |y - w|² <= 4 r² (symbolic n)", dims=(3,))
    block3 = a * sp.Matrix([y[0] + m * y[1] + c * y[2], y[1] + m * y[2], y[2]])
    w3 = sp.Matrix([y[0], y[1], 0])
    yield Obligation(
        "block3-slab",
        Implication(common + (Assume(sp.Le(norm2(block3), r ** 2)),), sp.Le(k ** 2 * norm2(y - w3), 4 * r ** 2)),
        claim="J_3(σ)^n y = a (y1 + m y2 + c y3, y2 + m y3, y3), a = σ^n, m = σ n, c = C(n,2) "
              "(step-jordan-powers): y and J^n y in B(0̄, r) give, with the witness w = (y1, y2, 0) in the plane "
              "span(e1, e2), n² |y - w|² <= 4 r² (symbolic n)", dims=(3,))
    xp, txp, dvec, pm_, pinv = _vals("x_B Tnx_B y_minus_w P P_inv")
    sq, img = ref.HK_SQNORM, ref.IMAGE_SQNORM
    xx, tx = sq(xp), sq(txp)                                # |x|², |T_h^n x|²
    yy, jy = img(pinv, xp), img(pinv, txp)                  # |y|² = |P^{-1} x|², |J^n y|² = |P^{-1} T_h^n x|²
    dy, dx = sq(dvec), img(pm_, dvec)                       # |y - w|², |x - P w|² = |P (y - w)|²
    kap, big_k = ref.OPNORM_OF(pinv), ref.OPNORM_OF(pm_)   # κ = ||P^{-1}||, K = ||P||
    rho = kap * r
    norm_use = lambda X, u: Use(OPNORM, "norm-bound", ((ref.OPN_X, X), (ref.OPN_U, u)))
    yield Obligation(
        "basis-change",
        # n >= 1, r > 0 and x in B ∩ T_h^{-n} B are the claim's; the norms are cite:operator-norm's; the slab
        # (block2-slab / block3-slab at radius κr, over the squared norms of the named points) is not linked
        Implication((Assume(sp.Ge(k, 1)), Assume(sp.Gt(r, 0)), Assume(sp.Le(xx, r ** 2)), Assume(sp.Le(tx, r ** 2)),
                     norm_use(pinv, xp), norm_use(pinv, txp), norm_use(pm_, dvec),
                     sp.Implies(sp.And(sp.Le(yy, rho ** 2), sp.Le(jy, rho ** 2)), sp.Le(k ** 2 * dy, 4 * rho ** 2))),
                    sp.Le(k ** 2 * dx, 4 * big_k ** 2 * kap ** 2 * r ** 2)),
        claim="T_h = P J P^{-1}: x in B ∩ T_h^{-n} B (|x|² = sqnorm(x_B), |T_h^n x|² = sqnorm(Tnx_B) <= r², the claim's), "
              "y = P^{-1} x has |y|² <= κ² |x|² and |J^n y|² = |P^{-1} T_h^n x|² <= κ² |T_h^n x|² (κ = σ_max(P^{-1}), "
              "cite:operator-norm norm-bound, used); the slab (block2-slab/block3-slab at radius κr: not linked) gives "
              "n² |y - w|² <= 4 κ² r², and x - P w = P (y - w), |P(y - w)|² <= K² |y - w|² (K = σ_max(P), used): "
              "B ∩ T_h^{-n} B lies within 2 K κ r / n of the proper subspace P(plane)", dims=(3,))
    dd, big_m, det_p, box, image_box, fn = _vals("delta M detP Q_n PQ_n f_n")
    rho_s = sp.Symbol("rho", real=True)
    my, mx = ref.MEASURE_OF(box), ref.IMAGE_MEASURE_OF(box, det_p)      # |Q_n|, |P Q_n|
    integral = ref.ABS_INTEGRAL(fn)
    yield Obligation(
        "measure-and-L1",
        # n >= 1, ρ > 0, δ > 0, |χf| <= M and n large (n δ > 16 |det P| ρ³ (M + 1)) are the claim's, P invertible (the
        # real Jordan form's basis change); the box's measure and PQ_n = P Q_n (naming the image set) are not linked
        Implication((Assume(sp.Ge(k, 1)), Assume(sp.Gt(rho_s, 0)), Assume(sp.Ne(det_p, 0)), Assume(sp.Gt(dd, 0)),
                     Assume(sp.Ge(big_m, 0)), sp.Le(my * k, 16 * rho_s ** 3),
                     Use("cite:measure-linear-image", "scaling", ((ref.SET, box), (ref.DET_A, det_p))),
                     sp.Eq(ref.MEASURE_OF(image_box), mx),
                     Assume(sp.Eq(ref.BOUNDED_ON(fn, image_box, big_m), 1)),     # |f_n| <= M, supp f_n ⊆ P Q_n
                     Use(MONOTONE, "bounded-on-set-lebesgue", ((ref.MONO_F, fn), (ref.MONO_E, image_box),
                                                               (ref.MONO_M, big_m))),
                     Assume(sp.Gt(k * dd, 16 * sp.Abs(det_p) * rho_s ** 3 * (big_m + 1)))),
                    sp.Lt(integral, dd)),
        claim="in Jordan coordinates the set lies in the box Q_n = [-ρ, ρ]² × [-2ρ/n, 2ρ/n] (ρ = κ r), measure "
              "|Q_n| <= 16 ρ³/n (not linked); its image PQ_n = P Q_n has measure |det P| |Q_n| [cite:measure-linear-image, "
              "used]; f_n = χ T_h^{-n}(χ f) has |f_n| <= M (|χ f| <= M, the claim's) and support in P Q_n (basis-change, "
              "for every point): ∫|f_n| <= M |P Q_n| [cite:integral-monotone, used] < δ once n δ > 16 |det P| ρ³ (M + 1): "
              "f_n -> 0 in L^1", dims=(3,))


@dev.remark(
    "remark:5.14", "Higher dimensions: invariance only for maps conjugate to orthogonal ones (proved for N = 3)",
    r"N = 3 \text{ (the paper: 'the higher dimensional case')}:\ (42) \text{ for a semi-local, translation-covariant "
    r"} \Lambda \text{ with non-constant generator } \mu \text{ continuous on } L^1_{loc} \Rightarrow T_h "
    r"\text{ conjugate to an orthogonal matrix}",
    deps=["remark:5.14.step-types", "remark:5.14.step-orthogonal", "remark:5.14.step-jordan-powers",
          "remark:5.14.step-shrink", "prop:5.12.corrected", "prop:5.13.corrected", REAL_JORDAN, "def:5.9"],
    cited_hypotheses=REAL_JORDAN_USE,
    note="The paper states the remark for every N >= 3 without proof; the formal proof here covers N = 3 only "
         "(the Jordan types of 3x3 real matrices). The remark is read with the hypotheses of Props 5.12/5.13 "
         "(corrected): a non-constant generator continuous on L^1_loc (a constant one is invariant under every "
         "T_h). The type diag(J_2(±1), ±1) is the planar shear of Prop 5.13 (corrected) with a fixed third axis.",
)
def remark_5_14():
    kind, m1, m2, m3, d1, d2, d3, d, a, b, k_ = _vals("kind m1 m2 m3 d1 d2 d3 d a b const")
    pm = lambda v: sp.Or(sp.Eq(v, 1), sp.Eq(v, -1))
    one = lambda v: sp.Eq(v, 1)
    types, _ = _types_3d()
    diagonal, rotation = _orthogonal_forms()
    hyps = (
        Assume(sp.Ne(k_, 1)),                                         # μ non-constant (the statement's; def:5.9)
        types,            # step-types' degree-count with the cited real Jordan form (over block counts): not linked
        Use("remark:5.14.step-types", "moduli-split"),
        sp.Implies(sp.Or(sp.Ne(m1, 1), sp.Ne(m2, 1), sp.Ne(m3, 1)), one(k_)),   # prop:5.12.corrected: not linked
        sp.Implies(sp.And(sp.Eq(kind, 2), pm(d), pm(d3)), one(k_)),   # step-shrink + the argument of prop:5.12.corrected
        sp.Implies(sp.And(sp.Eq(kind, 3), pm(d)), one(k_)),           # (not linked: no obligation states them)
        Use("remark:5.14.step-orthogonal", "diagonal-orthogonal"),
        Use("remark:5.14.step-orthogonal", "rotation-block-orthogonal"),
    )
    orthogonal = sp.Or(sp.And(sp.Eq(kind, 1), _is_identity(sp.expand(diagonal.T * diagonal))),
                       sp.And(sp.Eq(kind, 4), _is_identity(sp.expand(rotation.T * rotation))))
    yield Obligation(
        "close", Implication(hyps, orthogonal),
        claim="closing (N = 3): μ is non-constant [the statement's]; the real Jordan type is 1+1+1, J_2 + 1, J_3 or "
              "C_1 + 1 with squared eigenvalue moduli m1, m2, m3 [step-types degree-count and the cited real Jordan "
              "form: not linked, degree-count speaks of block counts]; each type has a modulus off the unit circle or "
              "is in its unit case [step-types moduli-split, used]; off the circle μ is constant [Prop 5.12 corrected: "
              "not linked]; for J_2(±1) + (±1) and J_3(±1) the supports of χ T_h^{-n}(χ f) shrink to measure 0 "
              "[step-jordan-powers, step-shrink], so the argument of Prop 5.12 corrected ((44) corrected, continuity, "
              "approximation) makes μ constant [not linked]; the unit diagonal and rotation-block types have an "
              "orthogonal real Jordan form M [step-orthogonal, used]: T_h = P M P^{-1} is conjugate to an orthogonal "
              "matrix", dims=(3,))
