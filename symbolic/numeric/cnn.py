"""Continuous CNNs (nested quadrature at points) and discrete CNNs (periodic FFT convolution).

The continuous model is equation (4) evaluated literally: each layer is a
quadrature over its filters' support box, so a value at a point needs no grid
of feature maps. The discrete model samples closed-form filters on a pixel grid
of spacing ``h`` and convolves whole maps by FFT on a torus, where integer
shifts and the lattice symmetries (90° rotations, axis reflections) act exactly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .functions import Bump, Function, Gaussian, Sum, Symmetrised
from .quadrature import grid

SIGMAS = {
    "relu": lambda v: np.maximum(v, 0.0),
    "tanh": np.tanh,
    "identity": lambda v: v,
}


@dataclass
class ContinuousCNN:
    """Layers ``i = 1..k``: filters[i][c][m] = λ^{(i)}_{m,c}, biases[i][c], sigma names (equation (4))."""

    filters: list[list[list[Function]]]
    biases: list[np.ndarray]
    sigmas: list[str]

    @property
    def channels(self) -> int:
        return len(self.filters[-1])

    def layer_radii(self) -> list[np.ndarray]:
        """``r(Λ^{(i)}_c) = max_m [r(Λ^{(i-1)}_m) + r(λ^{(i)}_{m,c})]`` (equation (49)), with r(Λ^{(0)}) = 0."""
        prev = np.zeros(1)
        out = []
        for layer in self.filters:
            cur = np.array([max(prev[m] + lam.radius for m, lam in enumerate(row)) for row in layer])
            out.append(cur)
            prev = cur
        return out

    def radius(self) -> float:
        return float(np.max(self.layer_radii()[-1]))

    def evaluate(self, f, x: np.ndarray, n: int, depth: int | None = None) -> np.ndarray:
        """``(Λ^{(depth)} f)(x)`` for rows of ``x``: shape (P, channels), n quadrature nodes per axis per layer."""
        x = np.atleast_2d(np.asarray(x, dtype=float))
        return self._eval(f, x, n, len(self.filters) if depth is None else depth)

    def _eval(self, f, x: np.ndarray, n: int, level: int) -> np.ndarray:
        if level == 0:
            return f(x)[..., None]
        layer = self.filters[level - 1]
        dim = x.shape[-1]
        rad = max(lam.radius for row in layer for lam in row)
        z, w = grid(rad, n, dim)
        lz = np.stack([np.stack([lam(z) for lam in row], axis=-1) for row in layer], axis=-1)  # (G, Cin, Cout)
        keep = np.any(lz != 0.0, axis=(1, 2))
        z, lz = z[keep], lz[keep]
        prev = self._eval(f, x[..., None, :] - z, n, level - 1)                                  # (..., G, Cin)
        pre = np.einsum("...gm,gmc->...c", prev, lz) * w + self.biases[level - 1]
        return SIGMAS[self.sigmas[level - 1]](pre)

    def describe(self) -> dict:
        return {"kind": "continuous_cnn", "sigmas": list(self.sigmas),
                "biases": [np.round(b, 10).tolist() for b in self.biases],
                "filters": [[[lam.describe() for lam in row] for row in layer] for layer in self.filters],
                "radius_49": self.radius()}


def random_filter(rng: np.random.Generator, dim: int, size: float, parts: int = 2) -> Function:
    """A compactly supported, non-symmetric filter: a signed sum of off-centre anisotropic bumps."""
    comps = []
    for _ in range(parts):
        q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
        shape = q @ np.diag(1.0 / (0.5 * size * rng.uniform(0.6, 1.2, size=dim))) @ q.T
        amp = float(rng.normal()) / (1.4 * (0.5 * size) ** dim)   # ∫|λ| of order 1, so layers stay active
        comps.append(Bump(rng.uniform(-0.4, 0.4, size=dim) * size, shape, amp))
    return Sum(tuple(comps))


def random_cnn(rng: np.random.Generator, dim: int, channels: tuple[int, ...], size: float,
               sigmas: tuple[str, ...], group: tuple[np.ndarray, ...] | None = None) -> ContinuousCNN:
    """A random CNN; with ``group``, every filter is averaged over it (so the network is invariant)."""
    filters, biases = [], []
    cin = 1
    for cout in channels:
        layer = []
        for _ in range(cout):
            row = []
            for _ in range(cin):
                lam = random_filter(rng, dim, size)
                row.append(Symmetrised(lam, group) if group else lam)
            layer.append(row)
        filters.append(layer)
        biases.append(rng.normal(scale=0.3, size=cout))
        cin = cout
    return ContinuousCNN(filters, biases, list(sigmas))


# --------------------------------------------------------------------------- discrete


def canvas(n: int, half_width: float) -> tuple[np.ndarray, float]:
    """Pixel centres of an n×n canvas (n odd: the centre pixel is the origin) and the spacing."""
    if n % 2 == 0:
        n += 1
    h = 2.0 * half_width / n
    axis = h * (np.arange(n) - n // 2)
    return np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1), h


@dataclass
class DiscreteCNN:
    """A periodic discrete CNN: kernels[i] has shape (Cout, Cin, k, k) with odd k, centred."""

    kernels: list[np.ndarray]
    biases: list[np.ndarray]
    sigmas: list[str]
    pixel_radii: list[np.ndarray]   # per layer, per (c, m): radius in pixels of the kernel's support

    def _spectra(self, shape: tuple[int, int]) -> list[np.ndarray]:
        """FFTs of the centred, zero-padded kernels for a canvas shape (cached: they do not depend on the input)."""
        cache = self.__dict__.setdefault("_fft_cache", {})
        if shape not in cache:
            out = []
            for ker in self.kernels:
                k = ker.shape[-1]
                pad = np.zeros(ker.shape[:2] + shape)
                pad[..., :k, :k] = ker
                out.append(np.fft.rfft2(np.roll(pad, (-(k // 2), -(k // 2)), axis=(-2, -1))))
            cache[shape] = out
        return cache[shape]

    def __call__(self, image: np.ndarray, depth: int | None = None) -> np.ndarray:
        maps = image[None]
        shape = image.shape
        spectra = self._spectra(shape)
        for i, (fk, b, s) in enumerate(zip(spectra, self.biases, self.sigmas)):
            if depth is not None and i >= depth:
                break
            fm = np.fft.rfft2(maps)
            pre = np.fft.irfft2(np.einsum("mhw,cmhw->chw", fm, fk), s=shape) + b[:, None, None]
            maps = SIGMAS[s](pre)
        return maps

    def radius_49(self) -> float:
        """Equation (49) in pixels: r_c^i = max_m [r_m^{i-1} + r(λ_{m,c})]."""
        prev = np.zeros(1)
        for rad in self.pixel_radii:
            prev = np.array([np.max(prev[: rad.shape[1]] + rad[c]) for c in range(rad.shape[0])])
        return float(np.max(prev))


def discretise(net: ContinuousCNN, h: float) -> DiscreteCNN:
    """Sample a continuous CNN's filters at spacing ``h`` (midpoint rule for every layer's integral)."""
    kernels, radii = [], []
    for layer in net.filters:
        rmax = max(lam.radius for row in layer for lam in row)
        m = int(np.ceil(rmax / h))
        axis = h * np.arange(-m, m + 1)
        pts = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1)
        ker = np.array([[lam(pts) for lam in row] for row in layer]) * h * h
        dist = np.sqrt((pts ** 2).sum(-1)) / h
        rad = np.array([[float(dist[k != 0].max()) if np.any(k != 0) else 0.0 for k in row] for row in ker])
        kernels.append(ker)
        radii.append(rad)
    return DiscreteCNN(kernels, [np.asarray(b) for b in net.biases], list(net.sigmas), radii)


def random_image(rng: np.random.Generator, size: float, parts: int = 4) -> Function:
    """A 2D test image: a sum of off-centre anisotropic Gaussians and bumps within about ``size``."""
    comps: list[Function] = []
    for j in range(parts):
        q, _ = np.linalg.qr(rng.normal(size=(2, 2)))
        shape = q @ np.diag(1.0 / (size * rng.uniform(0.35, 0.6, size=2))) @ q.T
        c = rng.uniform(-0.5, 0.5, size=2) * size
        amp = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 1.5))
        comps.append(Bump(c, shape * 0.5, amp) if j % 2 else Gaussian(c, shape, amp))
    return Sum(tuple(comps))
