"""Midpoint quadrature of convolution-type integrals, batched over evaluation points.

For compactly supported smooth integrands the midpoint rule on a box containing
the support converges faster than any power of the grid spacing, so residuals
of a true identity fall quickly under refinement while a false one stays put.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .functions import Function, pairwise

MAX_BATCH = 3_000_000  # evaluation points per block (memory bound)


def grid(radius: float, n: int, dim: int, center=None) -> tuple[np.ndarray, float]:
    """Midpoint nodes of the box ``center + [-radius, radius]^dim`` (n per axis) and the cell volume."""
    h = 2.0 * radius / n
    axis = -radius + h * (np.arange(n) + 0.5)
    pts = np.stack(np.meshgrid(*([axis] * dim), indexing="ij"), axis=-1).reshape(-1, dim)
    if center is not None:
        pts = pts + np.asarray(center, dtype=float)
    return pts, h ** dim


def box_grid(center: np.ndarray, half: np.ndarray, n: int) -> tuple[np.ndarray, float]:
    """Midpoint nodes of the box ``center ± half`` (n per axis) and the cell volume."""
    axes = [c - hw + (2 * hw / n) * (np.arange(n) + 0.5) for c, hw in zip(center, half)]
    pts = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(center))
    return pts, float(np.prod(2 * np.asarray(half) / n))


def integrate(integrand: Callable[[np.ndarray], np.ndarray], radius: float, n: int, dim: int,
              batch: int = 1) -> np.ndarray:
    """``∫ integrand(z) dz`` over ``[-radius, radius]^dim``; ``integrand`` maps (G, dim) -> (batch, G)."""
    z, w = grid(radius, n, dim)
    return integrand(z).sum(axis=-1) * w


def convolve_at(f: Function | Callable, lam: Function, x: np.ndarray, n: int) -> np.ndarray:
    """``(Λ_λ f)(x) = ∫ λ(z) f(x - z) dz`` at each row of ``x`` (P, N), on the bounding box of supp ``λ``."""
    x = np.atleast_2d(np.asarray(x, dtype=float))
    center, half = lam.bounding_box()
    z, w = box_grid(center, half, n)
    lz = lam(z)
    keep = lz != 0.0
    z, lz = z[keep], lz[keep]
    out = np.empty(len(x))
    step = max(1, MAX_BATCH // max(1, len(z)))
    for s in range(0, len(x), step):
        xs = x[s:s + step]
        out[s:s + step] = (pairwise(f, xs, z) * lz[None, :]).sum(axis=1) * w
    return out


def sample_on_grid(f: Function | Callable, radius: float, n: int, dim: int) -> tuple[np.ndarray, float]:
    """Values of ``f`` at the midpoint nodes of ``[-radius, radius]^dim`` as an n^dim array."""
    pts, _ = grid(radius, n, dim)
    return f(pts).reshape((n,) * dim), 2.0 * radius / n


def fft_feature_map(f: Function | Callable, lam: Function, radius: float, n: int, dim: int = 2) -> np.ndarray:
    """The whole map ``Λ_λ f`` on the midpoint grid of ``[-radius, radius]^dim`` by FFT convolution.

    ``λ`` is sampled on a centred grid with the same spacing, so the discrete
    convolution is the midpoint rule for the integral at every node at once.
    """
    # imported here: scipy.signal takes 1-3 s to import, which a run that only reads the cache should not pay
    from scipy.signal import fftconvolve
    h = 2.0 * radius / n
    fv, _ = sample_on_grid(f, radius, n, dim)
    m = int(np.ceil(lam.radius / h))
    axis = h * np.arange(-m, m + 1)
    z = np.stack(np.meshgrid(*([axis] * dim), indexing="ij"), axis=-1).reshape(-1, dim)
    kv = lam(z).reshape((2 * m + 1,) * dim)
    return fftconvolve(fv, kv, mode="same") * h ** dim
