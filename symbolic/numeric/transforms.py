"""Sampled linear maps ``T_h`` from every class the paper's statements range over.

Each sample carries its class name and matrix so a counterexample can be
reported as data (the matrix as nested lists), never as code.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLASSES: tuple[str, ...] = (
    "rotation", "reflection", "uniform_scaling", "nonuniform_scaling", "shear",
    "hyperbolic", "affine_pos", "affine_neg",
)
ORIENTATION_REVERSING = ("reflection", "affine_neg")
NON_ORTHOGONAL = ("uniform_scaling", "nonuniform_scaling", "shear", "hyperbolic", "affine_pos", "affine_neg")


@dataclass(frozen=True)
class Transform:
    """A sampled invertible matrix ``T`` with the class it was drawn from."""

    name: str
    cls: str
    matrix: np.ndarray

    @property
    def dim(self) -> int:
        return self.matrix.shape[0]

    @property
    def inverse(self) -> np.ndarray:
        return np.linalg.inv(self.matrix)

    @property
    def det(self) -> float:
        return float(np.linalg.det(self.matrix))

    def describe(self) -> dict:
        return {"name": self.name, "class": self.cls, "matrix": np.round(self.matrix, 12).tolist(),
                "det": self.det}


def _random_orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    q = q * np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


def random_basis(rng: np.random.Generator, n: int) -> np.ndarray:
    """A change of basis with singular values in [0.6, 1.6]: condition number below 2.7, so grids stay
    moderate and conjugates B M B^-1 keep the accuracy of M."""
    u, v = _random_orthogonal(rng, n), _random_orthogonal(rng, n)
    return u @ np.diag(rng.uniform(0.6, 1.6, size=n)) @ v


def rotation(rng: np.random.Generator, n: int) -> np.ndarray:
    q = _random_orthogonal(rng, n)
    while np.allclose(q, np.eye(n), atol=0.2):
        q = _random_orthogonal(rng, n)
    return q


def reflection(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=n)
    v /= np.linalg.norm(v)
    return np.eye(n) - 2.0 * np.outer(v, v)


def uniform_scaling(rng: np.random.Generator, n: int) -> np.ndarray:
    s = rng.uniform(1.3, 2.0) if rng.random() < 0.5 else rng.uniform(0.5, 0.77)
    return s * np.eye(n)


def nonuniform_scaling(rng: np.random.Generator, n: int) -> np.ndarray:
    s = rng.uniform(0.5, 2.0, size=n)
    s[0] = rng.uniform(1.4, 2.0)  # at least one axis clearly scaled
    return np.diag(rng.permutation(s))


def shear(rng: np.random.Generator, n: int) -> np.ndarray:
    m = np.eye(n)
    i, j = rng.choice(n, size=2, replace=False)
    m[i, j] = rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 1.2)
    return m


def hyperbolic(rng: np.random.Generator, n: int) -> np.ndarray:
    """det = 1 with real eigenvalues d, 1/d (|d| > 1) in a random basis."""
    d = rng.uniform(1.4, 2.0)
    diag = np.ones(n)
    diag[0], diag[1] = d, 1.0 / d
    b = random_basis(rng, n)
    return b @ np.diag(diag) @ np.linalg.inv(b)


def affine_pos(rng: np.random.Generator, n: int) -> np.ndarray:
    while True:
        m = np.eye(n) + rng.normal(scale=0.45, size=(n, n))
        d = np.linalg.det(m)
        s = np.linalg.svd(m, compute_uv=False)
        if d > 0 and abs(abs(d) - 1) > 0.15 and s[-1] > 0.35 and s[0] < 2.2:
            return m


def affine_neg(rng: np.random.Generator, n: int) -> np.ndarray:
    m = affine_pos(rng, n)
    m[:, 0] = -m[:, 0]
    return m


_SAMPLERS = {
    "rotation": rotation, "reflection": reflection, "uniform_scaling": uniform_scaling,
    "nonuniform_scaling": nonuniform_scaling, "shear": shear, "hyperbolic": hyperbolic,
    "affine_pos": affine_pos, "affine_neg": affine_neg,
}


def sample(rng: np.random.Generator, cls: str, dim: int, index: int = 0) -> Transform:
    """One map of class ``cls`` in dimension ``dim``."""
    if cls not in _SAMPLERS:
        raise ValueError(f"unknown transformation class {cls!r}; known: {', '.join(CLASSES)}")
    return Transform(f"{cls}{dim}d#{index}", cls, _SAMPLERS[cls](rng, dim))


def sample_classes(rng: np.random.Generator, dims: tuple[int, ...], per_class: int,
                   classes: tuple[str, ...] = CLASSES) -> list[Transform]:
    """``per_class`` maps of each class in each dimension, in a reproducible order."""
    return [sample(rng, cls, dim, i) for dim in dims for cls in classes for i in range(per_class)]


def fixed(name: str, cls: str, matrix) -> Transform:
    return Transform(name, cls, np.asarray(matrix, dtype=float))
