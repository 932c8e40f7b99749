"""Section 2 nodes: every formal obligation is proved by its backend, dims are recorded, and
deliberately wrong variants of Lemma 2.6 and Lemma 2.8 are refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from developments.paper import DEVELOPMENT as dev
from proofs import backends
from proofs.model import Assume, Chain, Identity, Obligation, Step, Verdict
from symbolic.operators import D, T, conv, integral_RN, undefined
from symbolic.spaces import inverse, matrix, nonsingular, vector

SEED = 20201124
FORMAL = backends.FORMAL_BACKENDS


def discharge(ob: Obligation, seed: int = SEED):
    return backends.get(ob.backend).discharge(ob, timeout=60, seed=seed, profile="quick")


def formal(node_id: str) -> list[Obligation]:
    return [ob for ob in dev[node_id].obligations() if ob.backend in FORMAL]


@pytest.mark.parametrize("node_id", ["lemma:2.6", "prop:2.7", "lemma:2.8"])
def test_node_obligations_proved(node_id, paper_run):
    names = {ob.name for ob in formal(node_id)}
    verdicts = paper_run.formal_verdicts(node_id)
    assert names and set(verdicts) == names, (names, verdicts)
    assert set(verdicts.values()) == {"proved"}, verdicts


@pytest.mark.parametrize("node_id", ["lemma:2.6", "prop:2.7", "lemma:2.8"])
def test_dims_recorded_for_n2_and_n3(node_id):
    dims = {ob.dims for ob in formal(node_id)}
    assert dims == {(2,), (3,)}


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_28_with_untransformed_shift_is_refuted(n):
    """(14) with D_δ in place of D_{T_h δ}: T_h D_δ = D_δ T_h is false for general T_h."""
    tm, d, x, f = matrix("T", n), vector("delta", n), vector("x", n), undefined("f", n)
    wrong = Identity((T(tm) @ D(d))(f)(x), (D(d) @ T(tm))(f)(x), assumptions=nonsingular(tm))
    out = discharge(Obligation("wrong-14", wrong, dims=(n,)))
    assert out.verdict == Verdict.REFUTED
    assert out.counterexample and "symbols" in out.counterexample


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_28_15_with_forward_shift_is_refuted(n):
    """(15) with D_{T_h δ} on the right instead of D_{T_h^{-1} δ}."""
    tm, d, x, f = matrix("T", n), vector("delta", n), vector("x", n), undefined("f", n)
    wrong = Identity((D(d) @ T(tm))(f)(x), (T(tm) @ D(tm * d))(f)(x), assumptions=nonsingular(tm))
    assert discharge(Obligation("wrong-15", wrong, dims=(n,))).verdict == Verdict.REFUTED


def test_lemma_28_printed_chain_with_wrong_middle_step_is_refuted():
    n = 2
    tm, d, x, f = matrix("T", n), vector("delta", n), vector("x", n), undefined("f", n)
    chain = Chain((T(tm) @ D(d))(f)(x), (
        Step(f(inverse(tm) * x - d), "definition"),
        Step(f(inverse(tm) * (x - d)), note="wrong: T_h^{-1}(x - δ)"),
    ), assumptions=nonsingular(tm))
    out = discharge(Obligation("wrong-chain", chain, dims=(n,)))
    assert out.verdict == Verdict.REFUTED
    assert out.counterexample["step"] == 2


@pytest.mark.parametrize("n", [2, 3])
def test_lemma_26_with_opposite_filter_shift_is_refuted(n):
    """D_δ Λ_λ = Λ_{D_{-δ} λ} (wrong sign) differs on a Gaussian instance."""
    d, x = vector("delta", n), vector("x", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    wrong = Identity((D(d) @ conv(lam))(f)(x), conv(D(-d)(lam))(f)(x))
    assert discharge(Obligation("wrong-2.6", wrong, dims=(n,))).verdict == Verdict.REFUTED


def test_lemma_26_change_of_variables_with_wrong_shift_is_refuted():
    """Substituting y = u - δ where the printed step needs y = u + δ: the rule does not yield the
    (true) printed integral, so the step is not proved; the two sides agree in value, so there is
    no counterexample and the verdict is unknown."""
    n = 2
    d, x, u = vector("delta", n), vector("x", n), vector("u", n)
    f, lam = undefined("f", n), undefined("lambda", n)
    start = (conv(lam) @ D(d))(f)(x)
    ys = [lim[0] for lim in start.limits]
    chain = Chain(start, (Step(integral_RN(f(u) * lam(x - d - u), u), "change_of_variables",
                               params={"old": ys, "new": list(u), "A": sp.eye(n), "c": -d}),))
    out = discharge(Obligation("wrong-cov", chain, dims=(n,)))
    assert out.verdict == Verdict.UNKNOWN and "step 1" in out.message


def test_section2_dependencies_name_appendix_results():
    assert "prop:A.1" in dev["lemma:2.6"].deps
    assert "prop:A.2" in dev["prop:2.7"].deps


def test_lemma_28_assumes_only_its_own_invertible_t():
    """det T_h != 0 is the statement's (𝒯_h of (5) is invertible): an Assume, the only assumption."""
    for ob in formal("lemma:2.8"):
        assumptions = ob.payload.assumptions
        if ob.justification:          # resolved already (by another test's check of a dependant)
            assert [j["kind"] for j in ob.justification] == ["assume"] * len(assumptions)
        else:
            assert all(isinstance(a, Assume) for a in assumptions)
            assumptions = tuple(a.relation for a in assumptions)
        assert set(assumptions) == set(nonsingular(matrix("T", ob.dims[0])))
