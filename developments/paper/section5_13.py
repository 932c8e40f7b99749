"""Section 5.6, Proposition 5.13 and Remark 5.14: invariant features only for maps conjugate to
orthogonal ones, in the plane (the printed statement, refuted, and its corrections) and for N = 3.
Conventions as in ``section5``.
"""
from __future__ import annotations

import sympy as sp

from proofs.model import Assume, Identity, Implication, Obligation, Use
from symbolic.operators import T
from symbolic.spaces import inverse, matrix, norm2, vector

from . import references as ref
from ._dev import DEVELOPMENT as dev
from .section5 import DIMS, _invertible, _is_identity, _own, _setting, _vals
from .section5_12 import MONOTONE, OPNORM


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
