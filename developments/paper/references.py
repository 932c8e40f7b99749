"""Results the paper's proofs take from the literature (the cited part of the trusted base).

[12] Stein & Shakarchi, *Real Analysis* (2009); [13] Hasselblatt & Katok, *A First Course in
Dynamics* (2003). Where a proof uses a standard fact without a citation, the node says so.
Each cited node lists the hypotheses its theorem needs; every use records whether it
discharges them or carries them into its own assumptions.
"""
import sympy as sp

from proofs.model import Assume, Every, Implication, Obligation

from ._dev import DEVELOPMENT as dev

# The measure of a linear image, as the cited theory reads it: m(E) of a measurable set E (named by a real E)
# and m(A E), which the theorem says depends on A through det A only. A stated formula is not proved, so only
# its parameters E and det A may be substituted; the functions m and m_image are the theory's constants.
SET, DET_A = sp.symbols("E det_A", real=True)
MEASURE_OF, IMAGE_MEASURE_OF = sp.Function("measure", real=True), sp.Function("measure_of_image", real=True)
SUPP_LAMBDA = sp.Symbol("supp_lambda", real=True)     # names supp λ where a proof measures it


def support_measure() -> sp.Expr:
    """|supp λ|."""
    return MEASURE_OF(SUPP_LAMBDA)


def image_support_measure(det: sp.Expr) -> sp.Expr:
    """|A supp λ| for a map A of determinant ``det``."""
    return IMAGE_MEASURE_OF(SUPP_LAMBDA, det)
# K_delta * f -> f in L^1, Skolemised: for every eps > 0 the theorem provides an index n(eps) whose error
# ERR(eps) = ||K_{delta_{n(eps)}} * f - f||_1 is below eps
EPS, ERR = sp.Symbol("epsilon", real=True), sp.Function("L1_error_at_index_for", real=True)
# Absolute continuity, Skolemised: for every eps > 0 the theorem provides eta(eps) > 0 with int_E k < eps for every
# measurable E of measure < eta(eps); k >= 0 is the theory's (fixed, integrable) kernel, E a measurable set named by a real
AC_EPS, AC_SET = sp.symbols("epsilon_ac E_ac", real=True)
AC_ETA = sp.Function("absolute_continuity_eta", real=True)
KERNEL_INTEGRAL_OVER = sp.Function("kernel_integral_over", real=True)       # int_E k
# Monotonicity of the integral against the same kernel: F names a measurable function, M a real bound
MONO_F, MONO_E, MONO_M = sp.symbols("F_mono E_mono M_mono", real=True)
BOUNDED_ON = sp.Function("bounded_by_on", real=True)         # 1 when |F| <= M a.e. and F = 0 a.e. off E, else 0
KERNEL_ABS_INTEGRAL = sp.Function("kernel_abs_integral", real=True)         # int |F| k
ABS_INTEGRAL = sp.Function("abs_integral", real=True)                       # int |F| (Lebesgue measure)
# Dominated convergence, Skolemised: the theory's h_i -> h a.e. with |h_i| <= G integrable; for every eps > 0 an index
# i_0(eps) with int |h_i - h| < eps for every i >= i_0(eps)
DC_EPS, DC_I = sp.symbols("epsilon_dc i_dc", real=True)
DC_INDEX, DC_ERROR = sp.Function("dominated_index", real=True), sp.Function("dominated_error", real=True)
# Measure of a set inside a centred rectangle of R^2: S names a measurable set, a, b half side lengths
BOX_S, BOX_A, BOX_B = sp.symbols("S_box a_box b_box", real=True)
INSIDE_BOX = sp.Function("inside_box", real=True)        # 1 when S ⊆ [-a, a] x [-b, b], else 0
MEMBER = sp.Function("member", real=True)                # member(S, y1, y2) = 1: the point y lies in the set S
BOX_Y = sp.symbols("y1_box y2_box", real=True)           # a point of R^2 (the inclusion's "every point of S")
# Eventual contraction (HK 3.3) of the theory's linear map T on E^-: x names a point of R^n, t > 0 a tolerance,
# n an iterate; the E^- component x_- (along E^+ + E^0) has |x_-| <= P |x| (P the norm of that linear projection)
# The operator norm (largest singular value) of an invertible matrix X (named by a real) and |X u|^2 for a point u
OPN_X, OPN_U = sp.symbols("X_opn u_opn", real=True)
OPNORM_OF, IMAGE_SQNORM = sp.Function("sigma_max", real=True), sp.Function("sqnorm_of_image", real=True)
# Density of an irrational rotation's orbit, Skolemised: the theory's rotation R, a point u and a point w of its circle;
# orbit_gap(k) = |R^k u - w|, and for every delta > 0 the theorem provides an iterate dense_orbit_index(delta)
DENSE_DELTA = sp.Symbol("delta_dense", real=True)
DENSE_INDEX = sp.Function("dense_orbit_index", integer=True)
ORBIT_GAP = sp.Function("orbit_gap", real=True)
HK_X, HK_T, HK_N = sp.symbols("x_hk t_hk n_hk", real=True)
HK_PROJ_NORM = sp.Symbol("projection_norm", real=True)
HK_SQNORM, HK_MINUS_SQNORM = sp.Function("sqnorm", real=True), sp.Function("sqnorm_contracting_part", real=True)
HK_INDEX, HK_ITER_SQNORM = sp.Function("contraction_index", real=True), sp.Function("sqnorm_iterated_part", real=True)


dev.cited(
    "cite:change-of-variables",
    "Linear change of variables in a Lebesgue integral",
    r"\int_{\mathbb{R}^N} g(y)\,dy = \int_{\mathbb{R}^N} g(Au + c)\,|\det A|\,du "
    r"\text{ for invertible } A \in GL_N(\mathbb{R}),\ c \in \mathbb{R}^N",
    reference="Standard; used without citation in the proofs of Lemma 4.1 and Proposition A.1 "
              "(cf. [12] Stein & Shakarchi, Real Analysis, Ch. 2, Sec. 3: invariance of the "
              "Lebesgue integral under translations and linear maps)",
    hypotheses=("g integrable on R^N", "A invertible"),
)

dev.cited(
    "cite:measure-linear-image",
    "Lebesgue measure of a linear image",
    r"m(A E) = |\det A|\, m(E) \text{ for measurable } E \subseteq \mathbb{R}^N,\ A \in GL_N(\mathbb{R})",
    reference="Standard; used without citation in the proofs of Propositions 4.5 and 4.6 "
              "(cf. [12] Stein & Shakarchi, Real Analysis, Ch. 2, Sec. 3)",
    hypotheses=("E measurable", "A invertible"),
    states=[Obligation("scaling", Implication((Assume(sp.Ne(DET_A, 0)),),
                                              sp.Eq(IMAGE_MEASURE_OF(SET, DET_A), sp.Abs(DET_A) * MEASURE_OF(SET))),
                       claim="det A != 0 (A invertible): m(A E) = |det A| m(E) for E measurable of finite measure "
                             "(measure(E) = m(E), measure_of_image(E, det A) = m(A E))", parameters=(SET, DET_A))],
)

dev.cited(
    "cite:SS-ch2-ex21d",
    "Convolution with an L^1 kernel is continuous",
    r"\|f \star \lambda\|_{L^1} \le \|f\|_{L^1}\|\lambda\|_{L^1}",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 2, Exercise 21 (d)",
    hypotheses=("f integrable", "lambda integrable"),
)

dev.cited(
    "cite:SS-ch3-thm2.3",
    "Approximations to the identity converge in L^1",
    r"K_\delta \star f \to f \text{ in } L^1 \text{ as } \delta \to 0 "
    r"\text{ for an approximation to the identity } (K_\delta)",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 3, Theorem 2.3",
    hypotheses=("f integrable", "(K_delta) is an approximation to the identity (mollifiers)"),
    states=[Obligation("convergence", Implication((Assume(EPS > 0),), ERR(EPS) < EPS), parameters=(EPS,),
                       claim="for every eps > 0 an index n(eps) of the sequence K_{delta_n} (delta_n -> 0) has "
                             "||K_{delta_{n(eps)}} * f - f||_1 = L1_error_at_index_for(eps) < eps (the L^1 limit, "
                             "with the index the theorem provides named by eps)")],
)

dev.cited(
    "cite:HK-3.1-jordan-2d",
    "Classification of linear maps of the plane by Jordan form",
    r"\text{Every } T \in GL_2(\mathbb{R}) \text{ is conjugate to } "
    r"\mathrm{diag}(d_1,d_2),\ \begin{pmatrix} d & 1\\ 0 & d\end{pmatrix} \text{ or } "
    r"\rho\begin{pmatrix}\cos\phi & -\sin\phi\\ \sin\phi & \cos\phi\end{pmatrix}",
    reference="[13] Hasselblatt & Katok, A First Course in Dynamics, Chapter 3.1",
    hypotheses=("T is a real 2x2 matrix",),
)

dev.cited(
    "cite:HK-4.1.1-irrational-rotation",
    "Orbits of an irrational rotation are dense",
    r"\text{If } \phi/\pi \notin \mathbb{Q}, \text{ every orbit of the rotation by } \phi "
    r"\text{ is dense in its circle}",
    reference="[13] Hasselblatt & Katok, A First Course in Dynamics, Proposition 4.1.1",
    hypotheses=("the rotation angle is an irrational multiple of pi", "w lies on the circle of u"),
    states=[Obligation(
        "dense", Implication((), sp.And(DENSE_INDEX(DENSE_DELTA) >= 0,
                                        sp.Implies(DENSE_DELTA > 0, ORBIT_GAP(DENSE_INDEX(DENSE_DELTA)) < DENSE_DELTA))),
        parameters=(DENSE_DELTA,),
        claim="the theory's rotation R by an irrational multiple of π, a point u and a point w of its circle: for every "
              "δ > 0 an iterate dense_orbit_index(δ) = k >= 0 (an integer) with orbit_gap(k) = |R^k u - w| < δ "
              "(for δ <= 0 the index names any iterate k >= 0)")],
)

dev.cited(
    "cite:HK-3.3-contracting",
    "Linear maps are eventually contracting on their contracting subspace",
    r"\mathbb{R}^n = E^+ \oplus E^0 \oplus E^-;\ T|_{E^-} \text{ is eventually contracting, so } "
    r"T^k v \to 0 \text{ exponentially for } v \in E^-",
    reference="[13] Hasselblatt & Katok, A First Course in Dynamics, Section 3.3.3, Corollary 3.3.7, "
              "Lemma 3.3.6; Definition 2.6.11 and Corollary 2.6.13",
    hypotheses=("T is a linear map of R^n",),
    states=[Obligation(
        "contracting",
        Implication((Assume(HK_T > 0), Assume(HK_N >= HK_INDEX(HK_T))),
                    sp.And(HK_PROJ_NORM >= 0, HK_MINUS_SQNORM(HK_X) >= 0,
                           HK_MINUS_SQNORM(HK_X) <= HK_PROJ_NORM ** 2 * HK_SQNORM(HK_X),
                           HK_ITER_SQNORM(HK_X, HK_N) <= HK_T * HK_MINUS_SQNORM(HK_X))),
        parameters=(HK_X, HK_T, HK_N),
        claim="for the theory's linear map T and a point x of R^n (named by a real): sqnorm(x) = |x|^2, "
              "sqnorm_contracting_part(x) = |x_-|^2 with x_- the E^- component of x along E^+ + E^0, "
              "|x_-| <= P |x| (P = projection_norm, the norm of that linear projection); T|E^- eventually contracting, "
              "|T^n v| <= C c^n |v| (c < 1), gives for every t > 0 an index contraction_index(t) = n_0 (C^2 c^(2 n_0) <= t, "
              "independent of x) with sqnorm_iterated_part(x, n) = |T^n x_-|^2 <= t |x_-|^2 for every iterate n >= n_0")],
)

dev.cited(
    "cite:truncation-density",
    "Truncations approximate locally integrable functions",
    r"\text{For } f \in L^1_{loc} \text{ and a ball } B: \min(\max(f,-k),k)\,\chi_B \to f\chi_B "
    r"\text{ in } L^1 \text{ as } k \to \infty",
    reference="Standard (dominated convergence, [12] Stein & Shakarchi, Ch. 2, Theorem 1.13); "
              "used without citation at the end of the proof of Proposition 5.12",
    hypotheses=("f locally integrable",),
)

# The block counts of the theory's T (the real Jordan form of an N x N matrix): r_k real blocks J_k(d) of size k = 1, 2, 3,
# r_big real blocks of size >= 4 (total size s_rbig), c1 complex blocks C_1(a, b) (size 2), c_big complex blocks C_k,
# k >= 2 (total size s_cbig, each of size 2k >= 4)
JORDAN_COUNTS = sp.symbols("r1 r2 r3 r_big s_rbig c1 c_big s_cbig", integer=True)
JORDAN_N = sp.Symbol("N_dim", integer=True)


def _jordan_sizes():
    r1, r2, r3, rb, sb, c1, cb, sc = JORDAN_COUNTS
    return sp.And(*[sp.Ge(v, 0) for v in JORDAN_COUNTS], sp.Ge(sb, 4 * rb), sp.Ge(sc, 4 * cb),
                  sp.Implies(sp.Eq(rb, 0), sp.Eq(sb, 0)), sp.Implies(sp.Eq(cb, 0), sp.Eq(sc, 0)),
                  sp.Eq(r1 + 2 * r2 + 3 * r3 + sb + 2 * c1 + sc, JORDAN_N))


dev.cited(
    "cite:real-jordan-form",
    "Real Jordan normal form",
    r"T \in M_N(\mathbb{R}) \Rightarrow T = P J P^{-1},\ P \in GL_N(\mathbb{R}),\ J = \mathrm{diag}(J_1, \dots, "
    r"J_s) \text{ with real blocks } J_k(d) = dI_k + N_k \text{ (size } k\text{) and complex blocks } C_k(a, b) "
    r"\text{ (size } 2k\text{: } \begin{pmatrix} a & -b\\ b & a\end{pmatrix},\ b \neq 0, \text{ on the diagonal, "
    r"} I_2 \text{ above it) for the eigenvalues } a \pm ib;\ \textstyle\sum \text{sizes} = N",
    reference="Standard linear algebra, e.g. Horn & Johnson, Matrix Analysis (2nd ed., 2013), Section 3.4.1 "
              "(the real Jordan canonical form); cf. [13] Hasselblatt & Katok, Section 3.3, the analysis the "
              "paper points to for Remark 5.14 ('based on Jordan form of T_h')",
    hypotheses=("T is a real N x N matrix",),
    states=[Obligation(
        "block-sizes", Implication((), _jordan_sizes(), integer_symbols=(*JORDAN_COUNTS, JORDAN_N)),
        parameters=(),
        claim="the real Jordan form of the theory's T (an N x N matrix, N = N_dim) has r1, r2, r3 real blocks of sizes "
              "1, 2, 3, r_big real blocks of size >= 4 (total size s_rbig >= 4 r_big, 0 when there is none), c1 complex "
              "blocks C_1(a, b) of size 2 and c_big complex blocks C_k, k >= 2, of size 2k >= 4 (total s_cbig >= "
              "4 c_big, 0 when there is none), all counts non-negative integers, and the sizes sum to N")],
)

dev.cited(
    "cite:lebesgue-differentiation",
    "Lebesgue differentiation theorem (almost every point is a Lebesgue point)",
    r"f \in L^1_{loc}(\mathbb{R}^N) \Rightarrow \lim_{r \to 0} \frac{1}{|B(x, r)|}\int_{B(x, r)} |f(y) - f(x)|\,dy = 0 "
    r"\text{ for almost every } x",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 3, Theorem 1.4 and Corollary 1.5",
    hypotheses=("f locally integrable",),
)

dev.cited(
    "cite:measure-of-box",
    "Measure of a set inside a rectangle",
    r"S \subseteq [-a, a] \times [-b, b] \Rightarrow 0 \le m(S) \le |[-a, a] \times [-b, b]| = 4ab",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 1, Section 2 (the exterior measure of a closed "
              "rectangle is its volume, Example 4; monotonicity, Observation 1)",
    hypotheses=("S measurable",),
    states=[Obligation(
        "box-N2",
        Implication((Assume(BOX_A >= 0), Assume(BOX_B >= 0), Assume(sp.Eq(INSIDE_BOX(BOX_S, BOX_A, BOX_B), 1))),
                    sp.And(MEASURE_OF(BOX_S) >= 0, MEASURE_OF(BOX_S) <= 4 * BOX_A * BOX_B)),
        parameters=(BOX_S, BOX_A, BOX_B),
        claim="N = 2: inside_box(S, a, b) = 1 says the measurable set S (named by a real) lies in the closed rectangle "
              "[-a, a] x [-b, b]; then 0 <= measure(S) = m(S) <= (2a)(2b) = 4ab"),
        Obligation(
            "box-by-points",
            Implication((Assume(BOX_A >= 0), Assume(BOX_B >= 0),
                         Assume(Every(BOX_Y, None, sp.Implies(sp.Eq(MEMBER(BOX_S, *BOX_Y), 1),
                                                              (BOX_Y[0] ** 2 <= BOX_A ** 2) & (BOX_Y[1] ** 2 <= BOX_B ** 2))))),
                        sp.Eq(INSIDE_BOX(BOX_S, BOX_A, BOX_B), 1)),
            parameters=(BOX_S, BOX_A, BOX_B),
            claim="the inclusion itself: a set S every point y of which (member(S, y1, y2) = 1) has y1² <= a² and "
                  "y2² <= b² lies in [-a, a] x [-b, b], inside_box(S, a, b) = 1 (a, b >= 0)")],
)

dev.cited(
    "cite:absolute-continuity",
    "Absolute continuity of the Lebesgue integral",
    r"k \in L^1(\mathbb{R}^N),\ k \ge 0 \Rightarrow \forall \varepsilon > 0\ \exists \eta > 0: "
    r"|E| < \eta \Rightarrow \int_E k < \varepsilon",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 2, Proposition 1.12 (ii)",
    hypotheses=("k integrable",),
    states=[Obligation(
        "absolute-continuity",
        Implication((Assume(AC_EPS > 0),),
                    sp.And(AC_ETA(AC_EPS) > 0, KERNEL_INTEGRAL_OVER(AC_SET) >= 0,
                           sp.Implies(MEASURE_OF(AC_SET) < AC_ETA(AC_EPS), KERNEL_INTEGRAL_OVER(AC_SET) < AC_EPS))),
        parameters=(AC_EPS, AC_SET),
        claim="for every eps > 0 the theorem provides absolute_continuity_eta(eps) = eta > 0 such that every measurable "
              "E (named by a real) with measure(E) = |E| < eta has kernel_integral_over(E) = int_E k < eps; and "
              "int_E k >= 0 (k >= 0 is the theory's kernel)")],
)

dev.cited(
    "cite:integral-monotone",
    "Monotonicity of the Lebesgue integral",
    r"0 \le h_1 \le h_2 \text{ a.e.} \Rightarrow \int h_1 \le \int h_2;\ \text{so } |F| \le M \text{ a.e., } "
    r"F = 0 \text{ a.e. off } E,\ k \ge 0 \Rightarrow 0 \le \int |F|\,k \le M \int_E k",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 2, Section 1.3 (the integral of non-negative "
              "functions: monotonicity)",
    hypotheses=("F, k measurable, k >= 0",),
    states=[Obligation(
        "bounded-on-set",
        Implication((Assume(MONO_M >= 0), Assume(sp.Eq(BOUNDED_ON(MONO_F, MONO_E, MONO_M), 1))),
                    sp.And(KERNEL_ABS_INTEGRAL(MONO_F) >= 0,
                           KERNEL_ABS_INTEGRAL(MONO_F) <= MONO_M * KERNEL_INTEGRAL_OVER(MONO_E))),
        parameters=(MONO_F, MONO_E, MONO_M),
        claim="bounded_by_on(F, E, M) = 1 says |F| <= M a.e. and F = 0 a.e. off the measurable set E (of finite "
              "measure, named by a real); then "
              "0 <= |F| k <= M k 1_E a.e. (k >= 0 the theory's kernel, as in cite:absolute-continuity), so "
              "0 <= kernel_abs_integral(F) = int |F| k <= M kernel_integral_over(E) = M int_E k"),
        Obligation(
        "bounded-on-set-lebesgue",
        Implication((Assume(MONO_M >= 0), Assume(sp.Eq(BOUNDED_ON(MONO_F, MONO_E, MONO_M), 1))),
                    sp.And(MEASURE_OF(MONO_E) >= 0, ABS_INTEGRAL(MONO_F) >= 0,
                           ABS_INTEGRAL(MONO_F) <= MONO_M * MEASURE_OF(MONO_E))),
        parameters=(MONO_F, MONO_E, MONO_M),
        claim="the same with the weight 1, for E of finite measure (named by a real, as in cite:measure-linear-image): "
              "bounded_by_on(F, E, M) = 1 (|F| <= M a.e., F = 0 a.e. off E) gives "
              "0 <= |F| <= M 1_E a.e., so 0 <= abs_integral(F) = int |F| <= M measure(E) = M |E| (measure(E) >= 0 as "
              "in cite:measure-linear-image)")],
)

dev.cited(
    "cite:dominated-convergence",
    "Dominated convergence theorem",
    r"h_i \to h \text{ a.e.},\ |h_i| \le G \in L^1 \Rightarrow \int |h_i - h| \to 0",
    reference="[12] Stein & Shakarchi, Real Analysis, Chapter 2, Theorem 1.13",
    hypotheses=("h_i -> h almost everywhere", "|h_i| <= G with G integrable"),
    states=[Obligation(
        "convergence",
        Implication((Assume(DC_EPS > 0), Assume(DC_I >= DC_INDEX(DC_EPS))),
                    sp.And(DC_ERROR(DC_I) >= 0, DC_ERROR(DC_I) < DC_EPS)),
        parameters=(DC_EPS, DC_I),
        claim="int |h_i - h| -> 0 for the theory's sequence h_i -> h a.e., |h_i| <= G integrable: for every eps > 0 "
              "an index dominated_index(eps) = i_0 such that every index i >= i_0 has "
              "0 <= dominated_error(i) = int |h_i - h| < eps")],
)

dev.cited(
    "cite:operator-norm",
    "Singular values of a product",
    r"\sigma_{max}(XY) \le \sigma_{max}(X)\,\sigma_{max}(Y),\quad \sigma_{min}(XY) \ge \sigma_{min}(X)\,\sigma_{min}(Y)"
    r"\text{ for } X, Y \in GL_N(\mathbb{R});\ |Xu| \le \sigma_{max}(X)\,|u| \text{ (the definition of } "
    r"\sigma_{max}(X) = \|X\| > 0)",
    reference="Standard linear algebra (the operator norm is submultiplicative; σ_min(X) = 1/σ_max(X^{-1})), "
              "e.g. Horn & Johnson, Matrix Analysis (2nd ed., 2013), Section 5.6 and Theorem 3.3.16",
    hypotheses=("X, Y invertible",),
    states=[Obligation(
        "norm-bound",
        Implication((), sp.And(OPNORM_OF(OPN_X) > 0, HK_SQNORM(OPN_U) >= 0,
                               IMAGE_SQNORM(OPN_X, OPN_U) <= OPNORM_OF(OPN_X) ** 2 * HK_SQNORM(OPN_U))),
        parameters=(OPN_X, OPN_U),
        claim="for an invertible matrix X (named by a real) and a point u of R^N (named by a real): sigma_max(X) = ||X|| "
              "> 0 (X != 0), sqnorm(u) = |u|^2 >= 0 and sqnorm_of_image(X, u) = |X u|^2 <= sigma_max(X)^2 |u|^2")],
)
