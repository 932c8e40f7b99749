"""Numeric cross-checks on square grids centred at 0, where np.rot90 is the rotation R exactly.

Images and filters are closed-form Gaussians sampled at n x n points (n odd, spacing h);
(Λ_λ f)(x_i) ≈ h^2 Σ_j f(y_j) λ(x_i - y_j) by FFT convolution. The rotation identities hold on the
grid up to rounding, so their residuals are ~1e-16 at every n; the false statement's residual
converges to the continuous disagreement instead, which the numeric backend reads as stable.
"""
from __future__ import annotations

import numpy as np
from scipy.signal import fftconvolve

from proofs import Numeric, NumericResult, Obligation

from ._dev import DEVELOPMENT as dev

HALF_WIDTH = 6.0
SIZES = {"quick": (33, 65, 129), "thorough": (33, 65, 129, 257)}
TOL_EXACT = 1e-10          # identities that hold on the grid up to rounding
TOL_QUAD = 1e-3            # a real disagreement is far above this


def rot(a: np.ndarray, k: int = 1) -> np.ndarray:
    """𝒯_{R^k} on samples: with axis 0 the first coordinate, np.rot90(a, k) samples f∘R^{-k}."""
    return np.rot90(a, k)


def grid(n: int) -> tuple[np.ndarray, np.ndarray, float]:
    h = 2 * HALF_WIDTH / (n - 1)
    t = (np.arange(n) - (n - 1) // 2) * h
    X, Y = np.meshgrid(t, t, indexing="ij")
    return X, Y, h


def gaussian(centre, widths, angle: float = 0.0):
    """An anisotropic Gaussian, rotated by ``angle``: a filter that is not p4-invariant unless round."""
    c, s = np.cos(angle), np.sin(angle)

    def g(X, Y):
        u, v = X - centre[0], Y - centre[1]
        a, b = c * u + s * v, -s * u + c * v
        return np.exp(-(a / widths[0]) ** 2 - (b / widths[1]) ** 2)
    return g


def conv(F: np.ndarray, K: np.ndarray, h: float) -> np.ndarray:
    return fftconvolve(F, K, mode="same") * h * h


def relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def _draw(rng: np.random.Generator) -> dict:
    return {"image_centre": np.round(rng.uniform(-1.5, 1.5, 2), 3).tolist(),
            "image_widths": np.round(rng.uniform(0.8, 1.5, 2), 3).tolist(),
            "filter_centre": np.round(rng.uniform(0.5, 1.0, 2), 3).tolist(),
            "filter_widths": np.round(rng.uniform(0.3, 0.5, 2) * np.array([1.0, 2.5]), 3).tolist(),
            "filter_angle": round(float(rng.uniform(0.2, 0.6)), 3)}


def _functions(p: dict):
    return (gaussian(p["image_centre"], p["image_widths"]),
            gaussian(p["filter_centre"], p["filter_widths"], p["filter_angle"]))


def _result(sizes, residuals, tol, instances, **extra) -> NumericResult:
    return NumericResult(resolutions=tuple(sizes), residuals=tuple(residuals), tolerance=tol,
                         instances=tuple(instances), **extra)


def numeric(node_id: str, name: str, claim: str):
    """Attach ``run(rng, profile) -> NumericResult`` to ``node_id`` as a numeric obligation."""
    def register(run):
        @dev.also(node_id)
        def build():
            yield Obligation(name, Numeric(run, description=run.__doc__ or ""), claim=claim, dims=(2,))
        return run
    return register


@numeric("lemma:R-orthogonal", "numeric-rotations", "M^T M = I, det M = 1 for sampled angles; R^T R = I")
def _rotations(rng, profile):
    """Rotation matrices at sampled angles are orthogonal with determinant 1."""
    angles = rng.uniform(0, 2 * np.pi, 16)
    worst = 0.0
    for t in angles:
        M = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        worst = max(worst, np.max(np.abs(M.T @ M - np.eye(2))), abs(np.linalg.det(M) - 1))
    R = np.array([[0, -1], [1, 0]])
    worst = max(worst, float(np.max(np.abs(R.T @ R - np.eye(2)))))
    return _result((len(angles),), (worst,), TOL_EXACT, [{"angles": np.round(angles, 6).tolist()}])


@numeric("lemma:R-order", "numeric-fourth-power", "rot90 applied four times is the identity on grids")
def _fourth_power(rng, profile):
    """np.rot90 four times returns every sampled grid unchanged; twice is the point reflection."""
    residuals = []
    for n in SIZES[profile]:
        a = rng.normal(size=(n, n))
        residuals.append(max(relative(rot(a, 4), a), relative(rot(a, 2), a[::-1, ::-1])))
    return _result(SIZES[profile], residuals, TOL_EXACT, [])


@numeric("lemma:grid-rotation", "numeric-rot90-samples", "rot90 of the samples of f = samples of f∘R^{-1}")
def _rot90_samples(rng, profile):
    """np.rot90 of a sampled Gaussian equals the Gaussian sampled at R^{-1}x, exactly."""
    p = _draw(rng)
    f, _ = _functions(p)
    residuals = []
    for n in SIZES[profile]:
        X, Y, _h = grid(n)
        residuals.append(relative(rot(f(X, Y)), f(Y, -X)))      # R^{-1}(x, y) = (y, -x)
    return _result(SIZES[profile], residuals, TOL_EXACT, [p])


@numeric("lemma:symmetrised-invariant", "numeric-symmetrised", "the symmetrised kernel is rot90-invariant")
def _symmetrised(rng, profile):
    """Σ_k rot90(K, k) is invariant under rot90 for random kernels K."""
    residuals = []
    for n in SIZES[profile]:
        K = rng.normal(size=(n, n))
        S = sum(rot(K, k) for k in range(4))
        residuals.append(relative(rot(S), S))
    return _result(SIZES[profile], residuals, TOL_EXACT, [])


def _commutation(rng, profile, symmetrise: bool, powers=(1,)) -> tuple[list, dict]:
    p = _draw(rng)
    f, lam = _functions(p)
    residuals = []
    for n in SIZES[profile]:
        X, Y, h = grid(n)
        F, K = f(X, Y), lam(X, Y)
        if symmetrise:
            K = sum(rot(K, k) for k in range(4))
        residuals.append(max(relative(conv(rot(F, k), K, h), rot(conv(F, K, h), k)) for k in powers))
    return residuals, p


@numeric("prop:conv-commutes", "numeric-any-filter", "Λ_λ 𝒯_R f = 𝒯_R Λ_λ f for an anisotropic Gaussian λ")
def _any_filter(rng, profile):
    """An off-centre anisotropic Gaussian filter: rotating the image first changes the result."""
    residuals, p = _commutation(rng, profile, symmetrise=False)
    return _result(SIZES[profile], residuals, TOL_QUAD, [p],
                   counterexample={**p, "relative_disagreement": round(residuals[-1], 6),
                                   "grid": f"{SIZES[profile][-1]}^2 on [-{HALF_WIDTH:g}, {HALF_WIDTH:g}]^2"})


@numeric("prop:conv-commutes.corrected", "numeric-invariant-filter",
         "Λ_λ 𝒯_R f = 𝒯_R Λ_λ f for the symmetrised filter λ = Sφ")
def _invariant_filter(rng, profile):
    """The same filter symmetrised over p4: convolution and rotation commute on the grid."""
    residuals, p = _commutation(rng, profile, symmetrise=True)
    return _result(SIZES[profile], residuals, TOL_EXACT, [p])


def _lift(image: np.ndarray, K: np.ndarray, h: float) -> list[np.ndarray]:
    """(L_λ f)(x, k) = ∫ f(y) λ(R^{-k}(y - x)) dy: convolution with z ↦ λ(-R^{-k}z), i.e. rot90(K, k + 2)."""
    return [conv(image, rot(K, k + 2), h) for k in range(4)]


@numeric("cor:p4-commutes", "numeric-all-of-p4", "Λ_λ 𝒯_g f = 𝒯_g Λ_λ f for g = I, R^2, R^3 and λ = Sφ")
def _all_of_p4(rng, profile):
    """The symmetrised filter commutes with every rotation of p4 on the grid."""
    residuals, p = _commutation(rng, profile, symmetrise=True, powers=(0, 2, 3))
    return _result(SIZES[profile], residuals, TOL_EXACT, [p])


@numeric("thm:lifting-equivariant", "numeric-lifting", "(L_λ 𝒯_R f)(·, k) = 𝒯_R (L_λ f)(·, k-1) on grids")
def _lifting(rng, profile):
    """The lifted correlation stack of a non-invariant filter: rotating the image rotates each channel
    and shifts the channel index by one."""
    p = _draw(rng)
    f, lam = _functions(p)
    residuals = []
    for n in SIZES[profile]:
        X, Y, h = grid(n)
        F, K = f(X, Y), lam(X, Y)

        out, rotated = _lift(F, K, h), _lift(rot(F), K, h)
        residuals.append(max(relative(rotated[k], rot(out[(k - 1) % 4])) for k in range(4)))
    return _result(SIZES[profile], residuals, TOL_EXACT, [p])


def _group_conv(F: list[np.ndarray], psi: list[np.ndarray], h: float) -> list[np.ndarray]:
    """(F ⋆ ψ)(x, k) = Σ_j ∫ F_j(y) ψ_{j-k}(R^{-k}(y - x)) dy on the grid."""
    return [sum(conv(F[j], rot(psi[(j - k) % 4], k + 2), h) for j in range(4)) for k in range(4)]


@numeric("thm:group-conv-equivariant", "numeric-group-conv",
         "((𝒯'_R F) ⋆ ψ)(·, k) = 𝒯_R (F ⋆ ψ)(·, k-1) on grids")
def _group_conv_check(rng, profile):
    """Four-channel lifted maps and filters of anisotropic Gaussians: rotating the input map (each channel
    rotated, the channels shifted by one) rotates and shifts the output."""
    params = [_draw(rng) for _ in range(4)]
    residuals = []
    for n in SIZES[profile]:
        X, Y, h = grid(n)
        F = [_functions(p)[0](X, Y) for p in params]
        psi = [_functions(p)[1](X, Y) for p in params]
        out = _group_conv(F, psi, h)
        rotated = _group_conv([rot(F[(k - 1) % 4]) for k in range(4)], psi, h)
        residuals.append(max(relative(rotated[k], rot(out[(k - 1) % 4])) for k in range(4)))
    return _result(SIZES[profile], residuals, TOL_EXACT, params)

