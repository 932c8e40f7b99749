"""The clauses of the multi-part claims: each node's statement divided into the parts a reader checks
separately (each conclusion, each case), in the paper's wording, and which obligation establishes which.

``CLAUSES[node id]`` is ``(clauses, table)``: the node declares ``clauses`` (``clauses_of``) and its builder
is wrapped with ``by_clause`` so that each obligation named in ``table`` (by name, or by name without the
``-N2``/``-N3`` suffix) carries that clause. An obligation the table does not name supports the whole
statement. A clause no obligation names stays open: the node's own obligations do not establish it (it is
argued from a dependency no obligation here uses), and the kernel does not count the node as proved.
"""
from __future__ import annotations

from proofs.model import Clause

from ._dev import by_clause as _by_clause

_INV = "𝒯_g = 𝒯_h^{-1}"

CLAUSES: dict[str, tuple[tuple[Clause, ...], dict[str, str]]] = {
    # ------------------------------------------------------------------ Section 2 and Appendix A.1
    "lemma:2.6": ((Clause("D-Lambda", "𝒟_δ Λ_λ = Λ_{𝒟_δ λ}"),
                   Clause("Lambda-D", "Λ_λ 𝒟_δ = Λ_{𝒟_δ λ}")),
                  {"D-Lambda=Lambda_Dlambda": "D-Lambda", "Lambda-D=Lambda_Dlambda": "Lambda-D"}),
    "lemma:2.8": ((Clause("14", "𝒯_h 𝒟_δ = 𝒟_{T_h δ} 𝒯_h (14)"),
                   Clause("15", "𝒟_δ 𝒯_h = 𝒯_h 𝒟_{T_h^{-1} δ} (15)")),
                  {"eq14": "14", "eq15": "15"}),
    "prop:A.1": ((Clause("46", "𝒟_δ Λ_λ = Λ_{𝒟_δ λ} (46)"),
                  Clause("47", "Λ_λ 𝒟_δ = Λ_{𝒟_δ λ} (47)")),
                 {"eq46": "46", "eq47": "47"}),
    # ------------------------------------------------------------------ Appendix A.2
    "prop:A.2": ((Clause("covariant", "every (Λ^{(i)} f)_c of the multi-layer CNN (4) is translation covariant "
                                      "(checked: one layer with M = 1, 2, 3 input channels, and the induction "
                                      "unrolled to depth 2 on a 1 -> 2 -> 2 channel CNN, N = 2, 3; every depth by "
                                      "the induction schema, trusted; more than 3 input channels not checked)"),
                  Clause("semilocal", "every (Λ^{(i)} f)_c of the multi-layer CNN (4) is semi-local, with the "
                                      "radius (49) (checked: the step for M = 2, 3 input channels, "
                                      "and the radii unrolled to depth 2 with M = 2, N = 2, 3; every depth by the "
                                      "induction schema, trusted; more than 3 input channels not checked)")),
                 {"unrolled-depth-2": "semilocal"}),
    # ------------------------------------------------------------------ Section 4.4
    "prop:4.4": ((Clause("inverse", f"𝒯_g Λ_λ 𝒯_h = Λ_λ implies {_INV}"),
                  Clause("filter", "𝒯_g Λ_λ 𝒯_h = Λ_λ implies λ = (det T_h) 𝒯_h^{-1}(λ) (29)")),
                 {"zero-filter-premise": "inverse", "zero-filter-conclusion": "inverse",
                  "reflection-premise": "filter", "reflection-printed-29": "filter"}),
    "prop:4.4.corrected": ((Clause("inverse", f"λ ≠ 0 and 𝒯_g Λ_λ 𝒯_h = Λ_λ imply {_INV}"),
                            Clause("filter", "λ ≠ 0 and 𝒯_g Λ_λ 𝒯_h = Λ_λ imply λ = |det T_h| 𝒯_h^{-1}(λ)")),
                           {"closing": "inverse", "closing-filter": "filter"}),
    # ------------------------------------------------------------------ Section 5.6
    "eq:32-34.inverse": ((Clause("mu", "μ_{Λ_μ} = μ"),
                          Clause("Lambda", "Λ_{μ_Λ} = Λ for translation-covariant Λ")),
                         {"mu-of-Lambda_mu": "mu", "Lambda_mu_Lambda": "Lambda", "Lambda_mu_Lambda-close": "Lambda"}),
    "prop:5.11": ((Clause("inverse", f"𝒯_g Λ_μ 𝒯_h = Λ_μ implies {_INV}"),
                   Clause("invariant", "𝒯_g Λ_μ 𝒯_h = Λ_μ implies μ(𝒯_h f) = μ(f)")),
                  {"constant-premise": "inverse", "printed-conclusion": "inverse"}),
    "prop:5.11.corrected": ((Clause("inverse", f"Λ_μ semi-local and non-constant, 𝒯_g Λ_μ 𝒯_h = Λ_μ: {_INV} (given a "
                                               "bound k of |T_h^{-1} v| <= k|v|, assumed: that every invertible "
                                               "matrix has one is not derived)"),
                             Clause("invariant", "Λ_μ semi-local and non-constant, 𝒯_g Λ_μ 𝒯_h = Λ_μ: "
                                                 "μ(𝒯_h f) = μ(f)")),
                            {"mu_h-nonconstant": "inverse", "close": "inverse"}),
    # ------------------------------------------------------------------ conclusions
    "thm:4.4-conclusion": (
        (Clause("inverse", "single layer (λ ≠ 0, support of finite non-zero measure, N = 2): 𝒯_g Λ_λ 𝒯_h = Λ_λ "
                           f"only if {_INV}"),
         Clause("filter", "single layer: 𝒯_g Λ_λ 𝒯_h = Λ_λ only if λ = |det T_h| 𝒯_h^{-1}λ (the filter is invariant)"),
         Clause("rotation-reflection", "single layer: 𝒯_g Λ_λ 𝒯_h = Λ_λ only if T_h is conjugate to a rotation or "
                                       "a reflection"),
         Clause("excluded", "single layer: non-identity scalings, non-identity shears and maps with |det T_h| ≠ 1 "
                            "fall in the class the classification excludes (not conjugate to a rotation or a "
                            "reflection; with the rotation-reflection clause, no invariant filter of compact support)")),
        {"closing-single-layer": "rotation-reflection", "classification-exhaustive": "rotation-reflection",
         "reflection-square": "rotation-reflection", "trace-conjugation-invariant": "rotation-reflection",
         "det-conjugation-invariant": "rotation-reflection",
         "scaling-excluded": "excluded", "shear-excluded": "excluded", "affine-det-excluded": "excluded"}),
    "thm:5.6-conclusion": (
        (Clause("inverse", "semi-local, translation-covariant Λ_μ with non-constant μ: 𝒯_g Λ_μ 𝒯_h = Λ_μ only if "
                           f"{_INV}"),
         Clause("invariant", "𝒯_g Λ_μ 𝒯_h = Λ_μ only if μ(𝒯_h f) = μ(f)"),
         Clause("unit-eigenvalues", "μ continuous on L^1_loc (CNNs (4) with Lipschitz σ_i and bounded last-layer "
                                    "filters included): all eigenvalues of T_h have modulus 1 (N = 2, 3)"),
         Clause("N2", "μ continuous on L^1_loc, N = 2: T_h is conjugate to a rotation or a reflection"),
         Clause("N3", "μ continuous on L^1_loc, N = 3: T_h is conjugate to an orthogonal map"),
         Clause("cnn-dominated", "every CNN (4) with L^1_comp filters and Lipschitz σ_i is dominated by a kernel "
                                 "k ∈ L^1_comp, and then an eigenvalue off the unit circle makes μ constant on every f "
                                 "with ∫|χf| k < ∞"),
         Clause("cnn-dominated-N2", "for such a CNN and N = 2, so does every T_h not conjugate to a rotation or "
                                    "a reflection"),
         Clause("excluded", "affine maps with |det T_h| ≠ 1, non-identity scalings and non-identity shears fall in "
                            "the cases Props 5.12 and 5.13 exclude (an eigenvalue off the unit circle, or a Jordan "
                            "block; N = 3: the real and complex eigenvalue cases and the shear's powers' step)")),
        {"2d-classification-exhaustive": "N2", "eigen-real-closing": "N2", "eigen-complex-closing": "N2",
         "cnn-dominated-closing": "cnn-dominated",
         "2d-scaling-excluded": "excluded", "2d-shear-excluded": "excluded", "2d-affine-det-excluded": "excluded",
         "eigen-real-det": "excluded", "eigen-complex-det": "excluded", "eigen-scaling": "excluded",
         "eigen-scaling-real": "excluded", "N3-real-eigenvalues": "excluded", "N3-complex-pair": "excluded",
         "N3-shear-power-step": "excluded"}),
    "thm:6": (
        (Clause("translations", "translations commute with a convolution layer's feature extraction: "
                                "𝒟_{-δ} Λ_λ 𝒟_δ = Λ_λ (N = 2, 3; for a CNN, Prop 2.7)"),
         Clause("affine", "the affine group contains a map in the class the conclusion theorems exclude "
                          "(diag(2, 1), |det| ≠ 1)"),
         Clause("scale", "every non-identity scaling kI (k > 0, k ≠ 1) is in the excluded class, so the scale group "
                         "has such elements"),
         Clause("shear", "every non-identity shear is in the excluded class"),
         Clause("invariant-only", "rotations and reflections can be aligned only with invariant filters/features")),
        {"translation-alignment": "translations", "affine-group-excluded": "affine",
         "scale-group-excluded": "scale", "nonidentity-scaling-excluded": "scale", "shear-group-excluded": "shear"}),
}


def clauses_of(node_id: str) -> tuple[Clause, ...]:
    return CLAUSES[node_id][0]


def by_clause(node_id: str):
    return _by_clause(CLAUSES[node_id][1])
