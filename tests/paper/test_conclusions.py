"""The conclusion theorems: their obligations, the classification's wrong variants, and the
end-to-end check of the development through ``thm:6``."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from paper_helpers import resolved
from test_findings import OPEN

from developments.paper import DEVELOPMENT as dev
from developments.paper import conclusions as cc
from proofs import backends
from proofs.model import Assume, ByDefinition, Implication, Obligation, Verdict

SEED = 20201124
ROOT = Path(__file__).resolve().parents[2]
THEOREMS = ["thm:4.4-conclusion", "thm:5.6-conclusion", "thm:6"]


def discharge(ob: Obligation, seed: int = SEED):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=seed, profile="quick")


def formal(node_id: str) -> list[Obligation]:
    resolved(node_id)
    return [ob for ob in dev[node_id].obligations() if ob.backend in backends.FORMAL_BACKENDS]


def plain(payload: Implication) -> Implication:
    """A helper-built implication with its Assume/ByDefinition wrappers unwrapped (what check resolves)."""
    unwrap = (lambda h: h.relation if isinstance(h, (Assume, ByDefinition)) else h)
    return Implication(tuple(unwrap(h) for h in payload.hypotheses), payload.conclusion)


def z3(hyps, goal, name="variant"):
    return discharge(Obligation(name, Implication(tuple(hyps), goal)))


@pytest.mark.parametrize("node_id", THEOREMS)
def test_formal_obligations_proved(node_id, paper_run):
    names = {ob.name for ob in formal(node_id)}
    verdicts = paper_run.formal_verdicts(node_id)
    assert names and set(verdicts) == names, (names, verdicts)
    assert set(verdicts.values()) == {"proved"}, verdicts


def test_dims_recorded():
    assert {ob.dims for ob in formal("thm:4.4-conclusion")} == {(2,)}
    assert {ob.dims for ob in formal("thm:5.6-conclusion")} == {(2,), (3,), ()}   # () : dimension-free closing
    assert {ob.dims for ob in formal("thm:6")} == {(2,), (3,)}


def test_conclusions_rest_on_corrected_nodes_where_they_exist():
    for node_id in THEOREMS:
        for dep in dev[node_id].deps:
            assert f"{dep}.corrected" not in dev, f"{node_id} uses {dep} although {dep}.corrected exists"
    assert "prop:A.2" in dev["thm:5.6-conclusion"].deps
    assert {"thm:4.4-conclusion", "thm:5.6-conclusion"} <= set(dev["thm:6"].deps)


# ----------------------------------------------------------------- wrong variants


def test_rotation_claimed_excluded_is_refuted():
    ro, hyps = cc.rotation()
    out = z3(hyps + (cc.nonsingular(ro),), cc.classes(ro)["excluded"])
    assert out.verdict == Verdict.REFUTED


def test_shear_including_zero_is_refuted():
    """s = 0 gives Id, which is admitted: the shear claim needs s != 0."""
    sh, _ = cc.shear()
    assert z3((), cc.classes(sh)["jordan"]).verdict == Verdict.REFUTED


def test_scaling_including_unit_entries_is_refuted():
    """diag(-1, 1) is a reflection: scalings are excluded only for (a, b) != (±1, ±1)."""
    sc, _ = cc.scaling()
    out = z3((cc.nonsingular(sc),), cc.classes(sc)["excluded"])
    assert out.verdict == Verdict.REFUTED
    model = {k: sp.Rational(v) for k, v in out.counterexample["model"].items()}
    assert model["s1"] ** 2 == 1 and model["s2"] ** 2 == 1


def test_det_instead_of_abs_det_wrongly_excludes_reflections():
    """With the criterion det != 1 (instead of |det| != 1) reflections would be excluded."""
    re, hyps = cc.reflection()
    assert z3(hyps, sp.Ne(re.det(), 1)).verdict == Verdict.PROVED          # the wrong criterion fires
    assert z3(hyps, sp.Not(cc.classes(re)["excluded"])).verdict == Verdict.PROVED


def test_single_layer_closing_needs_prop_47():
    cl = cc.classes(cc.GENERIC)
    hyps = (cc.nonsingular(cc.GENERIC), sp.Not(cl["det_not_unit"]))         # Props 4.5/4.6 only
    out = z3(hyps, cl["admitted"])
    assert out.verdict == Verdict.REFUTED


def test_multi_layer_closing_needs_prop_513():
    """Eigenvalues of modulus 1 alone admit the shear [[1, 1], [0, 1]]."""
    ob = next(o for o in formal("thm:5.6-conclusion") if o.name == "eigen-real-closing")
    weakened = Implication(ob.payload.hypotheses[:-1], ob.payload.conclusion)
    assert discharge(Obligation("no-5.13", weakened)).verdict == Verdict.REFUTED


def test_shear_power_with_wrong_entry_is_refuted():
    n = sp.Symbol("n", integer=True, nonnegative=True)
    s = sp.Symbol("s", real=True)
    from proofs.model import Identity
    wrong = Identity(sp.Matrix([[1, n * s], [0, 1]]) * sp.Matrix([[1, s], [0, 1]]),
                     sp.Matrix([[1, n * s], [0, 1]]))
    assert discharge(Obligation("wrong-power", wrong)).verdict != Verdict.PROVED


def _corrected(name: str) -> Obligation:
    return next(o for o in formal(cc.NODE_CNN) if o.name == name)


def _without(ob: Obligation, drop: int) -> Obligation:
    """The resolved obligation without its hypothesis ``drop`` (integrals opaque, as check runs it)."""
    hyps = ob.payload.hypotheses
    return Obligation(f"no-{drop}", Implication(hyps[:drop] + hyps[drop + 1:], ob.payload.conclusion, opaque=True))


def test_continuity_needs_lipschitz_young_and_norms():
    """cnn-layer-continuous-M2: def:cnn twice, the integral facts and Young's inequality as stated formulas (used),
    the induction hypotheses Assume; each of the Lipschitz bound, the first channel's Young instance and its
    ‖λ_1‖_1 >= 0 is needed (without it the abstraction has a model: unknown, never proved)."""
    ob = _corrected("cnn-layer-continuous-M2")
    kinds = [j["kind"] for j in ob.justification]
    assert kinds == ["definition", "definition"] + ["use"] * 6 + ["assume"] * 2, kinds
    assert discharge(ob).verdict == Verdict.PROVED
    for drop in (1, 4, 5):                   # Lipschitz (integrated), young (channel 1), norm-nonnegative (channel 1)
        assert discharge(_without(ob, drop)).verdict == Verdict.UNKNOWN, drop


def test_stated_integral_formulas_speak_only_of_their_parameters():
    """Every function and free symbol of a formula of the new cited nodes is a parameter: nothing is a constant
    of the cited theory, so each must hold for every value of its parameters (a schema)."""
    from sympy.core.function import AppliedUndef
    for node in (cc.INTEGRAL, cc.YOUNG_INT):
        states = dev[node].states
        assert states and all(s.parameters for s in states), node
        for s in states:
            payload = s.payload
            exprs = [getattr(h, "relation", h) for h in payload.hypotheses] + [payload.conclusion]
            funcs = {a.func for e in exprs for a in e.atoms(AppliedUndef)}
            params = {p.func if isinstance(p, AppliedUndef) else p for p in s.parameters}
            assert funcs <= params, (s.name, funcs - params)
            free = {x for e in exprs for x in e.free_symbols}
            assert free <= params, (s.name, free - params)


def test_cnn_generator_continuity_printed_refuted_corrected_proved():
    """Finding: an unbounded L^1_comp filter gives a CNN whose generator is not L^1_loc-continuous."""
    printed = {ob.name: discharge(ob) for ob in formal("thm:5.6-conclusion.step-cnn-included")}
    assert printed["generator-continuous-at-0"].verdict == Verdict.REFUTED
    assert printed["generator-discontinuous-every-delta"].verdict == Verdict.PROVED      # every δ fails
    assert {printed[k].verdict for k in ("kernel-integrable", "mass-of-f-rho", "mu-of-f-rho")} == {Verdict.PROVED}
    fixed = {ob.name: discharge(ob).verdict for ob in formal("thm:5.6-conclusion.step-cnn-included.corrected")}
    assert set(fixed.values()) == {Verdict.PROVED}, fixed
    assert "thm:5.6-conclusion.step-cnn-included.corrected" in dev["thm:5.6-conclusion"].deps


def test_bounded_generator_needs_the_bound():
    """generator-continuous-at-0 (corrected): without the bounded-factor instance (∫|f||K| <= K_∞ ‖f‖) or the
    domination |μ(f) - μ(0)| <= ∫|f||K| the abstraction has a model. The bound on K and the domination are what
    other obligations of the step show layer by layer, not the statement's: plain (the node is open for them)."""
    ob = _corrected("generator-continuous-at-0")
    assert [j["kind"] for j in ob.justification] == ["assume"] * 3 + ["unlinked", "use", "unlinked"]
    assert discharge(ob).verdict == Verdict.PROVED
    for drop in (4, 5):
        assert discharge(_without(ob, drop)).verdict == Verdict.UNKNOWN, drop


def test_every_delta_refutation_needs_its_choice_of_rho():
    """The every-δ obligation uses mass-of-f-rho and mu-of-f-rho at the chosen ρ(δ) (Assume for δ > 0, μ(0) = 0 from
    def:cnn, nothing plain); with ρ free (not chosen from δ) it is no theorem: a large ρ has ‖f_ρ‖ >= δ (the
    abstraction has a model: unknown)."""
    from proofs.uses import _resolve
    node_id = "thm:5.6-conclusion.step-cnn-included"
    ob = next(o for o in formal(node_id) if o.name == "generator-discontinuous-every-delta")
    assert [j["kind"] for j in ob.justification] == ["assume", "use", "use", "definition"]
    assert discharge(ob).verdict == Verdict.PROVED
    done = {(node_id, o.name): o for o in dev[node_id].obligations()}
    free_rho = _resolve(dev, dev[node_id], cc.generator_discontinuity_every_delta(sp.Symbol("rho", real=True)), done)
    assert discharge(free_rho).verdict == Verdict.UNKNOWN


def test_printed_continuity_refutation_writes_out_the_values():
    """The refuted query (a model must refute something, so it uses nothing by reference) has no plain hypothesis:
    δ > 0 and ‖f_ρ‖ < δ are the printed claim's, μ(0) = 0 unfolds def:cnn; ‖f_ρ‖ = ρ and μ(f_ρ) = 2 are written out
    as the identities compute them."""
    ob = next(o for o in formal("thm:5.6-conclusion.step-cnn-included") if o.name == "generator-continuous-at-0")
    assert [j["kind"] for j in ob.justification] == ["assume", "definition", "assume"]
    values = {o.name: o.payload.rhs for o in formal("thm:5.6-conclusion.step-cnn-included")
              if o.name in ("mass-of-f-rho", "mu-of-f-rho")}
    assert values == {"mass-of-f-rho": cc.RHO_F, "mu-of-f-rho": 2}


def test_layer_domination_needs_lipschitz_induction_and_tonelli():
    """The resolved obligation (uses of the stated integral formulas and of tonelli-substitution instantiated,
    integrals opaque) is proved; without the Lipschitz bound, the first channel's |∫h| <= ∫|h| instance, its
    induction hypothesis (the side condition of the monotonicity it uses), that monotonicity or its Tonelli
    instance the abstraction has a model (sat of an opaque implication: unknown, never proved)."""
    ob = _corrected("layer-domination-N2-M2")
    kinds = [j["kind"] for j in ob.justification]
    assert kinds == ["definition", "definition"] + ["use", "assume", "use", "use"] * 2, kinds
    assert discharge(ob).verdict == Verdict.PROVED
    for drop in (1, 2, 3, 4, 5):
        assert discharge(_without(ob, drop)).verdict == Verdict.UNKNOWN, drop


def test_thm6_is_read_for_groups_and_waits_for_the_conclusion_theorems(paper_run):
    """Sec. 6 speaks of invariance to a group (Def. 2.5): T_h = Id, in every group, is aligned, which refutes
    only an element-by-element reading; each group has excluded elements, and the node is open exactly because
    the conclusion theorems it rests on are."""
    node = paper_run.by_id["thm:6"]
    assert node["status"] == OPEN["thm:6"] and node["printed"] and "thm:6.corrected" not in dev
    verdicts = paper_run.formal_verdicts("thm:6")
    assert verdicts["identity-aligns-N2"] == "proved" and "refuted" not in verdicts.values()
    assert {c["id"]: c["status"] for c in node["clauses"]} == {
        "translations": "proved", "affine": "proved", "scale": "proved", "shear": "proved", "invariant-only": "open"}
    assert "excluded class" in next(c["text"] for c in node["clauses"] if c["id"] == "shear")


def test_wrong_mass_of_f_rho_is_not_proved():
    r, rho, th = sp.symbols("r rho theta", positive=True)
    from proofs.model import Identity
    wrong = Identity(sp.Integral(r / (sp.pi * rho), (r, 0, rho), (th, 0, 2 * sp.pi)), rho ** 2)
    assert discharge(Obligation("wrong-mass", wrong)).verdict != Verdict.PROVED


# ----------------------------------------------------------------- end to end


def _accepted(node: dict, by_id: dict) -> bool:
    if node["status"] in ("proved", "assumed") or (node["status"] == "refuted" and dev[node["id"]].expect == "refuted"):
        return True
    fixed = by_id.get(node["id"] + ".corrected")
    return node["status"] == "refuted" and node["printed"] and fixed is not None and fixed["status"] == "proved"


def _unaccepted(summary: dict) -> dict:
    by_id = {n["id"]: n for n in summary["nodes"]}
    return {n["id"]: (n["status"], n["reason"]) for n in summary["nodes"]
            if n["kind"] in ("lemma", "proposition", "theorem", "step", "remark") and not _accepted(n, by_id)}


def test_thm6_cone_proved(paper_run):
    """Every result thm:6 rests on is proved or assumed, or one of the open nodes (test_findings.OPEN): the
    cone holds the corrections, not the printed nodes."""
    import networkx as nx

    from proofs.graph import build_graph
    cone = nx.ancestors(build_graph(dev), "thm:6") | {"thm:6"}
    by_id = paper_run.by_id
    assert {"thm:4.4-conclusion", "thm:5.6-conclusion", "prop:A.1", "prop:A.2"} <= cone
    assert "prop:A.2.step-lemma-5.4-ball" not in cone          # the printed step is outside the cone
    assert {n: by_id[n]["status"] for n in cone if by_id[n]["status"] not in ("proved", "assumed")} == {
        n: s for n, s in OPEN.items() if n in cone}


def test_check_whole_development_end_to_end(paper_run):
    """Every lemma/proposition proved, or refuted as printed with its correction proved, but for the open
    nodes (test_findings.OPEN) and the printed statements whose correction is open; exit 3 (incomplete)."""
    summary, by_id = paper_run.summary, paper_run.by_id
    waiting = {n["id"] for n in summary["nodes"] if n.get("corrects") in by_id and n["id"] in OPEN
               and by_id[n["corrects"]]["printed"]}           # an expected refutation is accepted without it
    assert set(_unaccepted(summary)) == set(OPEN) | {by_id[n]["corrects"] for n in waiting}, _unaccepted(summary)
    assert paper_run.returncode == 3 and summary["exit_code"] == 3, paper_run.stderr[-2000:]
    assert by_id["thm:5.6-conclusion.step-cnn-included"]["status"] == "refuted"          # expected: not printed
    for printed in ("prop:A.2.step-lemma-5.4-ball", "prop:4.7"):
        assert by_id[printed]["status"] == "refuted"
        assert by_id[printed + ".corrected"]["status"] == OPEN.get(printed + ".corrected", "proved")


def test_single_layer_closing_uses_props_46_and_47():
    """The closing instantiates Prop 4.6's and Prop 4.7 (corrected)'s closings. Their side conditions are all their
    hypotheses, so the closing restates them; without one of those (the escape of hyperbolic maps, which
    Prop 4.7 leaves plain) the abstraction has a model (unknown, never proved)."""
    ob = next(o for o in formal("thm:4.4-conclusion") if o.name == "closing-single-layer")
    used = {(u["node"], u["obligation"]) for u in ob.uses}
    assert {("prop:4.6", "closing-N2"), (cc.latest("prop:4.7"), "closing")} <= used, used
    assert discharge(ob).verdict == Verdict.PROVED
    k = max(i for i, j in enumerate(ob.justification) if j["kind"] == "unlinked")      # hyperbolic => m = 0
    weakened = Implication(ob.payload.hypotheses[:k] + ob.payload.hypotheses[k + 1:], ob.payload.conclusion, opaque=True)
    assert discharge(Obligation("no-hyperbolic-escape", weakened)).verdict == Verdict.UNKNOWN


@pytest.mark.parametrize("cited", [cc.INTEGRAL, cc.YOUNG_INT])
def test_integral_formulas_built_unevaluated_are_the_evaluated_ones(cited):
    """The cited integral formulas build their relations with evaluate=False (evaluating asks the integrals'
    signs, a second of the development's import); SymPy's evaluation gives each back unchanged."""
    def evaluated(rel):
        return type(rel)(*rel.args)          # a relation built again, evaluated

    relations = []
    for ob in dev[cited].states:
        relations.append(ob.payload.conclusion)
        relations += [h.relation if isinstance(h, Assume) else h for h in ob.payload.hypotheses]
    assert len(relations) >= 2 and all(isinstance(r, sp.core.relational.Relational) for r in relations)
    assert all(evaluated(r) == r for r in relations)
