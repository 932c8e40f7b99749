"""Remark 5.14 step-shrink: the slab of basis-change is read along the orbit of x_B in the Jordan coordinates
(an induction from T_h = P J P^{-1} at every iterate), not assumed; wrong variants of the orbit are rejected."""
from __future__ import annotations

import dataclasses

import pytest
import sympy as sp
from paper_helpers import resolved

from developments.paper import DEVELOPMENT as dev
from developments.paper.section5_13 import JORDAN_COORDS, NIL3, ORBIT_COORD, SLAB_N
from proofs import backends
from proofs.model import Implication, Induction, Obligation, Verdict

NODE = "remark:5.14.step-shrink"
TYPES = ["block2-plus-plus", "block2-plus-minus", "block2-minus-plus", "block2-minus-minus", "block3-plus",
         "block3-minus"]


def discharge(ob: Obligation):
    return backends.get(ob.backend).discharge(ob, timeout=120, seed=20201124, profile="quick")


def _obligations() -> dict[str, Obligation]:
    resolved(NODE)
    return {ob.name: ob for ob in dev[NODE].obligations()}


def _kinds(ob: Obligation) -> list[str]:
    return [j["kind"] for j in ob.justification]


def test_basis_change_is_one_obligation_per_jordan_type_and_fully_linked():
    obs = _obligations()
    assert "basis-change" not in obs
    for tag in TYPES:
        for name in (f"orbit-{tag}", f"orbit-norm-{tag}", f"orbit-slab-{tag}", f"basis-change-{tag}"):
            assert "unlinked" not in _kinds(obs[name]), name
        used = {(u["node"], u["obligation"]) for u in obs[f"basis-change-{tag}"].uses}
        assert used == {(NODE, f"orbit-slab-{tag}"), ("cite:operator-norm", "norm-bound")}
        slab = f"block3-slab-{tag[7:]}" if tag.startswith("block3") else f"block2-slab-{tag[7:]}"
        assert {(u["node"], u["obligation"]) for u in obs[f"orbit-slab-{tag}"].uses} == {
            (NODE, f"orbit-norm-{tag}"), (NODE, slab)}
        assert _kinds(obs[f"basis-change-{tag}"]).count("definition") == 3
    assert JORDAN_COORDS in dev[NODE].deps
    # the one plain hypothesis left in the node is the support of f_n in P Q_n (measure-and-L1)
    plain = [(name, i) for name, ob in obs.items() if ob.backend in ("z3", "sympy")
             for i, k in enumerate(_kinds(ob)) if k == "unlinked"]
    assert [name for name, _ in plain] == ["measure-and-L1"]


@pytest.mark.parametrize("tag", ["block2-minus-minus", "block3-minus"])
def test_orbit_chain_proved(tag):
    obs = _obligations()
    for name in (f"orbit-{tag}", f"orbit-norm-{tag}", f"orbit-slab-{tag}", f"basis-change-{tag}"):
        assert discharge(obs[name]).verdict == Verdict.PROVED, name


def test_orbit_with_the_wrong_jordan_power_is_not_proved():
    """J_3(1)^n has C(n, 2) = n(n-1)/2 in its corner, not n: the induction with the corner n fails its step."""
    ob = _obligations()["orbit-block3-plus"]
    n = SLAB_N
    wrong_power = sp.eye(3) + n * NIL3 + n * NIL3 ** 2
    y0 = sp.Matrix([c(0) for c in ORBIT_COORD])
    yn = sp.Matrix([c(n) for c in ORBIT_COORD])
    wrong = sp.And(*[sp.Eq(a, b) for a, b in zip(yn, wrong_power * y0)])
    out = discharge(dataclasses.replace(ob, payload=dataclasses.replace(ob.payload, formula=wrong)))
    assert out.verdict != Verdict.PROVED


def test_orbit_without_the_jordan_type_along_the_orbit_is_not_proved():
    """Without Y(k + 1) = J Y(k) (T_h = P J P^{-1} at every iterate) nothing links Y(n) to Y(0)."""
    ob = _obligations()["orbit-block2-plus-plus"]
    payload = ob.payload
    assert isinstance(payload, Induction) and payload.schemas
    out = discharge(dataclasses.replace(ob, payload=dataclasses.replace(payload, schemas=())))
    assert out.verdict != Verdict.PROVED


def test_orbit_slab_needs_the_orbit_norm():
    """Without |Y(n)|² = |J^n y|² (orbit-norm) the slab's hypothesis on J^n y does not follow from Y(n) in B."""
    ob = _obligations()["orbit-slab-block2-plus-plus"]
    payload = ob.payload
    assert isinstance(payload, Implication)
    use = next(u["hypothesis"] for u in ob.uses if u["obligation"] == "orbit-norm-block2-plus-plus")
    hyps = payload.hypotheses[:use] + payload.hypotheses[use + 1:]
    weakened = Obligation("weakened", Implication(hyps, payload.conclusion, opaque=True, schemas=payload.schemas),
                          dims=ob.dims)
    assert discharge(weakened).verdict != Verdict.PROVED
