"""Images and filters as closed-form functions on R^N, evaluable at any points.

Transformed functions (``T f``, ``D_δ f``, ``c·f``) are new closed forms, so a
transformed image is evaluated exactly, with no interpolation error. Every
function knows a radius ``R`` with ``supp f ⊂ B(0, R)`` (for Gaussians, the radius
beyond which the function is below 1e-11 of its peak) and describes itself as data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

GAUSS_CUT = 7.0  # exp(-49/2) ~ 2e-11: Gaussians are treated as supported within 7 standard deviations


def _r(a) -> list:
    return np.round(np.asarray(a, dtype=float), 10).tolist()


class Function:
    """A real function on R^N: ``f(x)`` for ``x`` of shape (..., N) returns shape (...)."""

    dim: int
    radius: float
    compact: bool = True

    def __call__(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``f(a_i - b_j)`` for the rows of ``a`` (A, N) and ``b`` (B, N), as an (A, B) array.

        The values of ``f`` at ``a[:, None, :] - b[None, :, :]``. Affine pieces (transforms, shifts, the
        quadratic forms of bumps and Gaussians) act on ``a`` and ``b`` separately, so only the last step
        works on A·B values; a quadrature at several points needs no (A, B, N) array of arguments.
        """
        return self(np.asarray(a)[:, None, :] - np.asarray(b)[None, :, :])

    def describe(self) -> dict:
        raise NotImplementedError

    def ellipsoid(self) -> tuple[np.ndarray, np.ndarray] | None:
        """``(c, M)`` with ``supp f ⊂ {|M(x - c)| <= 1}`` when known exactly, else None."""
        return None

    def bounding_box(self) -> tuple[np.ndarray, np.ndarray]:
        """Centre and half-widths of an axis-aligned box containing the support (tight for ellipsoids)."""
        ell = self.ellipsoid()
        if ell is None:
            return np.zeros(self.dim), np.full(self.dim, self.radius)
        c, m = ell
        return c, np.sqrt(np.diag(np.linalg.inv(m.T @ m)))

    # composition helpers, each returns a new closed form
    def precompose(self, a: np.ndarray, scale: float = 1.0) -> "Function":
        """``x -> scale * f(a x)``."""
        return Precomposed(self, np.asarray(a, dtype=float), float(scale))

    def transformed(self, t: np.ndarray) -> "Function":
        """``(T f)(x) = f(T^{-1} x)`` (Definition 2.1)."""
        return self.precompose(np.linalg.inv(t))

    def shifted(self, delta) -> "Function":
        """``(D_δ f)(x) = f(x - δ)`` (Definition 2.2)."""
        return Shifted(self, np.asarray(delta, dtype=float))

    def scaled(self, c: float) -> "Function":
        return Precomposed(self, np.eye(self.dim), float(c))

    def __add__(self, other: "Function") -> "Function":
        return Sum((self, other))


def linear(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``x @ m.T`` for points ``x`` (..., N) and a small matrix ``m``, one output axis at a time.

    With N = 2 or 3, a matrix product over many points spends its time on the tiny inner dimension (and
    on BLAS threads); sums of scaled columns are several times faster, equal up to rounding. The result is
    a view of axis-first storage, so the columns the next map or quadratic form reads are contiguous.
    """
    x = np.asarray(x, dtype=float)
    m = np.asarray(m, dtype=float)
    if m.shape[1] > 4:
        return x @ m.T
    out = np.empty((m.shape[0],) + x.shape[:-1])           # axis-first storage: contiguous columns
    cols = [x[..., j] for j in range(m.shape[1])]
    for i in range(m.shape[0]):
        r = out[i]
        np.multiply(cols[0], m[i, 0], out=r)
        for j in range(1, len(cols)):
            r += cols[j] * m[i, j]
    return np.moveaxis(out, 0, -1)


def _quadratic(m: np.ndarray, c: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``|M(x - c)|²`` for points ``x`` (..., N), an axis at a time (see :func:`linear`)."""
    x = np.asarray(x, dtype=float)
    cols = [x[..., j] - c[j] for j in range(m.shape[1])]
    q = None
    for i in range(m.shape[0]):
        u = cols[0] * m[i, 0]
        for j in range(1, len(cols)):
            u += cols[j] * m[i, j]
        u *= u
        if q is None:
            q = u
        else:
            q += u
    return q


def _pair_quadratic(m: np.ndarray, c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``|M(a_i - b_j - c)|²`` as an (A, B) array: ``M(a - c)`` and ``M b`` once, then one difference per axis."""
    ua, ub = linear(a - c, m), linear(b, m)
    q = np.subtract.outer(ua[:, 0], ub[:, 0])
    q *= q
    for i in range(1, ua.shape[1]):
        d = np.subtract.outer(ua[:, i], ub[:, i])
        d *= d
        q += d
    return q


def pairwise(f, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``f(a_i - b_j)`` as an (A, B) array, for a :class:`Function` or any callable on points."""
    if isinstance(f, Function):
        return f.pairwise(a, b)
    return f(np.asarray(a)[:, None, :] - np.asarray(b)[None, :, :])


@dataclass(eq=False)
class Bump(Function):
    """``a·exp(1 - 1/(1 - |M(x-c)|²))`` inside the ellipsoid ``|M(x-c)| < 1``, else 0 (C^∞, compact)."""

    center: np.ndarray
    shape: np.ndarray
    amplitude: float = 1.0

    def __post_init__(self) -> None:
        self.center = np.asarray(self.center, dtype=float)
        self.shape = np.asarray(self.shape, dtype=float)
        self.dim = self.center.size
        smin = np.linalg.svd(self.shape, compute_uv=False)[-1]
        self.radius = float(np.linalg.norm(self.center) + 1.0 / smin)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self._profile(_quadratic(self.shape, self.center, x))

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self._profile(_pair_quadratic(self.shape, self.center, a, b))

    def _profile(self, q: np.ndarray) -> np.ndarray:
        inside = q < 1.0
        out = np.zeros(q.shape)
        qi = q[inside]
        out[inside] = self.amplitude * np.exp(1.0 - 1.0 / (1.0 - qi))
        return out

    def ellipsoid(self):
        return self.center, self.shape

    def describe(self) -> dict:
        return {"kind": "bump", "center": _r(self.center), "shape": _r(self.shape), "amplitude": self.amplitude}


@dataclass(eq=False)
class Gaussian(Function):
    """``a·p(x-c)·exp(-|M(x-c)|²/2)`` with ``p`` a polynomial of degree <= 2 (``p = 1`` when no coefficients)."""

    center: np.ndarray
    shape: np.ndarray
    amplitude: float = 1.0
    linear: np.ndarray | None = None
    quadratic: np.ndarray | None = None
    compact = False

    def __post_init__(self) -> None:
        self.center = np.asarray(self.center, dtype=float)
        self.shape = np.asarray(self.shape, dtype=float)
        self.dim = self.center.size
        smin = np.linalg.svd(self.shape, compute_uv=False)[-1]
        extra = 1.0 if (self.linear is not None or self.quadratic is not None) else 0.0
        self.radius = float(np.linalg.norm(self.center) + (GAUSS_CUT + extra) / smin)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        val = self.amplitude * np.exp(-0.5 * _quadratic(self.shape, self.center, x))
        if self.linear is None and self.quadratic is None:
            return val
        x = np.asarray(x, dtype=float)
        return val * self._polynomial([x[..., i] - self.center[i] for i in range(self.dim)], val.shape)

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        val = self.amplitude * np.exp(-0.5 * _pair_quadratic(self.shape, self.center, a, b))
        if self.linear is None and self.quadratic is None:
            return val
        ya = a - self.center                                 # y = ya_i - b_j, one (A, B) array per axis
        return val * self._polynomial([np.subtract.outer(ya[:, i], b[:, i]) for i in range(self.dim)], val.shape)

    def _polynomial(self, ys: list[np.ndarray], shape: tuple) -> np.ndarray:
        """``1 + l·y + yᵀ Q y`` from the coordinates ``ys`` of ``y = x - c`` (one array per axis)."""
        p = np.ones(shape)
        if self.linear is not None:
            lin = np.asarray(self.linear, dtype=float)
            acc = ys[0] * lin[0]
            for j in range(1, len(ys)):
                acc += ys[j] * lin[j]
            p = p + acc
        if self.quadratic is not None:
            quad = np.asarray(self.quadratic, dtype=float)
            acc = np.zeros(shape)
            for i, yi in enumerate(ys):
                row = ys[0] * quad[i, 0]
                for j in range(1, len(ys)):
                    row += ys[j] * quad[i, j]
                row *= yi
                acc += row
            p = p + acc
        return p

    def describe(self) -> dict:
        d = {"kind": "gaussian" if self.linear is None and self.quadratic is None else "poly_gaussian",
             "center": _r(self.center), "shape": _r(self.shape), "amplitude": self.amplitude}
        if self.linear is not None:
            d["linear"] = _r(self.linear)
        if self.quadratic is not None:
            d["quadratic"] = _r(self.quadratic)
        return d


@dataclass(eq=False)
class Precomposed(Function):
    """``x -> scale * f(A x)``; its support is ``A^{-1} supp f``."""

    inner: Function
    a: np.ndarray
    scale: float = 1.0

    def __post_init__(self) -> None:
        self.dim = self.inner.dim
        self.compact = self.inner.compact
        self.radius = float(self.inner.radius * np.linalg.norm(np.linalg.inv(self.a), 2))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.scale * self.inner(linear(x, self.a))

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self.scale * pairwise(self.inner, linear(a, self.a), linear(b, self.a))

    def ellipsoid(self):
        inner = self.inner.ellipsoid()
        if inner is None or self.scale == 0.0:
            return None
        c, m = inner                                   # |M(A x - c)| <= 1  <=>  |M A (x - A^{-1} c)| <= 1
        return np.linalg.solve(self.a, c), m @ self.a

    def describe(self) -> dict:
        return {"kind": "precomposed", "A": _r(self.a), "scale": self.scale, "of": self.inner.describe()}


@dataclass(eq=False)
class Shifted(Function):
    """``x -> f(x - δ)``."""

    inner: Function
    delta: np.ndarray

    def __post_init__(self) -> None:
        self.dim = self.inner.dim
        self.compact = self.inner.compact
        self.radius = float(self.inner.radius + np.linalg.norm(self.delta))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.inner(x - self.delta)

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return pairwise(self.inner, a - self.delta, b)

    def ellipsoid(self):
        inner = self.inner.ellipsoid()
        return None if inner is None else (inner[0] + self.delta, inner[1])

    def describe(self) -> dict:
        return {"kind": "shifted", "delta": _r(self.delta), "of": self.inner.describe()}


@dataclass(eq=False)
class Sum(Function):
    parts: tuple[Function, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self.dim = self.parts[0].dim
        self.compact = all(p.compact for p in self.parts)
        self.radius = max(p.radius for p in self.parts)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return sum(p(x) for p in self.parts)

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return sum(pairwise(p, a, b) for p in self.parts)

    def describe(self) -> dict:
        return {"kind": "sum", "parts": [p.describe() for p in self.parts]}


@dataclass(eq=False)
class Symmetrised(Function):
    """``x -> mean_g f(g x)`` over a finite matrix group: invariant under every ``g``."""

    inner: Function
    group: tuple[np.ndarray, ...]

    def __post_init__(self) -> None:
        self.dim = self.inner.dim
        self.compact = self.inner.compact
        self.radius = self.inner.radius * max(np.linalg.norm(np.linalg.inv(g), 2) for g in self.group)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return sum(self.inner(linear(x, g)) for g in self.group) / len(self.group)

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return sum(pairwise(self.inner, linear(a, g), linear(b, g)) for g in self.group) / len(self.group)

    def describe(self) -> dict:
        return {"kind": "symmetrised", "group": [_r(g) for g in self.group], "of": self.inner.describe()}


@dataclass(eq=False)
class Windowed(Function):
    """``x -> f(x) w(|x - c|)`` with ``w = 1`` on ``[0, r1]``, 0 beyond ``r2``: the indicator of the closed ball
    ``B(c, r1)`` when ``r2 == r1``, else a C^∞ cutoff (the ψ and χ the proofs multiply images by)."""

    inner: Function
    center: np.ndarray
    r1: float
    r2: float

    def __post_init__(self) -> None:
        self.center = np.asarray(self.center, dtype=float)
        if not 0.0 <= self.r1 <= self.r2:
            raise ValueError(f"window radii need 0 <= r1 <= r2, got r1={self.r1}, r2={self.r2}")
        self.dim = self.inner.dim
        self.compact = True
        self.radius = float(min(self.inner.radius, np.linalg.norm(self.center) + self.r2)
                            if self.inner.compact else np.linalg.norm(self.center) + self.r2)

    def weight(self, x: np.ndarray) -> np.ndarray:
        t = np.linalg.norm(np.asarray(x, dtype=float) - self.center, axis=-1)
        if self.r2 == self.r1:
            return (t <= self.r1).astype(float)
        s = np.clip((t - self.r1) / (self.r2 - self.r1), 0.0, 1.0)   # smooth step from 1 to 0 on (r1, r2)
        a = np.where(s < 1.0, np.exp(-1.0 / np.maximum(1.0 - s, 1e-300)), 0.0)
        b = np.where(s > 0.0, np.exp(-1.0 / np.maximum(s, 1e-300)), 0.0)
        return a / (a + b)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.inner(x) * self.weight(x)

    def describe(self) -> dict:
        return {"kind": "windowed", "center": _r(self.center), "r1": self.r1, "r2": self.r2,
                "of": self.inner.describe()}


# ------------------------------------------------------------------------ sampling

KINDS = ("bump", "gaussian", "poly_gaussian", "offcentre_bump", "anisotropic_bump")


def _shape(rng: np.random.Generator, dim: int, size: float, anisotropic: bool) -> np.ndarray:
    if not anisotropic:
        return np.eye(dim) / size
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    return q @ np.diag(1.0 / (size * rng.uniform(0.6, 1.4, size=dim))) @ q.T


def sample_function(rng: np.random.Generator, dim: int, kind: str, size: float = 1.0,
                    offset: float = 0.4) -> Function:
    """One closed-form function of ``kind`` with features of about ``size``."""
    amp = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.6, 1.4))
    if kind == "bump":
        return Bump(np.zeros(dim), _shape(rng, dim, size, False), amp)
    if kind == "offcentre_bump":
        return Bump(rng.normal(size=dim) * offset * size, _shape(rng, dim, 0.7 * size, False), amp)
    if kind == "anisotropic_bump":
        return Bump(rng.normal(size=dim) * 0.2 * size, _shape(rng, dim, size, True), amp)
    if kind == "gaussian":
        return Gaussian(rng.normal(size=dim) * 0.2 * size, _shape(rng, dim, size / 2.0, True), amp)
    if kind == "poly_gaussian":
        return Gaussian(rng.normal(size=dim) * 0.2 * size, _shape(rng, dim, size / 2.0, True), amp,
                        linear=rng.normal(size=dim) / size, quadratic=0.5 * rng.normal(size=(dim, dim)) / size**2)
    raise ValueError(f"unknown function kind {kind!r}; known: {', '.join(KINDS)}")


def sample_compact(rng: np.random.Generator, dim: int, size: float = 1.0) -> Function:
    """A compactly supported function (bump family), kind drawn at random."""
    kind = ("bump", "offcentre_bump", "anisotropic_bump")[rng.integers(3)]
    return sample_function(rng, dim, kind, size)


def sample_any(rng: np.random.Generator, dim: int, size: float = 1.0) -> Function:
    return sample_function(rng, dim, KINDS[rng.integers(len(KINDS))], size)


def rotation_group(k: int) -> tuple[np.ndarray, ...]:
    """The cyclic group of the 2D rotations by multiples of 2π/k."""
    out = []
    for j in range(k):
        a = 2 * np.pi * j / k
        out.append(np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]))
    return tuple(out)
