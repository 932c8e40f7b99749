"""Appendix A: Prop A.1 and the steps of Prop A.2 — statuses, dims, finding 5 (the index of the
radius in the Lemma 5.4 step) and deliberately wrong variants of (47) and of the radius (49)."""
from __future__ import annotations

import pytest
import sympy as sp
from paper_helpers import resolved

from developments.paper import DEVELOPMENT as dev
from developments.paper import appendix
from proofs import backends
from proofs.model import Assume, ByDefinition, Chain, Implication, Obligation, Step, Verdict
from symbolic.operators import D, conv, integral_RN, undefined
from symbolic.spaces import vector

SEED = 20201124


def discharge(ob: Obligation, seed: int = SEED):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=seed, profile="quick")


def formal(node_id: str) -> list[Obligation]:
    resolved(node_id)
    return [ob for ob in dev[node_id].obligations() if ob.backend in backends.FORMAL_BACKENDS]


def plain(payload: Implication) -> Implication:
    """A helper-built implication with its Assume/ByDefinition wrappers unwrapped (what check resolves)."""
    unwrap = (lambda h: h.relation if isinstance(h, (Assume, ByDefinition)) else h)
    return Implication(tuple(unwrap(h) for h in payload.hypotheses), payload.conclusion)


def verdicts(node_id: str) -> dict[str, Verdict]:
    return {ob.name: discharge(ob).verdict for ob in formal(node_id)}


PROVED_NODES = ["prop:A.1", "prop:A.2", "prop:A.2.step-base", "prop:A.2.step-covariance",
                "prop:A.2.step-radius-49", "prop:A.2.step-lemma-5.4-ball.corrected", "prop:A.2.step-nonlinearity"]


@pytest.mark.parametrize("node_id", PROVED_NODES)
def test_formal_obligations_proved(node_id, paper_run):
    names = {ob.name for ob in formal(node_id)}
    verdicts = paper_run.formal_verdicts(node_id)
    assert names and set(verdicts) == names, (names, verdicts)
    assert set(verdicts.values()) == {"proved"}, verdicts


def test_dims_recorded():
    assert {ob.dims for ob in formal("prop:A.1")} == {(2,), (3,)}
    assert {ob.dims for ob in formal("prop:A.2.step-covariance")} == {(2,), (3,)}
    assert {ob.dims for ob in formal("prop:A.2.step-radius-49")} == {(2,), (3,), ()}
    assert {ob.dims for ob in formal("prop:A.2.step-lemma-5.4-ball")} == {(2,), (3,)}


def test_a2_covariance_covers_one_two_and_three_channels():
    names = {ob.name for ob in formal("prop:A.2.step-covariance")}
    assert names == {f"layer-N{n}-M{m}" for n in (2, 3) for m in (1, 2, 3)}


def test_a2_covariant_clause_uses_the_step():
    """Clause 'covariant' of prop:A.2: the depth-2 covariance combines the step's layer identity (used) with the
    induction hypothesis under layer 2's integral; without either the abstraction has a model (unknown)."""
    obs = {ob.name: ob for ob in formal("prop:A.2")}
    for n in (2, 3):
        ob = obs[f"covariant-depth-2-N{n}"]
        assert ob.clause == "covariant"
        assert {(u["node"], u["obligation"]) for u in ob.uses} == {
            ("prop:A.2", f"covariant-inside-N{n}"), ("prop:A.2.step-covariance", f"layer-N{n}-M2")}
        for c in (1, 2):
            assert [u["obligation"] for u in obs[f"covariant-depth-1-c{c}-N{n}"].uses] == [f"layer-N{n}-M1"]
    ob = obs["covariant-depth-2-N2"]
    assert discharge(ob).verdict == Verdict.PROVED
    hyps = ob.payload.hypotheses
    for drop in range(len(hyps)):
        weakened = Implication(hyps[:drop] + hyps[drop + 1:], ob.payload.conclusion, opaque=True)
        assert discharge(Obligation(f"no-{drop}", weakened)).verdict == Verdict.UNKNOWN, drop


def test_finding_5_printed_radius_refuted_with_model():
    """Printed: agreement on the ball of radius r(λ^(i-1)); Lemma 5.4 gives r(λ^(i)) only."""
    obs = formal("prop:A.2.step-lemma-5.4-ball")
    outs = {ob.name: discharge(ob) for ob in obs}
    assert {o.verdict for o in outs.values()} == {Verdict.REFUTED}
    for name, out in outs.items():
        model = {k: sp.Rational(v) for k, v in out.counterexample["model"].items() if k.startswith("r_")}
        if name.startswith("from-lemma-5.4"):
            assert model["r_lambda_im1"] > model["r_lambda_i"]     # printed ball larger than the true one
        else:
            assert model["r_lambda_im1"] < model["r_lambda_i"]     # printed ball too small for Lemma 5.6


def test_finding_5_node_structure():
    printed, fixed = dev["prop:A.2.step-lemma-5.4-ball"], dev["prop:A.2.step-lemma-5.4-ball.corrected"]
    assert printed.printed and not fixed.printed and fixed.corrects == printed.id
    assert fixed.id in dev["prop:A.2"].deps and printed.id not in dev["prop:A.2"].deps


@pytest.mark.parametrize("n", [2, 3])
def test_a1_with_wrong_shift_sign_is_refuted(n):
    """(47) with λ(x + δ - u) in place of λ(x - δ - u)."""
    d, x, u = vector("delta", n), vector("x", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    start = (conv(lam) @ D(d))(f)(x)
    ys = [lim[0] for lim in start.limits]
    chain = Chain(start, (
        Step(integral_RN(f(u) * lam(x + d - u), u), "change_of_variables", by="cite:change-of-variables",
             params={"old": ys, "new": list(u), "A": sp.eye(n), "c": d}),))
    out = discharge(Obligation("wrong-47", chain, dims=(n,)))
    assert out.verdict == Verdict.REFUTED
    assert out.counterexample["step"] == 1


def test_a1_last_step_with_wrong_filter_shift_is_refuted():
    n = 2
    d, x, u = vector("delta", n), vector("x", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    chain = Chain(integral_RN(f(u) * lam(x - d - u), u), (Step(conv(D(-d)(lam))(f)(x), "definition"),))
    assert discharge(Obligation("wrong-47-end", chain, dims=(n,))).verdict == Verdict.REFUTED


@pytest.mark.parametrize("n,m", [(2, 2), (3, 3)])
def test_radius_49_with_min_is_refuted(n, m):
    prev, kern = appendix._radii("rA", m), appendix._radii("rl", m)
    wrong = plain(appendix.radius_containment(n, m, prev, kern, appendix.radius_49(prev, kern, sp.Min)))
    assert discharge(Obligation("min-49", wrong, dims=(n,))).verdict == Verdict.REFUTED


@pytest.mark.parametrize("n,m", [(2, 2), (3, 3)])
def test_radius_49_without_kernel_radius_is_refuted(n, m):
    prev, kern = appendix._radii("rA", m), appendix._radii("rl", m)
    wrong = plain(appendix.radius_containment(n, m, prev, kern, sp.Max(*prev)))
    assert discharge(Obligation("no-r-lambda", wrong, dims=(n,))).verdict == Verdict.REFUTED


def test_nonlinearity_step_needs_equal_integrals():
    """Dropping one channel's equality (Lemma 5.6 for that m) leaves the outputs unconstrained."""
    ob = plain(appendix.lipschitz_layer(2))
    weakened = type(ob)(ob.hypotheses[1:], ob.conclusion)
    assert discharge(Obligation("drop-5.6", weakened)).verdict == Verdict.REFUTED


def test_nonlinearity_step_needs_sigma_hypothesis():
    ob = plain(appendix.lipschitz_layer(2, sigma_lipschitz=False))
    assert discharge(Obligation("no-sigma", ob)).verdict == Verdict.REFUTED


@pytest.mark.parametrize("node_id", PROVED_NODES + ["prop:A.2.step-lemma-5.4-ball"])
def test_every_hypothesis_justified(node_id):
    """Issue 11: each hypothesis is the node's own (Assume) or unfolds def:cnn (ByDefinition), none unlinked."""
    for ob in formal(node_id):
        kinds = {j["kind"] for j in ob.justification}
        assert "unlinked" not in kinds, (ob.name, ob.justification)


def test_nonlinearity_step_unfolds_def_cnn():
    """The argument of σ and its Lipschitz bound come from def:cnn; the equal integrals are the step's own."""
    for ob in formal("prop:A.2.step-nonlinearity"):
        m = int(ob.name[-1])
        kinds = [(j["kind"], j.get("node")) for j in ob.justification]
        assert kinds == [("assume", None)] * m + [("definition", "def:cnn")] * 4, kinds
