"""Whole-map experiments: discrete CNN covariance, semi-locality radii, support measures, alignment.

These produce the evidence for the multi-layer results and for the proof steps
about supports under iteration; every quantity is measured, none is assumed.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.ndimage import map_coordinates, spline_filter

from .cnn import DiscreteCNN, canvas, discretise, random_cnn, random_image
from .functions import linear, rotation_group

REFLECT_X = np.array([[-1.0, 0.0], [0.0, 1.0]])
ROT90 = np.array([[0.0, -1.0], [1.0, 0.0]])


# ----------------------------------------------------------------- support measures under iteration


@lru_cache(maxsize=8)
def _ball_nodes(dim: int, res: int, radius: float) -> np.ndarray:
    """The midpoint nodes (res per axis) of ``[-radius, radius]^dim`` inside the open ball of ``radius`` (read-only)."""
    h = 2.0 * radius / res
    axis = -radius + h * (np.arange(res) + 0.5)
    pts = np.stack(np.meshgrid(*([axis] * dim), indexing="ij"), axis=-1).reshape(-1, dim)
    inside = (pts ** 2).sum(-1) < radius ** 2
    pts = pts[inside]
    pts.setflags(write=False)
    return pts


def ball_fraction_kept(t: np.ndarray, n: int, res: int, radius: float = 1.0) -> float:
    """``|B ∩ T^n(B)| / |B|`` for the ball B of ``radius`` about the origin, by counting grid cells.

    ``T^n(B)`` is the support of ``𝒯_h^n χ`` (``(𝒯^n g)(x) = g(T^{-n} x)``), so this is
    the measure of ``supp χ·𝒯_h^n(χ f)`` relative to ``|B|`` when ``χ f`` is non-zero on B.
    The nodes inside B depend only on (dimension, res, radius) and are computed once.
    """
    dim = t.shape[0]
    pts = _ball_nodes(dim, int(res), float(radius))
    back = linear(pts, np.linalg.matrix_power(np.linalg.inv(t), n))   # T^{-n} x ∈ B  <=>  x ∈ T^n B
    sq = back[:, 0] * back[:, 0]
    for i in range(1, dim):
        sq += back[:, i] * back[:, i]
    return float(np.mean(sq < radius ** 2))


def support_measure(fn, t: np.ndarray | None, radius: float, res: int, dim: int) -> float:
    """Measure of ``{x : fn(t x) != 0}`` (``t=None``: of ``{fn != 0}``) by counting cells of a box grid."""
    h = 2.0 * radius / res
    axis = -radius + h * (np.arange(res) + 0.5)
    pts = np.stack(np.meshgrid(*([axis] * dim), indexing="ij"), axis=-1).reshape(-1, dim)
    vals = fn(pts if t is None else linear(pts, np.asarray(t)))
    return float(np.count_nonzero(vals) * h ** dim)


# ----------------------------------------------------------------- discrete CNN experiments


def discrete_translation_residual(net: DiscreteCNN, image: np.ndarray, shift: tuple[int, int]) -> float:
    """``max |Λ D_δ f - D_δ Λ f| / max |Λ f|`` for an integer shift on the torus (Proposition 2.7)."""
    a = net(np.roll(image, shift, axis=(0, 1)))
    b = np.roll(net(image), shift, axis=(1, 2))
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def discrete_semilocality(net: DiscreteCNN, image: np.ndarray, rng: np.random.Generator,
                          probes: int = 24) -> dict:
    """Perturb single pixels and measure where the output at the centre pixel changes.

    Returns the largest change from perturbations strictly outside the radius of
    equation (49) (should be 0) and the largest distance at which any change was seen.
    """
    n = image.shape[0]
    c = n // 2
    r49 = net.radius_49()
    base = net(image)[:, c, c]
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    dist = np.sqrt((ii - c) ** 2 + (jj - c) ** 2)
    outside = np.argwhere((dist > r49 + 1e-9) & (dist <= min(r49 + 4, c)))
    inside = np.argwhere(dist <= r49)
    scale = max(float(np.max(np.abs(image))), 1.0)
    out_change, in_dist = 0.0, 0.0
    for _k, idx in enumerate(np.concatenate([outside[rng.choice(len(outside), min(probes, len(outside)),
                                                                 replace=False)],
                                             inside[rng.choice(len(inside), min(probes, len(inside)),
                                                               replace=False)]])):
        img = image.copy()
        img[tuple(idx)] += 3.0 * scale
        change = float(np.max(np.abs(net(img)[:, c, c] - base)))
        d = float(dist[tuple(idx)])
        if d > r49:
            out_change = max(out_change, change)
        elif change > 1e-12 * max(float(np.max(np.abs(base))), 1e-300):
            in_dist = max(in_dist, d)
    return {"radius_49_px": r49, "max_change_outside": out_change, "largest_changing_distance_px": in_dist,
            "output_scale": float(np.max(np.abs(base)) + 1e-300)}


# ----------------------------------------------------------------- alignment (Figures 2 and 3)


def _l2(a: np.ndarray) -> float:
    return float(np.sqrt(np.sum(a * a)))


def _warp(maps: np.ndarray, a: np.ndarray, coords: np.ndarray, h: float, background: np.ndarray,
          prefiltered: bool = False) -> np.ndarray:
    """``(𝒯_A G)(x) = G(A^{-1} x)`` at the pixel centres ``coords`` by cubic interpolation of each channel."""
    n = maps.shape[-1]
    src = coords.reshape(-1, 2) @ np.linalg.inv(a).T / h + n // 2
    out = np.empty_like(maps)
    for ch in range(maps.shape[0]):
        coeffs = maps[ch] if prefiltered else spline_filter(maps[ch], order=3, mode="constant")
        out[ch] = map_coordinates(coeffs, src.T, order=3, mode="constant", cval=float(background[ch]),
                                  prefilter=False).reshape(n, n)
    return out


def _lattice_action(maps: np.ndarray, a: np.ndarray) -> np.ndarray | None:
    """``𝒯_A G`` exactly, when A is a signed permutation (it then permutes the pixels of an odd canvas)."""
    if not np.allclose(np.abs(a).sum(0), 1) or not np.allclose(np.round(a), a):
        return None
    n = maps.shape[-1]
    c = n // 2
    idx = np.stack(np.meshgrid(np.arange(n) - c, np.arange(n) - c, indexing="ij"), axis=-1).reshape(-1, 2)
    src = np.rint(idx @ np.linalg.inv(a).T).astype(int) + c
    return maps[:, src[:, 0], src[:, 1]].reshape(maps.shape)


def candidate_family(t: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Spatial transforms ``T_g = T_H 𝒯_h^{-1}`` to search: T_H near the identity (scalings, rotations, shears)."""
    tinv = np.linalg.inv(t)
    out = [("T_h^-1", tinv)]
    for s in (0.6, 0.75, 0.9, 1.1, 1.3, 1.6):
        out.append((f"scale{s}·T_h^-1", s * tinv))
    for sx, sy in ((0.8, 1.25), (1.25, 0.8)):
        out.append((f"diag({sx},{sy})·T_h^-1", np.diag([sx, sy]) @ tinv))
    for ang in (-20, -10, 10, 20):
        a = np.deg2rad(ang)
        out.append((f"rot{ang}·T_h^-1", np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) @ tinv))
    for sh in (-0.3, 0.3):
        out.append((f"shear{sh}·T_h^-1", np.array([[1.0, sh], [0.0, 1.0]]) @ tinv))
    out.append(("identity", np.eye(2)))
    return out


def alignment_residuals(net: DiscreteCNN, f, t: np.ndarray, n: int, half_width: float,
                        natural_only: bool = False) -> dict:
    """Best alignment of ``Λ 𝒯_h f`` to ``Λ f`` over the candidate family, relative to ``|Λ f - Λ 0|``.

    Images are sampled from closed forms (no interpolation of inputs); candidates that
    permute the lattice act exactly, the others by cubic interpolation of the feature maps.
    """
    coords, h = canvas(n, half_width)
    ref = net(f(coords))
    moved = net(f(coords @ np.linalg.inv(t).T))
    background = net(np.zeros(coords.shape[:2]))[:, 0, 0]
    # relative to the image-dependent part of the feature maps; a network that ignores the image (its maps
    # equal the background, e.g. every ReLU dead) is measured against the maps themselves
    norm = _l2(ref - background[:, None, None]) or max(_l2(ref), 1e-12)
    results = []
    coeffs = None
    for name, a in candidate_family(t)[: 1 if natural_only else None]:
        warped = _lattice_action(moved, a)
        exact = warped is not None
        if warped is None:
            if coeffs is None:
                coeffs = np.stack([spline_filter(m, order=3, mode="constant") for m in moved])
            warped = _warp(coeffs, a, coords, h, background, prefiltered=True)
        results.append((_l2(warped - ref) / norm, name, exact))
    best = min(results)
    natural = results[0]
    return {"residual": best[0], "best_candidate": best[1], "exact": best[2],
            "residual_at_T_h_inverse": natural[0], "candidates": len(results)}


def interpolation_floor(net_pointwise: DiscreteCNN, f, t: np.ndarray, n: int, half_width: float) -> float:
    """The same alignment for a pointwise network (1×1 filters), which commutes with every 𝒯_h:
    what remains is the interpolation error of the feature-map warp (a control)."""
    return alignment_residuals(net_pointwise, f, t, n, half_width, natural_only=True)["residual_at_T_h_inverse"]


def pointwise_net(rng: np.random.Generator, channels: tuple[int, ...], sigmas: tuple[str, ...]) -> DiscreteCNN:
    kernels, biases, radii = [], [], []
    cin = 1
    for cout in channels:
        kernels.append(rng.normal(size=(cout, cin, 1, 1)))
        biases.append(rng.normal(scale=0.3, size=cout))
        radii.append(np.zeros((cout, cin)))
        cin = cout
    return DiscreteCNN(kernels, biases, list(sigmas), radii)


SYMMETRIC_CASES = {
    "rotation90": (ROT90, rotation_group(4)),
    "reflection": (REFLECT_X, (np.eye(2), REFLECT_X)),
}


def random_discrete_net(rng: np.random.Generator, h: float, channels=(4, 4, 3), sigmas=("relu", "tanh", "relu"),
                        size: float = 0.2, group=None) -> DiscreteCNN:
    return discretise(random_cnn(rng, 2, tuple(channels), size, tuple(sigmas), group=group), h)


__all__ = ["ball_fraction_kept", "support_measure", "discrete_translation_residual", "discrete_semilocality",
           "alignment_residuals", "interpolation_floor", "pointwise_net", "candidate_family",
           "random_discrete_net", "random_image", "SYMMETRIC_CASES", "ROT90", "REFLECT_X"]
