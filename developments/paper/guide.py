"""What the paper says about each kind of linear map, for ``proofs classify``.

The mathematics of the classification lives in ``symbolic.linear_maps``; this module holds the
paper's side: which case of its classification a kind of map is, and which nodes of this
development justify the answers about invariant filters (Props 4.5-4.7) and invariant semi-local
features (Props 5.12, 5.13, Remark 5.14). Case keys are the kinds of ``symbolic.linear_maps``,
with ``involution`` for the orientation-preserving maps of order 2 (-Id in the plane).
"""
from __future__ import annotations

from ._dev import DEVELOPMENT

_YES_FEATURE_2D = [
    ("prop:5.13.corrected", "only maps conjugate to rotations or reflections can have one; this one is"),
    ("lemma:5.6", "a convolution with a compactly supported invariant filter is semi-local: it is one"),
    ("lemma:4.1.corrected", "that convolution's generator is invariant exactly when its filter is"),
]
_YES_FEATURE_3D = [
    ("remark:5.14", "only maps conjugate to an orthogonal matrix can have one; this one is"),
    ("remark:5.14.step-orthogonal", "diagonalizable with unit moduli means conjugate to orthogonal"),
    ("lemma:5.6", "a convolution with a compactly supported invariant filter is semi-local: it is one"),
    ("lemma:4.1.corrected", "that convolution's generator is invariant exactly when its filter is"),
]
_SCALING_FILTER = [
    ("prop:4.5", "(29) is impossible for a bounded non-zero filter unless |det T_h| = 1"),
    ("prop:4.6", "(30) is impossible for a support of finite non-zero measure unless |det T_h| = 1"),
]
_MODULUS_FEATURE = [
    ("prop:5.12.corrected", "an eigenvalue of modulus != 1 makes a continuous invariant generator constant"),
    ("prop:5.12.dominated", "the same for a generator dominated by an L^1_comp kernel (a CNN's)"),
]
_CLAUSE_I_NOTE = ("Prop 4.7 (i) as printed asks lambda to be symmetric; (30) also allows C = -1 when the "
                  "order is even, with lambda(T_h x) = -lambda(x) (see prop:4.7 and prop:4.7.corrected).")
_FILTER_3D_NOTE = ("The paper proves the filter classification in the plane (Prop 4.7) and says a very "
                   "similar analysis is possible in higher dimensions; for N = 3 the answer follows from "
                   "Remark 5.14 applied to the convolution with the filter (semi-local by Lemma 5.6).")

CASES_2D: dict[str, dict] = {
    "identity": {
        "case": "T_h = Id: nothing to classify; every filter and every feature is invariant",
        "classification": [],
        "filter": [("prop:4.4.corrected", ("the invariance condition lambda = |det T_h| T_h^-1 lambda holds "
                                          "for every lambda when T_h = Id"))],
        "feature": [("lemma:5.8", "the invariance condition mu = mu_h holds for every mu when T_h = Id")],
    },
    "involution": {
        "case": "Prop 4.7, first special case: T_h^2 = Id (the reflection around the origin, or a reflection "
                "through a line)",
        "classification": [("cite:HK-3.1-jordan-2d", "Jordan forms of real 2x2 maps"),
                           ("prop:4.7.step-case-split", "the four cases when |det T_h| = 1"),
                           ("prop:4.7.step-finite-order-conjugate", ("T_h^2 = Id: +-Id or conjugate to a "
                                                                    "reflection"))],
        "filter": [("prop:4.7.corrected", ("(30) holds only for maps conjugate to rotations or reflections; "
                                          "for T_h^n = Id, lambda o T_h = C lambda with C = +-1"))],
        "filter_note": _CLAUSE_I_NOTE,
        "feature": _YES_FEATURE_2D,
    },
    "finite-order": {
        "case": "Prop 4.7 (i): elliptic with a rotation by a rational multiple of pi, so T_h^n = Id",
        "classification": [("cite:HK-3.1-jordan-2d", "Jordan forms of real 2x2 maps"),
                           ("prop:4.7.step-case-split", "the four cases when |det T_h| = 1"),
                           ("prop:4.7.step-elliptic-conjugate", "det 1, |tr| < 2: conjugate to a rotation"),
                           ("prop:4.7.step-ellipses", ("rational rotations are exactly the maps of finite "
                                                      "order"))],
        "filter": [("prop:4.7.corrected", ("(30) holds only for maps conjugate to rotations or reflections; "
                                          "for T_h^n = Id, lambda o T_h = C lambda with C = +-1"))],
        "filter_note": _CLAUSE_I_NOTE,
        "feature": _YES_FEATURE_2D,
    },
    "elliptic": {
        "case": "Prop 4.7 (ii): elliptic, conjugate to a rotation by an irrational multiple of pi",
        "classification": [("cite:HK-3.1-jordan-2d", "Jordan forms of real 2x2 maps"),
                           ("prop:4.7.step-case-split", "the four cases when |det T_h| = 1"),
                           ("prop:4.7.step-elliptic-conjugate", "det 1, |tr| < 2: conjugate to a rotation")],
        "filter": [("prop:4.7.corrected", "(30) holds only for maps conjugate to rotations or reflections; "
                                          "for irrational angles lambda is constant on each ellipse"),
                   ("prop:4.7.step-ellipses", "the map preserves the concentric ellipses x^T Q x = c"),
                   ("prop:4.7.step-constant-on-ellipses", ("orbits are dense in them, so lambda is constant "
                                                          "on each")),
                   ("cite:HK-4.1.1-irrational-rotation", "orbits of an irrational rotation are dense")],
        "feature": _YES_FEATURE_2D,
    },
    "shear": {
        "case": "Prop 4.7, Jordan form [[1, 1], [0, 1]] (a shear)",
        "classification": [("cite:HK-3.1-jordan-2d", "Jordan forms of real 2x2 maps"),
                           ("prop:4.7.step-case-split", "the four cases when |det T_h| = 1")],
        "filter": [("prop:4.7.step-jordan-powers.corrected", "T_h^n = B^-1 [[1, n], [0, 1]] B"),
                   ("prop:4.7.step-shear-escape", "everything off the eigenline moves to infinity"),
                   ("prop:4.7.corrected", "so no filter of finite non-zero support measure is invariant")],
        "feature": [("prop:5.13.step-jordan-powers", "powers of the Jordan block"),
                    ("prop:5.13.step-shear-shrink", "B and T_h^n B meet only near the eigenline"),
                    ("prop:5.13.corrected", "so every continuous invariant generator is constant")],
    },
    "hyperbolic": {
        "case": "Prop 4.7, hyperbolic: |det T_h| = 1 and real eigenvalues |d1| > 1 > |d2| "
                "(tr^2 - 4 det > 0)",
        "classification": [("cite:HK-3.1-jordan-2d", "Jordan forms of real 2x2 maps"),
                           ("prop:4.7.step-case-split", "the four cases when |det T_h| = 1")],
        "filter": [("prop:4.7.step-hyperbolic-powers", "T_h^n = B^-1 diag(d1^n, d2^n) B"),
                   ("prop:4.7.step-hyperbolic-escape", "everything off the eigenlines moves to infinity"),
                   ("prop:4.7.corrected", "so no filter of finite non-zero support measure is invariant")],
        "feature": _MODULUS_FEATURE,
    },
    "scaling": {
        "case": "|det T_h| != 1 (a uniform or non-uniform scaling component): Props 4.5, 4.6, 5.12",
        "classification": [],
        "filter": _SCALING_FILTER,
        "feature": _MODULUS_FEATURE,
    },
}
_PRINTED_DET_NOTE = ("Orientation reversing: (29) as printed, lambda = (det T_h) T_h^-1 lambda, would ask "
                     "lambda(T_h x) = -lambda(x); but the change of variables in Lemma 4.1 gives |det T_h|, "
                     "so the condition is plain invariance (see lemma:4.1 and lemma:4.1.corrected).")
_DET_NODES = [("lemma:4.1.corrected", "the factor is |det T_h| = 1 (as printed, det T_h = -1)")]
CASES_2D["reflection-like"] = {**CASES_2D["involution"],
                               "filter_note": _CLAUSE_I_NOTE + " " + _PRINTED_DET_NOTE,
                               "filter": CASES_2D["involution"]["filter"] + _DET_NODES}
CASES_2D["parabolic"] = {**CASES_2D["shear"],
                         "case": "Prop 4.7, Jordan form [[-1, 1], [0, -1]] (minus a shear)"}
CASES_2D["general"] = {**CASES_2D["scaling"],
                       "case": "|det T_h| != 1 with a Jordan block (scaling and shear): Props 4.5, 4.6, 5.12"}

_TYPES_3D = [("cite:real-jordan-form", "real Jordan normal form"),
             ("remark:5.14.step-types", "the real Jordan types of a 3x3 map, split by eigenvalue moduli")]

CASES_3D: dict[str, dict] = {
    "identity": CASES_2D["identity"],
    "involution": {
        "case": "Remark 5.14: conjugate to an orthogonal matrix, T_h^2 = Id",
        "classification": _TYPES_3D + [("remark:5.14.step-orthogonal",
                                        "diagonalizable with eigenvalues +-1: conjugate to orthogonal")],
        "filter": [("remark:5.14", "invariance only for maps conjugate to orthogonal ones; this one is")],
        "feature": _YES_FEATURE_3D,
        "filter_note": _FILTER_3D_NOTE,
    },
    "finite-order": {
        "case": "Remark 5.14: conjugate to an orthogonal matrix (a rotation by a rational multiple of pi "
                "about an axis, possibly with a reflection), T_h^n = Id",
        "classification": _TYPES_3D + [("remark:5.14.step-orthogonal", ("a rotation block with unit moduli: "
                                                                       "conjugate to orthogonal"))],
        "filter": [("remark:5.14", "invariance only for maps conjugate to orthogonal ones; this one is")],
        "feature": _YES_FEATURE_3D,
        "filter_note": _FILTER_3D_NOTE,
    },
    "elliptic": {
        "case": "Remark 5.14: conjugate to an orthogonal matrix, with a rotation by an irrational multiple "
                "of pi",
        "classification": _TYPES_3D + [("remark:5.14.step-orthogonal", ("a rotation block with unit moduli: "
                                                                       "conjugate to orthogonal"))],
        "filter": [("remark:5.14", "invariance only for maps conjugate to orthogonal ones; this one is"),
                   ("cite:HK-4.1.1-irrational-rotation", ("orbits of the irrational rotation are dense in "
                                                         "the invariant ellipses"))],
        "feature": _YES_FEATURE_3D,
        "filter_note": _FILTER_3D_NOTE,
    },
    "shear": {
        "case": "Remark 5.14: a Jordan block with eigenvalue 1, not conjugate to an orthogonal matrix",
        "classification": _TYPES_3D,
        "filter": [("remark:5.14", "no invariance for maps not conjugate to orthogonal ones"),
                   ("lemma:5.6", "a convolution with a compactly supported filter is semi-local"),
                   ("lemma:4.3", "a constant convolution feature has the zero filter")],
        "feature": [("remark:5.14.step-jordan-powers", "powers of the 3x3 Jordan types"),
                    ("remark:5.14.step-shrink", "B and T_h^-n B meet only near a proper subspace"),
                    ("remark:5.14", "so every continuous invariant generator is constant")],
        "filter_note": _FILTER_3D_NOTE,
    },
    "hyperbolic": {
        "case": "Remark 5.14 / Prop 5.12: |det T_h| = 1 but an eigenvalue of modulus != 1",
        "classification": _TYPES_3D,
        "filter": [("prop:5.12.corrected", "no non-constant invariant feature, so none from a convolution"),
                   ("lemma:5.6", "a convolution with a compactly supported filter is semi-local"),
                   ("lemma:4.3", "a constant convolution feature has the zero filter")],
        "feature": _MODULUS_FEATURE,
        "filter_note": _FILTER_3D_NOTE,
    },
    "scaling": CASES_2D["scaling"],
    "general": CASES_2D["general"],
}
CASES_3D["reflection-like"] = {**CASES_3D["involution"],
                               "filter_note": _PRINTED_DET_NOTE + " " + _FILTER_3D_NOTE,
                               "filter": CASES_3D["involution"]["filter"] + _DET_NODES}
CASES_3D["parabolic"] = {**CASES_3D["shear"],
                         "case": "Remark 5.14: a Jordan block with eigenvalue -1, not conjugate to an "
                                 "orthogonal matrix"}


def _entry(case: dict) -> dict:
    """Node lists as [{"node", "why"}], so that the metadata is plain JSON-like data."""
    return {key: ([{"node": n, "why": w} for n, w in value] if isinstance(value, list) else value)
            for key, value in case.items()}


CLASSIFY = {
    "format": 1,
    "filter_question": "a non-zero filter of compact support (support of finite, non-zero measure) with "
                       "lambda = C T_h^-1 lambda (eq. 29/30)",
    "feature_question": "a non-constant, continuous, semi-local, translation-covariant feature with "
                        "mu(T_h f) = mu(f) (eq. 42)",
    "conclusions": [{"node": "thm:4.4-conclusion", "why": "single layer: alignment only for rotations and "
                                                          "reflections with invariant filters"},
                    {"node": "thm:5.6-conclusion", "why": "multi-layer: the same for invariant features"},
                    {"node": "thm:6", "why": "no affine-, scale- or shear-invariance by spatial "
                                                       "transformations of feature maps"}],
    "cases": {"2": {k: _entry(v) for k, v in CASES_2D.items()},
              "3": {k: _entry(v) for k, v in CASES_3D.items()}},
}

DEVELOPMENT.metadata["classify"] = CLASSIFY
