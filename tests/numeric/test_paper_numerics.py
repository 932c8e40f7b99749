"""The paper's numeric obligations: attachment to declared ids only, and the verdicts on key findings."""
from __future__ import annotations

import numpy as np
import pytest

from developments.paper import numerics
from proofs.backends.numeric_backend import NumericBackend
from proofs.development import Development
from proofs.model import Kind, Verdict


def _outcomes(node_id: str, seed: int = 7) -> dict[str, Verdict]:
    backend = NumericBackend()
    return {ob.name: backend.discharge(ob, timeout=60, seed=seed, profile="quick").verdict
            for ob in numerics.REGISTRY[node_id]}


def test_attaches_only_to_declared_nodes():
    dev = Development("stub")
    for node_id in ("lemma:4.1", "lemma:4.1.corrected", "prop:5.11"):
        dev.claim(Kind.LEMMA, node_id, node_id, "stub")(lambda: ())
    used = numerics.attach(dev)
    assert set(used) <= set(dev.nodes)
    assert "lemma:4.1" in used and "prop:2.7" not in used
    assert numerics.attach(dev) == used            # idempotent
    assert {nid for nid, _, _ in dev.contributions} == set(used)


def test_printed_lemma_41_refuted_and_corrected_form_agrees():
    printed = _outcomes("lemma:4.1")
    corrected = _outcomes("lemma:4.1.corrected")
    assert set(printed.values()) == {Verdict.REFUTED}
    assert set(corrected.values()) == {Verdict.AGREES}


def test_iteration_direction_of_prop_512():
    printed = dict(zip([o.name for o in numerics.REGISTRY["prop:5.12"]], _outcomes("prop:5.12").values()))
    step = next(v for k, v in printed.items() if "as printed" in k)
    assert step == Verdict.REFUTED                    # diag(2,1): B ∩ T^n B = B does not shrink
    assert set(_outcomes("prop:5.12.corrected").values()) == {Verdict.AGREES}


@pytest.mark.parametrize("node_id", ["lemma:2.6", "lemma:2.8", "lemma:4.2", "lemma:5.2", "lemma:5.6",
                                     "eq:32-34.generator", "eq:32-34.inverse", "remark:5.9.nonconstant.corrected"])
def test_true_statements_agree(node_id):
    assert set(_outcomes(node_id).values()) == {Verdict.AGREES}


def test_support_shrinking_measure_matches_geometry():
    from symbolic.numeric.experiments import ball_fraction_kept
    t = np.diag([2.0, 1.0])
    assert ball_fraction_kept(t, 3, 200) == pytest.approx(1.0)
    assert ball_fraction_kept(np.linalg.inv(t), 3, 400) == pytest.approx(1 / 8, rel=0.05)


# proof steps whose claim is a concrete geometric or numeric fact: each is cross-validated on samples
NUMERIC_STEPS = ("lemma:4.2.step-choose-p", "lemma:4.2.step-disjoint-supports", "prop:4.6.step-support-measure",
                 "prop:4.7.step-shear-escape", "prop:4.7.step-hyperbolic-escape", "prop:5.13.step-shear-shrink",
                 "remark:5.14.step-shrink", "lemma:5.10.step-choose-p", "prop:A.2.step-radius-49",
                 "prop:A.2.step-covariance", "prop:4.7.step-jordan-powers.corrected", "prop:5.13.step-jordan-powers",
                 "prop:4.7.step-hyperbolic-powers", "lemma:4.2.step-eq27", "lemma:4.3.step-mollifier-form",
                 "lemma:5.10.step-disjoint", "lemma:4.2.step-nonzero-value", "lemma:4.2.step-eq26",
                 "lemma:4.3.step-difference", "prop:4.4.step-eq28.corrected", "prop:4.4.step-filter-nonzero",
                 "prop:4.5.step-same-values", "prop:4.7.step-case-split", "prop:4.7.step-iterate-30",
                 "prop:4.7.step-elliptic-conjugate", "prop:4.7.step-finite-order-conjugate", "prop:4.7.step-ellipses",
                 "prop:4.7.step-constant-on-ellipses", "prop:5.11.step-40", "prop:5.12.step-43",
                 "prop:5.13.step-cases", "remark:5.14.step-types", "remark:5.14.step-orthogonal",
                 "remark:5.14.step-jordan-powers", "prop:A.2.step-base", "prop:A.2.step-lemma-5.4-ball.corrected",
                 "prop:A.2.step-nonlinearity", "thm:5.6-conclusion.step-cnn-included.corrected",
                 "prop:4.5.step-sup.corrected", "prop:5.12.step-dominated-limits", "lemma:4.2.step-nonzero-response",
                 "prop:5.12.dominated", "remark:5.8.invariant-image.corrected", "prop:4.7.corrected")


@pytest.mark.parametrize("node_id", NUMERIC_STEPS)
def test_geometric_proof_steps_carry_a_numeric_check_that_agrees(node_id):
    from developments.paper import DEVELOPMENT

    assert node_id in DEVELOPMENT
    verdicts = _outcomes(node_id)
    assert verdicts and set(verdicts.values()) == {Verdict.AGREES}, verdicts


def test_printed_jordan_powers_are_refuted_numerically_too():
    verdicts = _outcomes("prop:4.7.step-jordan-powers")
    assert verdicts == {"numeric: [[1,1],[0,1]]^n = [[1,n],[0,1]]": Verdict.AGREES,
                        "numeric as printed: [[-1,1],[0,-1]]^n = [[(-1)^n, n],[0,(-1)^n]]": Verdict.REFUTED}


def test_every_claim_node_of_the_paper_carries_a_numeric_obligation():
    from developments.paper import DEVELOPMENT
    from proofs.model import Kind

    used = set(numerics.attach(DEVELOPMENT))
    claims = [n.id for n in DEVELOPMENT.nodes.values() if n.kind not in (Kind.DEFINITION, Kind.CITED)]
    assert len(claims) >= 80
    assert [nid for nid in claims if nid not in used] == []


# printed statements (or printed proof steps) that are false: the numeric check disagrees as the formal one does
PRINTED_FINDINGS = ("prop:4.4.step-eq28",                     # det T_h where |det T_h| is right
                    "remark:5.9.nonconstant",                 # D_x where D_{-x} is right
                    "prop:A.2.step-lemma-5.4-ball",           # r(λ^(i-1)) where r(λ^(i)) is right
                    "thm:5.6-conclusion.step-cnn-included",   # not printed: unbounded L^1 filter, μ not continuous
                    "prop:5.11", "prop:5.13",                 # a constant CNN satisfies the premise
                    "prop:4.5.step-sup")                      # signed sup flips to the inf for det T_h < 0


def _counterexamples(node_id: str, seed: int = 7) -> list[dict]:
    backend = NumericBackend()
    out = []
    for ob in numerics.REGISTRY[node_id]:
        outcome = backend.discharge(ob, timeout=60, seed=seed, profile="quick")
        assert outcome.verdict == Verdict.REFUTED, (ob.name, outcome.message)
        out.append(outcome.counterexample)
    return out


PREMISE_RECORD = {"remark:5.9.nonconstant": "premise_gap", "prop:5.11": "premise_residuals",
                  "prop:5.13": "premise_residuals"}


@pytest.mark.parametrize("node_id", PRINTED_FINDINGS)
def test_printed_findings_are_refuted_numerically(node_id):
    """Refuted, with a counterexample; where the statement has a premise, the counterexample satisfies it."""
    for cex in _counterexamples(node_id):
        assert cex
        key = PREMISE_RECORD.get(node_id)
        if key is None:
            continue
        assert key in cex, cex
        if key == "premise_gap":                        # remark 5.9: (Λ f)(x) != (Λ 0)(x) does hold there
            assert cex["premise_gap"] >= 2 * numerics.TOL_DIFFER
        else:                                           # 5.11, 5.13: the constant CNN is aligned there
            assert max(cex["premise_residuals"]) <= numerics.TOL_EXACT and cex["gap"] > 0.1


def test_classification_flags_a_map_in_no_listed_case():
    from developments.paper.numerics_steps import _rotation, classify_2d

    assert classify_2d(np.array([[0.0, -2.0], [1.0, 0.0]]))["residual"] == 1.0   # det 2, tr 0: no case applies
    jordan = classify_2d(np.array([[3.0, -4.0], [1.0, -1.0]]))                   # tr 2, det 1, not Id
    assert jordan["case"] == "Jordan" and jordan["residual"] < 1e-12
    hyperbolic = classify_2d(np.diag([2.0, 0.5]))
    assert hyperbolic["case"].startswith("real eigenvalues") and hyperbolic["residual"] == 0.0
    assert classify_2d(np.diag([2.0, 1.0]))["residual"] == 1.0                    # real, but not |d1| > 1 > |d2|
    for theta in (np.pi - 1e-3, 1e-3, np.pi - 1e-7):                              # trace within 1e-6 of ±2
        near = classify_2d(_rotation(theta))
        assert near["case"] == "elliptic" and near["residual"] < 1e-8, (theta, near)


CLOSED_FORM_STEPS = ("prop:4.7.step-case-split", "prop:4.7.step-elliptic-conjugate",
                     "prop:4.7.step-finite-order-conjugate", "prop:4.7.step-ellipses", "prop:5.13.step-cases",
                     "remark:5.14.step-types", "remark:5.14.step-orthogonal", "prop:4.7.step-iterate-30")


@pytest.mark.parametrize("node_id", CLOSED_FORM_STEPS)
def test_closed_form_step_checks_agree_for_many_seeds(node_id):
    """Verdicts must not depend on the seed: the sampled bases, angles and maps vary with it."""
    backend = NumericBackend()
    for ob in numerics.REGISTRY[node_id]:
        verdicts = {seed: backend.discharge(ob, timeout=60, seed=seed, profile="quick").verdict for seed in range(60)}
        assert set(verdicts.values()) == {Verdict.AGREES}, {s: v for s, v in verdicts.items() if v != Verdict.AGREES}


def test_generator_reads_the_image_beyond_a_too_small_ball():
    """The (43) check can fail: cutting the image at half the radius (49) changes μ on a sampled CNN."""
    from developments.paper.numerics_steps import _image, _net
    from symbolic.numeric.functions import Bump, Windowed

    rng = np.random.default_rng(3)
    net, f = _net(rng), _image(rng)
    g = f + Bump(np.array([0.3 * net.radius(), 0.0]), np.eye(2) / 0.3, 2.0)
    origin = np.zeros((1, 2))
    full, cut = (net.evaluate(h, origin, 24) for h in (g, Windowed(g, np.zeros(2), 0.5 * net.radius(),
                                                                    0.5 * net.radius())))
    assert np.max(np.abs(full - cut)) > 1e-3


def test_ellipsoid_generator_is_invariant_where_ball_averages_are_not():
    """Λ_E of the L^1_loc-proper counterexample: sup of centred-ellipse averages is invariant under every sampled
    T_h as the eccentricity bound grows; the plain ball average (K = 1) is not invariant under diag(2, 1)."""
    from developments.paper import numerics_steps as ns
    ob = next(o for o in numerics.REGISTRY["prop:5.12"] if "ellipsoid" in o.name)
    outcome = NumericBackend().discharge(ob, timeout=120, seed=7, profile="quick")
    assert outcome.verdict == Verdict.AGREES, outcome.message
    f = ns._sector_indicator(0.0, np.pi / 4)
    g = lambda y: f(y @ np.diag([0.5, 1.0]).T)
    assert abs(ns._best_ellipse_average(f, 1.0, 1) - ns._best_ellipse_average(g, 1.0, 1)) > 0.15
    assert abs(ns._best_ellipse_average(f, 256.0) - ns._best_ellipse_average(g, 256.0)) < 0.02
