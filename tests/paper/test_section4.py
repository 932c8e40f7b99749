"""Section 4 nodes: statuses observed from the backends (printed findings refuted, their
corrections proved), dims recorded, edges as the proofs cite them, and deliberately wrong
variants (a missing factor, a swapped order of operators, a wrong inequality, a missing case)
rejected."""
from __future__ import annotations

import pytest
import sympy as sp
from paper_helpers import resolved

from developments.paper import DEVELOPMENT as dev
from developments.paper import section4 as s4
from proofs import backends
from proofs.model import Chain, Identity, Implication, Obligation, Step, Verdict
from symbolic.operators import T, T_inv, conv, integral_RN, scaled, undefined
from symbolic.spaces import matrix, nonsingular, norm2, vector

SEED = 20201124
FORMAL = backends.FORMAL_BACKENDS

PROVED = [
    "lemma:4.1.corrected", "lemma:4.2.step-nonzero-response", "lemma:4.2.step-nonzero-value", "lemma:4.2.step-choose-p", "lemma:4.2.step-eq26",
    "lemma:4.2.step-eq27", "lemma:4.2.step-disjoint-supports", "lemma:4.2", "lemma:4.3.step-difference",
    "lemma:4.3.step-mollifier-form", "lemma:4.3", "prop:4.4.step-eq28.corrected", "prop:4.4.step-filter-nonzero",
    "prop:4.4.corrected", "prop:4.5.step-sup.corrected", "prop:4.5.step-same-values", "prop:4.5",
    "prop:4.6.step-support-measure", "prop:4.6", "prop:4.7.step-case-split", "prop:4.7.step-jordan-powers.corrected",
    "prop:4.7.step-hyperbolic-powers", "prop:4.7.step-iterate-30", "prop:4.7.step-shear-escape",
    "prop:4.7.step-hyperbolic-escape", "prop:4.7.step-elliptic-conjugate", "prop:4.7.step-finite-order-conjugate",
    "prop:4.7.step-ellipses", "prop:4.7.step-constant-on-ellipses", "prop:4.7.corrected",
]
# printed node -> the obligation a backend refutes (findings 1, 2, 3 and the Jordan-power sign)
REFUTED = {
    "lemma:4.1": "eq25-as-printed-N2",
    "prop:4.4.step-eq28": "eq28-as-printed-N2",
    "prop:4.4": "zero-filter-conclusion",
    "prop:4.5.step-sup": "printed-sup",
    "prop:4.7.step-jordan-powers": "J-printed-step-12",
    "prop:4.7": "printed-i-symmetric",
}


def discharge(ob: Obligation, seed: int = SEED):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=seed, profile="quick")


def formal(node_id: str) -> list[Obligation]:
    resolved(node_id)
    return [ob for ob in dev[node_id].obligations() if ob.backend in FORMAL]


def unlinked(node_id: str) -> list[tuple[str, int]]:
    """(obligation, hypothesis index) of every hypothesis nothing justifies."""
    return [(ob.name, i) for ob in formal(node_id) for i, j in enumerate(ob.justification) if j["kind"] == "unlinked"]


def by_name(node_id: str, name: str) -> Obligation:
    return next(ob for ob in formal(node_id) if ob.name == name)


@pytest.mark.parametrize("node_id", PROVED)
def test_node_obligations_proved(node_id, paper_run):
    names = {ob.name for ob in formal(node_id)}
    verdicts = paper_run.formal_verdicts(node_id)
    assert names and set(verdicts) == names, (names, verdicts)
    assert set(verdicts.values()) == {"proved"}, verdicts


@pytest.mark.parametrize("node_id,name", sorted(REFUTED.items()))
def test_printed_finding_refuted_with_counterexample(node_id, name):
    node = dev[node_id]
    assert node.printed and f"{node_id}.corrected" in dev
    assert dev[f"{node_id}.corrected"].corrects == node_id and not dev[f"{node_id}.corrected"].printed
    out = discharge(by_name(node_id, name))
    assert out.verdict == Verdict.REFUTED, out.message
    assert out.counterexample


def test_lemma_41_counterexample_has_negative_determinant():
    out = discharge(by_name("lemma:4.1", "eq25-as-printed-N2"))
    sym = out.counterexample["symbols"]

    def val(key):
        v = sym[key]
        return sp.Integer(v["int"]) if "int" in v else sp.Rational(*v["rat"])
    assert val("T_11") * val("T_22") - val("T_12") * val("T_21") < 0


def test_prop_44_reflection_counterexample():
    """The premise holds for T_h = diag(1, -1) and a symmetric filter, yet printed (29) fails."""
    assert discharge(by_name("prop:4.4", "reflection-premise")).verdict == Verdict.PROVED
    assert discharge(by_name("prop:4.4", "zero-filter-premise-N2")).verdict == Verdict.PROVED
    assert discharge(by_name("prop:4.4", "reflection-printed-29")).verdict == Verdict.REFUTED


def test_jordan_printed_power_fails_at_n2():
    assert discharge(by_name("prop:4.7.step-jordan-powers", "J-printed-n2")).verdict == Verdict.REFUTED


@pytest.mark.parametrize("node_id", ["lemma:4.1.corrected", "lemma:4.2.step-eq27", "lemma:4.2",
                                     "prop:4.4.step-eq28.corrected", "prop:4.4.corrected", "prop:4.5", "prop:4.6"])
def test_dims_cover_n2_and_n3(node_id):
    covered = {n for ob in formal(node_id) for n in ob.dims}
    assert {2, 3} <= covered


@pytest.mark.parametrize("node_id", [n for n in dev.nodes if n.startswith("prop:4.7")])
def test_plane_nodes_record_n2(node_id):
    """Plane obligations say N = 2; the scalar closings of the clauses about C say they are dimension-free."""
    assert all(ob.dims in ((2,), ()) for ob in formal(node_id))
    assert any(ob.dims == (2,) for ob in formal(node_id))


@pytest.mark.parametrize("user,deps", [
    ("lemma:4.2", {"lemma:2.6", "lemma:2.8", "lemma:4.3", "lemma:4.2.step-nonzero-response"}),
    ("lemma:4.2.step-nonzero-response", {"lemma:4.3"}),
    ("lemma:4.2.step-eq27", {"lemma:2.6", "lemma:2.8"}),
    ("prop:4.4.corrected", {"lemma:4.1.corrected", "lemma:4.2", "lemma:4.3", "prop:4.4.step-eq28.corrected"}),
    ("prop:4.5", {"prop:4.5.step-sup.corrected", "prop:4.5.step-same-values", "def:sup"}),
    ("prop:4.6", {"prop:4.6.step-support-measure", "def:support"}),
    ("prop:4.7", {"prop:4.6", "cite:HK-3.1-jordan-2d", "prop:4.7.step-case-split"}),
    ("prop:4.7.corrected", {"prop:4.6", "prop:4.7.step-iterate-30", "prop:4.7.step-constant-on-ellipses"}),
    ("lemma:4.3", {"cite:SS-ch3-thm2.3"}),
])
def test_edges_as_the_proofs_cite(user, deps):
    assert deps <= set(dev[user].deps)


def test_corrected_nodes_do_not_use_refuted_ones():
    for node_id in PROVED:
        assert not set(dev[node_id].deps) & set(REFUTED), node_id


# ---------------------------------------------------------------- wrong variants


def _lemma41_variant(start_op, factor):
    n = 2
    Tm, x, u = matrix("T", n), vector("x", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    lhs = start_op(Tm, lam)(f)(x)
    lam_h = scaled(factor(Tm.det()), T_inv(Tm)(lam))
    return Obligation("wrong", Chain(lhs, (
        Step(integral_RN(f(u) * lam(Tm * x - Tm * u) * factor(Tm.det()), u), "change_of_variables",
             by=s4.CV, params={"old": [lim[0] for lim in lhs.limits], "new": list(u), "A": Tm, "c": sp.zeros(n, 1)}),
        Step(conv(lam_h)(f)(x), "definition", by="def:conv"),
    ), assumptions=nonsingular(Tm)), dims=(n,))


def test_lemma_41_missing_factor_refuted():
    ob = _lemma41_variant(lambda Tm, lam: T_inv(Tm) @ conv(lam) @ T(Tm), lambda d: sp.Integer(1))
    assert discharge(ob).verdict == Verdict.REFUTED


def test_lemma_41_swapped_conjugation_not_proved():
    """𝒯_h Λ_λ 𝒯_h^{-1} in place of 𝒯_h^{-1} Λ_λ 𝒯_h."""
    ob = _lemma41_variant(lambda Tm, lam: T(Tm) @ conv(lam) @ T_inv(Tm), sp.Abs)
    assert discharge(ob).verdict == Verdict.REFUTED


def test_disjoint_supports_without_margin_refuted():
    """|q| > r(f) - r(λ2) is not enough for disjoint balls."""
    rf, r2, F, L, A2, B2, C2, Dt, a, b = sp.symbols("r_f r_2 F L A2 B2 C2 Dt a b", real=True)
    hyps = (rf >= 0, r2 >= 0, A2 >= 0, B2 >= 0, a >= 0, b >= 0, sp.Eq(a ** 2, A2), sp.Eq(b ** 2, B2),
            A2 * B2 - Dt ** 2 >= 0, sp.Eq(C2, A2 + B2 - 2 * Dt), C2 > (rf - r2) ** 2,
            sp.Implies(A2 > rf ** 2, sp.Eq(F, 0)), sp.Implies(B2 > r2 ** 2, sp.Eq(L, 0)))
    assert discharge(Obligation("wrong", Implication(hyps, sp.Eq(F * L, 0)))).verdict == Verdict.REFUTED


def test_witness_p_with_too_small_t_refuted():
    R, t, s = sp.symbols("R t s", real=True)
    ob = Obligation("wrong", Implication((R >= 1, s > 0, sp.Eq(t, (R + 1) / (s + 1))), t ** 2 * s > R ** 2))
    assert discharge(ob).verdict == Verdict.REFUTED


def test_case_split_without_jordan_case_refuted():
    _, _, d, _, roots, finite, _, hyperbolic, elliptic = s4._cases()
    ob = Obligation("wrong", Implication((sp.Eq(sp.Abs(d), 1), roots), sp.Or(finite, hyperbolic, elliptic)))
    assert discharge(ob).verdict == Verdict.REFUTED


def test_elliptic_condition_with_wrong_inequality_refuted():
    """|tr| <= 2 in place of |tr| < 2 admits tr^2 - 4 det = 0."""
    _, t, d, disc, *_ = s4._cases()
    ob = Obligation("wrong", Implication((sp.Eq(d, 1), sp.Abs(t) <= 2), disc < 0))
    assert discharge(ob).verdict == Verdict.REFUTED


def test_prop_46_without_nonzero_measure_refuted():
    d, di, m, mT, C = sp.symbols("d d_inv m m_T C", real=True)
    hyps = (sp.Ne(d, 0), sp.Eq(di * d, 1), m >= 0, sp.Eq(mT, sp.Abs(di) * m),
            sp.Implies(sp.Ne(C, 0), sp.Eq(mT, m)), sp.Implies(sp.Eq(C, 0), sp.Eq(m, 0)))
    assert discharge(Obligation("wrong", Implication(hyps, sp.Eq(sp.Abs(d), 1)))).verdict == Verdict.REFUTED


def test_shear_escape_without_off_line_point_refuted():
    """On the eigenline (v2 = 0) nothing escapes: λ need not vanish there."""
    n, v1, v2, R, Lx, Ln, Cn, Q = sp.symbols("n_r v1 v2 R L_x L_n C_n Q", real=True)
    hyps = (R >= 0, n >= 0, sp.Eq(v2, 0), sp.Eq(Q, (v1 + n * v2) ** 2 + v2 ** 2),
            sp.Implies(Q > R ** 2, sp.Eq(Ln, 0)), sp.Eq(Lx, Cn * Ln))
    assert discharge(Obligation("wrong", Implication(hyps, sp.Eq(Lx, 0)))).verdict == Verdict.REFUTED


def test_escape_norm_with_wrong_sign_refuted():
    n, v1, v2 = s4.N_INT, *sp.symbols("v1 v2", real=True)
    P = sp.Matrix([[1, n], [0, 1]])
    ob = Obligation("wrong", Identity(norm2(P * sp.Matrix([v1, v2])), (v1 - n * v2) ** 2 + v2 ** 2))
    assert discharge(ob).verdict == Verdict.REFUTED


def test_prop47_clause_i_antisymmetric_counterexample():
    """Clause (i) as printed ('λ symmetric') fails for C = -1: T_h = -Id and an odd filter satisfy (30)."""
    assert discharge(by_name("prop:4.7", "odd-filter-satisfies-30")).verdict == Verdict.PROVED
    out = discharge(by_name("prop:4.7", "printed-i-symmetric"))
    assert out.verdict == Verdict.REFUTED and out.counterexample
    fixed = {ob.name: discharge(ob).verdict for ob in formal("prop:4.7.corrected")}
    assert set(fixed.values()) == {Verdict.PROVED}, fixed
    assert {"finite-order-unit-C", "finite-order-symmetry", "elliptic-unit-C", "elliptic-constant"} <= set(fixed)


def test_prop47_corrected_clauses_need_their_hypotheses():
    c, pw = sp.symbols("C P", real=True)
    wrong = Implication((sp.Eq(pw, 1),), sp.Or(sp.Eq(c, 1), sp.Eq(c, -1)))      # no monotonicity of |C|^n
    assert discharge(Obligation("no-bernoulli", wrong)).verdict == Verdict.REFUTED
    ob = by_name("prop:4.7.corrected", "elliptic-constant")       # for an iterate m near y: the obligation's own
    near = next(k for k, (h, j) in enumerate(zip(ob.payload.hypotheses, ob.justification))
                if j["kind"] == "assume" and "L_y" in str(h))
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without_hypothesis(ob, near)).verdict != Verdict.PROVED


def test_prop47_clause_ii_takes_the_iterate_from_the_cited_density():
    """The iterate near y is the one the cited density provides (Skolemised), read through the continuity of λ
    along the orbit: no hypothesis is plain, and without the density or the continuity the closing fails."""
    for node in ("prop:4.7", "prop:4.7.corrected"):
        ob = by_name(node, "elliptic-dense")
        assert {("cite:HK-4.1.1-irrational-rotation", "dense"), (node, "elliptic-constant")} <= uses_of(node, ob.name)
        unlinked = [j for j in ob.justification if j["kind"] == "unlinked"]
        assert len(unlinked) == (1 if node == "prop:4.7" else 0) and ob.clause == "ii"   # continuity: not printed
        assert discharge(ob).verdict == Verdict.PROVED
        assert discharge(_without_use(ob, "dense")).verdict != Verdict.PROVED
        reading = next(k for k, j in enumerate(ob.justification) if j["kind"] == "instance")
        assert discharge(_without_hypothesis(ob, reading)).verdict != Verdict.PROVED


def test_lemma42_nonzero_response_is_lemma43_contrapositive():
    ob = by_name("lemma:4.2.step-nonzero-response", "contrapositive")
    assert uses_of("lemma:4.2.step-nonzero-response", "contrapositive") == {("lemma:4.3", "contrapositive")}
    assert discharge(ob).verdict == Verdict.PROVED
    use = next(u["hypothesis"] for u in ob.uses)
    assert discharge(_without_hypothesis(ob, use)).verdict != Verdict.PROVED      # without Lemma 4.3


def test_lemma43_needs_the_cited_convergence():
    """Without the cited L^1 limit a non-zero ||lambda||_1 is consistent with Lambda_lambda = 0."""
    for name in ("closing", "contrapositive"):
        ob = by_name("lemma:4.3", name)
        assert uses_of("lemma:4.3", name) == {("cite:SS-ch3-thm2.3", "convergence")}
        assert discharge(ob).verdict == Verdict.PROVED
        use = next(u["hypothesis"] for u in ob.uses)
        assert discharge(_without_hypothesis(ob, use)).verdict != Verdict.PROVED


def test_support_measure_uses_the_cited_measure_of_a_linear_image():
    for n in (2, 3):
        assert uses_of("prop:4.6.step-support-measure", f"measure-N{n}") == \
            {("cite:measure-linear-image", "scaling")}
    ob = by_name("prop:4.6.step-support-measure", "measure-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without_hypothesis(ob, len(ob.payload.hypotheses) - 1)).verdict != Verdict.PROVED


def test_prop47_declares_its_clauses():
    """The printed (ii) has its obligations; the corrected one's case C = -1 has none (open), so the corrected
    node is proved only once it is encoded."""
    for node_id in ("prop:4.7", "prop:4.7.corrected"):
        clauses = {c.id for c in dev[node_id].clauses}
        tagged = {ob.clause for ob in formal(node_id)}
        assert clauses == {"classification", "i", "ii"} | ({"ii-minus"} if node_id.endswith("corrected") else set())
        assert clauses - {"ii-minus"} <= tagged and "ii-minus" not in tagged, (node_id, tagged)
    assert by_name("prop:4.7", "printed-i-symmetric").clause == "i"
    assert by_name("prop:4.7.corrected", "elliptic-constant").clause == "ii"


def test_prop47_printed_clause_ii_is_not_proved_by_added_hypotheses():
    """Continuity and boundedness are the corrected statement's, not the printed one's: there they are plain."""
    for name in ("elliptic-unit-C", "elliptic-dense"):
        printed, corrected = by_name("prop:4.7", name), by_name("prop:4.7.corrected", name)
        assert sum(j["kind"] == "unlinked" for j in printed.justification) == 1, name
        assert sum(j["kind"] == "unlinked" for j in corrected.justification) == 0, name


# ---------------------------------------------------------------- every hypothesis justified (issue 11)

# nodes whose every hypothesis is the statement's own (Assume), a dependency's result (Use) or a definition unfolded
FULLY_LINKED = [
    "lemma:4.1", "lemma:4.1.corrected", "lemma:4.2.step-nonzero-value", "lemma:4.2.step-choose-p",
    "lemma:4.2.step-eq26", "lemma:4.2.step-eq27", "lemma:4.2.step-disjoint-supports", "prop:4.4",
    "prop:4.4.step-eq28", "prop:4.4.step-eq28.corrected", "prop:4.4.step-filter-nonzero", "prop:4.5.step-sup",
    "prop:4.5.step-sup.corrected", "prop:4.5.step-same-values", "prop:4.5", "prop:4.7.step-case-split",
    "prop:4.7.step-iterate-30", "prop:4.7.step-elliptic-conjugate", "prop:4.7.step-finite-order-conjugate",
    "prop:4.7.step-ellipses", "lemma:4.2.step-nonzero-response", "lemma:4.3", "prop:4.6.step-support-measure",
    "prop:4.6", "lemma:4.2",
]


@pytest.mark.parametrize("node_id", FULLY_LINKED)
def test_every_hypothesis_justified(node_id):
    assert formal(node_id) and not unlinked(node_id)


def uses_of(node_id: str, name: str) -> set[tuple[str, str]]:
    return {(u["node"], u["obligation"]) for u in by_name(node_id, name).uses}


def test_lemma42_closing_uses_eq26_and_eq27():
    for n in (2, 3):
        assert {("lemma:4.2.step-eq26", f"eq26-N{n}"), ("lemma:4.2.step-eq27", f"eq27-inverse-N{n}")} <= \
            uses_of("lemma:4.2", f"closing-N{n}")


def test_lemma42_closing_links_every_fact():
    """Every fact of the argument by contradiction is a use (the witness p, (Λ_λ2 𝒟_q f)(0̄) = 0 for a far shift q,
    (26), (27), and the f the proof picks with its non-zero value at 0̄); the far shift rests on the vanishing
    integrand and the cited integral of a function zero everywhere."""
    choose, disjoint = "lemma:4.2.step-choose-p", "lemma:4.2.step-disjoint-supports"
    for n in (2, 3):
        used = uses_of("lemma:4.2", f"closing-N{n}")
        assert {(choose, f"column-moves-N{n}"), ("lemma:4.2", f"far-shift-N{n}"),
                ("lemma:4.2.step-nonzero-value", f"witness-N{n}")} <= used
        assert {(choose, f"column-witness{j + 1}-N{n}") for j in range(n)} <= used
        assert uses_of("lemma:4.2", f"far-shift-N{n}") == {(disjoint, f"disjoint-shifted-N{n}"),
                                                           (s4.ZERO_INTEGRAL, f"vanishing-integrand-N{n}")}
        for name in (f"closing-N{n}", f"far-shift-N{n}"):
            ob = by_name("lemma:4.2", name)
            assert [j for j in ob.justification if j["kind"] == "unlinked"] == [], name
    assert s4.ZERO_INTEGRAL in dev["lemma:4.2"].deps and dev[s4.ZERO_INTEGRAL].kind.value == "cited"


def test_lemma42_witness_has_the_norm_as_its_value():
    """f = sign(λ1(-·)): (Λ_λ1 f)(0̄) = ∫ |λ1(-y)| dy = ‖λ1‖_1 (the integrands agree at every point, by a
    generalised use), so λ1 != 0 gives a non-zero value; without λ1 != 0 it does not follow."""
    node = "lemma:4.2.step-nonzero-value"
    assert uses_of(node, "witness-integral-N2") == {(node, "witness-integrand-N2"),
                                                    (s4.ZERO_INTEGRAL, "equal-integrands-N2")}
    ob = by_name(node, "witness-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    assert ob.justification[0]["kind"] == "assume"
    hyps = ob.payload.hypotheses[1:]
    assert discharge(Obligation("no-lambda1", Implication(hyps, ob.payload.conclusion, opaque=True))).verdict \
        != Verdict.PROVED


def test_lemma42_far_shift_needs_the_integral_of_zero():
    """Without the cited integral of a function zero everywhere, (Λ_λ2 𝒟_q f)(0̄) = 0 does not follow."""
    ob = by_name("lemma:4.2", "far-shift-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without_use(ob, "vanishing-integrand-N2")).verdict != Verdict.PROVED


def test_lemma42_closing_needs_the_far_shift():
    """Without (Λ_λ2 𝒟_q f)(0̄) = 0 for the far shifts q, the closing does not follow."""
    ob = by_name("lemma:4.2", "closing-N2")
    assert discharge(_without_use(ob, "far-shift-N2")).verdict != Verdict.PROVED


def _without_use(ob: Obligation, dropped: str) -> Obligation:
    """The resolved obligation without the instances of one used result (its side conditions stay proved)."""
    indices = {u["hypothesis"] for u in ob.uses if u["obligation"] == dropped}
    assert indices, (dropped, ob.uses)
    hyps = tuple(h for i, h in enumerate(ob.payload.hypotheses) if i not in indices)
    return Obligation("without", Implication(hyps, ob.payload.conclusion, opaque=True), dims=ob.dims)


def test_lemma42_closing_needs_eq26():
    ob = by_name("lemma:4.2", "closing-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without_use(ob, "eq26-N2")).verdict != Verdict.PROVED


def test_choose_p_combines_its_own_obligations():
    """The witness p = t e_j: the case split, the moved distance and the bound on t, each used by reference."""
    node = "lemma:4.2.step-choose-p"
    for n in (2, 3):
        expected = {(node, f"some-column-moves-N{n}"), (node, "witness-t")}
        expected |= {(node, f"moved-distance-column{j + 1}-N{n}") for j in range(n)}
        assert uses_of(node, f"choose-p-N{n}") == expected
    assert discharge(by_name(node, "choose-p-N2")).verdict == Verdict.PROVED


def test_disjoint_supports_needs_the_support_of_f():
    """Without supp f ⊆ B(0̄, r(f)) (the step's own hypothesis 4) the integrand need not vanish."""
    ob = by_name("lemma:4.2.step-disjoint-supports", "disjoint-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    assert ob.justification[3]["kind"] == "assume"
    hyps = ob.payload.hypotheses[:3] + ob.payload.hypotheses[4:]
    weakened = Obligation("no-supp-f", Implication(hyps, ob.payload.conclusion, opaque=True), dims=(2,))
    assert discharge(weakened).verdict != Verdict.PROVED


def _without_hypothesis(ob: Obligation, index: int) -> Obligation:
    hyps = ob.payload.hypotheses[:index] + ob.payload.hypotheses[index + 1:]
    return Obligation("without", Implication(hyps, ob.payload.conclusion, opaque=True), dims=ob.dims)


def test_filter_nonzero_needs_a_nonzero_value():
    """λ != 0 (the statement's, at a point x0) is what makes λ_h non-zero; the value identity is used."""
    ob = by_name("prop:4.4.step-filter-nonzero", "nonzero-N3")
    assert ("prop:4.4.step-filter-nonzero", "value-N3") in uses_of("prop:4.4.step-filter-nonzero", "nonzero-N3")
    assert discharge(ob).verdict == Verdict.PROVED
    assert [j["kind"] for j in ob.justification] == ["assume", "assume", "use"]
    assert discharge(_without_hypothesis(ob, 1)).verdict != Verdict.PROVED


def test_prop45_sup_norm_needs_the_sup_bound():
    """Without |λ(T_h x0)| <= sup|λ| (def:sup) nothing bounds |det T_h| from above."""
    ob = by_name("prop:4.5", "sup-norm-N2")
    assert discharge(ob).verdict == Verdict.PROVED
    index = next(i for i, j in enumerate(ob.justification) if j["kind"] == "definition")
    assert discharge(_without_hypothesis(ob, index)).verdict != Verdict.PROVED


@pytest.mark.parametrize("node, name", [("prop:4.7.step-shear-escape", "jordan-basis"),
                                        ("prop:4.7.step-hyperbolic-escape", "eigenbasis")])
def test_prop47_escape_bases_relate_their_coordinates_to_t_h(node, name):
    """The escape steps work in the coordinates v = P^{-1}x of a witness basis: T_h P = P J (or P diag(l1, l2)) and
    the coordinate that is non-zero exactly off the eigenline are proved; the other coordinate is not."""
    ob = by_name(node, name)
    assert [j for j in ob.justification if j["kind"] == "unlinked"] == []
    assert discharge(ob).verdict == Verdict.PROVED
    v1, v2 = vector("v", 2)
    swapped = ob.payload.conclusion.xreplace({sp.Ne(v1, 0): sp.Ne(v2, 0), sp.Ne(v2, 0): sp.Ne(v1, 0)})
    assert swapped != ob.payload.conclusion
    assert discharge(Obligation("other-coordinate", Implication(ob.payload.hypotheses, swapped), dims=(2,))).verdict \
        == Verdict.REFUTED


def test_prop47_closing_uses_the_case_split():
    assert {("prop:4.7.step-case-split", "exhaustive"), ("prop:4.6", "closing-N2")} <= \
        uses_of("prop:4.7.corrected", "closing")
    assert ("prop:4.6.step-support-measure", "measure-N3") in uses_of("prop:4.6", "closing-N3")
    ob = by_name("prop:4.7.corrected", "closing")
    assert discharge(ob).verdict == Verdict.PROVED
    shear = len(ob.payload.hypotheses) - 2     # Jordan blocks force m = 0: without it a shear is a counterexample
    assert "Abs(l1)" in str(ob.payload.hypotheses[shear]) and ob.justification[shear]["kind"] == "unlinked"
    assert discharge(_without_hypothesis(ob, shear)).verdict != Verdict.PROVED


def test_prop47_corrected_clause_i_is_a_chain_of_uses():
    """C = ±1 from C^n = 1 (finite-order-Cn at C_n = C^n) and the powers of |C|; the symmetry uses C = ±1. No
    hypothesis is plain: the iterate of (30) at x0 is iterate-30's induction, used under (30) along the orbit of x0
    (a schema, the statement's hypothesis), which each obligation of the chain carries."""
    node = "prop:4.7.corrected"
    assert ("prop:4.7.step-iterate-30", "iterate") in uses_of(node, "finite-order-Cn")
    assert {(node, "finite-order-Cn"), (node, "unit-powers")} <= uses_of(node, "finite-order-unit-C")
    assert (node, "finite-order-unit-C") in uses_of(node, "finite-order-symmetry")
    for name in ("finite-order-Cn", "finite-order-unit-C", "finite-order-symmetry"):
        ob = by_name(node, name)
        assert [j["kind"] for j in ob.justification if j["kind"] == "unlinked"] == [], name
        assert [str(s.formula) for s in ob.payload.schemas] == ["Eq(L_orbit(k), C*L_orbit(k + 1))"], name
        assert discharge(ob).verdict == Verdict.PROVED, name
    ob = by_name(node, "finite-order-Cn")
    use = next(u["hypothesis"] for u in ob.uses)
    assert discharge(_without_hypothesis(ob, use)).verdict != Verdict.PROVED          # without the iterate


def test_printed_prop47_has_an_obligation_for_clause_ii():
    names = {ob.name for ob in formal("prop:4.7")}
    assert {"printed-i-symmetric", "elliptic-unit-C", "elliptic-constant"} <= names
