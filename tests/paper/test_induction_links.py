"""The paper's facts proved by induction and used for a symbolic n: Bernoulli's inequality in Prop 4.7's
hyperbolic escape, the powers of |C| in its clause (i); each use is needed, and the uses are what the kernel
accepts in the whole run."""
from __future__ import annotations

from dataclasses import replace

import pytest
from paper_helpers import resolved

from developments.paper import DEVELOPMENT as dev
from proofs import backends
from proofs.model import Induction, Obligation, Verdict

HYPERBOLIC, CORRECTED = "prop:4.7.step-hyperbolic-escape", "prop:4.7.corrected"


def _ob(node_id: str, name: str) -> Obligation:
    resolved(node_id)
    return next(ob for ob in dev[node_id].obligations() if ob.name == name)


def _discharge(ob: Obligation):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=0, profile="quick")


@pytest.mark.timeout(300)
@pytest.mark.parametrize("node_id, induction, user", [(HYPERBOLIC, "bernoulli", "escape"),
                                                      (CORRECTED, "unit-powers", "finite-order-unit-C")])
def test_the_induction_is_proved_and_its_use_is_needed(node_id, induction, user):
    ob = _ob(node_id, induction)
    assert isinstance(ob.payload, Induction) and _discharge(ob).verdict == Verdict.PROVED
    closing = _ob(node_id, user)
    assert (node_id, induction) in {(u["node"], u["obligation"]) for u in closing.uses}
    assert _discharge(closing).verdict == Verdict.PROVED
    k = next(j["use"] for j in closing.justification if j.get("kind") == "use")
    index = closing.uses[k]["hypothesis"]
    hypotheses = closing.payload.hypotheses
    without = replace(closing, payload=replace(closing.payload, hypotheses=hypotheses[:index] + hypotheses[index + 1:]))
    assert _discharge(without).verdict != Verdict.PROVED


@pytest.mark.parametrize("node_id", [HYPERBOLIC, "prop:4.7.step-shear-escape"])
def test_the_escapes_use_the_iterate_of_30_and_are_proved(paper_run, node_id):
    """λ(x) = C^n λ(T_h^n x) is iterate-30's induction under (30) along the orbit of x, used at n: no plain
    hypothesis is left, and the kernel accepts every obligation."""
    node = paper_run.by_id[node_id]
    assert node["unjustified"] == [] and node["status"] == "proved", node["unjustified"]
    assert all(o["kernel"] == "accepted" for o in node["obligations"])


@pytest.mark.timeout(300)
def test_the_iterate_is_proved_under_its_schema_and_needed_by_the_escape():
    ob = _ob("prop:4.7.step-iterate-30", "iterate")
    assert isinstance(ob.payload, Induction) and len(ob.payload.schemas) == 1
    assert _discharge(ob).verdict == Verdict.PROVED
    assert _discharge(replace(ob, payload=replace(ob.payload, schemas=()))).verdict != Verdict.PROVED
    escape = _ob(HYPERBOLIC, "escape")
    assert ("prop:4.7.step-iterate-30", "iterate") in {(u["node"], u["obligation"]) for u in escape.uses}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("node_id", ["prop:4.7", CORRECTED])
def test_the_elliptic_case_assumes_c_1_as_a_case_and_uses_the_general_schema(node_id):
    """Clause (ii) is argued for C = 1: that case is a visible hypothesis, the schema is (30) for the statement's
    C, and C^m = 1 comes from the unit-power induction (without it the closing is not proved)."""
    import sympy as sp

    power = _ob("prop:4.7.step-iterate-30", "unit-power")
    assert isinstance(power.payload, Induction) and _discharge(power).verdict == Verdict.PROVED
    ob = _ob(node_id, "elliptic-constant")
    c = sp.Symbol("C", real=True)
    assert [s.formula.has(c) for s in ob.payload.schemas] == [True]
    assert sp.Eq(c, 1) in ob.payload.hypotheses
    assert {("prop:4.7.step-iterate-30", "iterate"), ("prop:4.7.step-iterate-30", "unit-power")} <= {
        (u["node"], u["obligation"]) for u in ob.uses}
    assert all(pair[0].get("sym") != "C" for u in ob.uses for pair in u.get("substitution", []))
    assert _discharge(ob).verdict == Verdict.PROVED
    index = next(u["hypothesis"] for u in ob.uses if u["obligation"] == "unit-power")
    hypotheses = ob.payload.hypotheses
    without = replace(ob, payload=replace(ob.payload, hypotheses=hypotheses[:index] + hypotheses[index + 1:]))
    assert _discharge(without).verdict != Verdict.PROVED
