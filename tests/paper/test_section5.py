"""Section 5 nodes: each formal obligation gets the verdict the encoding expects (printed statements and
steps that are false are refuted with a counterexample, everything else is proved), dims are recorded,
and deliberately wrong variants (a missing factor, a swapped order, a wrong inequality) are rejected."""
from __future__ import annotations

import dataclasses

import pytest
import sympy as sp
from paper_helpers import resolved
from test_findings import OPEN_CLAUSES

from developments.paper import DEVELOPMENT as dev
from proofs import backends
from proofs.model import Chain, Identity, Implication, Obligation, Step, Verdict
from symbolic.operators import T, T_inv, conv, generated, integral_RN, undefined
from symbolic.spaces import matrix, nonsingular, norm2, vector

SEED = 20201124
FORMAL = backends.FORMAL_BACKENDS

# node -> obligations expected refuted (every other formal obligation of the node must be proved)
REFUTED = {
    "remark:5.9.nonconstant": {"printed-shift-N2", "printed-shift-N3"},
    "prop:5.11": {"printed-conclusion-N2", "printed-conclusion-N3"},
    "prop:5.12": {"identity-conclusion-N2", "identity-conclusion-N3", "continuity-of-mu",
                  "printed-shrink-N2", "printed-shrink-N3", "l1loc-printed-conclusion"},
    "prop:5.13": {"printed-conclusion", "printed-conclusion-nonconstant"},
    "remark:5.8.invariant-image": {"printed-constant-N2", "printed-constant-N3"},
}
PROVED = [
    "lemma:5.1", "eq:32-34.generator", "eq:32-34.inverse", "lemma:5.2", "lemma:5.4", "lemma:5.5", "lemma:5.6",
    "prop:5.7", "lemma:5.8", "remark:5.9.nonconstant.corrected", "lemma:5.10.step-choose-p",
    "lemma:5.10.step-disjoint", "lemma:5.10", "prop:5.11.step-40", "prop:5.11.corrected", "prop:5.12.step-43",
    "prop:5.12.corrected", "prop:5.13.step-cases", "prop:5.13.step-jordan-powers", "prop:5.13.step-shear-shrink",
    "prop:5.13.corrected", "remark:5.14", "prop:5.12.step-dominated-limits", "prop:5.12.dominated",
    "remark:5.8.invariant-image.corrected", "remark:5.3.constant-output", "prop:5.13.dominated",
]
OPERATOR_NODES = ["lemma:5.1", "eq:32-34.generator", "eq:32-34.inverse", "lemma:5.2", "lemma:5.4", "lemma:5.5",
                  "lemma:5.6", "lemma:5.8", "lemma:5.10", "prop:5.11.step-40", "prop:5.12.corrected"]


def discharge(ob: Obligation, seed: int = SEED):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=seed, profile="quick")


def formal(node_id: str) -> list[Obligation]:
    resolved(node_id)
    return [ob for ob in dev[node_id].obligations() if ob.backend in FORMAL]


@pytest.mark.parametrize("node_id", PROVED)
def test_node_obligations_proved(node_id, paper_run):
    names = {ob.name for ob in formal(node_id)}
    verdicts = paper_run.formal_verdicts(node_id)
    assert names and set(verdicts) == names, (names, verdicts)
    assert set(verdicts.values()) == {"proved"}, verdicts


@pytest.mark.parametrize("node_id", sorted(REFUTED))
def test_printed_findings_refuted_with_counterexample(node_id):
    obs = formal(node_id)
    outcomes = {ob.name: discharge(ob) for ob in obs}
    refuted = {name for name, out in outcomes.items() if out.verdict == Verdict.REFUTED}
    assert refuted == REFUTED[node_id]
    assert all(outcomes[name].counterexample for name in refuted)
    rest = {name: out.verdict for name, out in outcomes.items() if name not in refuted}
    assert set(rest.values()) <= {Verdict.PROVED}, rest


@pytest.mark.parametrize("node_id", sorted(REFUTED))
def test_every_finding_has_a_corrected_node(node_id):
    fixed = dev[f"{node_id}.corrected"]
    assert fixed.corrects == node_id and not fixed.printed and dev[node_id].printed


@pytest.mark.parametrize("node_id", OPERATOR_NODES)
def test_dims_recorded_for_n2_and_n3(node_id):
    dims = {d for ob in formal(node_id) for d in ob.dims}
    assert {2, 3} <= dims


def test_printed_shrink_counterexample_is_diag_2_1_point():
    ob = next(o for o in formal("prop:5.12") if o.name == "printed-shrink-N2")
    model = discharge(ob).counterexample["model"]
    y1, r = sp.Rational(model["y_1"]), sp.Rational(model["r"])
    assert r > 0 and 16 * y1 ** 2 > r ** 2   # a point of B ∩ T^n B farther than r/4 from span(e2)


def test_dependants_use_corrected_nodes():
    for node_id in ("prop:5.11.corrected", "prop:5.13.corrected", "remark:5.14"):
        deps = set(dev[node_id].deps)
        assert not deps & set(REFUTED), (node_id, deps)
    assert "remark:5.9.nonconstant.corrected" in dev["lemma:5.10"].deps


# ----------------------------------------------------------------------------- wrong variants


def _lemma56_chain(factor, a_matrix):
    n = 2
    p, u = vector("p", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    start = conv(lam)(f)(p)
    ys = [lim[0] for lim in start.limits]
    return Obligation("variant", Chain(start, (Step(integral_RN(factor * f(p - u) * lam(u), u),
                                                    "change_of_variables", by="cite:change-of-variables",
                                                    params={"old": ys, "new": list(u), "A": a_matrix, "c": p}),)),
                      dims=(n,))


def test_lemma_56_extra_factor_is_refuted():
    assert discharge(_lemma56_chain(1, -sp.eye(2))).verdict == Verdict.PROVED
    out = discharge(_lemma56_chain(2, -sp.eye(2)))
    assert out.verdict == Verdict.REFUTED and out.counterexample


def test_lemma_56_wrong_substitution_is_not_proved():
    """y = p + u (A = Id) in place of y = p - u: the rule does not give the printed integrand. Both ends
    are equal integrals, so no counterexample exists; the backend answers unknown."""
    assert discharge(_lemma56_chain(1, sp.eye(2))).verdict == Verdict.UNKNOWN


def test_lemma_54_missing_radius_is_refuted():
    r, big = sp.symbols("r R", real=True)
    u, x = vector("u", 2), vector("x", 2)
    wrong = Implication((sp.Ge(r, 0), sp.Ge(big, 0), sp.Le(norm2(u), big ** 2), sp.Le(norm2(x), r ** 2)),
                        sp.Le(norm2(u - x), big ** 2))
    assert discharge(Obligation("wrong", wrong, dims=(2,))).verdict == Verdict.REFUTED


def test_lemma_55_radius_without_operator_norm_is_refuted():
    k, rl = sp.symbols("k r_Lambda", real=True)
    m, y, q = matrix("M", 2), vector("y", 2), vector("q", 2)
    v = y - q
    wrong = Implication((sp.Ge(k, 0), sp.Ge(rl, 0), sp.Le(norm2(v), rl ** 2), sp.Le(norm2(m * v), k ** 2 * norm2(v))),
                        sp.Le(norm2(m * y - m * q), rl ** 2))
    assert discharge(Obligation("wrong", wrong, dims=(2,))).verdict == Verdict.REFUTED


def test_lemma_510_ball_too_close_is_refuted():
    """|q| > r(Λ) + 1 without r(f): the shifted support may meet the ball."""
    rl, rf = sp.symbols("r_Lambda r_f", real=True)
    q, y = vector("q", 2), vector("y", 2)
    wrong = Implication((sp.Ge(rl, 0), sp.Ge(rf, 0), sp.Gt(norm2(q), (rl + 1) ** 2), sp.Le(norm2(y), rl ** 2)),
                        sp.Gt(norm2(y - q), rf ** 2))
    assert discharge(Obligation("wrong", wrong, dims=(2,))).verdict == Verdict.REFUTED


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_52_swapped_conjugation_is_refuted(n):
    """T_h Λ T_h^{-1} in place of T_h^{-1} Λ T_h, for Λ generated by μ(g) = g(e_1) (a shift)."""
    tm, f = matrix("T", n), undefined("f", n)
    e1 = sp.Matrix([1] + [0] * (n - 1))
    mu = lambda g: g(e1)
    lam, origin = generated(mu), sp.zeros(n, 1)
    right = Identity((T_inv(tm) @ lam @ T(tm))(f)(origin), mu(T(tm)(f)), assumptions=nonsingular(tm))
    assert discharge(Obligation("right", right, dims=(n,))).verdict == Verdict.PROVED
    wrong = Identity((T(tm) @ lam @ T_inv(tm))(f)(origin), mu(T(tm)(f)), assumptions=nonsingular(tm))
    assert discharge(Obligation("wrong", wrong, dims=(n,))).verdict == Verdict.REFUTED


def _with_conclusion(node_id: str, name: str, conclusion) -> Obligation:
    ob = next(o for o in formal(node_id) if o.name == name)
    return Obligation("wrong", Implication(ob.payload.hypotheses, conclusion, opaque=ob.payload.opaque), dims=ob.dims)


@pytest.mark.parametrize("name", ["shear-slab-plus", "shear-slab-minus-backward"])
def test_shear_slab_missing_factor_is_refuted(name):
    """The slab of half-width r/n in place of 2r/n: y = (r/2, -r/2)-like points of B ∩ J^{±n} B are farther out
    (n an integer, as the slabs read it)."""
    n, r = sp.Symbol("n", integer=True), sp.Symbol("r", real=True)
    y2 = sp.Symbol("y_2", real=True)
    out = discharge(_with_conclusion("prop:5.13.step-shear-shrink", name, sp.Le(n ** 2 * y2 ** 2, r ** 2)))
    assert out.verdict == Verdict.REFUTED and out.counterexample


def test_shear_slabs_read_the_powers_step_jordan_powers_proves():
    """Each slab's image is J^{±n} y in the closed form of step-jordan-powers (base and step proved there, negative
    powers too), with every hypothesis the statement's."""
    names = {ob.name for ob in formal("prop:5.13.step-jordan-powers")}
    assert {f"{p}{s}" for p in ("base-", "step-", "inverse-base-", "inverse-step-") for s in ("plus", "minus")} <= names
    slabs = [ob for ob in formal("prop:5.13.step-shear-shrink") if ob.name.startswith("shear-slab")]
    assert len(slabs) == 4 and all(set(_kinds_of(ob)) == {"assume"} for ob in slabs)
    # the closed form (and (±1)^(2n) = 1) holds for integer n only: the slabs' n is an integer
    assert all(s.is_integer for ob in slabs for s in ob.payload.conclusion.free_symbols if s.name == "n")
    assert "prop:5.13.step-jordan-powers" in dev["prop:5.13.step-shear-shrink"].deps


def test_jordan_minus_power_without_sign_is_refuted():
    """[[-1, 1], [0, -1]]^n = [[(-1)^n, n], [0, (-1)^n]] fails the induction step (n = 2 gives -2)."""
    k = sp.Symbol("n", integer=True, positive=True)
    jordan = sp.Matrix([[-1, 1], [0, -1]])
    power = lambda j: sp.Matrix([[(-1) ** j, j], [0, (-1) ** j]])
    out = discharge(Obligation("wrong", Identity(jordan * power(k), power(k + 1)), dims=(2,)))
    assert out.verdict != Verdict.PROVED


def test_prop_512_corrected_direction_with_printed_direction_is_refuted():
    """The corrected shrink with T_h^{+n} (the printed direction) in place of T_h^{-n}."""
    s, r = sp.symbols("s r", real=True)
    z = vector("z", 2)
    xs = sp.diag(s, 1) * z
    wrong = Implication((sp.Ge(s, 2), sp.Gt(r, 0), sp.Le(norm2(z), r ** 2), sp.Le(norm2(xs), r ** 2)),
                        sp.Le(s ** 2 * xs[0] ** 2, r ** 2))
    assert discharge(Obligation("wrong", wrong, dims=(2,))).verdict == Verdict.REFUTED


# issue 11: nodes a hypothesis of which is still unlinked (it stands for a cited result, for the Jordan powers'
# formula or for a conclusion no obligation states under its own hypotheses): unknown, every obligation proved
UNLINKED_LEFT = {"prop:5.12.corrected", "remark:5.14.step-shrink", "prop:5.13.corrected", "prop:5.13.dominated",
                 "remark:5.14"}


def _not_proved_only_for_unlinked_hypotheses(paper_run, node_id: str) -> None:
    """The node is proved, or open only because a hypothesis (its own or a dependency's) is not yet linked."""
    rec = paper_run.by_id[node_id]
    assert set(paper_run.formal_verdicts(node_id).values()) <= {"proved"}, rec["reason"]
    section5 = "/developments/paper/section5" in dev[node_id].source
    if rec["status"] == "unknown":          # another section's node: only that it is open for the same reason
        assert (("not justified" in rec["reason"] and (node_id in UNLINKED_LEFT or not section5))
                or (node_id in OPEN_CLAUSES and rec["reason"].startswith("clause "))), rec["reason"]
    elif rec["status"] == "blocked":
        for dep in dev[node_id].deps:
            if paper_run.by_id[dep]["status"] not in ("proved", "assumed"):
                _not_proved_only_for_unlinked_hypotheses(paper_run, dep)
    else:
        assert rec["status"] == "proved" and node_id not in UNLINKED_LEFT, rec["reason"]


def test_checker_statuses_in_the_whole_run(paper_run):
    """Through the checker: the printed nodes end refuted; their corrections are proved, or open only because a
    hypothesis is not yet linked (issue 11); the fully linked ones whose dependencies are proved are proved."""
    status = {n: r["status"] for n, r in paper_run.by_id.items()}
    for node_id in ("prop:5.11", "prop:5.12", "prop:5.13", "remark:5.9.nonconstant"):
        assert status[node_id] == "refuted", paper_run.by_id[node_id]["reason"]
    for node_id in ("prop:5.11.corrected", "prop:5.12.corrected", "prop:5.13.step-shear-shrink",
                    "prop:5.13.corrected", "remark:5.9.nonconstant.corrected", "remark:5.14", "prop:5.7"):
        _not_proved_only_for_unlinked_hypotheses(paper_run, node_id)
    for node_id in ("remark:5.9.nonconstant.corrected", "lemma:5.8", "lemma:5.4",
                    "lemma:5.10.step-choose-p", "lemma:5.5", "prop:5.13.step-shear-shrink"):
        assert status[node_id] == "proved", paper_run.by_id[node_id]["reason"]


# ----------------------------------------------------------------------------- Remark 5.14 (N = 3)

REMARK_514_STEPS = ["remark:5.14.step-types", "remark:5.14.step-orthogonal", "remark:5.14.step-jordan-powers",
                    "remark:5.14.step-shrink"]
NIL3 = sp.Matrix([[0, 1, 0], [0, 0, 1], [0, 0, 0]])


@pytest.mark.parametrize("node_id", REMARK_514_STEPS)
def test_remark_514_steps_proved_in_3d(node_id):
    obs = formal(node_id)
    assert obs and all(3 in ob.dims or ob.dims == (2,) for ob in obs)
    assert {discharge(ob).verdict for ob in obs} == {Verdict.PROVED}


def test_remark_514_closing_and_dependencies():
    node = dev["remark:5.14"]
    assert [ob.name for ob in formal("remark:5.14")] == ["close"]
    assert {(u["node"], u["obligation"]) for u in formal("remark:5.14")[0].uses} == {
        ("remark:5.14.step-types", "moduli-split"), ("remark:5.14.step-orthogonal", "diagonal-orthogonal"),
        ("remark:5.14.step-orthogonal", "rotation-block-orthogonal")}
    assert formal("remark:5.14")[0].dims == (3,)
    assert set(REMARK_514_STEPS) | {"prop:5.12.corrected", "prop:5.13.corrected", "cite:real-jordan-form"} \
        <= set(node.deps)
    assert "N = 3" in node.statement and "N = 3" in node.note
    assert node.cited_hypotheses["cite:real-jordan-form"]["T is a real N x N matrix"].startswith("discharged:")


def test_remark_514_through_the_checker(paper_run):
    """The steps and the remark have every obligation proved in the whole run, with N = 3 recorded; a status other
    than proved comes only from hypotheses not yet linked (issue 11)."""
    by_id = paper_run.by_id
    for node_id in REMARK_514_STEPS + ["remark:5.14"]:
        _not_proved_only_for_unlinked_hypotheses(paper_run, node_id)
    assert 3 in by_id["remark:5.14"]["dims"]


def _j3_power_obligation(sign: int, corner) -> Obligation:
    k = sp.Symbol("n", integer=True, nonnegative=True)
    jordan = sign * sp.eye(3) + NIL3
    power = lambda j: sign ** j * (sp.eye(3) + sign * j * NIL3 + corner(j) * NIL3 ** 2)
    return Obligation("variant", Identity(jordan * power(k), power(k + 1)), dims=(3,))


@pytest.mark.parametrize("sign", [1, -1])
def test_jordan3_power_with_n_in_the_corner_is_rejected(sign):
    assert discharge(_j3_power_obligation(sign, lambda j: j * (j - 1) / 2)).verdict == Verdict.PROVED
    assert discharge(_j3_power_obligation(sign, lambda j: j)).verdict != Verdict.PROVED   # unknown observed
    corner = Identity(((sign * sp.eye(3) + NIL3) ** 2)[0, 2], sign ** 2 * 2)   # the variant at n = 2
    out = discharge(Obligation("variant-n2", corner, dims=(3,)))
    assert out.verdict == Verdict.REFUTED and out.counterexample is not None


def test_jordan3_minus_power_without_the_sign_of_n_is_rejected():
    """(-I + N)^n = (-1)^n (I - nN + C(n,2) N²); (-1)^n (I + nN + C(n,2) N²) fails the induction step."""
    k = sp.Symbol("n", integer=True, nonnegative=True)
    jordan = -sp.eye(3) + NIL3
    power = lambda j: (-1) ** j * (sp.eye(3) + j * NIL3 + j * (j - 1) / 2 * NIL3 ** 2)
    assert discharge(Obligation("variant", Identity(jordan * power(k), power(k + 1)), dims=(3,))).verdict \
        != Verdict.PROVED


def _replace_conclusion(node_id: str, name: str, drop) -> Implication:
    ob = next(o for o in formal(node_id) if o.name == name)
    return Implication(ob.payload.hypotheses, drop(ob.payload.conclusion))


def test_type_split_without_the_rotation_block_type_is_refuted():
    """Dropping diag(C_1(a, b), d3) from the degree count: r1 = c1 = 1 is a counterexample."""
    def drop(concl):
        types = next(a for a in concl.args if isinstance(a, sp.Or))
        kept = [a for a in types.args if sp.Eq(sp.Symbol("c1", integer=True), 0) in a.args]
        assert len(kept) == 3
        return sp.And(*[a for a in concl.args if not isinstance(a, sp.Or)], sp.Or(*kept))
    out = discharge(Obligation("wrong", _replace_conclusion("remark:5.14.step-types", "degree-count", drop),
                               dims=(3,)))
    assert out.verdict == Verdict.REFUTED and out.counterexample


def test_type_split_ignoring_complex_blocks_of_size_4_is_refuted():
    """Without the degree count (a complex block of size 4 allowed in 3D) the split is not exhaustive."""
    from developments.paper import references as ref
    ob = next(o for o in formal("remark:5.14.step-types") if o.name == "degree-count")
    sc, cb = sp.symbols("s_cbig c_big", integer=True)
    sizes = ref._jordan_sizes().args             # what cite:real-jordan-form states (block-sizes), used there
    hyps = (sp.Eq(ref.JORDAN_N, 3),) + tuple(h for h in sizes if h != sp.Ge(sc, 4 * cb))
    assert len(hyps) == len(sizes)
    out = discharge(Obligation("wrong", Implication(hyps, ob.payload.conclusion,
                                                    integer_symbols=ob.payload.integer_symbols), dims=(3,)))
    assert out.verdict == Verdict.REFUTED


def test_moduli_split_without_the_jordan3_case_is_refuted():
    def drop(concl):
        types, cases = concl.args                       # moduli-split states types ⇒ cases
        kept = [a for a in cases.args if sp.Eq(sp.Symbol("kind", real=True), 3) not in a.args]
        assert len(kept) == len(cases.args) - 1
        return sp.Implies(types, sp.Or(*kept))
    out = discharge(Obligation("wrong", _replace_conclusion("remark:5.14.step-types", "moduli-split", drop),
                               dims=(3,)))
    assert out.verdict == Verdict.REFUTED and out.counterexample


@pytest.mark.parametrize("name", ["block3-slab-plus", "block3-slab-minus"])
def test_block3_slab_with_radius_r_over_n_is_refuted(name):
    n, r = sp.Symbol("n", integer=True), sp.Symbol("r", real=True)
    y3 = sp.Symbol("y_3", real=True)
    out = discharge(_with_conclusion("remark:5.14.step-shrink", name, sp.Le(n ** 2 * y3 ** 2, r ** 2)))
    assert out.verdict == Verdict.REFUTED


def test_remark_514_closing_without_the_jordan3_shrink_is_refuted():
    ob = formal("remark:5.14")[0]
    kind, d, mf, m0 = sp.symbols("kind d mu_f mu_0", real=True)
    shrink = sp.Implies(sp.And(sp.Eq(kind, 3), sp.Or(sp.Eq(d, 1), sp.Eq(d, -1))), sp.Eq(mf, m0))
    hyps = tuple(h for h in ob.payload.hypotheses if h != shrink)
    assert len(hyps) == len(ob.payload.hypotheses) - 1
    out = discharge(Obligation("wrong", Implication(hyps, ob.payload.conclusion), dims=(3,)))
    assert out.verdict == Verdict.REFUTED and out.counterexample


# ----------------------------------------------------------------------------- the L^1_loc-proper counterexample

L1LOC_PROVED = {"l1loc-average-transform-N2", "l1loc-covariant-N2", "l1loc-covariant-N3", "l1loc-family-invariant",
                "l1loc-invariance", "l1loc-semilocal", "l1loc-lebesgue-point-N2", "l1loc-lebesgue-point-N3",
                "l1loc-arctan-derivative", "l1loc-arctan-lipschitz", "l1loc-nonconstant",
                "l1loc-mu-discontinuous-every-delta"}


def test_ellipsoid_counterexample_properties_proved(paper_run):
    """Λ_E (arctan of the limsup of centred-ellipsoid averages) is continuous on L^1_loc, semi-local, translation
    covariant and has (42) for every T_h with μ_E non-constant: each property is a proved obligation of prop:5.12."""
    verdicts = paper_run.formal_verdicts("prop:5.12")
    assert {name: verdicts[name] for name in L1LOC_PROVED} == {name: "proved" for name in L1LOC_PROVED}
    assert verdicts["l1loc-printed-conclusion"] == "refuted"
    assert {"cite:lebesgue-differentiation", "cite:operator-norm"} <= set(dev["prop:5.12"].deps)


def test_ellipsoid_invariance_needs_both_directions():
    ob = next(o for o in formal("prop:5.12") if o.name == "l1loc-invariance").payload
    # its cited formulas make it opaque: without the other direction it is satisfiable, reported unknown
    one_way = dataclasses.replace(ob, hypotheses=ob.hypotheses[:3])              # only L(T f) <= L(f)
    assert discharge(Obligation("one-way", one_way)).verdict in (Verdict.REFUTED, Verdict.UNKNOWN)
    assert discharge(Obligation("both", ob)).verdict == Verdict.PROVED


def test_lebesgue_point_bound_needs_the_eccentricity_bound():
    ob = next(o for o in formal("prop:5.12") if o.name == "l1loc-lebesgue-point-N2").payload
    no_ecc = dataclasses.replace(ob, hypotheses=tuple(h for h in ob.hypotheses if "K*" not in str(h)))
    assert discharge(Obligation("no-eccentricity", no_ecc)).verdict in (Verdict.REFUTED, Verdict.UNKNOWN)
    assert discharge(Obligation("full", ob)).verdict == Verdict.PROVED


def test_dominated_limits_need_the_domination():
    ob = next(o for o in formal("prop:5.12.step-dominated-limits") if o.name == "L1-shrinking-supports").payload
    # the uses of cited formulas make the implication opaque: without the domination it is satisfiable, which an
    # opaque implication reports unknown (never proved)
    no_dom = dataclasses.replace(ob, hypotheses=ob.hypotheses[:-1])
    assert discharge(Obligation("no-domination", no_dom)).verdict in (Verdict.REFUTED, Verdict.UNKNOWN)
    assert discharge(Obligation("with-domination", ob)).verdict == Verdict.PROVED
    assert {"prop:5.12.corrected", "prop:5.12.step-dominated-limits"} <= set(dev["prop:5.12.dominated"].deps)


# ----------------------------------------------------------------------------- issue 11: every hypothesis justified

# nodes whose every hypothesis is the node's own (Assume), a dependency's result (Use) or a definition (ByDefinition)
FULLY_LINKED = [
    "lemma:5.1", "eq:32-34.generator", "eq:32-34.inverse", "lemma:5.2", "lemma:5.4", "lemma:5.6",
    "prop:5.7", "lemma:5.8", "remark:5.8.invariant-image.corrected", "remark:5.9.nonconstant",
    "remark:5.9.nonconstant.corrected", "lemma:5.10.step-choose-p", "lemma:5.10.step-disjoint",
    "prop:5.11.step-40", "prop:5.11", "prop:5.12.step-43", "prop:5.13.step-cases", "prop:5.13.step-jordan-powers",
    "remark:5.14.step-orthogonal", "remark:5.14.step-jordan-powers", "remark:5.3.constant-output",
    "remark:5.8.invariant-image", "prop:5.12.step-dominated-limits", "remark:5.14.step-types",
    "lemma:5.5", "prop:5.13.step-shear-shrink", "lemma:5.10", "prop:5.11.corrected",
]


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_55_reads_def_53_at_the_conjugate_point_from_the_agreement_on_the_image_ball(n):
    """Def 5.3 (its stated formula) at T_h p needs T_h f_1 = T_h f_2 at every point of B(T_h p, r(Λ)): the
    generalisation of agree-on-image-ball, which reads the statement's agreement on B(p, k r(Λ)) and the bound
    |T_h^{-1} v| <= k |v| at the points it needs."""
    ob = next(o for o in formal("lemma:5.5") if o.name == f"close-N{n}")
    assert "unlinked" not in _kinds_of(ob), _kinds_of(ob)
    general = [(u["node"], u["obligation"]) for u in ob.uses if "schema" in u]
    assert general == [("lemma:5.5", f"agree-on-image-ball-N{n}")], ob.uses
    assert ("def:5.3", f"semilocal-N{n}") in {(u["node"], u["obligation"]) for u in ob.uses}
    assert _kinds("lemma:5.5")[f"agree-on-image-ball-N{n}"].count("instance") == 2


def test_the_shear_slab_inclusion_generalises_shear_slab_over_the_points_of_the_slab():
    """B ∩ J^{±n} B inside the rectangle is shear-slab at every point of it: a generalised use, which the cited
    inclusion (box-by-points) is stated under."""
    kinds = _kinds("prop:5.13.step-shear-shrink")
    measures = [name for name in kinds if name.startswith("shear-measure-")]
    assert len(measures) == 4 and all("unlinked" not in k for k in kinds.values()), kinds
    for name in measures:
        ob = next(o for o in formal("prop:5.13.step-shear-shrink") if o.name == name)
        tag = name.removeprefix("shear-measure-")
        assert [(u["obligation"], "schema" in u) for u in ob.uses] == [
            (f"slab-points-{tag}", True), ("box-by-points", False), ("box-N2", False)], ob.uses
def _kinds_of(ob: Obligation) -> list:
    return [j["kind"] for j in ob.justification]


def _kinds(node_id: str) -> dict[str, list]:
    return {ob.name: _kinds_of(ob) for ob in formal(node_id)}


@pytest.mark.parametrize("node_id", FULLY_LINKED)
def test_every_hypothesis_justified(node_id):
    for name, kinds in _kinds(node_id).items():
        assert "unlinked" not in kinds, (name, kinds)


def _used(node_id: str, name: str) -> set[tuple[str, str]]:
    ob = next(o for o in formal(node_id) if o.name == name)
    return {(u["node"], u["obligation"]) for u in ob.uses}


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_510_closing_uses_its_steps_and_the_nonconstancy_remark(n):
    """A proof by cases: T_h = Id, or a column e_j of T_h^{-1} - Id is not 0 (column-N, assuming T_h != Id); then the
    point p of of-map-e_j is far enough, and far (assuming that bound) is Def 5.3 at 0̄ on D_q g and 0."""
    assert _used("lemma:5.10", f"close-N{n}") == {
        ("remark:5.9.nonconstant.corrected", f"close-N{n}"), ("lemma:5.10", f"eq38-N{n}"),
        ("lemma:5.10", f"eq39-N{n}"), ("lemma:5.10", f"at-zero-N{n}"), ("lemma:5.10.step-choose-p", f"column-N{n}"),
        ("lemma:5.10", f"far-N{n}"), *{("lemma:5.10.step-choose-p", f"of-map-e{j}-N{n}") for j in range(1, n + 1)},
        ("lemma:5.10", f"truncation-N{n}"), ("def:5.3", f"semilocal-mu-N{n}")}
    ob = next(o for o in formal("lemma:5.10") if o.name == f"close-N{n}")
    assert {"assume", "use"} == {j["kind"] for j in ob.justification}
    # no support of the witness assumed: the one schema is the truncation's, proved (a generalised use)
    assert [u["obligation"] for u in ob.uses if "schema" in u] == [f"truncation-N{n}"]
    assert len(ob.payload.schemas) == 1
    cases = [u for u in ob.uses if "assuming" in u]
    assert [u["obligation"] for u in cases] == [f"column-N{n}"] + [f"far-N{n}"] * n, cases
    assert _used("lemma:5.10", f"far-N{n}") == {("lemma:5.10", f"vanish-N{n}"), ("def:5.3", f"semilocal-mu2-N{n}")}
    far = next(o for o in formal("lemma:5.10") if o.name == f"far-N{n}")
    assert [u["obligation"] for u in far.uses if "schema" in u] == [f"vanish-N{n}"]
    assert _kinds("lemma:5.10")[f"vanish-N{n}"].count("instance") == 0     # f~ vanishes off its cube as written


def test_lemma_510_conjugate_reads_def_53_for_the_conjugated_operator():
    """μ2 = μ∘T_S: Def 5.3 is read for Λ_μ at 0̄ on T_S D_q g, which vanishes on B(0̄, r(Λ_μ)) since |T_S^{-1} y| <= k|y|."""
    assert _used("lemma:5.10", "far-conjugate-N2") == {("lemma:5.10", "vanish-conjugate-N2"),
                                                        ("def:5.3", "semilocal-mu-N2")}
    assert _used("lemma:5.10", "vanish-conjugate-N2") == {("lemma:5.10", "bounded"),
                                                           ("lemma:5.10.step-disjoint", "disjoint-N2")}
    assert _kinds("lemma:5.10")["vanish-conjugate-N2"].count("instance") == 1      # the bound at y
    assert ("lemma:5.10", "far-conjugate-N2") in _used("lemma:5.10", "close-conjugate-N2")


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_55_close_generated_reads_def_53_for_the_generated_operator(n):
    assert _used("lemma:5.5", f"close-generated-N{n}") == {("lemma:5.5", f"agree-on-image-ball-N{n}"),
                                                            ("def:5.3", f"semilocal-mu-N{n}")}


@pytest.mark.parametrize("node_id,name,used", [
    ("lemma:5.8", "close-N2", {("lemma:5.8", "lhs-at-0-N2"), ("lemma:5.8", "rhs-at-0-N2")}),
    ("lemma:5.4", "close-N3", {("lemma:5.4", "covariance-N3")}),
    ("lemma:5.5", "close-N3", {("lemma:5.5", "conjugate-at-p-N3"), ("lemma:5.5", "agree-on-image-ball-N3"),
                               ("def:5.3", "semilocal-N3")}),
    ("eq:32-34.inverse", "Lambda_mu_Lambda-close-N2",
     {("eq:32-34.inverse", "Lambda_mu_Lambda-N2"), ("eq:32-34.generator", "eq33-close-N2")}),
    ("prop:5.12.corrected", "inverse-invariance-N3", {("prop:5.12.corrected", "inverse-map-N3")}),
    ("lemma:5.4", "shifted-ball-N3", {("lemma:5.4", "shifted-ball-lagrange-N3"),
                                      ("lemma:5.4", "shifted-ball-cauchy-schwarz-N3"), ("lemma:5.4", "shifted-ball-reals")}),
])
def test_closings_use_what_their_steps_prove(node_id, name, used):
    assert _used(node_id, name) == used


def test_prop_511_corrected_uses_lemma_510_for_the_conjugate():
    assert _used("prop:5.11.corrected", "close-N2") == {("lemma:5.10", "close-conjugate-N2")}
    ob = next(o for o in formal("prop:5.11.corrected") if o.name == "close-N2")
    assert "unlinked" not in _kinds_of(ob)
    assert discharge(ob).verdict == Verdict.PROVED
    assert _used("prop:5.11.corrected", "far-N3") == {("lemma:5.10", "vanish-N3"), ("lemma:5.5", "close-generated-N3")}


def _without(node_id: str, name: str, index: int) -> Obligation:
    ob = next(o for o in formal(node_id) if o.name == name)
    hyps = ob.payload.hypotheses[:index] + ob.payload.hypotheses[index + 1:]
    return Obligation("weakened", Implication(hyps, ob.payload.conclusion, opaque=ob.payload.opaque), dims=ob.dims)


def test_lemma_58_closing_needs_the_premise():
    """Without (36) at 0̄ the used identities say nothing about μ(T_h f) = μ(f)."""
    ob = next(o for o in formal("lemma:5.8") if o.name == "close-N2")
    index = next(i for i, j in enumerate(ob.justification) if j["kind"] == "assume" and i > 0)
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without("lemma:5.8", "close-N2", index)).verdict != Verdict.PROVED


def _use_index(ob: Obligation, obligation: str) -> int:
    """The position among the hypotheses of the first use of ``obligation``."""
    return next(i for i, j in enumerate(ob.justification)
                if j["kind"] == "use" and ob.uses[j["use"]]["obligation"] == obligation)


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_510_closing_needs_semilocality_and_nonconstancy(n):
    """Def 5.3 for Λ_μ2 (far), the non-constancy of Λ_μ1 and its truncation (Def 5.3 for Λ_μ1 at x on f~ and f):
    without any of them the closing is not proved."""
    ob = next(o for o in formal("lemma:5.10") if o.name == f"close-N{n}")
    semi = _use_index(ob, f"far-N{n}")                       # Def 5.3 in the case of the first column
    truncation = _use_index(ob, f"semilocal-mu-N{n}")        # (Λ_μ1 f~)(x) = (Λ_μ1 f)(x)
    nonconstant = next(i for i, (j, h) in enumerate(zip(ob.justification, ob.payload.hypotheses))
                       if j["kind"] == "assume" and isinstance(h, sp.Ne) and h.atoms(sp.Lambda))
    for index in (semi, truncation, nonconstant):
        assert discharge(_without("lemma:5.10", f"close-N{n}", index)).verdict != Verdict.PROVED, index


@pytest.mark.parametrize("node_id", ["prop:5.11", "prop:5.11.corrected"])
@pytest.mark.parametrize("n", [2, 3])
def test_prop_511_invariant_clause_uses_lemma_58(node_id, n):
    """The clause μ(𝒯_h f) = μ(f): the premise at 0̄ is Lemma 5.8's premise at 0̄ (true as printed, too)."""
    ob = next(o for o in formal(node_id) if o.name == f"invariant-N{n}")
    assert ob.clause == "invariant" and _used(node_id, ob.name) == {("lemma:5.8", f"close-N{n}")}
    assert "unlinked" not in _kinds_of(ob) and discharge(ob).verdict == Verdict.PROVED
    premise = next(i for i, j in enumerate(ob.justification) if j["kind"] == "assume" and i >= 2)
    assert discharge(_without(node_id, ob.name, premise)).verdict != Verdict.PROVED


def test_prop_511_corrected_closing_n3_needs_semilocality_and_nonconstancy():
    ob = next(o for o in formal("prop:5.11.corrected") if o.name == "close-N3")
    assert "unlinked" not in _kinds_of(ob) and discharge(ob).verdict == Verdict.PROVED
    semi = _use_index(ob, "far-N3")
    truncation = _use_index(ob, "semilocal-mu-N3")          # (Λ_μ f~)(x) = (Λ_μ f)(x), Def 5.3 at x
    nonconstant = next(i for i, h in enumerate(ob.payload.hypotheses) if isinstance(h, sp.Ne) and h.atoms(sp.Lambda))
    assert [u["obligation"] for u in ob.uses if "schema" in u] == ["truncation-N3"]
    for index in (semi, truncation, nonconstant):
        assert discharge(_without("prop:5.11.corrected", "close-N3", index)).verdict != Verdict.PROVED, index


@pytest.mark.parametrize("node_id", ["prop:5.13.corrected", "prop:5.13.dominated"])
def test_prop_513_closings_use_the_case_split_and_the_conjugating_bases(node_id):
    """Over T_h's entries, eigenvalues and μ(f), μ(0): step-cases' case split and witness bases are used; only the
    conclusions of Prop 5.12 and of the shear argument stay plain (no obligation states them)."""
    ob = next(o for o in formal(node_id) if o.name == "close")
    assert _used(node_id, "close") == {("prop:5.13.step-cases", "exhaustive-cases"),
                                        ("prop:5.13.step-cases", "elliptic-rotation"),
                                        ("prop:5.13.step-cases", "reflection-basis")}
    kinds = _kinds_of(ob)
    assert kinds.count("unlinked") == 2 and "definition" in kinds
    assert discharge(ob).verdict == Verdict.PROVED
    nonconstant = kinds.index("assume")
    for index in (nonconstant, *[i for i, k in enumerate(kinds) if k == "unlinked"]):
        assert discharge(_without(node_id, "close", index)).verdict != Verdict.PROVED, index


def test_remark_514_measure_uses_the_box_and_the_image_measure():
    """The box, the image measure and the monotone integral are used; the one plain hypothesis of measure-and-L1
    is bounded_by_on(f_n, PQ_n, M) = 1, whose support part (supp f_n ⊆ P Q_n) no obligation states (as in
    prop:5.12.corrected/measure-and-L1), and without which the bound does not follow."""
    assert _used("remark:5.14.step-shrink", "measure-and-L1") == {
        ("cite:measure-of-box-3d", "box-N3"), ("cite:measure-linear-image", "scaling"),
        ("cite:integral-monotone", "bounded-on-set-lebesgue")}
    kinds = _kinds("remark:5.14.step-shrink")
    basis = [k for k in kinds if k.startswith("basis-change-")]
    assert kinds["measure-and-L1"].count("unlinked") == 1 and basis and all("unlinked" not in kinds[k] for k in basis)
    ob = next(o for o in formal("remark:5.14.step-shrink") if o.name == "measure-and-L1")
    plain = kinds["measure-and-L1"].index("unlinked")
    assert "bounded_by_on(f_n, PQ_n, M)" in str(ob.payload.hypotheses[plain])
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without("remark:5.14.step-shrink", "measure-and-L1", plain)).verdict != Verdict.PROVED

