"""Prop 5.12's (43) and (44) as formulas (issue 11): (43) is Def 5.3 at every point of the ball (step-43/eq43),
(44) is (43) twice and (42) along the orbit of χf, by induction (prop:5.12.corrected/orbit-invariance, eq44-N2);
the closings of prop:5.12.corrected and prop:5.12.dominated use them, and only the support of f_n in S_ε stays
plain."""
from __future__ import annotations

import pytest
from paper_helpers import resolved

from developments.paper import DEVELOPMENT as dev
from proofs import backends
from proofs.model import Implication, Induction, Obligation, Verdict

SEED = 20201124
FORMAL = backends.FORMAL_BACKENDS


def discharge(ob: Obligation):
    return backends.get(ob.backend).discharge(ob, timeout=120, seed=SEED, profile="quick")


def formal(node_id: str) -> dict[str, Obligation]:
    resolved(node_id)
    return {ob.name: ob for ob in dev[node_id].obligations() if ob.backend in FORMAL}


def _used(ob: Obligation) -> set[tuple[str, str]]:
    return {(u["node"], u["obligation"]) for u in ob.uses}


def _kinds(ob: Obligation) -> list[str]:
    return [j["kind"] for j in ob.justification]


def _use_index(ob: Obligation, name: str) -> int:
    """The position among the hypotheses of the use of obligation ``name``."""
    return next(i for i, j in enumerate(ob.justification) if j["kind"] == "use" and ob.uses[j["use"]]["obligation"] == name)


def _without(ob: Obligation, index: int) -> Obligation:
    hyps = ob.payload.hypotheses[:index] + ob.payload.hypotheses[index + 1:]
    return Obligation("weakened", Implication(hyps, ob.payload.conclusion, opaque=ob.payload.opaque), dims=ob.dims)


@pytest.mark.parametrize("n", [2, 3])
def test_eq43_is_def_53_at_every_point_of_the_ball(n):
    ob = formal("prop:5.12.step-43")[f"eq43-N{n}"]
    assert _used(ob) == {("prop:5.12.step-43", f"agree-on-ball-N{n}"), ("def:5.3", f"semilocal-N{n}")}
    assert "unlinked" not in _kinds(ob)
    assert discharge(ob).verdict == Verdict.PROVED
    semilocal = next(i for i, h in enumerate(ob.payload.hypotheses) if "semilocal_Phi" in str(h))
    assert discharge(_without(ob, semilocal)).verdict != Verdict.PROVED


def test_orbit_invariance_needs_42_along_the_orbit():
    ob = formal("prop:5.12.corrected")["orbit-invariance"]
    assert discharge(ob).verdict == Verdict.PROVED
    bare = Induction(ob.payload.variable, ob.payload.formula, (), start=ob.payload.start, opaque=True)
    assert discharge(Obligation("bare", bare, dims=ob.dims)).verdict != Verdict.PROVED


def test_eq44_is_43_twice_and_the_orbit():
    ob = formal("prop:5.12.corrected")["eq44-N2"]
    assert _used(ob) == {("prop:5.12.step-43", "eq43-N2"), ("prop:5.12.corrected", "orbit-invariance")}
    assert "unlinked" not in _kinds(ob)
    assert discharge(ob).verdict == Verdict.PROVED
    assert discharge(_without(ob, _use_index(ob, "orbit-invariance"))).verdict != Verdict.PROVED


@pytest.mark.parametrize("node_id, name", [("prop:5.12.corrected", "eq44-and-continuity"),
                                           ("prop:5.12.corrected", "approximation"),
                                           ("prop:5.12.dominated", "bounded-images"),
                                           ("prop:5.12.dominated", "approximation")])
def test_closings_leave_only_the_support_plain(node_id, name):
    ob = formal(node_id)[name]
    plain = [i for i, k in enumerate(_kinds(ob)) if k == "unlinked"]
    assert len(plain) == 1 and "bounded_by_on" in str(ob.payload.hypotheses[plain[0]])
    assert discharge(ob).verdict == Verdict.PROVED


def test_closings_use_44_and_43():
    obs = formal("prop:5.12.corrected")
    assert ("prop:5.12.corrected", "eq44-N2") in _used(obs["eq44-and-continuity"])
    assert ("prop:5.12.corrected", "eq44-and-continuity") in _used(obs["approximation"])
    dom = formal("prop:5.12.dominated")
    assert ("prop:5.12.corrected", "eq44-N2") in _used(dom["bounded-images"])
    assert {("prop:5.12.step-43", "eq43-N2"), ("prop:5.12.dominated", "bounded-images")} <= _used(dom["approximation"])
    ob = dom["approximation"]
    assert discharge(_without(ob, _use_index(ob, "eq43-N2"))).verdict != Verdict.PROVED
